// rtc-audio-wasm core: the public classes and functions, in one include.
//
// Everything here is plain C++20 with no Emscripten header: it builds natively (tests,
// benchmarks, fuzzers) and with em++ (wasm/bindings.cc is the only embind code).
#pragma once

#include "audio_frame.h"     // FrameFormat, ValidateFrame: the frame rules
#include "audio_resampler.h"  // AudioResampler: streaming sample-rate conversion
#include "capture_engine.h"  // CaptureEngine: captured block -> stream rate/channels, int16
#include "channel_remix.h"   // RemixChannels: N -> M channels
#include "frame_concat.h"    // ConcatFrames: joining frames of one format
#include "playout_drift.h"   // PlayoutDriftController: queue fill -> rate correction
#include "playout_engine.h"  // PlayoutEngine: queued int16 -> one block of planar float
#include "sample_convert.h"  // S16ToFloat / FloatToS16: saturating, ties-to-even
#include "spsc_ring.h"       // SpscRing<T>: wait-free SPSC ring, JS-compatible layout
#include "status.h"          // StatusCode
#include "wav_codec.h"       // EncodeWav / ParseWav: PCM16 RIFF/WAVE
#include "block_accumulator.h"  // BlockAccumulator: frames of any size -> fixed blocks
#include "block_mixer.h"        // BlockMixer: N inputs re-blocked and mixed (AudioMixer)
#include "mix_kernel.h"         // MixS16: saturating int16 sum of N inputs
