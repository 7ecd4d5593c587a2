// Fuzzes BlockMixer (the core of AudioMixer) with any configuration and any sequence of
// AddInput / RemoveInput (known and unknown ids) / Push (any length, partial frames) /
// MixBlock (enough room or not), against a reference of one std::deque per input.
// Properties: ValidateConfig follows its documented rules; Push appends exactly the whole
// frames that fit in two blocks; MixBlock writes one block that is each input's next
// min(buffered, block) frames plus silence, summed and saturated once, and consumes
// exactly that (sample conservation); unknown ids are ignored; ids are reused.
#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <deque>
#include <map>
#include <span>
#include <vector>

#include "block_mixer.h"
#include "fuzz_input.h"

using namespace rtc_audio;
using rtc_audio::fuzz::FuzzInput;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  FuzzInput in(data, size);
  // Validation over the whole int64 range first, then a small valid configuration.
  const auto any_ch = in.Take<int64_t>();
  const auto any_block = in.Take<int64_t>();
  const StatusCode s = BlockMixer::ValidateConfig(any_ch, any_block);
  __extension__ const StatusCode want = any_ch < 1 || any_ch > 32 ? StatusCode::kInvalidChannelCount
                          : any_block < 1 ||
                                  static_cast<__int128>(any_block) * any_ch > kMaxMixBlockSamples
                              ? StatusCode::kInvalidFrameCount
                              : StatusCode::kOk;
  if (s != want) abort();

  const int ch = static_cast<int>(in.Range(1, 8));
  const size_t block = in.Range(1, 300);
  if (!IsOk(BlockMixer::ValidateConfig(ch, static_cast<int64_t>(block)))) abort();
  BlockMixer mixer(ch, block);
  const size_t chs = static_cast<size_t>(ch);
  const size_t block_samples = block * chs;

  std::map<int, std::deque<int16_t>> reference;  // id -> buffered samples
  std::vector<int16_t> samples;
  std::vector<int16_t> out;
  int16_t next = 1;
  for (int ops = 0; !in.empty() && ops < 200; ++ops) {
    const uint32_t op = in.Range(0, 9);
    if (op == 0 || reference.empty()) {
      const int id = mixer.AddInput();
      if (id < 0 || reference.count(id) != 0) abort();
      reference[id];
    } else if (op == 1) {
      const int id = static_cast<int>(in.Range(0, 20)) - 2;  // includes unknown ids
      const bool known = reference.erase(id) != 0;
      if (mixer.RemoveInput(id) != known) abort();
    } else if (op <= 6) {
      const int id = static_cast<int>(in.Range(0, 20)) - 2;
      const size_t n = in.Range(0, static_cast<uint32_t>(3 * block_samples + 2));
      samples.resize(n);
      const bool loud = in.Take<uint8_t>() & 1;
      for (auto& v : samples) {
        v = loud ? static_cast<int16_t>(next & 1 ? 32767 - (next & 0xff) : -32768 + (next & 0xff))
                 : next;
        next = static_cast<int16_t>(next * 75 + 74);
      }
      const size_t pushed = mixer.Push(id, samples);
      auto it = reference.find(id);
      if (it == reference.end()) {
        if (pushed != 0) abort();
      } else {
        const size_t free_frames = 2 * block - it->second.size() / chs;
        if (pushed != std::min(n / chs, free_frames)) abort();
        it->second.insert(it->second.end(), samples.begin(),
                          samples.begin() + static_cast<std::ptrdiff_t>(pushed * chs));
      }
    } else {
      const bool short_room = op == 7 && in.Take<uint8_t>() % 4 == 0;
      const size_t room = short_room ? in.Range(0, static_cast<uint32_t>(block_samples - 1))
                                     : block_samples + in.Range(0, 3);
      out.assign(room, int16_t{0x1234});
      const size_t frames = mixer.MixBlock(out);
      if (short_room) {
        if (frames != 0) abort();
        for (int16_t v : out) {
          if (v != int16_t{0x1234}) abort();
        }
        continue;
      }
      if (frames != block) abort();
      for (size_t i = 0; i < block_samples; ++i) {
        int64_t sum = 0;
        for (const auto& [id, q] : reference) {
          if (i < q.size()) sum += q[i];
        }
        if (out[i] != std::clamp<int64_t>(sum, -32768, 32767)) abort();
      }
      for (size_t i = block_samples; i < room; ++i) {
        if (out[i] != int16_t{0x1234}) abort();
      }
      for (auto& [id, q] : reference) {
        q.erase(q.begin(), q.begin() + static_cast<std::ptrdiff_t>(std::min(q.size(), block_samples)));
      }
    }
    if (mixer.input_count() != reference.size()) abort();
    for (int id = -2; id < 19; ++id) {
      auto it = reference.find(id);
      const size_t buffered = it == reference.end() ? 0 : it->second.size() / chs;
      const size_t free_frames = it == reference.end() ? 0 : 2 * block - buffered;
      if (mixer.BufferedFrames(id) != buffered || mixer.FreeFrames(id) != free_frames) abort();
    }
  }
  return 0;
}
