// Status: how the core reports a configuration or input error.
//
// The core never throws and never aborts on bad input (Emscripten builds have C++
// exceptions off). Every validating call returns a StatusCode; the JS shim maps each code
// to a TypeError/RangeError whose message names the parameter, the value and what is
// allowed. The numeric values are part of the wasm ABI: js/core-status.js mirrors them,
// so append new codes, never renumber.
#pragma once

#include <cstdint>

namespace rtc_audio {

enum class StatusCode : int32_t {
  kOk = 0,
  kInvalidSampleRate = 1,      // sample rate outside kMinSampleRateHz..kMaxSampleRateHz
  kInvalidChannelCount = 2,    // channel count outside 1..kMaxChannels
  kInvalidFrameCount = 3,      // samples per channel negative or too large
  kDataTooShort = 4,           // buffer smaller than channels x frames x 2 bytes
  kOddByteLength = 5,          // buffer byte length not a multiple of 2
  kSampleRateMismatch = 6,     // two frames (or a frame and a sink) disagree on rate
  kChannelCountMismatch = 7,   // two frames disagree on channel count
  kOutputTooSmall = 8,         // caller's output span cannot hold the result
  kWavTruncated = 9,           // WAV bytes end inside a header or chunk header
  kWavNotRiffWave = 10,        // no "RIFF....WAVE" signature
  kWavNoFormatChunk = 11,      // no "fmt " chunk before "data"
  kWavNoDataChunk = 12,        // no "data" chunk
  kWavUnsupportedFormat = 13,  // not PCM (format tag 1, or extensible with PCM subformat)
  kWavUnsupportedBits = 14,    // PCM but not 16 bits per sample
  kWavBadBlockAlign = 15,      // block align / byte rate inconsistent with channels x 2
  kEmptyInput = 16,            // an operation that needs at least one input got none
  kInvalidCapacity = 17,       // ring capacity zero or too large for 32-bit indices
  kResamplerTooManyChannels = 18,  // a valid frame channel count above the resampler's 8
  kInvalidQuality = 19,            // resampler quality not one of ResamplerQuality
  kInvalidRatioAdjustment = 20,    // ratio adjustment NaN or beyond +-1000 ppm
  kRatioAdjustmentDisabled = 21,   // resampler created without allow_ratio_adjustment
};

// A short, stable identifier for logs and test failure output ("kDataTooShort").
const char* StatusName(StatusCode code);

constexpr bool IsOk(StatusCode code) { return code == StatusCode::kOk; }

}  // namespace rtc_audio
