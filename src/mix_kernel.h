// Mix kernel: saturating int16 accumulation over N inputs.
//
//   out[i] = SaturateToS16( in_0[i] + in_1[i] + ... + in_{N-1}[i] )   for 0 <= i < out.size()
//
// where in_k[i] is 0 past the end of input k: a short input contributes its samples, then
// silence (the mixer relies on this for an input that missed its timeout with a partial
// block). The sum is exact -- int32, which cannot overflow for at most kMaxMixInputs
// inputs -- and it is saturated once, at the end, not after each addition: 30000 + 30000
// - 30000 mixes to 30000, not to 32767 - 30000. The kernel knows nothing of channels:
// interleaved frames of any channel count mix sample by sample.
//
// Two implementations with identical output:
//   MixS16Scalar  the readable specification; built everywhere.
//   MixS16Simd    wasm_simd128 (mix_kernel_simd.cc); declared and built only when
//                 __wasm_simd128__ is defined. Eight samples at a time: each input's
//                 eight int16 are sign-extended to two i32x4 halves and added; the two
//                 sums are narrowed back with i16x8.narrow_i32x4_s, which saturates.
// MixS16 is the one callers use: the SIMD kernel where it was compiled in, else scalar.
// tests/cpp/mix_kernel_test.cc checks the scalar kernel against a plain int64 reference;
// tests/js/audio-mixer.test.js checks the two kernels against each other in the wasm build.
//
// Thread-safety: pure functions over caller memory. Real-time safe: no allocation, no
// locks, no clock. `out` must not overlap any input (inputs may overlap each other).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

namespace rtc_audio {

// The most inputs one call mixes: 65536 x (-32768) = -2^31 still fits an int32 sum.
inline constexpr size_t kMaxMixInputs = size_t{1} << 16;

// Mixes `inputs` into every sample of `out` and returns out.size() (samples written).
// More than kMaxMixInputs inputs: writes nothing and returns 0. No inputs: silence.
size_t MixS16Scalar(std::span<const std::span<const int16_t>> inputs, std::span<int16_t> out);

#if defined(__wasm_simd128__)
// Same contract and output as MixS16Scalar.
size_t MixS16Simd(std::span<const std::span<const int16_t>> inputs, std::span<int16_t> out);
#endif

// MixS16Simd when built with wasm_simd128, else MixS16Scalar.
size_t MixS16(std::span<const std::span<const int16_t>> inputs, std::span<int16_t> out);

namespace mix_internal {
// The scalar kernel over out[first, out.size()): the SIMD kernel's tail. Expects
// inputs.size() <= kMaxMixInputs (the callers check).
void MixS16ScalarFrom(std::span<const std::span<const int16_t>> inputs, std::span<int16_t> out,
                      size_t first);
}  // namespace mix_internal

}  // namespace rtc_audio
