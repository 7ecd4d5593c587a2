// embind facade for SpscRing (src/spsc_ring.h). The JS shim has its own ring over a
// SharedArrayBuffer (js/spsc-ring.js); this facade lets tests check that both agree on
// the memory layout, and lets JS drive a core-side ring living in wasm memory.
#include <emscripten/bind.h>

#include <span>

#include "audio_core.h"
#include "facade_util.h"

namespace rtc_audio::facade {
namespace {

double SpscRingBytesFacade(double capacity, int element_bytes) {
  return static_cast<double>(
      SpscRingBytes(static_cast<size_t>(capacity), static_cast<size_t>(element_bytes)));
}

// An int16 SpscRing over heap memory that the JS side allocated.
class SpscRingS16Facade {
 public:
  // Returns a StatusCode; initialize=true zeroes the indices first.
  int Attach(uintptr_t storage, double bytes, double capacity, bool initialize) {
    std::span<std::byte> mem(HeapPtr<std::byte>(storage), static_cast<size_t>(bytes));
    int64_t cap = 0;
    if (!ToInt64(capacity, &cap) || cap < 0) return Code(StatusCode::kInvalidCapacity);
    const auto c = static_cast<size_t>(cap);
    return Code(initialize ? SpscRing<int16_t>::Initialize(mem, c, &ring_)
                           : SpscRing<int16_t>::Attach(mem, c, &ring_));
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
}  // namespace rtc_audio::facade

EMSCRIPTEN_BINDINGS(rtc_audio_ring) {
  using namespace emscripten;
  using namespace rtc_audio::facade;

  constant("SPSC_RING_HEADER_BYTES", static_cast<int>(rtc_audio::kSpscRingHeaderBytes));
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
