#include "playout_drift.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>

namespace rtc_audio {
namespace {

// A simulated queue between a producer and a 48 kHz consumer that renders 128-frame
// blocks and consumes 128 * (1 + correction) source frames per block (fractional
// consumption accumulates, as a resampler's phase does).
struct Plant {
  explicit Plant(int32_t rate_hz) : rate(rate_hz), controller(Config(rate_hz)) {}
  static PlayoutDriftConfig Config(int32_t rate_hz) {
    PlayoutDriftConfig c;
    c.source_rate_hz = rate_hz;
    return c;
  }

  // One block: returns the frames consumed; counts a starved block.
  void Block() {
    consume_accumulator += 128.0 * (1.0 + controller.correction_ppm() * 1e-6);
    auto want = static_cast<size_t>(consume_accumulator);
    consume_accumulator -= static_cast<double>(want);
    if (want > fill) {
      ++starved_blocks;
      want = fill;
    }
    fill -= want;
    controller.Update(fill, want);
    min_fill = std::min(min_fill, fill);
    max_fill = std::max(max_fill, fill);
  }

  int32_t rate;
  PlayoutDriftController controller;
  size_t fill = 0;
  double consume_accumulator = 0;
  size_t starved_blocks = 0;
  size_t min_fill = SIZE_MAX;
  size_t max_fill = 0;
};

// A producer on its own clock, `drift_ppm` fast (positive) or slow, delivering 10 ms
// chunks with up to `jitter_ms` of random lateness, into a queue pre-filled with 40 ms.
struct DriftCase {
  double drift_ppm;
  double jitter_ms;
};

class DriftLoop : public ::testing::TestWithParam<DriftCase> {};

TEST_P(DriftLoop, SettlesOnTheProducerClockWithBoundedFill) {
  const auto [drift_ppm, jitter_ms] = GetParam();
  constexpr int32_t kRate = 48000;
  Plant plant(kRate);
  plant.fill = 1920;  // 40 ms
  std::mt19937 rng(1234);
  std::uniform_real_distribution<double> jitter(0.0, jitter_ms / 1000.0);

  const double chunk_period_s = 0.010 / (1.0 + drift_ppm * 1e-6);  // producer clock
  double next_chunk_s = 0.0;
  double next_arrival_s = 0.0;
  const double block_s = 128.0 / kRate;
  size_t fill_at_60s = 0;
  for (int block = 0; block < static_cast<int>(240.0 / block_s); ++block) {
    const double now = block * block_s;
    while (next_arrival_s <= now) {
      plant.fill += 480;
      next_chunk_s += chunk_period_s;
      next_arrival_s = next_chunk_s + jitter(rng);
    }
    plant.Block();
    if (block == static_cast<int>(60.0 / block_s)) fill_at_60s = plant.fill;
  }
  // The correction reads the clocks' difference.
  EXPECT_NEAR(plant.controller.correction_ppm(), drift_ppm, 60.0);
  EXPECT_EQ(plant.starved_blocks, 0u);
  // Latency stays bounded: the fill after 4 minutes is within 10 ms of the fill after one
  // (without control a 1000 ppm drift moves it by 180 ms).
  EXPECT_LT(std::abs(static_cast<double>(plant.fill) - static_cast<double>(fill_at_60s)), 480.0 + 480.0)
      << "fill at 60 s " << fill_at_60s << ", at 240 s " << plant.fill;
  EXPECT_LT(plant.max_fill, 1920u + 1440u);
}

INSTANTIATE_TEST_SUITE_P(Producers, DriftLoop,
                         ::testing::Values(DriftCase{0, 0}, DriftCase{500, 0}, DriftCase{-500, 0},
                                           DriftCase{800, 3}, DriftCase{-800, 3},
                                           DriftCase{1000, 5}, DriftCase{-1000, 5}));

TEST(DriftLoop, IgnoresAProducerThatStallsNowAndThen) {
  // A page's timer: up to 4 ms late as a rule, and about once every 3 s a stall of
  // 30..80 ms (garbage collection, a busy main thread). The producer catches up after a
  // stall (its chunks are due on its own clock), so the stalls say nothing about drift.
  for (double drift_ppm : {500.0, -500.0, 0.0}) {
    Plant plant(48000);
    plant.fill = 4800;  // 100 ms: more than the longest stall, so the queue never runs dry
    std::mt19937 rng(99);
    std::uniform_real_distribution<double> jitter(0.0, 0.004);
    std::uniform_real_distribution<double> stall(0.030, 0.080);
    std::bernoulli_distribution stalls(1.0 / 300.0);
    const double chunk_period_s = 0.010 / (1.0 + drift_ppm * 1e-6);
    double next_chunk_s = 0.0;
    double next_arrival_s = 0.0;
    const double block_s = 128.0 / 48000;
    double worst_late = 0;
    for (int block = 0; block < static_cast<int>(300.0 / block_s); ++block) {
      const double now = block * block_s;
      while (next_arrival_s <= now) {
        plant.fill += 480;
        next_chunk_s += chunk_period_s;
        next_arrival_s = std::max(next_chunk_s + jitter(rng) + (stalls(rng) ? stall(rng) : 0.0), next_arrival_s);
      }
      plant.Block();
      if (now > 120.0) worst_late = std::max(worst_late, std::abs(plant.controller.correction_ppm() - drift_ppm));
    }
    EXPECT_LT(worst_late, 150.0) << "drift " << drift_ppm;
    EXPECT_EQ(plant.starved_blocks, 0u);
  }
}

TEST(DriftLoop, LeavesAProducerPacedByTheQueueAlone) {
  // A producer that awaits captureFrame: it adds a frame whenever the fill is at most
  // the queue size minus one frame, so it runs exactly at the consumer's rate. Big
  // frames make a big sawtooth; its minimum does not move, up to the one-block
  // granularity at which the fill is sampled.
  struct Paced {
    size_t frame;
    size_t queue;
  };
  for (const Paced p : {Paced{480, 4800}, Paced{441, 4800}, Paced{960, 48000}, Paced{1000, 2000},
                        Paced{24000, 48000}, Paced{7, 480}}) {
    Plant plant(48000);
    double largest = 0;
    for (int block = 0; block < 375 * 120; ++block) {
      while (plant.fill + p.frame <= p.queue) plant.fill += p.frame;
      plant.Block();
      if (block > 375 * 3) largest = std::max(largest, std::abs(plant.controller.correction_ppm()));
    }
    EXPECT_LT(largest, 60.0) << "frame " << p.frame << " queue " << p.queue;
    EXPECT_EQ(plant.starved_blocks, 0u);
  }
}

TEST(DriftLoop, LearnsTheSetpointAsTheFloorOfTheWindowsAfterTheFirst) {
  PlayoutDriftConfig config;
  config.source_rate_hz = 1000;
  config.window_seconds = 1.0;
  config.floor_windows = 3;
  PlayoutDriftController c(config);
  // One window of 10 blocks x 100 frames, with the fill falling to `min_fill`.
  auto window = [&](size_t min_fill) {
    for (int i = 0; i < 10; ++i) c.Update(min_fill + 9 - static_cast<size_t>(i), 100);
  };
  window(50);  // the start-up window: ignored
  window(30);  // a producer stall pulls this window's minimum down
  window(35);
  EXPECT_FALSE(c.has_setpoint());
  window(34);
  ASSERT_TRUE(c.has_setpoint());
  EXPECT_EQ(c.setpoint_frames(), 35.0);  // the highest of the three minima
  EXPECT_EQ(c.target_ppm(), 0.0);
  window(45);  // the floor rises by 10 frames = 10 ms
  // Floor 45: error 10 ms, filtered 0.3 x 10 = 3 ms; integral 4 x 3 ms x 1 s = 12 ppm;
  // target 80 x 3 + 12 = 252 ppm, and the correction slews there.
  EXPECT_DOUBLE_EQ(c.target_ppm(), 252.0);
  EXPECT_GT(c.correction_ppm(), 0.0);
  EXPECT_LE(c.correction_ppm(), 252.0);
  window(20);  // one disturbed window does not lower the floor (still 45 among 34, 45, 20)
  EXPECT_GT(c.target_ppm(), 252.0);
  c.Reset();
  EXPECT_FALSE(c.has_setpoint());
  EXPECT_EQ(c.correction_ppm(), 0.0);
  EXPECT_EQ(c.target_ppm(), 0.0);
}

TEST(DriftLoop, ClampsTheCorrectionAndSlewsSmoothly) {
  PlayoutDriftConfig config;
  config.source_rate_hz = 48000;
  PlayoutDriftController c(config);
  for (int i = 0; i < 375 * 10; ++i) c.Update(1000, 128);  // setpoint 1000 frames
  ASSERT_TRUE(c.has_setpoint());
  double previous = c.correction_ppm();
  double largest_step = 0;
  for (int i = 0; i < 375 * 20; ++i) {
    c.Update(48000, 128);  // a second of extra fill: far beyond the clamp
    largest_step = std::max(largest_step, std::abs(c.correction_ppm() - previous));
    previous = c.correction_ppm();
  }
  EXPECT_DOUBLE_EQ(c.target_ppm(), config.max_ppm);
  EXPECT_DOUBLE_EQ(c.correction_ppm(), config.max_ppm);
  EXPECT_LE(largest_step, config.max_slew_ppm_per_second * 128.0 / 48000.0 + 1e-9);
}

}  // namespace
}  // namespace rtc_audio
