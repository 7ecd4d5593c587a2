#include "mix_kernel.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <random>
#include <vector>

namespace rtc_audio {
namespace {

using Inputs = std::vector<std::vector<int16_t>>;

// The definition, written independently of the kernel: a 64-bit sum (never overflows),
// missing samples are zero, clamped once.
std::vector<int16_t> Reference(const Inputs& inputs, size_t n) {
  std::vector<int16_t> out(n);
  for (size_t i = 0; i < n; ++i) {
    int64_t sum = 0;
    for (const auto& in : inputs) sum += i < in.size() ? in[i] : 0;
    out[i] = static_cast<int16_t>(std::clamp<int64_t>(sum, -32768, 32767));
  }
  return out;
}

std::vector<std::span<const int16_t>> Views(const Inputs& inputs) {
  return {inputs.begin(), inputs.end()};
}

std::vector<int16_t> Mix(size_t (*kernel)(std::span<const std::span<const int16_t>>,
                                          std::span<int16_t>),
                         const Inputs& inputs, size_t n) {
  std::vector<int16_t> out(n, 12345);  // garbage the kernel must overwrite
  const auto views = Views(inputs);
  EXPECT_EQ(kernel(views, out), n);
  return out;
}

TEST(MixKernelTest, ConstantsAdd) {
  const Inputs in = {std::vector<int16_t>(9, 100), std::vector<int16_t>(9, 200)};
  EXPECT_EQ(Mix(MixS16Scalar, in, 9), std::vector<int16_t>(9, 300));
  EXPECT_EQ(Mix(MixS16, in, 9), std::vector<int16_t>(9, 300));
}

TEST(MixKernelTest, NoInputsIsSilence) {
  EXPECT_EQ(Mix(MixS16Scalar, {}, 11), std::vector<int16_t>(11, 0));
  EXPECT_EQ(Mix(MixS16, {}, 11), std::vector<int16_t>(11, 0));
}

TEST(MixKernelTest, SaturatesAtTheTop) {
  const Inputs in = {{32767, 32767, 30000, 1}, {1, 32767, 2767, 32766}};
  EXPECT_EQ(Mix(MixS16Scalar, in, 4), (std::vector<int16_t>{32767, 32767, 32767, 32767}));
}

TEST(MixKernelTest, SaturatesAtTheBottom) {
  const Inputs in = {{-32768, -32768, -30000, -1}, {-1, -32768, -2769, -32767}};
  EXPECT_EQ(Mix(MixS16Scalar, in, 4), (std::vector<int16_t>{-32768, -32768, -32768, -32768}));
}

TEST(MixKernelTest, SaturatesOnceAfterTheWholeSum) {
  // Saturating after each addition would give 32767 - 30000 = 2767 and -32768 + 30000.
  const Inputs in = {{30000, -30000}, {30000, -30000}, {-30000, 30000}};
  EXPECT_EQ(Mix(MixS16Scalar, in, 2), (std::vector<int16_t>{30000, -30000}));
}

TEST(MixKernelTest, MaxInputsAtFullScaleDoNotOverflowTheAccumulator) {
  // 65536 x -32768 = -2^31 exactly, and 65536 x 32767 < 2^31: both must saturate cleanly
  // (UBSan in native-debug would flag an int32 overflow).
  const std::vector<int16_t> low(5, -32768);
  const std::vector<int16_t> high(5, 32767);
  std::vector<std::span<const int16_t>> views(kMaxMixInputs, std::span<const int16_t>(low));
  std::vector<int16_t> out(5);
  EXPECT_EQ(MixS16Scalar(views, out), 5u);
  EXPECT_EQ(out, std::vector<int16_t>(5, -32768));
  std::fill(views.begin(), views.end(), std::span<const int16_t>(high));
  EXPECT_EQ(MixS16(views, out), 5u);
  EXPECT_EQ(out, std::vector<int16_t>(5, 32767));
}

TEST(MixKernelTest, TooManyInputsWritesNothing) {
  const std::vector<int16_t> one(3, 1);
  std::vector<std::span<const int16_t>> views(kMaxMixInputs + 1, std::span<const int16_t>(one));
  std::vector<int16_t> out(3, 7);
  EXPECT_EQ(MixS16Scalar(views, out), 0u);
  EXPECT_EQ(MixS16(views, out), 0u);
  EXPECT_EQ(out, std::vector<int16_t>(3, 7));
}

TEST(MixKernelTest, ShortInputsContributeSilencePastTheirEnd) {
  const Inputs in = {{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, {100, 100, 100}, {}};
  EXPECT_EQ(Mix(MixS16Scalar, in, 11),
            (std::vector<int16_t>{101, 102, 103, 4, 5, 6, 7, 8, 9, 10, 11}));
}

TEST(MixKernelTest, LongerInputsAreReadOnlyUpToTheOutputLength) {
  const Inputs in = {{1, 2, 3, 4, 5}, {10, 20, 30, 40, 50}};
  EXPECT_EQ(Mix(MixS16Scalar, in, 3), (std::vector<int16_t>{11, 22, 33}));
}

TEST(MixKernelTest, EmptyOutput) {
  const Inputs in = {{1, 2}};
  EXPECT_EQ(Mix(MixS16Scalar, in, 0), std::vector<int16_t>{});
}

// Parity with the reference over odd and even lengths (around the 8-lane SIMD width, so
// the same table exercises the wasm kernel's tail handling when it is the one selected),
// input counts, and inputs shorter than the output.
struct ParityCase {
  size_t num_inputs;
  size_t length;
  bool loud;  // full-scale inputs (sums mostly saturate) or quiet ones (sums mostly exact)
};

class MixKernelParityTest : public ::testing::TestWithParam<ParityCase> {};

TEST_P(MixKernelParityTest, ScalarAndSelectedKernelMatchReference) {
  const ParityCase c = GetParam();
  std::mt19937 rng(static_cast<uint32_t>(c.num_inputs * 10000 + c.length * 2 + c.loud));
  const int peak = c.loud ? 32767 : 32767 / static_cast<int>(c.num_inputs);
  std::uniform_int_distribution<int> sample(-peak - 1, peak);
  std::uniform_int_distribution<size_t> shorter(0, c.length);
  Inputs inputs(c.num_inputs);
  for (size_t k = 0; k < c.num_inputs; ++k) {
    // Every third input is shorter than the output (0..length samples).
    const size_t len = k % 3 == 2 ? shorter(rng) : c.length;
    inputs[k].resize(len);
    for (auto& s : inputs[k]) s = static_cast<int16_t>(sample(rng));
  }
  const auto expected = Reference(inputs, c.length);
  EXPECT_EQ(Mix(MixS16Scalar, inputs, c.length), expected);
  EXPECT_EQ(Mix(MixS16, inputs, c.length), expected);
}

std::vector<ParityCase> ParityCases() {
  std::vector<ParityCase> cases;
  for (size_t inputs : {1u, 2u, 3u, 8u, 17u}) {
    for (size_t length : {1u, 3u, 7u, 8u, 9u, 15u, 16u, 17u, 959u, 960u, 1023u}) {
      cases.push_back({inputs, length, true});
      cases.push_back({inputs, length, false});
    }
  }
  return cases;
}

INSTANTIATE_TEST_SUITE_P(OddAndEvenLengths, MixKernelParityTest,
                         ::testing::ValuesIn(ParityCases()),
                         [](const ::testing::TestParamInfo<ParityCase>& param_info) {
                           const ParityCase& c = param_info.param;
                           return std::to_string(c.num_inputs) + "inputs_" +
                                  std::to_string(c.length) + "samples_" +
                                  (c.loud ? "loud" : "quiet");
                         });

}  // namespace
}  // namespace rtc_audio
