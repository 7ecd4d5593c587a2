// Every AudioResampler rule of SPEC.md, against the real wasm build, plus the SIMD/scalar
// kernel parity check that can only run inside wasm.
import { describe, expect, it } from 'vitest';
import { AudioFrame, AudioResampler, AudioResamplerQuality, loadAudioCore } from '../../js/index.js';

const frameOf = (samples, rate, ch = 1) => new AudioFrame(Int16Array.from(samples), rate, ch, samples.length / ch);

function tone(freq, rate, frames, amplitude, ch = 1) {
  const data = new Int16Array(frames * ch);
  for (let i = 0; i < frames; i++) {
    const v = Math.round(amplitude * 32767 * Math.sin((2 * Math.PI * freq * i) / rate));
    for (let c = 0; c < ch; c++) data[i * ch + c] = c === 1 ? -v : v;
  }
  return data;
}

/** A seeded generator (mulberry32). */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Pushes `data` in chunks of the given sizes, then flushes; returns all samples. */
function run(resampler, data, chunks) {
  const ch = resampler.numChannels;
  const parts = [];
  let pos = 0;
  for (const n of chunks) {
    const frame = new AudioFrame(data.slice(pos * ch, (pos + n) * ch), resampler.inputRate, ch, n);
    for (const out of resampler.push(frame)) parts.push(out);
    pos += n;
  }
  for (const out of resampler.flush()) parts.push(out);
  for (const p of parts) {
    expect(p.sampleRate).toBe(resampler.outputRate);
    expect(p.numChannels).toBe(ch);
  }
  const total = parts.reduce((t, p) => t + p.samplesPerChannel, 0);
  const all = new Int16Array(total * ch);
  let at = 0;
  for (const p of parts) {
    all.set(p.data.subarray(0, p.samplesPerChannel * ch), at);
    at += p.samplesPerChannel * ch;
  }
  return all;
}

describe('AudioResamplerQuality', () => {
  it('has the five presets, frozen', () => {
    expect(AudioResamplerQuality).toEqual({ QUICK: 0, LOW: 1, MEDIUM: 2, HIGH: 3, VERY_HIGH: 4 });
    expect(Object.isFrozen(AudioResamplerQuality)).toBe(true);
  });
});

describe('AudioResampler construction', () => {
  it('keeps its configuration and defaults to mono MEDIUM', () => {
    const r = new AudioResampler(48000, 16000);
    expect([r.inputRate, r.outputRate, r.numChannels, r.quality]).toEqual([48000, 16000, 1, AudioResamplerQuality.MEDIUM]);
    expect(r.latency).toBeGreaterThan(0);
    expect(r.latency).toBeLessThanOrEqual(0.003);
    r.close();
    const s = new AudioResampler(44100, 44100, { numChannels: 8, quality: AudioResamplerQuality.QUICK });
    expect(s.latency).toBe(0);
    s.close();
  });

  it.each([
    ['inputRate', [999, 16000], /inputRate must be an integer in 1000\.\.768000, got 999/],
    ['inputRate', [48000.5, 16000], /inputRate must be .*got 48000\.5/],
    ['inputRate', [NaN, 16000], /inputRate must be .*got NaN/],
    ['outputRate', [48000, 768001], /outputRate must be an integer in 1000\.\.768000, got 768001/],
    ['numChannels', [48000, 16000, { numChannels: 0 }], /numChannels must be an integer in 1\.\.8 \(the resampler supports up to 8 channels\), got 0/],
    ['numChannels', [48000, 16000, { numChannels: 9 }], /numChannels must be .*up to 8 channels\), got 9/],
    ['numChannels', [48000, 16000, { numChannels: 1.5 }], /numChannels .*got 1\.5/],
    ['quality', [48000, 16000, { quality: 5 }], /quality must be one of AudioResamplerQuality \(QUICK = 0, .*VERY_HIGH = 4\), got 5/],
  ])('rejects a bad %s with a RangeError naming it', (_name, args, message) => {
    expect(() => new AudioResampler(...args)).toThrow(RangeError);
    expect(() => new AudioResampler(...args)).toThrow(message);
  });

  it.each([
    [['48000', 16000], /inputRate must be a number/],
    [[48000, undefined], /outputRate must be a number/],
    [[48000, 16000, null], /options must be an object/],
    [[48000, 16000, { numChannels: '2' }], /numChannels must be a number/],
    [[48000, 16000, { quality: 'high' }], /quality must be a number/],
  ])('rejects a wrong type with a TypeError: %j', (args, message) => {
    expect(() => new AudioResampler(...args)).toThrow(TypeError);
    expect(() => new AudioResampler(...args)).toThrow(message);
  });
});

describe('AudioResampler.push / flush', () => {
  it('rejects what is not a frame and frames of another format', () => {
    const r = new AudioResampler(48000, 16000, { numChannels: 2 });
    expect(() => r.push({ sampleRate: 48000 })).toThrow(TypeError);
    expect(() => r.push(AudioFrame.create(44100, 2, 10))).toThrow(
      "frame.sampleRate must be 48000 (the resampler's inputRate), got 44100",
    );
    expect(() => r.push(AudioFrame.create(48000, 1, 10))).toThrow(RangeError);
    expect(() => r.push(AudioFrame.create(48000, 1, 10))).toThrow(/frame\.numChannels must be 2 .*got 1/);
    r.close();
  });

  it('returns [] for an empty frame and for a flush with nothing pending', () => {
    const r = new AudioResampler(16000, 48000);
    expect(r.push(AudioFrame.create(16000, 1, 0))).toEqual([]);
    expect(r.flush()).toEqual([]);
    r.close();
  });

  it('passes samples through bit-exact at equal rates', () => {
    const rnd = random(1);
    const data = Int16Array.from({ length: 2 * 1000 }, () => Math.floor(rnd() * 65536) - 32768);
    const r = new AudioResampler(24000, 24000, { numChannels: 2, quality: AudioResamplerQuality.VERY_HIGH });
    expect(run(r, data, [1, 499, 0, 300, 200])).toEqual(data);
    r.close();
  });

  it.each([
    [48000, 16000, 1],
    [16000, 48000, 2],
    [44100, 48000, 2],
    [48000, 44100, 1],
    [8000, 22050, 3],
    [96000, 44100, 8],
    [44101, 48000, 1],
  ])('outputs exactly round(input x out / in) frames: %i -> %i Hz, %i ch', (inRate, outRate, ch) => {
    const rnd = random(inRate + outRate + ch);
    for (const quality of [AudioResamplerQuality.QUICK, AudioResamplerQuality.MEDIUM]) {
      const r = new AudioResampler(inRate, outRate, { numChannels: ch, quality });
      for (let trial = 0; trial < 4; trial++) {
        const chunks = Array.from({ length: 1 + Math.floor(rnd() * 12) }, () => Math.floor(rnd() * 900));
        const frames = chunks.reduce((a, b) => a + b, 0);
        const out = run(r, new Int16Array(frames * ch).fill(1234), chunks);
        expect(out.length / ch).toBe(Math.round((frames * outRate) / inRate));
      }
      r.close();
    }
  });

  it('is as new after a flush: the same input gives the same output, however it is chunked', () => {
    const data = tone(997, 44100, 6000, 0.5, 2);
    const r = new AudioResampler(44100, 48000, { numChannels: 2, quality: AudioResamplerQuality.HIGH });
    const first = run(r, data, [6000]);
    const second = run(r, data, [441, 441, 1, 2000, 3117]);
    expect(second).toEqual(first);
    r.close();
  });

  it('handles one large frame (sliced inside) like many small ones', () => {
    const data = tone(440, 16000, 40000, 0.3);
    const a = new AudioResampler(16000, 48000);
    const b = new AudioResampler(16000, 48000);
    expect(run(a, data, [40000])).toEqual(run(b, data, Array(250).fill(160)));
    a.close();
    b.close();
  });

  it('converts a 1 kHz tone 48 kHz -> 16 kHz cleanly (int16 in and out)', () => {
    const amplitude = 10 ** (-1 / 20);
    const r = new AudioResampler(48000, 16000);
    const out = run(r, tone(1000, 48000, 48000, amplitude), Array(100).fill(480));
    // Fit a*sin + b*cos at 1 kHz over the steady middle; the residual is noise + distortion.
    let ss = 0, sc = 0, cc = 0, xs = 0, xc = 0;
    const w = (2 * Math.PI * 1000) / 16000;
    for (let n = 1000; n < 15000; n++) {
      const s = Math.sin(w * n), c = Math.cos(w * n), x = out[n] / 32768;
      ss += s * s; sc += s * c; cc += c * c; xs += x * s; xc += x * c;
    }
    const det = ss * cc - sc * sc;
    const a = (xs * cc - xc * sc) / det;
    const b = (xc * ss - xs * sc) / det;
    let res = 0;
    for (let n = 1000; n < 15000; n++) {
      const e = out[n] / 32768 - (a * Math.sin(w * n) + b * Math.cos(w * n));
      res += e * e;
    }
    const amp = Math.hypot(a, b);
    expect(20 * Math.log10(amp / amplitude)).toBeCloseTo(0, 1);
    // Both int16 quantisations (input and output) set the floor here: about -94 dB.
    expect(10 * Math.log10(res / 14000 / (amp * amp / 2))).toBeLessThan(-90);
    r.close();
  });

  it('keeps channels independent', () => {
    const stereo = tone(500, 48000, 4800, 0.5, 2); // right = -left
    const r = new AudioResampler(48000, 32000, { numChannels: 2 });
    const out = run(r, stereo, [4800]);
    for (let i = 0; i < out.length; i += 2) expect(out[i + 1]).toBeCloseTo(-out[i], -0.5);
    r.close();
  });
});

describe('AudioResampler.close', () => {
  it('is idempotent and later calls throw an Error', () => {
    const r = new AudioResampler(48000, 16000);
    r.close();
    r.close();
    expect(() => r.push(AudioFrame.create(48000, 1, 480))).toThrow(/AudioResampler is closed/);
    expect(() => r.flush()).toThrow(/AudioResampler is closed/);
  });
});

describe('resampler kernels inside wasm', () => {
  it('the wasm_simd128 kernel matches the scalar specification bit for bit', async () => {
    const core = await loadAudioCore();
    const parity = core.resamplerKernelParity(12345, 3000);
    expect(parity.simd).toBe(true);
    expect(parity.compared).toBeGreaterThan(3000 * 2); // 1..4 rows per trial
    expect(parity.mismatches).toBe(0);
  });

  it('exposes the core resampler for worklets: planar float, drift nudges, exact input needs', async () => {
    const core = await loadAudioCore();
    const r = new core.AudioResamplerCore();
    expect(r.create(44100, 48000, 2, 2, true)).toBe(0);
    expect(r.isInterpolating()).toBe(true);
    expect(r.setRatioAdjustment(250)).toBe(0);
    expect(r.setRatioAdjustment(5000)).toBe(20); // INVALID_RATIO_ADJUSTMENT
    const need = r.inputFramesNeeded(128);
    const ptrs = core._malloc(16);
    const bufs = [0, 1, 2, 3].map(() => core._malloc(4 * 512));
    core.HEAPU32.set(bufs, ptrs >> 2);
    core.HEAPF32.fill(0.25, bufs[0] >> 2, (bufs[0] >> 2) + need);
    core.HEAPF32.fill(-0.25, bufs[1] >> 2, (bufs[1] >> 2) + need);
    const produced = r.processPlanarF32(ptrs, need, ptrs + 8, 512);
    expect(r.lastInputFrames()).toBe(need);
    expect(produced).toBeGreaterThanOrEqual(128);
    bufs.forEach((p) => core._free(p));
    core._free(ptrs);
    r.delete();
  });
});
