// embind facade for the mixer: BlockMixer (src/block_mixer.h), the object behind
// js/audio-mixer.js, and the raw mix kernels (src/mix_kernel.h) so tests can hold the
// scalar and wasm_simd128 kernels together in the wasm build and benchmarks can time them.
// Conventions for heap offsets and numbers: facade_util.h.
#include <emscripten/bind.h>

#include <algorithm>
#include <optional>
#include <span>
#include <vector>

#include "audio_core.h"
#include "facade_util.h"

namespace rtc_audio::facade {
namespace {

// A BlockMixer plus the two heap buffers the shim copies through: `scratch` (where JS
// writes samples before push(); one input's whole storage, two blocks) and `output`
// (where mixBlock() writes one block). Both live as long as the object: JS reads their
// offsets once per call and makes a fresh HEAP16 view each time (memory may grow, but
// never moves these buffers). The JS AudioMixer owns exactly one and deletes it on close.
class BlockMixerFacade {
 public:
  // Validates and allocates; returns a StatusCode (kInvalidChannelCount,
  // kInvalidFrameCount). Call once, before anything else.
  int Configure(double num_channels, double block_frames) {
    int64_t channels = 0;
    int64_t frames = 0;
    if (!ToInt64(num_channels, &channels)) return Code(StatusCode::kInvalidChannelCount);
    if (auto s = ValidateChannelCount(channels); !IsOk(s)) return Code(s);
    if (!ToInt64(block_frames, &frames)) return Code(StatusCode::kInvalidFrameCount);
    if (auto s = BlockMixer::ValidateConfig(channels, frames); !IsOk(s)) return Code(s);
    mixer_.emplace(static_cast<int>(channels), static_cast<size_t>(frames));
    output_.assign(mixer_->block_samples(), 0);
    scratch_.assign(2 * mixer_->block_samples(), 0);
    return Code(StatusCode::kOk);
  }

  // Returns the new input's id, or -1 (not configured, or kMaxMixInputs reached).
  int AddInput() { return mixer_ ? mixer_->AddInput() : -1; }
  bool RemoveInput(int id) { return mixer_ && mixer_->RemoveInput(id); }
  double BufferedFrames(int id) const {
    return mixer_ ? static_cast<double>(mixer_->BufferedFrames(id)) : 0;
  }
  double FreeFrames(int id) const {
    return mixer_ ? static_cast<double>(mixer_->FreeFrames(id)) : 0;
  }

  // Pushes the first `samples` samples of the scratch buffer into input `id`; returns the
  // whole frames taken.
  double Push(int id, double samples) {
    if (!mixer_) return 0;
    int64_t n = 0;
    if (!ToInt64(samples, &n) || n < 0) return 0;
    const size_t count = std::min(static_cast<size_t>(n), scratch_.size());
    return static_cast<double>(mixer_->Push(id, std::span<const int16_t>(scratch_).first(count)));
  }

  // Mixes one block into the output buffer; returns its frame count (0 if unconfigured).
  double MixBlock() { return mixer_ ? static_cast<double>(mixer_->MixBlock(output_)) : 0; }

  uintptr_t ScratchPtr() { return reinterpret_cast<uintptr_t>(scratch_.data()); }
  double ScratchSamples() const { return static_cast<double>(scratch_.size()); }
  uintptr_t OutputPtr() { return reinterpret_cast<uintptr_t>(output_.data()); }
  double BlockSamples() const { return static_cast<double>(output_.size()); }

 private:
  std::optional<BlockMixer> mixer_;
  std::vector<int16_t> scratch_;
  std::vector<int16_t> output_;
};

using Kernel = size_t (*)(std::span<const std::span<const int16_t>>, std::span<int16_t>);

// Runs `kernel` over `input_count` inputs described by a table at heap offset `table`:
// input_count pairs of uint32 (heap offset of the int16 samples, sample count). Writes
// `out_samples` int16 at `out`; returns the kernel's count (0 for too many inputs).
double RunKernel(Kernel kernel, uintptr_t table, double input_count, uintptr_t out,
                 double out_samples) {
  int64_t inputs = 0;
  int64_t n = 0;
  if (!ToInt64(input_count, &inputs) || inputs < 0 || !ToInt64(out_samples, &n) || n < 0) {
    return 0;
  }
  // Reused across calls, so a benchmark loop measures the kernel, not the allocator.
  static std::vector<std::span<const int16_t>> views;
  views.clear();
  const uint32_t* entry = HeapPtr<const uint32_t>(table);
  for (int64_t k = 0; k < inputs; ++k, entry += 2) {
    views.emplace_back(HeapPtr<const int16_t>(entry[0]), entry[1]);
  }
  return static_cast<double>(
      kernel(views, std::span<int16_t>(HeapPtr<int16_t>(out), static_cast<size_t>(n))));
}

double MixS16Facade(uintptr_t table, double inputs, uintptr_t out, double samples) {
  return RunKernel(&MixS16, table, inputs, out, samples);
}
double MixS16ScalarFacade(uintptr_t table, double inputs, uintptr_t out, double samples) {
  return RunKernel(&MixS16Scalar, table, inputs, out, samples);
}
#if defined(__wasm_simd128__)
double MixS16SimdFacade(uintptr_t table, double inputs, uintptr_t out, double samples) {
  return RunKernel(&MixS16Simd, table, inputs, out, samples);
}
#endif

}  // namespace
}  // namespace rtc_audio::facade

EMSCRIPTEN_BINDINGS(rtc_audio_mixer) {
  using namespace emscripten;
  using namespace rtc_audio::facade;

  constant("MAX_MIX_INPUTS", static_cast<double>(rtc_audio::kMaxMixInputs));
  constant("MAX_MIX_BLOCK_SAMPLES", static_cast<double>(rtc_audio::kMaxMixBlockSamples));
  function("mixS16", &MixS16Facade);
  function("mixS16Scalar", &MixS16ScalarFacade);
#if defined(__wasm_simd128__)
  function("mixS16Simd", &MixS16SimdFacade);
#endif

  class_<BlockMixerFacade>("BlockMixer")
      .constructor<>()
      .function("configure", &BlockMixerFacade::Configure)
      .function("addInput", &BlockMixerFacade::AddInput)
      .function("removeInput", &BlockMixerFacade::RemoveInput)
      .function("bufferedFrames", &BlockMixerFacade::BufferedFrames)
      .function("freeFrames", &BlockMixerFacade::FreeFrames)
      .function("push", &BlockMixerFacade::Push)
      .function("mixBlock", &BlockMixerFacade::MixBlock)
      .function("scratchPtr", &BlockMixerFacade::ScratchPtr)
      .function("scratchSamples", &BlockMixerFacade::ScratchSamples)
      .function("outputPtr", &BlockMixerFacade::OutputPtr)
      .function("blockSamples", &BlockMixerFacade::BlockSamples);
}
