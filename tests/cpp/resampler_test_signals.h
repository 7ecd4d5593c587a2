// Shared test signals and measurements for the resampler tests (double precision).
//
//   RunResampler  push a float signal through in chunks, then flush
//   FitTone       least-squares fit of a*sin + b*cos + c at a known frequency
//   ToneMetrics   gain (dB) and THD+N (dB: residual power / tone power) of a steady tone
#pragma once

#include <cmath>
#include <cstdint>
#include <memory>
#include <numbers>
#include <vector>

#include "audio_resampler.h"

namespace rtc_audio::test {

inline std::vector<float> Tone(double freq_hz, double rate_hz, size_t frames, double amplitude,
                               size_t channels = 1) {
  std::vector<float> out(frames * channels);
  for (size_t i = 0; i < frames; ++i) {
    const double v =
        amplitude * std::sin(2.0 * std::numbers::pi * freq_hz * static_cast<double>(i) / rate_hz);
    for (size_t c = 0; c < channels; ++c) out[i * channels + c] = static_cast<float>(v);
  }
  return out;
}

inline std::unique_ptr<AudioResampler> Make(int32_t in_hz, int32_t out_hz,
                                            ResamplerQuality q = ResamplerQuality::kMedium,
                                            int32_t channels = 1, bool adjustable = false) {
  std::unique_ptr<AudioResampler> r;
  AudioResamplerConfig config{in_hz, out_hz, channels, q, adjustable};
  if (!IsOk(AudioResampler::Create(config, &r))) return nullptr;
  return r;
}

// Pushes `input` (interleaved) in chunks of `chunk_frames`, then flushes. Output room per
// call is MaxOutputFrames, so every frame is consumed.
template <typename T>
std::vector<T> RunResampler(AudioResampler& r, const std::vector<T>& input, size_t chunk_frames) {
  const auto ch = static_cast<size_t>(r.num_channels());
  const size_t frames = input.size() / ch;
  std::vector<T> out;
  std::vector<T> buf;
  for (size_t pos = 0; pos < frames; pos += chunk_frames) {
    const size_t n = pos + chunk_frames <= frames ? chunk_frames : frames - pos;
    buf.assign(r.MaxOutputFrames(n) * ch, T{});
    const ResampleCounts got = r.Process(std::span<const T>(input).subspan(pos * ch, n * ch),
                                         std::span<T>(buf));
    out.insert(out.end(), buf.begin(), buf.begin() + static_cast<long>(got.output_frames * ch));
  }
  buf.assign(r.PendingFlushFrames() * ch, T{});
  const size_t flushed = r.Flush(std::span<T>(buf));
  out.insert(out.end(), buf.begin(), buf.begin() + static_cast<long>(flushed * ch));
  return out;
}

struct ToneFit {
  double amplitude = 0;       // of the fitted sinusoid
  double residual_rms = 0;    // of what the fit leaves (noise, distortion, aliases)
  double total_rms = 0;       // of the segment
};

// Fits a*sin(w n) + b*cos(w n) + c over x[begin, end) (every `stride`-th sample starting
// at `offset`, for interleaved data), w = 2 pi freq / rate.
template <typename T>
ToneFit FitTone(const std::vector<T>& x, double scale, double freq_hz, double rate_hz,
                size_t begin, size_t end, size_t stride = 1, size_t offset = 0) {
  const double w = 2.0 * std::numbers::pi * freq_hz / rate_hz;
  double m[3][4] = {};
  for (size_t n = begin; n < end; ++n) {
    const double v = static_cast<double>(x[n * stride + offset]) * scale;
    const double b[3] = {std::sin(w * static_cast<double>(n)), std::cos(w * static_cast<double>(n)),
                         1.0};
    for (int i = 0; i < 3; ++i) {
      for (int j = 0; j < 3; ++j) m[i][j] += b[i] * b[j];
      m[i][3] += b[i] * v;
    }
  }
  // Gaussian elimination with partial pivoting on the 3x3 normal equations.
  for (int i = 0; i < 3; ++i) {
    int p = i;
    for (int k = i + 1; k < 3; ++k) {
      if (std::fabs(m[k][i]) > std::fabs(m[p][i])) p = k;
    }
    for (int j = 0; j < 4; ++j) std::swap(m[i][j], m[p][j]);
    for (int k = 0; k < 3; ++k) {
      if (k == i || m[i][i] == 0.0) continue;
      const double f = m[k][i] / m[i][i];
      for (int j = 0; j < 4; ++j) m[k][j] -= f * m[i][j];
    }
  }
  const double a = m[0][3] / m[0][0];
  const double bcoef = m[1][3] / m[1][1];
  const double c = m[2][3] / m[2][2];
  double res = 0;
  double tot = 0;
  for (size_t n = begin; n < end; ++n) {
    const double v = static_cast<double>(x[n * stride + offset]) * scale;
    const double fit = a * std::sin(w * static_cast<double>(n)) +
                       bcoef * std::cos(w * static_cast<double>(n)) + c;
    res += (v - fit) * (v - fit);
    tot += v * v;
  }
  const double count = static_cast<double>(end - begin);
  return {std::hypot(a, bcoef), std::sqrt(res / count), std::sqrt(tot / count)};
}

inline double Db(double ratio) { return 20.0 * std::log10(ratio); }

// The steady part of an output of `frames` frames: skips the filter's start-up and the
// flushed tail (twice the latency in output frames, plus a margin).
struct Segment {
  size_t begin;
  size_t end;
};
inline Segment SteadySegment(const AudioResampler& r, size_t frames) {
  const double out_per_in =
      static_cast<double>(r.output_rate_hz()) / static_cast<double>(r.input_rate_hz());
  const auto skip =
      static_cast<size_t>(2.0 * static_cast<double>(r.latency_input_frames()) * out_per_in) + 16;
  return {skip, frames > 2 * skip ? frames - skip : skip};
}

}  // namespace rtc_audio::test
