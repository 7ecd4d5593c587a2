// Fuzzes the WAV parser/decoder with arbitrary bytes. Properties: never crashes or reads
// out of bounds (ASan), a successful parse describes bytes inside the input, and decode ->
// encode -> parse -> decode gives back the same samples and format.
#include <cstdint>
#include <cstdlib>
#include <span>
#include <vector>

#include "wav_codec.h"

using namespace rtc_audio;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::span<const uint8_t> bytes(data, size);
  WavInfo info;
  if (!IsOk(ParseWav(bytes, &info))) return 0;
  if (info.data_offset > size || info.data_bytes > size - info.data_offset) abort();
  if (info.data_bytes != static_cast<size_t>(info.format.bytes())) abort();
  if (!IsOk(ValidateFormat(info.format))) abort();

  std::vector<int16_t> samples(static_cast<size_t>(info.format.samples()));
  if (DecodeWavSamples(bytes, info, samples) != samples.size()) abort();

  std::vector<uint8_t> wav(WavEncodedBytes(samples.size()));
  if (!IsOk(EncodeWav(samples, info.format.sample_rate_hz, info.format.num_channels, wav))) abort();
  WavInfo again;
  if (!IsOk(ParseWav(wav, &again))) abort();
  if (again.format.sample_rate_hz != info.format.sample_rate_hz ||
      again.format.num_channels != info.format.num_channels ||
      again.format.frames_per_channel != info.format.frames_per_channel) {
    abort();
  }
  std::vector<int16_t> back(samples.size());
  DecodeWavSamples(wav, again, back);
  if (back != samples) abort();
  return 0;
}
