import type { AudioFrame } from './audio-frame.js';
import type { PlayoutClock } from './clock.js';

export interface AudioSourceOptions {
  /** How far ahead of real time a producer may run, an integer in 0..60000 (default 1000); 0 = direct mode. */
  queueSizeMs?: number;
  /** The AudioContext to play on (browser). Default: one shared AudioContext({ sampleRate: 48000, latencyHint: 'interactive' }). */
  context?: BaseAudioContext;
  /** Play on this clock in 10 ms steps instead of an AudioContext (the default in Node); e.g. a ManualClock in tests. */
  clock?: PlayoutClock;
}

/** Counters since construction; sample counts are per channel at the source rate. */
export interface AudioSourceStats {
  /** How samples reach the playout: a SharedArrayBuffer ring, MessagePort messages, or the same thread (clock playout). */
  transport: 'shared-memory' | 'message-port' | 'local';
  queuedSamples: number;
  queuedDuration: number;
  /** capturedSamples = playedSamples + clearedSamples + droppedSamples + queuedSamples */
  capturedSamples: number;
  playedSamples: number;
  clearedSamples: number;
  /** Direct mode only: samples of frames pushed faster than the ring drains. */
  droppedSamples: number;
  /**
   * Gaps: the queue ran dry mid-stream and audio followed within a second. The end of a
   * stream is not one, nor a pause after clearQueue() or after a waitForPlayout() that
   * drained the queue.
   */
  underruns: number;
  /** Samples of silence played in place of missing audio (source rate). */
  silenceSamples: number;
  /** The drift loop's consumption-rate correction, in ppm. */
  driftPpm: number;
  /** The rate playout runs at: the AudioContext's, or the source's on a clock. */
  outputSampleRate: number;
}

/**
 * Paced playout of int16 frames with backpressure. [Reference: `AudioSource`]
 */
export declare class AudioSource {
  /**
   * @param sampleRate Hz, an integer in 1000..768000
   * @param numChannels an integer in 1..32
   * @throws TypeError for a wrong type, RangeError for a bad value
   */
  constructor(sampleRate: number, numChannels: number, options?: AudioSourceOptions);
  readonly sampleRate: number;
  readonly numChannels: number;
  readonly queueSizeMs: number;
  /** The AudioContext playout runs on, or null when it runs on a clock. */
  readonly context: BaseAudioContext | null;
  /** Seconds captured and not yet played, from the real queue fill. [Reference: `queued_duration`] */
  readonly queuedDuration: number;
  readonly stats: AudioSourceStats;
  /**
   * Copies the frame's samples and resolves once they are all queued and at most
   * queueSizeMs remains queued. [Reference: `capture_frame`]
   * @throws TypeError (synchronously) when `frame` is not an AudioFrame
   */
  captureFrame(frame: AudioFrame): Promise<void>;
  /** Drops queued and pending audio; pending captures and waitForPlayout() resolve. [Reference: `clear_queue`] */
  clearQueue(): void;
  /** Resolves when everything captured so far has played. [Reference: `wait_for_playout`] */
  waitForPlayout(): Promise<void>;
  /** Stops playout and frees the wasm engine; idempotent. [Reference: `aclose`] */
  aclose(): Promise<void>;
}
