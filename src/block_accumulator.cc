#include "block_accumulator.h"

#include <algorithm>
#include <cassert>

namespace rtc_audio {

BlockAccumulator::BlockAccumulator(int num_channels, size_t block_frames, size_t capacity_frames)
    : num_channels_(num_channels),
      block_frames_(block_frames),
      capacity_frames_(capacity_frames),
      storage_(capacity_frames * static_cast<size_t>(num_channels)) {
  assert(num_channels >= 1);
  assert(block_frames >= 1 && block_frames <= capacity_frames);
}

size_t BlockAccumulator::Push(std::span<const int16_t> samples) {
  const auto channels = static_cast<size_t>(num_channels_);
  const size_t frames = std::min(samples.size() / channels, free_frames());
  std::copy_n(samples.begin(), frames * channels,
              storage_.begin() + static_cast<std::ptrdiff_t>(buffered_frames_ * channels));
  buffered_frames_ += frames;
  return frames;
}

std::span<const int16_t> BlockAccumulator::Block() const {
  const size_t frames = std::min(buffered_frames_, block_frames_);
  return std::span<const int16_t>(storage_).first(frames * static_cast<size_t>(num_channels_));
}

size_t BlockAccumulator::Consume(size_t frames) {
  const auto channels = static_cast<size_t>(num_channels_);
  const size_t dropped = std::min(frames, buffered_frames_);
  const size_t remaining = buffered_frames_ - dropped;
  // Move the remainder to the front (std::copy is safe for a leftward overlapping move).
  const auto from = storage_.begin() + static_cast<std::ptrdiff_t>(dropped * channels);
  std::copy(from, from + static_cast<std::ptrdiff_t>(remaining * channels), storage_.begin());
  buffered_frames_ = remaining;
  return dropped;
}

}  // namespace rtc_audio
