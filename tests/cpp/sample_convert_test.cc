#include "sample_convert.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <vector>

namespace rtc_audio {
namespace {

TEST(SampleConvert, S16ToFloatIsExactAndScaledBy32768) {
  EXPECT_EQ(S16ToFloat(int16_t{0}), 0.0f);
  EXPECT_EQ(S16ToFloat(int16_t{-32768}), -1.0f);
  EXPECT_EQ(S16ToFloat(int16_t{16384}), 0.5f);
  EXPECT_EQ(S16ToFloat(int16_t{32767}), 32767.0f / 32768.0f);
}

TEST(SampleConvert, RoundTripIsLosslessForEveryInt16) {
  for (int v = -32768; v <= 32767; ++v) {
    const auto s = static_cast<int16_t>(v);
    ASSERT_EQ(FloatToS16(S16ToFloat(s)), s) << v;
  }
}

struct RoundCase {
  float scaled;  // value already in int16 units
  int16_t expected;
};

class RoundingTest : public ::testing::TestWithParam<RoundCase> {};

TEST_P(RoundingTest, NearestTiesToEvenThenSaturate) {
  EXPECT_EQ(RoundSaturateToS16(GetParam().scaled), GetParam().expected) << GetParam().scaled;
  EXPECT_EQ(FloatToS16(GetParam().scaled / 32768.0f), GetParam().expected);
}

INSTANTIATE_TEST_SUITE_P(
    Table, RoundingTest,
    ::testing::Values(RoundCase{0.4f, 0}, RoundCase{0.5f, 0}, RoundCase{0.6f, 1},
                      RoundCase{1.5f, 2}, RoundCase{2.5f, 2}, RoundCase{3.5f, 4},
                      RoundCase{-0.5f, 0}, RoundCase{-1.5f, -2}, RoundCase{-2.5f, -2},
                      RoundCase{-2.6f, -3}, RoundCase{32766.5f, 32766},
                      RoundCase{32767.0f, 32767}, RoundCase{32767.4f, 32767},
                      RoundCase{32768.0f, 32767}, RoundCase{1e9f, 32767},
                      RoundCase{-32768.0f, -32768}, RoundCase{-32768.6f, -32768},
                      RoundCase{-1e9f, -32768},
                      RoundCase{std::numeric_limits<float>::infinity(), 32767},
                      RoundCase{-std::numeric_limits<float>::infinity(), -32768}));

TEST(SampleConvert, NanBecomesZero) {
  EXPECT_EQ(FloatToS16(std::numeric_limits<float>::quiet_NaN()), 0);
  EXPECT_EQ(FloatToS16(-std::numeric_limits<float>::quiet_NaN()), 0);
}

TEST(SampleConvert, FullScaleFloatsSaturate) {
  EXPECT_EQ(FloatToS16(1.0f), 32767);
  EXPECT_EQ(FloatToS16(-1.0f), -32768);
  EXPECT_EQ(FloatToS16(2.0f), 32767);
  EXPECT_EQ(FloatToS16(-2.0f), -32768);
}

TEST(SampleConvert, SaturateToS16ClampsInt32) {
  EXPECT_EQ(SaturateToS16(40000), 32767);
  EXPECT_EQ(SaturateToS16(-40000), -32768);
  EXPECT_EQ(SaturateToS16(-123), -123);
}

TEST(SampleConvert, BulkFormsConvertTheShorterLength) {
  std::vector<int16_t> in{-32768, -1, 0, 1, 32767};
  std::vector<float> f(3);
  EXPECT_EQ(S16ToFloat(in, f), 3u);
  EXPECT_EQ(f[1], -1.0f / 32768.0f);
  std::vector<int16_t> back(5, 99);
  EXPECT_EQ(FloatToS16(f, back), 3u);
  EXPECT_EQ(back[0], -32768);
  EXPECT_EQ(back[2], 0);
  EXPECT_EQ(back[3], 99);  // untouched past the converted length
}

// A dense sweep against the C library's round-to-nearest-even (default environment):
// every quarter step from below -32768 to above 32767, and the neighbours of each tie.
TEST(SampleConvert, RoundingMatchesNearestEvenOnADenseSweep) {
  for (float v = -33000.0f; v <= 33000.0f; v += 0.25f) {
    for (const float x : {v, std::nextafter(v, -1e9f), std::nextafter(v, 1e9f)}) {
      const float clamped = std::fmin(std::fmax(std::nearbyint(x), -32768.0f), 32767.0f);
      ASSERT_EQ(RoundSaturateToS16(x), static_cast<int16_t>(clamped)) << x;
    }
  }
}

}  // namespace
}  // namespace rtc_audio
