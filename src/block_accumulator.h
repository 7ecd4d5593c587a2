// BlockAccumulator: one input's FIFO that turns frames of any length into fixed blocks.
//
// Input frames arrive in whatever sizes their source uses (480, 441, 1 or 48000 frames);
// the mixer consumes exactly `block_frames` at a time. The buffered frames always start at
// index 0 of the storage, so a block is one contiguous span the mix kernel can read:
//
//   storage: capacity_frames x num_channels int16, interleaved
//   [ B B B B B B B B B B B | . . . . . . . . . . . . . . . . . . . . ]
//   ^ 0                     ^ buffered_frames()                        ^ capacity_frames()
//   |<- Block(): first min(buffered, block_frames) frames ->|
//
//   1. Push(samples) copies as many whole frames as fit into the free part and returns
//      that count; a partial push is normal -- push the rest after the next Consume.
//   2. Block() views the next block: a full block, or everything buffered when less than
//      a block is there (the mixer pads that with silence).
//   3. Consume(frames) drops frames from the front and moves the remainder down to index 0
//      (at most capacity - frames frames: one block for the mixer's two-block capacity).
// No sample is lost or repeated: frames leave only through Consume, in arrival order.
//
// Capacity: at least one block (so a full block fits), chosen by the owner; the mixer
// uses two blocks. All storage is allocated by the constructor.
// Thread-safety: one thread at a time. Push/Block/Consume are real-time safe (no
// allocation, no locks). Units: frames are per-channel counts; samples = frames x channels.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace rtc_audio {

class BlockAccumulator {
 public:
  // num_channels >= 1, 1 <= block_frames <= capacity_frames (checked in debug builds; the
  // owner validates configuration first, see BlockMixer::ValidateConfig).
  BlockAccumulator(int num_channels, size_t block_frames, size_t capacity_frames);

  int num_channels() const { return num_channels_; }
  size_t block_frames() const { return block_frames_; }
  size_t capacity_frames() const { return capacity_frames_; }
  size_t buffered_frames() const { return buffered_frames_; }
  size_t free_frames() const { return capacity_frames_ - buffered_frames_; }
  bool HasFullBlock() const { return buffered_frames_ >= block_frames_; }

  // Appends the whole frames of `samples` that fit (a trailing partial frame is never
  // taken); returns the number of frames appended.
  size_t Push(std::span<const int16_t> samples);

  // The first min(buffered, block_frames) frames, interleaved. Valid until the next
  // Push or Consume.
  std::span<const int16_t> Block() const;

  // Drops the first min(frames, buffered) frames; returns how many were dropped.
  size_t Consume(size_t frames);

  // Drops everything buffered.
  void Clear() { buffered_frames_ = 0; }

 private:
  int num_channels_;
  size_t block_frames_;
  size_t capacity_frames_;
  size_t buffered_frames_ = 0;
  std::vector<int16_t> storage_;  // capacity_frames x num_channels samples
};

}  // namespace rtc_audio
