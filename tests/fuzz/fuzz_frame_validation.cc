// Fuzzes frame validation, channel remix and concatenation with arbitrary formats.
// Properties: ValidateFrame agrees with the rules written out independently here, in
// their documented order; remix and concat never touch memory outside their spans and
// conserve frame counts.
#include <cstdint>
#include <cstdlib>
#include <vector>

#include "audio_frame.h"
#include "channel_remix.h"
#include "frame_concat.h"
#include "fuzz_input.h"

using namespace rtc_audio;
using rtc_audio::fuzz::FuzzInput;

namespace {

StatusCode Expected(int64_t rate, int64_t ch, int64_t frames, int64_t bytes) {
  if (rate < 1000 || rate > 768000) return StatusCode::kInvalidSampleRate;
  if (ch < 1 || ch > 32) return StatusCode::kInvalidChannelCount;
  if (frames < 0 || frames > kMaxFramesPerChannel) return StatusCode::kInvalidFrameCount;
  if (bytes < ch * frames * 2) return StatusCode::kDataTooShort;
  if (bytes % 2 != 0) return StatusCode::kOddByteLength;
  return StatusCode::kOk;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  FuzzInput in(data, size);
  // Validation over the whole int32/int64 domain.
  const auto rate = in.Take<int32_t>();
  const auto ch = in.Take<int32_t>();
  const auto frames = in.Take<int64_t>() >> in.Range(0, 63);
  const auto bytes = in.Take<int64_t>() >> in.Range(0, 63);
  if (ValidateFrame(FrameFormat{rate, ch, frames}, bytes) != Expected(rate, ch, frames, bytes)) {
    abort();
  }

  // Remix between arbitrary legal channel counts over odd-sized spans.
  const auto in_ch = static_cast<int>(in.Range(1, 32));
  const auto out_ch = static_cast<int>(in.Range(1, 32));
  std::vector<int16_t> src(in.Range(0, 300));
  for (auto& s : src) s = in.Take<int16_t>();
  std::vector<int16_t> dst(in.Range(0, 300));
  const size_t n = RemixChannels(std::span<const int16_t>(src), in_ch, std::span<int16_t>(dst), out_ch);
  if (n != std::min(src.size() / static_cast<size_t>(in_ch), dst.size() / static_cast<size_t>(out_ch))) {
    abort();
  }

  // Concatenate a few frames with random (possibly mismatched) formats.
  std::vector<std::vector<int16_t>> storage;
  std::vector<FrameView> views;
  const uint32_t count = in.Range(0, 6);
  for (uint32_t i = 0; i < count; ++i) {
    FrameFormat f{static_cast<int32_t>(in.Range(0, 1) ? 16000 : 48000),
                  static_cast<int32_t>(in.Range(1, 3)), in.Range(0, 40)};
    storage.emplace_back(static_cast<size_t>(f.samples()), static_cast<int16_t>(i));
    views.push_back({f, storage.back()});
  }
  std::vector<int16_t> out(in.Range(0, 400));
  const ConcatResult r = ConcatFrames(views, out);
  if (IsOk(r.status)) {
    int64_t total = 0;
    for (const auto& v : views) total += v.format.frames_per_channel;
    if (r.format.frames_per_channel != total) abort();
  }
  return 0;
}
