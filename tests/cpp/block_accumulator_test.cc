#include "block_accumulator.h"

#include <gtest/gtest.h>

#include <random>
#include <vector>

namespace rtc_audio {
namespace {

std::vector<int16_t> ToVector(std::span<const int16_t> s) { return {s.begin(), s.end()}; }

TEST(BlockAccumulatorTest, StartsEmpty) {
  BlockAccumulator acc(2, 3, 6);
  EXPECT_EQ(acc.buffered_frames(), 0u);
  EXPECT_EQ(acc.free_frames(), 6u);
  EXPECT_FALSE(acc.HasFullBlock());
  EXPECT_TRUE(acc.Block().empty());
}

TEST(BlockAccumulatorTest, BlockIsAtMostOneBlockAcrossPushBoundaries) {
  BlockAccumulator acc(2, 3, 6);
  EXPECT_EQ(acc.Push(std::vector<int16_t>{1, -1, 2, -2}), 2u);
  EXPECT_FALSE(acc.HasFullBlock());
  EXPECT_EQ(ToVector(acc.Block()), (std::vector<int16_t>{1, -1, 2, -2}));  // partial
  EXPECT_EQ(acc.Push(std::vector<int16_t>{3, -3, 4, -4}), 2u);
  EXPECT_TRUE(acc.HasFullBlock());
  EXPECT_EQ(ToVector(acc.Block()), (std::vector<int16_t>{1, -1, 2, -2, 3, -3}));
  EXPECT_EQ(acc.Consume(3), 3u);
  EXPECT_EQ(ToVector(acc.Block()), (std::vector<int16_t>{4, -4}));  // the remainder moved down
}

TEST(BlockAccumulatorTest, PushTakesWholeFramesThatFit) {
  BlockAccumulator acc(2, 2, 3);
  // 5 samples of stereo: two whole frames, the odd sample is not taken.
  EXPECT_EQ(acc.Push(std::vector<int16_t>{1, 2, 3, 4, 5}), 2u);
  // Room for one more frame only.
  EXPECT_EQ(acc.Push(std::vector<int16_t>{5, 6, 7, 8}), 1u);
  EXPECT_EQ(acc.free_frames(), 0u);
  EXPECT_EQ(acc.Push(std::vector<int16_t>{9, 10}), 0u);
  EXPECT_EQ(acc.Consume(2), 2u);
  EXPECT_EQ(ToVector(acc.Block()), (std::vector<int16_t>{5, 6}));
}

TEST(BlockAccumulatorTest, ConsumeDropsAtMostWhatIsBuffered) {
  BlockAccumulator acc(1, 4, 8);
  acc.Push(std::vector<int16_t>{1, 2});
  EXPECT_EQ(acc.Consume(4), 2u);
  EXPECT_EQ(acc.buffered_frames(), 0u);
  acc.Push(std::vector<int16_t>{3});
  acc.Clear();
  EXPECT_EQ(acc.buffered_frames(), 0u);
}

// Seeded random push sizes (including pushes larger than the free space, pushed again
// after each block like the mixer does): the concatenated blocks are exactly the input
// sequence, no sample lost or repeated.
TEST(BlockAccumulatorTest, RandomPushesConserveEverySampleInOrder) {
  for (int channels : {1, 2, 3}) {
    std::mt19937 rng(static_cast<uint32_t>(channels));
    const size_t block = 37;
    BlockAccumulator acc(channels, block, 2 * block);
    const auto ch = static_cast<size_t>(channels);
    std::vector<int16_t> sent;
    std::vector<int16_t> received;
    std::vector<int16_t> pending;  // pushed but not yet accepted
    int16_t next = 0;
    for (int round = 0; round < 400; ++round) {
      // Top up like the mixer: push pending frames, then new frames while short of a block.
      while (!acc.HasFullBlock()) {
        if (pending.empty()) {
          const size_t frames = std::uniform_int_distribution<size_t>(0, 3 * block)(rng);
          for (size_t i = 0; i < frames * ch; ++i) pending.push_back(next++);
          sent.insert(sent.end(), pending.begin(), pending.end());
        }
        const size_t taken = acc.Push(pending);
        pending.erase(pending.begin(), pending.begin() + static_cast<std::ptrdiff_t>(taken * ch));
      }
      const auto b = acc.Block();
      ASSERT_EQ(b.size(), block * ch);
      received.insert(received.end(), b.begin(), b.end());
      ASSERT_EQ(acc.Consume(block), block);
    }
    // Drain what is left.
    while (acc.buffered_frames() > 0 || !pending.empty()) {
      const size_t taken = acc.Push(pending);
      pending.erase(pending.begin(), pending.begin() + static_cast<std::ptrdiff_t>(taken * ch));
      const auto b = acc.Block();
      received.insert(received.end(), b.begin(), b.end());
      acc.Consume(block);
    }
    EXPECT_EQ(received, sent) << channels << " channels";
  }
}

}  // namespace
}  // namespace rtc_audio
