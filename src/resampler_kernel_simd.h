// wasm_simd128 forms of the resampler kernels. The specification is the scalar code in
// resampler_kernel.h: two 4-lane accumulators hold lanes 0-3 and 4-7, and the final
// reduction adds them in the same order, so results are bit-identical (no FMA: wasm's
// f32x4.mul and f32x4.add round exactly like the scalar multiply and add).
// Included by resampler_kernel.h only when __wasm_simd128__ is defined. Header-only so
// the kernels inline into the resampler's loop: an out-of-line call passes its spans
// through memory on wasm's shadow stack, and V8 then stalls reloading them (a store
// forwarding miss per call, a third of the time at 44.1k -> 48k).
#pragma once

#include <wasm_simd128.h>

#include <cstddef>
#include <span>

namespace rtc_audio::kernel {
namespace simd_detail {

// ((a0 + a4) + (a2 + a6)) + ((a1 + a5) + (a3 + a7)) for a = lo ++ hi.
inline float Reduce(v128_t lo, v128_t hi) {
  const v128_t a = wasm_f32x4_add(lo, hi);                         // s0+s4 s1+s5 s2+s6 s3+s7
  const v128_t b = wasm_f32x4_add(a, wasm_i32x4_shuffle(a, a, 2, 3, 0, 1));
  const v128_t c = wasm_f32x4_add(b, wasm_i32x4_shuffle(b, b, 1, 0, 3, 2));
  return wasm_f32x4_extract_lane(c, 0);
}

// kRows rows at once: every window vector is loaded once and used kRows times.
template <size_t kRows>
void DotRowsN(const float* xp, const float* rows, size_t taps, float* out) {
  v128_t lo[kRows];
  v128_t hi[kRows];
  for (size_t r = 0; r < kRows; ++r) lo[r] = hi[r] = wasm_f32x4_splat(0.0f);
  for (size_t k = 0; k < taps; k += kKernelLaneCount) {
    const v128_t x_lo = wasm_v128_load(xp + k);
    const v128_t x_hi = wasm_v128_load(xp + k + 4);
    for (size_t r = 0; r < kRows; ++r) {
      const float* h = rows + r * taps + k;
      lo[r] = wasm_f32x4_add(lo[r], wasm_f32x4_mul(x_lo, wasm_v128_load(h)));
      hi[r] = wasm_f32x4_add(hi[r], wasm_f32x4_mul(x_hi, wasm_v128_load(h + 4)));
    }
  }
  for (size_t r = 0; r < kRows; ++r) out[r] = Reduce(lo[r], hi[r]);
}

// kWindows windows `stride` apart against one row: every row vector is loaded once.
template <size_t kWindows>
void DotWindowsN(const float* xp, size_t stride, const float* hp, size_t taps, float* out) {
  v128_t lo[kWindows];
  v128_t hi[kWindows];
  for (size_t w = 0; w < kWindows; ++w) lo[w] = hi[w] = wasm_f32x4_splat(0.0f);
  for (size_t k = 0; k < taps; k += kKernelLaneCount) {
    const v128_t h_lo = wasm_v128_load(hp + k);
    const v128_t h_hi = wasm_v128_load(hp + k + 4);
    for (size_t w = 0; w < kWindows; ++w) {
      const float* x = xp + w * stride + k;
      lo[w] = wasm_f32x4_add(lo[w], wasm_f32x4_mul(wasm_v128_load(x), h_lo));
      hi[w] = wasm_f32x4_add(hi[w], wasm_f32x4_mul(wasm_v128_load(x + 4), h_hi));
    }
  }
  for (size_t w = 0; w < kWindows; ++w) out[w] = Reduce(lo[w], hi[w]);
}

// kPairs independent (window, row) dot products in one pass: 2 x kPairs accumulators
// in flight instead of one dependency chain per call.
template <size_t kPairs>
void DotPairsN(const DotPair* pairs, size_t taps, float* out) {
  v128_t lo[kPairs];
  v128_t hi[kPairs];
  const float* x[kPairs];
  const float* h[kPairs];
  for (size_t i = 0; i < kPairs; ++i) {
    lo[i] = hi[i] = wasm_f32x4_splat(0.0f);
    x[i] = pairs[i].x;
    h[i] = pairs[i].h;
  }
  for (size_t k = 0; k < taps; k += kKernelLaneCount) {
    for (size_t i = 0; i < kPairs; ++i) {
      lo[i] = wasm_f32x4_add(lo[i], wasm_f32x4_mul(wasm_v128_load(x[i] + k), wasm_v128_load(h[i] + k)));
      hi[i] = wasm_f32x4_add(hi[i],
                             wasm_f32x4_mul(wasm_v128_load(x[i] + k + 4), wasm_v128_load(h[i] + k + 4)));
    }
  }
  for (size_t i = 0; i < kPairs; ++i) out[i] = Reduce(lo[i], hi[i]);
}

}  // namespace simd_detail

// Three or four pairs run as two passes: eight accumulators in one loop exceed what V8's
// register allocator keeps in registers inside the resampler loop, and the spills cost
// more than the second pass (measured: 1.3x faster at 44.1k -> 48k).
inline void DotPairsSimd(std::span<const DotPair> pairs, size_t taps, std::span<float> out) {
  switch (out.size()) {
    case 1: simd_detail::DotPairsN<1>(pairs.data(), taps, out.data()); break;
    case 2: simd_detail::DotPairsN<2>(pairs.data(), taps, out.data()); break;
    case 3:
      simd_detail::DotPairsN<2>(pairs.data(), taps, out.data());
      simd_detail::DotPairsN<1>(pairs.data() + 2, taps, out.data() + 2);
      break;
    default:
      simd_detail::DotPairsN<2>(pairs.data(), taps, out.data());
      simd_detail::DotPairsN<2>(pairs.data() + 2, taps, out.data() + 2);
      break;
  }
}

// Four windows run as two passes of two, for the same reason as DotPairsSimd (measured:
// 1.13-1.20x faster at 48k -> 16k and 48k -> 24k).
inline void DotWindowsSimd(std::span<const float> x, size_t stride, std::span<const float> h,
                    std::span<float> out) {
  switch (out.size()) {
    case 1: simd_detail::DotWindowsN<1>(x.data(), stride, h.data(), h.size(), out.data()); break;
    case 2: simd_detail::DotWindowsN<2>(x.data(), stride, h.data(), h.size(), out.data()); break;
    case 3: simd_detail::DotWindowsN<3>(x.data(), stride, h.data(), h.size(), out.data()); break;
    default:
      simd_detail::DotWindowsN<2>(x.data(), stride, h.data(), h.size(), out.data());
      simd_detail::DotWindowsN<2>(x.data() + 2 * stride, stride, h.data(), h.size(), out.data() + 2);
      break;
  }
}

inline void DotRowsSimd(std::span<const float> x, std::span<const float> rows, std::span<float> out) {
  const size_t taps = rows.size() / out.size();
  switch (out.size()) {
    case 1: simd_detail::DotRowsN<1>(x.data(), rows.data(), taps, out.data()); break;
    case 2: simd_detail::DotRowsN<2>(x.data(), rows.data(), taps, out.data()); break;
    case 3: simd_detail::DotRowsN<3>(x.data(), rows.data(), taps, out.data()); break;
    default: simd_detail::DotRowsN<4>(x.data(), rows.data(), taps, out.data()); break;
  }
}

}  // namespace rtc_audio::kernel
