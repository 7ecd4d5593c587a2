// A short real-time soak in Chromium (the five-minute one is bench/soak/run.js): four
// AudioSources on one AudioContext, each fed by a producer looping on captureFrame and
// read back by an AudioStream on its LocalAudioTrack, for 15 s over shared memory and
// 10 s over the message port. Every sample captured must be played, with no underrun and
// nothing dropped, and each stream must deliver the audio without a break (no lost or
// repeated stretch, no inserted silence) and without dropping a frame.
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
  ])('crossOriginIsolated=%s: 4 sources (and 4 streams reading them) for %i s play everything without underruns, drops or breaks', async (isolated, seconds) => {
    const { result: r, errors, page } = await browser.run(`/tests/browser/pages/soak.html?seconds=${seconds}&sources=4&stream=1`, { isolated, timeoutMs: 120_000 });
    await page.close();
    expect(errors).toEqual([]);
    expect(r.crossOriginIsolated).toBe(isolated);
    expect(r.stats.map((s) => s.transport)).toEqual(Array(4).fill(isolated ? 'shared-memory' : 'message-port'));
    expect(r.underruns).toBe(0);
    expect(r.droppedSamples).toBe(0);
    expect(r.allPlayed).toBe(true);
    for (const s of r.stats) expect(s.playedSamples).toBeGreaterThanOrEqual(48000 * seconds);
    r.streams.forEach((s, k) => {
      expect(s.breaks, s.firstBreaks.join('; ')).toBe(0);
      expect(s.dropped).toBe(0);
      // The stream starts once its worklet runs: it hears all but the first moments.
      expect(s.samples).toBeGreaterThan(r.stats[k].playedSamples - 48000);
    });
  });
});
