// Soak on the manual clock: one hour of 48 kHz stereo through AudioSource, every played
// sample checked against the captured stream (bench/soak/source-clock.js), and ten minutes
// at 44.1 kHz with 10 ms frames. The real-time soaks in Chromium are bench/soak/run.js
// (five minutes) and tests/browser/soak.test.js (a short one).
import { describe, expect, it } from 'vitest';
import { soakSourceOnClock } from '../../bench/soak/source-clock.js';

describe('AudioSource soak on the manual clock', () => {
  it.each([
    [48000, 3600, 20],
    [44100, 600, 10],
  ])('%i Hz: %i s of audio in %i ms frames plays exactly, in order, without underruns', async (rate, seconds, frameMs) => {
    const r = await soakSourceOnClock({ rate, seconds, frameMs });
    expect(r.errors).toEqual([]);
    expect(r.stats.capturedSamples).toBe(r.total);
    expect(r.stats.playedSamples).toBe(r.total);
    expect(r.checked).toBe(r.total);
    expect(r.stats.droppedSamples).toBe(0);
    expect(r.stats.clearedSamples).toBe(0);
    expect(r.stats.underruns).toBe(0);
    expect(r.stats.queuedSamples).toBe(0);
    // The clock ran as long as the audio (plus the final drain, under a second).
    expect(r.clockMs).toBeGreaterThanOrEqual(seconds * 1000);
    expect(r.clockMs).toBeLessThan(seconds * 1000 + 1500);
    console.log(`AudioSource soak: ${seconds} s of ${rate} Hz stereo on the manual clock in ${(r.wallMs / 1000).toFixed(1)} s, ${r.checked} samples per channel checked`);
  }, 300_000);
});
