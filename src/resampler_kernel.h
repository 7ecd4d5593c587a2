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
// compute, so the wasm_simd128 kernel (resampler_kernel_simd.cc, built only when
// __wasm_simd128__ is defined) returns bit-identical results; a parity test runs both on
// the wasm build. Natively the compiler vectorises the lanes itself (no -ffast-math is
// needed because the order is already explicit).
//
// Contract for every kernel: `taps` = h.size() is a multiple of kKernelLaneCount, the
// window x holds at least `taps` samples, no alignment is required.
// Thread-safety: pure; real-time safe (no allocation, no locks, no branches on data).
#pragma once

#include <cstddef>
#include <span>

namespace rtc_audio::kernel {

inline constexpr size_t kKernelLaneCount = 8;

struct DotPair {
  float first;
  float second;
};

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

// Two rows against one window (adjacent phases, or two outputs that share a window):
// {sum x*h0, sum x*h1}, each exactly as DotScalar computes it. (Written as two passes:
// compilers vectorise each pass, and the SIMD kernel shares the window loads instead.)
inline DotPair Dot2Scalar(std::span<const float> x, std::span<const float> h0,
                          std::span<const float> h1) {
  return {DotScalar(x, h0), DotScalar(x, h1)};
}

#if defined(__wasm_simd128__)
// wasm_simd128 forms of the two kernels (resampler_kernel_simd.cc): same results, bit
// for bit.
float DotSimd(std::span<const float> x, std::span<const float> h);
DotPair Dot2Simd(std::span<const float> x, std::span<const float> h0, std::span<const float> h1);
inline constexpr bool kHaveSimdKernel = true;
#else
inline constexpr bool kHaveSimdKernel = false;
#endif

// The kernels the resampler runs: the SIMD ones where they exist, else the scalar ones.
inline float Dot(std::span<const float> x, std::span<const float> h) {
#if defined(__wasm_simd128__)
  return DotSimd(x, h);
#else
  return DotScalar(x, h);
#endif
}

inline DotPair Dot2(std::span<const float> x, std::span<const float> h0,
                    std::span<const float> h1) {
#if defined(__wasm_simd128__)
  return Dot2Simd(x, h0, h1);
#else
  return Dot2Scalar(x, h0, h1);
#endif
}

}  // namespace rtc_audio::kernel
