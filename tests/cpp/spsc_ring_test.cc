#include "spsc_ring.h"

#include <gtest/gtest.h>

#include <deque>
#include <numeric>
#include <random>
#include <thread>
#include <vector>

namespace rtc_audio {
namespace {

// Owns storage for a ring in a test; alignas(8) like a SharedArrayBuffer's start.
template <typename T>
struct TestRing {
  explicit TestRing(size_t capacity)
      : storage(SpscRingBytes(capacity, sizeof(T)) / 8 + 1) {
    EXPECT_EQ(SpscRing<T>::Initialize(Bytes(), capacity, &ring), StatusCode::kOk);
  }
  std::span<std::byte> Bytes() {
    return std::as_writable_bytes(std::span<uint64_t>(storage));
  }
  std::vector<uint64_t> storage;
  SpscRing<T> ring;
};

std::vector<int16_t> Iota(size_t n, int16_t start) {
  std::vector<int16_t> v(n);
  std::iota(v.begin(), v.end(), start);
  return v;
}

TEST(SpscRing, StartsEmptyWithOneSlotKeptFree) {
  TestRing<int16_t> t(5);
  EXPECT_EQ(t.ring.Capacity(), 5u);
  EXPECT_EQ(t.ring.AvailableRead(), 0u);
  EXPECT_EQ(t.ring.AvailableWrite(), 5u);
  EXPECT_EQ(t.storage.size() * 8 >= 8 + 6 * 2, true);
}

TEST(SpscRing, FullAndEmptyAndPartialPushes) {
  TestRing<int16_t> t(5);
  auto data = Iota(7, 1);
  EXPECT_EQ(t.ring.Push(data), 5u);  // partial: only 5 fit
  EXPECT_EQ(t.ring.AvailableWrite(), 0u);
  EXPECT_EQ(t.ring.Push(data), 0u);  // full
  std::vector<int16_t> out(7, 0);
  EXPECT_EQ(t.ring.Pop(out), 5u);
  EXPECT_EQ(std::vector<int16_t>(out.begin(), out.begin() + 5), Iota(5, 1));
  EXPECT_EQ(t.ring.Pop(out), 0u);  // empty
  EXPECT_EQ(t.ring.AvailableWrite(), 5u);
}

TEST(SpscRing, WrapsAroundInTwoSegments) {
  TestRing<int16_t> t(4);  // 5 slots
  std::vector<int16_t> out(4);
  for (int16_t round = 0; round < 20; ++round) {
    // 3 in, 3 out: the indices move by 3 mod 5 each round, so every split point occurs.
    auto in = Iota(3, static_cast<int16_t>(round * 10));
    ASSERT_EQ(t.ring.Push(in), 3u);
    ASSERT_EQ(t.ring.AvailableRead(), 3u);
    ASSERT_EQ(t.ring.Pop(std::span<int16_t>(out).first(3)), 3u);
    ASSERT_EQ(std::vector<int16_t>(out.begin(), out.begin() + 3), in) << round;
  }
}

TEST(SpscRing, SkipAndClearDropWithoutCopying) {
  TestRing<float> t(8);
  std::vector<float> in{1, 2, 3, 4, 5, 6};
  t.ring.Push(in);
  EXPECT_EQ(t.ring.Skip(2), 2u);
  std::vector<float> out(1);
  t.ring.Pop(out);
  EXPECT_EQ(out[0], 3.0f);
  EXPECT_EQ(t.ring.Clear(), 3u);
  EXPECT_EQ(t.ring.AvailableRead(), 0u);
  EXPECT_EQ(t.ring.Skip(10), 0u);
}

TEST(SpscRing, RejectsBadConfiguration) {
  std::vector<uint64_t> storage(4);  // 32 bytes
  auto bytes = std::as_writable_bytes(std::span<uint64_t>(storage));
  SpscRing<int16_t> ring;
  EXPECT_EQ(SpscRing<int16_t>::Initialize(bytes, 0, &ring), StatusCode::kInvalidCapacity);
  EXPECT_EQ(SpscRing<int16_t>::Initialize(bytes, 12, &ring), StatusCode::kOutputTooSmall);
  EXPECT_EQ(SpscRing<int16_t>::Initialize(bytes, 11, &ring), StatusCode::kOk);  // 8 + 24
  EXPECT_EQ(SpscRing<int16_t>::Initialize(bytes.subspan(2), 5, &ring),
            StatusCode::kInvalidCapacity);  // misaligned header
  EXPECT_EQ(SpscRing<int16_t>::Initialize(bytes, kSpscRingMaxCapacity + 1, &ring),
            StatusCode::kInvalidCapacity);
}

TEST(SpscRing, AttachSeesTheSameQueueAsTheInitializer) {
  TestRing<int16_t> t(6);
  auto in = Iota(4, 100);
  t.ring.Push(in);
  SpscRing<int16_t> other;
  ASSERT_EQ(SpscRing<int16_t>::Attach(t.Bytes(), 6, &other), StatusCode::kOk);
  EXPECT_EQ(other.AvailableRead(), 4u);
  // The layout is the documented one: write index at byte 0, read index at byte 4.
  const auto* header = reinterpret_cast<const uint32_t*>(t.Bytes().data());
  EXPECT_EQ(header[0], 4u);
  EXPECT_EQ(header[1], 0u);
  const auto* slots = reinterpret_cast<const int16_t*>(t.Bytes().data() + 8);
  EXPECT_EQ(slots[3], 103);
}

// A seeded random run of push/pop sizes against a std::deque reference, over capacities
// chosen to force every wrap position.
class SpscRingRandomTest : public ::testing::TestWithParam<size_t> {};

TEST_P(SpscRingRandomTest, MatchesDequeReference) {
  const size_t capacity = GetParam();
  TestRing<int16_t> t(capacity);
  std::deque<int16_t> reference;
  std::mt19937 rng(static_cast<uint32_t>(capacity) * 7919u);
  std::uniform_int_distribution<size_t> size_dist(0, capacity + 3);
  int16_t next = 0;
  std::vector<int16_t> buf(capacity + 3);
  for (int step = 0; step < 20000; ++step) {
    const size_t n = size_dist(rng);
    if (rng() & 1) {
      for (size_t i = 0; i < n; ++i) buf[i] = static_cast<int16_t>(next + static_cast<int16_t>(i));
      const size_t pushed = t.ring.Push(std::span<const int16_t>(buf.data(), n));
      ASSERT_EQ(pushed, std::min(n, capacity - reference.size()));
      for (size_t i = 0; i < pushed; ++i) reference.push_back(buf[i]);
      next = static_cast<int16_t>(next + static_cast<int16_t>(pushed));
    } else {
      const size_t popped = t.ring.Pop(std::span<int16_t>(buf.data(), n));
      ASSERT_EQ(popped, std::min(n, reference.size()));
      for (size_t i = 0; i < popped; ++i) {
        ASSERT_EQ(buf[i], reference.front()) << "step " << step;
        reference.pop_front();
      }
    }
    ASSERT_EQ(t.ring.AvailableRead(), reference.size());
    ASSERT_EQ(t.ring.AvailableWrite(), capacity - reference.size());
  }
}

INSTANTIATE_TEST_SUITE_P(Capacities, SpscRingRandomTest,
                         ::testing::Values(1u, 2u, 3u, 7u, 64u, 127u, 1000u));

TEST(SpscRing, TwoThreadsTransferEverySampleInOrder) {
  TestRing<int16_t> t(97);
  constexpr int kTotal = 200000;
  std::thread producer([&] {
    int sent = 0;
    std::vector<int16_t> chunk(13);
    while (sent < kTotal) {
      const int n = std::min<int>(13, kTotal - sent);
      for (int i = 0; i < n; ++i) chunk[static_cast<size_t>(i)] = static_cast<int16_t>(sent + i);
      sent += static_cast<int>(
          t.ring.Push(std::span<const int16_t>(chunk.data(), static_cast<size_t>(n))));
    }
  });
  int received = 0;
  std::vector<int16_t> out(29);
  bool in_order = true;
  while (received < kTotal) {
    const size_t n = t.ring.Pop(out);
    for (size_t i = 0; i < n; ++i, ++received) {
      in_order = in_order && out[i] == static_cast<int16_t>(received);
    }
  }
  producer.join();
  EXPECT_TRUE(in_order);
  EXPECT_EQ(t.ring.AvailableRead(), 0u);
}

}  // namespace
}  // namespace rtc_audio
