// CaptureEngine: one block of captured audio (a track's samples at the AudioContext's
// rate and channel count) converted to an AudioStream's rate and channel count, as
// interleaved int16.
//
// What: N input channels at the input rate -> M output channels at the output rate.
//   1. the input (planar float from an AudioWorklet, or interleaved int16 from a paced
//      source in Node) is interleaved as float;
//   2. down-mixed to k = min(N, M, 8) channels (channel_remix.h: averages);
//   3. resampled (AudioResampler, delay-compensated: output frame 0 is input frame 0);
//   4. up-mixed to M channels (channel_remix.h: duplicates) and rounded to int16
//      (sample_convert.h: ties to even, saturating).
// With equal rates and N <= M the int16 input comes out bit-exact (the float path is
// lossless for int16 values); with N > M the averages round like the int16 remix.
//
// Thread rules: Create() validates and allocates everything, sized for max_block_frames
// input frames per call; call it off the audio thread or in a processor's constructor.
// Process*, Reset and the queries are real-time safe: no allocation, locks, exceptions,
// clocks or logging. One thread at a time.
//
// Ownership: the engine owns its input buffers (input_plane / input_s16) and its output
// buffer (output); spans stay valid for the engine's lifetime.
//
// Units: frames per channel, rates in Hz.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "audio_resampler.h"
#include "status.h"

namespace rtc_audio {

struct CaptureConfig {
  int32_t input_rate_hz = 48000;
  int32_t input_channels = 1;  // 1..kMaxChannels
  int32_t output_rate_hz = 48000;
  int32_t output_channels = 1;  // 1..kMaxChannels
  int32_t max_block_frames = 128;  // most input frames one Process call is given
  ResamplerQuality quality = ResamplerQuality::kMedium;
};

class CaptureEngine {
 public:
  static constexpr int32_t kMaxBlockFrames = 16384;

  // kInvalidSampleRate, kInvalidChannelCount, kInvalidFrameCount (max_block_frames
  // outside 1..kMaxBlockFrames), kInvalidQuality.
  static StatusCode Create(const CaptureConfig& config, std::unique_ptr<CaptureEngine>* out);

  CaptureEngine(const CaptureEngine&) = delete;
  CaptureEngine& operator=(const CaptureEngine&) = delete;

  // Planar float input: channel c's max_block_frames samples.
  std::span<float> input_plane(int32_t channel);
  // Interleaved int16 input: max_block_frames x input_channels samples.
  std::span<int16_t> input_s16() { return std::span(input_s16_); }
  // Interleaved int16 output of the last Process call (max_output_frames x output_channels).
  std::span<const int16_t> output() const { return std::span(output_); }

  // Converts `frames` (<= max_block_frames) frames from the planar / int16 input buffer;
  // returns the output frames written to output().
  size_t ProcessPlanar(size_t frames);
  size_t ProcessS16(size_t frames);

  // The most output frames one Process call writes.
  size_t max_output_frames() const { return max_output_frames_; }
  // Output frames that have been produced so far (since Create or Reset).
  uint64_t produced_frames() const { return produced_frames_; }
  // The resampler's delay, in input frames (an input frame appears in the output once
  // this many more input frames have been processed; 0 at equal rates).
  size_t latency_input_frames() const { return resampler_->latency_input_frames(); }
  // Back to the state right after Create (the start of a new stream).
  void Reset();

  const CaptureConfig& config() const { return config_; }

 private:
  explicit CaptureEngine(const CaptureConfig& config);
  size_t Convert(size_t frames);  // from interleaved_

  CaptureConfig config_;
  size_t in_channels_;
  size_t mix_channels_;
  size_t out_channels_;
  size_t max_output_frames_ = 0;
  uint64_t produced_frames_ = 0;
  std::unique_ptr<AudioResampler> resampler_;
  std::vector<float> planes_;        // input_channels x max_block_frames
  std::vector<int16_t> input_s16_;   // max_block_frames x input_channels
  std::vector<float> interleaved_;   // max_block_frames x input_channels
  std::vector<float> mixed_;         // max_block_frames x mix_channels (when N > k)
  std::vector<float> resampled_;     // max_output_frames x mix_channels
  std::vector<float> upmixed_;       // max_output_frames x output_channels (when M > k)
  std::vector<int16_t> output_;      // max_output_frames x output_channels
};

}  // namespace rtc_audio
