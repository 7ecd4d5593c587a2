// The resampler's inner loop: dot products of a delay-line window with polyphase rows.
//
// The scalar functions below are the specification. They sum in eight interleaved lanes
// (lane j takes taps j, j+8, j+16, ...), each lane in tap order with a rounded multiply
// then a rounded add, and finish with a fixed pairwise reduction:
//
//   lanes  s0 s1 s2 s3 s4 s5 s6 s7
//   result ((s0 + s4) + (s2 + s6)) + ((s1 + s5) + (s3 + s7))
//
// That order is exactly what two 4-wide SIMD accumulators followed by two shuffle-adds
// compute, so the wasm_simd128 kernels (resampler_kernel_simd.h, used only when
// __wasm_simd128__ is defined) return bit-identical results; a parity test runs both on
// the wasm build. Natively on x86 the AVX kernels (resampler_kernel_avx.cc, one 8-lane
// accumulator) are used when the CPU has AVX, else the scalar ones, which the compiler
// vectorises itself (no -ffast-math is needed because the order is already explicit).
//
// Contract for every kernel: `taps` is a multiple of kKernelLaneCount, the window x holds
// at least `taps` samples, no alignment is required.
// Thread-safety: pure; real-time safe (no allocation, no locks, no branches on data).
#pragma once

#include <cstddef>
#include <span>

namespace rtc_audio::kernel {

inline constexpr size_t kKernelLaneCount = 8;

inline constexpr size_t kMaxKernelRows = 4;

inline float ReduceLanes(const float (&s)[kKernelLaneCount]) {
  return ((s[0] + s[4]) + (s[2] + s[6])) + ((s[1] + s[5]) + (s[3] + s[7]));
}

// sum_j x[j] * h[j], in the lane order above.
inline float DotScalar(std::span<const float> x, std::span<const float> h) {
  float s[kKernelLaneCount] = {};
  const size_t taps = h.size();
  for (size_t k = 0; k < taps; k += kKernelLaneCount) {
    for (size_t j = 0; j < kKernelLaneCount; ++j) s[j] += x[k + j] * h[k + j];
  }
  return ReduceLanes(s);
}

// Several rows against one window: `rows` holds out.size() (1..kMaxKernelRows) rows of
// taps = rows.size() / out.size() coefficients back to back (adjacent phases, or
// consecutive outputs that share a window when upsampling); out[r] = DotScalar(x, row r).
inline void DotRowsScalar(std::span<const float> x, std::span<const float> rows,
                          std::span<float> out) {
  const size_t taps = rows.size() / out.size();
  for (size_t r = 0; r < out.size(); ++r) out[r] = DotScalar(x, rows.subspan(r * taps, taps));
}

// One row against several windows `stride` samples apart (integer-factor downsampling:
// consecutive outputs use the same row, their windows start `stride` samples apart):
// out[w] = DotScalar(x + w * stride, h) for w < out.size() (1..kMaxKernelRows); x holds
// at least (out.size() - 1) * stride + h.size() samples.
inline void DotWindowsScalar(std::span<const float> x, size_t stride, std::span<const float> h,
                             std::span<float> out) {
  for (size_t w = 0; w < out.size(); ++w) out[w] = DotScalar(x.subspan(w * stride, h.size()), h);
}

// One window and the row it is weighed with (each `taps` long, see DotPairs).
struct DotPair {
  const float* x;
  const float* h;
};

// Independent dot products: out[i] = DotScalar(x of pair i, h of pair i) over `taps`
// coefficients, for i < out.size() (1..kMaxKernelRows). Consecutive outputs that neither
// share a window nor a row (fractional ratios, the interpolated form) are computed in one
// pass, so their accumulations overlap instead of waiting on each other.
inline void DotPairsScalar(std::span<const DotPair> pairs, size_t taps, std::span<float> out) {
  for (size_t i = 0; i < out.size(); ++i) {
    out[i] = DotScalar(std::span<const float>(pairs[i].x, taps),
                       std::span<const float>(pairs[i].h, taps));
  }
}

}  // namespace rtc_audio::kernel

#if defined(__wasm_simd128__)
// The wasm_simd128 forms DotRowsSimd, DotWindowsSimd and DotPairsSimd (inline): each
// window vector (DotRows) or row vector (DotWindows) is loaded once for all rows /
// windows; same results, bit for bit.
#include "resampler_kernel_simd.h"
#endif

namespace rtc_audio::kernel {

inline constexpr bool kHaveSimdKernel =
#if defined(__wasm_simd128__)
    true;
#else
    false;
#endif

#if (defined(__x86_64__) || defined(__i386__)) && !defined(__wasm__)
#define RTC_AUDIO_HAVE_AVX_KERNEL 1
// The AVX forms for native x86 (resampler_kernel_avx.cc): one 8-lane accumulator per
// dot, same results bit for bit; used when kHaveAvx (the CPU and OS support AVX).
extern const bool kHaveAvx;
void DotRowsAvx(std::span<const float> x, std::span<const float> rows, std::span<float> out);
void DotWindowsAvx(std::span<const float> x, size_t stride, std::span<const float> h,
                   std::span<float> out);
void DotPairsAvx(std::span<const DotPair> pairs, size_t taps, std::span<float> out);
#else
#define RTC_AUDIO_HAVE_AVX_KERNEL 0
#endif

// The kernels the resampler runs: the SIMD ones where they exist, else the scalar ones.
inline void DotRows(std::span<const float> x, std::span<const float> rows, std::span<float> out) {
#if defined(__wasm_simd128__)
  DotRowsSimd(x, rows, out);
#elif RTC_AUDIO_HAVE_AVX_KERNEL
  if (kHaveAvx) return DotRowsAvx(x, rows, out);
  DotRowsScalar(x, rows, out);
#else
  DotRowsScalar(x, rows, out);
#endif
}

inline void DotWindows(std::span<const float> x, size_t stride, std::span<const float> h,
                       std::span<float> out) {
#if defined(__wasm_simd128__)
  DotWindowsSimd(x, stride, h, out);
#elif RTC_AUDIO_HAVE_AVX_KERNEL
  if (kHaveAvx) return DotWindowsAvx(x, stride, h, out);
  DotWindowsScalar(x, stride, h, out);
#else
  DotWindowsScalar(x, stride, h, out);
#endif
}

inline void DotPairs(std::span<const DotPair> pairs, size_t taps, std::span<float> out) {
#if defined(__wasm_simd128__)
  DotPairsSimd(pairs, taps, out);
#elif RTC_AUDIO_HAVE_AVX_KERNEL
  if (kHaveAvx) return DotPairsAvx(pairs, taps, out);
  DotPairsScalar(pairs, taps, out);
#else
  DotPairsScalar(pairs, taps, out);
#endif
}

}  // namespace rtc_audio::kernel
