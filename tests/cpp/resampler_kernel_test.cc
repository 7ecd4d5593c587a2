// The scalar kernels (the specification the wasm_simd128 kernel is held to; the parity
// test itself runs inside the wasm build, tests/js/audio-resampler.test.js).
#include "resampler_kernel.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <vector>

namespace rtc_audio::kernel {
namespace {

TEST(ResamplerKernelTest, DotFollowsTheDocumentedLaneOrder) {
  std::mt19937 rng(5);
  std::uniform_real_distribution<float> u(-1.0f, 1.0f);
  for (size_t taps = kKernelLaneCount; taps <= 256; taps += kKernelLaneCount) {
    std::vector<float> x(taps + 3);
    std::vector<float> h(taps);
    for (auto& v : x) v = u(rng);
    for (auto& v : h) v = u(rng);
    // Independent restatement of the order: lane j sums taps j, j+8, ...; then the tree.
    float s[kKernelLaneCount] = {};
    for (size_t k = 0; k < taps; ++k) s[k % kKernelLaneCount] += x[k + 3] * h[k];
    const float expected = ((s[0] + s[4]) + (s[2] + s[6])) + ((s[1] + s[5]) + (s[3] + s[7]));
    const std::span<const float> window(x.data() + 3, taps);
    EXPECT_EQ(DotScalar(window, h), expected) << taps;
    EXPECT_EQ(Dot(window, h), expected) << taps;
    // And it is the dot product, to float accuracy.
    double exact = 0;
    for (size_t k = 0; k < taps; ++k) exact += static_cast<double>(x[k + 3]) * h[k];
    EXPECT_NEAR(expected, exact, 1e-5 * static_cast<double>(taps));
  }
}

TEST(ResamplerKernelTest, Dot2IsTwoDotsOverOneWindow) {
  std::vector<float> x(64);
  std::vector<float> a(64);
  std::vector<float> b(64);
  for (size_t i = 0; i < 64; ++i) {
    x[i] = std::sin(0.3f * static_cast<float>(i));
    a[i] = 0.01f * static_cast<float>(i);
    b[i] = -0.02f * static_cast<float>(64 - i);
  }
  const DotPair p = Dot2Scalar(x, a, b);
  EXPECT_EQ(p.first, DotScalar(x, a));
  EXPECT_EQ(p.second, DotScalar(x, b));
  const DotPair q = Dot2(x, a, b);
  EXPECT_EQ(q.first, p.first);
  EXPECT_EQ(q.second, p.second);
}

}  // namespace
}  // namespace rtc_audio::kernel
