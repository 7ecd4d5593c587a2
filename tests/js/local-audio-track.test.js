// LocalAudioTrack, TrackKind and TrackSource in Node (the browser side, with a live
// MediaStreamTrack, is tests/browser/audio-source.test.js and livekit.test.js).
import { describe, expect, it } from 'vitest';
import { AudioFrame, AudioSource, LocalAudioTrack, ManualClock, TrackKind, TrackSource } from '../../js/index.js';
import { PLAYOUT_TAP } from '../../js/audio-source.js';

describe('TrackKind and TrackSource', () => {
  it('have the reference names and values, frozen', () => {
    expect(TrackKind).toEqual({ KIND_UNKNOWN: 0, KIND_AUDIO: 1, KIND_VIDEO: 2 });
    expect(TrackSource).toEqual({
      SOURCE_UNKNOWN: 0,
      SOURCE_CAMERA: 1,
      SOURCE_MICROPHONE: 2,
      SOURCE_SCREENSHARE: 3,
      SOURCE_SCREENSHARE_AUDIO: 4,
    });
    expect(Object.isFrozen(TrackKind) && Object.isFrozen(TrackSource)).toBe(true);
  });
});

describe('LocalAudioTrack', () => {
  it('createAudioTrack(name, source) gives { name, kind, source, mediaStreamTrack, stop }', async () => {
    const clock = new ManualClock();
    const source = new AudioSource(16000, 1, { clock });
    const track = LocalAudioTrack.createAudioTrack('voice', source);
    expect(track).toBeInstanceOf(LocalAudioTrack);
    expect(track.name).toBe('voice');
    expect(track.kind).toBe(TrackKind.KIND_AUDIO);
    expect(track.source).toBe(source);
    expect(track.mediaStreamTrack).toBeNull(); // Node: the source plays on a clock
    track.stop();
    track.stop(); // idempotent
    // Stopping the track does not stop the source: its output can still be tapped.
    const played = [];
    source[PLAYOUT_TAP]((s) => played.push(s.playedFrames));
    await source.captureFrame(AudioFrame.create(16000, 1, 160));
    await clock.advance(10);
    expect(played[0]).toBe(160);
    await source.aclose();
  });

  it('validates its arguments and cannot be constructed directly', async () => {
    const source = new AudioSource(16000, 1, { clock: new ManualClock() });
    expect(() => LocalAudioTrack.createAudioTrack(5, source)).toThrow(new TypeError('name must be a string, got 5'));
    expect(() => LocalAudioTrack.createAudioTrack('x', {})).toThrow(new TypeError('source must be an AudioSource, got Object object'));
    expect(() => new LocalAudioTrack('x', source)).toThrow(/use LocalAudioTrack.createAudioTrack/);
    await source.aclose();
  });
});
