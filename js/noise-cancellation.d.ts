import type { AudioFrame } from './audio-frame.js';

/**
 * What an AudioStream runs every frame through (noise cancellation or any other
 * per-frame processing). A processor with `enabled === false` is skipped; one that
 * throws (or returns something that is not an AudioFrame) lets the original frame
 * through and is reported once.
 */
export interface FrameProcessor {
  enabled?: boolean;
  process(frame: AudioFrame): AudioFrame;
  close?(): void;
}

/** Selects a module registered with `registerNoiseCancellation`. [Reference: `NoiseCancellationOptions`] */
export declare class NoiseCancellationOptions {
  /** @throws TypeError for an empty or non-string moduleId, or non-object options */
  constructor(moduleId: string, options?: Record<string, unknown>);
  readonly moduleId: string;
  readonly options: Record<string, unknown>;
}

/** Registers (or replaces) a noise-cancellation module: `factory(options)` returns a FrameProcessor. */
export declare function registerNoiseCancellation(moduleId: string, factory: (options: Record<string, unknown>) => FrameProcessor): void;
