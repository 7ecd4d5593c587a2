// PCM16 WAV (RIFF/WAVE) encode and decode.
//
// Encode writes the canonical 44-byte header -- "RIFF", size, "WAVE", a 16-byte "fmt "
// chunk (format 1 = PCM, channels, rate, byte rate = rate x channels x 2, block align =
// channels x 2, 16 bits), "data", size -- followed by the samples, little-endian.
//
// Decode accepts any RIFF/WAVE file holding 16-bit PCM: format tag 1, or
// WAVE_FORMAT_EXTENSIBLE (0xFFFE) with the PCM sub-format; chunks it does not know
// ("LIST", "fact", ...) are skipped, honouring RIFF's pad byte after odd-sized chunks. A
// "data" chunk whose declared size runs past the end of the bytes (streamed WAVs write 0
// or 0xFFFFFFFF there) is clamped to the bytes present, and the sample data is cut to a
// whole number of sample frames.
//
// Thread-safety: pure functions; allocation-free.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "audio_frame.h"
#include "status.h"

namespace rtc_audio {

inline constexpr size_t kWavHeaderBytes = 44;

constexpr size_t WavEncodedBytes(size_t samples) { return kWavHeaderBytes + samples * 2; }

// Writes the header for `data_bytes` bytes of samples into out[0..44).
StatusCode WriteWavHeader(int32_t sample_rate_hz, int32_t num_channels, uint32_t data_bytes,
                          std::span<uint8_t> out);

// Header plus every sample in `samples` (all channels, interleaved). `out` must hold
// WavEncodedBytes(samples.size()) bytes. Validates rate and channel count; the sample
// count need not be a multiple of the channel count (the data size says what is stored).
StatusCode EncodeWav(std::span<const int16_t> samples, int32_t sample_rate_hz,
                     int32_t num_channels, std::span<uint8_t> out);

struct WavInfo {
  FrameFormat format;      // frames_per_channel = whole sample frames in the data chunk
  size_t data_offset = 0;  // byte offset of the first sample in the input
  size_t data_bytes = 0;   // format.bytes(): the bytes that will be decoded
};

// Reads and checks the headers; on kOk `info` says where the samples are.
StatusCode ParseWav(std::span<const uint8_t> bytes, WavInfo* info);

// Copies info.format.samples() samples out of `bytes` (as parsed by ParseWav) into `out`,
// converting from little-endian. Returns the number of samples written.
size_t DecodeWavSamples(std::span<const uint8_t> bytes, const WavInfo& info,
                        std::span<int16_t> out);

}  // namespace rtc_audio
