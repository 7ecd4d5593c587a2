/**
 * Clocks for playout without an AudioContext (Node, or a page that asks for one): a
 * real-time clock and a manual clock for fast, deterministic tests.
 *
 * A clock has three methods, all in milliseconds:
 *   now()                  the current time
 *   setTimer(atMs, fn)     call fn once the clock reaches atMs (an absolute time);
 *                          returns a handle
 *   clearTimer(handle)     cancel it
 * Playout schedules every 10 ms step from an absolute start time (start + n x 10 ms),
 * never by accumulating relative delays, so timer lateness never adds up to drift.
 */

import { describe, requireNumber } from './errors.js';

const settle = typeof setImmediate === 'function' ? () => new Promise((r) => setImmediate(r)) : () => new Promise((r) => setTimeout(r, 0));

/** The real-time clock: `performance.now()` and `setTimeout`. */
export class RealTimeClock {
  /** @returns {number} ms */
  now() {
    return performance.now();
  }

  /**
   * @param {number} atMs absolute time
   * @param {() => void} fn
   */
  setTimer(atMs, fn) {
    return setTimeout(fn, Math.max(0, atMs - performance.now()));
  }

  /** @param {any} handle */
  clearTimer(handle) {
    clearTimeout(handle);
  }
}

/**
 * A clock that only moves when told to: `await clock.advance(ms)` runs every timer due
 * in that time, in time order, and lets promise callbacks (a producer awaiting
 * `captureFrame`) run between them. Pass it as `new AudioSource(rate, channels, { clock })`
 * to test code that produces audio without waiting in real time.
 */
export class ManualClock {
  #now = 0;
  #timers = [];
  #sequence = 0;

  /** @param {number} [startMs] the initial time */
  constructor(startMs = 0) {
    requireNumber('startMs', startMs, 'a finite number of ms');
    if (!Number.isFinite(startMs)) throw new RangeError(`startMs must be a finite number of ms, got ${describe(startMs)}`);
    this.#now = startMs;
  }

  /** @returns {number} ms */
  now() {
    return this.#now;
  }

  /**
   * @param {number} atMs absolute time
   * @param {() => void} fn
   */
  setTimer(atMs, fn) {
    const timer = { at: atMs, seq: this.#sequence++, fn };
    this.#timers.push(timer);
    return timer;
  }

  /** @param {any} handle */
  clearTimer(handle) {
    const i = this.#timers.indexOf(handle);
    if (i >= 0) this.#timers.splice(i, 1);
  }

  /**
   * Moves time forward by `ms`, running each due timer at its own time (earliest first)
   * and settling pending promise callbacks after each.
   * @param {number} ms >= 0
   * @returns {Promise<void>}
   */
  async advance(ms) {
    requireNumber('ms', ms, 'a finite number >= 0');
    if (!(ms >= 0) || !Number.isFinite(ms)) throw new RangeError(`ms must be a finite number >= 0, got ${describe(ms)}`);
    const end = this.#now + ms;
    await settle();
    for (;;) {
      let next = null;
      for (const t of this.#timers) {
        if (t.at <= end && (next === null || t.at < next.at || (t.at === next.at && t.seq < next.seq))) next = t;
      }
      if (next === null) break;
      this.#timers.splice(this.#timers.indexOf(next), 1);
      this.#now = Math.max(this.#now, next.at);
      next.fn();
      await settle();
    }
    this.#now = end;
  }
}
