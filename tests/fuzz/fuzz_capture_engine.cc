// Fuzzes CaptureEngine (src/capture_engine.h) with arbitrary formats, block sizes, input
// layouts and sample values (int16, or any float bit pattern: NaN, infinities,
// denormals). Properties: configuration is accepted exactly when it is valid, no call
// writes more than max_output_frames, the output count follows the rate ratio (never
// ahead of round(input x out / in) + 1), equal rates with N <= M give the int16 input
// back exactly (duplicated across channels), and nothing is read or written out of
// bounds (ASan, UBSan).
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <vector>

#include "capture_engine.h"
#include "fuzz_input.h"

using namespace rtc_audio;
using rtc_audio::fuzz::FuzzInput;

namespace {

constexpr int32_t kRates[] = {8000, 11025, 16000, 22050, 24000, 32000, 44100, 48000, 96000};

int32_t PickRate(FuzzInput& in) {
  const uint32_t choice = in.Range(0, 11);
  if (choice < 9) return kRates[choice];
  return static_cast<int32_t>(in.Range(1000, 192000));  // any valid rate, within reason
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  FuzzInput in(data, size);
  CaptureConfig config;
  config.input_rate_hz = PickRate(in);
  config.output_rate_hz = PickRate(in);
  config.input_channels = static_cast<int32_t>(in.Range(0, 12));   // 0: invalid
  config.output_channels = static_cast<int32_t>(in.Range(0, 12));
  config.max_block_frames = static_cast<int32_t>(in.Range(0, 600));  // 0: invalid
  const bool valid = config.input_channels >= 1 && config.output_channels >= 1 && config.max_block_frames >= 1;
  std::unique_ptr<CaptureEngine> engine;
  const StatusCode status = CaptureEngine::Create(config, &engine);
  if (IsOk(status) != valid) abort();
  if (!valid) return 0;

  const auto n = static_cast<size_t>(config.input_channels);
  const auto m = static_cast<size_t>(config.output_channels);
  const bool exact = config.input_rate_hz == config.output_rate_hz && n <= m;
  bool only_s16 = true;
  uint64_t consumed = 0;
  uint64_t produced = 0;
  std::vector<int16_t> sent;
  std::vector<int16_t> received;
  while (!in.empty()) {
    const size_t frames = in.Range(0, static_cast<uint32_t>(config.max_block_frames));
    size_t out = 0;
    if (in.Range(0, 1) == 0) {
      std::span<int16_t> buf = engine->input_s16();
      for (size_t i = 0; i < frames * n; ++i) buf[i] = in.Take<int16_t>();
      if (exact) sent.insert(sent.end(), buf.begin(), buf.begin() + static_cast<std::ptrdiff_t>(frames * n));
      out = engine->ProcessS16(frames);
    } else {
      only_s16 = false;
      for (size_t c = 0; c < n; ++c) {
        std::span<float> plane = engine->input_plane(static_cast<int32_t>(c));
        for (size_t i = 0; i < frames; ++i) plane[i] = in.Take<float>();
      }
      out = engine->ProcessPlanar(frames);
    }
    if (out > engine->max_output_frames()) abort();
    const auto o = engine->output();
    if (exact) received.insert(received.end(), o.begin(), o.begin() + static_cast<std::ptrdiff_t>(out * m));
    consumed += frames;
    produced += out;
    const double ideal = static_cast<double>(consumed) * config.output_rate_hz / config.input_rate_hz;
    if (static_cast<double>(produced) > std::round(ideal) + 1) abort();
    if (produced != engine->produced_frames()) abort();
  }
  if (exact && only_s16) {
    // Equal rates, N <= M: channel c of the output is input channel c % N, bit for bit.
    if (received.size() != sent.size() / n * m) abort();
    for (size_t f = 0; f < sent.size() / n; ++f) {
      for (size_t c = 0; c < m; ++c) {
        if (received[f * m + c] != sent[f * n + c % n]) abort();
      }
    }
  }
  return 0;
}
