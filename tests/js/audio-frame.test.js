// Every AudioFrame rule of SPEC.md, against the real wasm core.
import { describe, expect, it } from 'vitest';
import { AudioFrame } from '../../js/index.js';

describe('AudioFrame construction', () => {
  it('wraps an aligned Int16Array without copying (writes show both ways)', () => {
    const samples = new Int16Array([1, 2, 3, 4]);
    const frame = new AudioFrame(samples, 48000, 2, 2);
    expect(frame.data).toBe(samples);
    frame.data[0] = 100;
    expect(samples[0]).toBe(100);
    samples[3] = -7;
    expect(frame.data[3]).toBe(-7);
  });

  it('honours a non-zero byteOffset and wraps the same memory', () => {
    const buffer = new ArrayBuffer(20);
    const bytes = new Uint8Array(buffer, 4, 8); // 4 samples starting at byte 4
    const frame = new AudioFrame(bytes, 16000, 1, 4);
    expect(frame.data.buffer).toBe(buffer);
    expect(frame.data.byteOffset).toBe(4);
    expect(frame.data.length).toBe(4);
    frame.data[1] = -2;
    expect(new DataView(buffer).getInt16(6, true)).toBe(-2);
    new DataView(buffer).setInt16(4, 321, true);
    expect(frame.data[0]).toBe(321);

    const view = new Int16Array(buffer, 2, 3);
    const f2 = new AudioFrame(view, 16000, 1, 3);
    expect(f2.data).toBe(view);
  });

  it('wraps an ArrayBuffer and a DataView', () => {
    const buffer = new ArrayBuffer(8);
    const frame = new AudioFrame(buffer, 8000, 2, 2);
    frame.data[2] = 9;
    expect(new Int16Array(buffer)[2]).toBe(9);
    const dv = new DataView(buffer, 2, 6);
    const f2 = new AudioFrame(dv, 8000, 1, 3);
    expect(f2.data.buffer).toBe(buffer);
    expect(f2.data[1]).toBe(9);
  });

  it('accepts a SharedArrayBuffer', () => {
    const sab = new SharedArrayBuffer(4);
    const frame = new AudioFrame(sab, 8000, 1, 2);
    frame.data[1] = 5;
    expect(new Int16Array(sab)[1]).toBe(5);
  });

  it('copies unaligned memory', () => {
    const buffer = new ArrayBuffer(9);
    const bytes = new Uint8Array(buffer, 1, 8);
    new DataView(buffer).setInt16(1, -300, true);
    const frame = new AudioFrame(bytes, 48000, 1, 4);
    expect(frame.data.buffer).not.toBe(buffer);
    expect(frame.data[0]).toBe(-300);
    frame.data[0] = 1;
    expect(new DataView(buffer).getInt16(1, true)).toBe(-300);
  });

  it('keeps a longer buffer whole', () => {
    const frame = new AudioFrame(new Int16Array(10), 48000, 2, 3);
    expect(frame.data.length).toBe(10);
    expect(frame.samplesPerChannel).toBe(3);
  });

  it('exposes its format and duration', () => {
    const frame = new AudioFrame(new Int16Array(960), 48000, 2, 480);
    expect(frame.sampleRate).toBe(48000);
    expect(frame.numChannels).toBe(2);
    expect(frame.samplesPerChannel).toBe(480);
    expect(frame.duration).toBe(0.01);
    expect(AudioFrame.create(16000, 1, 800).duration).toBe(0.05);
  });

  it('allows an empty frame', () => {
    const frame = new AudioFrame(new Int16Array(0), 48000, 1, 0);
    expect(frame.duration).toBe(0);
  });

  it('keeps one userdata object per frame', () => {
    const frame = AudioFrame.create(48000, 1, 10);
    const u = frame.userdata;
    u.timestamp = 42;
    expect(frame.userdata).toBe(u);
    expect(frame.userdata.timestamp).toBe(42);
    expect(AudioFrame.create(48000, 1, 10).userdata).not.toBe(u);
    const mine = { id: 7 };
    expect(new AudioFrame(new Int16Array(2), 8000, 1, 2, mine).userdata).toBe(mine);
  });

  it('toString has the reference format', () => {
    expect(String(AudioFrame.create(48000, 2, 480))).toBe(
      'AudioFrame(sampleRate=48000, numChannels=2, samplesPerChannel=480, duration=0.010)',
    );
  });
});

describe('AudioFrame validation', () => {
  const ok = () => new Int16Array(960);

  it('checks the size before the parity, naming the required length', () => {
    expect(() => new AudioFrame(new Uint8Array(1919), 48000, 2, 480)).toThrow(RangeError);
    expect(() => new AudioFrame(new Uint8Array(1919), 48000, 2, 480)).toThrow(/data length must be >= 1920 bytes.*got 1919/);
    expect(() => new AudioFrame(new Uint8Array(1918), 48000, 2, 480)).toThrow(/data length must be >= 1920/);
  });

  it('rejects an odd byte length that is long enough', () => {
    expect(() => new AudioFrame(new Uint8Array(1921), 48000, 2, 480)).toThrow(RangeError);
    expect(() => new AudioFrame(new Uint8Array(1921), 48000, 2, 480)).toThrow(/multiple of 2.*got 1921/);
    expect(() => new AudioFrame(new ArrayBuffer(3), 48000, 1, 1)).toThrow(/multiple of 2/);
  });

  it.each([
    ['an Array', [1, 2]],
    ['a string', 'abcd'],
    ['null', null],
    ['undefined', undefined],
    ['a number', 4],
    ['a plain object', { length: 4 }],
  ])('rejects %s as data with a TypeError naming data', (_, value) => {
    expect(() => new AudioFrame(value, 48000, 1, 1)).toThrow(TypeError);
    expect(() => new AudioFrame(value, 48000, 1, 1)).toThrow(/^data must be an Int16Array, ArrayBuffer/);
  });

  it.each([
    ['sampleRate', [999], /sampleRate must be an integer in 1000\.\.768000, got 999/],
    ['sampleRate', [768001], /got 768001/],
    ['sampleRate', [0], /got 0/],
    ['sampleRate', [-48000], /got -48000/],
    ['sampleRate', [44100.5], /got 44100.5/],
    ['sampleRate', [NaN], /got NaN/],
    ['sampleRate', [Infinity], /got Infinity/],
    ['numChannels', [48000, 0], /numChannels must be an integer in 1\.\.32, got 0/],
    ['numChannels', [48000, 33], /got 33/],
    ['numChannels', [48000, 1.5], /got 1.5/],
    ['numChannels', [48000, -1], /got -1/],
    ['samplesPerChannel', [48000, 1, -1], /samplesPerChannel must be an integer >= 0.*got -1/],
    ['samplesPerChannel', [48000, 1, 2.5], /got 2.5/],
    ['samplesPerChannel', [48000, 1, NaN], /got NaN/],
    ['samplesPerChannel', [48000, 1, 2 ** 40], /got 1099511627776/],
  ])('rejects a bad %s with a RangeError', (_, args, message) => {
    const [rate = 48000, ch = 1, spc = 1] = args;
    expect(() => new AudioFrame(ok(), rate, ch, spc)).toThrow(RangeError);
    expect(() => new AudioFrame(ok(), rate, ch, spc)).toThrow(message);
  });

  it('accepts both ends of every range', () => {
    expect(() => new AudioFrame(new Int16Array(32), 1000, 32, 1)).not.toThrow();
    expect(() => new AudioFrame(new Int16Array(1), 768000, 1, 1)).not.toThrow();
  });

  it.each([
    ['sampleRate', ['48000', 1, 1]],
    ['numChannels', [48000, '1', 1]],
    ['samplesPerChannel', [48000, 1, 1n]],
    ['sampleRate', [undefined, 1, 1]],
    ['numChannels', [48000, null, 1]],
  ])('rejects a non-number %s with a TypeError naming it', (name, [rate, ch, spc]) => {
    expect(() => new AudioFrame(ok(), rate, ch, spc)).toThrow(TypeError);
    expect(() => new AudioFrame(ok(), rate, ch, spc)).toThrow(new RegExp(`^${name} must be a number`));
  });

  it('rejects a non-object userdata', () => {
    expect(() => new AudioFrame(ok(), 48000, 1, 1, 'meta')).toThrow(TypeError);
    expect(() => new AudioFrame(ok(), 48000, 1, 1, null)).toThrow(/userdata must be an object, got null/);
  });

  it('validates AudioFrame.create the same way and zero-fills', () => {
    const frame = AudioFrame.create(16000, 2, 320);
    expect(frame.data.length).toBe(640);
    expect(frame.data.every((v) => v === 0)).toBe(true);
    expect(() => AudioFrame.create(500, 1, 1)).toThrow(/sampleRate must be an integer in 1000\.\.768000, got 500/);
    expect(() => AudioFrame.create(48000, 40, 1)).toThrow(RangeError);
    expect(() => AudioFrame.create(48000, 1, -5)).toThrow(/samplesPerChannel/);
    expect(() => AudioFrame.create('x', 1, 1)).toThrow(TypeError);
  });
});

describe('WAV', () => {
  it('encodes the SPEC example as exactly 52 bytes', () => {
    const frame = new AudioFrame(new Int16Array([1, -2, 3, -4]), 16000, 2, 2);
    const wav = frame.toWavBytes();
    expect(wav).toBeInstanceOf(Uint8Array);
    expect(wav.length).toBe(52);
    const expected = [
      ...'RIFF'.split('').map((c) => c.charCodeAt(0)), 44, 0, 0, 0,
      ...'WAVE'.split('').map((c) => c.charCodeAt(0)),
      ...'fmt '.split('').map((c) => c.charCodeAt(0)), 16, 0, 0, 0,
      1, 0, 2, 0, 0x80, 0x3e, 0, 0, 0x00, 0xfa, 0, 0, 4, 0, 16, 0,
      ...'data'.split('').map((c) => c.charCodeAt(0)), 8, 0, 0, 0,
      1, 0, 0xfe, 0xff, 3, 0, 0xfc, 0xff,
    ];
    expect(Array.from(wav)).toEqual(expected);
  });

  it('writes every stored sample, even past samplesPerChannel', () => {
    const frame = new AudioFrame(new Int16Array([1, 2, 3, 4, 5, 6]), 8000, 1, 2);
    const wav = frame.toWavBytes();
    expect(wav.length).toBe(44 + 12);
    expect(new DataView(wav.buffer).getUint32(40, true)).toBe(12);
    const view = new DataView(wav.buffer);
    expect(view.getUint32(28, true)).toBe(16000); // byte rate = 8000 x 1 x 2
    expect(view.getUint16(32, true)).toBe(2); // block align
  });

  it('round-trips through fromWavBytes', () => {
    const data = new Int16Array(2 * 441);
    for (let i = 0; i < data.length; i++) data[i] = ((i * 7919) % 65536) - 32768;
    const frame = new AudioFrame(data, 44100, 2, 441);
    const back = AudioFrame.fromWavBytes(frame.toWavBytes());
    expect(back.sampleRate).toBe(44100);
    expect(back.numChannels).toBe(2);
    expect(back.samplesPerChannel).toBe(441);
    expect(Array.from(back.data)).toEqual(Array.from(data));
    expect(AudioFrame.fromWavBytes(frame.toWavBytes().buffer).samplesPerChannel).toBe(441);
  });

  it('gives clear errors for what is not a PCM16 WAV', () => {
    expect(() => AudioFrame.fromWavBytes('RIFF')).toThrow(TypeError);
    expect(() => AudioFrame.fromWavBytes(new Uint8Array(4))).toThrow(/not: the bytes end inside a header/);
    const wav = AudioFrame.create(8000, 1, 4).toWavBytes();
    wav[0] = 'X'.charCodeAt(0);
    expect(() => AudioFrame.fromWavBytes(wav)).toThrow(/RIFF\/WAVE signature/);
    const float = AudioFrame.create(8000, 1, 4).toWavBytes();
    float[20] = 3; // format tag 3 = IEEE float
    expect(() => AudioFrame.fromWavBytes(float)).toThrow(RangeError);
    expect(() => AudioFrame.fromWavBytes(float)).toThrow(/not PCM/);
  });
});
