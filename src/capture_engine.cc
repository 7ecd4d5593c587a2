#include "capture_engine.h"

#include <algorithm>
#include <cassert>

#include "audio_frame.h"
#include "channel_remix.h"
#include "sample_convert.h"

namespace rtc_audio {

StatusCode CaptureEngine::Create(const CaptureConfig& config,
                                 std::unique_ptr<CaptureEngine>* out) {
  if (auto s = ValidateSampleRate(config.input_rate_hz); !IsOk(s)) return s;
  if (auto s = ValidateChannelCount(config.input_channels); !IsOk(s)) return s;
  if (auto s = ValidateSampleRate(config.output_rate_hz); !IsOk(s)) return s;
  if (auto s = ValidateChannelCount(config.output_channels); !IsOk(s)) return s;
  if (config.max_block_frames < 1 || config.max_block_frames > kMaxBlockFrames) {
    return StatusCode::kInvalidFrameCount;
  }
  std::unique_ptr<CaptureEngine> engine(new CaptureEngine(config));
  AudioResamplerConfig rc;
  rc.input_rate_hz = config.input_rate_hz;
  rc.output_rate_hz = config.output_rate_hz;
  rc.num_channels = static_cast<int32_t>(engine->mix_channels_);
  rc.quality = config.quality;
  if (auto s = AudioResampler::Create(rc, &engine->resampler_); !IsOk(s)) return s;

  const auto block = static_cast<size_t>(config.max_block_frames);
  const size_t n = engine->in_channels_;
  const size_t k = engine->mix_channels_;
  const size_t m = engine->out_channels_;
  engine->max_output_frames_ = engine->resampler_->MaxOutputFrames(block);
  engine->planes_.assign(block * n, 0.0f);
  engine->input_s16_.assign(block * n, 0);
  engine->interleaved_.assign(block * n, 0.0f);
  if (n > k) engine->mixed_.assign(block * k, 0.0f);
  engine->resampled_.assign(engine->max_output_frames_ * k, 0.0f);
  if (m > k) engine->upmixed_.assign(engine->max_output_frames_ * m, 0.0f);
  engine->output_.assign(engine->max_output_frames_ * m, 0);
  *out = std::move(engine);
  return StatusCode::kOk;
}

CaptureEngine::CaptureEngine(const CaptureConfig& config)
    : config_(config),
      in_channels_(static_cast<size_t>(config.input_channels)),
      mix_channels_(static_cast<size_t>(std::min({config.input_channels, config.output_channels,
                                                  kMaxResamplerChannels}))),
      out_channels_(static_cast<size_t>(config.output_channels)) {}

std::span<float> CaptureEngine::input_plane(int32_t channel) {
  assert(channel >= 0 && static_cast<size_t>(channel) < in_channels_);
  const auto block = static_cast<size_t>(config_.max_block_frames);
  return std::span(planes_).subspan(static_cast<size_t>(channel) * block, block);
}

size_t CaptureEngine::ProcessPlanar(size_t frames) {
  assert(frames <= static_cast<size_t>(config_.max_block_frames));
  const auto block = static_cast<size_t>(config_.max_block_frames);
  const size_t n = in_channels_;
  for (size_t c = 0; c < n; ++c) {
    const float* plane = planes_.data() + c * block;
    for (size_t i = 0; i < frames; ++i) interleaved_[i * n + c] = plane[i];
  }
  return Convert(frames);
}

size_t CaptureEngine::ProcessS16(size_t frames) {
  assert(frames <= static_cast<size_t>(config_.max_block_frames));
  const size_t samples = frames * in_channels_;
  S16ToFloat(std::span<const int16_t>(input_s16_).first(samples),
             std::span(interleaved_).first(samples));
  return Convert(frames);
}

size_t CaptureEngine::Convert(size_t frames) {
  const size_t n = in_channels_;
  const size_t k = mix_channels_;
  const size_t m = out_channels_;
  std::span<const float> mixed = std::span<const float>(interleaved_).first(frames * n);
  if (n > k) {
    RemixChannels(mixed, static_cast<int>(n), std::span(mixed_).first(frames * k),
                  static_cast<int>(k));
    mixed = std::span<const float>(mixed_).first(frames * k);
  }
  const ResampleCounts counts = resampler_->Process(mixed, std::span(resampled_));
  assert(counts.input_frames == frames);
  const size_t produced = counts.output_frames;
  std::span<const float> out = std::span<const float>(resampled_).first(produced * k);
  if (m > k) {
    RemixChannels(out, static_cast<int>(k), std::span(upmixed_).first(produced * m),
                  static_cast<int>(m));
    out = std::span<const float>(upmixed_).first(produced * m);
  }
  FloatToS16(out, std::span(output_).first(produced * m));
  produced_frames_ += produced;
  return produced;
}

void CaptureEngine::Reset() {
  resampler_->Reset();
  produced_frames_ = 0;
}

}  // namespace rtc_audio
