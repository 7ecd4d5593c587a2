#include "playout_engine.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <vector>

namespace rtc_audio {
namespace {

std::unique_ptr<PlayoutEngine> Make(const PlayoutConfig& config) {
  std::unique_ptr<PlayoutEngine> engine;
  EXPECT_EQ(PlayoutEngine::Create(config, &engine), StatusCode::kOk);
  return engine;
}

// Equal rates without drift control: the resampler copies, so samples are exact.
PlayoutConfig SameRate(int32_t rate, int32_t in_ch, int32_t out_ch) {
  PlayoutConfig c;
  c.source_rate_hz = rate;
  c.output_rate_hz = rate;
  c.source_channels = in_ch;
  c.output_channels = out_ch;
  c.drift_control = false;
  return c;
}

// Renders one block from `input` (fewer frames than wanted = underrun).
std::vector<float> Block(PlayoutEngine& e, const std::vector<int16_t>& input, size_t frames,
                         size_t queued = 0) {
  std::vector<float> out(static_cast<size_t>(e.config().output_channels) * frames, -9.0f);
  e.Render(input, queued, out, frames);
  return out;
}

std::vector<int16_t> Ramp(size_t n, int16_t start) {
  std::vector<int16_t> v(n);
  for (size_t i = 0; i < n; ++i) v[i] = static_cast<int16_t>(start + static_cast<int>(i));
  return v;
}

TEST(PlayoutEngine, ValidatesTheConfiguration) {
  std::unique_ptr<PlayoutEngine> e;
  PlayoutConfig c = SameRate(48000, 1, 1);
  c.source_rate_hz = 999;
  EXPECT_EQ(PlayoutEngine::Create(c, &e), StatusCode::kInvalidSampleRate);
  c = SameRate(48000, 0, 1);
  EXPECT_EQ(PlayoutEngine::Create(c, &e), StatusCode::kInvalidChannelCount);
  c = SameRate(48000, 1, 33);
  EXPECT_EQ(PlayoutEngine::Create(c, &e), StatusCode::kInvalidChannelCount);
  c = SameRate(48000, 1, 1);
  c.output_rate_hz = 768001;
  EXPECT_EQ(PlayoutEngine::Create(c, &e), StatusCode::kInvalidSampleRate);
  c = SameRate(48000, 1, 1);
  c.max_block_frames = 0;
  EXPECT_EQ(PlayoutEngine::Create(c, &e), StatusCode::kInvalidFrameCount);
  c.max_block_frames = PlayoutEngine::kMaxBlockFrames + 1;
  EXPECT_EQ(PlayoutEngine::Create(c, &e), StatusCode::kInvalidFrameCount);
  c = SameRate(48000, 9, 9);  // the resampler takes up to 8 channels
  EXPECT_EQ(PlayoutEngine::Create(c, &e), StatusCode::kResamplerTooManyChannels);
  EXPECT_EQ(e, nullptr);
  c = SameRate(48000, 32, 8);  // 32 down-mixed to 8 before resampling: fine
  EXPECT_EQ(PlayoutEngine::Create(c, &e), StatusCode::kOk);
}

TEST(PlayoutEngine, SameRateMonoPlaysSamplesExactly) {
  auto e = Make(SameRate(48000, 1, 1));
  ASSERT_EQ(e->InputFramesFor(128), 128u);
  const auto in = Ramp(128, -64);
  const auto out = Block(*e, in, 128);
  for (size_t i = 0; i < 128; ++i) EXPECT_EQ(out[i], static_cast<float>(in[i]) / 32768.0f);
  EXPECT_EQ(e->stats().played_frames, 128u);
  EXPECT_EQ(e->stats().rendered_frames, 128u);
  EXPECT_EQ(e->stats().underruns, 0u);
}

TEST(PlayoutEngine, RemixesChannelsIntoPlanes) {
  // stereo -> mono averages; mono -> stereo duplicates; 3 -> 2 averages c0+c2, copies c1.
  {
    auto e = Make(SameRate(16000, 2, 1));
    const auto out = Block(*e, {100, 300, -2, -4}, 2);
    EXPECT_EQ(out, (std::vector<float>{200 / 32768.0f, -3 / 32768.0f}));
  }
  {
    auto e = Make(SameRate(16000, 1, 2));
    const auto out = Block(*e, {7, -8, 9}, 3);
    const float s = 1 / 32768.0f;
    EXPECT_EQ(out, (std::vector<float>{7 * s, -8 * s, 9 * s, 7 * s, -8 * s, 9 * s}));
  }
  {
    auto e = Make(SameRate(16000, 3, 2));
    const auto out = Block(*e, {10, 20, 30, 1, 2, 3}, 2);
    const float s = 1 / 32768.0f;
    EXPECT_EQ(out, (std::vector<float>{20 * s, 2 * s, 20 * s, 2 * s}));
  }
  {
    auto e = Make(SameRate(16000, 2, 2));
    const auto out = Block(*e, {1, 2, 3, 4}, 2);
    const float s = 1 / 32768.0f;
    EXPECT_EQ(out, (std::vector<float>{1 * s, 3 * s, 2 * s, 4 * s}));
  }
}

TEST(PlayoutEngine, PadsAnUnderrunWithSilenceNeverStaleAudio) {
  auto e = Make(SameRate(48000, 2, 2));
  auto out = Block(*e, Ramp(256, 1), 128);  // a full block
  out = Block(*e, Ramp(20, 1000), 128);     // 10 frames, then silence
  for (size_t c = 0; c < 2; ++c) {
    for (size_t i = 0; i < 10; ++i) {
      EXPECT_EQ(out[c * 128 + i], static_cast<float>(1000 + 2 * i + c) / 32768.0f);
    }
    for (size_t i = 10; i < 128; ++i) EXPECT_EQ(out[c * 128 + i], 0.0f) << c << "," << i;
  }
  out = Block(*e, {}, 128);  // nothing queued: all silence, not the previous block
  for (float v : out) EXPECT_EQ(v, 0.0f);
  EXPECT_EQ(e->stats().played_frames, 138u);
  EXPECT_EQ(e->stats().silence_frames, 118u + 128u);
}

TEST(PlayoutEngine, ATailShorterThanABlockPlaysAtOnce) {
  auto e = Make(SameRate(48000, 1, 1));
  const auto out = Block(*e, Ramp(50, 1), 128);  // a 50-frame tail, nothing before it
  for (size_t i = 0; i < 50; ++i) EXPECT_EQ(out[i], static_cast<float>(1 + i) / 32768.0f);
  EXPECT_EQ(e->stats().played_frames, 50u);
  EXPECT_EQ(e->stats().underruns, 0u);
}

TEST(PlayoutEngine, CountsAGapWhenAudioFollowsNotTheEndOfAStream) {
  auto e = Make(SameRate(48000, 1, 1));
  const auto full = Ramp(128, 0);
  Block(*e, {}, 128);  // idle before the stream: not a gap
  Block(*e, full, 128);
  Block(*e, full, 128);
  Block(*e, Ramp(60, 0), 128);  // runs dry mid-block
  Block(*e, {}, 128);
  EXPECT_EQ(e->stats().underruns, 0u);  // could be the end of the stream
  Block(*e, full, 128);                 // audio follows: that was a gap
  EXPECT_EQ(e->stats().underruns, 1u);
  Block(*e, {}, 128);
  Block(*e, Ramp(10, 0), 128);  // trickle: each block that resumes after a gap counts
  Block(*e, Ramp(10, 0), 128);
  EXPECT_EQ(e->stats().underruns, 3u);
  Block(*e, full, 128);
  EXPECT_EQ(e->stats().underruns, 4u);
  Block(*e, full, 128);
  EXPECT_EQ(e->stats().underruns, 4u);
}

TEST(PlayoutEngine, ALongPauseOrAClearStartsANewStream) {
  auto e = Make(SameRate(48000, 1, 1));
  const auto full = Ramp(128, 0);
  Block(*e, full, 128);
  for (int i = 0; i < 375; ++i) Block(*e, {}, 128);  // 1 s of nothing: the stream ended
  Block(*e, full, 128);
  EXPECT_EQ(e->stats().underruns, 0u);
  Block(*e, Ramp(5, 0), 128);
  e->OnQueueDiscarded();  // cleared on purpose
  Block(*e, full, 128);
  EXPECT_EQ(e->stats().underruns, 0u);
  for (int i = 0; i < 370; ++i) Block(*e, {}, 128);  // just under 1 s: still a gap
  Block(*e, full, 128);
  EXPECT_EQ(e->stats().underruns, 1u);
}

TEST(PlayoutEngine, TakesAnyBlockSizeUpToTheMaximum) {
  PlayoutConfig c = SameRate(44100, 1, 1);
  c.max_block_frames = 441;
  auto e = Make(c);
  EXPECT_GE(e->MaxInputFrames(), 441u);
  size_t played = 0;
  for (size_t frames : {1u, 441u, 128u, 7u}) {
    EXPECT_EQ(e->InputFramesFor(frames), frames);
    const auto in = Ramp(frames, 3);
    const auto out = Block(*e, in, frames);
    played += frames;
    EXPECT_EQ(out.back(), static_cast<float>(in.back()) / 32768.0f);
  }
  EXPECT_EQ(e->stats().played_frames, played);
}

TEST(PlayoutEngine, IgnoresInputBeyondWhatTheBlockConsumes) {
  auto e = Make(SameRate(48000, 1, 1));
  std::vector<float> out(128);
  EXPECT_EQ(e->Render(Ramp(300, 0), 0, out, 128), 128u);
  EXPECT_EQ(out[127], 127 / 32768.0f);
  EXPECT_EQ(e->stats().played_frames, 128u);
}

// A continuous sine source at `rate`, `channels` identical channels, int16.
struct Sine {
  int32_t rate;
  int32_t channels;
  double hz;
  double amplitude;  // int16 units
  uint64_t next = 0;
  std::vector<int16_t> Take(size_t frames) {
    std::vector<int16_t> out(frames * static_cast<size_t>(channels));
    for (size_t f = 0; f < frames; ++f, ++next) {
      const double v = amplitude * std::sin(2.0 * M_PI * hz * static_cast<double>(next) / rate);
      for (int32_t c = 0; c < channels; ++c) {
        out[f * static_cast<size_t>(channels) + static_cast<size_t>(c)] =
            static_cast<int16_t>(std::lround(v));
      }
    }
    return out;
  }
};

// Frequency from rising zero crossings (linear interpolation).
double ZeroCrossingHz(const std::vector<float>& x, int32_t rate) {
  double first = -1;
  double last = -1;
  int count = 0;
  for (size_t i = 1; i < x.size(); ++i) {
    if (x[i - 1] < 0 && x[i] >= 0) {
      const double t = static_cast<double>(i - 1) + -x[i - 1] / (x[i] - x[i - 1]);
      if (first < 0) first = t;
      last = t;
      ++count;
    }
  }
  return (count - 1) * rate / (last - first);
}

struct RateCase {
  int32_t source_rate;
  int32_t output_rate;
  int32_t channels;
  bool drift_control;
};

class PlayoutEngineRates : public ::testing::TestWithParam<RateCase> {};

TEST_P(PlayoutEngineRates, PlaysAToneAtTheOutputRateWithoutGlitches) {
  const RateCase p = GetParam();
  PlayoutConfig c;
  c.source_rate_hz = p.source_rate;
  c.output_rate_hz = p.output_rate;
  c.source_channels = p.channels;
  c.output_channels = p.channels;
  c.drift_control = p.drift_control;
  auto e = Make(c);
  Sine sine{p.source_rate, p.channels, 1000.0, 16000.0};
  std::vector<std::vector<float>> channels(static_cast<size_t>(p.channels));
  size_t consumed = 0;
  const size_t blocks = static_cast<size_t>(p.output_rate) / 128;  // ~1 s
  for (size_t b = 0; b < blocks; ++b) {
    const size_t wanted = e->InputFramesFor(128);
    ASSERT_LE(wanted, e->MaxInputFrames());
    // A queue that always has a second of audio: fill after the block stays large.
    const auto out = Block(*e, sine.Take(wanted), 128, static_cast<size_t>(p.source_rate));
    consumed += wanted;
    for (size_t ch = 0; ch < channels.size(); ++ch) {
      channels[ch].insert(channels[ch].end(), out.begin() + static_cast<std::ptrdiff_t>(ch * 128),
                          out.begin() + static_cast<std::ptrdiff_t>((ch + 1) * 128));
    }
  }
  EXPECT_EQ(e->stats().played_frames, consumed);
  EXPECT_EQ(e->stats().underruns, 0u);
  EXPECT_EQ(e->stats().silence_frames, 0u);
  // Input consumed matches the output rate: 1 s of output took ~1 s of input (plus the
  // resampler's window).
  const double expected_in = static_cast<double>(blocks * 128) * p.source_rate / p.output_rate;
  EXPECT_NEAR(static_cast<double>(consumed), expected_in + static_cast<double>(e->LatencyInputFrames()),
              static_cast<double>(e->LatencyInputFrames()) + 2.0);
  const double level = 16000.0 / 32768.0;
  const double step = 2.0 * M_PI * 1000.0 / p.output_rate;
  for (const auto& x : channels) {
    const std::vector<float> settled(x.begin() + 2048, x.end());  // past the filter's start
    EXPECT_NEAR(ZeroCrossingHz(settled, p.output_rate), 1000.0, 1.0);
    float peak = 0;
    double worst_curvature = 0;
    for (size_t i = 1; i + 1 < settled.size(); ++i) {
      peak = std::max(peak, std::abs(settled[i]));
      worst_curvature = std::max(worst_curvature,
                                 std::abs(double{settled[i + 1]} - 2.0 * settled[i] + settled[i - 1]));
    }
    EXPECT_NEAR(peak, level, level * 0.01);
    // No glitch: the second difference of a sine is at most step^2 x level.
    EXPECT_LT(worst_curvature, step * step * level * 1.05 + 1e-4);
  }
}

INSTANTIATE_TEST_SUITE_P(
    Conversions, PlayoutEngineRates,
    ::testing::Values(RateCase{16000, 48000, 1, true}, RateCase{16000, 48000, 1, false},
                      RateCase{48000, 48000, 2, true}, RateCase{44100, 48000, 2, true},
                      RateCase{48000, 44100, 1, true}, RateCase{48000, 16000, 1, false},
                      RateCase{22050, 48000, 2, true}, RateCase{8000, 48000, 1, true}));

TEST(PlayoutEngine, ATailPlaysThroughTheResamplerAtOnceAndThenExactSilence) {
  PlayoutConfig c;
  c.source_rate_hz = 16000;
  c.output_rate_hz = 48000;
  auto e = Make(c);
  Sine sine{16000, 1, 1000.0, 16000.0};
  // 20 frames (1.25 ms) into an idle engine: the block that takes them plays them.
  auto out = Block(*e, sine.Take(20), 128);
  float energy = 0;
  for (float v : out) energy += std::abs(v);
  EXPECT_GT(energy, 1.0f);
  // The filter's window drains within a few blocks; after that, exact zeros.
  const size_t drain_blocks = e->LatencyInputFrames() * 2 / 40 + 2;
  for (size_t b = 0; b < drain_blocks; ++b) Block(*e, {}, 128);
  for (int b = 0; b < 10; ++b) {
    out = Block(*e, {}, 128);
    for (float v : out) ASSERT_EQ(v, 0.0f);
  }
  EXPECT_EQ(e->stats().played_frames, 20u);
  EXPECT_EQ(e->stats().underruns, 0u);
}

// A producer on another clock, `drift_ppm` fast or slow, delivering 10 ms chunks into
// the queue the engine drains (16 kHz -> 48 kHz, 128-frame blocks).
class PlayoutEngineDrift : public ::testing::TestWithParam<double> {};

TEST_P(PlayoutEngineDrift, FollowsAProducerOnAnotherClockWithoutUnderrunsOrGrowingLatency) {
  const double drift_ppm = GetParam();
  PlayoutConfig c;
  c.source_rate_hz = 16000;
  c.output_rate_hz = 48000;
  // The loop five times faster than by default, so 40 s of simulated audio show it
  // settle (the default tuning is tested in playout_drift_test.cc).
  c.drift.window_seconds = 0.2;
  c.drift.kp_ppm_per_ms = 160.0;
  c.drift.ki_ppm_per_ms_second = 20.0;
  c.drift.max_slew_ppm_per_second = 2000.0;
  auto e = Make(c);
  Sine sine{16000, 1, 440.0, 8000.0};
  std::vector<int16_t> queue = sine.Take(480);  // 30 ms pre-roll
  std::vector<float> out(128);
  size_t head = 0;
  const double chunk_period = 0.010 / (1.0 + drift_ppm * 1e-6);
  double next_chunk = chunk_period;
  const double block_s = 128.0 / 48000.0;
  size_t fill_at_20s = 0;
  size_t max_fill_late = 0;
  size_t min_fill_late = SIZE_MAX;
  const int blocks = static_cast<int>(40.0 / block_s);
  for (int b = 0; b < blocks; ++b) {
    const double now = b * block_s;
    while (next_chunk <= now) {
      const auto chunk = sine.Take(160);
      queue.insert(queue.end(), chunk.begin(), chunk.end());
      next_chunk += chunk_period;
    }
    const size_t wanted = e->InputFramesFor(128);
    const size_t take = std::min(wanted, queue.size() - head);
    e->Render(std::span<const int16_t>(queue.data() + head, take), queue.size() - head - take, out,
              128);
    head += take;
    if (head > 1 << 16) {
      queue.erase(queue.begin(), queue.begin() + static_cast<std::ptrdiff_t>(head));
      head = 0;
    }
    if (b == static_cast<int>(20.0 / block_s)) fill_at_20s = queue.size() - head;
    if (now > 20.0) {
      max_fill_late = std::max(max_fill_late, queue.size() - head);
      min_fill_late = std::min(min_fill_late, queue.size() - head);
    }
  }
  EXPECT_EQ(e->stats().underruns, 0u);
  EXPECT_NEAR(e->stats().drift_ppm, drift_ppm, 60.0);
  // Over the last 20 s the fill stays within 15 ms (one chunk + 5 ms) of where it was at
  // 20 s; uncorrected, 950 ppm would move it by 19 ms.
  EXPECT_LT(static_cast<double>(max_fill_late), static_cast<double>(fill_at_20s) + 160.0 + 80.0);
  EXPECT_GT(static_cast<double>(min_fill_late), static_cast<double>(fill_at_20s) - 160.0 - 80.0);
}

INSTANTIATE_TEST_SUITE_P(Clocks, PlayoutEngineDrift, ::testing::Values(700.0, -950.0));

}  // namespace
}  // namespace rtc_audio
