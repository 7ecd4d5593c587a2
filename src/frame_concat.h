// Frame concatenation: joins frames of one format into one longer frame.
//
// Each input contributes its first channels x frames samples (a longer backing buffer is
// ignored past that). All inputs must share the first input's sample rate and channel
// count; the result's frame count is the sum. Errors are reported, in this order: no
// inputs (kEmptyInput), a rate that differs from the first (kSampleRateMismatch), a
// channel count that differs (kChannelCountMismatch), an output span too small
// (kOutputTooSmall). On error nothing is written.
//
// Thread-safety: pure function; allocation-free.
#pragma once

#include <cstdint>
#include <span>

#include "audio_frame.h"
#include "status.h"

namespace rtc_audio {

struct FrameView {
  FrameFormat format;
  std::span<const int16_t> samples;  // at least format.samples() long
};

// Index of the first input that breaks the format rule (0 when ok); filled on
// kSampleRateMismatch / kChannelCountMismatch so callers can name the offending frame.
struct ConcatResult {
  StatusCode status = StatusCode::kOk;
  FrameFormat format;      // the joined frame's format when status is kOk
  size_t bad_index = 0;
};

// Checks the inputs and computes the joined format without copying anything.
ConcatResult PlanConcat(std::span<const FrameView> frames);

// Plans, then copies the samples into `out` (which must hold format.samples()).
ConcatResult ConcatFrames(std::span<const FrameView> frames, std::span<int16_t> out);

}  // namespace rtc_audio
