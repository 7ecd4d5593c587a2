#include "channel_remix.h"

#include <gtest/gtest.h>

#include <vector>

namespace rtc_audio {
namespace {

struct RemixCase {
  int in_channels;
  int out_channels;
  std::vector<int16_t> in;   // one or more frames
  std::vector<int16_t> out;  // expected
};

class RemixTableTest : public ::testing::TestWithParam<RemixCase> {};

TEST_P(RemixTableTest, Int16MatchesTable) {
  const RemixCase& c = GetParam();
  std::vector<int16_t> out(c.out.size(), 12345);
  const size_t frames = RemixChannels(std::span<const int16_t>(c.in), c.in_channels,
                                      std::span<int16_t>(out), c.out_channels);
  EXPECT_EQ(frames, c.in.size() / static_cast<size_t>(c.in_channels));
  EXPECT_EQ(out, c.out);
}

TEST_P(RemixTableTest, FloatAgreesWithInt16WhereExact) {
  const RemixCase& c = GetParam();
  std::vector<float> in(c.in.begin(), c.in.end());
  std::vector<float> out(c.out.size());
  RemixChannels(std::span<const float>(in), c.in_channels, std::span<float>(out),
                c.out_channels);
  for (size_t i = 0; i < out.size(); ++i) {
    // The float form does not round: it is within half a step of the int16 result.
    EXPECT_NEAR(out[i], c.out[i], 0.5) << i;
  }
}

INSTANTIATE_TEST_SUITE_P(
    Table, RemixTableTest,
    ::testing::Values(
        // copy
        RemixCase{2, 2, {1, -2, 3, -4}, {1, -2, 3, -4}},
        // stereo -> mono averages; ties to even: (1+2)/2 = 1.5 -> 2, (3+4)/2 = 3.5 -> 4,
        // (2+3)/2 = 2.5 -> 2, (-1-2)/2 = -1.5 -> -2
        RemixCase{2, 1, {100, 300, 1, 2, 3, 4, 2, 3, -1, -2}, {200, 2, 4, 2, -2}},
        // extremes cannot overflow
        RemixCase{2, 1, {32767, 32767, -32768, -32768, 32767, -32768}, {32767, -32768, 0}},
        // mono -> stereo / 3 duplicates
        RemixCase{1, 2, {7, -8}, {7, 7, -8, -8}},
        RemixCase{1, 3, {5}, {5, 5, 5}},
        // 2 -> 4 duplicates cyclically: L R L R
        RemixCase{2, 4, {1, 2}, {1, 2, 1, 2}},
        // 4 -> 2: L = avg(c0, c2), R = avg(c1, c3)
        RemixCase{4, 2, {10, 20, 30, 40}, {20, 30}},
        // 3 -> 2: L = avg(c0, c2), R = c1
        RemixCase{3, 2, {10, 99, 20}, {15, 99}},
        // 6 -> 1: average of all six; 21 / 6 = 3.5 -> 4
        RemixCase{6, 1, {1, 2, 3, 4, 5, 6}, {4}}));

TEST(ChannelRemix, ConvertsOnlyWholeFramesThatFit) {
  std::vector<int16_t> in{1, 2, 3, 4, 5, 6, 7};  // 3 whole stereo frames + 1 stray sample
  std::vector<int16_t> out(2, 0);                // room for 2 mono frames
  EXPECT_EQ(RemixChannels(std::span<const int16_t>(in), 2, std::span<int16_t>(out), 1), 2u);
  EXPECT_EQ(out, (std::vector<int16_t>{2, 4}));  // 1.5 -> 2, 3.5 -> 4
}

TEST(ChannelRemix, SourceCountsFollowTheModuloRule) {
  EXPECT_EQ(RemixSourceCount(2, 1, 0), 2);
  EXPECT_EQ(RemixSourceCount(3, 2, 0), 2);
  EXPECT_EQ(RemixSourceCount(3, 2, 1), 1);
  EXPECT_EQ(RemixSourceCount(1, 2, 1), 1);
  EXPECT_EQ(RemixSourceCount(32, 5, 1), 7);  // 1, 6, 11, 16, 21, 26, 31
  EXPECT_EQ(RemixSourceCount(32, 5, 2), 6);
}

}  // namespace
}  // namespace rtc_audio
