// Resampler filter design: the quality presets and the Kaiser-windowed sinc prototype
// behind every polyphase table of AudioResampler.
//
// All frequencies here are relative to the lower of the two sample rates' Nyquist
// frequency ("lower Nyquist"): 48 kHz -> 16 kHz has a lower Nyquist of 8 kHz. A preset
// keeps the band [0, passband_fraction] (gain error below the Kaiser ripple), rejects
// everything from stopband_fraction up by at least attenuation_db, and lets the
// transition band in between fold only into itself: stopband_fraction = 2 -
// passband_fraction, so an alias of an input tone can land in
// [passband_fraction, 1] x lower Nyquist but never in the passband.
//
// Thread-safety: pure functions and constant tables. Not real-time safe in the sense that
// DesignPrototype is meant for construction (it is O(rows x taps) and allocation-free
// itself: the caller owns the output span).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

namespace rtc_audio {

// Values are part of the wasm ABI (js/audio-resampler.js mirrors them): append only.
enum class ResamplerQuality : int32_t {
  kQuick = 0,
  kLow = 1,
  kMedium = 2,
  kHigh = 3,
  kVeryHigh = 4,
};

inline constexpr int32_t kResamplerQualityCount = 5;

struct ResamplerPreset {
  double passband_fraction;  // of the lower Nyquist: gain within +-0.1 dB up to here
  // Where the Kaiser design's own passband (ripple <= its attenuation) ends. Below
  // passband_fraction: the +-0.1 dB promise does not need the filter flat to 1e-5, and
  // the wider transition band this leaves costs fewer taps.
  double design_passband_fraction;
  double stopband_fraction;  // of the lower Nyquist: where rejection >= attenuation_db starts
  double attenuation_db;     // Kaiser design target (stopband and passband ripple)
  int32_t interpolated_phases;  // table rows for the variable-ratio (interpolating) kernel
};

// The design targets of each preset (docs/RESAMPLER.md lists the measured figures).
const ResamplerPreset& PresetFor(ResamplerQuality quality);

// True for the five defined values.
bool IsValidQuality(int32_t quality);

// Kaiser's estimate of the window length for `attenuation_db` over a transition of
// `transition_width` (cycles per input sample), rounded up to a multiple of `multiple`.
size_t KaiserTapCount(double attenuation_db, double transition_width, size_t multiple);

// Kaiser's beta for `attenuation_db`.
double KaiserBeta(double attenuation_db);

// Zeroth-order modified Bessel function of the first kind (power series; x >= 0).
double BesselI0(double x);

// The continuous prototype: a sinc with cutoff `cutoff` (cycles per input sample) under a
// Kaiser window of half-width `half_width` input samples, evaluated at `t` input samples
// from its centre. Zero for |t| > half_width.
double PrototypeAt(double t, double cutoff, double half_width, double beta);

// Fills one polyphase row: coefficient j weights input sample (window start + j) for an
// output at fractional position `phase` in [0, 1] past input sample (window start +
// half - 1), where half = row.size() / 2. The row is scaled so its coefficients sum to 1
// (unity DC gain for every phase).
void DesignRow(double phase, double cutoff, double beta, std::span<float> row);

}  // namespace rtc_audio
