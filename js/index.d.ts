/**
 * rtc-audio-wasm: LiveKit-style realtime audio for the browser and Node.
 * Names in brackets in the docs are the LiveKit Python/Node SDK names.
 */
export { AudioFrame, type AudioBufferSource } from './audio-frame.js';
export { combineAudioFrames } from './combine-audio-frames.js';
export { compileAudioCore, loadAudioCore } from './core-loader.js';
export type { AudioCore } from './core.js';
export { AudioSource, type AudioSourceOptions, type AudioSourceStats } from './audio-source.js';
export { LocalAudioTrack } from './local-audio-track.js';
export { RemoteAudioTrack, type RemoteAudioTrackOptions } from './remote-audio-track.js';
export {
  AudioStream,
  AudioFrameEvent,
  type AudioStreamOptions,
  type AudioStreamParticipant,
  type AudioStreamStats,
  type AudioStreamTrack,
} from './audio-stream.js';
export { NoiseCancellationOptions, registerNoiseCancellation, type FrameProcessor } from './noise-cancellation.js';
export { TrackKind, TrackSource } from './track.js';
export { ManualClock, type PlayoutClock } from './clock.js';
export { AudioResampler, AudioResamplerQuality, type AudioResamplerOptions } from './audio-resampler.js';
export {
  AudioMixer,
  type AudioMixerInput,
  type AudioMixerInputItem,
  type AudioMixerOptions,
} from './audio-mixer.js';
