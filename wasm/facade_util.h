// Helpers shared by the embind facades in wasm/: the boundary conventions in one place.
//
// Buffers cross the boundary as byte offsets into the wasm heap (uintptr_t) plus element
// counts: the JS shim allocates with _malloc, copies in, calls, copies out and frees, and
// never caches a heap view across a call (memory may grow). Numbers arrive as JS doubles
// and are checked here, so a non-integer, NaN or out-of-range value becomes a StatusCode,
// never a wasm trap or an embind conversion error.
#pragma once

#include <cmath>
#include <cstdint>

#include "status.h"

namespace rtc_audio::facade {

// True (and *out set) when v is an integer exactly representable in a double (|v| <= 2^53).
inline bool ToInt64(double v, int64_t* out) {
  if (!std::isfinite(v) || std::trunc(v) != v || std::fabs(v) > 9007199254740991.0) {
    return false;
  }
  *out = static_cast<int64_t>(v);
  return true;
}

// A heap offset handed over by JS, as a typed pointer.
template <typename T>
T* HeapPtr(uintptr_t offset) {
  return reinterpret_cast<T*>(offset);
}

inline int Code(StatusCode s) { return static_cast<int>(s); }

}  // namespace rtc_audio::facade
