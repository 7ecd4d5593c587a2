// Channel remix: N interleaved channels -> M interleaved channels, one rule everywhere.
//
//   N == M : copy.
//   N >  M : down-mix; output channel m is the average of the input channels c with
//            c % M == m (so N -> 1 averages all channels, 4 -> 2 gives L=(c0+c2)/2,
//            R=(c1+c3)/2).
//   N <  M : up-mix; output channel m duplicates input channel m % N (so 1 -> M copies
//            the mono channel everywhere, 2 -> 4 gives L R L R).
//
// Averages are exact sums divided by the count. The int16 form rounds the quotient to
// nearest with ties to even (the same rounding as FloatToS16) and cannot overflow (the
// average of int16 values is an int16). The float form divides in float.
//
// Thread-safety: pure functions; real-time safe. Channel counts must be 1..kMaxChannels
// (checked in debug builds; callers validate configuration up front).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

namespace rtc_audio {

// Number of input channels that feed output channel `out_channel` (1 when up-mixing or
// copying).
int RemixSourceCount(int in_channels, int out_channels, int out_channel);

// Remixes whole frames: converts min(in.size() / in_channels, out.size() / out_channels)
// frames and returns that frame count. `in` and `out` must not overlap.
size_t RemixChannels(std::span<const int16_t> in, int in_channels, std::span<int16_t> out,
                     int out_channels);
size_t RemixChannels(std::span<const float> in, int in_channels, std::span<float> out,
                     int out_channels);

}  // namespace rtc_audio
