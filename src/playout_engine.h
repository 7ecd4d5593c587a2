// PlayoutEngine: turns queued source audio into one block of output at a time -- the core
// of AudioSource's playout (one call per AudioWorklet render quantum).
//
// What it is. A producer queues interleaved int16 audio at the source rate and channel
// count; the audio clock asks for blocks of output frames at the output (AudioContext)
// rate and channel count, as planar float. For every block the caller:
//   1. asks InputFramesFor(output_frames): how many source frames this block consumes
//      (it depends on the rate ratio, the resampler phase and the drift correction);
//   2. takes up to that many frames from its queue (fewer when the queue runs dry);
//   3. calls Render(), which plays them and pads the missing frames with silence.
//
//   int16 interleaved      float          float, k channels        planar float
//   source rate, N ch  ->  convert  ->  [remix N->k] -> resample -> remix k->M, split
//   (queue)                (exact)       k = min(N, M)  (ratio +   into M channel planes
//                                                        drift)    (output rate)
//
// Remixing to k = min(N, M) channels before resampling and after it means the resampler
// never works on channels that are about to be averaged away or duplicated. The remix
// rule is channel_remix.h's.
//
// Underruns. A block that needs more source frames than the queue holds plays what there
// is and then silence -- never stale audio. The padding goes through the resampler like
// audio, so the last real samples are played out right away, not held back (a tail
// shorter than the block plays at once). An underrun is a *gap*: the queue ran dry while
// audio was playing and audio followed. It is counted when that audio arrives, so the
// natural end of a stream (or a stream that has not started) is not an underrun, nor is
// a pause of a second or more. OnQueueDiscarded() (the producer cleared the queue, or
// waited for it to play out) ends a stream on purpose: what follows is not a gap.
//
// Rate conversion is an AudioResampler (audio_resampler.h, quality `resampler_quality`,
// medium by default). Equal rates without drift control copy samples bit-exactly.
//
// Drift. With drift_control, a PlayoutDriftController watches the queue fill reported to
// Render() and steers the resampler's ratio by up to +-1000 ppm (its
// SetRatioAdjustment), so a producer on another clock neither underruns nor builds
// latency (playout_drift.h). The resampler then interpolates even at equal rates.
//
// Thread-safety: one thread (the audio thread). Create() validates and allocates
// everything, sized for max_block_frames; InputFramesFor/Render/OnQueueDiscarded never
// allocate, lock, throw, log or read a clock. Units: frames are per-channel sample counts;
// samples = frames x channels.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "audio_resampler.h"
#include "playout_drift.h"
#include "status.h"

namespace rtc_audio {

struct PlayoutConfig {
  int32_t source_rate_hz = 48000;
  int32_t source_channels = 1;
  int32_t output_rate_hz = 48000;
  int32_t output_channels = 1;
  int32_t max_block_frames = 128;  // largest output_frames Render() is asked for
  bool drift_control = true;
  // The drift loop's tuning (playout_drift.h); the engine sets its source rate and caps
  // max_ppm at the resampler's kMaxRatioAdjustmentPpm.
  PlayoutDriftConfig drift;
  ResamplerQuality resampler_quality = ResamplerQuality::kMedium;
};

// Monotonic counters since Create().
struct PlayoutStats {
  uint64_t played_frames = 0;     // source frames taken from the queue and played
  uint64_t silence_frames = 0;    // source-rate frames of silence padded in (while not idle)
  uint64_t rendered_frames = 0;   // output frames rendered
  uint64_t underruns = 0;         // gaps: the queue ran dry mid-stream and audio followed
  double drift_ppm = 0;           // the consumption-rate correction in use
};

class PlayoutEngine {
 public:
  // Largest max_block_frames accepted (Web Audio's render quantum is 128).
  static constexpr int32_t kMaxBlockFrames = 8192;

  // Validates `config` (rates, channel counts as for frames; max_block_frames in
  // 1..kMaxBlockFrames -> kInvalidFrameCount; min(source, output) channels at most
  // kMaxResamplerChannels -> kResamplerTooManyChannels; the quality) and allocates every
  // buffer, the resampler included.
  static StatusCode Create(const PlayoutConfig& config, std::unique_ptr<PlayoutEngine>* engine);

  const PlayoutConfig& config() const { return config_; }

  // Source frames the next Render(output_frames) consumes; output_frames must be in
  // 1..max_block_frames. Never more than MaxInputFrames().
  size_t InputFramesFor(size_t output_frames) const;
  // An upper bound of InputFramesFor() for any block size and correction: size the
  // caller's input buffer with it.
  size_t MaxInputFrames() const { return max_input_frames_; }
  // The resampler's streaming latency, in source frames.
  size_t LatencyInputFrames() const { return resampler_->latency_input_frames(); }

  // Plays one block. `input` holds the frames taken from the queue (interleaved, source
  // channels; at most InputFramesFor(output_frames) frames are used, fewer means the
  // queue ran dry and the rest is silence). `queued_frames` is the queue fill left after
  // they were taken (the drift loop's input). Writes output_frames frames per output
  // channel into `planar_output`, channel c at [c * output_frames, (c + 1) *
  // output_frames), which must hold output_channels * output_frames floats. Returns the
  // number of source frames played from `input`.
  size_t Render(std::span<const int16_t> input, size_t queued_frames,
                std::span<float> planar_output, size_t output_frames);

  // The producer ended the stream on purpose (clearQueue, or waitForPlayout drained the
  // queue): no gap is counted before the next audio, and the drift loop starts over.
  void OnQueueDiscarded();

  const PlayoutStats& stats() const { return stats_; }

 private:
  enum class StreamState { kIdle, kPlaying, kStarved };

  explicit PlayoutEngine(const PlayoutConfig& config);
  void Allocate();
  void TrackStream(size_t supplied_frames, size_t wanted_frames);
  void ApplyCorrection();  // hands the drift loop's correction to the resampler

  PlayoutConfig config_;
  size_t mix_channels_ = 0;  // k = min(source, output) channels
  size_t max_input_frames_ = 0;
  StreamState state_ = StreamState::kIdle;
  size_t idle_frames_ = 0;   // consecutive starved source frames with no audio
  PlayoutDriftController drift_;
  PlayoutStats stats_;
  std::unique_ptr<AudioResampler> resampler_;
  std::vector<float> source_float_;  // max_input x source channels
  std::vector<float> mixed_;         // max_input x k (only when source > output channels)
  std::vector<float> resampled_;     // max_block x k
};

}  // namespace rtc_audio
