// Soak on the manual clock: one hour of 48 kHz stereo through AudioSource -> LocalAudioTrack
// -> AudioStream, every delivered sample checked against the captured stream
// (bench/soak/source-clock.js); ten minutes at 44.1 kHz in 10 ms frames checked on the
// source's played output; ten minutes at 16 kHz through the stream. The real-time soaks in Chromium are bench/soak/run.js
// (five minutes) and tests/browser/soak.test.js (a short one).
import { describe, expect, it } from 'vitest';
import { soakSourceOnClock } from '../../bench/soak/source-clock.js';

describe('AudioSource (-> AudioStream) soak on the manual clock', () => {
  it.each([
    [48000, 3600, 20, true],
    [44100, 600, 10, false],
    [16000, 600, 20, true],
  ])('%i Hz: %i s of audio in %i ms frames (through AudioStream: %s) arrives exactly, in order, without underruns', async (rate, seconds, frameMs, stream) => {
    const r = await soakSourceOnClock({ rate, seconds, frameMs, stream });
    expect(r.errors).toEqual([]);
    expect(r.stats.capturedSamples).toBe(r.total);
    expect(r.stats.playedSamples).toBe(r.total);
    expect(r.checked).toBe(r.total);
    expect(r.stats.droppedSamples).toBe(0);
    expect(r.stats.clearedSamples).toBe(0);
    expect(r.stats.underruns).toBe(0);
    expect(r.stats.queuedSamples).toBe(0);
    // The clock ran as long as the audio (plus the final drain, under a second).
    expect(r.clockMs).toBeGreaterThanOrEqual(seconds * 1000);
    expect(r.clockMs).toBeLessThan(seconds * 1000 + 1500);
    // Silence only after the last sample (the clock's last step); the stream delivered
    // every 10 ms frame of it.
    expect(r.silence).toBeLessThanOrEqual(stream ? rate / 100 : 0);
    if (stream) expect(r.streamFrames).toBe((r.total + r.silence) / (rate / 100));
    console.log(`soak: ${seconds} s of ${rate} Hz stereo on the manual clock${stream ? ' through AudioStream' : ''} in ${(r.wallMs / 1000).toFixed(1)} s, ${r.checked} samples per channel checked`);
  }, 300_000);
});
