#include "resampler_filter.h"

#include <cmath>
#include <numbers>

namespace rtc_audio {
namespace {

// Passband (+-0.1 dB) / Kaiser passband / stopband / attenuation / interpolated phases per
// preset. The stopband edge is 2 - passband, so aliases never reach the passband; the
// attenuation carries a few dB of margin over the figure each preset promises, and the
// Kaiser passband edge was chosen (by evaluating the designed response) as far down as
// keeps the gain at passband_fraction within -0.07 dB. docs/RESAMPLER.md has the
// measured figures.
constexpr ResamplerPreset kPresets[kResamplerQualityCount] = {
    {0.70, 0.63, 1.30, 70.0, 64},     // kQuick
    {0.80, 0.75, 1.20, 84.0, 128},    // kLow
    {0.90, 0.87, 1.10, 104.0, 512},   // kMedium
    {0.90, 0.87, 1.10, 122.0, 1024},  // kHigh
    {0.90, 0.86, 1.10, 140.0, 2048},  // kVeryHigh
};

}  // namespace

const ResamplerPreset& PresetFor(ResamplerQuality quality) {
  return kPresets[static_cast<size_t>(quality)];
}

bool IsValidQuality(int32_t quality) { return quality >= 0 && quality < kResamplerQualityCount; }

size_t KaiserTapCount(double attenuation_db, double transition_width, size_t multiple) {
  const double n = (attenuation_db - 7.95) / (14.36 * transition_width) + 1.0;
  auto taps = static_cast<size_t>(std::ceil(n));
  taps = (taps + multiple - 1) / multiple * multiple;
  return taps < multiple ? multiple : taps;
}

double KaiserBeta(double attenuation_db) {
  if (attenuation_db > 50.0) return 0.1102 * (attenuation_db - 8.7);
  if (attenuation_db >= 21.0) {
    return 0.5842 * std::pow(attenuation_db - 21.0, 0.4) + 0.07886 * (attenuation_db - 21.0);
  }
  return 0.0;
}

double BesselI0(double x) {
  // sum_k ((x/2)^k / k!)^2, until the term no longer changes the sum.
  const double half_x = x / 2.0;
  double term = 1.0;
  double sum = 1.0;
  for (int k = 1; k < 500; ++k) {
    term *= half_x / k;
    const double add = term * term;
    sum += add;
    if (add < sum * 1e-17) break;
  }
  return sum;
}

double PrototypeAt(double t, double cutoff, double half_width, double beta) {
  const double r = t / half_width;
  if (r <= -1.0 || r >= 1.0) return 0.0;
  const double x = 2.0 * cutoff * t;
  const double sinc =
      x == 0.0 ? 1.0 : std::sin(std::numbers::pi * x) / (std::numbers::pi * x);
  const double window = BesselI0(beta * std::sqrt(1.0 - r * r)) / BesselI0(beta);
  return 2.0 * cutoff * sinc * window;
}

void DesignRow(double phase, double cutoff, double beta, std::span<float> row) {
  const size_t taps = row.size();
  const double half = static_cast<double>(taps / 2);
  // A hair wider than the taps so the outermost coefficient of phase 0 / phase 1 is not
  // exactly on the window's edge (where it would be cut to zero for one phase only).
  const double half_width = half + 0.5;
  double sum = 0.0;
  for (size_t j = 0; j < taps; ++j) {
    const double t = phase + half - 1.0 - static_cast<double>(j);
    sum += PrototypeAt(t, cutoff, half_width, beta);
  }
  const double scale = sum != 0.0 ? 1.0 / sum : 1.0;
  for (size_t j = 0; j < taps; ++j) {
    const double t = phase + half - 1.0 - static_cast<double>(j);
    row[j] = static_cast<float>(PrototypeAt(t, cutoff, half_width, beta) * scale);
  }
}

}  // namespace rtc_audio
