#include "channel_remix.h"

#include <algorithm>
#include <cassert>

#include "audio_frame.h"

namespace rtc_audio {
namespace {

// Integer division of `sum` by `count` > 0, rounded to nearest, ties to even.
int32_t DivideRoundHalfEven(int32_t sum, int32_t count) {
  int32_t q = sum / count;
  int32_t r = sum % count;  // same sign as sum
  if (r < 0) {              // normalise to floor division so 0 <= r < count
    r += count;
    --q;
  }
  if (2 * r > count || (2 * r == count && (q & 1) != 0)) ++q;
  return q;
}

template <typename T>
size_t Remix(std::span<const T> in, int in_channels, std::span<T> out, int out_channels) {
  assert(IsOk(ValidateChannelCount(in_channels)) && IsOk(ValidateChannelCount(out_channels)));
  const auto in_ch = static_cast<size_t>(in_channels);
  const auto out_ch = static_cast<size_t>(out_channels);
  const size_t frames = std::min(in.size() / in_ch, out.size() / out_ch);

  if (in_ch == out_ch) {
    std::copy_n(in.begin(), frames * in_ch, out.begin());
    return frames;
  }
  if (in_ch < out_ch) {  // up-mix: duplicate cyclically
    for (size_t f = 0; f < frames; ++f) {
      const T* src = in.data() + f * in_ch;
      T* dst = out.data() + f * out_ch;
      for (size_t m = 0; m < out_ch; ++m) dst[m] = src[m % in_ch];
    }
    return frames;
  }
  // down-mix: average the inputs congruent to m modulo out_ch.
  for (size_t f = 0; f < frames; ++f) {
    const T* src = in.data() + f * in_ch;
    T* dst = out.data() + f * out_ch;
    for (size_t m = 0; m < out_ch; ++m) {
      if constexpr (std::is_same_v<T, int16_t>) {
        int32_t sum = 0;
        int32_t count = 0;
        for (size_t c = m; c < in_ch; c += out_ch, ++count) sum += src[c];
        dst[m] = static_cast<int16_t>(DivideRoundHalfEven(sum, count));
      } else {
        T sum = 0;
        T count = 0;
        for (size_t c = m; c < in_ch; c += out_ch, count += 1) sum += src[c];
        dst[m] = sum / count;
      }
    }
  }
  return frames;
}

}  // namespace

int RemixSourceCount(int in_channels, int out_channels, int out_channel) {
  if (in_channels <= out_channels) return 1;
  return (in_channels - out_channel + out_channels - 1) / out_channels;
}

size_t RemixChannels(std::span<const int16_t> in, int in_channels, std::span<int16_t> out,
                     int out_channels) {
  return Remix(in, in_channels, out, out_channels);
}

size_t RemixChannels(std::span<const float> in, int in_channels, std::span<float> out,
                     int out_channels) {
  return Remix(in, in_channels, out, out_channels);
}

}  // namespace rtc_audio
