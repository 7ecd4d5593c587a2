#include "wav_codec.h"

#include <gtest/gtest.h>

#include <random>
#include <vector>

namespace rtc_audio {
namespace {

std::vector<uint8_t> Encode(const std::vector<int16_t>& samples, int32_t rate, int32_t ch) {
  std::vector<uint8_t> out(WavEncodedBytes(samples.size()));
  EXPECT_EQ(EncodeWav(samples, rate, ch, out), StatusCode::kOk);
  return out;
}

TEST(WavCodec, EncodesTheSpecExampleExactly) {
  // Samples (1, -2, 3, -4), stereo, 16 kHz -> 52 bytes.
  const std::vector<uint8_t> expected{
      'R', 'I', 'F', 'F', 44, 0, 0, 0, 'W', 'A', 'V', 'E',     // RIFF size = 36 + 8
      'f', 'm', 't', ' ', 16, 0, 0, 0, 1, 0, 2, 0,             // PCM, 2 channels
      0x80, 0x3E, 0, 0, 0x00, 0xFA, 0, 0, 4, 0, 16, 0,         // 16000 Hz, 64000 B/s
      'd', 'a', 't', 'a', 8, 0, 0, 0,                          // 8 data bytes
      1, 0, 0xFE, 0xFF, 3, 0, 0xFC, 0xFF};
  EXPECT_EQ(Encode({1, -2, 3, -4}, 16000, 2), expected);
}

TEST(WavCodec, RoundTripsRandomSamples) {
  std::mt19937 rng(42);
  for (int ch : {1, 2, 3, 8}) {
    std::vector<int16_t> samples(static_cast<size_t>(ch) * 1001);
    for (auto& s : samples) s = static_cast<int16_t>(rng());
    const auto bytes = Encode(samples, 44100, ch);
    WavInfo info;
    ASSERT_EQ(ParseWav(bytes, &info), StatusCode::kOk);
    EXPECT_EQ(info.format.sample_rate_hz, 44100);
    EXPECT_EQ(info.format.num_channels, ch);
    EXPECT_EQ(info.format.frames_per_channel, 1001);
    EXPECT_EQ(info.data_offset, kWavHeaderBytes);
    std::vector<int16_t> back(samples.size());
    EXPECT_EQ(DecodeWavSamples(bytes, info, back), samples.size());
    EXPECT_EQ(back, samples);
  }
}

TEST(WavCodec, EncodeValidatesFormatAndSpace) {
  std::vector<int16_t> s{1, 2};
  std::vector<uint8_t> out(48);
  EXPECT_EQ(EncodeWav(s, 999, 1, out), StatusCode::kInvalidSampleRate);
  EXPECT_EQ(EncodeWav(s, 8000, 33, out), StatusCode::kInvalidChannelCount);
  std::vector<uint8_t> small(47);
  EXPECT_EQ(EncodeWav(s, 8000, 1, small), StatusCode::kOutputTooSmall);
}

// Builds a WAV by hand from chunks, for the decoder's edge cases.
struct WavBuilder {
  // Built from a string: GCC 12 -O3 warns (falsely) on a 12-element initializer list here.
  std::vector<uint8_t> bytes = [] {
    const char header[] = "RIFF\0\0\0\0WAVE";
    return std::vector<uint8_t>(header, header + 12);
  }();
  void U16(uint32_t v) {
    bytes.push_back(static_cast<uint8_t>(v));
    bytes.push_back(static_cast<uint8_t>(v >> 8));
  }
  void U32(uint32_t v) {
    U16(v & 0xFFFF);
    U16(v >> 16);
  }
  void Tag(const char* t) { bytes.insert(bytes.end(), t, t + 4); }
  void Fmt(uint32_t tag, uint32_t ch, uint32_t rate, uint32_t bits, bool extensible = false) {
    Tag("fmt ");
    U32(extensible ? 40 : 16);
    U16(extensible ? 0xFFFE : tag);
    U16(ch);
    U32(rate);
    U32(rate * ch * bits / 8);
    U16(ch * bits / 8);
    U16(bits);
    if (extensible) {
      U16(22);
      U16(bits);
      U32(0);
      U16(tag);  // sub-format GUID starts with the format tag
      for (int i = 0; i < 14; ++i) bytes.push_back(0);
    }
  }
  void Chunk(const char* tag, std::vector<uint8_t> body, uint32_t declared) {
    Tag(tag);
    U32(declared);
    bytes.insert(bytes.end(), body.begin(), body.end());
  }
};

TEST(WavCodec, SkipsUnknownChunksWithPadding) {
  WavBuilder b;
  b.Chunk("LIST", {1, 2, 3, 0}, 3);  // odd size, one pad byte
  b.Fmt(1, 1, 8000, 16);
  b.Chunk("fact", {0, 0, 0, 0}, 4);
  b.Chunk("data", {0x34, 0x12, 0xFF, 0xFF}, 4);
  WavInfo info;
  ASSERT_EQ(ParseWav(b.bytes, &info), StatusCode::kOk);
  std::vector<int16_t> out(2);
  DecodeWavSamples(b.bytes, info, out);
  EXPECT_EQ(out, (std::vector<int16_t>{0x1234, -1}));
}

TEST(WavCodec, AcceptsExtensiblePcm) {
  WavBuilder b;
  b.Fmt(1, 2, 48000, 16, /*extensible=*/true);
  b.Chunk("data", {1, 0, 2, 0}, 4);
  WavInfo info;
  ASSERT_EQ(ParseWav(b.bytes, &info), StatusCode::kOk);
  EXPECT_EQ(info.format.num_channels, 2);
  EXPECT_EQ(info.format.frames_per_channel, 1);
}

TEST(WavCodec, ClampsStreamedDataSizeToWholeFrames) {
  WavBuilder b;
  b.Fmt(1, 2, 16000, 16);
  b.Chunk("data", {1, 0, 2, 0, 3, 0, 4}, 0xFFFFFFFF);  // 7 bytes present
  WavInfo info;
  ASSERT_EQ(ParseWav(b.bytes, &info), StatusCode::kOk);
  EXPECT_EQ(info.format.frames_per_channel, 1);
  EXPECT_EQ(info.data_bytes, 4u);
}

struct BadWav {
  const char* name;
  std::vector<uint8_t> bytes;
  StatusCode expected;
};

std::vector<BadWav> BadWavs() {
  std::vector<BadWav> cases;
  cases.push_back({"short", {'R', 'I', 'F', 'F'}, StatusCode::kWavTruncated});
  WavBuilder not_wave;
  not_wave.bytes[8] = 'A';
  cases.push_back({"not WAVE", not_wave.bytes, StatusCode::kWavNotRiffWave});
  WavBuilder no_fmt;
  no_fmt.Chunk("data", {0, 0}, 2);
  cases.push_back({"data before fmt", no_fmt.bytes, StatusCode::kWavNoFormatChunk});
  WavBuilder no_data;
  no_data.Fmt(1, 1, 8000, 16);
  cases.push_back({"no data", no_data.bytes, StatusCode::kWavNoDataChunk});
  WavBuilder float_fmt;
  float_fmt.Fmt(3, 1, 8000, 32);
  float_fmt.Chunk("data", {0, 0, 0, 0}, 4);
  cases.push_back({"float", float_fmt.bytes, StatusCode::kWavUnsupportedFormat});
  WavBuilder bits24;
  bits24.Fmt(1, 1, 8000, 24);
  bits24.Chunk("data", {0, 0, 0}, 3);
  cases.push_back({"24-bit", bits24.bytes, StatusCode::kWavUnsupportedBits});
  WavBuilder rate;
  rate.Fmt(1, 1, 500, 16);
  rate.Chunk("data", {0, 0}, 2);
  cases.push_back({"rate 500", rate.bytes, StatusCode::kInvalidSampleRate});
  WavBuilder channels;
  channels.Fmt(1, 0, 8000, 16);
  cases.push_back({"0 channels", channels.bytes, StatusCode::kInvalidChannelCount});
  WavBuilder align;
  align.Fmt(1, 2, 8000, 16);
  align.bytes[32] = 2;  // block align 2 for stereo
  align.Chunk("data", {0, 0}, 2);
  cases.push_back({"block align", align.bytes, StatusCode::kWavBadBlockAlign});
  WavBuilder cut_fmt;
  cut_fmt.Tag("fmt ");
  cut_fmt.U32(16);
  cut_fmt.U16(1);
  cases.push_back({"cut fmt", cut_fmt.bytes, StatusCode::kWavTruncated});
  WavBuilder huge_chunk;
  huge_chunk.Chunk("LIST", {0, 0}, 0xFFFFFFF0);
  cases.push_back({"chunk past end", huge_chunk.bytes, StatusCode::kWavNoFormatChunk});
  return cases;
}

TEST(WavCodec, RejectsMalformedInputWithAStatus) {
  for (const BadWav& c : BadWavs()) {
    WavInfo info;
    EXPECT_EQ(ParseWav(c.bytes, &info), c.expected) << c.name;
  }
}

}  // namespace
}  // namespace rtc_audio
