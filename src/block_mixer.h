// BlockMixer: the core of AudioMixer -- any number of inputs, each delivering interleaved
// int16 frames of any length, mixed into fixed blocks of `block_frames` frames.
//
// Each input owns a BlockAccumulator of two blocks. The owner (js/audio-mixer.js) decides
// *when* to mix (every input has a full block, has ended, or missed its timeout); this
// class decides *what* a block is:
//
//   1. Push(id, samples) re-blocks input frames of any size into the input's
//      accumulator (partial pushes return their count; push the rest after MixBlock).
//   2. MixBlock(out): every input contributes its next min(buffered, block) frames and
//      silence for the rest of the block (an input that ended or missed its timeout with a
//      partial block); the contributions are summed with int16 saturation (MixS16,
//      mix_kernel.h) and consumed. The output is always exactly one block.
// Sample conservation: every pushed frame appears in exactly one MixBlock output, at its
// position in its input's sequence; nothing is dropped except by RemoveInput.
//
// Configure, then process: ValidateConfig checks the format; the constructor allocates
// the per-block scratch; AddInput allocates one input's storage (2 x block frames). Push,
// MixBlock and the queries never allocate or lock. Ids are small integers, reused after
// RemoveInput; an unknown id is ignored (Push returns 0, queries return 0).
// Thread-safety: one thread at a time (in the shim, the thread that owns the AudioMixer).
// Units: frames are per-channel counts; samples = frames x num_channels.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "block_accumulator.h"
#include "status.h"

namespace rtc_audio {

// Largest block, in samples (frames x channels): 2^20 samples = 2 MiB per block, so one
// input's two-block storage stays at 4 MiB (10.9 s of 48 kHz stereo per block).
inline constexpr int64_t kMaxMixBlockSamples = int64_t{1} << 20;

class BlockMixer {
 public:
  // kInvalidChannelCount unless 1 <= num_channels <= kMaxChannels; kInvalidFrameCount
  // unless 1 <= block_frames and block_frames x num_channels <= kMaxMixBlockSamples.
  static StatusCode ValidateConfig(int64_t num_channels, int64_t block_frames);

  // Requires ValidateConfig(num_channels, block_frames) to be kOk (checked in debug).
  BlockMixer(int num_channels, size_t block_frames);

  int num_channels() const { return num_channels_; }
  size_t block_frames() const { return block_frames_; }
  size_t block_samples() const { return block_frames_ * static_cast<size_t>(num_channels_); }
  size_t input_count() const { return input_count_; }

  // Adds an input with an empty buffer and returns its id (>= 0), or -1 when
  // kMaxMixInputs inputs are present. Allocates (configuration, not the audio path).
  int AddInput();
  // Removes an input and drops whatever it had buffered; false for an unknown id.
  bool RemoveInput(int id);

  // Appends the whole frames of `samples` that fit in input `id`; returns that count.
  size_t Push(int id, std::span<const int16_t> samples);
  size_t BufferedFrames(int id) const;
  size_t FreeFrames(int id) const;

  // Writes one block (block_samples() samples) to `out` as described above and returns
  // block_frames(); returns 0 and changes nothing when `out` is smaller than a block.
  size_t MixBlock(std::span<int16_t> out);

 private:
  const BlockAccumulator* Find(int id) const;
  BlockAccumulator* Find(int id);

  int num_channels_;
  size_t block_frames_;
  size_t input_count_ = 0;
  std::vector<std::optional<BlockAccumulator>> inputs_;  // index = id; empty = free slot
  std::vector<size_t> free_ids_;                         // the empty slots of inputs_
  std::vector<std::span<const int16_t>> views_;          // MixBlock's kernel arguments
};

}  // namespace rtc_audio
