#include "audio_resampler.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <type_traits>

#if defined(__wasm_simd128__)
#include <wasm_simd128.h>
#endif

#include "audio_frame.h"
#include "resampler_kernel.h"
#include "sample_convert.h"

namespace rtc_audio {
namespace {

// Input frames written into the delay line per refill, at least: the delay line holds
// taps + kRefillFrames frames, so a refill never overwrites a window still needed.
constexpr size_t kRefillFrames = 256;
// Exact mode (one row per phase) while L <= kMaxExactRows and the table stays small.
constexpr uint64_t kMaxExactRows = 4096;
constexpr uint64_t kMaxTableFloats = uint64_t{1} << 21;  // 8 MiB
// Interpolated mode: the phase is a numerator over D = L << kPhaseFractionBits (< 2^52,
// so it converts to double exactly); a ratio adjustment is resolved to 1 / (M x 2^32) of
// the nominal step, below 0.001 ppm.
constexpr uint64_t kPhaseFractionBits = 32;
constexpr size_t kMinInterpolatedPhases = 32;

__extension__ typedef unsigned __int128 Uint128;

}  // namespace

StatusCode AudioResampler::Create(const AudioResamplerConfig& config,
                                  std::unique_ptr<AudioResampler>* out) {
  if (auto s = ValidateSampleRate(config.input_rate_hz); !IsOk(s)) return s;
  if (auto s = ValidateSampleRate(config.output_rate_hz); !IsOk(s)) return s;
  if (auto s = ValidateChannelCount(config.num_channels); !IsOk(s)) return s;
  if (config.num_channels > kMaxResamplerChannels) return StatusCode::kResamplerTooManyChannels;
  if (!IsValidQuality(static_cast<int32_t>(config.quality))) return StatusCode::kInvalidQuality;
  out->reset(new AudioResampler(config));
  (*out)->Build();
  return StatusCode::kOk;
}

AudioResampler::AudioResampler(const AudioResamplerConfig& config) : config_(config) {}

AudioResampler::~AudioResampler() = default;

void AudioResampler::Build() {
  channels_ = static_cast<size_t>(config_.num_channels);
  const auto in_hz = static_cast<uint64_t>(config_.input_rate_hz);
  const auto out_hz = static_cast<uint64_t>(config_.output_rate_hz);
  const uint64_t g = std::gcd(in_hz, out_hz);
  l_ = out_hz / g;
  m_ = in_hz / g;
  frame_.assign(channels_, 0.0f);
  if (in_hz == out_hz && !config_.allow_ratio_adjustment) {
    mode_ = Mode::kPassthrough;
    return;
  }

  // Filter: cutoff in the middle of the transition band, both relative to the input.
  const ResamplerPreset& preset = PresetFor(config_.quality);
  const double lower_nyquist_hz = static_cast<double>(in_hz < out_hz ? in_hz : out_hz) / 2.0;
  const double in_rate = static_cast<double>(in_hz);
  const double cutoff = (preset.design_passband_fraction + preset.stopband_fraction) / 2.0 *
                        lower_nyquist_hz / in_rate;
  const double transition =
      (preset.stopband_fraction - preset.design_passband_fraction) * lower_nyquist_hz / in_rate;
  taps_ = KaiserTapCount(preset.attenuation_db, transition, kernel::kKernelLaneCount);
  // Every output needs at least one input frame of look-ahead beyond its own step, so
  // the outputs written before a flush never exceed the rounded total.
  const size_t min_taps = 2 * static_cast<size_t>((m_ + l_ - 1) / l_) + 2;
  while (taps_ < min_taps) taps_ += kernel::kKernelLaneCount;
  half_ = taps_ / 2;
  const double beta = KaiserBeta(preset.attenuation_db);

  const bool exact = !config_.allow_ratio_adjustment && l_ <= kMaxExactRows &&
                     l_ * taps_ <= kMaxTableFloats;
  if (exact) {
    mode_ = Mode::kExact;
    rows_ = static_cast<size_t>(l_);
    denominator_ = l_;
    step_nominal_ = m_;
    table_.assign(rows_ * taps_, 0.0f);
    // Output k's window starts floor(k M / L) frames in: after row k, the window moves
    // floor((k + 1) M / L) - floor(k M / L) frames, the same for every period of L.
    row_step_.assign(rows_, 0);
    for (size_t k = 0; k < rows_; ++k) {
      row_step_[k] = static_cast<uint32_t>((static_cast<uint64_t>(k + 1) * m_) / l_ -
                                           (static_cast<uint64_t>(k) * m_) / l_);
    }
    // Row k serves output k (mod L): phase (k * M mod L) / L, in reading order.
    for (size_t k = 0; k < rows_; ++k) {
      const uint64_t numerator = (static_cast<uint64_t>(k) * m_) % l_;
      DesignRow(static_cast<double>(numerator) / static_cast<double>(l_), cutoff, beta,
                std::span<float>(table_).subspan(k * taps_, taps_));
    }
  } else {
    mode_ = Mode::kInterpolated;
    // Linear interpolation between rows leaves images about (f / P)^2 below the signal
    // at input-relative frequency f; the signal band shrinks with the downsampling
    // factor, and so can P.
    const double band = lower_nyquist_hz * 2.0 / in_rate;  // 1 when upsampling
    auto phases = static_cast<size_t>(
        std::ceil(static_cast<double>(preset.interpolated_phases) * band));
    if (phases < kMinInterpolatedPhases) phases = kMinInterpolatedPhases;
    while (phases > kMinInterpolatedPhases && (phases + 1) * taps_ > kMaxTableFloats) phases /= 2;
    rows_ = phases + 1;
    denominator_ = l_ << kPhaseFractionBits;
    step_nominal_ = m_ << kPhaseFractionBits;
    phase_to_row_ = static_cast<double>(phases) / static_cast<double>(denominator_);
    table_.assign(rows_ * taps_, 0.0f);
    for (size_t r = 0; r < rows_; ++r) {
      DesignRow(static_cast<double>(r) / static_cast<double>(phases), cutoff, beta,
                std::span<float>(table_).subspan(r * taps_, taps_));
    }
  }
  min_step_ = config_.allow_ratio_adjustment
                  ? static_cast<uint64_t>(std::floor(static_cast<double>(step_nominal_) *
                                                     (1.0 - kMaxRatioAdjustmentPpm * 1e-6)))
                  : step_nominal_;
  SetStep(step_nominal_);
  ring_frames_ = taps_ + kRefillFrames;
  ring_.assign(channels_ * 2 * ring_frames_, 0.0f);
  block_.assign(channels_ * kBlockFrames, 0.0f);
  Reset();
}

void AudioResampler::SetStep(uint64_t step) {
  step_ = step;
  step_whole_ = step / denominator_;
  step_rem_ = step % denominator_;
}

void AudioResampler::Reset() {
  if (mode_ == Mode::kPassthrough) return;
  std::fill(ring_.begin(), ring_.end(), 0.0f);
  phase_ = 0;
  pos_ = 0;
  pos_slot_ = 0;
  row_ = 0;
  // The delay line starts with half - 1 zeros: the history before input frame 0.
  written_ = half_ - 1;
  write_slot_ = half_ - 1;
  input_total_ = 0;
  output_total_ = 0;
}

StatusCode AudioResampler::SetRatioAdjustment(double ppm) {
  if (!config_.allow_ratio_adjustment) return StatusCode::kRatioAdjustmentDisabled;
  if (!std::isfinite(ppm) || std::fabs(ppm) > kMaxRatioAdjustmentPpm) {
    return StatusCode::kInvalidRatioAdjustment;
  }
  SetStep(static_cast<uint64_t>(
      std::llround(static_cast<double>(step_nominal_) * (1.0 + ppm * 1e-6))));
  adjustment_ppm_ = (static_cast<double>(step_) / static_cast<double>(step_nominal_) - 1.0) * 1e6;
  return StatusCode::kOk;
}

double AudioResampler::latency_ms() const {
  return static_cast<double>(latency_input_frames()) * 1000.0 /
         static_cast<double>(config_.input_rate_hz);
}

size_t AudioResampler::MaxOutputFrames(size_t input_frames) const {
  if (mode_ == Mode::kPassthrough) return input_frames;
  const double per_input =
      static_cast<double>(denominator_) / static_cast<double>(min_step_);
  return static_cast<size_t>(std::ceil((static_cast<double>(input_frames) + 1.0) * per_input)) +
         1;
}

size_t AudioResampler::InputFramesNeeded(size_t output_frames) const {
  if (output_frames == 0) return 0;
  if (mode_ == Mode::kPassthrough) return output_frames;
  // Window start of output (output_frames - 1) from now.
  const Uint128 k = output_frames - 1;
  const Uint128 ahead = (static_cast<Uint128>(phase_) + k * step_) / denominator_;
  const Uint128 end = static_cast<Uint128>(pos_) + ahead + taps_;
  return end > written_ ? static_cast<size_t>(end - written_) : 0;
}

size_t AudioResampler::PendingFlushFrames() const {
  if (mode_ == Mode::kPassthrough) return 0;
  // round(a) outputs in total for a = input_total x L / M, i.e. outputs m with
  // m <= a - 1/2, i.e. tau_m = m * step / D <= input_total - step / (2D). With
  // tau = pos + (phase + k step) / D for the k-th output from now, count k >= 0 with
  //   2 (pos D + phase + k step) <= 2 input_total D - step.
  // Both sides are non-negative once 2 pos D + step moves to the right (pos may run
  // ahead of the input when downsampling, so compare before subtracting).
  const Uint128 d = denominator_;
  const Uint128 budget = 2 * static_cast<Uint128>(input_total_) * d;
  const Uint128 used = 2 * (static_cast<Uint128>(pos_) * d + phase_) + step_;
  if (used > budget) return 0;
  return static_cast<size_t>((budget - used) / (2 * static_cast<Uint128>(step_))) + 1;
}

// 1. Refill the delay line whenever the next window is incomplete; 2. plan up to
// kBlockFrames outputs whose windows are complete (and that fit in the output); 3. filter
// them (FilterBlock); 4. write them out, channel by channel; stop when the output is full
// or the input is used up. The streaming state lives in locals inside the loop and is
// stored back at the end. `write(first, block, n)` stores outputs first .. first + n - 1
// of every channel; channel c's values are at block + c x kBlockFrames.
template <typename Reader, typename Writer>
ResampleCounts AudioResampler::Run(const Reader& read, size_t input_frames, const Writer& write,
                                   size_t output_capacity, bool count_input) {
  ResampleCounts counts;
  const size_t h = ring_frames_;
  const size_t taps = taps_;
  const size_t channels = channels_;
  const uint64_t denominator = denominator_;
  const uint64_t step_whole = step_whole_;
  const uint64_t step_rem = step_rem_;
  const bool exact = mode_ == Mode::kExact;
  float* const ring = ring_.data();
  uint64_t phase = phase_;
  uint64_t pos = pos_;
  uint64_t written = written_;
  size_t slot = pos_slot_;
  size_t write_slot = write_slot_;
  size_t row = row_;
  auto advance = [&]() {
    phase += step_rem;
    uint64_t frames = step_whole;
    if (phase >= denominator) {
      phase -= denominator;
      ++frames;
    }
    pos += frames;
    slot += static_cast<size_t>(frames);
    if (slot >= h) slot -= h;
  };
  const float* const block = block_.data();  // channels x kBlockFrames outputs
  size_t* const plan_slot = plan_slot_.data();
  const float** const plan_row = plan_row_.data();
  float* const plan_frac = plan_frac_.data();
  while (counts.output_frames < output_capacity) {
    if (pos + taps > written) {
      if (counts.input_frames == input_frames) break;
      const uint64_t backlog = written > pos ? written - pos : 0;  // < taps here
      size_t n = h - static_cast<size_t>(backlog);
      if (n > input_frames - counts.input_frames) n = input_frames - counts.input_frames;
      // Copy in at most two segments (the ring wraps once at most), channel by channel.
      for (size_t done = 0; done < n;) {
        const size_t segment = std::min(n - done, h - write_slot);
        const size_t first = counts.input_frames + done;
        for (size_t c = 0; c < channels; ++c) {
          float* line = ring + c * 2 * h + write_slot;
          for (size_t f = 0; f < segment; ++f) {
            const float v = read(first + f, c);
            line[f] = v;
            line[f + h] = v;
          }
        }
        write_slot += segment;
        if (write_slot == h) write_slot = 0;
        done += segment;
      }
      counts.input_frames += n;
      written += n;
      continue;
    }
    // 2. Plan: where each output whose window is complete reads (window slot, row(s),
    //    interpolation fraction), up to a block and the room left. The state advances
    //    once per output here, whatever the channel count.
    size_t n = 0;
    const size_t room = std::min(kBlockFrames, output_capacity - counts.output_frames);
    if (exact) {
      // The input step after an output depends only on its row (k mod L): a table lookup.
      const float* const rows_base = table_.data();
      const uint32_t* const row_step = row_step_.data();
      do {
        plan_slot[n] = slot;
        plan_row[n] = rows_base + row * taps;
        const size_t frames = row_step[row];
        pos += frames;
        slot += frames;
        if (slot >= h) slot -= h;
        row = row + 1 == rows_ ? 0 : row + 1;
        ++n;
      } while (n < room && pos + taps <= written);
    } else {
      do {
        const double position = static_cast<double>(phase) * phase_to_row_;
        auto index = static_cast<size_t>(position);
        if (index > rows_ - 2) index = rows_ - 2;
        plan_slot[n] = slot;
        plan_frac[n] = static_cast<float>(position - static_cast<double>(index));
        plan_row[n] = table_.data() + index * taps;
        advance();
        ++n;
      } while (n < room && pos + taps <= written);
    }
    // 3. Filter every channel into the block.
    FilterBlock(n);
    // 4. Write the block out (every channel in one call, so interleaved writers convert
    //    and interleave in one pass).
    write(counts.output_frames, block, n);
    counts.output_frames += n;
  }
  // Exact mode tracks the row only: output k has phase (k x M) mod L and row k mod L.
  phase_ = exact ? (static_cast<uint64_t>(row) * m_) % l_ : phase;
  pos_ = pos;
  written_ = written;
  pos_slot_ = slot;
  write_slot_ = write_slot;
  row_ = row;
  if (count_input) input_total_ += counts.input_frames;
  output_total_ += counts.output_frames;
  return counts;
}

// Step 3 of Run, outside the templates: computes the n planned outputs of every channel
// into block_ (channel c at c x kBlockFrames), up to kMaxKernelRows dots per kernel call.
// One function for every reader and writer; in the wasm build it also keeps the kernel
// loops in a small function, where V8 keeps their accumulators in registers.
void AudioResampler::FilterBlock(size_t n) {
  const size_t taps = taps_;
  const size_t h = ring_frames_;
  const auto stride = static_cast<size_t>(step_whole_);
  const size_t* const plan_slot = plan_slot_.data();
  const float* const* const plan_row = plan_row_.data();
  kernel::DotPair pairs[kernel::kMaxKernelRows];
  float y[kernel::kMaxKernelRows];
  for (size_t c = 0; c < channels_; ++c) {
    const float* line = ring_.data() + c * 2 * h;
    float* yc = block_.data() + c * kBlockFrames;
    if (mode_ == Mode::kInterpolated) {
      // Two outputs per call, each interpolating between the two rows around its phase.
      for (size_t i = 0; i < n; i += 2) {
        const size_t k = n - i < 2 ? 1 : 2;
        for (size_t j = 0; j < k; ++j) {
          pairs[2 * j] = {line + plan_slot[i + j], plan_row[i + j]};
          pairs[2 * j + 1] = {line + plan_slot[i + j], plan_row[i + j] + taps};
        }
        kernel::DotPairs(std::span<const kernel::DotPair>(pairs, 2 * k), taps, std::span<float>(y, 2 * k));
        for (size_t j = 0; j < k; ++j) yc[i + j] = y[2 * j] + plan_frac_[i + j] * (y[2 * j + 1] - y[2 * j]);
      }
      continue;
    }
    for (size_t i = 0; i < n;) {
      size_t k = n - i < kernel::kMaxKernelRows ? n - i : kernel::kMaxKernelRows;
      if (rows_ == 1 && plan_slot[i + k - 1] == plan_slot[i] + (k - 1) * stride) {
        // Integer-factor downsampling: one row, windows `stride` apart in the ring.
        kernel::DotWindows(std::span<const float>(line + plan_slot[i], (k - 1) * stride + taps), stride,
                           std::span<const float>(table_.data(), taps), std::span<float>(yc + i, k));
      } else {
        // Upsampling: outputs sharing a window read consecutive rows (reading order), so
        // one pass loads the window once for all of them; otherwise independent pairs.
        size_t shared = 1;
        while (shared < k && plan_slot[i + shared] == plan_slot[i] &&
               plan_row[i + shared] == plan_row[i] + shared * taps) {
          ++shared;
        }
        if (shared > 1) {
          k = shared;
          kernel::DotRows(std::span<const float>(line + plan_slot[i], taps),
                          std::span<const float>(plan_row[i], k * taps), std::span<float>(yc + i, k));
        } else {
          for (size_t j = 0; j < k; ++j) pairs[j] = {line + plan_slot[i + j], plan_row[i + j]};
          kernel::DotPairs(std::span<const kernel::DotPair>(pairs, k), taps, std::span<float>(yc + i, k));
        }
      }
      i += k;
    }
  }
}

namespace {

inline float ToFloat(float v) { return v; }
inline float ToFloat(int16_t v) { return S16ToFloat(v); }
inline void Store(float v, float* out) { *out = v; }
inline void Store(float v, int16_t* out) { *out = FloatToS16(v); }
inline void Store(int16_t v, float* out) { *out = S16ToFloat(v); }
inline void Store(int16_t v, int16_t* out) { *out = v; }

// Writes n outputs of every channel (channel c's at block + c x stride), starting at
// output frame `first`, into an interleaved buffer of `channels` channels.
template <typename Out>
void StoreBlock(const float* block, size_t stride, size_t n, size_t first, size_t channels,
                std::span<Out> out) {
  Out* const dst = out.data() + first * channels;
  size_t i = 0;
#if defined(__wasm_simd128__)
  if constexpr (std::is_same_v<Out, int16_t>) {
    // Eight values at a time: scale, round to nearest even (f32x4.nearest), then saturate
    // (trunc_sat to int32, narrow_s to int16). Bit-identical to FloatToS16: values beyond
    // the int16 range saturate either way, and NaN becomes 0.
    const v128_t scale = wasm_f32x4_splat(kFloatToS16Scale);
    auto to_s16 = [scale](const float* v) {
      const v128_t a = wasm_i32x4_trunc_sat_f32x4(wasm_f32x4_nearest(wasm_f32x4_mul(wasm_v128_load(v), scale)));
      const v128_t b =
          wasm_i32x4_trunc_sat_f32x4(wasm_f32x4_nearest(wasm_f32x4_mul(wasm_v128_load(v + 4), scale)));
      return wasm_i16x8_narrow_i32x4(a, b);
    };
    if (channels == 1) {
      for (; i + 8 <= n; i += 8) wasm_v128_store(dst + i, to_s16(block + i));
    } else if (channels == 2) {
      for (; i + 8 <= n; i += 8) {
        const v128_t l = to_s16(block + i);
        const v128_t r = to_s16(block + stride + i);
        wasm_v128_store(dst + 2 * i, wasm_i16x8_shuffle(l, r, 0, 8, 1, 9, 2, 10, 3, 11));
        wasm_v128_store(dst + 2 * i + 8, wasm_i16x8_shuffle(l, r, 4, 12, 5, 13, 6, 14, 7, 15));
      }
    }
  }
#endif
  if (channels == 1) {  // contiguous, so the native build vectorises it too
    for (size_t j = i; j < n; ++j) Store(block[j], dst + j);
    return;
  }
  for (size_t c = 0; c < channels; ++c) {
    const float* v = block + c * stride;
    for (size_t j = i; j < n; ++j) Store(v[j], dst + j * channels + c);
  }
}

// Writes n outputs of every channel into planar buffers, starting at output frame `first`.
void StorePlanar(const float* block, size_t stride, size_t n, size_t first, size_t channels,
                 std::span<const std::span<float>> out) {
  for (size_t c = 0; c < channels; ++c) std::copy_n(block + c * stride, n, out[c].data() + first);
}

}  // namespace

template <typename In, typename Out>
ResampleCounts AudioResampler::ProcessInterleaved(std::span<const In> input,
                                                  std::span<Out> output) {
  const size_t ch = channels_;
  const size_t in_frames = input.size() / ch;
  const size_t out_frames = output.size() / ch;
  if (mode_ == Mode::kPassthrough) {
    const size_t n = in_frames < out_frames ? in_frames : out_frames;
    for (size_t i = 0; i < n * ch; ++i) Store(input[i], &output[i]);
    return {n, n};
  }
  return Run([input, ch](size_t f, size_t c) { return ToFloat(input[f * ch + c]); }, in_frames,
             [output, ch](size_t o, const float* block, size_t n) { StoreBlock(block, kBlockFrames, n, o, ch, output); },
             out_frames, true);
}

ResampleCounts AudioResampler::Process(std::span<const int16_t> input,
                                       std::span<int16_t> output) {
  return ProcessInterleaved(input, output);
}

ResampleCounts AudioResampler::Process(std::span<const float> input, std::span<float> output) {
  return ProcessInterleaved(input, output);
}

ResampleCounts AudioResampler::Process(std::span<const int16_t> input, std::span<float> output) {
  return ProcessInterleaved(input, output);
}

ResampleCounts AudioResampler::Process(std::span<const float> input, std::span<int16_t> output) {
  return ProcessInterleaved(input, output);
}

ResampleCounts AudioResampler::ProcessPlanar(std::span<const std::span<const float>> input,
                                             size_t input_frames,
                                             std::span<const std::span<float>> output) {
  if (input.size() < channels_ || output.size() < channels_) return {};
  size_t out_frames = output[0].size();
  for (size_t c = 0; c < channels_; ++c) {
    if (input[c].size() < input_frames) input_frames = input[c].size();
    if (output[c].size() < out_frames) out_frames = output[c].size();
  }
  if (mode_ == Mode::kPassthrough) {
    const size_t n = input_frames < out_frames ? input_frames : out_frames;
    for (size_t c = 0; c < channels_; ++c) std::copy_n(input[c].begin(), n, output[c].begin());
    return {n, n};
  }
  return Run([input](size_t f, size_t c) { return input[c][f]; }, input_frames,
             [output, ch = channels_](size_t o, const float* block, size_t n) {
               StorePlanar(block, kBlockFrames, n, o, ch, output);
             },
             out_frames, true);
}

template <typename Writer>
size_t AudioResampler::FlushWith(const Writer& write, size_t output_capacity) {
  const size_t pending = PendingFlushFrames();
  const size_t n = pending < output_capacity ? pending : output_capacity;
  if (n == 0 && pending == 0) {
    Reset();
    return 0;
  }
  const ResampleCounts counts = Run([](size_t, size_t) { return 0.0f; },
                                    std::numeric_limits<size_t>::max(), write, n, false);
  if (counts.output_frames == pending) Reset();
  return counts.output_frames;
}

size_t AudioResampler::Flush(std::span<int16_t> output) {
  const size_t ch = channels_;
  return FlushWith([output, ch](size_t o, const float* block, size_t n) { StoreBlock(block, kBlockFrames, n, o, ch, output); },
                   output.size() / ch);
}

size_t AudioResampler::Flush(std::span<float> output) {
  const size_t ch = channels_;
  return FlushWith([output, ch](size_t o, const float* block, size_t n) { StoreBlock(block, kBlockFrames, n, o, ch, output); },
                   output.size() / ch);
}

size_t AudioResampler::FlushPlanar(std::span<const std::span<float>> output) {
  if (output.size() < channels_) return 0;
  size_t out_frames = output[0].size();
  for (size_t c = 0; c < channels_; ++c) {
    if (output[c].size() < out_frames) out_frames = output[c].size();
  }
  return FlushWith(
      [output, ch = channels_](size_t o, const float* block, size_t n) {
        StorePlanar(block, kBlockFrames, n, o, ch, output);
      },
      out_frames);
}

}  // namespace rtc_audio
