// AudioSource in real headless Chromium, cross-origin isolated (SharedArrayBuffer
// transport) and not (MessagePort transport): a 1 kHz tone pushed at 16 kHz mono and at
// 48 kHz stereo -> LocalAudioTrack -> RTCPeerConnection loopback on the page -> a capture
// worklet at the far end. A second recorder on the same AudioContext records the source's
// own output (the near end), which must be gap-free on every run.
//
// On this two-core machine, with other test files running in parallel, Chromium's WebRTC
// path now and then inserts one 10 ms block of zeros into the received track while the
// near end is clean and the source reports no underrun -- mostly 0.2 s after the tone
// starts, rarely later (observed in ~1 run in 6 under load, never when idle). So the far
// end is analysed from 0.5 s after the onset (warm-up), and a run with a far-end gap
// after that is measured again once; a second one fails the test.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch } from './harness.js';

let browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

async function measure(rate, channels, isolated) {
  const attempts = [];
  for (let attempt = 0; attempt < 2; attempt++) {
    const { result, errors, page } = await browser.run(`/tests/browser/pages/source-loopback.html?rate=${rate}&channels=${channels}&seconds=2`, { isolated });
    await page.close();
    expect(errors).toEqual([]);
    // Our output: no gap longer than a render quantum, the tone exact, no underrun.
    expect(result.nearAnalysedSeconds).toBeGreaterThan(1.5);
    expect(result.nearLongestGap).toBeLessThanOrEqual(128);
    expect(Math.abs(result.nearFrequency - 1000)).toBeLessThan(1);
    expect(result.stats.underruns).toBe(0);
    attempts.push(result);
    if (result.longestGap <= 128) break;
  }
  return attempts;
}

describe.each([true, false])('AudioSource loopback in Chromium (crossOriginIsolated=%s)', (isolated) => {
  it.each([
    [16000, 1],
    [48000, 2],
  ])('a 1 kHz tone at %i Hz x %i ch arrives at the far end, paced in real time', async (rate, channels) => {
    const attempts = await measure(rate, channels, isolated);
    const r = attempts[attempts.length - 1];
    expect(r.crossOriginIsolated).toBe(isolated);
    expect(r.stats.transport).toBe(isolated ? 'shared-memory' : 'message-port');
    expect(r.contextRate).toBe(48000);
    expect(r.stats.outputSampleRate).toBe(48000);
    // The track: live, audio, the source's channel count.
    expect(r.trackKind).toBe(true);
    expect(r.readyState).toBe('live');
    expect(r.readyStateAfterStop).toBe('ended');
    expect(r.trackChannelCount).toBe(channels);
    // The far end hears the tone: frequency within 1 %, full level, no gap longer than one
    // render quantum (128 frames) anywhere after its onset.
    expect(r.analysedSeconds).toBeGreaterThanOrEqual(2);
    expect(Math.abs(r.frequency - 1000)).toBeLessThan(10);
    expect(r.peak).toBeGreaterThan(0.35);
    expect(r.longestGap, `far-end gaps in ${attempts.length} runs: ${attempts.map((a) => `${a.longestGap} at ${a.longestGapAtSeconds.toFixed(3)} s`).join(', ')}`).toBeLessThanOrEqual(128);
    // The source kept up: no underrun while the producer ran, nothing dropped or cleared.
    expect(r.stats.underruns).toBe(0);
    expect(r.stats.droppedSamples).toBe(0);
    expect(r.stats.clearedSamples).toBe(0);
    expect(r.stats.capturedSamples).toBe(r.stats.playedSamples + r.stats.queuedSamples);
    // Pacing: the first 100 ms of frames return at once, then 20 ms frames take 20 ms of
    // wall time each (captured audio / wall time within 3 %).
    expect(r.fastStart[r.fastStart.length - 1]).toBeLessThan(50);
    expect(r.pacing).toBeGreaterThan(0.97);
    expect(r.pacing).toBeLessThan(1.03);
  });
});
