#include "playout_drift.h"

#include <algorithm>
#include <limits>

namespace rtc_audio {

PlayoutDriftController::PlayoutDriftController(const PlayoutDriftConfig& config)
    : config_(config),
      window_frames_(config.window_seconds * static_cast<double>(config.source_rate_hz)),
      window_count_(std::clamp(config.floor_windows, 1, kMaxFloorWindows)) {
  Reset();
}

double PlayoutDriftController::FloorEstimate() const {
  double floor = minima_[0];
  for (int i = 1; i < minima_count_; ++i) floor = std::max(floor, minima_[i]);
  return floor;
}

void PlayoutDriftController::Reset() {
  window_elapsed_frames_ = 0;
  window_min_frames_ = std::numeric_limits<double>::infinity();
  windows_since_reset_ = 0;
  minima_count_ = 0;
  minima_next_ = 0;
  has_setpoint_ = false;
  setpoint_frames_ = 0;
  filtered_error_ms_ = 0;
  integral_ppm_ = 0;
  target_ppm_ = 0;
  correction_ppm_ = 0;
}

void PlayoutDriftController::Update(size_t queued_frames, size_t consumed_frames) {
  // 1. The window's minimum fill.
  window_min_frames_ = std::min(window_min_frames_, static_cast<double>(queued_frames));
  window_elapsed_frames_ += static_cast<double>(consumed_frames);

  // 2. End of a window.
  if (window_elapsed_frames_ >= window_frames_) {
    const double m = window_min_frames_;
    window_elapsed_frames_ -= window_frames_;
    window_min_frames_ = std::numeric_limits<double>::infinity();
    ++windows_since_reset_;
    if (windows_since_reset_ >= 2) {  // the first window after a reset is the start-up
      minima_[minima_next_] = m;
      minima_next_ = (minima_next_ + 1) % window_count_;
      minima_count_ = std::min(minima_count_ + 1, window_count_);
    }
    const int learn_at = 1 + window_count_;  // once the first estimate is complete
    if (windows_since_reset_ == learn_at) {
      setpoint_frames_ = FloorEstimate();
      has_setpoint_ = true;
    } else if (windows_since_reset_ > learn_at) {
      const double error_ms = (FloorEstimate() - setpoint_frames_) * 1000.0 / config_.source_rate_hz;
      filtered_error_ms_ += config_.filter_coefficient * (error_ms - filtered_error_ms_);
      integral_ppm_ = std::clamp(
          integral_ppm_ + config_.ki_ppm_per_ms_second * filtered_error_ms_ * config_.window_seconds,
          -config_.max_ppm, config_.max_ppm);
      target_ppm_ = std::clamp(config_.kp_ppm_per_ms * filtered_error_ms_ + integral_ppm_,
                               -config_.max_ppm, config_.max_ppm);
    }
  }

  // 3. Slew towards the target.
  const double max_step = config_.max_slew_ppm_per_second * static_cast<double>(consumed_frames) /
                          config_.source_rate_hz;
  correction_ppm_ += std::clamp(target_ppm_ - correction_ppm_, -max_step, max_step);
}

}  // namespace rtc_audio
