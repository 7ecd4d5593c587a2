// Sample conversion: the one place where int16 and float samples meet.
//
// Scale: int16 value v <-> float v / 32768, so -32768 maps to exactly -1.0f and the
// largest positive sample to 32767/32768. The int16 -> float direction is exact.
//
// float -> int16 (FloatToS16): multiply by 32768, then round to nearest with ties to even
// (the IEEE default, the same as wasm's f32.nearest and x86's cvtss2si), then saturate to
// [-32768, 32767]. NaN becomes 0. The float path never relies on flush-to-zero, fast-math
// or the current rounding mode: the rounding is done explicitly below.
//
// Thread-safety: pure functions; real-time safe (no allocation, no locks).
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <span>

namespace rtc_audio {

inline constexpr float kS16ToFloatScale = 1.0f / 32768.0f;
inline constexpr float kFloatToS16Scale = 32768.0f;

constexpr float S16ToFloat(int16_t v) { return static_cast<float>(v) * kS16ToFloatScale; }

// Rounds x (already scaled to the int16 range) to the nearest integer, ties to even,
// saturating to int16. Written without std::nearbyint so it does not depend on the
// floating-point environment.
inline int16_t RoundSaturateToS16(float x) {
  // Saturate first (this also maps +-inf; NaN becomes 0): then |c| <= 32768 and every
  // conversion below is exact and in range. Selects, not branches: on real audio a branch
  // on the fraction mispredicts about half the time, and selects let loops vectorise.
  const float s = x < -32768.0f ? -32768.0f : (x > 32767.0f ? 32767.0f : x);
  const float c = x == x ? s : 0.0f;
  // Truncate toward zero (exact: |c| <= 32768) rather than std::floor, which SSE2 (the
  // native x86-64 baseline) has no instruction for: this form vectorises on SSE2 and
  // wasm_simd128 alike. The remainder is exact too.
  const auto t = static_cast<int32_t>(c);
  const float frac = c - static_cast<float>(t);  // in (-1, 1), the sign of c
  // One away from zero when |frac| > 0.5, or when |frac| == 0.5 and t is odd (ties to
  // even); c in [-32768, 32767] keeps the result in range.
  const int32_t odd = t & 1;
  const int32_t up = static_cast<int32_t>(frac > 0.5f) | (static_cast<int32_t>(frac == 0.5f) & odd);
  const int32_t down =
      static_cast<int32_t>(frac < -0.5f) | (static_cast<int32_t>(frac == -0.5f) & odd);
  return static_cast<int16_t>(t + up - down);
}

inline int16_t FloatToS16(float v) { return RoundSaturateToS16(v * kFloatToS16Scale); }

// Saturating int32 -> int16 (for integer accumulators, e.g. the mixer).
constexpr int16_t SaturateToS16(int32_t v) {
  return static_cast<int16_t>(v > 32767 ? 32767 : (v < -32768 ? -32768 : v));
}

// Bulk forms. Both spans must have the same size; returns the number of samples converted
// (the smaller of the two sizes).
inline size_t S16ToFloat(std::span<const int16_t> in, std::span<float> out) {
  const size_t n = in.size() < out.size() ? in.size() : out.size();
  for (size_t i = 0; i < n; ++i) out[i] = S16ToFloat(in[i]);
  return n;
}

inline size_t FloatToS16(std::span<const float> in, std::span<int16_t> out) {
  const size_t n = in.size() < out.size() ? in.size() : out.size();
  for (size_t i = 0; i < n; ++i) out[i] = FloatToS16(in[i]);
  return n;
}

}  // namespace rtc_audio
