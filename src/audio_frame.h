// AudioFrame format rules: the validation behind every frame that enters the core.
//
// A frame is interleaved int16 PCM: samples = channels x frames, bytes = samples x 2.
// Validation returns a StatusCode (never throws, never aborts) so the JS shim can raise a
// RangeError naming the parameter. Checks run in a fixed order, which is part of the
// contract (SPEC.md): sample rate, channel count, frame count, then the buffer -- size
// before parity.
//
// Thread-safety: pure functions.
#pragma once

#include <cstddef>
#include <cstdint>

#include "status.h"

namespace rtc_audio {

inline constexpr int32_t kMinSampleRateHz = 1000;
inline constexpr int32_t kMaxSampleRateHz = 768000;
inline constexpr int32_t kMaxChannels = 32;
// Largest samples-per-channel a frame may declare: keeps channels x frames x 2 bytes
// below 2^31 for every allowed channel count, so sizes fit a JS array length and int32.
inline constexpr int64_t kMaxFramesPerChannel = (int64_t{1} << 31) / (2 * kMaxChannels) - 1;

struct FrameFormat {
  int32_t sample_rate_hz = 0;
  int32_t num_channels = 0;
  int64_t frames_per_channel = 0;  // "samplesPerChannel" in the JS API

  int64_t samples() const { return int64_t{num_channels} * frames_per_channel; }
  int64_t bytes() const { return samples() * 2; }
};

StatusCode ValidateSampleRate(int64_t sample_rate_hz);
StatusCode ValidateChannelCount(int64_t num_channels);
StatusCode ValidateFrameCount(int64_t frames_per_channel);

// Rate, channels and frame count, in that order.
StatusCode ValidateFormat(const FrameFormat& format);

// Everything ValidateFormat checks, then the buffer that is to hold the samples:
// byte_length >= format.bytes() (kDataTooShort), then byte_length % 2 == 0
// (kOddByteLength). A longer buffer is valid.
StatusCode ValidateFrame(const FrameFormat& format, int64_t byte_length);

}  // namespace rtc_audio
