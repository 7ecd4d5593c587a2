// The package loads in a page and the raw core loads inside an AudioWorklet, both with
// and without cross-origin isolation, in real headless Chromium.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch } from './harness.js';

const SPEC_WAV_TAIL = [100, 97, 116, 97, 8, 0, 0, 0, 1, 0, 254, 255, 3, 0, 252, 255];

let browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe.each([true, false])('core in Chromium (crossOriginIsolated=%s)', (isolated) => {
  it('loads in the page and inside an AudioWorklet from a compiled module', async () => {
    const { result, errors } = await browser.run('/tests/browser/pages/core-load.html', { isolated });
    expect(errors).toEqual([]);
    expect(result.crossOriginIsolated).toBe(isolated);
    expect(result.memoized).toBe(true);
    expect(result.pageWav.length).toBe(52);
    expect(result.pageWav.slice(36)).toEqual(SPEC_WAV_TAIL);
    expect(result.pageError).toBe('RangeError: sampleRate must be an integer in 1000..768000, got 999');

    const w = result.worklet;
    expect(w.error).toBeUndefined();
    // The scope really lacks what ENVIRONMENT.md says, so the test proves we cope.
    expect(w.scope).toEqual({ fetch: false, URL: false, TextDecoder: false, performance: false, setTimeout: false });
    expect(w.instantiated).toBe(true);
    expect(w.validOk).toBe(true);
    expect(w.badRate).toBe(1);
    expect(w.encodeStatus).toBe(0);
    expect(w.wav).toEqual(result.pageWav);
    expect(w.processCalls).toBe(10);
    expect(w.quantumFrames).toBe(128);
    expect(result.cspViolations).toEqual([]);
  });
});

describe('core under a strict Content-Security-Policy', () => {
  it("loads and runs with only script-src 'self' 'wasm-unsafe-eval' (no eval, no new Function)", async () => {
    const { result, errors } = await browser.run('/tests/browser/pages/core-load.html?csp=strict');
    expect(errors).toEqual([]);
    expect(result.cspViolations).toEqual([]);
    expect(result.pageWav.slice(36)).toEqual(SPEC_WAV_TAIL);
    expect(result.worklet.instantiated).toBe(true);
    expect(result.worklet.wav).toEqual(result.pageWav);
  });

  it('the policy is really enforced (an inline script is blocked)', async () => {
    const { page } = await browser.open('/tests/browser/pages/csp-probe.html?csp=strict');
    await page.waitForFunction(() => window.violations !== undefined);
    await page.waitForTimeout(200);
    expect(await page.evaluate(() => window.inlineRan === true)).toBe(false);
    expect(await page.evaluate(() => window.violations.length)).toBeGreaterThan(0);
  });
});
