// Fuzzes the int16 mix kernel (MixS16, the scalar kernel natively) with any number of
// inputs of any lengths, overlapping each other or not, against a plain int64 reference.
// Properties: every output sample is the sum of the inputs' samples at that index (0 past
// an input's end) saturated once to int16; the return value is out.size(), or 0 with the
// output untouched beyond kMaxMixInputs inputs; nothing outside the spans is touched (ASan).
#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <span>
#include <vector>

#include "fuzz_input.h"
#include "mix_kernel.h"

using namespace rtc_audio;
using rtc_audio::fuzz::FuzzInput;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  FuzzInput in(data, size);
  const uint32_t shape = in.Range(0, 63);
  // Rarely: one input more than the kernel accepts (the spans are views of one buffer).
  const bool too_many = shape == 63;
  const size_t count = too_many ? kMaxMixInputs + 1 : shape % 17;
  const size_t out_len = in.Range(0, 600);

  // One pool of samples the inputs view: overlapping views are allowed.
  std::vector<int16_t> pool(in.Range(0, 1200));
  const uint32_t fill = in.Range(0, 3);
  for (auto& v : pool) {
    v = fill == 0   ? int16_t{32767}
        : fill == 1 ? int16_t{-32768}
                    : in.Take<int16_t>();
  }
  std::vector<std::span<const int16_t>> inputs(count);
  for (size_t k = 0; k < count; ++k) {
    if (too_many || pool.empty()) {
      inputs[k] = std::span<const int16_t>(pool);
      continue;
    }
    const size_t start = in.Range(0, static_cast<uint32_t>(pool.size()));
    const size_t len = in.Range(0, static_cast<uint32_t>(pool.size() - start));
    inputs[k] = std::span<const int16_t>(pool).subspan(start, len);
  }

  std::vector<int16_t> out(out_len, int16_t{0x5a5a});
  const size_t written = MixS16(inputs, out);
  if (too_many) {
    if (written != 0) abort();
    for (int16_t v : out) {
      if (v != int16_t{0x5a5a}) abort();
    }
    return 0;
  }
  if (written != out_len) abort();
  for (size_t i = 0; i < out_len; ++i) {
    int64_t sum = 0;
    for (const auto& input : inputs) {
      if (i < input.size()) sum += input[i];
    }
    const int64_t want = std::clamp<int64_t>(sum, -32768, 32767);
    if (out[i] != want) abort();
  }
  return 0;
}
