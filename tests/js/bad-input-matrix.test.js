// The bad-input matrix: every public constructor and method with wrong types, NaN,
// Infinity, negative, non-integer and huge values, detached buffers and calls in the
// wrong state. Each case must throw the right error class with a message that names the
// parameter and the value, never abort the wasm, and leave the library usable.
import { describe, expect, it } from 'vitest';
import { AudioFrame, combineAudioFrames, loadAudioCore } from '../../js/index.js';

const core = await loadAudioCore();
const good = () => new Int16Array(960);
const frame16k = AudioFrame.create(16000, 1, 160);
const detached = () => {
  const buffer = new ArrayBuffer(16);
  structuredClone(buffer, { transfer: [buffer] });
  return buffer;
};

// [label, thunk, ErrorClass, message pattern]
const CASES = [
  // AudioFrame data
  ['AudioFrame data: array', () => new AudioFrame([0, 0], 48000, 1, 1), TypeError, /^data must be .*got Array\(2\)/],
  ['AudioFrame data: string', () => new AudioFrame('ab', 48000, 1, 1), TypeError, /^data must be .*got "ab"/],
  ['AudioFrame data: null', () => new AudioFrame(null, 48000, 1, 1), TypeError, /^data must be .*got null/],
  ['AudioFrame data: number', () => new AudioFrame(4, 48000, 1, 1), TypeError, /^data must be .*got 4/],
  ['AudioFrame data: object', () => new AudioFrame({}, 48000, 1, 1), TypeError, /^data must be .*got Object object/],
  ['AudioFrame data: detached', () => new AudioFrame(detached(), 48000, 1, 1), TypeError, /^data is backed by a detached ArrayBuffer/],
  ['AudioFrame data: view of detached', () => {
    const buffer = new ArrayBuffer(8);
    const view = new Int16Array(buffer);
    structuredClone(buffer, { transfer: [buffer] });
    return new AudioFrame(view, 48000, 1, 1);
  }, TypeError, /^data is backed by a detached ArrayBuffer/],
  ['AudioFrame data: too short', () => new AudioFrame(new Int16Array(1), 48000, 1, 2), RangeError, /data length must be >= 4 bytes/],
  ['AudioFrame data: odd', () => new AudioFrame(new Uint8Array(5), 48000, 1, 2), RangeError, /multiple of 2 .*got 5 bytes/],
  // AudioFrame sampleRate
  ['AudioFrame sampleRate: string', () => new AudioFrame(good(), '48000', 1, 1), TypeError, /^sampleRate must be a number.*got string "48000"/],
  ['AudioFrame sampleRate: bigint', () => new AudioFrame(good(), 48000n, 1, 1), TypeError, /^sampleRate must be a number.*got bigint 48000n/],
  ['AudioFrame sampleRate: undefined', () => new AudioFrame(good()), TypeError, /^sampleRate must be a number.*got undefined/],
  ['AudioFrame sampleRate: NaN', () => new AudioFrame(good(), NaN, 1, 1), RangeError, /^sampleRate must be an integer in 1000\.\.768000, got NaN/],
  ['AudioFrame sampleRate: Infinity', () => new AudioFrame(good(), Infinity, 1, 1), RangeError, /got Infinity/],
  ['AudioFrame sampleRate: -Infinity', () => new AudioFrame(good(), -Infinity, 1, 1), RangeError, /got -Infinity/],
  ['AudioFrame sampleRate: negative', () => new AudioFrame(good(), -16000, 1, 1), RangeError, /got -16000/],
  ['AudioFrame sampleRate: non-integer', () => new AudioFrame(good(), 16000.25, 1, 1), RangeError, /got 16000.25/],
  ['AudioFrame sampleRate: huge', () => new AudioFrame(good(), 1e300, 1, 1), RangeError, /got 1e\+300/],
  ['AudioFrame sampleRate: too low', () => new AudioFrame(good(), 999, 1, 1), RangeError, /got 999/],
  ['AudioFrame sampleRate: too high', () => new AudioFrame(good(), 768001, 1, 1), RangeError, /got 768001/],
  // AudioFrame numChannels
  ['AudioFrame numChannels: string', () => new AudioFrame(good(), 48000, '2', 1), TypeError, /^numChannels must be a number.*got string "2"/],
  ['AudioFrame numChannels: NaN', () => new AudioFrame(good(), 48000, NaN, 1), RangeError, /^numChannels must be an integer in 1\.\.32, got NaN/],
  ['AudioFrame numChannels: 0', () => new AudioFrame(good(), 48000, 0, 1), RangeError, /got 0/],
  ['AudioFrame numChannels: negative', () => new AudioFrame(good(), 48000, -2, 1), RangeError, /got -2/],
  ['AudioFrame numChannels: non-integer', () => new AudioFrame(good(), 48000, 1.5, 1), RangeError, /got 1.5/],
  ['AudioFrame numChannels: huge', () => new AudioFrame(good(), 48000, 2 ** 53, 1), RangeError, /got 9007199254740992/],
  ['AudioFrame numChannels: Infinity', () => new AudioFrame(good(), 48000, Infinity, 1), RangeError, /got Infinity/],
  // AudioFrame samplesPerChannel
  ['AudioFrame samplesPerChannel: object', () => new AudioFrame(good(), 48000, 1, {}), TypeError, /^samplesPerChannel must be a number/],
  ['AudioFrame samplesPerChannel: NaN', () => new AudioFrame(good(), 48000, 1, NaN), RangeError, /^samplesPerChannel must be an integer >= 0.*got NaN/],
  ['AudioFrame samplesPerChannel: negative', () => new AudioFrame(good(), 48000, 1, -480), RangeError, /got -480/],
  ['AudioFrame samplesPerChannel: non-integer', () => new AudioFrame(good(), 48000, 1, 0.5), RangeError, /got 0.5/],
  ['AudioFrame samplesPerChannel: Infinity', () => new AudioFrame(good(), 48000, 1, Infinity), RangeError, /got Infinity/],
  ['AudioFrame samplesPerChannel: huge', () => new AudioFrame(good(), 48000, 1, 1e18), RangeError, /got 1000000000000000000/],
  ['AudioFrame userdata: string', () => new AudioFrame(good(), 48000, 1, 1, 'x'), TypeError, /^userdata must be an object, got "x"/],
  ['AudioFrame userdata: number', () => new AudioFrame(good(), 48000, 1, 1, 5), TypeError, /^userdata must be an object, got 5/],
  // AudioFrame.create
  ['AudioFrame.create sampleRate: NaN', () => AudioFrame.create(NaN, 1, 1), RangeError, /^sampleRate .*got NaN/],
  ['AudioFrame.create numChannels: 33', () => AudioFrame.create(48000, 33, 1), RangeError, /^numChannels .*got 33/],
  ['AudioFrame.create samplesPerChannel: -1', () => AudioFrame.create(48000, 1, -1), RangeError, /^samplesPerChannel .*got -1/],
  ['AudioFrame.create samplesPerChannel: huge', () => AudioFrame.create(48000, 32, 2 ** 31), RangeError, /^samplesPerChannel .*got 2147483648/],
  ['AudioFrame.create sampleRate: null', () => AudioFrame.create(null, 1, 1), TypeError, /^sampleRate must be a number.*got null/],
  // AudioFrame.fromWavBytes
  ['fromWavBytes: string', () => AudioFrame.fromWavBytes('RIFF'), TypeError, /^bytes must be .*got "RIFF"/],
  ['fromWavBytes: undefined', () => AudioFrame.fromWavBytes(), TypeError, /^bytes must be .*got undefined/],
  ['fromWavBytes: empty', () => AudioFrame.fromWavBytes(new Uint8Array(0)), RangeError, /these 0 bytes are not/],
  ['fromWavBytes: detached', () => AudioFrame.fromWavBytes(detached()), TypeError, /^bytes is backed by a detached ArrayBuffer/],
  ['fromWavBytes: random bytes', () => AudioFrame.fromWavBytes(new Uint8Array(100).fill(7)), RangeError, /RIFF\/WAVE signature/],
  ['fromWavBytes: 8-bit WAV', () => {
    const wav = frame16k.toWavBytes();
    new DataView(wav.buffer).setUint16(34, 8, true);
    return AudioFrame.fromWavBytes(wav);
  }, RangeError, /not 16-bit/],
  ['fromWavBytes: truncated before data', () => AudioFrame.fromWavBytes(frame16k.toWavBytes().subarray(0, 30)), RangeError, /bytes end inside a header|no "fmt " chunk/],
  // combineAudioFrames
  ['combineAudioFrames: undefined', () => combineAudioFrames(), TypeError, /^frameOrFrames must be .*got undefined/],
  ['combineAudioFrames: number', () => combineAudioFrames(3), TypeError, /got 3/],
  ['combineAudioFrames: []', () => combineAudioFrames([]), RangeError, /^buffer is empty$/],
  ['combineAudioFrames: [null]', () => combineAudioFrames([null]), TypeError, /frameOrFrames\[0\] must be an AudioFrame, got null/],
  ['combineAudioFrames: rate mismatch', () => combineAudioFrames([frame16k, AudioFrame.create(48000, 1, 1)]), RangeError, /^Sample rate mismatch: expected 16000, got 48000$/],
  ['combineAudioFrames: channel mismatch', () => combineAudioFrames([frame16k, AudioFrame.create(16000, 2, 1)]), RangeError, /^Channel count mismatch: expected 1, got 2$/],
];

describe('bad-input matrix', () => {
  it('has the cases it claims', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(50);
  });

  it.each(CASES)('%s', (_, thunk, ErrorClass, message) => {
    let error;
    try {
      thunk();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ErrorClass);
    expect(error.constructor).toBe(ErrorClass); // exactly, not a subclass such as a wasm RuntimeError
    expect(error.message).toMatch(message);
    // The library is still usable afterwards.
    const f = new AudioFrame(new Int16Array([1, -2, 3, -4]), 16000, 2, 2);
    expect(f.toWavBytes().length).toBe(52);
    expect(core.validateFrame(48000, 1, 1, 2)).toBe(0);
  });
});
