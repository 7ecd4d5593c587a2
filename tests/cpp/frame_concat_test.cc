#include "frame_concat.h"

#include <gtest/gtest.h>

#include <vector>

namespace rtc_audio {
namespace {

TEST(FrameConcat, JoinsOnlyTheDeclaredSamples) {
  std::vector<int16_t> a{1, 2, 3, 4, 99, 99};  // 2 stereo frames + 2 spare samples
  std::vector<int16_t> b{5, 6};
  std::vector<FrameView> frames{{{16000, 2, 2}, a}, {{16000, 2, 1}, b}};
  std::vector<int16_t> out(6, 0);
  ConcatResult r = ConcatFrames(frames, out);
  ASSERT_EQ(r.status, StatusCode::kOk);
  EXPECT_EQ(r.format.frames_per_channel, 3);
  EXPECT_EQ(r.format.sample_rate_hz, 16000);
  EXPECT_EQ(r.format.num_channels, 2);
  EXPECT_EQ(out, (std::vector<int16_t>{1, 2, 3, 4, 5, 6}));
}

TEST(FrameConcat, ReportsErrorsInOrderAndWritesNothing) {
  std::vector<int16_t> s(4, 1);
  std::vector<int16_t> out(8, 0);
  EXPECT_EQ(ConcatFrames({}, out).status, StatusCode::kEmptyInput);

  std::vector<FrameView> rate{{{16000, 1, 2}, s}, {{16000, 1, 2}, s}, {{48000, 2, 2}, s}};
  ConcatResult r = ConcatFrames(rate, out);
  EXPECT_EQ(r.status, StatusCode::kSampleRateMismatch);  // rate before channels
  EXPECT_EQ(r.bad_index, 2u);

  std::vector<FrameView> ch{{{16000, 1, 2}, s}, {{16000, 2, 2}, s}};
  r = ConcatFrames(ch, out);
  EXPECT_EQ(r.status, StatusCode::kChannelCountMismatch);
  EXPECT_EQ(r.bad_index, 1u);

  std::vector<FrameView> big{{{16000, 2, 2}, s}, {{16000, 2, 2}, s}, {{16000, 2, 1}, s}};
  EXPECT_EQ(ConcatFrames(big, out).status, StatusCode::kOutputTooSmall);
  EXPECT_EQ(out, std::vector<int16_t>(8, 0));
}

TEST(FrameConcat, PlanCountsWithoutCopying) {
  std::vector<int16_t> s(10, 0);
  std::vector<FrameView> frames{{{8000, 1, 10}, s}, {{8000, 1, 0}, s}, {{8000, 1, 3}, s}};
  ConcatResult r = PlanConcat(frames);
  ASSERT_EQ(r.status, StatusCode::kOk);
  EXPECT_EQ(r.format.frames_per_channel, 13);
}

}  // namespace
}  // namespace rtc_audio
