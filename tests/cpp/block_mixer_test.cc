#include "block_mixer.h"

#include <gtest/gtest.h>

#include <vector>

#include "audio_frame.h"
#include "mix_kernel.h"

namespace rtc_audio {
namespace {

TEST(BlockMixerTest, ValidatesChannelsThenBlockSize) {
  EXPECT_EQ(BlockMixer::ValidateConfig(2, 480), StatusCode::kOk);
  EXPECT_EQ(BlockMixer::ValidateConfig(0, 480), StatusCode::kInvalidChannelCount);
  EXPECT_EQ(BlockMixer::ValidateConfig(kMaxChannels + 1, 0), StatusCode::kInvalidChannelCount);
  EXPECT_EQ(BlockMixer::ValidateConfig(1, 0), StatusCode::kInvalidFrameCount);
  EXPECT_EQ(BlockMixer::ValidateConfig(1, -1), StatusCode::kInvalidFrameCount);
  EXPECT_EQ(BlockMixer::ValidateConfig(1, kMaxMixBlockSamples), StatusCode::kOk);
  EXPECT_EQ(BlockMixer::ValidateConfig(1, kMaxMixBlockSamples + 1),
            StatusCode::kInvalidFrameCount);
  EXPECT_EQ(BlockMixer::ValidateConfig(2, kMaxMixBlockSamples / 2), StatusCode::kOk);
  EXPECT_EQ(BlockMixer::ValidateConfig(2, kMaxMixBlockSamples / 2 + 1),
            StatusCode::kInvalidFrameCount);
}

TEST(BlockMixerTest, ConstantsSumIntoOneBlock) {
  BlockMixer mixer(2, 4);
  const int a = mixer.AddInput();
  const int b = mixer.AddInput();
  EXPECT_EQ(mixer.Push(a, std::vector<int16_t>(8, 100)), 4u);
  EXPECT_EQ(mixer.Push(b, std::vector<int16_t>(8, 200)), 4u);
  std::vector<int16_t> out(8);
  EXPECT_EQ(mixer.MixBlock(out), 4u);
  EXPECT_EQ(out, std::vector<int16_t>(8, 300));
  EXPECT_EQ(mixer.BufferedFrames(a), 0u);
  EXPECT_EQ(mixer.BufferedFrames(b), 0u);
}

TEST(BlockMixerTest, SaturatesBothWays) {
  BlockMixer mixer(1, 2);
  const int a = mixer.AddInput();
  const int b = mixer.AddInput();
  mixer.Push(a, std::vector<int16_t>{30000, -30000});
  mixer.Push(b, std::vector<int16_t>{30000, -30000});
  std::vector<int16_t> out(2);
  mixer.MixBlock(out);
  EXPECT_EQ(out, (std::vector<int16_t>{32767, -32768}));
}

TEST(BlockMixerTest, APartialInputIsPaddedWithSilence) {
  BlockMixer mixer(1, 4);
  const int full = mixer.AddInput();
  const int partial = mixer.AddInput();
  const int empty = mixer.AddInput();
  mixer.Push(full, std::vector<int16_t>{1, 1, 1, 1, 9});
  mixer.Push(partial, std::vector<int16_t>{10, 20});
  std::vector<int16_t> out(4);
  EXPECT_EQ(mixer.MixBlock(out), 4u);
  EXPECT_EQ(out, (std::vector<int16_t>{11, 21, 1, 1}));
  EXPECT_EQ(mixer.BufferedFrames(full), 1u);  // the fifth sample waits for the next block
  EXPECT_EQ(mixer.BufferedFrames(partial), 0u);
  EXPECT_EQ(mixer.BufferedFrames(empty), 0u);
}

TEST(BlockMixerTest, NoInputsGiveSilence) {
  BlockMixer mixer(2, 3);
  std::vector<int16_t> out(6, 5);
  EXPECT_EQ(mixer.MixBlock(out), 3u);
  EXPECT_EQ(out, std::vector<int16_t>(6, 0));
}

TEST(BlockMixerTest, OutputTooSmallChangesNothing) {
  BlockMixer mixer(2, 3);
  const int a = mixer.AddInput();
  mixer.Push(a, std::vector<int16_t>(6, 1));
  std::vector<int16_t> out(5, 7);
  EXPECT_EQ(mixer.MixBlock(out), 0u);
  EXPECT_EQ(out, std::vector<int16_t>(5, 7));
  EXPECT_EQ(mixer.BufferedFrames(a), 3u);
}

TEST(BlockMixerTest, EachInputHasTwoBlocksOfRoom) {
  BlockMixer mixer(2, 3);
  const int a = mixer.AddInput();
  EXPECT_EQ(mixer.FreeFrames(a), 6u);
  EXPECT_EQ(mixer.Push(a, std::vector<int16_t>(20, 1)), 6u);
  EXPECT_EQ(mixer.FreeFrames(a), 0u);
}

TEST(BlockMixerTest, IdsAreReusedAndUnknownIdsIgnored) {
  BlockMixer mixer(1, 2);
  const int a = mixer.AddInput();
  const int b = mixer.AddInput();
  EXPECT_NE(a, b);
  mixer.Push(a, std::vector<int16_t>{5, 5});
  EXPECT_TRUE(mixer.RemoveInput(a));
  EXPECT_FALSE(mixer.RemoveInput(a));
  EXPECT_EQ(mixer.input_count(), 1u);
  EXPECT_EQ(mixer.Push(a, std::vector<int16_t>{1}), 0u);
  EXPECT_EQ(mixer.BufferedFrames(a), 0u);
  EXPECT_EQ(mixer.FreeFrames(-1), 0u);
  EXPECT_EQ(mixer.Push(99, std::vector<int16_t>{1}), 0u);
  const int c = mixer.AddInput();
  EXPECT_EQ(c, a);                         // the free slot is reused...
  EXPECT_EQ(mixer.BufferedFrames(c), 0u);  // ...empty: removal dropped the old samples
}

TEST(BlockMixerTest, RefusesInputsBeyondTheKernelLimit) {
  BlockMixer mixer(1, 1);
  for (size_t i = 0; i < kMaxMixInputs; ++i) ASSERT_GE(mixer.AddInput(), 0);
  EXPECT_EQ(mixer.AddInput(), -1);
  EXPECT_TRUE(mixer.RemoveInput(7));
  EXPECT_EQ(mixer.AddInput(), 7);
}

// 480-frame inputs re-blocked into 720-frame blocks over 10 s of 48 kHz stereo: the mixed
// sequence is exactly the sample-by-sample sum of the two inputs, followed by silence in
// the last (partial) block.
TEST(BlockMixerTest, ReblocksWithoutLosingOrRepeatingASample) {
  constexpr size_t kChannels = 2;
  constexpr size_t kInFrames = 480;
  constexpr size_t kBlockFrames = 720;
  constexpr size_t kTotalFrames = 480000;  // 10 s at 48 kHz
  BlockMixer mixer(static_cast<int>(kChannels), kBlockFrames);
  const int a = mixer.AddInput();
  const int b = mixer.AddInput();
  auto signal_a = [](size_t i) { return static_cast<int16_t>(i % 20011); };
  auto signal_b = [](size_t i) { return static_cast<int16_t>(-static_cast<int>(i % 7919)); };

  std::vector<int16_t> mixed;
  std::vector<int16_t> frame(kInFrames * kChannels);
  std::vector<int16_t> out(kBlockFrames * kChannels);
  size_t sent_frames = 0;
  while (sent_frames < kTotalFrames) {
    // Each input gets one 480-frame frame; mix whenever a whole block is buffered.
    for (int id : {a, b}) {
      for (size_t s = 0; s < frame.size(); ++s) {
        const size_t i = sent_frames * kChannels + s;
        frame[s] = id == a ? signal_a(i) : signal_b(i);
      }
      ASSERT_EQ(mixer.Push(id, frame), kInFrames);
    }
    sent_frames += kInFrames;
    while (mixer.BufferedFrames(a) >= kBlockFrames) {
      ASSERT_EQ(mixer.MixBlock(out), kBlockFrames);
      mixed.insert(mixed.end(), out.begin(), out.end());
    }
  }
  // The inputs end: the remainder comes out as one block padded with silence.
  ASSERT_GT(mixer.BufferedFrames(a), 0u);
  ASSERT_EQ(mixer.MixBlock(out), kBlockFrames);
  mixed.insert(mixed.end(), out.begin(), out.end());

  constexpr size_t kBlocks = (kTotalFrames + kBlockFrames - 1) / kBlockFrames;  // 667
  ASSERT_EQ(mixed.size(), kBlocks * kBlockFrames * kChannels);
  for (size_t i = 0; i < kTotalFrames * kChannels; ++i) {
    ASSERT_EQ(mixed[i], signal_a(i) + signal_b(i)) << "sample " << i;
  }
  for (size_t i = kTotalFrames * kChannels; i < mixed.size(); ++i) {
    ASSERT_EQ(mixed[i], 0) << "padding sample " << i;
  }
}

}  // namespace
}  // namespace rtc_audio
