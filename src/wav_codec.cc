#include "wav_codec.h"

#include <algorithm>
#include <cstring>

namespace rtc_audio {
namespace {

constexpr uint16_t kFormatPcm = 1;
constexpr uint16_t kFormatExtensible = 0xFFFE;

void PutU16(uint8_t* p, uint32_t v) {
  p[0] = static_cast<uint8_t>(v);
  p[1] = static_cast<uint8_t>(v >> 8);
}
void PutU32(uint8_t* p, uint32_t v) {
  PutU16(p, v & 0xFFFF);
  PutU16(p + 2, v >> 16);
}
uint16_t GetU16(const uint8_t* p) { return static_cast<uint16_t>(p[0] | (p[1] << 8)); }
uint32_t GetU32(const uint8_t* p) { return GetU16(p) | (uint32_t{GetU16(p + 2)} << 16); }
bool TagIs(const uint8_t* p, const char (&tag)[5]) { return std::memcmp(p, tag, 4) == 0; }

}  // namespace

StatusCode WriteWavHeader(int32_t sample_rate_hz, int32_t num_channels, uint32_t data_bytes,
                          std::span<uint8_t> out) {
  if (auto s = ValidateSampleRate(sample_rate_hz); !IsOk(s)) return s;
  if (auto s = ValidateChannelCount(num_channels); !IsOk(s)) return s;
  if (out.size() < kWavHeaderBytes) return StatusCode::kOutputTooSmall;
  const auto rate = static_cast<uint32_t>(sample_rate_hz);
  const auto channels = static_cast<uint32_t>(num_channels);
  uint8_t* h = out.data();
  std::memcpy(h, "RIFF", 4);
  PutU32(h + 4, 36 + data_bytes);
  std::memcpy(h + 8, "WAVE", 4);
  std::memcpy(h + 12, "fmt ", 4);
  PutU32(h + 16, 16);
  PutU16(h + 20, kFormatPcm);
  PutU16(h + 22, channels);
  PutU32(h + 24, rate);
  PutU32(h + 28, rate * channels * 2);
  PutU16(h + 32, channels * 2);
  PutU16(h + 34, 16);
  std::memcpy(h + 36, "data", 4);
  PutU32(h + 40, data_bytes);
  return StatusCode::kOk;
}

StatusCode EncodeWav(std::span<const int16_t> samples, int32_t sample_rate_hz,
                     int32_t num_channels, std::span<uint8_t> out) {
  // 36 + data_bytes must fit the RIFF size field.
  if (samples.size() > (size_t{0xFFFFFFFF} - 36) / 2) return StatusCode::kInvalidFrameCount;
  if (out.size() < WavEncodedBytes(samples.size())) return StatusCode::kOutputTooSmall;
  const auto data_bytes = static_cast<uint32_t>(samples.size() * 2);
  if (auto s = WriteWavHeader(sample_rate_hz, num_channels, data_bytes, out); !IsOk(s)) {
    return s;
  }
  uint8_t* p = out.data() + kWavHeaderBytes;
  for (int16_t v : samples) {
    PutU16(p, static_cast<uint16_t>(v));
    p += 2;
  }
  return StatusCode::kOk;
}

StatusCode ParseWav(std::span<const uint8_t> bytes, WavInfo* info) {
  if (bytes.size() < 12) return StatusCode::kWavTruncated;
  if (!TagIs(bytes.data(), "RIFF") || !TagIs(bytes.data() + 8, "WAVE")) {
    return StatusCode::kWavNotRiffWave;
  }
  bool have_format = false;
  size_t pos = 12;
  while (true) {
    if (bytes.size() - pos < 8) {
      return have_format ? StatusCode::kWavNoDataChunk : StatusCode::kWavNoFormatChunk;
    }
    const uint8_t* chunk = bytes.data() + pos;
    const size_t declared = GetU32(chunk + 4);
    const size_t body = pos + 8;
    const size_t available = bytes.size() - body;

    if (TagIs(chunk, "fmt ")) {
      if (declared < 16 || available < 16) return StatusCode::kWavTruncated;
      uint16_t tag = GetU16(chunk + 8);
      const uint32_t channels = GetU16(chunk + 10);
      const uint32_t rate = GetU32(chunk + 12);
      const uint32_t byte_rate = GetU32(chunk + 16);
      const uint32_t block_align = GetU16(chunk + 20);
      const uint32_t bits = GetU16(chunk + 22);
      if (tag == kFormatExtensible) {
        // cbSize(2) validBits(2) channelMask(4) subFormat GUID(16): first 2 bytes = tag.
        if (declared < 40 || available < 40) return StatusCode::kWavTruncated;
        tag = GetU16(chunk + 8 + 24);
      }
      if (tag != kFormatPcm) return StatusCode::kWavUnsupportedFormat;
      if (bits != 16) return StatusCode::kWavUnsupportedBits;
      if (auto s = ValidateChannelCount(channels); !IsOk(s)) return s;
      if (auto s = ValidateSampleRate(rate); !IsOk(s)) return s;
      if (block_align != channels * 2 || byte_rate != rate * channels * 2) {
        return StatusCode::kWavBadBlockAlign;
      }
      info->format.sample_rate_hz = static_cast<int32_t>(rate);
      info->format.num_channels = static_cast<int32_t>(channels);
      have_format = true;
    } else if (TagIs(chunk, "data")) {
      if (!have_format) return StatusCode::kWavNoFormatChunk;
      const size_t block = size_t{2} * static_cast<size_t>(info->format.num_channels);
      const size_t frames = std::min(declared, available) / block;
      info->format.frames_per_channel = static_cast<int64_t>(frames);
      info->data_offset = body;
      info->data_bytes = frames * block;
      return StatusCode::kOk;
    }
    // Skip the chunk body and RIFF's pad byte after an odd size.
    const size_t skip = declared + (declared & 1);
    if (skip > available) {
      return have_format ? StatusCode::kWavNoDataChunk : StatusCode::kWavNoFormatChunk;
    }
    pos = body + skip;
  }
}

size_t DecodeWavSamples(std::span<const uint8_t> bytes, const WavInfo& info,
                        std::span<int16_t> out) {
  const size_t n = std::min(out.size(), info.data_bytes / 2);
  const uint8_t* p = bytes.data() + info.data_offset;
  for (size_t i = 0; i < n; ++i, p += 2) out[i] = static_cast<int16_t>(GetU16(p));
  return n;
}

}  // namespace rtc_audio
