// embind facade for AudioResampler (src/audio_resampler.h) and the kernel parity check.
// Conventions for heap offsets and numbers: facade_util.h. The JS class
// js/audio-resampler.js owns the object; AudioWorkletProcessors can use it directly
// through rtc-audio-wasm/core (planar float buffers, no allocation per call).
#include <emscripten/bind.h>

#include <cstring>
#include <memory>
#include <span>

#include "audio_core.h"
#include "facade_util.h"
#include "resampler_kernel.h"

namespace rtc_audio::facade {
namespace {

class AudioResamplerFacade {
 public:
  // Returns a StatusCode. Numbers are validated here (integers, ranges) before the core
  // sees them.
  int Create(double input_rate, double output_rate, double channels, double quality,
             bool allow_ratio_adjustment) {
    int64_t in = 0;
    int64_t out = 0;
    int64_t ch = 0;
    int64_t q = 0;
    if (!ToInt64(input_rate, &in) || !IsOk(ValidateSampleRate(in))) {
      return Code(StatusCode::kInvalidSampleRate);
    }
    if (!ToInt64(output_rate, &out) || !IsOk(ValidateSampleRate(out))) {
      return Code(StatusCode::kInvalidSampleRate);
    }
    if (!ToInt64(channels, &ch)) return Code(StatusCode::kInvalidChannelCount);
    if (auto s = ValidateChannelCount(ch); !IsOk(s)) return Code(s);
    if (!ToInt64(quality, &q) || q < 0 || q >= kResamplerQualityCount) {
      return Code(StatusCode::kInvalidQuality);
    }
    AudioResamplerConfig config{static_cast<int32_t>(in), static_cast<int32_t>(out),
                                static_cast<int32_t>(ch), static_cast<ResamplerQuality>(q),
                                allow_ratio_adjustment};
    return Code(AudioResampler::Create(config, &impl_));
  }

  // Interleaved int16 in and out; returns output frames (every input frame is consumed
  // when out_capacity >= maxOutputFrames(frames)).
  double ProcessS16(uintptr_t in, double frames, uintptr_t out, double out_capacity) {
    return Interleaved<int16_t, int16_t>(in, frames, out, out_capacity);
  }
  double ProcessF32(uintptr_t in, double frames, uintptr_t out, double out_capacity) {
    return Interleaved<float, float>(in, frames, out, out_capacity);
  }
  double ProcessS16ToF32(uintptr_t in, double frames, uintptr_t out, double out_capacity) {
    return Interleaved<int16_t, float>(in, frames, out, out_capacity);
  }
  double ProcessF32ToS16(uintptr_t in, double frames, uintptr_t out, double out_capacity) {
    return Interleaved<float, int16_t>(in, frames, out, out_capacity);
  }

  // Planar float: `in_ptrs` / `out_ptrs` are heap offsets of arrays of num_channels
  // uint32 heap offsets (one Float32 buffer per channel).
  double ProcessPlanarF32(uintptr_t in_ptrs, double frames, uintptr_t out_ptrs,
                          double out_capacity) {
    const size_t ch = Channels();
    std::span<const float> in[kMaxResamplerChannels];
    std::span<float> out[kMaxResamplerChannels];
    const auto n = static_cast<size_t>(frames);
    const auto cap = static_cast<size_t>(out_capacity);
    for (size_t c = 0; c < ch; ++c) {
      in[c] = {HeapPtr<const float>(HeapPtr<const uint32_t>(in_ptrs)[c]), n};
      out[c] = {HeapPtr<float>(HeapPtr<const uint32_t>(out_ptrs)[c]), cap};
    }
    const ResampleCounts counts =
        impl_->ProcessPlanar(std::span(in, ch), n, std::span<const std::span<float>>(out, ch));
    last_input_frames_ = static_cast<double>(counts.input_frames);
    return static_cast<double>(counts.output_frames);
  }

  // Input frames the last Process call consumed.
  double LastInputFrames() const { return last_input_frames_; }

  double FlushS16(uintptr_t out, double out_capacity) {
    return static_cast<double>(impl_->Flush(
        std::span<int16_t>(HeapPtr<int16_t>(out), static_cast<size_t>(out_capacity) * Channels())));
  }
  double FlushF32(uintptr_t out, double out_capacity) {
    return static_cast<double>(impl_->Flush(
        std::span<float>(HeapPtr<float>(out), static_cast<size_t>(out_capacity) * Channels())));
  }
  double PendingFlushFrames() const { return static_cast<double>(impl_->PendingFlushFrames()); }
  double MaxOutputFrames(double input_frames) const {
    return static_cast<double>(impl_->MaxOutputFrames(static_cast<size_t>(input_frames)));
  }
  double InputFramesNeeded(double output_frames) const {
    return static_cast<double>(impl_->InputFramesNeeded(static_cast<size_t>(output_frames)));
  }
  void Reset() { impl_->Reset(); }
  int SetRatioAdjustment(double ppm) { return Code(impl_->SetRatioAdjustment(ppm)); }
  double RatioAdjustmentPpm() const { return impl_->ratio_adjustment_ppm(); }
  double LatencyMs() const { return impl_->latency_ms(); }
  double LatencyInputFrames() const { return static_cast<double>(impl_->latency_input_frames()); }
  double Taps() const { return static_cast<double>(impl_->taps()); }
  bool IsInterpolating() const { return impl_->is_interpolating(); }

 private:
  size_t Channels() const { return static_cast<size_t>(impl_->num_channels()); }

  template <typename In, typename Out>
  double Interleaved(uintptr_t in, double frames, uintptr_t out, double out_capacity) {
    const size_t ch = Channels();
    const ResampleCounts counts =
        impl_->Process(std::span<const In>(HeapPtr<const In>(in), static_cast<size_t>(frames) * ch),
                       std::span<Out>(HeapPtr<Out>(out), static_cast<size_t>(out_capacity) * ch));
    last_input_frames_ = static_cast<double>(counts.input_frames);
    return static_cast<double>(counts.output_frames);
  }

  std::unique_ptr<AudioResampler> impl_;
  double last_input_frames_ = 0;
};

struct KernelParityJs {
  bool simd = false;  // whether a SIMD kernel exists in this build
  double compared = 0;
  double mismatches = 0;  // results that differ in any bit
};

uint32_t NextRandom(uint32_t* state) {
  *state = *state * 1664525u + 1013904223u;
  return *state;
}

float RandomSample(uint32_t* state) {
  return static_cast<float>(static_cast<int32_t>(NextRandom(state) >> 8) - (1 << 23)) /
         static_cast<float>(1 << 23);
}

// Runs the scalar (specification) and SIMD kernels on the same random windows and rows
// (random tap counts up to 1024, 1..4 rows, windows or (window, row) pairs, random
// strides and unaligned offsets) and counts results that are not bit-identical.
KernelParityJs KernelParity(double seed, double trials) {
  KernelParityJs result;
  result.simd = kernel::kHaveSimdKernel;
  if constexpr (kernel::kHaveSimdKernel) {
#if defined(__wasm_simd128__)
    constexpr size_t kMaxTaps = 1024;
    uint32_t state = static_cast<uint32_t>(seed);
    std::unique_ptr<float[]> x(new float[kMaxTaps + 8]);
    std::unique_ptr<float[]> rows(new float[kernel::kMaxKernelRows * kMaxTaps + 8]);
    for (int t = 0; t < static_cast<int>(trials); ++t) {
      const size_t taps = kernel::kKernelLaneCount * (1 + NextRandom(&state) % (kMaxTaps / 8));
      const size_t count = 1 + NextRandom(&state) % kernel::kMaxKernelRows;
      const size_t ox = NextRandom(&state) % 8;
      const size_t oh = NextRandom(&state) % 8;
      for (size_t i = 0; i < taps + 8; ++i) x[i] = RandomSample(&state);
      for (size_t i = 0; i < count * taps + 8; ++i) rows[i] = RandomSample(&state) * 0.01f;
      const std::span<const float> xs(x.get() + ox, taps);
      const std::span<const float> hs(rows.get() + oh, count * taps);
      float scalar[kernel::kMaxKernelRows];
      float simd[kernel::kMaxKernelRows];
      kernel::DotRowsScalar(xs, hs, std::span<float>(scalar, count));
      kernel::DotRowsSimd(xs, hs, std::span<float>(simd, count));
      for (size_t r = 0; r < count; ++r) {
        result.compared += 1;
        if (std::memcmp(&scalar[r], &simd[r], sizeof(float)) != 0) result.mismatches += 1;
      }
      // One row against `count` windows `stride` apart, inside the same buffers.
      const size_t stride = 1 + NextRandom(&state) % 8;
      const size_t window_taps = (taps > (count - 1) * stride + 8 ? taps - (count - 1) * stride : 8) /
                                 kernel::kKernelLaneCount * kernel::kKernelLaneCount;
      if (window_taps == 0) continue;
      const std::span<const float> xw(x.get() + ox, (count - 1) * stride + window_taps);
      const std::span<const float> hw(rows.get() + oh, window_taps);
      kernel::DotWindowsScalar(xw, stride, hw, std::span<float>(scalar, count));
      kernel::DotWindowsSimd(xw, stride, hw, std::span<float>(simd, count));
      for (size_t w = 0; w < count; ++w) {
        result.compared += 1;
        if (std::memcmp(&scalar[w], &simd[w], sizeof(float)) != 0) result.mismatches += 1;
      }
      // `count` independent (window, row) pairs at random places in the same buffers.
      kernel::DotPair pairs[kernel::kMaxKernelRows];
      for (size_t i = 0; i < count; ++i) {
        pairs[i] = {x.get() + NextRandom(&state) % (kMaxTaps + 8 - window_taps),
                    rows.get() + NextRandom(&state) % (count * taps + 8 - window_taps)};
      }
      const std::span<const kernel::DotPair> ps(pairs, count);
      kernel::DotPairsScalar(ps, window_taps, std::span<float>(scalar, count));
      kernel::DotPairsSimd(ps, window_taps, std::span<float>(simd, count));
      for (size_t i = 0; i < count; ++i) {
        result.compared += 1;
        if (std::memcmp(&scalar[i], &simd[i], sizeof(float)) != 0) result.mismatches += 1;
      }
    }
#endif
  }
  return result;
}

}  // namespace
}  // namespace rtc_audio::facade

EMSCRIPTEN_BINDINGS(rtc_audio_resampler) {
  using namespace emscripten;
  using namespace rtc_audio::facade;

  constant("RESAMPLER_MAX_CHANNELS", rtc_audio::kMaxResamplerChannels);
  constant("RESAMPLER_MAX_RATIO_ADJUSTMENT_PPM", rtc_audio::kMaxRatioAdjustmentPpm);
  class_<AudioResamplerFacade>("AudioResamplerCore")
      .constructor<>()
      .function("create", &AudioResamplerFacade::Create)
      .function("processS16", &AudioResamplerFacade::ProcessS16)
      .function("processF32", &AudioResamplerFacade::ProcessF32)
      .function("processS16ToF32", &AudioResamplerFacade::ProcessS16ToF32)
      .function("processF32ToS16", &AudioResamplerFacade::ProcessF32ToS16)
      .function("processPlanarF32", &AudioResamplerFacade::ProcessPlanarF32)
      .function("lastInputFrames", &AudioResamplerFacade::LastInputFrames)
      .function("flushS16", &AudioResamplerFacade::FlushS16)
      .function("flushF32", &AudioResamplerFacade::FlushF32)
      .function("pendingFlushFrames", &AudioResamplerFacade::PendingFlushFrames)
      .function("maxOutputFrames", &AudioResamplerFacade::MaxOutputFrames)
      .function("inputFramesNeeded", &AudioResamplerFacade::InputFramesNeeded)
      .function("reset", &AudioResamplerFacade::Reset)
      .function("setRatioAdjustment", &AudioResamplerFacade::SetRatioAdjustment)
      .function("ratioAdjustmentPpm", &AudioResamplerFacade::RatioAdjustmentPpm)
      .function("latencyMs", &AudioResamplerFacade::LatencyMs)
      .function("latencyInputFrames", &AudioResamplerFacade::LatencyInputFrames)
      .function("taps", &AudioResamplerFacade::Taps)
      .function("isInterpolating", &AudioResamplerFacade::IsInterpolating);

  value_object<KernelParityJs>("KernelParity")
      .field("simd", &KernelParityJs::simd)
      .field("compared", &KernelParityJs::compared)
      .field("mismatches", &KernelParityJs::mismatches);
  function("resamplerKernelParity", &KernelParity);
}
