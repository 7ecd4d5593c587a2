// wasm_simd128 forms of the resampler kernels. The specification is the scalar code in
// resampler_kernel.h: two 4-lane accumulators hold lanes 0-3 and 4-7, and the final
// reduction adds them in the same order, so results are bit-identical (no FMA: wasm's
// f32x4.mul and f32x4.add round exactly like the scalar multiply and add).
// This file compiles to nothing unless __wasm_simd128__ is defined.
#include "resampler_kernel.h"

#if defined(__wasm_simd128__)
#include <wasm_simd128.h>

namespace rtc_audio::kernel {
namespace {

// ((a0 + a4) + (a2 + a6)) + ((a1 + a5) + (a3 + a7)) for a = lo ++ hi.
inline float Reduce(v128_t lo, v128_t hi) {
  const v128_t a = wasm_f32x4_add(lo, hi);                         // s0+s4 s1+s5 s2+s6 s3+s7
  const v128_t b = wasm_f32x4_add(a, wasm_i32x4_shuffle(a, a, 2, 3, 0, 1));
  const v128_t c = wasm_f32x4_add(b, wasm_i32x4_shuffle(b, b, 1, 0, 3, 2));
  return wasm_f32x4_extract_lane(c, 0);
}

}  // namespace

float DotSimd(std::span<const float> x, std::span<const float> h) {
  const float* xp = x.data();
  const float* hp = h.data();
  const size_t taps = h.size();
  v128_t lo = wasm_f32x4_splat(0.0f);
  v128_t hi = wasm_f32x4_splat(0.0f);
  for (size_t k = 0; k < taps; k += kKernelLaneCount) {
    lo = wasm_f32x4_add(lo, wasm_f32x4_mul(wasm_v128_load(xp + k), wasm_v128_load(hp + k)));
    hi = wasm_f32x4_add(hi,
                        wasm_f32x4_mul(wasm_v128_load(xp + k + 4), wasm_v128_load(hp + k + 4)));
  }
  return Reduce(lo, hi);
}

DotPair Dot2Simd(std::span<const float> x, std::span<const float> h0, std::span<const float> h1) {
  const float* xp = x.data();
  const float* p0 = h0.data();
  const float* p1 = h1.data();
  const size_t taps = h0.size();
  v128_t s_lo = wasm_f32x4_splat(0.0f);
  v128_t s_hi = wasm_f32x4_splat(0.0f);
  v128_t t_lo = wasm_f32x4_splat(0.0f);
  v128_t t_hi = wasm_f32x4_splat(0.0f);
  for (size_t k = 0; k < taps; k += kKernelLaneCount) {
    const v128_t x_lo = wasm_v128_load(xp + k);
    const v128_t x_hi = wasm_v128_load(xp + k + 4);
    s_lo = wasm_f32x4_add(s_lo, wasm_f32x4_mul(x_lo, wasm_v128_load(p0 + k)));
    s_hi = wasm_f32x4_add(s_hi, wasm_f32x4_mul(x_hi, wasm_v128_load(p0 + k + 4)));
    t_lo = wasm_f32x4_add(t_lo, wasm_f32x4_mul(x_lo, wasm_v128_load(p1 + k)));
    t_hi = wasm_f32x4_add(t_hi, wasm_f32x4_mul(x_hi, wasm_v128_load(p1 + k + 4)));
  }
  return {Reduce(s_lo, s_hi), Reduce(t_lo, t_hi)};
}

}  // namespace rtc_audio::kernel

#endif  // __wasm_simd128__
