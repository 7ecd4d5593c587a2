// Fuzzes SpscRing with arbitrary capacities and operation sequences against a std::deque
// reference. Properties: push/pop/skip counts and contents match the reference, the
// available counts always add up to the capacity, and nothing is read or written outside
// the ring's storage (ASan).
#include <cstdint>
#include <cstdlib>
#include <deque>
#include <vector>

#include "fuzz_input.h"
#include "spsc_ring.h"

using namespace rtc_audio;
using rtc_audio::fuzz::FuzzInput;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  FuzzInput in(data, size);
  const size_t capacity = in.Range(1, 300);
  // Exactly the bytes the ring needs, so ASan sees any overrun.
  std::vector<std::byte> storage(SpscRingBytes(capacity, sizeof(int16_t)));
  SpscRing<int16_t> ring;
  if (!IsOk(SpscRing<int16_t>::Initialize(storage, capacity, &ring))) abort();

  std::deque<int16_t> reference;
  std::vector<int16_t> buf;
  int16_t next = 0;
  while (!in.empty()) {
    const uint32_t op = in.Range(0, 2);
    const size_t n = in.Range(0, static_cast<uint32_t>(capacity) + 5);
    buf.assign(n, 0);
    if (op == 0) {
      for (auto& v : buf) v = next++;
      const size_t pushed = ring.Push(buf);
      if (pushed != std::min(n, capacity - reference.size())) abort();
      reference.insert(reference.end(), buf.begin(), buf.begin() + static_cast<std::ptrdiff_t>(pushed));
      next = static_cast<int16_t>(next - static_cast<int16_t>(n - pushed));
    } else if (op == 1) {
      const size_t popped = ring.Pop(buf);
      if (popped != std::min(n, reference.size())) abort();
      for (size_t i = 0; i < popped; ++i) {
        if (buf[i] != reference.front()) abort();
        reference.pop_front();
      }
    } else {
      const size_t skipped = ring.Skip(n);
      if (skipped != std::min(n, reference.size())) abort();
      reference.erase(reference.begin(), reference.begin() + static_cast<std::ptrdiff_t>(skipped));
    }
    if (ring.AvailableRead() != reference.size()) abort();
    if (ring.AvailableRead() + ring.AvailableWrite() != capacity) abort();
  }
  return 0;
}
