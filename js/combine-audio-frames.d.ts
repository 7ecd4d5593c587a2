import type { AudioFrame } from './audio-frame.js';

/**
 * Joins frames of one rate and channel count; a single frame is returned as is.
 * [Reference: `combine_audio_frames`]
 * @throws RangeError "buffer is empty", "Sample rate mismatch: ...", "Channel count mismatch: ..."
 */
export declare function combineAudioFrames(frameOrFrames: AudioFrame | readonly AudioFrame[]): AudioFrame;
