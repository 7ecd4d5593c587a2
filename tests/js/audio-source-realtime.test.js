// AudioSource on Node's real-time clock: the pacing rules of SPEC.md measured in wall
// time, with tolerances wide enough for a loaded two-core machine. The exact rules are in
// audio-source.test.js (ManualClock).
import { describe, expect, it } from 'vitest';
import { AudioFrame, AudioSource } from '../../js/index.js';

const now = () => performance.now();
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

describe('AudioSource on the real-time clock', () => {
  it('20 ms frames on a 100 ms queue: at once until ~100 ms is queued, then ~20 ms each', async () => {
    const source = new AudioSource(48000, 1, { queueSizeMs: 100 });
    const frame = AudioFrame.create(48000, 1, 960);
    const t0 = now();
    const times = [];
    for (let i = 0; i < 20; i++) {
      await source.captureFrame(frame);
      times.push(now() - t0);
    }
    // Five frames (100 ms of audio) are accepted far faster than real time (paced, the
    // fifth would take ~80 ms); a loaded machine may still delay the loop by tens of ms.
    expect(times[4]).toBeLessThan(60);
    // 400 ms captured on a 100 ms queue: at least 300 ms must have played before the last
    // call resolves (less one 10 ms clock step), and not much more.
    expect(times[19]).toBeGreaterThan(280); // the clock plays in 10 ms steps
    expect(times[19]).toBeLessThan(400);
    // Steady state: one 20 ms frame per 20 ms of playout.
    const perFrame = (times[19] - times[9]) / 10;
    expect(perFrame).toBeGreaterThan(16);
    expect(perFrame).toBeLessThan(26);
    expect(source.stats.underruns).toBe(0);
    await source.aclose();
  });

  it('a 500 ms frame on a 100 ms queue resolves after ~400 ms', async () => {
    const source = new AudioSource(16000, 2, { queueSizeMs: 100 });
    const t0 = now();
    await source.captureFrame(AudioFrame.create(16000, 2, 8000));
    const elapsed = now() - t0;
    expect(elapsed).toBeGreaterThan(370);
    expect(elapsed).toBeLessThan(520);
    expect(source.queuedDuration).toBeGreaterThan(0.07);
    expect(source.queuedDuration).toBeLessThanOrEqual(0.1);
    await source.aclose();
  });

  it('waitForPlayout takes about queuedDuration; clearQueue releases waiters at once', async () => {
    const source = new AudioSource(44100, 1, { queueSizeMs: 1000 });
    await source.captureFrame(AudioFrame.create(44100, 1, 13230)); // 300 ms
    const queued = source.queuedDuration;
    const t0 = now();
    await source.waitForPlayout();
    const waited = (now() - t0) / 1000;
    expect(waited).toBeGreaterThan(queued - 0.03);
    expect(waited).toBeLessThan(queued + 0.12);

    const pending = source.captureFrame(AudioFrame.create(44100, 1, 88200)); // 2 s on 1 s
    const playout = source.waitForPlayout();
    await sleep(50);
    const t1 = now();
    source.clearQueue();
    await Promise.all([pending, playout]);
    expect(now() - t1).toBeLessThan(20);
    expect(source.queuedDuration).toBe(0);
    await source.aclose();
  });

  it('plays on a drift-free clock: played audio tracks elapsed time', async () => {
    const source = new AudioSource(8000, 1, { queueSizeMs: 5000 });
    await source.captureFrame(AudioFrame.create(8000, 1, 16000)); // 2 s
    const t0 = now();
    // Block the event loop twice: late steps catch up instead of accumulating delay.
    await sleep(200);
    const busyUntil = now() + 60;
    while (now() < busyUntil);
    await sleep(400);
    const elapsedMs = now() - t0;
    const playedMs = source.stats.playedSamples / 8;
    expect(Math.abs(playedMs - elapsedMs)).toBeLessThan(30);
    await source.aclose();
  });
});
