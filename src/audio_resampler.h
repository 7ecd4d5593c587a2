// AudioResampler: a streaming sample-rate converter for interleaved or planar audio.
//
// What: converts 1..8 channels from any integer rate in 1000..768000 Hz to any other,
// with a Kaiser-windowed sinc polyphase filter sized by a quality preset
// (resampler_filter.h). int16 and float samples, interleaved or (float) planar.
//
// Thread rules: one thread at a time. Create() allocates everything (tables, delay
// lines) and may take milliseconds: call it off the audio thread or in an
// AudioWorkletProcessor constructor. Process*, Flush*, Reset, SetRatioAdjustment and
// every query are real-time safe: no allocation, no locks, no exceptions, no clock, no
// logging, bounded work per frame. Not thread-safe: a worklet that owns the object is
// the only caller.
//
// Ownership: the caller owns every span; the resampler keeps no pointer to them.
//
// Units: *frames* count per channel, *samples* = frames x channels, rates in Hz.
//
// How it works (audio_resampler.cc):
//   1. Rates are reduced by their gcd to L/M (output/input). Output m sits at input time
//      tau_m = m * M / L (the stream is delay-compensated: output 0 is input time 0).
//   2. Input frames are written into a per-channel delay line stored twice:
//
//        slot:  0 1 2 ... H-1 | H H+1 ... 2H-1      (sample a at slot a%H and a%H + H)
//
//      so the `taps` samples of any window start at one slot and never wrap.
//   3. Fixed ratio, L small (exact mode): one table row per phase k*M mod L, stored in
//      the order the outputs read them, so the kernel walks the table linearly, and the
//      window's step after each row is looked up in a table of L entries.
//      Otherwise (interpolated mode): P+1 rows at phases 0, 1/P, ..., 1, and each output
//      interpolates linearly between the two rows around its phase; the phase is
//      tracked exactly as an integer numerator over D = L * 2^32.
//      Outputs are planned (window slot, row, fraction) up to 64 at a time, filtered
//      channel by channel up to four per kernel call (outputs sharing a window, one row
//      over several windows, or independent pairs), then written per channel.
//   4. An output is computed once its whole window [floor(tau) - half + 1,
//      floor(tau) + half] has arrived: the streaming latency is `half` input frames.
//   5. Same rate without ratio adjustment: samples are copied (bit-exact, no latency).
//
// Drift correction (SetRatioAdjustment): a resampler created with
// allow_ratio_adjustment = true runs in interpolated mode from the start and accepts a
// nudge of up to +-1000 ppm at any time. The nudge changes the phase increment only:
// the phase (the position of the next output in the input) stays continuous, so the
// waveform has no discontinuity; only its rate changes.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "resampler_filter.h"
#include "status.h"

namespace rtc_audio {

inline constexpr int32_t kMaxResamplerChannels = 8;
// Largest |ppm| SetRatioAdjustment accepts.
inline constexpr double kMaxRatioAdjustmentPpm = 1000.0;

struct AudioResamplerConfig {
  int32_t input_rate_hz = 48000;
  int32_t output_rate_hz = 48000;
  int32_t num_channels = 1;  // 1..kMaxResamplerChannels
  ResamplerQuality quality = ResamplerQuality::kMedium;
  // Enables SetRatioAdjustment (interpolated mode, slightly more work per output).
  bool allow_ratio_adjustment = false;
};

// Counts returned by every Process call.
struct ResampleCounts {
  size_t input_frames = 0;   // frames consumed from the input
  size_t output_frames = 0;  // frames written to the output
};

class AudioResampler {
 public:
  // Validates `config` and allocates. kInvalidSampleRate, kInvalidChannelCount (outside
  // 1..32, the frame rule), kResamplerTooManyChannels (9..32), kInvalidQuality.
  static StatusCode Create(const AudioResamplerConfig& config,
                           std::unique_ptr<AudioResampler>* out);

  AudioResampler(const AudioResampler&) = delete;
  AudioResampler& operator=(const AudioResampler&) = delete;
  ~AudioResampler();

  // Consumes interleaved input and writes interleaved output. Every input frame is
  // consumed as long as `output` has room for MaxOutputFrames(input frames) frames;
  // with less room, processing stops when the output is full (the counts say where).
  // Spans hold whole frames (size % channels == 0; a partial trailing frame is ignored).
  // Any mix of int16 and float: int16 converts through sample_convert.h (float =
  // int16 / 32768; float -> int16 rounds to nearest-even and saturates, no dither).
  ResampleCounts Process(std::span<const int16_t> input, std::span<int16_t> output);
  ResampleCounts Process(std::span<const float> input, std::span<float> output);
  ResampleCounts Process(std::span<const int16_t> input, std::span<float> output);
  ResampleCounts Process(std::span<const float> input, std::span<int16_t> output);
  // Planar float (AudioWorklet layout): one span per channel, num_channels spans each
  // side; every input span holds at least `input_frames` frames and every output span is
  // the output capacity (the smallest of them counts).
  ResampleCounts ProcessPlanar(std::span<const std::span<const float>> input,
                               size_t input_frames,
                               std::span<const std::span<float>> output);

  // Frames Flush still has to write: those whose input time lies within the input
  // consumed so far. With a fixed ratio, the total output since creation (or the last
  // completed flush / Reset) becomes exactly round(input x output_rate / input_rate).
  size_t PendingFlushFrames() const;
  // Writes up to PendingFlushFrames() frames (feeding silence through the filter). When
  // everything pending has been written the resampler is reset, as new. Returns frames
  // written.
  size_t Flush(std::span<int16_t> output);
  size_t Flush(std::span<float> output);
  size_t FlushPlanar(std::span<const std::span<float>> output);

  // Back to the state right after Create (the ratio adjustment is kept).
  void Reset();

  // Nudges the conversion ratio: from now on the resampler behaves as if the input rate
  // were input_rate x (1 + ppm / 1e6), i.e. positive ppm consumes input faster and
  // produces fewer output frames per input frame. |ppm| <= kMaxRatioAdjustmentPpm.
  // kInvalidRatioAdjustment for NaN or out of range; kRatioAdjustmentDisabled unless
  // the resampler was created with allow_ratio_adjustment.
  StatusCode SetRatioAdjustment(double ppm);
  // The adjustment in force, as applied: `ppm` rounded to the phase resolution
  // (1 / (M x 2^32) of the nominal step, below 0.001 ppm).
  double ratio_adjustment_ppm() const { return adjustment_ppm_; }

  // An upper bound on the frames one Process call with `input_frames` frames writes,
  // valid in any state reached through calls that were given this much output room.
  size_t MaxOutputFrames(size_t input_frames) const;
  // The fewest input frames the next Process call needs so that it can write
  // `output_frames` frames (0 when that many are already computable).
  size_t InputFramesNeeded(size_t output_frames) const;

  // Streaming latency: an input frame influences output only after `latency_input_frames`
  // further input frames have arrived (half the filter). In ms: / input rate.
  size_t latency_input_frames() const { return mode_ == Mode::kPassthrough ? 0 : half_; }
  double latency_ms() const;

  int32_t input_rate_hz() const { return config_.input_rate_hz; }
  int32_t output_rate_hz() const { return config_.output_rate_hz; }
  int32_t num_channels() const { return config_.num_channels; }
  ResamplerQuality quality() const { return config_.quality; }
  // Filter taps per output (0 in passthrough) and table rows: for tests and docs.
  size_t taps() const { return taps_; }
  size_t table_rows() const { return rows_; }
  bool is_interpolating() const { return mode_ == Mode::kInterpolated; }
  bool is_passthrough() const { return mode_ == Mode::kPassthrough; }

 private:
  enum class Mode { kPassthrough, kExact, kInterpolated };

  explicit AudioResampler(const AudioResamplerConfig& config);
  void Build();
  void SetStep(uint64_t step);
  void WriteSilence(size_t frames);
  void FilterBlock(size_t n);
  template <typename Reader, typename Writer>
  ResampleCounts Run(const Reader& read, size_t input_frames, const Writer& write,
                     size_t output_capacity, bool count_input);
  template <typename In, typename Out>
  ResampleCounts ProcessInterleaved(std::span<const In> input, std::span<Out> output);
  template <typename Writer>
  size_t FlushWith(const Writer& write, size_t output_capacity);

  AudioResamplerConfig config_;
  Mode mode_ = Mode::kPassthrough;
  size_t channels_ = 1;
  size_t taps_ = 0;
  size_t half_ = 0;
  size_t rows_ = 0;             // exact: L; interpolated: P + 1
  size_t ring_frames_ = 0;      // H
  uint64_t l_ = 1;              // output rate / gcd
  uint64_t m_ = 1;              // input rate / gcd
  uint64_t denominator_ = 1;    // D: phase units per input frame
  uint64_t step_nominal_ = 1;   // phase units per output, no adjustment
  uint64_t step_ = 1;           // phase units per output, as adjusted
  uint64_t step_whole_ = 0;     // step_ / D
  uint64_t step_rem_ = 0;       // step_ % D
  uint64_t min_step_ = 1;       // smallest step SetRatioAdjustment can set
  double phase_to_row_ = 0.0;   // interpolated: rows per phase unit (P / D)
  double adjustment_ppm_ = 0.0;

  // Streaming state.
  uint64_t phase_ = 0;      // numerator over D of the next output's fraction
  uint64_t pos_ = 0;        // delay-line index of the next output's window start
  size_t pos_slot_ = 0;     // pos_ % H
  uint64_t written_ = 0;    // delay-line index one past the newest frame
  size_t write_slot_ = 0;   // written_ % H
  size_t row_ = 0;          // exact mode: table row of the next output
  uint64_t input_total_ = 0;   // real input frames since the last reset
  uint64_t output_total_ = 0;  // output frames since the last reset

  std::vector<float> table_;  // rows_ x taps_
  std::vector<uint32_t> row_step_;  // exact mode: input frames the window moves after each row
  std::vector<float> ring_;   // channels x 2H
  std::vector<float> frame_;  // one output frame (channels), scratch for writers
  // Outputs planned per pass of Run: window slot, row (the lower of two when
  // interpolating) and interpolation fraction of each; then their filtered values,
  // channels x kBlockFrames.
  static constexpr size_t kBlockFrames = 64;
  std::array<size_t, kBlockFrames> plan_slot_{};
  std::array<const float*, kBlockFrames> plan_row_{};
  std::array<float, kBlockFrames> plan_frac_{};
  std::vector<float> block_;
};

}  // namespace rtc_audio
