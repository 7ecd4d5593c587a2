#include "audio_frame.h"

namespace rtc_audio {

const char* StatusName(StatusCode code) {
  switch (code) {
    case StatusCode::kOk: return "kOk";
    case StatusCode::kInvalidSampleRate: return "kInvalidSampleRate";
    case StatusCode::kInvalidChannelCount: return "kInvalidChannelCount";
    case StatusCode::kInvalidFrameCount: return "kInvalidFrameCount";
    case StatusCode::kDataTooShort: return "kDataTooShort";
    case StatusCode::kOddByteLength: return "kOddByteLength";
    case StatusCode::kSampleRateMismatch: return "kSampleRateMismatch";
    case StatusCode::kChannelCountMismatch: return "kChannelCountMismatch";
    case StatusCode::kOutputTooSmall: return "kOutputTooSmall";
    case StatusCode::kWavTruncated: return "kWavTruncated";
    case StatusCode::kWavNotRiffWave: return "kWavNotRiffWave";
    case StatusCode::kWavNoFormatChunk: return "kWavNoFormatChunk";
    case StatusCode::kWavNoDataChunk: return "kWavNoDataChunk";
    case StatusCode::kWavUnsupportedFormat: return "kWavUnsupportedFormat";
    case StatusCode::kWavUnsupportedBits: return "kWavUnsupportedBits";
    case StatusCode::kWavBadBlockAlign: return "kWavBadBlockAlign";
    case StatusCode::kEmptyInput: return "kEmptyInput";
    case StatusCode::kInvalidCapacity: return "kInvalidCapacity";
    case StatusCode::kResamplerTooManyChannels: return "kResamplerTooManyChannels";
    case StatusCode::kInvalidQuality: return "kInvalidQuality";
    case StatusCode::kInvalidRatioAdjustment: return "kInvalidRatioAdjustment";
    case StatusCode::kRatioAdjustmentDisabled: return "kRatioAdjustmentDisabled";
  }
  return "kUnknown";
}

StatusCode ValidateSampleRate(int64_t sample_rate_hz) {
  if (sample_rate_hz < kMinSampleRateHz || sample_rate_hz > kMaxSampleRateHz) {
    return StatusCode::kInvalidSampleRate;
  }
  return StatusCode::kOk;
}

StatusCode ValidateChannelCount(int64_t num_channels) {
  if (num_channels < 1 || num_channels > kMaxChannels) return StatusCode::kInvalidChannelCount;
  return StatusCode::kOk;
}

StatusCode ValidateFrameCount(int64_t frames_per_channel) {
  if (frames_per_channel < 0 || frames_per_channel > kMaxFramesPerChannel) {
    return StatusCode::kInvalidFrameCount;
  }
  return StatusCode::kOk;
}

StatusCode ValidateFormat(const FrameFormat& format) {
  if (auto s = ValidateSampleRate(format.sample_rate_hz); !IsOk(s)) return s;
  if (auto s = ValidateChannelCount(format.num_channels); !IsOk(s)) return s;
  return ValidateFrameCount(format.frames_per_channel);
}

StatusCode ValidateFrame(const FrameFormat& format, int64_t byte_length) {
  if (auto s = ValidateFormat(format); !IsOk(s)) return s;
  if (byte_length < format.bytes()) return StatusCode::kDataTooShort;
  if (byte_length % 2 != 0) return StatusCode::kOddByteLength;
  return StatusCode::kOk;
}

}  // namespace rtc_audio
