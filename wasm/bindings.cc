// The embind facade: the only file that knows about Emscripten.
//
// Everything here is a thin adapter over src/. Buffers cross the boundary as byte offsets
// into the wasm heap (uintptr_t) plus element counts: the JS shim allocates with
// _malloc, copies in, calls, copies out and frees, and never caches a heap view across a
// call (memory may grow). Numbers arrive as JS doubles and are checked here, so a
// non-integer, NaN or out-of-range value becomes a StatusCode, never a wasm trap or an
// embind conversion error.
#include <emscripten/bind.h>

#include <cmath>
#include <cstdint>
#include <span>

#include "audio_core.h"

namespace rtc_audio {
namespace {

// Exactly representable integer within +/-2^53, or nullopt-like false.
bool ToInt64(double v, int64_t* out) {
  if (!std::isfinite(v) || std::trunc(v) != v || std::fabs(v) > 9007199254740991.0) {
    return false;
  }
  *out = static_cast<int64_t>(v);
  return true;
}

template <typename T>
T* HeapPtr(uintptr_t offset) {
  return reinterpret_cast<T*>(offset);
}

int Code(StatusCode s) { return static_cast<int>(s); }

// Validates each parameter as SPEC.md orders them; see audio_frame.h.
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
  return Code(ValidateFrame(
      FrameFormat{static_cast<int32_t>(r), static_cast<int32_t>(c), f}, b));
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

int EncodeWavFacade(uintptr_t samples, double sample_count, int rate, int channels,
                    uintptr_t out, double out_bytes) {
  const auto n = static_cast<size_t>(sample_count);
  return Code(EncodeWav(std::span<const int16_t>(HeapPtr<const int16_t>(samples), n), rate,
                        channels,
                        std::span<uint8_t>(HeapPtr<uint8_t>(out),
                                           static_cast<size_t>(out_bytes))));
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
      std::span<const uint8_t>(HeapPtr<const uint8_t>(bytes), static_cast<size_t>(length)),
      &info));
  if (js.status == 0) {
    js.sampleRate = info.format.sample_rate_hz;
    js.numChannels = info.format.num_channels;
    js.samplesPerChannel = static_cast<double>(info.format.frames_per_channel);
    js.dataOffset = static_cast<double>(info.data_offset);
    js.dataBytes = static_cast<double>(info.data_bytes);
  }
  return js;
}

// Parses again and decodes into `out` (room for `out_samples` int16); returns samples
// written, or -status on a parse error.
double DecodeWavFacade(uintptr_t bytes, double length, uintptr_t out, double out_samples) {
  std::span<const uint8_t> in(HeapPtr<const uint8_t>(bytes), static_cast<size_t>(length));
  WavInfo info;
  if (auto s = ParseWav(in, &info); !IsOk(s)) return -Code(s);
  return static_cast<double>(DecodeWavSamples(
      in, info,
      std::span<int16_t>(HeapPtr<int16_t>(out), static_cast<size_t>(out_samples))));
}

double RemixS16Facade(uintptr_t in, double in_samples, int in_channels, uintptr_t out,
                      double out_samples, int out_channels) {
  return static_cast<double>(RemixChannels(
      std::span<const int16_t>(HeapPtr<const int16_t>(in), static_cast<size_t>(in_samples)),
      in_channels,
      std::span<int16_t>(HeapPtr<int16_t>(out), static_cast<size_t>(out_samples)),
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

double SpscRingBytesFacade(double capacity, int element_bytes) {
  return static_cast<double>(
      SpscRingBytes(static_cast<size_t>(capacity), static_cast<size_t>(element_bytes)));
}

// An int16 SpscRing over heap memory the JS side allocated (tests use it to check that
// the JS ring in js/spsc-ring.js and this one agree on the layout).
class SpscRingS16Facade {
 public:
  // Returns a StatusCode; initialize=true zeroes the indices first.
  int Attach(uintptr_t storage, double bytes, double capacity, bool initialize) {
    std::span<std::byte> mem(HeapPtr<std::byte>(storage), static_cast<size_t>(bytes));
    const auto cap = static_cast<size_t>(capacity);
    return Code(initialize ? SpscRing<int16_t>::Initialize(mem, cap, &ring_)
                           : SpscRing<int16_t>::Attach(mem, cap, &ring_));
  }
  double Push(uintptr_t items, double count) {
    return static_cast<double>(ring_.Push(
        std::span<const int16_t>(HeapPtr<const int16_t>(items), static_cast<size_t>(count))));
  }
  double Pop(uintptr_t out, double count) {
    return static_cast<double>(
        ring_.Pop(std::span<int16_t>(HeapPtr<int16_t>(out), static_cast<size_t>(count))));
  }
  double AvailableRead() const { return static_cast<double>(ring_.AvailableRead()); }
  double AvailableWrite() const { return static_cast<double>(ring_.AvailableWrite()); }
  double Capacity() const { return static_cast<double>(ring_.Capacity()); }

 private:
  SpscRing<int16_t> ring_;
};

}  // namespace
}  // namespace rtc_audio

EMSCRIPTEN_BINDINGS(rtc_audio_core) {
  using namespace emscripten;
  using namespace rtc_audio;

  constant("MIN_SAMPLE_RATE", kMinSampleRateHz);
  constant("MAX_SAMPLE_RATE", kMaxSampleRateHz);
  constant("MAX_CHANNELS", kMaxChannels);
  constant("MAX_SAMPLES_PER_CHANNEL", static_cast<double>(kMaxFramesPerChannel));
  constant("WAV_HEADER_BYTES", static_cast<int>(kWavHeaderBytes));
  constant("SPSC_RING_HEADER_BYTES", static_cast<int>(kSpscRingHeaderBytes));

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
  function("s16ToFloat", &S16ToFloatFacade);
  function("floatToS16", &FloatToS16Facade);

  function("spscRingBytes", &SpscRingBytesFacade);
  class_<SpscRingS16Facade>("SpscRingS16")
      .constructor<>()
      .function("attach", &SpscRingS16Facade::Attach)
      .function("push", &SpscRingS16Facade::Push)
      .function("pop", &SpscRingS16Facade::Pop)
      .function("availableRead", &SpscRingS16Facade::AvailableRead)
      .function("availableWrite", &SpscRingS16Facade::AvailableWrite)
      .function("capacity", &SpscRingS16Facade::Capacity);
}
