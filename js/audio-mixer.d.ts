import type { AudioFrame } from './audio-frame.js';

/** What an AudioMixer input may yield: frames, or events carrying one (an AudioStream's AudioFrameEvent). */
export type AudioMixerInputItem = AudioFrame | { readonly frame: AudioFrame };

/** An AudioMixer input: any async (or plain) iterable of frames or frame events. */
export type AudioMixerInput = AsyncIterable<AudioMixerInputItem> | Iterable<AudioMixerInputItem>;

export interface AudioMixerOptions {
  /** Samples per channel in each mixed frame; 0 (the default) means sampleRate / 10. */
  blocksize?: number;
  /** How long an input may deliver nothing while the mixer waits for its block (default 100). */
  streamTimeoutMs?: number;
  /** Mixed frames that may wait unread before the mixer stops reading its inputs (default 100; 0 = unbounded). */
  capacity?: number;
}

/**
 * Mixes any number of audio streams into one async iterator of AudioFrames of `blocksize`
 * samples per channel, summed with int16 saturation. Inputs of another sample rate or
 * channel count are converted in the core (resampler at MEDIUM quality, channel remix).
 * [Reference: `AudioMixer`]
 */
export declare class AudioMixer implements AsyncIterable<AudioFrame> {
  /**
   * @param sampleRate Hz of the mixed frames, an integer in 1000..768000
   * @param numChannels channels of the mixed frames, an integer in 1..32
   * @throws TypeError for a wrong type, RangeError for a bad value
   */
  constructor(sampleRate: number, numChannels: number, options?: AudioMixerOptions);
  readonly sampleRate: number;
  readonly numChannels: number;
  /** Samples per channel of every mixed frame (resolved: never 0). */
  readonly blocksize: number;
  readonly streamTimeoutMs: number;
  readonly capacity: number;
  /** Starts mixing `stream` (Error after aclose() or endInput()). [Reference: `add_stream`] */
  addStream(stream: AudioMixerInput): void;
  /** Stops mixing `stream`, dropping what it had buffered. [Reference: `remove_stream`] */
  removeStream(stream: AudioMixerInput): void;
  /** No more streams: the iteration ends once the current ones are exhausted. [Reference: `end_input`] */
  endInput(): void;
  /** Stops at once, ends a waiting consumer and frees everything; idempotent. [Reference: `aclose`] */
  aclose(): Promise<void>;
  /** The mixed frames; `return()` (a `break` in `for await`) closes the mixer. */
  [Symbol.asyncIterator](): AsyncIterableIterator<AudioFrame>;
  toString(): string;
}
