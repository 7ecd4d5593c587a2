#include "capture_engine.h"

#include <gtest/gtest.h>

#include <cmath>
#include <memory>
#include <numbers>
#include <vector>

namespace rtc_audio {
namespace {

std::unique_ptr<CaptureEngine> Make(int32_t in_rate, int32_t in_ch, int32_t out_rate,
                                    int32_t out_ch, int32_t block = 128) {
  CaptureConfig c;
  c.input_rate_hz = in_rate;
  c.input_channels = in_ch;
  c.output_rate_hz = out_rate;
  c.output_channels = out_ch;
  c.max_block_frames = block;
  std::unique_ptr<CaptureEngine> engine;
  EXPECT_EQ(CaptureEngine::Create(c, &engine), StatusCode::kOk);
  return engine;
}

// Feeds `input` (interleaved int16) in blocks through ProcessS16; returns all output.
std::vector<int16_t> RunS16(CaptureEngine& e, const std::vector<int16_t>& input) {
  const auto n = static_cast<size_t>(e.config().input_channels);
  const auto m = static_cast<size_t>(e.config().output_channels);
  const auto block = static_cast<size_t>(e.config().max_block_frames);
  std::vector<int16_t> out;
  for (size_t pos = 0; pos < input.size() / n; pos += block) {
    const size_t frames = std::min(block, input.size() / n - pos);
    std::copy_n(input.begin() + static_cast<std::ptrdiff_t>(pos * n), frames * n,
                e.input_s16().begin());
    const size_t produced = e.ProcessS16(frames);
    EXPECT_LE(produced, e.max_output_frames());
    out.insert(out.end(), e.output().begin(), e.output().begin() + static_cast<std::ptrdiff_t>(produced * m));
  }
  return out;
}

TEST(CaptureEngine, RejectsBadConfiguration) {
  std::unique_ptr<CaptureEngine> e;
  CaptureConfig c;
  c.input_rate_hz = 999;
  EXPECT_EQ(CaptureEngine::Create(c, &e), StatusCode::kInvalidSampleRate);
  c = {};
  c.output_channels = 33;
  EXPECT_EQ(CaptureEngine::Create(c, &e), StatusCode::kInvalidChannelCount);
  c = {};
  c.max_block_frames = 0;
  EXPECT_EQ(CaptureEngine::Create(c, &e), StatusCode::kInvalidFrameCount);
  c.max_block_frames = CaptureEngine::kMaxBlockFrames + 1;
  EXPECT_EQ(CaptureEngine::Create(c, &e), StatusCode::kInvalidFrameCount);
  EXPECT_EQ(e, nullptr);
}

TEST(CaptureEngine, SameRateSameChannelsIsBitExact) {
  auto e = Make(16000, 2, 16000, 2, 100);
  std::vector<int16_t> in(2 * 1000);
  for (size_t i = 0; i < in.size(); ++i) in[i] = static_cast<int16_t>((i * 7919) % 65536 - 32768);
  EXPECT_EQ(RunS16(*e, in), in);
  EXPECT_EQ(e->produced_frames(), 1000u);
}

TEST(CaptureEngine, StereoToMonoAveragesWithTiesToEven) {
  auto e = Make(48000, 2, 48000, 1);
  const std::vector<int16_t> in = {100, 300, -32768, -32768, 32767, 32767, 1, 2, 3, 4, -1, -2};
  const std::vector<int16_t> expected = {200, -32768, 32767, 2 /* 1.5 -> 2 */, 4 /* 3.5 -> 4 */,
                                         -2 /* -1.5 -> -2 */};
  EXPECT_EQ(RunS16(*e, in), expected);
}

TEST(CaptureEngine, MonoToStereoDuplicates) {
  auto e = Make(24000, 1, 24000, 2);
  const std::vector<int16_t> in = {5, -7, 32767, -32768};
  const std::vector<int16_t> expected = {5, 5, -7, -7, 32767, 32767, -32768, -32768};
  EXPECT_EQ(RunS16(*e, in), expected);
}

TEST(CaptureEngine, PlanarAndInt16InputsAgree) {
  auto a = Make(48000, 2, 16000, 1);
  auto b = Make(48000, 2, 16000, 1);
  for (size_t block = 0; block < 20; ++block) {
    for (size_t i = 0; i < 128; ++i) {
      const auto left = static_cast<int16_t>(1000 * static_cast<int>((block * 128 + i) % 17));
      const auto right = static_cast<int16_t>(-500 * static_cast<int>((block * 128 + i) % 5));
      a->input_s16()[2 * i] = left;
      a->input_s16()[2 * i + 1] = right;
      b->input_plane(0)[i] = static_cast<float>(left) / 32768.0f;
      b->input_plane(1)[i] = static_cast<float>(right) / 32768.0f;
    }
    const size_t na = a->ProcessS16(128);
    const size_t nb = b->ProcessPlanar(128);
    ASSERT_EQ(na, nb);
    for (size_t i = 0; i < na; ++i) ASSERT_EQ(a->output()[i], b->output()[i]);
  }
}

// 48 kHz -> 24 kHz stereo: a 1 kHz tone keeps its frequency and level; the output count
// follows the ratio (less the resampler's look-ahead).
TEST(CaptureEngine, ResamplesATone) {
  auto e = Make(48000, 1, 24000, 2);
  std::vector<int16_t> in(48000);
  for (size_t i = 0; i < in.size(); ++i) {
    in[i] = static_cast<int16_t>(std::lround(10000 * std::sin(2 * std::numbers::pi * 1000 * static_cast<double>(i) / 48000.0)));
  }
  const std::vector<int16_t> out = RunS16(*e, in);
  const size_t frames = out.size() / 2;
  EXPECT_LE(frames, 24000u);
  EXPECT_GE(frames, 24000u - e->latency_input_frames());
  // Skip the start-up transient; count upward zero crossings of the left channel.
  int crossings = 0;
  double energy = 0;
  for (size_t i = 2001; i < frames; ++i) {
    ASSERT_EQ(out[2 * i], out[2 * i + 1]);
    if (out[2 * (i - 1)] < 0 && out[2 * i] >= 0) ++crossings;
    energy += static_cast<double>(out[2 * i]) * out[2 * i];
  }
  const double seconds = static_cast<double>(frames - 2001) / 24000.0;
  EXPECT_NEAR(crossings / seconds, 1000.0, 10.0);
  EXPECT_NEAR(std::sqrt(energy / static_cast<double>(frames - 2001)), 10000 / std::sqrt(2.0), 100.0);
}

TEST(CaptureEngine, ResetStartsANewStream) {
  auto e = Make(44100, 1, 48000, 1);
  std::vector<int16_t> in(4410, 1000);
  const std::vector<int16_t> first = RunS16(*e, in);
  e->Reset();
  EXPECT_EQ(e->produced_frames(), 0u);
  EXPECT_EQ(RunS16(*e, in), first);
}

}  // namespace
}  // namespace rtc_audio
