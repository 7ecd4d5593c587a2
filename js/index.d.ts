/**
 * rtc-audio-wasm: LiveKit-style realtime audio for the browser and Node.
 * Names in brackets in the docs are the LiveKit Python/Node SDK names.
 */
export { AudioFrame, type AudioBufferSource } from './audio-frame.js';
export { combineAudioFrames } from './combine-audio-frames.js';
export { compileAudioCore, loadAudioCore } from './core-loader.js';
export type { AudioCore } from './core.js';
export { AudioResampler, AudioResamplerQuality, type AudioResamplerOptions } from './audio-resampler.js';
export {
  AudioMixer,
  type AudioMixerInput,
  type AudioMixerInputItem,
  type AudioMixerOptions,
} from './audio-mixer.js';
