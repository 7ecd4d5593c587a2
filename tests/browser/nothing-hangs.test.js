// Nothing hangs in a real AudioContext (headless Chromium, with and without cross-origin
// isolation, i.e. both transports): suspend/resume, a track stopped mid-stream, aclose()
// with captures and waits pending (also before the worklet is ready), and the context
// closed under a playing source; an AudioStream on a source's track through a suspended
// context and aclose(), a track stopped mid-stream, a FrameProcessor that always throws,
// and its context closed. See tests/browser/pages/nothing-hangs.html.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch } from './harness.js';

let browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const CLOSED = 'rejected: AudioSource is closed';

describe.each([true, false])('AudioSource and AudioStream in Chromium settle every promise (crossOriginIsolated=%s)', (isolated) => {
  it('through suspend/resume, track stop, early and late aclose, a throwing FrameProcessor, and a closed context', async () => {
    const { result: r, errors, page } = await browser.run('/tests/browser/pages/nothing-hangs.html', { isolated, timeoutMs: 90_000 });
    await page.close();
    expect(errors).toEqual([]);
    expect(r.unhandled).toEqual([]);
    expect(r.crossOriginIsolated).toBe(isolated);
    // 1. Suspended: waiting is right; resumed: everything settles and nothing was lost.
    expect(r.suspendedCapture).toBe('pending');
    expect(r.suspendedWait).toBe('pending');
    expect(r.resumedCapture).toBe('resolved');
    expect(r.resumedWait).toBe('resolved');
    expect(r.suspendStats.playedSamples).toBe(r.suspendStats.capturedSamples);
    expect(r.suspendStats.droppedSamples).toBe(0);
    expect(r.suspendClose).toBe('resolved');
    // 2. aclose() while suspended.
    expect(r.suspendedAclose).toBe('resolved');
    expect(r.suspendedAcloseCaptures).toEqual([CLOSED, CLOSED]);
    expect(r.suspendedAcloseWait).toBe('resolved');
    // 3. Track stopped mid-stream: the producer finishes, the source plays everything.
    expect(r.trackStopProducer).toBe('resolved');
    expect(r.trackStopCaptured).toBe(40);
    expect(r.trackStopState).toBe('ended');
    expect(r.trackStopWait).toBe('resolved');
    expect(r.trackStopStats.playedSamples).toBe(40 * 480);
    expect(r.trackStopStats.underruns).toBe(0);
    // 4. aclose() before the worklet is ready: the capture that fit in the queue had
    //    resolved, the one waiting for room is rejected.
    expect(r.earlyAclose).toBe('resolved');
    expect(r.earlyAcloseCaptures).toEqual(['resolved', CLOSED]);
    expect(r.earlyAcloseWait).toBe('resolved');
    // 5. The context closed under the source.
    expect(r.contextClosedCapture).toMatch(/^rejected: the AudioContext was closed/);
    expect(r.contextClosedWait).toBe('resolved');
    expect(r.contextClosedLater).toMatch(/^rejected: the AudioContext was closed/);
    expect(r.contextClosedAclose).toBe('resolved');
    // 6. AudioStream: reads waiting on a suspended context end on aclose().
    expect(r.streamFramesBeforeSuspend).toBe(20);
    expect(r.streamAclose).toBe('resolved');
    expect(r.streamAcloseReads).toEqual(['resolved', 'resolved']);
    expect(r.streamLaterRead).toBe('resolved');
    // 7. The track stopped mid-stream ends the iteration.
    expect(r.streamTrackStop).toBe('resolved');
    expect(r.streamTrackStopFrames).toBeGreaterThanOrEqual(20);
    // 8. A FrameProcessor that always throws: 30 frames still arrive.
    expect(r.processorFrames).toBe('resolved');
    expect(r.processorError).toBe('processor failure');
    expect(r.processorAclose).toBe('resolved');
    expect(r.processorClosed).toBe(1);
    // 9. The context closed under a waiting stream consumer.
    expect(r.streamContextClosed).toBe('rejected: the AudioContext was closed: this AudioStream can no longer capture');
    expect(r.streamContextClosedLater).toBe('resolved');
    expect(r.streamContextClosedAclose).toBe('resolved');
  });
});
