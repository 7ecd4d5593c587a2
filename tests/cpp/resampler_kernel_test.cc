// The scalar kernels (the specification the SIMD kernels are held to), and natively the
// kernels the resampler dispatches to (AVX on x86 when the CPU has it) against them, bit
// for bit. The wasm_simd128 parity test runs inside the wasm build
// (tests/js/audio-resampler.test.js).
#include "resampler_kernel.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
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

TEST(ResamplerKernelTest, DotPairsIsOneDotPerWindowAndRowBitForBit) {
  std::mt19937 rng(11);
  std::uniform_real_distribution<float> u(-1.0f, 1.0f);
  std::vector<float> x(1100);
  std::vector<float> rows(kMaxKernelRows * 1030);
  for (auto& v : x) v = u(rng);
  for (auto& v : rows) v = 0.01f * u(rng);
  for (int trial = 0; trial < 400; ++trial) {
    const size_t taps = kKernelLaneCount * (1 + rng() % 128);
    const size_t count = 1 + rng() % kMaxKernelRows;
    DotPair pairs[kMaxKernelRows];
    for (size_t i = 0; i < count; ++i) {
      // Unaligned, possibly overlapping windows and rows.
      pairs[i] = {x.data() + rng() % (x.size() - taps), rows.data() + rng() % (rows.size() - taps)};
    }
    float spec[kMaxKernelRows];
    float via[kMaxKernelRows];
    DotPairsScalar(std::span<const DotPair>(pairs, count), taps, std::span<float>(spec, count));
    DotPairs(std::span<const DotPair>(pairs, count), taps, std::span<float>(via, count));
    for (size_t i = 0; i < count; ++i) {
      EXPECT_EQ(spec[i], DotScalar(std::span<const float>(pairs[i].x, taps),
                                   std::span<const float>(pairs[i].h, taps)));
      EXPECT_EQ(std::memcmp(&via[i], &spec[i], sizeof(float)), 0) << taps << "," << count << "," << i;
    }
  }
}

}  // namespace
}  // namespace rtc_audio::kernel
