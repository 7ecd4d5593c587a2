// PlayoutEngine's real-time path never allocates: InputFramesFor, Render (every rate and
// channel mix, underruns, drift corrections) and OnQueueDiscarded, checked by counting
// operator new; nor does CaptureEngine's (ProcessPlanar, ProcessS16, Reset). Its own test
// binary, because replacing the global operator new is a whole-program choice.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <memory>
#include <new>
#include <vector>

#include "capture_engine.h"
#include "playout_engine.h"

namespace {
bool g_counting = false;
int g_allocations = 0;
}  // namespace

// GCC, after inlining at -O3, reports free() on memory from operator new even though this
// pair is the replacement itself.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
#endif
void* operator new(std::size_t size) {
  if (g_counting) ++g_allocations;
  if (void* p = std::malloc(size == 0 ? 1 : size)) return p;
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif

namespace rtc_audio {
namespace {

struct Case {
  int32_t source_rate;
  int32_t source_channels;
  int32_t output_rate;
  int32_t output_channels;
  bool drift_control;
};

class PlayoutEngineAllocation : public ::testing::TestWithParam<Case> {};

TEST_P(PlayoutEngineAllocation, RenderNeverAllocates) {
  const Case p = GetParam();
  PlayoutConfig config;
  config.source_rate_hz = p.source_rate;
  config.source_channels = p.source_channels;
  config.output_rate_hz = p.output_rate;
  config.output_channels = p.output_channels;
  config.drift_control = p.drift_control;
  config.drift.window_seconds = 0.25;  // so the loop moves the ratio within the run
  std::unique_ptr<PlayoutEngine> engine;
  ASSERT_EQ(PlayoutEngine::Create(config, &engine), StatusCode::kOk);
  std::vector<int16_t> input(engine->MaxInputFrames() * static_cast<size_t>(p.source_channels), 1000);
  std::vector<float> output(128 * static_cast<size_t>(p.output_channels));

  g_allocations = 0;
  g_counting = true;
  size_t queued = 2000;
  double largest_correction = 0;
  for (int block = 0; block < 3000; ++block) {
    const size_t wanted = engine->InputFramesFor(128);
    // Full blocks with a slowly growing queue (the drift loop moves the ratio), short
    // blocks (underruns), empty blocks, and now and then a discard.
    size_t supplied = wanted;
    if (block % 97 == 50) supplied = wanted / 3;
    if (block % 211 == 100) supplied = 0;
    if (block == 2500) engine->OnQueueDiscarded();
    if (block % 7 == 0) queued += 3;
    engine->Render(std::span<const int16_t>(input.data(), supplied * static_cast<size_t>(p.source_channels)),
                   queued, output, 128);
    largest_correction = std::max(largest_correction, std::abs(engine->stats().drift_ppm));
  }
  g_counting = false;
  EXPECT_EQ(g_allocations, 0);
  if (p.drift_control) {
    EXPECT_GT(largest_correction, 0.0);  // the ratio-nudge path ran too
  }
}

INSTANTIATE_TEST_SUITE_P(Configurations, PlayoutEngineAllocation,
                         ::testing::Values(Case{16000, 1, 48000, 1, true}, Case{48000, 2, 48000, 2, true},
                                           Case{48000, 2, 48000, 2, false}, Case{44100, 6, 48000, 2, true},
                                           Case{8000, 1, 44100, 2, true}));

class CaptureEngineAllocation : public ::testing::TestWithParam<Case> {};

TEST_P(CaptureEngineAllocation, ProcessNeverAllocates) {
  const Case p = GetParam();
  CaptureConfig config;
  config.input_rate_hz = p.source_rate;
  config.input_channels = p.source_channels;
  config.output_rate_hz = p.output_rate;
  config.output_channels = p.output_channels;
  std::unique_ptr<CaptureEngine> engine;
  ASSERT_EQ(CaptureEngine::Create(config, &engine), StatusCode::kOk);
  std::fill(engine->input_s16().begin(), engine->input_s16().end(), int16_t{1000});
  for (int32_t c = 0; c < p.source_channels; ++c) {
    std::fill(engine->input_plane(c).begin(), engine->input_plane(c).end(), 0.25f);
  }

  g_allocations = 0;
  g_counting = true;
  size_t produced = 0;
  for (int block = 0; block < 3000; ++block) {
    // Full quanta, short and empty blocks, both input layouts, and now and then a reset.
    size_t frames = 128;
    if (block % 97 == 50) frames = 41;
    if (block % 211 == 100) frames = 0;
    if (block == 2500) engine->Reset();
    produced += block % 2 == 0 ? engine->ProcessPlanar(frames) : engine->ProcessS16(frames);
  }
  g_counting = false;
  EXPECT_EQ(g_allocations, 0);
  EXPECT_GT(produced, 0u);
}

// (source = the captured input, output = the stream; drift_control is unused here)
INSTANTIATE_TEST_SUITE_P(Configurations, CaptureEngineAllocation,
                         ::testing::Values(Case{48000, 2, 24000, 2, false}, Case{48000, 2, 16000, 1, false},
                                           Case{48000, 1, 48000, 2, false}, Case{44100, 6, 48000, 1, false},
                                           Case{48000, 12, 8000, 10, false}));

}  // namespace
}  // namespace rtc_audio
