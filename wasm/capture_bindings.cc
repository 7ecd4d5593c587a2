// embind facade for CaptureEngine (src/capture_engine.h): what AudioStream's capture
// processor calls once per render quantum, and what an AudioStream in Node calls once
// per paced step. Conventions for heap offsets and numbers: facade_util.h.
//
// A block is: write the input into planePtr(c) (planar float) or s16Ptr() (interleaved
// int16), processPlanar(n) / processS16(n), read the returned number of frames from
// outputPtr() (interleaved int16). Nothing allocates after configure(), so heap views
// made after configure() stay valid.
#include <emscripten/bind.h>

#include <memory>

#include "audio_core.h"
#include "facade_util.h"

namespace rtc_audio::facade {
namespace {

class CaptureEngineFacade {
 public:
  // Returns a StatusCode. Rates and channel counts as for frames; max_block_frames in
  // 1..CaptureEngine::kMaxBlockFrames.
  int Configure(double input_rate, double input_channels, double output_rate,
                double output_channels, double max_block_frames) {
    int64_t ir = 0;
    int64_t ic = 0;
    int64_t orate = 0;
    int64_t oc = 0;
    int64_t mb = 0;
    if (!ToInt64(input_rate, &ir) || !IsOk(ValidateSampleRate(ir))) {
      return Code(StatusCode::kInvalidSampleRate);
    }
    if (!ToInt64(input_channels, &ic) || !IsOk(ValidateChannelCount(ic))) {
      return Code(StatusCode::kInvalidChannelCount);
    }
    if (!ToInt64(output_rate, &orate) || !IsOk(ValidateSampleRate(orate))) {
      return Code(StatusCode::kInvalidSampleRate);
    }
    if (!ToInt64(output_channels, &oc) || !IsOk(ValidateChannelCount(oc))) {
      return Code(StatusCode::kInvalidChannelCount);
    }
    if (!ToInt64(max_block_frames, &mb) || mb < 1 || mb > CaptureEngine::kMaxBlockFrames) {
      return Code(StatusCode::kInvalidFrameCount);
    }
    CaptureConfig config;
    config.input_rate_hz = static_cast<int32_t>(ir);
    config.input_channels = static_cast<int32_t>(ic);
    config.output_rate_hz = static_cast<int32_t>(orate);
    config.output_channels = static_cast<int32_t>(oc);
    config.max_block_frames = static_cast<int32_t>(mb);
    std::unique_ptr<CaptureEngine> engine;
    if (auto s = CaptureEngine::Create(config, &engine); !IsOk(s)) return Code(s);
    engine_ = std::move(engine);
    return Code(StatusCode::kOk);
  }

  // Every call below returns 0 (or does nothing) until configure() has succeeded.
  uintptr_t PlanePtr(double channel) {
    if (!engine_ || channel < 0 || channel >= engine_->config().input_channels) return 0;
    return reinterpret_cast<uintptr_t>(engine_->input_plane(static_cast<int32_t>(channel)).data());
  }
  uintptr_t S16Ptr() {
    return engine_ ? reinterpret_cast<uintptr_t>(engine_->input_s16().data()) : 0;
  }
  uintptr_t OutputPtr() const {
    return engine_ ? reinterpret_cast<uintptr_t>(engine_->output().data()) : 0;
  }
  double MaxOutputFrames() const {
    return engine_ ? static_cast<double>(engine_->max_output_frames()) : 0;
  }
  double ProcessPlanar(double frames) {
    return ValidBlock(frames) ? static_cast<double>(engine_->ProcessPlanar(static_cast<size_t>(frames))) : 0;
  }
  double ProcessS16(double frames) {
    return ValidBlock(frames) ? static_cast<double>(engine_->ProcessS16(static_cast<size_t>(frames))) : 0;
  }
  double LatencyInputFrames() const {
    return engine_ ? static_cast<double>(engine_->latency_input_frames()) : 0;
  }
  void Reset() {
    if (engine_) engine_->Reset();
  }

 private:
  bool ValidBlock(double frames) const {
    return engine_ && frames >= 0 && frames <= engine_->config().max_block_frames &&
           frames == static_cast<double>(static_cast<int32_t>(frames));
  }

  std::unique_ptr<CaptureEngine> engine_;
};

}  // namespace
}  // namespace rtc_audio::facade

EMSCRIPTEN_BINDINGS(rtc_audio_capture) {
  using namespace emscripten;
  using namespace rtc_audio::facade;
  constant("CAPTURE_MAX_BLOCK_FRAMES", rtc_audio::CaptureEngine::kMaxBlockFrames);
  class_<CaptureEngineFacade>("CaptureEngine")
      .constructor<>()
      .function("configure", &CaptureEngineFacade::Configure)
      .function("planePtr", &CaptureEngineFacade::PlanePtr)
      .function("s16Ptr", &CaptureEngineFacade::S16Ptr)
      .function("outputPtr", &CaptureEngineFacade::OutputPtr)
      .function("maxOutputFrames", &CaptureEngineFacade::MaxOutputFrames)
      .function("processPlanar", &CaptureEngineFacade::ProcessPlanar)
      .function("processS16", &CaptureEngineFacade::ProcessS16)
      .function("latencyInputFrames", &CaptureEngineFacade::LatencyInputFrames)
      .function("reset", &CaptureEngineFacade::Reset);
}
