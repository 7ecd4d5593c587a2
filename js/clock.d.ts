/** A clock AudioSource can play on (milliseconds, absolute timer times). */
export interface PlayoutClock {
  now(): number;
  setTimer(atMs: number, fn: () => void): unknown;
  clearTimer(handle: unknown): void;
}

/** performance.now() and setTimeout. */
export declare class RealTimeClock implements PlayoutClock {
  now(): number;
  setTimer(atMs: number, fn: () => void): unknown;
  clearTimer(handle: unknown): void;
}

/** A clock that moves only in `advance(ms)`: for fast, deterministic tests of audio producers. */
export declare class ManualClock implements PlayoutClock {
  constructor(startMs?: number);
  now(): number;
  setTimer(atMs: number, fn: () => void): unknown;
  clearTimer(handle: unknown): void;
  /** Runs every timer due within `ms`, in time order, settling promise callbacks after each. */
  advance(ms: number): Promise<void>;
}
