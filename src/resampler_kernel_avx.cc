// AVX forms of the resampler kernels for native x86 builds. The specification is the
// scalar code in resampler_kernel.h: one 8-lane accumulator holds lanes 0-7 in order, and
// the final reduction adds them in the documented order, so results are bit-identical
// (multiply then add, each rounded: only "avx" is enabled, never "fma", so the compiler
// cannot contract them). Built without -march: the functions carry their own target
// attribute and are called only when the CPU (and OS) support AVX, checked once at load.
// This file compiles to nothing outside x86 or inside the wasm build.
#include "resampler_kernel.h"

#if RTC_AUDIO_HAVE_AVX_KERNEL
#include <immintrin.h>

namespace rtc_audio::kernel {
namespace {

// ((s0 + s4) + (s2 + s6)) + ((s1 + s5) + (s3 + s7)).
[[gnu::target("avx")]] inline float Reduce(__m256 s) {
  const __m128 a = _mm_add_ps(_mm256_castps256_ps128(s), _mm256_extractf128_ps(s, 1));
  const __m128 b = _mm_add_ps(a, _mm_shuffle_ps(a, a, _MM_SHUFFLE(1, 0, 3, 2)));
  const __m128 c = _mm_add_ps(b, _mm_shuffle_ps(b, b, _MM_SHUFFLE(2, 3, 0, 1)));
  return _mm_cvtss_f32(c);
}

template <size_t kRows>
[[gnu::target("avx")]] void DotRowsN(const float* xp, const float* rows, size_t taps, float* out) {
  __m256 acc[kRows];
  for (size_t r = 0; r < kRows; ++r) acc[r] = _mm256_setzero_ps();
  for (size_t k = 0; k < taps; k += kKernelLaneCount) {
    const __m256 x = _mm256_loadu_ps(xp + k);
    for (size_t r = 0; r < kRows; ++r) {
      acc[r] = _mm256_add_ps(acc[r], _mm256_mul_ps(x, _mm256_loadu_ps(rows + r * taps + k)));
    }
  }
  for (size_t r = 0; r < kRows; ++r) out[r] = Reduce(acc[r]);
}

template <size_t kWindows>
[[gnu::target("avx")]] void DotWindowsN(const float* xp, size_t stride, const float* hp, size_t taps,
                               float* out) {
  __m256 acc[kWindows];
  for (size_t w = 0; w < kWindows; ++w) acc[w] = _mm256_setzero_ps();
  for (size_t k = 0; k < taps; k += kKernelLaneCount) {
    const __m256 h = _mm256_loadu_ps(hp + k);
    for (size_t w = 0; w < kWindows; ++w) {
      acc[w] = _mm256_add_ps(acc[w], _mm256_mul_ps(_mm256_loadu_ps(xp + w * stride + k), h));
    }
  }
  for (size_t w = 0; w < kWindows; ++w) out[w] = Reduce(acc[w]);
}

template <size_t kPairs>
[[gnu::target("avx")]] void DotPairsN(const DotPair* pairs, size_t taps, float* out) {
  __m256 acc[kPairs];
  const float* x[kPairs];
  const float* h[kPairs];
  for (size_t i = 0; i < kPairs; ++i) {
    acc[i] = _mm256_setzero_ps();
    x[i] = pairs[i].x;
    h[i] = pairs[i].h;
  }
  for (size_t k = 0; k < taps; k += kKernelLaneCount) {
    for (size_t i = 0; i < kPairs; ++i) {
      acc[i] = _mm256_add_ps(acc[i], _mm256_mul_ps(_mm256_loadu_ps(x[i] + k), _mm256_loadu_ps(h[i] + k)));
    }
  }
  for (size_t i = 0; i < kPairs; ++i) out[i] = Reduce(acc[i]);
}

bool DetectAvx() {
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx");
}

}  // namespace

const bool kHaveAvx = DetectAvx();

void DotRowsAvx(std::span<const float> x, std::span<const float> rows, std::span<float> out) {
  const size_t taps = rows.size() / out.size();
  switch (out.size()) {
    case 1: DotRowsN<1>(x.data(), rows.data(), taps, out.data()); break;
    case 2: DotRowsN<2>(x.data(), rows.data(), taps, out.data()); break;
    case 3: DotRowsN<3>(x.data(), rows.data(), taps, out.data()); break;
    default: DotRowsN<4>(x.data(), rows.data(), taps, out.data()); break;
  }
}

void DotWindowsAvx(std::span<const float> x, size_t stride, std::span<const float> h,
                   std::span<float> out) {
  switch (out.size()) {
    case 1: DotWindowsN<1>(x.data(), stride, h.data(), h.size(), out.data()); break;
    case 2: DotWindowsN<2>(x.data(), stride, h.data(), h.size(), out.data()); break;
    case 3: DotWindowsN<3>(x.data(), stride, h.data(), h.size(), out.data()); break;
    default: DotWindowsN<4>(x.data(), stride, h.data(), h.size(), out.data()); break;
  }
}

void DotPairsAvx(std::span<const DotPair> pairs, size_t taps, std::span<float> out) {
  switch (out.size()) {
    case 1: DotPairsN<1>(pairs.data(), taps, out.data()); break;
    case 2: DotPairsN<2>(pairs.data(), taps, out.data()); break;
    case 3: DotPairsN<3>(pairs.data(), taps, out.data()); break;
    default: DotPairsN<4>(pairs.data(), taps, out.data()); break;
  }
}

}  // namespace rtc_audio::kernel

#endif  // RTC_AUDIO_HAVE_AVX_KERNEL
