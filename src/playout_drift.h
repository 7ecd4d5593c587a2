// PlayoutDriftController: the slow control loop that keeps a playout queue's fill steady
// when the producer runs on a different clock than the consumer.
//
// What it is. The playout queue is filled by a producer (captureFrame on the main thread,
// a microphone on another device, a decoder paced by its own timer) and drained by the
// audio clock. Two clocks never agree exactly: a producer 500 ppm fast adds 1.8 s of
// latency per hour, one 500 ppm slow underruns. The controller watches the queue fill and
// returns a correction in ppm that the engine applies to the resampler's ratio: positive
// means "consume faster" (the queue is growing), negative "consume slower".
//
// Why the minimum fill. Producers are bursty (10 ms, 20 ms or 500 ms frames), so the fill
// is a sawtooth whose mean depends on the frame size. Its *minimum* over a window -- the
// fill just before the next burst lands -- does not: it only moves when the two clocks
// differ. A producer that is paced by the queue itself (one that awaits captureFrame on
// a full queue) keeps the minimum constant, so the loop leaves it alone.
//
// Why the highest of several minima (the "floor"). A late producer (a page's timer
// during garbage collection, a busy main thread) pulls one window's minimum down by tens
// of ms, then catches up; nothing pulls a minimum up. So the estimate is the highest
// minimum of the last `floor_windows` windows: one-sided outliers in up to all but one
// of them are ignored, and a real trend passes with a lag of a few windows.
//
//   fill ^    /|    /|    /|        window k: m_k = min fill over the window
//        |   / |   / |   / |   ...  floor_k   = max(m_{k-W+1} .. m_k)    (W = floor_windows)
//        |  /  |  /  |  /  |        setpoint  = the first floor after a reset (the first
//        | /   | /   | /   |                    window, the start-up, is not used)
//        |/    |/    |/    |        error_k   = floor_k - setpoint          (frames -> ms)
//        +------------------> t     e_k       = e_{k-1} + a (error_k - e_{k-1})
//                                   I_k       = clamp(I_{k-1} + ki * e_k * window, +-max)
//                                   target_k  = clamp(kp * e_k + I_k, +-max)
//
// A proportional-integral loop: the integral settles on the clocks' difference, so in
// steady state the fill returns to the setpoint and correction_ppm() reads the drift; the
// proportional part bounds the excursion on the way there (about drift / kp ms). Gains
// are low (the loop settles in a minute or two, fast against a crystal's drift) so that
// the remaining jitter of the floor moves the ratio by tens of ppm, not hundreds.
//
// Steps per Update() (one call per rendered block while audio is playing):
//   1. track the minimum fill of the current window;
//   2. at the end of a window (window_seconds of consumed source audio): keep its minimum
//      (unless it is the first after a reset); once floor_windows minima are kept, learn
//      the setpoint, then on every later window update the filtered error, the integral
//      and the target;
//   3. move the correction towards the target by at most max_slew_ppm_per_second.
//
// Thread-safety: one thread (the audio thread). Real-time safe: no allocation, no locks,
// no clock reads (time is the count of consumed frames). Units: frames are per-channel
// sample counts at the source rate.
#pragma once

#include <cstddef>
#include <cstdint>

namespace rtc_audio {

struct PlayoutDriftConfig {
  int32_t source_rate_hz = 48000;
  double window_seconds = 1.0;            // length of one min-fill window
  int32_t floor_windows = 8;              // the estimate: highest of this many window minima
  double kp_ppm_per_ms = 80.0;            // proportional: ppm per ms of filtered error
  double ki_ppm_per_ms_second = 4.0;      // integral: ppm per ms of error per second
  double filter_coefficient = 0.3;        // a in e_k = e_{k-1} + a (error_k - e_{k-1})
  double max_ppm = 1000.0;                // |correction| limit (the resampler's range)
  double max_slew_ppm_per_second = 400.0; // how fast the correction may move
};

class PlayoutDriftController {
 public:
  explicit PlayoutDriftController(const PlayoutDriftConfig& config);

  // One rendered block: `queued_frames` is the queue fill after the block's input was
  // taken, `consumed_frames` the source frames the block consumed.
  void Update(size_t queued_frames, size_t consumed_frames);

  // Forgets the setpoint and returns the correction to 0 (after a clear, or when the
  // queue has been idle: the next audio may come from a different producer).
  void Reset();

  // The correction to apply, in ppm of the nominal consumption rate.
  double correction_ppm() const { return correction_ppm_; }
  // The target the correction is slewing towards.
  double target_ppm() const { return target_ppm_; }
  bool has_setpoint() const { return has_setpoint_; }
  // The learned setpoint (minimum fill in frames) once has_setpoint().
  double setpoint_frames() const { return setpoint_frames_; }

 private:
  static constexpr int kMaxFloorWindows = 15;
  PlayoutDriftConfig config_;
  double window_frames_ = 0;
  int window_count_ = 1;  // floor_windows, clamped to 1..kMaxFloorWindows
  double window_elapsed_frames_ = 0;
  double window_min_frames_ = 0;
  int windows_since_reset_ = 0;
  double minima_[kMaxFloorWindows] = {};  // the last window minima (ring)
  int minima_count_ = 0;
  int minima_next_ = 0;
  double FloorEstimate() const;
  bool has_setpoint_ = false;
  double setpoint_frames_ = 0;
  double filtered_error_ms_ = 0;
  double integral_ppm_ = 0;
  double target_ppm_ = 0;
  double correction_ppm_ = 0;
};

}  // namespace rtc_audio
