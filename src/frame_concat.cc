#include "frame_concat.h"

#include <algorithm>

namespace rtc_audio {

ConcatResult PlanConcat(std::span<const FrameView> frames) {
  ConcatResult result;
  if (frames.empty()) {
    result.status = StatusCode::kEmptyInput;
    return result;
  }
  result.format = frames[0].format;
  result.format.frames_per_channel = 0;
  for (size_t i = 0; i < frames.size(); ++i) {
    const FrameFormat& f = frames[i].format;
    if (f.sample_rate_hz != result.format.sample_rate_hz) {
      return {StatusCode::kSampleRateMismatch, result.format, i};
    }
    if (f.num_channels != result.format.num_channels) {
      return {StatusCode::kChannelCountMismatch, result.format, i};
    }
    result.format.frames_per_channel += f.frames_per_channel;
  }
  return result;
}

ConcatResult ConcatFrames(std::span<const FrameView> frames, std::span<int16_t> out) {
  ConcatResult result = PlanConcat(frames);
  if (!IsOk(result.status)) return result;
  if (out.size() < static_cast<size_t>(result.format.samples())) {
    result.status = StatusCode::kOutputTooSmall;
    return result;
  }
  auto dst = out.begin();
  for (const FrameView& frame : frames) {
    const auto n = static_cast<size_t>(frame.format.samples());
    dst = std::copy_n(frame.samples.begin(), n, dst);
  }
  return result;
}

}  // namespace rtc_audio
