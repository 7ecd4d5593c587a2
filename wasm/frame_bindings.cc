// embind facade for frames: validation, WAV, remix and sample conversion (src/).
// Conventions for heap offsets and numbers: facade_util.h.
#include <emscripten/bind.h>

#include <span>

#include "audio_core.h"
#include "facade_util.h"

namespace rtc_audio::facade {
namespace {

// Validates each parameter in the order SPEC.md gives (see audio_frame.h).
int ValidateFrameFacade(double rate, double channels, double frames, double byte_length) {
  int64_t r = 0;
  int64_t c = 0;
  int64_t f = 0;
  int64_t b = 0;
  if (!ToInt64(rate, &r)) return Code(StatusCode::kInvalidSampleRate);
  if (auto s = ValidateSampleRate(r); !IsOk(s)) return Code(s);
  if (!ToInt64(channels, &c)) return Code(StatusCode::kInvalidChannelCount);
  if (auto s = ValidateChannelCount(c); !IsOk(s)) return Code(s);
  if (!ToInt64(frames, &f)) return Code(StatusCode::kInvalidFrameCount);
  if (auto s = ValidateFrameCount(f); !IsOk(s)) return Code(s);
  if (!ToInt64(byte_length, &b)) return Code(StatusCode::kDataTooShort);
  return Code(ValidateFrame(FrameFormat{static_cast<int32_t>(r), static_cast<int32_t>(c), f}, b));
}

int ValidateSampleRateFacade(double rate) {
  int64_t r = 0;
  if (!ToInt64(rate, &r)) return Code(StatusCode::kInvalidSampleRate);
  return Code(ValidateSampleRate(r));
}

int ValidateChannelCountFacade(double channels) {
  int64_t c = 0;
  if (!ToInt64(channels, &c)) return Code(StatusCode::kInvalidChannelCount);
  return Code(ValidateChannelCount(c));
}

// Encodes `sample_count` samples at heap offset `samples` into `out` (which may be
// samples - 44: the encoder reads each sample before it writes the same bytes).
int EncodeWavFacade(uintptr_t samples, double sample_count, int rate, int channels,
                    uintptr_t out, double out_bytes) {
  const auto n = static_cast<size_t>(sample_count);
  return Code(EncodeWav(std::span<const int16_t>(HeapPtr<const int16_t>(samples), n), rate,
                        channels,
                        std::span<uint8_t>(HeapPtr<uint8_t>(out), static_cast<size_t>(out_bytes))));
}

struct WavInfoJs {
  int status = 0;
  int sampleRate = 0;
  int numChannels = 0;
  double samplesPerChannel = 0;
  double dataOffset = 0;
  double dataBytes = 0;
};

WavInfoJs ParseWavFacade(uintptr_t bytes, double length) {
  WavInfo info;
  WavInfoJs js;
  js.status = Code(ParseWav(
      std::span<const uint8_t>(HeapPtr<const uint8_t>(bytes), static_cast<size_t>(length)), &info));
  if (js.status == 0) {
    js.sampleRate = info.format.sample_rate_hz;
    js.numChannels = info.format.num_channels;
    js.samplesPerChannel = static_cast<double>(info.format.frames_per_channel);
    js.dataOffset = static_cast<double>(info.data_offset);
    js.dataBytes = static_cast<double>(info.data_bytes);
  }
  return js;
}

// Parses again and decodes into `out` (room for `out_samples` int16); returns the samples
// written, or -status on a parse error.
double DecodeWavFacade(uintptr_t bytes, double length, uintptr_t out, double out_samples) {
  std::span<const uint8_t> in(HeapPtr<const uint8_t>(bytes), static_cast<size_t>(length));
  WavInfo info;
  if (auto s = ParseWav(in, &info); !IsOk(s)) return -Code(s);
  return static_cast<double>(DecodeWavSamples(
      in, info, std::span<int16_t>(HeapPtr<int16_t>(out), static_cast<size_t>(out_samples))));
}

double RemixS16Facade(uintptr_t in, double in_samples, int in_channels, uintptr_t out,
                      double out_samples, int out_channels) {
  return static_cast<double>(RemixChannels(
      std::span<const int16_t>(HeapPtr<const int16_t>(in), static_cast<size_t>(in_samples)),
      in_channels, std::span<int16_t>(HeapPtr<int16_t>(out), static_cast<size_t>(out_samples)),
      out_channels));
}

double RemixF32Facade(uintptr_t in, double in_samples, int in_channels, uintptr_t out,
                      double out_samples, int out_channels) {
  return static_cast<double>(RemixChannels(
      std::span<const float>(HeapPtr<const float>(in), static_cast<size_t>(in_samples)),
      in_channels, std::span<float>(HeapPtr<float>(out), static_cast<size_t>(out_samples)),
      out_channels));
}

double S16ToFloatFacade(uintptr_t in, double count, uintptr_t out) {
  const auto n = static_cast<size_t>(count);
  return static_cast<double>(S16ToFloat(std::span<const int16_t>(HeapPtr<const int16_t>(in), n),
                                        std::span<float>(HeapPtr<float>(out), n)));
}

double FloatToS16Facade(uintptr_t in, double count, uintptr_t out) {
  const auto n = static_cast<size_t>(count);
  return static_cast<double>(FloatToS16(std::span<const float>(HeapPtr<const float>(in), n),
                                        std::span<int16_t>(HeapPtr<int16_t>(out), n)));
}

}  // namespace
}  // namespace rtc_audio::facade

EMSCRIPTEN_BINDINGS(rtc_audio_frame) {
  using namespace emscripten;
  using namespace rtc_audio;
  using namespace rtc_audio::facade;

  constant("MIN_SAMPLE_RATE", kMinSampleRateHz);
  constant("MAX_SAMPLE_RATE", kMaxSampleRateHz);
  constant("MAX_CHANNELS", kMaxChannels);
  constant("MAX_SAMPLES_PER_CHANNEL", static_cast<double>(kMaxFramesPerChannel));
  constant("WAV_HEADER_BYTES", static_cast<int>(kWavHeaderBytes));

  function("validateFrame", &ValidateFrameFacade);
  function("validateSampleRate", &ValidateSampleRateFacade);
  function("validateChannelCount", &ValidateChannelCountFacade);

  value_object<WavInfoJs>("WavInfo")
      .field("status", &WavInfoJs::status)
      .field("sampleRate", &WavInfoJs::sampleRate)
      .field("numChannels", &WavInfoJs::numChannels)
      .field("samplesPerChannel", &WavInfoJs::samplesPerChannel)
      .field("dataOffset", &WavInfoJs::dataOffset)
      .field("dataBytes", &WavInfoJs::dataBytes);
  function("encodeWav", &EncodeWavFacade);
  function("parseWav", &ParseWavFacade);
  function("decodeWav", &DecodeWavFacade);

  function("remixS16", &RemixS16Facade);
  function("remixF32", &RemixF32Facade);
  function("s16ToFloat", &S16ToFloatFacade);
  function("floatToS16", &FloatToS16Facade);
}
