/**
 * rtc-audio-wasm: LiveKit-style realtime audio for the browser and Node, on a C++ core
 * compiled to WebAssembly. Importing this module loads the core (top-level await), so
 * every class below is ready to use synchronously.
 *
 * @module rtc-audio-wasm
 */
export { AudioFrame } from './audio-frame.js';
export { combineAudioFrames } from './combine-audio-frames.js';
export { compileAudioCore, loadAudioCore } from './core-loader.js';
export { AudioSource } from './audio-source.js';
export { LocalAudioTrack } from './local-audio-track.js';
export { RemoteAudioTrack } from './remote-audio-track.js';
export { AudioStream, AudioFrameEvent } from './audio-stream.js';
export { NoiseCancellationOptions, registerNoiseCancellation } from './noise-cancellation.js';
export { TrackKind, TrackSource } from './track.js';
export { ManualClock } from './clock.js';
export { AudioResampler, AudioResamplerQuality } from './audio-resampler.js';
export { AudioMixer } from './audio-mixer.js';
