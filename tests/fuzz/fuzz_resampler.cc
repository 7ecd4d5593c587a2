// Fuzzes AudioResampler: arbitrary configurations (valid or not), then a random sequence of
// pushes (random sizes, int16 / float / mixed / planar, full or short output room), ratio
// nudges (in range, out of range, NaN), flushes and resets.
// Properties:
//   - Create accepts exactly the documented configurations and rejects the rest with the
//     documented status, in the documented order;
//   - with MaxOutputFrames(n) frames of room a push consumes all n input frames and writes
//     at most that bound (the header promises this in any state reached through calls
//     given that much room, i.e. until a short-room push; a flush or Reset restores it);
//     with less room it never writes past the room it was given;
//   - InputFramesNeeded(k) input frames (with room) always yield at least k output frames,
//     consuming all of them while the bound above holds;
//   - every float output is finite and bounded (|y| < 8 for |x| <= 1);
//   - SetRatioAdjustment returns the documented status and the applied ppm stays in range;
//   - without a nudge, the total output of pushes + a complete flush is exactly
//     round(input x out_rate / in_rate) frames, and the resampler is then as new;
//   - nothing reads or writes outside the spans it was given (ASan) and no UB (UBSan).
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <map>
#include <memory>
#include <span>
#include <tuple>
#include <vector>

#include "audio_resampler.h"
#include "fuzz_input.h"

using namespace rtc_audio;
using rtc_audio::fuzz::FuzzInput;

namespace {

// Common rates first (most of the byte values land on them), then anything in range,
// then anything at all (to exercise validation).
int32_t TakeRate(FuzzInput& in) {
  static constexpr int32_t kCommon[] = {8000, 11025, 16000, 22050, 24000, 32000,
                                        44100, 48000, 88200, 96000, 192000, 768000, 1000};
  const uint32_t pick = in.Range(0, 19);
  if (pick < std::size(kCommon)) return kCommon[pick];
  if (pick < 18) return static_cast<int32_t>(in.Range(1000, 768000));
  return static_cast<int32_t>(in.Take<uint32_t>());
}

StatusCode Expected(const AudioResamplerConfig& c) {
  auto rate_ok = [](int32_t hz) { return hz >= 1000 && hz <= 768000; };
  if (!rate_ok(c.input_rate_hz) || !rate_ok(c.output_rate_hz)) return StatusCode::kInvalidSampleRate;
  if (c.num_channels < 1 || c.num_channels > 32) return StatusCode::kInvalidChannelCount;
  if (c.num_channels > 8) return StatusCode::kResamplerTooManyChannels;
  const auto q = static_cast<int32_t>(c.quality);
  if (q < 0 || q > 4) return StatusCode::kInvalidQuality;
  return StatusCode::kOk;
}

// round(a * b / c) for the flush total, ties away from zero as the header states (exact).
uint64_t RoundedTotal(uint64_t input, uint64_t out_hz, uint64_t in_hz) {
  __extension__ typedef unsigned __int128 U128;
  const U128 num = static_cast<U128>(input) * out_hz;
  return static_cast<uint64_t>((2 * num + in_hz) / (2 * static_cast<U128>(in_hz)));
}

void CheckFloats(std::span<const float> samples) {
  for (float v : samples) {
    if (!std::isfinite(v) || std::fabs(v) >= 8.0f) abort();
  }
}

// Designing a filter takes up to a second under the sanitizers, so resamplers are kept
// per configuration and reused after Reset() and SetRatioAdjustment(0) -- which must
// make them as new (a reused one that behaves differently from a fresh one fails the
// same properties). Returns nullptr for a configuration Create rejects (as expected).
AudioResampler* Get(const AudioResamplerConfig& c) {
  using Key = std::tuple<int32_t, int32_t, int32_t, int32_t, bool>;
  static std::map<Key, std::unique_ptr<AudioResampler>> cache;
  const Key key{c.input_rate_hz, c.output_rate_hz, c.num_channels,
                static_cast<int32_t>(c.quality), c.allow_ratio_adjustment};
  if (auto it = cache.find(key); it != cache.end()) {
    it->second->Reset();
    if (c.allow_ratio_adjustment && !IsOk(it->second->SetRatioAdjustment(0.0))) abort();
    return it->second.get();
  }
  std::unique_ptr<AudioResampler> r;
  const StatusCode status = AudioResampler::Create(c, &r);
  if (status != Expected(c)) abort();
  if (!IsOk(status)) return nullptr;
  if (cache.size() >= 64) cache.clear();
  return (cache[key] = std::move(r)).get();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  FuzzInput in(data, size);
  AudioResamplerConfig config;
  config.input_rate_hz = TakeRate(in);
  config.output_rate_hz = TakeRate(in);
  const uint32_t ch_pick = in.Range(0, 15);
  config.num_channels = ch_pick < 12 ? static_cast<int32_t>(ch_pick % 8 + 1)
                                     : static_cast<int32_t>(in.Take<int8_t>());
  const uint32_t q_pick = in.Range(0, 11);
  config.quality = static_cast<ResamplerQuality>(q_pick < 10 ? static_cast<int32_t>(q_pick % 5)
                                                             : in.Take<int32_t>());
  config.allow_ratio_adjustment = (in.Take<uint8_t>() & 1) != 0;

  AudioResampler* const r = Get(config);
  if (r == nullptr) return 0;

  const size_t ch = static_cast<size_t>(config.num_channels);
  // Work per call stays under ~2^24 filter taps, so that extreme ratios (1 kHz -> 768 kHz
  // writes 768 outputs per input frame) do not turn into timeouts under ASan.
  const size_t taps_per_output = std::max<size_t>(1, r->taps()) * ch;
  const double outputs_per_input =
      static_cast<double>(config.output_rate_hz) / static_cast<double>(config.input_rate_hz);
  const auto max_push = static_cast<uint32_t>(std::clamp(
      static_cast<double>(size_t{1} << 24) / (outputs_per_input * static_cast<double>(taps_per_output)),
      1.0, 2048.0));
  std::vector<int16_t> in16, out16;
  std::vector<float> inf, outf;
  std::vector<std::vector<float>> planar_in(ch), planar_out(ch);
  uint64_t input_total = 0;
  uint64_t output_total = 0;
  bool nudged = false;
  bool bounded = true;  // no short-room push since the last reset
  int16_t next = 0;

  for (int op_count = 0; !in.empty() && op_count < 64; ++op_count) {
    const uint32_t op = in.Range(0, 9);
    if (op <= 5) {
      // Push n frames in one of the layouts, with full room (or short room for op 5).
      const size_t n = in.Range(0, max_push);
      const size_t bound = r->MaxOutputFrames(n);
      const bool short_room = op == 5;
      const size_t room = short_room ? in.Range(0, static_cast<uint32_t>(bound)) : bound;
      const uint32_t layout = in.Range(0, 4);
      ResampleCounts counts;
      in16.resize(n * ch);
      for (auto& v : in16) v = next = static_cast<int16_t>(next * 31 + 7);
      inf.resize(n * ch);
      for (size_t i = 0; i < inf.size(); ++i) inf[i] = static_cast<float>(in16[i]) / 32768.0f;
      // Exactly `room` frames of output, so ASan sees any overrun.
      out16.assign(room * ch, 0);
      outf.assign(room * ch, 0.0f);
      switch (layout) {
        case 0: counts = r->Process(std::span<const int16_t>(in16), std::span<int16_t>(out16)); break;
        case 1:
          counts = r->Process(std::span<const float>(inf), std::span<float>(outf));
          CheckFloats(std::span<const float>(outf).first(counts.output_frames * ch));
          break;
        case 2:
          counts = r->Process(std::span<const int16_t>(in16), std::span<float>(outf));
          CheckFloats(std::span<const float>(outf).first(counts.output_frames * ch));
          break;
        case 3: counts = r->Process(std::span<const float>(inf), std::span<int16_t>(out16)); break;
        default: {
          std::vector<std::span<const float>> ins(ch);
          std::vector<std::span<float>> outs(ch);
          for (size_t c = 0; c < ch; ++c) {
            planar_in[c].resize(n);
            for (size_t f = 0; f < n; ++f) planar_in[c][f] = inf[f * ch + c];
            planar_out[c].assign(room, 0.0f);
            ins[c] = planar_in[c];
            outs[c] = planar_out[c];
          }
          counts = r->ProcessPlanar(ins, n, outs);
          for (size_t c = 0; c < ch; ++c) {
            CheckFloats(std::span<const float>(planar_out[c]).first(counts.output_frames));
          }
        }
      }
      if (counts.output_frames > room || counts.input_frames > n) abort();
      if (bounded && !short_room &&
          (counts.input_frames != n || counts.output_frames > bound)) {
        abort();
      }
      if (short_room && (counts.input_frames < n || counts.output_frames == room)) bounded = false;
      input_total += counts.input_frames;
      output_total += counts.output_frames;
    } else if (op == 6) {
      // InputFramesNeeded(k) frames of input with room for them yield >= k outputs (k
      // capped like the pushes: 768 kHz -> 1 kHz has 17 000+ taps per output and channel).
      const size_t max_k = std::max<size_t>(1, (size_t{1} << 24) / taps_per_output);
      const size_t k = in.Range(0, static_cast<uint32_t>(std::min<size_t>(1024, max_k)));
      const size_t need = r->InputFramesNeeded(k);
      if (need > 1u << 22) abort();
      inf.assign(need * ch, 0.25f);
      outf.assign(std::max(k, r->MaxOutputFrames(need)) * ch, 0.0f);
      const ResampleCounts counts = r->Process(std::span<const float>(inf), std::span<float>(outf));
      if (counts.output_frames < k || (bounded && counts.input_frames != need)) abort();
      CheckFloats(std::span<const float>(outf).first(counts.output_frames * ch));
      input_total += counts.input_frames;
      output_total += counts.output_frames;
    } else if (op == 7) {
      const uint32_t kind = in.Range(0, 3);
      double ppm = kind == 0   ? std::nan("")
                   : kind == 1 ? static_cast<double>(in.Take<int32_t>()) / 1000.0
                               : static_cast<double>(static_cast<int32_t>(in.Range(0, 2000)) - 1000);
      const StatusCode s = r->SetRatioAdjustment(ppm);
      const StatusCode want = !config.allow_ratio_adjustment ? StatusCode::kRatioAdjustmentDisabled
                              : (!std::isfinite(ppm) || std::fabs(ppm) > 1000.0)
                                  ? StatusCode::kInvalidRatioAdjustment
                                  : StatusCode::kOk;
      if (s != want) abort();
      if (IsOk(s)) nudged = nudged || ppm != 0.0;
      if (std::fabs(r->ratio_adjustment_ppm()) > 1000.001) abort();
    } else if (op == 8) {
      r->Reset();
      input_total = output_total = 0;
      bounded = true;
      nudged = r->ratio_adjustment_ppm() != 0.0;
    } else {
      // A flush, possibly in several short pieces, in any output layout; the last call
      // (which may have nothing left to write) resets the resampler.
      for (;;) {
        const size_t pending = r->PendingFlushFrames();
        const size_t room = pending == 0 || in.empty()
                                ? pending
                                : in.Range(1, static_cast<uint32_t>(pending));
        size_t wrote = 0;
        const uint32_t layout = in.Range(0, 2);
        if (layout == 0) {
          out16.assign(room * ch, 0);
          wrote = r->Flush(std::span<int16_t>(out16));
        } else if (layout == 1) {
          outf.assign(room * ch, 0.0f);
          wrote = r->Flush(std::span<float>(outf));
          CheckFloats(std::span<const float>(outf).first(wrote * ch));
        } else {
          std::vector<std::span<float>> outs(ch);
          for (size_t c = 0; c < ch; ++c) {
            planar_out[c].assign(room, 0.0f);
            outs[c] = planar_out[c];
          }
          wrote = r->FlushPlanar(outs);
        }
        if (wrote > room || (room > 0 && wrote == 0)) abort();
        output_total += wrote;
        if (pending == 0 || wrote == pending) break;
      }
      if (r->PendingFlushFrames() != 0) abort();
      if (!nudged && !r->is_passthrough() &&
          output_total != RoundedTotal(input_total, static_cast<uint64_t>(config.output_rate_hz),
                                       static_cast<uint64_t>(config.input_rate_hz))) {
        abort();
      }
      if (r->is_passthrough() && output_total != input_total) abort();
      input_total = output_total = 0;
      nudged = r->ratio_adjustment_ppm() != 0.0;
      bounded = true;
    }
  }
  return 0;
}
