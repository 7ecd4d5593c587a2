// The web demo served by the README's first command: it loads the package, makes a frame
// and offers its WAV, with and without cross-origin isolation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch } from './harness.js';

let browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe.each([true, false])('web demo (isolated=%s)', (isolated) => {
  it('synthesises a tone into an AudioFrame and offers its WAV', async () => {
    const { page, errors } = await browser.open('/web-demo/', { isolated });
    await page.waitForFunction(() => document.getElementById('frame-info').textContent.includes('WAV bytes'));
    const info = await page.textContent('#frame-info');
    expect(info).toBe('AudioFrame(sampleRate=48000, numChannels=2, samplesPerChannel=48000, duration=1.000) → 192044 WAV bytes');
    expect(await page.textContent('#isolation')).toContain(isolated ? 'Cross-origin isolated' : 'Not cross-origin isolated');
    const wavHead = await page.evaluate(async () => {
      const href = document.getElementById('download').href;
      const bytes = new Uint8Array(await (await fetch(href)).arrayBuffer());
      return String.fromCharCode(...bytes.subarray(0, 4), ...bytes.subarray(8, 12));
    });
    expect(wavHead).toBe('RIFFWAVE');
    // The canvas has a drawn waveform (not blank).
    const inked = await page.evaluate(() => {
      const c = document.getElementById('wave');
      const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++;
      return n;
    });
    expect(inked).toBeGreaterThan(500);
    expect(errors).toEqual([]);
  });
});
