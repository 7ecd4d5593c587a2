// embind facade for diagnostics: how much of the wasm heap is in use, so leak tests can
// check that create-use-close cycles keep it flat.
#include <emscripten/bind.h>
#include <malloc.h>

#include <cstddef>

namespace rtc_audio::facade {
namespace {

struct HeapStats {
  double inUseBytes = 0;   // bytes currently allocated by malloc
  double arenaBytes = 0;   // bytes malloc has taken from the wasm memory
};

HeapStats GetHeapStats() {
  const struct mallinfo info = mallinfo();
  return {static_cast<double>(info.uordblks), static_cast<double>(info.arena)};
}

}  // namespace
}  // namespace rtc_audio::facade

EMSCRIPTEN_BINDINGS(rtc_audio_diagnostics) {
  using namespace emscripten;
  using rtc_audio::facade::HeapStats;
  value_object<HeapStats>("HeapStats")
      .field("inUseBytes", &HeapStats::inUseBytes)
      .field("arenaBytes", &HeapStats::arenaBytes);
  function("heapStats", &rtc_audio::facade::GetHeapStats);
}
