// embind facade for PlayoutEngine (src/playout_engine.h): what PlayoutProcessor calls once
// per render quantum. Conventions for heap offsets and numbers: facade_util.h.
//
// The facade owns the engine and two heap buffers sized at configure() -- the int16 input
// the processor copies queued frames into and the planar float output it copies to the
// AudioWorklet's outputs -- so a render quantum is: inputFramesFor(n), copy into
// inputPtr(), render(n, supplied, queued), copy from outputPtr(). Nothing allocates after
// configure(), so heap views the processor makes after configure() stay valid.
#include <emscripten/bind.h>

#include <algorithm>
#include <memory>
#include <span>
#include <vector>

#include "audio_core.h"
#include "facade_util.h"

namespace rtc_audio::facade {
namespace {

class PlayoutEngineFacade {
 public:
  // Returns a StatusCode. Rates and channel counts as for frames; max_block_frames in
  // 1..PlayoutEngine::kMaxBlockFrames.
  int Configure(double source_rate, double source_channels, double output_rate,
                double output_channels, double max_block_frames, bool drift_control) {
    int64_t sr = 0;
    int64_t sc = 0;
    int64_t orate = 0;
    int64_t oc = 0;
    int64_t mb = 0;
    if (!ToInt64(source_rate, &sr) || !IsOk(ValidateSampleRate(sr))) {
      return Code(StatusCode::kInvalidSampleRate);
    }
    if (!ToInt64(source_channels, &sc) || !IsOk(ValidateChannelCount(sc))) {
      return Code(StatusCode::kInvalidChannelCount);
    }
    if (!ToInt64(output_rate, &orate) || !IsOk(ValidateSampleRate(orate))) {
      return Code(StatusCode::kInvalidSampleRate);
    }
    if (!ToInt64(output_channels, &oc) || !IsOk(ValidateChannelCount(oc))) {
      return Code(StatusCode::kInvalidChannelCount);
    }
    if (!ToInt64(max_block_frames, &mb) || mb < 1 || mb > PlayoutEngine::kMaxBlockFrames) {
      return Code(StatusCode::kInvalidFrameCount);
    }
    PlayoutConfig config;
    config.source_rate_hz = static_cast<int32_t>(sr);
    config.source_channels = static_cast<int32_t>(sc);
    config.output_rate_hz = static_cast<int32_t>(orate);
    config.output_channels = static_cast<int32_t>(oc);
    config.max_block_frames = static_cast<int32_t>(mb);
    config.drift_control = drift_control;
    std::unique_ptr<PlayoutEngine> engine;
    if (auto s = PlayoutEngine::Create(config, &engine); !IsOk(s)) return Code(s);
    engine_ = std::move(engine);
    input_.assign(engine_->MaxInputFrames() * static_cast<size_t>(sc), 0);
    output_.assign(static_cast<size_t>(mb) * static_cast<size_t>(oc), 0.0f);
    return Code(StatusCode::kOk);
  }

  // Every call below returns 0 (or does nothing) until configure() has succeeded.
  uintptr_t InputPtr() const { return reinterpret_cast<uintptr_t>(input_.data()); }
  uintptr_t OutputPtr() const { return reinterpret_cast<uintptr_t>(output_.data()); }
  double MaxInputFrames() const {
    return engine_ ? static_cast<double>(engine_->MaxInputFrames()) : 0;
  }

  // Output frames must be in 1..max_block_frames (the processor's render quantum).
  double InputFramesFor(double output_frames) const {
    if (!ValidBlock(output_frames)) return 0;
    return static_cast<double>(engine_->InputFramesFor(static_cast<size_t>(output_frames)));
  }

  // Plays `supplied_frames` frames from the input buffer (the rest of the block is
  // silence); `queued_frames` is the queue fill left after they were taken. The output
  // buffer then holds output_frames frames per channel, channel c at c * output_frames.
  double Render(double output_frames, double supplied_frames, double queued_frames) {
    if (!ValidBlock(output_frames)) return 0;
    const auto frames = static_cast<size_t>(output_frames);
    const auto channels = static_cast<size_t>(engine_->config().source_channels);
    const size_t supplied = supplied_frames > 0
        ? std::min(static_cast<size_t>(supplied_frames), engine_->MaxInputFrames())
        : 0;
    return static_cast<double>(
        engine_->Render(std::span<const int16_t>(input_.data(), supplied * channels),
                        static_cast<size_t>(queued_frames), std::span<float>(output_), frames));
  }

  void OnQueueDiscarded() {
    if (engine_) engine_->OnQueueDiscarded();
  }

  double PlayedFrames() const { return static_cast<double>(Stats().played_frames); }
  double SilenceFrames() const { return static_cast<double>(Stats().silence_frames); }
  double RenderedFrames() const { return static_cast<double>(Stats().rendered_frames); }
  double Underruns() const { return static_cast<double>(Stats().underruns); }
  double DriftPpm() const { return Stats().drift_ppm; }

 private:
  bool ValidBlock(double frames) const {
    return engine_ && frames >= 1 && frames <= engine_->config().max_block_frames &&
           frames == static_cast<double>(static_cast<int32_t>(frames));
  }
  const PlayoutStats& Stats() const {
    static const PlayoutStats kNone;
    return engine_ ? engine_->stats() : kNone;
  }

  std::unique_ptr<PlayoutEngine> engine_;
  std::vector<int16_t> input_;
  std::vector<float> output_;
};

}  // namespace
}  // namespace rtc_audio::facade

EMSCRIPTEN_BINDINGS(rtc_audio_playout) {
  using namespace emscripten;
  using namespace rtc_audio::facade;

  constant("PLAYOUT_MAX_BLOCK_FRAMES", rtc_audio::PlayoutEngine::kMaxBlockFrames);
  class_<PlayoutEngineFacade>("PlayoutEngine")
      .constructor<>()
      .function("configure", &PlayoutEngineFacade::Configure)
      .function("inputPtr", &PlayoutEngineFacade::InputPtr)
      .function("outputPtr", &PlayoutEngineFacade::OutputPtr)
      .function("maxInputFrames", &PlayoutEngineFacade::MaxInputFrames)
      .function("inputFramesFor", &PlayoutEngineFacade::InputFramesFor)
      .function("render", &PlayoutEngineFacade::Render)
      .function("onQueueDiscarded", &PlayoutEngineFacade::OnQueueDiscarded)
      .function("playedFrames", &PlayoutEngineFacade::PlayedFrames)
      .function("silenceFrames", &PlayoutEngineFacade::SilenceFrames)
      .function("renderedFrames", &PlayoutEngineFacade::RenderedFrames)
      .function("underruns", &PlayoutEngineFacade::Underruns)
      .function("driftPpm", &PlayoutEngineFacade::DriftPpm);
}
