// SpscRing<T>: a wait-free single-producer / single-consumer ring over caller memory.
//
// The memory layout is shared with js/spsc-ring.js, so the same ring can live in wasm
// memory (used by the core) or in a SharedArrayBuffer (used across the main thread and an
// AudioWorklet with Atomics):
//
//   byte 0   uint32 write_index   written only by the producer, read by both
//   byte 4   uint32 read_index    written only by the consumer, read by both
//   byte 8   T slots[capacity + 1]
//
//   read_index            write_index
//        v                     v
//   [ . . D D D D D D D D D D . . . ]   D = queued data, . = free
//
// One slot is always kept free, so read == write means empty and write + 1 == read
// (mod slots) means full; each index is written by one side only, so no lock or CAS is
// needed.
//
// Push (producer):                      Pop (consumer):
//   1. load read_index (acquire)          1. load write_index (acquire)
//   2. copy into the free space, in at    2. copy out of the queued data, in at most
//      most two segments (wrap)              two segments (wrap)
//   3. store write_index (release)        3. store read_index (release)
// Partial operations return how many elements they moved.
//
// Thread-safety: exactly one producer thread calls Push/AvailableWrite, exactly one
// consumer thread calls Pop/Skip/AvailableRead/Clear; Capacity anywhere. Real-time safe:
// no allocation, no locks, no syscalls. The ring does not own its memory.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <span>

#include "status.h"

namespace rtc_audio {

inline constexpr size_t kSpscRingHeaderBytes = 8;
// Capacities are bounded so that slot indices and byte sizes fit 32 bits everywhere
// (JS typed-array lengths, wasm32 pointers).
inline constexpr size_t kSpscRingMaxCapacity = (size_t{1} << 30) - 1;

// Bytes needed for a ring of `capacity` elements of `element_bytes` each.
constexpr size_t SpscRingBytes(size_t capacity, size_t element_bytes) {
  return kSpscRingHeaderBytes + (capacity + 1) * element_bytes;
}

template <typename T>
class SpscRing {
 public:
  SpscRing() = default;

  // Zeroes both indices of `storage` and attaches to it. `storage` must hold
  // SpscRingBytes(capacity, sizeof(T)) bytes and be 4-byte aligned.
  static StatusCode Initialize(std::span<std::byte> storage, size_t capacity, SpscRing* ring) {
    if (auto s = Attach(storage, capacity, ring); !IsOk(s)) return s;
    StoreIndex(ring->header_, 0);
    StoreIndex(ring->header_ + 1, 0);
    return StatusCode::kOk;
  }

  // Attaches to a ring another party has initialised (possibly a copy of JS memory).
  static StatusCode Attach(std::span<std::byte> storage, size_t capacity, SpscRing* ring) {
    if (capacity == 0 || capacity > kSpscRingMaxCapacity) return StatusCode::kInvalidCapacity;
    if (storage.size() < SpscRingBytes(capacity, sizeof(T))) return StatusCode::kOutputTooSmall;
    if (reinterpret_cast<uintptr_t>(storage.data()) % alignof(uint32_t) != 0) {
      return StatusCode::kInvalidCapacity;
    }
    ring->header_ = reinterpret_cast<uint32_t*>(storage.data());
    ring->slots_ = storage.data() + kSpscRingHeaderBytes;
    ring->slot_count_ = static_cast<uint32_t>(capacity + 1);
    return StatusCode::kOk;
  }

  size_t Capacity() const { return slot_count_ == 0 ? 0 : slot_count_ - 1; }

  // Producer side.
  size_t AvailableWrite() const {
    return Capacity() - Used(LoadIndex(header_ + kRead), LoadIndexRelaxed(header_ + kWrite));
  }

  size_t Push(std::span<const T> items) {
    const uint32_t w = LoadIndexRelaxed(header_ + kWrite);
    const uint32_t r = LoadIndex(header_ + kRead);
    const size_t n = std::min(items.size(), Capacity() - Used(r, w));
    const size_t first = std::min(n, size_t{slot_count_} - w);
    CopyBytes(slots_ + size_t{w} * sizeof(T), items.data(), first * sizeof(T));
    CopyBytes(slots_, items.data() + first, (n - first) * sizeof(T));
    StoreIndex(header_ + kWrite, Advance(w, n));
    return n;
  }

  // Consumer side.
  size_t AvailableRead() const {
    return Used(LoadIndexRelaxed(header_ + kRead), LoadIndex(header_ + kWrite));
  }

  size_t Pop(std::span<T> out) {
    const uint32_t r = LoadIndexRelaxed(header_ + kRead);
    const uint32_t w = LoadIndex(header_ + kWrite);
    const size_t n = std::min(out.size(), Used(r, w));
    const size_t first = std::min(n, size_t{slot_count_} - r);
    CopyBytes(out.data(), slots_ + size_t{r} * sizeof(T), first * sizeof(T));
    CopyBytes(out.data() + first, slots_, (n - first) * sizeof(T));
    StoreIndex(header_ + kRead, Advance(r, n));
    return n;
  }

  // Drops up to `count` queued elements without copying them; returns how many.
  size_t Skip(size_t count) {
    const uint32_t r = LoadIndexRelaxed(header_ + kRead);
    const size_t n = std::min(count, Used(r, LoadIndex(header_ + kWrite)));
    StoreIndex(header_ + kRead, Advance(r, n));
    return n;
  }

  // Drops everything queued at the moment of the call (consumer side).
  size_t Clear() { return Skip(Capacity()); }

 private:
  static constexpr size_t kWrite = 0;
  static constexpr size_t kRead = 1;

  size_t Used(uint32_t r, uint32_t w) const {
    return w >= r ? w - r : size_t{slot_count_} - r + w;
  }
  uint32_t Advance(uint32_t index, size_t n) const {
    size_t next = size_t{index} + n;
    if (next >= slot_count_) next -= slot_count_;
    return static_cast<uint32_t>(next);
  }
  // memcpy with a null pointer is undefined even for 0 bytes, and an empty span may hold
  // one (found by fuzz_spsc_ring), so zero-length copies are skipped.
  static void CopyBytes(void* dst, const void* src, size_t bytes) {
    if (bytes != 0) std::memcpy(dst, src, bytes);
  }
  static uint32_t LoadIndex(const uint32_t* p) { return __atomic_load_n(p, __ATOMIC_ACQUIRE); }
  static uint32_t LoadIndexRelaxed(const uint32_t* p) {
    return __atomic_load_n(p, __ATOMIC_RELAXED);
  }
  static void StoreIndex(uint32_t* p, uint32_t v) { __atomic_store_n(p, v, __ATOMIC_RELEASE); }

  uint32_t* header_ = nullptr;
  std::byte* slots_ = nullptr;
  uint32_t slot_count_ = 0;
};

}  // namespace rtc_audio
