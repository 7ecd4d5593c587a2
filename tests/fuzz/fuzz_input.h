// FuzzInput: reads typed values off a libFuzzer byte string, returning zeros once it runs
// out, so every target consumes its input the same way.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <span>

namespace rtc_audio::fuzz {

class FuzzInput {
 public:
  FuzzInput(const uint8_t* data, size_t size) : bytes_(data, size) {}

  template <typename T>
  T Take() {
    T value{};
    const size_t n = bytes_.size() < sizeof(T) ? bytes_.size() : sizeof(T);
    std::memcpy(&value, bytes_.data(), n);
    bytes_ = bytes_.subspan(n);
    return value;
  }

  // A value in [lo, hi] (inclusive).
  uint32_t Range(uint32_t lo, uint32_t hi) { return lo + Take<uint32_t>() % (hi - lo + 1); }

  bool empty() const { return bytes_.empty(); }
  std::span<const uint8_t> rest() const { return bytes_; }

 private:
  std::span<const uint8_t> bytes_;
};

}  // namespace rtc_audio::fuzz
