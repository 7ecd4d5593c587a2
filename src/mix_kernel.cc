#include "mix_kernel.h"

#include "sample_convert.h"

namespace rtc_audio {

namespace mix_internal {

void MixS16ScalarFrom(std::span<const std::span<const int16_t>> inputs, std::span<int16_t> out,
                      size_t first) {
  for (size_t i = first; i < out.size(); ++i) {
    int32_t sum = 0;
    for (const std::span<const int16_t>& in : inputs) {
      if (i < in.size()) sum += in[i];
    }
    out[i] = SaturateToS16(sum);
  }
}

}  // namespace mix_internal

size_t MixS16Scalar(std::span<const std::span<const int16_t>> inputs, std::span<int16_t> out) {
  if (inputs.size() > kMaxMixInputs) return 0;
  mix_internal::MixS16ScalarFrom(inputs, out, 0);
  return out.size();
}

size_t MixS16(std::span<const std::span<const int16_t>> inputs, std::span<int16_t> out) {
#if defined(__wasm_simd128__)
  return MixS16Simd(inputs, out);
#else
  return MixS16Scalar(inputs, out);
#endif
}

}  // namespace rtc_audio
