// AudioSource's rules on the real AudioWorklet path, for each transport: the
// SharedArrayBuffer ring woken by Atomics.waitAsync, the same woken by messages (as in a
// browser without Atomics.waitAsync), and MessagePort messages. Timings are checked
// with margins for a loaded two-core machine; the exact rules are in the Node tests.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch } from './harness.js';

let browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe.each([
  ['shared-memory', true, ''],
  ['shared-memory without Atomics.waitAsync', true, '?noWaitAsync=1'],
  ['message-port', false, ''],
])('AudioSource rules in Chromium over %s', (_, isolated, query) => {
  it('paces, waits for playout, clears, closes and conserves samples', async () => {
    const { result: r, errors, page } = await browser.run(`/tests/browser/pages/source-semantics.html${query}`, { isolated });
    await page.close();
    expect(errors).toEqual([]);
    expect(r.transport).toBe(isolated ? 'shared-memory' : 'message-port');
    expect(r.waitAsync).toBe(query === '');
    // Backpressure.
    expect(r.first).toBeLessThan(20);
    expect(r.queuedAfterCalls).toBeCloseTo(1.15, 1);
    expect(r.bigResolvedAfter).toBeGreaterThan(850);
    expect(r.bigResolvedAfter).toBeLessThan(1150);
    expect(r.queuedWhenResolved).toBeLessThanOrEqual(0.2);
    expect(r.queuedWhenResolved).toBeGreaterThan(0.12);
    expect(r.playoutAfter).toBeGreaterThan(r.queuedWhenResolved * 1000 - 40);
    expect(r.playoutAfter).toBeLessThan(r.queuedWhenResolved * 1000 + 100);
    expect(r.queuedAfterPlayout).toBe(0);
    // clearQueue.
    expect(r.releasedBeforeClear).toBe(0);
    expect(r.clearReleasedAfter).toBeLessThan(20);
    expect(r.queuedAfterClear).toBe(0);
    expect(r.stats.clearedSamples).toBeGreaterThan(2000 * 48);
    expect(r.conserved).toBe(true);
    // Each pause followed a waitForPlayout that drained the queue: not underruns.
    expect(r.stats.underruns).toBe(0);
    // Playout resumes after a clear; aclose.
    expect(r.playedAfterClear).toBe(50 * 48);
    expect(r.pendingAtClose).toBe('Error: AudioSource is closed');
    expect(r.laterCapture).toBe('Error: AudioSource is closed');
    expect(r.secondClose).toBe('resolved');
  });
});
