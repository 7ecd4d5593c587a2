// AudioMixer in real headless Chromium, with and without cross-origin isolation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch } from './harness.js';

let browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe.each([true, false])('AudioMixer in Chromium (crossOriginIsolated=%s)', (isolated) => {
  it('mixes, re-blocks, converts channels and rate, times out a silent stream, closes, and its kernels agree', async () => {
    const { result, errors } = await browser.run('/tests/browser/pages/audio-mixer.html', { isolated });
    expect(errors).toEqual([]);
    expect(result.crossOriginIsolated).toBe(isolated);
    // 2880 samples from each input: four full 720-sample blocks of 300.
    expect(result.sums).toEqual([
      [720, 300],
      [720, 300],
      [720, 300],
      [720, 300],
    ]);
    expect(result.timedOut).toEqual([7, 7]);
    expect(result.afterClose).toEqual({ value: undefined, done: true });
    expect(result.resampledCount).toBe(4800);
    expect(Math.abs(result.resampledMiddle - 1000)).toBeLessThanOrEqual(1);
    expect(result.simdMatches).toBe(true);
    expect(result.scalarMatches).toBe(true);
  });
});
