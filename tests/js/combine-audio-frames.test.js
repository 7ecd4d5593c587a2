// Every combineAudioFrames rule of SPEC.md.
import { describe, expect, it } from 'vitest';
import { AudioFrame, combineAudioFrames } from '../../js/index.js';

const frame = (values, rate = 16000, ch = 1) =>
  new AudioFrame(new Int16Array(values), rate, ch, values.length / ch);

describe('combineAudioFrames', () => {
  it('returns a single frame as the same object', () => {
    const f = frame([1, 2]);
    expect(combineAudioFrames(f)).toBe(f);
  });

  it('rejects an empty list with "buffer is empty"', () => {
    expect(() => combineAudioFrames([])).toThrow(RangeError);
    expect(() => combineAudioFrames([])).toThrow('buffer is empty');
  });

  it('concatenates samples and sums samplesPerChannel into a new frame', () => {
    const a = frame([1, 2, 3, 4], 48000, 2);
    const b = frame([5, 6], 48000, 2);
    const c = combineAudioFrames([a, b]);
    expect(c).not.toBe(a);
    expect(c.samplesPerChannel).toBe(3);
    expect(c.numChannels).toBe(2);
    expect(c.sampleRate).toBe(48000);
    expect(Array.from(c.data)).toEqual([1, 2, 3, 4, 5, 6]);
    a.data[0] = 99; // the result is a copy
    expect(c.data[0]).toBe(1);
  });

  it('uses only the declared samples of a longer buffer', () => {
    const long = new AudioFrame(new Int16Array([1, 2, 77, 77]), 8000, 1, 2);
    expect(Array.from(combineAudioFrames([long, frame([3], 8000)]).data)).toEqual([1, 2, 3]);
  });

  it('copies a one-element list', () => {
    const a = frame([1, 2]);
    const c = combineAudioFrames([a]);
    expect(c).not.toBe(a);
    expect(Array.from(c.data)).toEqual([1, 2]);
  });

  it('reports a sample rate mismatch', () => {
    expect(() => combineAudioFrames([frame([1], 16000), frame([2], 48000)])).toThrow(RangeError);
    expect(() => combineAudioFrames([frame([1], 16000), frame([2], 48000)])).toThrow(
      'Sample rate mismatch: expected 16000, got 48000',
    );
  });

  it('reports a channel count mismatch', () => {
    expect(() => combineAudioFrames([frame([1, 2], 16000, 2), frame([2], 16000, 1)])).toThrow(
      'Channel count mismatch: expected 2, got 1',
    );
  });

  it('rejects what is not a frame with a TypeError', () => {
    expect(() => combineAudioFrames(null)).toThrow(TypeError);
    expect(() => combineAudioFrames([frame([1]), { sampleRate: 16000 }])).toThrow(/frameOrFrames\[1\] must be an AudioFrame/);
  });
});
