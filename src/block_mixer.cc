#include "block_mixer.h"

#include <cassert>

#include "audio_frame.h"
#include "mix_kernel.h"

namespace rtc_audio {

StatusCode BlockMixer::ValidateConfig(int64_t num_channels, int64_t block_frames) {
  if (auto s = ValidateChannelCount(num_channels); !IsOk(s)) return s;
  if (block_frames < 1 || block_frames > kMaxMixBlockSamples / num_channels) {
    return StatusCode::kInvalidFrameCount;
  }
  return StatusCode::kOk;
}

BlockMixer::BlockMixer(int num_channels, size_t block_frames)
    : num_channels_(num_channels), block_frames_(block_frames) {
  assert(IsOk(ValidateConfig(num_channels, static_cast<int64_t>(block_frames))));
}

int BlockMixer::AddInput() {
  if (input_count_ >= kMaxMixInputs) return -1;
  size_t id = inputs_.size();
  if (free_ids_.empty()) {
    inputs_.emplace_back();
  } else {
    id = free_ids_.back();  // the most recently freed slot
    free_ids_.pop_back();
  }
  inputs_[id].emplace(num_channels_, block_frames_, 2 * block_frames_);
  ++input_count_;
  // MixBlock then never allocates; grow geometrically so N AddInputs cost O(N).
  if (views_.capacity() < input_count_) views_.reserve(2 * input_count_);
  return static_cast<int>(id);
}

bool BlockMixer::RemoveInput(int id) {
  if (Find(id) == nullptr) return false;
  inputs_[static_cast<size_t>(id)].reset();
  free_ids_.push_back(static_cast<size_t>(id));
  --input_count_;
  return true;
}

const BlockAccumulator* BlockMixer::Find(int id) const {
  if (id < 0 || static_cast<size_t>(id) >= inputs_.size()) return nullptr;
  const std::optional<BlockAccumulator>& slot = inputs_[static_cast<size_t>(id)];
  return slot.has_value() ? &*slot : nullptr;
}

BlockAccumulator* BlockMixer::Find(int id) {
  return const_cast<BlockAccumulator*>(static_cast<const BlockMixer*>(this)->Find(id));
}

size_t BlockMixer::Push(int id, std::span<const int16_t> samples) {
  BlockAccumulator* input = Find(id);
  return input == nullptr ? 0 : input->Push(samples);
}

size_t BlockMixer::BufferedFrames(int id) const {
  const BlockAccumulator* input = Find(id);
  return input == nullptr ? 0 : input->buffered_frames();
}

size_t BlockMixer::FreeFrames(int id) const {
  const BlockAccumulator* input = Find(id);
  return input == nullptr ? 0 : input->free_frames();
}

size_t BlockMixer::MixBlock(std::span<int16_t> out) {
  if (out.size() < block_samples()) return 0;
  // 1. Each input's contribution: up to one block, shorter when it has less (the kernel
  //    reads past a short input's end as silence).
  views_.clear();
  for (const std::optional<BlockAccumulator>& input : inputs_) {
    if (input.has_value()) views_.push_back(input->Block());
  }
  // 2. Sum with saturation (input_count_ <= kMaxMixInputs, so the kernel mixes them all).
  const size_t written = MixS16(views_, out.first(block_samples()));
  assert(written == block_samples());
  static_cast<void>(written);
  // 3. Consume exactly what was mixed.
  for (std::optional<BlockAccumulator>& input : inputs_) {
    if (input.has_value()) input->Consume(block_frames_);
  }
  return block_frames_;
}

}  // namespace rtc_audio
