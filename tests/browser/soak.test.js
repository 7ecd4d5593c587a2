// A short real-time soak in Chromium (the five-minute one is bench/soak/run.js): four
// AudioSources on one AudioContext, each fed by a producer looping on captureFrame, for
// 15 s over shared memory and 10 s over the message port. Every sample captured must be
// played, with no underrun and nothing dropped.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch } from './harness.js';

let browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe('AudioSource real-time soak in Chromium', () => {
  it.each([
    [true, 15],
    [false, 10],
  ])('crossOriginIsolated=%s: 4 sources for %i s play everything without underruns or drops', async (isolated, seconds) => {
    const { result: r, errors, page } = await browser.run(`/tests/browser/pages/soak.html?seconds=${seconds}&sources=4`, { isolated, timeoutMs: 120_000 });
    await page.close();
    expect(errors).toEqual([]);
    expect(r.crossOriginIsolated).toBe(isolated);
    expect(r.stats.map((s) => s.transport)).toEqual(Array(4).fill(isolated ? 'shared-memory' : 'message-port'));
    expect(r.underruns).toBe(0);
    expect(r.droppedSamples).toBe(0);
    expect(r.allPlayed).toBe(true);
    for (const s of r.stats) expect(s.playedSamples).toBeGreaterThanOrEqual(48000 * seconds);
  });
});
