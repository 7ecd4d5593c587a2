// Filter design: Kaiser formulas, the Bessel function, and the polyphase rows.
#include "resampler_filter.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <vector>

namespace rtc_audio {
namespace {

TEST(ResamplerFilterTest, BesselI0MatchesKnownValues) {
  EXPECT_DOUBLE_EQ(BesselI0(0.0), 1.0);
  EXPECT_NEAR(BesselI0(1.0), 1.2660658777520082, 1e-15);
  EXPECT_NEAR(BesselI0(10.0) / 2815.716628466254, 1.0, 1e-14);
}

TEST(ResamplerFilterTest, KaiserFormulas) {
  EXPECT_NEAR(KaiserBeta(100.0), 0.1102 * 91.3, 1e-12);
  EXPECT_EQ(KaiserBeta(10.0), 0.0);
  // (100 - 7.95) / (14.36 * 0.1) + 1 = 65.1 -> 66 -> 72 (multiple of 8)
  EXPECT_EQ(KaiserTapCount(100.0, 0.1, 8), 72u);
  EXPECT_EQ(KaiserTapCount(100.0, 0.1, 1), 66u);
}

TEST(ResamplerFilterTest, PresetsAreOrderedAndAliasFreeInThePassband) {
  for (int32_t q = 0; q < kResamplerQualityCount; ++q) {
    const ResamplerPreset& p = PresetFor(static_cast<ResamplerQuality>(q));
    EXPECT_NEAR(p.passband_fraction + p.stopband_fraction, 2.0, 1e-12);
    EXPECT_LT(p.design_passband_fraction, p.passband_fraction);
    if (q > 0) {
      EXPECT_GT(p.attenuation_db, PresetFor(static_cast<ResamplerQuality>(q - 1)).attenuation_db);
    }
  }
  EXPECT_TRUE(IsValidQuality(4));
  EXPECT_FALSE(IsValidQuality(5));
}

TEST(ResamplerFilterTest, RowsHaveUnityGainAndMirrorEachOther) {
  std::vector<float> a(64);
  std::vector<float> b(64);
  DesignRow(0.25, 0.2, KaiserBeta(100), a);
  DesignRow(0.75, 0.2, KaiserBeta(100), b);
  double sum = 0;
  for (float v : a) sum += v;
  EXPECT_NEAR(sum, 1.0, 1e-6);
  // Phase p's coefficient j equals phase (1 - p)'s coefficient (taps - 1 - j): the
  // prototype is even around the output position.
  for (size_t j = 0; j < a.size(); ++j) EXPECT_NEAR(a[j], b[a.size() - 1 - j], 1e-7) << j;
  // Phase 0 puts the peak on tap half - 1.
  std::vector<float> z(64);
  DesignRow(0.0, 0.2, KaiserBeta(100), z);
  EXPECT_EQ(std::max_element(z.begin(), z.end()) - z.begin(), 31);
}

}  // namespace
}  // namespace rtc_audio
