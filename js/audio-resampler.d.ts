import type { AudioFrame } from './audio-frame.js';

/** Resampling quality presets; docs/RESAMPLER.md lists each one's measured figures. [Reference: `AudioResamplerQuality`] */
export declare const AudioResamplerQuality: Readonly<{
  QUICK: 0;
  LOW: 1;
  MEDIUM: 2;
  HIGH: 3;
  VERY_HIGH: 4;
}>;
export type AudioResamplerQuality = (typeof AudioResamplerQuality)[keyof typeof AudioResamplerQuality];

export interface AudioResamplerOptions {
  /** An integer in 1..8 (default 1). */
  numChannels?: number;
  /** Default MEDIUM. */
  quality?: AudioResamplerQuality;
}

/**
 * Streaming sample-rate conversion of interleaved int16 frames; the output is
 * delay-compensated and push + flush totals are exactly round(input x outputRate / inputRate).
 * [Reference: `AudioResampler`]
 */
export declare class AudioResampler {
  /**
   * @param inputRate Hz, an integer in 1000..768000
   * @param outputRate Hz, an integer in 1000..768000
   * @throws TypeError for a wrong type, RangeError for a bad rate, channel count or quality
   */
  constructor(inputRate: number, outputRate: number, options?: AudioResamplerOptions);
  readonly inputRate: number;
  readonly outputRate: number;
  readonly numChannels: number;
  readonly quality: AudioResamplerQuality;
  /** Streaming delay in seconds (0 for equal rates). */
  readonly latency: number;
  /** The frames ready so far (`[]` or one frame). RangeError if the frame's rate or channels differ. */
  push(frame: AudioFrame): AudioFrame[];
  /** The rest; the resampler is then as new. */
  flush(): AudioFrame[];
  /** Frees the wasm resources (idempotent). */
  close(): void;
}
