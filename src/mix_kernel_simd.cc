// The wasm_simd128 mix kernel (contract in mix_kernel.h). Only built for wasm with
// -msimd128; the guard keeps the file harmless if it is ever compiled elsewhere.
#include "mix_kernel.h"

#if defined(__wasm_simd128__)

#include <wasm_simd128.h>

#include <algorithm>

namespace rtc_audio {

size_t MixS16Simd(std::span<const std::span<const int16_t>> inputs, std::span<int16_t> out) {
  if (inputs.size() > kMaxMixInputs) return 0;
  constexpr size_t kLanes = 8;  // int16 lanes in a v128
  const size_t n = out.size();
  size_t i = 0;
  for (; i + kLanes <= n; i += kLanes) {
    // 1. Two int32x4 accumulators hold the exact sums of samples i..i+3 and i+4..i+7.
    v128_t sum_low = wasm_i32x4_const_splat(0);
    v128_t sum_high = wasm_i32x4_const_splat(0);
    for (const std::span<const int16_t>& in : inputs) {
      v128_t v;
      if (in.size() >= i + kLanes) {
        v = wasm_v128_load(in.data() + i);
      } else if (in.size() > i) {
        // 2. An input that ends inside these eight samples: its tail, then zeros.
        int16_t padded[kLanes] = {};
        std::copy(in.begin() + static_cast<std::ptrdiff_t>(i), in.end(), padded);
        v = wasm_v128_load(padded);
      } else {
        continue;  // ended before sample i: contributes silence
      }
      sum_low = wasm_i32x4_add(sum_low, wasm_i32x4_extend_low_i16x8(v));
      sum_high = wasm_i32x4_add(sum_high, wasm_i32x4_extend_high_i16x8(v));
    }
    // 3. Narrow with signed saturation: the single SaturateToS16 of the scalar kernel.
    wasm_v128_store(out.data() + i, wasm_i16x8_narrow_i32x4(sum_low, sum_high));
  }
  // 4. The last out.size() % 8 samples.
  mix_internal::MixS16ScalarFrom(inputs, out, i);
  return n;
}

}  // namespace rtc_audio

#endif  // __wasm_simd128__
