// livekit-client (the LiveKit browser SDK) accepts our LocalAudioTrack's MediaStreamTrack
// as a LocalAudioTrack to publish -- shown without a LiveKit server, as far as a
// publication gets without one (see the page for what is and is not exercised).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch } from './harness.js';

let browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe('livekit-client', () => {
  it('wraps, hears and queues for publishTrack the MediaStreamTrack of our LocalAudioTrack', async () => {
    const { result: r, errors, page } = await browser.run('/tests/browser/pages/livekit-publish.html');
    await page.close();
    expect(errors).toEqual([]);
    expect(r.ourKind).toBe(true);
    // livekit-client's own LocalAudioTrack over our track, and its analyser hears the tone.
    expect(r.lkKind).toBe('audio');
    expect(r.lkWrapsOurTrack).toBe(true);
    expect(r.lkIsLocalAudioTrack).toBe(true);
    expect(r.baselineVolume).toBeLessThan(0.01);
    expect(r.toneVolume).toBeGreaterThan(0.2);
    expect(r.silentVolume).toBeLessThan(0.01);
    // publishTrack on an unconnected Room: accepted, wrapped as a microphone
    // LocalAudioTrack around our very MediaStreamTrack, deferred until connected.
    expect(r.deferredLogged).toBe(true);
    expect(r.pendingPublications).toBe(1);
    expect(r.pendingIsLkLocalAudioTrack).toBe(true);
    expect(r.pendingWrapsOurTrack).toBe(true);
    expect(r.pendingSource).toBe('microphone');
    expect(r.publishOutcome).toBe('pending');
    expect(r.ourTrackState).toBe('live');
  });
});
