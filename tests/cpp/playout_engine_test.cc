#include "playout_engine.h"

#include <gtest/gtest.h>

#include <memory>
#include <vector>

namespace rtc_audio {
namespace {

std::unique_ptr<PlayoutEngine> Make(const PlayoutConfig& config) {
  std::unique_ptr<PlayoutEngine> engine;
  EXPECT_EQ(PlayoutEngine::Create(config, &engine), StatusCode::kOk);
  return engine;
}

PlayoutConfig SameRate(int32_t rate, int32_t in_ch, int32_t out_ch) {
  PlayoutConfig c;
  c.source_rate_hz = rate;
  c.output_rate_hz = rate;
  c.source_channels = in_ch;
  c.output_channels = out_ch;
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
  EXPECT_EQ(e, nullptr);
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
  EXPECT_EQ(e->MaxInputFrames(), 441u);
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

}  // namespace
}  // namespace rtc_audio
