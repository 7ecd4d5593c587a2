#include "playout_engine.h"

#include <algorithm>
#include <cassert>
#include <cmath>

#include "audio_frame.h"
#include "channel_remix.h"
#include "sample_convert.h"

namespace rtc_audio {
namespace {

// A starvation longer than this (of source audio) ends the stream: the next audio is a
// new stream, not a gap, and the drift loop starts over.
constexpr double kIdleAfterSeconds = 1.0;

PlayoutDriftConfig DriftConfigFor(const PlayoutConfig& config) {
  PlayoutDriftConfig drift = config.drift;
  drift.source_rate_hz = config.source_rate_hz;
  drift.max_ppm = std::min(drift.max_ppm, kMaxRatioAdjustmentPpm);
  return drift;
}

}  // namespace

StatusCode PlayoutEngine::Create(const PlayoutConfig& config,
                                 std::unique_ptr<PlayoutEngine>* engine) {
  if (auto s = ValidateSampleRate(config.source_rate_hz); !IsOk(s)) return s;
  if (auto s = ValidateChannelCount(config.source_channels); !IsOk(s)) return s;
  if (auto s = ValidateSampleRate(config.output_rate_hz); !IsOk(s)) return s;
  if (auto s = ValidateChannelCount(config.output_channels); !IsOk(s)) return s;
  if (config.max_block_frames < 1 || config.max_block_frames > kMaxBlockFrames) {
    return StatusCode::kInvalidFrameCount;
  }
  AudioResamplerConfig rc;
  rc.input_rate_hz = config.source_rate_hz;
  rc.output_rate_hz = config.output_rate_hz;
  rc.num_channels = std::min(config.source_channels, config.output_channels);
  rc.quality = config.resampler_quality;
  rc.allow_ratio_adjustment = config.drift_control;
  std::unique_ptr<AudioResampler> resampler;
  if (auto s = AudioResampler::Create(rc, &resampler); !IsOk(s)) return s;
  std::unique_ptr<PlayoutEngine> created(new PlayoutEngine(config));
  created->resampler_ = std::move(resampler);
  // Input for one block at the fastest consumption the drift loop may ask for, plus one
  // filter window (the first block after a reset fills it).
  const double frames_per_output = static_cast<double>(config.source_rate_hz) /
                                   config.output_rate_hz * (1.0 + kMaxRatioAdjustmentPpm * 1e-6);
  created->max_input_frames_ =
      static_cast<size_t>(std::ceil(config.max_block_frames * frames_per_output)) +
      created->resampler_->taps() + 2;
  created->Allocate();
  *engine = std::move(created);
  return StatusCode::kOk;
}

PlayoutEngine::PlayoutEngine(const PlayoutConfig& config)
    : config_(config),
      mix_channels_(static_cast<size_t>(std::min(config.source_channels, config.output_channels))),
      drift_(DriftConfigFor(config)) {}

void PlayoutEngine::Allocate() {
  const auto source_channels = static_cast<size_t>(config_.source_channels);
  source_float_.assign(max_input_frames_ * source_channels, 0.0f);
  if (source_channels > mix_channels_) mixed_.assign(max_input_frames_ * mix_channels_, 0.0f);
  resampled_.assign(static_cast<size_t>(config_.max_block_frames) * mix_channels_, 0.0f);
}

size_t PlayoutEngine::InputFramesFor(size_t output_frames) const {
  assert(output_frames >= 1 && output_frames <= static_cast<size_t>(config_.max_block_frames));
  const size_t frames = resampler_->InputFramesNeeded(output_frames);
  assert(frames <= max_input_frames_);
  return frames;
}

void PlayoutEngine::TrackStream(size_t supplied_frames, size_t wanted_frames) {
  const size_t missing = wanted_frames - supplied_frames;
  if (supplied_frames > 0) {
    if (state_ == StreamState::kStarved) ++stats_.underruns;  // audio after a gap
    state_ = missing == 0 ? StreamState::kPlaying : StreamState::kStarved;
    idle_frames_ = missing;
    stats_.silence_frames += missing;
    return;
  }
  if (state_ == StreamState::kIdle) return;
  state_ = StreamState::kStarved;
  idle_frames_ += wanted_frames;
  stats_.silence_frames += wanted_frames;
  if (static_cast<double>(idle_frames_) >= kIdleAfterSeconds * config_.source_rate_hz) {
    state_ = StreamState::kIdle;
    drift_.Reset();
    if (config_.drift_control) ApplyCorrection();
  }
}

size_t PlayoutEngine::Render(std::span<const int16_t> input, size_t queued_frames,
                             std::span<float> planar_output, size_t output_frames) {
  const auto source_channels = static_cast<size_t>(config_.source_channels);
  const auto output_channels = static_cast<size_t>(config_.output_channels);
  assert(planar_output.size() >= output_channels * output_frames);
  const size_t wanted = InputFramesFor(output_frames);
  const size_t supplied = std::min(input.size() / source_channels, wanted);

  // 1. int16 -> float (exact), silence for what the queue could not supply.
  std::span<float> source(source_float_.data(), wanted * source_channels);
  S16ToFloat(input.first(supplied * source_channels), source);
  std::fill(source.begin() + static_cast<std::ptrdiff_t>(supplied * source_channels),
            source.end(), 0.0f);

  // 2. Down-mix to k channels when the output has fewer channels than the source.
  std::span<const float> mixed = source;
  if (mix_channels_ < source_channels) {
    std::span<float> out(mixed_.data(), wanted * mix_channels_);
    RemixChannels(source, config_.source_channels, out, static_cast<int>(mix_channels_));
    mixed = out;
  }

  // 3. Rate conversion (and the drift correction). `wanted` frames are exactly what
  //    output_frames outputs need, so all are consumed and the block is filled.
  std::span<float> resampled(resampled_.data(), output_frames * mix_channels_);
  const ResampleCounts counts = resampler_->Process(mixed, resampled);
  assert(counts.input_frames == wanted && counts.output_frames == output_frames);
  std::fill(resampled.begin() + static_cast<std::ptrdiff_t>(counts.output_frames * mix_channels_),
            resampled.end(), 0.0f);

  // 4. Up-mix (output channel c duplicates mixed channel c % k) and split into planes.
  for (size_t c = 0; c < output_channels; ++c) {
    float* plane = planar_output.data() + c * output_frames;
    const float* src = resampled.data() + (c % mix_channels_);
    for (size_t i = 0; i < output_frames; ++i) plane[i] = src[i * mix_channels_];
  }

  // 5. Bookkeeping: gaps, counters and the drift loop.
  TrackStream(supplied, wanted);
  stats_.played_frames += supplied;
  stats_.rendered_frames += output_frames;
  if (config_.drift_control && state_ != StreamState::kIdle) {
    drift_.Update(queued_frames, wanted);
    ApplyCorrection();
  }
  return supplied;
}

void PlayoutEngine::ApplyCorrection() {
  const double ppm = drift_.correction_ppm();
  if (ppm == stats_.drift_ppm) return;
  // In range by construction (the controller clamps to kMaxRatioAdjustmentPpm).
  const StatusCode status = resampler_->SetRatioAdjustment(ppm);
  assert(IsOk(status));
  (void)status;
  stats_.drift_ppm = ppm;
}

void PlayoutEngine::OnQueueDiscarded() {
  state_ = StreamState::kIdle;
  idle_frames_ = 0;
  drift_.Reset();
  if (config_.drift_control) ApplyCorrection();
}

}  // namespace rtc_audio
