// AudioResampler: configuration, exact totals, streaming invariance, latency, the
// drift-correction nudge, and the quality table of every preset.
#include "audio_resampler.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <new>
#include <random>
#include <string>
#include <tuple>
#include <vector>

#include "resampler_test_signals.h"

// Counts allocations made through operator new while `g_count_allocations` is set, to check
// that processing never allocates (replacing the global operator new/delete pair keeps
// ASan's new/delete matching intact: both go to malloc/free here).
namespace {
bool g_count_allocations = false;
int g_allocations = 0;
}  // namespace

// GCC, after inlining at -O3, reports free() on memory from operator new even though this
// pair is the replacement itself.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
#endif
void* operator new(std::size_t size) {
  if (g_count_allocations) ++g_allocations;
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

using test::Db;
using test::FitTone;
using test::Make;
using test::RunResampler;
using test::SteadySegment;
using test::Tone;

constexpr ResamplerQuality kAllQualities[] = {ResamplerQuality::kQuick, ResamplerQuality::kLow,
                                              ResamplerQuality::kMedium, ResamplerQuality::kHigh,
                                              ResamplerQuality::kVeryHigh};

const char* QualityName(ResamplerQuality q) {
  switch (q) {
    case ResamplerQuality::kQuick: return "Quick";
    case ResamplerQuality::kLow: return "Low";
    case ResamplerQuality::kMedium: return "Medium";
    case ResamplerQuality::kHigh: return "High";
    case ResamplerQuality::kVeryHigh: return "VeryHigh";
  }
  return "Unknown";
}

// ------------------------------------------------------------------ configuration

TEST(AudioResamplerConfigTest, RejectsBadConfigurationWithAStatus) {
  std::unique_ptr<AudioResampler> r;
  auto create = [&](int32_t in, int32_t out, int32_t ch, int32_t q) {
    return AudioResampler::Create({in, out, ch, static_cast<ResamplerQuality>(q), false}, &r);
  };
  EXPECT_EQ(create(999, 48000, 1, 2), StatusCode::kInvalidSampleRate);
  EXPECT_EQ(create(48000, 768001, 1, 2), StatusCode::kInvalidSampleRate);
  EXPECT_EQ(create(48000, 16000, 0, 2), StatusCode::kInvalidChannelCount);
  EXPECT_EQ(create(48000, 16000, 33, 2), StatusCode::kInvalidChannelCount);
  EXPECT_EQ(create(48000, 16000, 9, 2), StatusCode::kResamplerTooManyChannels);
  EXPECT_EQ(create(48000, 16000, 2, 5), StatusCode::kInvalidQuality);
  EXPECT_EQ(create(48000, 16000, 2, -1), StatusCode::kInvalidQuality);
  EXPECT_EQ(r, nullptr);
  EXPECT_EQ(create(1000, 768000, 8, 4), StatusCode::kOk);
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(create(768000, 1000, 1, 0), StatusCode::kOk);
}

TEST(AudioResamplerConfigTest, RatioAdjustmentNeedsTheOptionAndARange) {
  auto fixed = Make(48000, 44100);
  EXPECT_EQ(fixed->SetRatioAdjustment(10), StatusCode::kRatioAdjustmentDisabled);
  auto nudged = Make(48000, 44100, ResamplerQuality::kMedium, 1, true);
  EXPECT_TRUE(nudged->is_interpolating());
  EXPECT_EQ(nudged->SetRatioAdjustment(1000.0), StatusCode::kOk);
  EXPECT_EQ(nudged->SetRatioAdjustment(-1000.0), StatusCode::kOk);
  EXPECT_EQ(nudged->SetRatioAdjustment(1000.5), StatusCode::kInvalidRatioAdjustment);
  EXPECT_EQ(nudged->SetRatioAdjustment(std::nan("")), StatusCode::kInvalidRatioAdjustment);
  EXPECT_NEAR(nudged->ratio_adjustment_ppm(), -1000.0, 1e-3);
}

TEST(AudioResamplerConfigTest, PicksExactTablesForSmallRatiosAndInterpolatesOtherwise) {
  EXPECT_FALSE(Make(44100, 48000)->is_interpolating());
  EXPECT_EQ(Make(44100, 48000)->table_rows(), 160u);
  EXPECT_EQ(Make(48000, 16000)->table_rows(), 1u);
  EXPECT_TRUE(Make(44101, 48000)->is_interpolating());
  EXPECT_TRUE(Make(48000, 48000)->is_passthrough());
  EXPECT_FALSE(Make(48000, 48000, ResamplerQuality::kMedium, 1, true)->is_passthrough());
  for (ResamplerQuality q : kAllQualities) {
    EXPECT_EQ(Make(48000, 16000, q)->taps() % 8, 0u) << QualityName(q);
  }
}

// ------------------------------------------------------------------ streaming contract

TEST(AudioResamplerStreamTest, SameRatePassesSamplesThroughBitExact) {
  auto r = Make(16000, 16000, ResamplerQuality::kVeryHigh, 2);
  std::vector<int16_t> in(2 * 1000);
  std::mt19937 rng(7);
  for (auto& v : in) v = static_cast<int16_t>(static_cast<int32_t>(rng() % 65536) - 32768);
  EXPECT_EQ(RunResampler(*r, in, 123), in);
  auto f = Make(16000, 16000);
  const std::vector<float> fin = {0.1f, -0.2f, 1e-30f, 1.5f};
  EXPECT_EQ(RunResampler(*f, fin, 3), fin);
  EXPECT_EQ(r->latency_input_frames(), 0u);
}

using RatePair = std::tuple<int32_t, int32_t>;

class ExactTotalsTest : public ::testing::TestWithParam<RatePair> {};

// Over any pushes plus a flush, output = round(input x out / in) frames, for seeded
// random chunkings; and a flushed resampler behaves as new.
TEST_P(ExactTotalsTest, TotalIsRoundedProductForAnyChunking) {
  const auto [in_hz, out_hz] = GetParam();
  auto r = Make(in_hz, out_hz, ResamplerQuality::kLow, 2);
  std::mt19937 rng(static_cast<uint32_t>(in_hz * 7 + out_hz));
  for (int run = 0; run < 6; ++run) {
    const size_t frames = rng() % 3000;
    std::vector<int16_t> in(frames * 2, 100);
    size_t total = 0;
    size_t pos = 0;
    while (pos < frames) {
      const size_t n = std::min<size_t>(frames - pos, rng() % 700);
      std::vector<int16_t> out(r->MaxOutputFrames(n) * 2);
      const ResampleCounts c = r->Process(std::span<const int16_t>(in).subspan(pos * 2, n * 2), out);
      ASSERT_EQ(c.input_frames, n);
      ASSERT_LE(c.output_frames, r->MaxOutputFrames(n));
      total += c.output_frames;
      pos += n;
    }
    std::vector<int16_t> tail(r->PendingFlushFrames() * 2);
    total += r->Flush(tail);
    const uint64_t expect = (2 * frames * static_cast<uint64_t>(out_hz) + static_cast<uint64_t>(in_hz)) /
                            (2 * static_cast<uint64_t>(in_hz));
    EXPECT_EQ(total, expect) << frames << " frames, run " << run;
    EXPECT_EQ(r->PendingFlushFrames(), 0u);
  }
}

INSTANTIATE_TEST_SUITE_P(RatePairs, ExactTotalsTest,
                         ::testing::Values(RatePair{48000, 16000}, RatePair{16000, 48000},
                                           RatePair{44100, 48000}, RatePair{48000, 44100},
                                           RatePair{8000, 11025}, RatePair{44101, 48000},
                                           RatePair{192000, 8000}, RatePair{1000, 768000},
                                           RatePair{22050, 32000}));

TEST(AudioResamplerStreamTest, ChunkingDoesNotChangeTheOutput) {
  const std::vector<float> in = Tone(997, 44100, 5000, 0.5, 2);
  auto a = Make(44100, 48000, ResamplerQuality::kHigh, 2);
  auto b = Make(44100, 48000, ResamplerQuality::kHigh, 2);
  const std::vector<float> whole = RunResampler(*a, in, 5000);
  const std::vector<float> pieces = RunResampler(*b, in, 37);
  EXPECT_EQ(whole, pieces);
  // After the flush both are as new: the same input gives the same output again.
  EXPECT_EQ(RunResampler(*a, in, 128), whole);
}

TEST(AudioResamplerStreamTest, PlanarAndInterleavedAgreeAndChannelsAreIndependent) {
  const size_t frames = 2000;
  std::vector<float> inter(frames * 3);
  std::vector<std::vector<float>> planar(3, std::vector<float>(frames));
  for (size_t i = 0; i < frames; ++i) {
    for (size_t c = 0; c < 3; ++c) {
      const float v = static_cast<float>(std::sin(0.01 * static_cast<double>(i * (c + 1))));
      inter[i * 3 + c] = v;
      planar[c][i] = v;
    }
  }
  auto a = Make(48000, 22050, ResamplerQuality::kMedium, 3);
  auto b = Make(48000, 22050, ResamplerQuality::kMedium, 3);
  auto mono = Make(48000, 22050, ResamplerQuality::kMedium, 1);
  const std::vector<float> out = RunResampler(*a, inter, frames);
  const std::vector<float> ch2 = RunResampler(*mono, planar[2], frames);

  std::vector<std::vector<float>> pout(3, std::vector<float>(b->MaxOutputFrames(frames)));
  const std::span<const float> in_spans[3] = {planar[0], planar[1], planar[2]};
  const std::span<float> out_spans[3] = {pout[0], pout[1], pout[2]};
  size_t produced = b->ProcessPlanar(in_spans, frames, out_spans).output_frames;
  std::vector<std::vector<float>> tail(3, std::vector<float>(b->PendingFlushFrames()));
  const std::span<float> tail_spans[3] = {tail[0], tail[1], tail[2]};
  const size_t flushed = b->FlushPlanar(tail_spans);
  ASSERT_EQ((produced + flushed) * 3, out.size());
  for (size_t i = 0; i < produced + flushed; ++i) {
    for (size_t c = 0; c < 3; ++c) {
      const float p = i < produced ? pout[c][i] : tail[c][i - produced];
      ASSERT_EQ(out[i * 3 + c], p) << i << "," << c;
    }
    ASSERT_EQ(out[i * 3 + 2], ch2[i]);
  }
}

TEST(AudioResamplerStreamTest, OutputRoomLimitsProcessingWithoutLosingFrames) {
  const std::vector<float> in = Tone(440, 16000, 800, 0.5);
  auto a = Make(16000, 48000);
  auto b = Make(16000, 48000);
  const std::vector<float> ref = RunResampler(*a, in, 800);
  std::vector<float> got;
  size_t pos = 0;
  std::vector<float> out(7);
  while (pos < in.size()) {
    const ResampleCounts c = b->Process(std::span<const float>(in).subspan(pos), out);
    got.insert(got.end(), out.begin(), out.begin() + static_cast<long>(c.output_frames));
    pos += c.input_frames;
  }
  // Outputs already computable but not yet written come out with the next call.
  for (;;) {
    const ResampleCounts c = b->Process(std::span<const float>(), out);
    if (c.output_frames == 0) break;
    got.insert(got.end(), out.begin(), out.begin() + static_cast<long>(c.output_frames));
  }
  std::vector<float> tail(b->PendingFlushFrames());
  got.insert(got.end(), tail.begin(), tail.begin() + static_cast<long>(b->Flush(tail)));
  EXPECT_EQ(got, ref);
}

TEST(AudioResamplerStreamTest, InputFramesNeededIsEnoughAndMaxOutputIsABound) {
  for (const bool adjustable : {false, true}) {
    auto r = Make(44100, 48000, ResamplerQuality::kMedium, 1, adjustable);
    if (adjustable) {
      ASSERT_EQ(r->SetRatioAdjustment(-700), StatusCode::kOk);
    }
    std::vector<float> out(4096);
    std::mt19937 rng(3);
    for (int i = 0; i < 200; ++i) {
      const size_t want = 1 + rng() % 300;
      const size_t need = r->InputFramesNeeded(want);
      std::vector<float> in(need, 0.25f);
      const ResampleCounts c = r->Process(in, out);
      ASSERT_EQ(c.input_frames, need);
      ASSERT_GE(c.output_frames, want) << "need " << need;
      ASSERT_LE(c.output_frames, r->MaxOutputFrames(need));
    }
  }
}

TEST(AudioResamplerStreamTest, InputFramesNeededIsMinimal) {
  for (const bool adjustable : {false, true}) {
    std::mt19937 rng(11);
    for (int i = 0; i < 40; ++i) {
      auto r = Make(16000, 44100, ResamplerQuality::kLow, 1, adjustable);
      // Move to a random state.
      std::vector<float> warm(rng() % 500, 0.1f);
      std::vector<float> out(r->MaxOutputFrames(warm.size()));
      r->Process(warm, out);
      const size_t want = 1 + rng() % 200;
      const size_t need = r->InputFramesNeeded(want);
      ASSERT_GT(need, 0u);
      std::vector<float> in(need - 1, 0.1f);
      std::vector<float> big(r->MaxOutputFrames(need));
      EXPECT_LT(r->Process(in, big).output_frames, want);
    }
  }
}

// An impulse at input frame i comes out centred on output frame i x out / in, and only
// once latency_input_frames() more input frames have arrived.
TEST(AudioResamplerStreamTest, LatencyIsHalfTheFilterAndTheStreamIsDelayCompensated) {
  for (ResamplerQuality q : kAllQualities) {
    auto r = Make(16000, 48000, q);
    const size_t at = 300;
    std::vector<float> in(at + 1, 0.0f);
    in[at] = 1.0f;
    std::vector<float> out(r->MaxOutputFrames(in.size()));
    size_t produced = r->Process(in, out).output_frames;
    // Not yet: the outputs around 900 need `latency` more frames.
    EXPECT_LT(produced, 3 * at);
    std::vector<float> more(r->latency_input_frames(), 0.0f);
    std::vector<float> out2(r->MaxOutputFrames(more.size()));
    const size_t produced2 = r->Process(more, out2).output_frames;
    out.resize(produced);
    out.insert(out.end(), out2.begin(), out2.begin() + static_cast<long>(produced2));
    ASSERT_GT(out.size(), 3 * at);
    const auto peak = std::max_element(out.begin(), out.end()) - out.begin();
    EXPECT_EQ(peak, static_cast<long>(3 * at)) << QualityName(q);
  }
}

// Configure, then process: after Create nothing on the processing path allocates.
TEST(AudioResamplerStreamTest, ProcessingNeverAllocates) {
  for (const bool adjustable : {false, true}) {
    auto r = Make(44100, 48000, ResamplerQuality::kHigh, 2, adjustable);
    auto d = Make(48000, 16000, ResamplerQuality::kMedium, 2, adjustable);
    const std::vector<int16_t> in(2 * 4410, 1000);
    const std::vector<float> fin(2 * 4410, 0.25f);
    std::vector<int16_t> out(2 * 8192);
    std::vector<float> fout(2 * 8192);
    std::vector<float> planar_in(4410, 0.5f);
    std::vector<float> planar_out(8192);
    const std::span<const float> ins[2] = {planar_in, planar_in};
    const std::span<float> outs[2] = {std::span<float>(planar_out).first(4096),
                                      std::span<float>(planar_out).subspan(4096)};
    g_allocations = 0;
    g_count_allocations = true;
    for (AudioResampler* x : {r.get(), d.get()}) {
      x->Process(in, out);
      x->Process(fin, fout);
      x->Process(in, fout);
      x->Process(fin, out);
      x->ProcessPlanar(ins, 4410, outs);
      (void)x->InputFramesNeeded(128);
      (void)x->MaxOutputFrames(128);
      if (adjustable) (void)x->SetRatioAdjustment(-250);
      x->Flush(out);
      x->Reset();
    }
    g_count_allocations = false;
    EXPECT_EQ(g_allocations, 0) << (adjustable ? "adjustable" : "fixed");
  }
  // The counter works: creating a resampler allocates.
  g_allocations = 0;
  g_count_allocations = true;
  auto fresh = Make(16000, 48000);
  g_count_allocations = false;
  EXPECT_GT(g_allocations, 0);
}

// ------------------------------------------------------------------ drift correction

// A slow sweep of the nudge over +-1000 ppm leaves no glitch: the second difference of a
// resampled low tone stays within what the tone itself has.
TEST(AudioResamplerDriftTest, PpmSweepIsGlitchFree) {
  const int32_t in_hz = 44100;
  const int32_t out_hz = 48000;
  const double freq = 441.0;
  auto r = Make(in_hz, out_hz, ResamplerQuality::kMedium, 1, true);
  const size_t frames = static_cast<size_t>(in_hz) * 2;
  const std::vector<float> in = Tone(freq, in_hz, frames, 0.9);
  std::vector<float> out;
  std::vector<float> buf;
  const size_t chunk = 128;
  for (size_t pos = 0, step = 0; pos < frames; pos += chunk, ++step) {
    // A triangle sweep: 0 -> +1000 -> -1000 -> 0 ppm over the run, changed every chunk.
    const double x = static_cast<double>(pos) / static_cast<double>(frames);
    const double ppm = x < 0.25 ? 4000 * x : (x < 0.75 ? 2000 - 4000 * x : -4000 + 4000 * x);
    ASSERT_EQ(r->SetRatioAdjustment(ppm), StatusCode::kOk);
    const size_t n = std::min(chunk, frames - pos);
    buf.assign(r->MaxOutputFrames(n), 0.0f);
    const ResampleCounts c = r->Process(std::span<const float>(in).subspan(pos, n), buf);
    out.insert(out.end(), buf.begin(), buf.begin() + static_cast<long>(c.output_frames));
  }
  // A sine of amplitude A at w rad/sample has |second difference| <= A w^2; allow the
  // +-0.1% frequency change and a -100 dB error budget.
  const double w = 2 * std::numbers::pi * freq / out_hz * 1.001;
  const double limit = 0.9 * w * w + 4 * 1e-5;
  const size_t skip = 2 * r->latency_input_frames() + 8;
  double worst = 0;
  for (size_t i = skip; i + 1 < out.size(); ++i) {
    worst = std::max(worst, std::fabs(static_cast<double>(out[i + 1]) - 2.0 * out[i] + out[i - 1]));
  }
  EXPECT_LT(worst, limit);
  EXPECT_GT(worst, 0.9 * w * w * 0.95);  // the tone is really there
}

// The output rate follows the nudge: +500 ppm makes 1/(1 + 500e-6) as many frames, and
// the tone's frequency in the output moves by the same factor.
TEST(AudioResamplerDriftTest, OutputRateFollowsTheNudge) {
  for (const double ppm : {500.0, -800.0, 0.0}) {
    const int32_t in_hz = 48000;
    const int32_t out_hz = 16000;
    auto r = Make(in_hz, out_hz, ResamplerQuality::kMedium, 1, true);
    ASSERT_EQ(r->SetRatioAdjustment(ppm), StatusCode::kOk);
    const size_t frames = 96000;
    const std::vector<float> in = Tone(1000, in_hz, frames, 0.5);
    std::vector<float> out(r->MaxOutputFrames(frames));
    const ResampleCounts c = r->Process(in, out);
    const double expected = (static_cast<double>(frames) - static_cast<double>(r->latency_input_frames())) *
                            out_hz / in_hz / (1 + ppm * 1e-6);
    EXPECT_NEAR(static_cast<double>(c.output_frames), expected, 2.0) << ppm;
    out.resize(c.output_frames);
    const auto seg = SteadySegment(*r, out.size());
    const double f_out = 1000.0 * (1 + r->ratio_adjustment_ppm() * 1e-6);
    const auto fit = FitTone(out, 1.0, f_out, out_hz, seg.begin, seg.end);
    EXPECT_LT(Db(fit.residual_rms / (fit.amplitude / std::sqrt(2.0))), -90.0) << ppm;
  }
}

// ------------------------------------------------------------------ quality table

struct QualityCase {
  ResamplerQuality quality;
  int32_t in_hz;
  int32_t out_hz;
};

std::string CaseName(const ::testing::TestParamInfo<QualityCase>& info) {
  return std::string(QualityName(info.param.quality)) + "_" + std::to_string(info.param.in_hz) +
         "_" + std::to_string(info.param.out_hz);
}

class QualityTableTest : public ::testing::TestWithParam<QualityCase> {
 protected:
  bool high_grade() const { return GetParam().quality >= ResamplerQuality::kMedium; }
  double lower_nyquist() const {
    return std::min(GetParam().in_hz, GetParam().out_hz) / 2.0;
  }
  std::unique_ptr<AudioResampler> Fresh(bool adjustable = false) const {
    return Make(GetParam().in_hz, GetParam().out_hz, GetParam().quality, 1, adjustable);
  }
  // Steady-state fit of a float tone at freq through the resampler (float output).
  test::ToneFit Run(double freq, double amplitude, bool adjustable = false) const {
    auto r = Fresh(adjustable);
    const auto frames = static_cast<size_t>(GetParam().in_hz / 5);  // 0.2 s
    const std::vector<float> out = RunResampler(*r, Tone(freq, GetParam().in_hz, frames, amplitude), 512);
    const auto seg = SteadySegment(*r, out.size());
    return FitTone(out, 1.0, freq, GetParam().out_hz, seg.begin, seg.end);
  }
};

// Gain within +-0.1 dB from DC to the preset's passband edge (0.9 x lower Nyquist for
// MEDIUM and above).
TEST_P(QualityTableTest, PassbandIsFlat) {
  const ResamplerPreset& preset = PresetFor(GetParam().quality);
  if (high_grade()) {
    EXPECT_GE(preset.passband_fraction, 0.9);
  }
  double worst = 0;
  for (const double fraction : {0.05, 0.3, 0.55, 0.8, 1.0}) {
    const double f = fraction * preset.passband_fraction * lower_nyquist();
    const auto fit = Run(f, 0.5);
    EXPECT_NEAR(Db(fit.amplitude / 0.5), 0.0, 0.1) << f << " Hz";
    worst = std::max(worst, std::fabs(Db(fit.amplitude / 0.5)));
  }
  std::printf("[ measured ] %s %d->%d passband (to %.2f x lower Nyquist) max deviation %.3f dB\n",
              QualityName(GetParam().quality), GetParam().in_hz, GetParam().out_hz,
              preset.passband_fraction, worst);
}

// Downsampling: tones from the stopband edge to the input's Nyquist come out at least
// 100 dB (MEDIUM+) / 60 dB (QUICK, LOW) down. Upsampling: the images of passband tones
// are that far down (what the tone fit leaves is the images).
TEST_P(QualityTableTest, AliasesAndImagesAreRejected) {
  const ResamplerPreset& preset = PresetFor(GetParam().quality);
  const double required = high_grade() ? 100.0 : 60.0;
  double worst = -400;
  // Input tones above the stopband edge (there are none when it lies above the input's
  // Nyquist, e.g. 48 kHz -> 44.1 kHz): everything that comes out is alias.
  const double first = preset.stopband_fraction * lower_nyquist();
  const double last = GetParam().in_hz / 2.0 * 0.98;
  for (int i = 0; first < last && i <= 8; ++i) {
    const double f = first + (last - first) * i / 8.0;
    const auto fit = Run(f, 0.5);
    worst = std::max(worst, Db(fit.total_rms / (0.5 / std::sqrt(2.0))));
  }
  // Passband tones: what the fit leaves is images (upsampling) or aliases of the
  // filter's own error.
  for (const double fraction : {0.1, 0.5, 0.9}) {
    const double f = fraction * preset.passband_fraction * lower_nyquist();
    const auto fit = Run(f, 0.5);
    worst = std::max(worst, Db(fit.residual_rms / (fit.amplitude / std::sqrt(2.0))));
  }
  EXPECT_LT(worst, -required);
  std::printf("[ measured ] %s %d->%d rejection %.1f dB\n", QualityName(GetParam().quality),
              GetParam().in_hz, GetParam().out_hz, -worst);
}

// THD+N of a 1 kHz tone at -1 dBFS (float input, int16 output, no dither).
TEST_P(QualityTableTest, ThdPlusNoiseOfOneKilohertz) {
  auto r = Fresh();
  const auto frames = static_cast<size_t>(GetParam().in_hz / 5);
  const double amplitude = std::pow(10.0, -1.0 / 20.0);
  const std::vector<float> tone = Tone(1000, GetParam().in_hz, frames, amplitude);
  std::vector<int16_t> out(r->MaxOutputFrames(frames));
  out.resize(r->Process(tone, out).output_frames);
  const auto seg = SteadySegment(*r, out.size());
  const auto fit = FitTone(out, 1.0 / 32768.0, 1000, GetParam().out_hz, seg.begin, seg.end);
  const double thdn = Db(fit.residual_rms / (fit.amplitude / std::sqrt(2.0)));
  // The same through float output: the resampler's own distortion, without the int16 floor.
  auto f = Fresh();
  std::vector<float> fout(f->MaxOutputFrames(frames));
  fout.resize(f->Process(tone, fout).output_frames);
  const auto ffit = FitTone(fout, 1.0, 1000, GetParam().out_hz, seg.begin, seg.end);
  const double thdn_float = Db(ffit.residual_rms / (ffit.amplitude / std::sqrt(2.0)));
  if (high_grade()) {
    EXPECT_LT(thdn, -95.0);
    EXPECT_LT(thdn_float, -100.0);
  } else {
    EXPECT_LT(thdn, -60.0);
  }
  std::printf("[ measured ] %s %d->%d THD+N %.1f dB (int16 out), %.1f dB (float out), latency %.2f ms, %zu taps\n",
              QualityName(GetParam().quality), GetParam().in_hz, GetParam().out_hz, thdn,
              thdn_float, r->latency_ms(), r->taps());
}

// Streaming latency <= 3 ms for MEDIUM and above whenever the lower rate is >= 16 kHz
// (the filter's length is set by the transition band in Hz, so it doubles at 8 kHz).
TEST_P(QualityTableTest, LatencyWithinBudget) {
  auto r = Fresh();
  if (high_grade() && std::min(GetParam().in_hz, GetParam().out_hz) >= 16000) {
    EXPECT_LE(r->latency_ms(), 3.0);
  }
  EXPECT_GT(r->latency_ms(), 0.0);
}

// The drift-capable (interpolating) form meets the same rejection.
TEST_P(QualityTableTest, InterpolatingFormKeepsTheQuality) {
  const double required = high_grade() ? 100.0 : 60.0;
  const double f = 0.6 * PresetFor(GetParam().quality).passband_fraction * lower_nyquist();
  const auto fit = Run(f, 0.5, true);
  EXPECT_LT(Db(fit.residual_rms / (fit.amplitude / std::sqrt(2.0))), -required);
  EXPECT_NEAR(Db(fit.amplitude / 0.5), 0.0, 0.1);
}

std::vector<QualityCase> AllCases() {
  std::vector<QualityCase> cases;
  const RatePair pairs[] = {{48000, 16000}, {16000, 48000}, {44100, 48000},
                            {48000, 44100}, {48000, 24000}, {8000, 11025}};
  for (ResamplerQuality q : kAllQualities) {
    for (const auto& [in_hz, out_hz] : pairs) cases.push_back({q, in_hz, out_hz});
  }
  return cases;
}

INSTANTIATE_TEST_SUITE_P(Presets, QualityTableTest, ::testing::ValuesIn(AllCases()), CaseName);

}  // namespace
}  // namespace rtc_audio
