#include "audio_frame.h"

#include <gtest/gtest.h>

namespace rtc_audio {
namespace {

struct FrameCase {
  int64_t rate, channels, frames, bytes;
  StatusCode expected;
};

class ValidateFrameTest : public ::testing::TestWithParam<FrameCase> {};

TEST_P(ValidateFrameTest, ReportsFirstBrokenRule) {
  const FrameCase& c = GetParam();
  FrameFormat f{static_cast<int32_t>(c.rate), static_cast<int32_t>(c.channels), c.frames};
  EXPECT_EQ(ValidateFrame(f, c.bytes), c.expected) << StatusName(c.expected);
}

INSTANTIATE_TEST_SUITE_P(
    Table, ValidateFrameTest,
    ::testing::Values(
        FrameCase{48000, 2, 480, 1920, StatusCode::kOk},
        FrameCase{48000, 2, 480, 1922, StatusCode::kOk},          // longer buffer is fine
        FrameCase{48000, 1, 0, 0, StatusCode::kOk},               // empty frame
        FrameCase{1000, 32, 1, 64, StatusCode::kOk},              // both bounds
        FrameCase{768000, 1, 1, 2, StatusCode::kOk},
        FrameCase{999, 1, 1, 2, StatusCode::kInvalidSampleRate},
        FrameCase{768001, 1, 1, 2, StatusCode::kInvalidSampleRate},
        FrameCase{0, 0, -1, 1, StatusCode::kInvalidSampleRate},   // rate checked first
        FrameCase{48000, 0, 1, 2, StatusCode::kInvalidChannelCount},
        FrameCase{48000, 33, 1, 66, StatusCode::kInvalidChannelCount},
        FrameCase{48000, 1, -1, 0, StatusCode::kInvalidFrameCount},
        FrameCase{48000, 1, kMaxFramesPerChannel + 1, 0, StatusCode::kInvalidFrameCount},
        FrameCase{48000, 2, 480, 1918, StatusCode::kDataTooShort},
        FrameCase{48000, 2, 480, 1919, StatusCode::kDataTooShort},  // size before parity
        FrameCase{48000, 2, 480, 1921, StatusCode::kOddByteLength},
        FrameCase{48000, 1, 0, 3, StatusCode::kOddByteLength}));

TEST(FrameFormat, CountsSamplesAndBytes) {
  FrameFormat f{16000, 3, 160};
  EXPECT_EQ(f.samples(), 480);
  EXPECT_EQ(f.bytes(), 960);
  // The largest legal frame still has a byte size below 2^31.
  FrameFormat big{48000, kMaxChannels, kMaxFramesPerChannel};
  EXPECT_LT(big.bytes(), int64_t{1} << 31);
}

TEST(StatusName, NamesEveryCode) {
  for (int i = 0; i <= static_cast<int>(StatusCode::kInvalidCapacity); ++i) {
    EXPECT_STRNE(StatusName(static_cast<StatusCode>(i)), "kUnknown") << i;
  }
  EXPECT_STREQ(StatusName(static_cast<StatusCode>(999)), "kUnknown");
}

}  // namespace
}  // namespace rtc_audio
