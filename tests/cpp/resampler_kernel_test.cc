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
    float via = 0;
    DotRows(window, h, std::span<float>(&via, 1));
    EXPECT_EQ(via, expected) << taps;
    // And it is the dot product, to float accuracy.
    double exact = 0;
    for (size_t k = 0; k < taps; ++k) exact += static_cast<double>(x[k + 3]) * h[k];
    EXPECT_NEAR(expected, exact, 1e-5 * static_cast<double>(taps));
  }
}

TEST(ResamplerKernelTest, DotRowsIsOneDotPerRowOverOneWindow) {
  std::vector<float> x(64);
  std::vector<float> rows(kMaxKernelRows * 64);
  for (size_t i = 0; i < x.size(); ++i) x[i] = std::sin(0.3f * static_cast<float>(i));
  for (size_t i = 0; i < rows.size(); ++i) rows[i] = 0.01f * std::cos(0.17f * static_cast<float>(i));
  for (size_t count = 1; count <= kMaxKernelRows; ++count) {
    float out[kMaxKernelRows];
    float via[kMaxKernelRows];
    const std::span<const float> all(rows.data(), count * 64);
    DotRowsScalar(x, all, std::span<float>(out, count));
    DotRows(x, all, std::span<float>(via, count));
    for (size_t r = 0; r < count; ++r) {
      EXPECT_EQ(out[r], DotScalar(x, all.subspan(r * 64, 64))) << count << "," << r;
      EXPECT_EQ(via[r], out[r]);
    }
  }
}

TEST(ResamplerKernelTest, DotWindowsIsOneDotPerShiftedWindow) {
  std::vector<float> x(200);
  std::vector<float> h(64);
  for (size_t i = 0; i < x.size(); ++i) x[i] = std::sin(0.21f * static_cast<float>(i));
  for (size_t i = 0; i < h.size(); ++i) h[i] = 0.01f * std::cos(0.13f * static_cast<float>(i));
  for (size_t stride = 1; stride <= 40; stride += 13) {
    for (size_t count = 1; count <= kMaxKernelRows; ++count) {
      float out[kMaxKernelRows];
      float via[kMaxKernelRows];
      const std::span<const float> window(x.data(), (count - 1) * stride + h.size());
      DotWindowsScalar(window, stride, h, std::span<float>(out, count));
      DotWindows(window, stride, h, std::span<float>(via, count));
      for (size_t w = 0; w < count; ++w) {
        EXPECT_EQ(out[w], DotScalar(window.subspan(w * stride, h.size()), h));
        EXPECT_EQ(via[w], out[w]);
      }
    }
  }
}

}  // namespace
}  // namespace rtc_audio::kernel
