// AudioMixer (SPEC.md "AudioMixer") against the real wasm core, and the parity of
// the core's scalar and wasm_simd128 mix kernels inside the wasm build.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AudioFrame, AudioMixer, loadAudioCore } from '../../js/index.js';

const RATE = 48000;
const core = await loadAudioCore();

/** A frame of `samplesPerChannel` x `numChannels` samples, all `value`. */
function constant(value, samplesPerChannel, numChannels = 1, sampleRate = RATE) {
  const data = new Int16Array(samplesPerChannel * numChannels).fill(value);
  return new AudioFrame(data, sampleRate, numChannels, samplesPerChannel);
}

async function* fromList(frames) {
  for (const frame of frames) yield frame;
}

/** Every frame of the mixer, until its iteration ends. */
async function collect(mixer) {
  const frames = [];
  for await (const frame of mixer) frames.push(frame);
  return frames;
}

/** Lets every pending promise and I/O callback run (setImmediate is never faked here). */
async function settle() {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
}

/** Whether `promise` has settled after `settle()`. */
async function isSettled(promise) {
  let settled = false;
  promise.then(
    () => (settled = true),
    () => (settled = true),
  );
  await settle();
  return settled;
}

/** The iterator's next result, which must be available without any time passing. */
async function nextNow(it) {
  const next = it.next();
  expect(await isSettled(next), 'the next frame is ready now').toBe(true);
  return next;
}

/**
 * An async iterator the test drives: push() queues a frame, end() finishes, and `pulls`
 * counts how many times the mixer asked for the next frame.
 */
class ManualStream {
  pulls = 0;
  #queue = [];
  #waiting = [];

  push(frame) {
    const item = { value: frame, done: false };
    const waiter = this.#waiting.shift();
    if (waiter) waiter(item);
    else this.#queue.push(item);
  }

  end() {
    const item = { value: undefined, done: true };
    const waiter = this.#waiting.shift();
    if (waiter) waiter(item);
    else this.#queue.push(item);
  }

  next() {
    this.pulls++;
    if (this.#queue.length > 0) return Promise.resolve(this.#queue.shift());
    return new Promise((resolve) => this.#waiting.push(resolve));
  }

  [Symbol.asyncIterator]() {
    return this;
  }
}

/**
 * An endless stream of constant frames that counts the frames it was asked for. Each
 * frame comes one macrotask later, so a mixer that never paused would still let the test
 * (and its timeouts) run.
 */
function endless(value, samplesPerChannel, numChannels = 1) {
  return {
    pulls: 0,
    [Symbol.asyncIterator]() {
      return {
        next: () => {
          this.pulls++;
          const frame = constant(value, samplesPerChannel, numChannels);
          return new Promise((resolve) => setImmediate(() => resolve({ value: frame, done: false })));
        },
      };
    },
  };
}

function values(frame) {
  return Array.from(frame.data);
}

describe('AudioMixer construction', () => {
  it('defaults: blocksize = sampleRate / 10, streamTimeoutMs 100, capacity 100', () => {
    const mixer = new AudioMixer(48000, 2);
    expect(mixer.sampleRate).toBe(48000);
    expect(mixer.numChannels).toBe(2);
    expect(mixer.blocksize).toBe(4800);
    expect(mixer.streamTimeoutMs).toBe(100);
    expect(mixer.capacity).toBe(100);
    expect(new AudioMixer(22050, 1).blocksize).toBe(2205);
    expect(new AudioMixer(44100, 1, { blocksize: 0 }).blocksize).toBe(4410);
    expect(String(mixer)).toBe('AudioMixer(sampleRate=48000, numChannels=2, blocksize=4800, streams=0)');
    return mixer.aclose();
  });

  it('rejects bad rates and channel counts like AudioFrame does', () => {
    expect(() => new AudioMixer('48000', 1)).toThrow(TypeError);
    expect(() => new AudioMixer(500, 1)).toThrow(new RangeError('sampleRate must be an integer in 1000..768000, got 500'));
    expect(() => new AudioMixer(48000.5, 1)).toThrow(RangeError);
    expect(() => new AudioMixer(48000, 0)).toThrow(new RangeError('numChannels must be an integer in 1..32, got 0'));
    expect(() => new AudioMixer(48000, null)).toThrow(TypeError);
  });

  it('rejects bad options with messages naming the parameter, the value and the rule', () => {
    expect(() => new AudioMixer(48000, 1, null)).toThrow(TypeError);
    expect(() => new AudioMixer(48000, 1, 5)).toThrow(/options must be an object/);
    expect(() => new AudioMixer(48000, 1, { blocksize: '480' })).toThrow(TypeError);
    expect(() => new AudioMixer(48000, 1, { blocksize: -1 })).toThrow(
      new RangeError(
        'blocksize must be an integer in 0..1048576 (0 = sampleRate / 10; a block holds at most 1048576 samples over 1 channels), got -1',
      ),
    );
    expect(() => new AudioMixer(48000, 2, { blocksize: 524289 })).toThrow(/blocksize must be an integer in 0\.\.524288/);
    expect(() => new AudioMixer(48000, 1, { blocksize: 1.5 })).toThrow(RangeError);
    expect(() => new AudioMixer(48000, 1, { streamTimeoutMs: -1 })).toThrow(
      new RangeError('streamTimeoutMs must be an integer in 0..2147483647, got -1'),
    );
    expect(() => new AudioMixer(48000, 1, { streamTimeoutMs: Infinity })).toThrow(RangeError);
    expect(() => new AudioMixer(48000, 1, { capacity: -1 })).toThrow(
      new RangeError('capacity must be an integer >= 0 (0 = unbounded), got -1'),
    );
    expect(() => new AudioMixer(48000, 1, { capacity: true })).toThrow(TypeError);
    // The default block of a very fast many-channel mixer is too big: say so.
    expect(() => new AudioMixer(768000, 32)).toThrow(/blocksize 0 means sampleRate \/ 10 = 76800/);
  });
});

describe('AudioMixer mixing', () => {
  it('sums constant 100 + 200 into 300 in frames of blocksize samples per channel', async () => {
    for (const numChannels of [1, 2]) {
      const mixer = new AudioMixer(RATE, numChannels, { blocksize: 480 });
      mixer.addStream(fromList(Array.from({ length: 5 }, () => constant(100, 480, numChannels))));
      mixer.addStream(fromList(Array.from({ length: 5 }, () => constant(200, 480, numChannels))));
      mixer.endInput();
      const frames = await collect(mixer);
      expect(frames).toHaveLength(5);
      for (const frame of frames) {
        expect(frame).toBeInstanceOf(AudioFrame);
        expect(frame.samplesPerChannel).toBe(480);
        expect(frame.sampleRate).toBe(RATE);
        expect(frame.numChannels).toBe(numChannels);
        expect(frame.data.length).toBe(480 * numChannels);
        expect(frame.data.every((v) => v === 300)).toBe(true);
      }
    }
  });

  it('saturates at both ends of the int16 range', async () => {
    const mixer = new AudioMixer(RATE, 1, { blocksize: 4 });
    const a = new AudioFrame(new Int16Array([30000, -30000, 32767, -32768]), RATE, 1, 4);
    const b = new AudioFrame(new Int16Array([30000, -30000, 1, -1]), RATE, 1, 4);
    const c = new AudioFrame(new Int16Array([-30000, 30000, 0, 0]), RATE, 1, 4);
    mixer.addStream(fromList([a, a]));
    mixer.addStream(fromList([b, b]));
    mixer.addStream(fromList([new AudioFrame(new Int16Array(4), RATE, 1, 4), c]));
    mixer.endInput();
    const frames = await collect(mixer);
    expect(frames.map(values)).toEqual([
      [32767, -32768, 32767, -32768],
      // saturation happens once, after the whole sum: 30000 + 30000 - 30000 = 30000
      [30000, -30000, 32767, -32768],
    ]);
  });

  it('re-blocks 480-sample inputs into 720-sample outputs, conserving every sample over 10 s', async () => {
    const channels = 2;
    const inFrames = 480;
    const blocksize = 720;
    const totalFrames = 10 * RATE;
    const signalA = (i) => i % 20011;
    const signalB = (i) => -(i % 7919);
    function* source(signal, wrap) {
      for (let start = 0; start < totalFrames; start += inFrames) {
        const data = new Int16Array(inFrames * channels);
        for (let s = 0; s < data.length; s++) data[s] = signal(start * channels + s);
        const frame = new AudioFrame(data, RATE, channels, inFrames);
        yield wrap ? { frame } : frame; // one input yields AudioFrameEvent-like objects
      }
    }
    const mixer = new AudioMixer(RATE, channels, { blocksize });
    mixer.addStream(source(signalA, false));
    mixer.addStream(source(signalB, true));
    mixer.endInput();
    const frames = await collect(mixer);

    const blocks = Math.ceil(totalFrames / blocksize); // 667: the last one padded
    expect(frames).toHaveLength(blocks);
    expect(frames.every((f) => f.samplesPerChannel === blocksize)).toBe(true);
    const mixed = new Int16Array(blocks * blocksize * channels);
    frames.forEach((f, k) => mixed.set(f.data, k * blocksize * channels));
    let mismatches = 0;
    for (let i = 0; i < totalFrames * channels; i++) {
      if (mixed[i] !== signalA(i) + signalB(i)) mismatches++;
    }
    expect(mismatches).toBe(0);
    expect(mixed.subarray(totalFrames * channels).every((v) => v === 0)).toBe(true);
  });

  it('re-blocks frames of mixed, odd sizes without losing or repeating a sample', async () => {
    const sizes = [1, 441, 7, 1000, 3, 479, 2400, 13];
    let next = 0;
    const frames = sizes.map((n) => {
      const data = new Int16Array(n);
      for (let i = 0; i < n; i++) data[i] = (next++ % 30000) + 1;
      return new AudioFrame(data, RATE, 1, n);
    });
    const mixer = new AudioMixer(RATE, 1, { blocksize: 480 });
    mixer.addStream(fromList(frames));
    mixer.endInput();
    const out = await collect(mixer);
    const total = sizes.reduce((a, b) => a + b, 0);
    expect(out).toHaveLength(Math.ceil(total / 480));
    const joined = out.flatMap(values);
    expect(joined.slice(0, total)).toEqual(Array.from({ length: total }, (_, i) => (i % 30000) + 1));
    expect(joined.slice(total).every((v) => v === 0)).toBe(true);
  });

  it('converts input channel counts with the core remix (down-mix averages, up-mix duplicates)', async () => {
    const stereo = new AudioFrame(new Int16Array([100, 300, -2, -4]), RATE, 2, 2);
    const mono = new AudioMixer(RATE, 1, { blocksize: 2 });
    mono.addStream(fromList([stereo]));
    mono.endInput();
    expect((await collect(mono)).map(values)).toEqual([[200, -3]]);

    const up = new AudioMixer(RATE, 2, { blocksize: 2 });
    up.addStream(fromList([new AudioFrame(new Int16Array([5, -7]), RATE, 1, 2)]));
    up.addStream(fromList([stereo]));
    up.endInput();
    expect((await collect(up)).map(values)).toEqual([[105, 305, -9, -11]]);
  });

  it('takes only the declared samples of a frame with a longer buffer', async () => {
    const mixer = new AudioMixer(RATE, 1, { blocksize: 2 });
    mixer.addStream(fromList([new AudioFrame(new Int16Array([1, 2, 99, 99]), RATE, 1, 2)]));
    mixer.endInput();
    expect((await collect(mixer)).map(values)).toEqual([[1, 2]]);
  });
});

describe('AudioMixer timing semantics', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('gives a stream that misses streamTimeoutMs zeros for that block while the others continue', async () => {
    const a = new ManualStream();
    const b = new ManualStream();
    const mixer = new AudioMixer(RATE, 1, { blocksize: 480, streamTimeoutMs: 50 });
    mixer.addStream(a);
    mixer.addStream(b);
    const it = mixer[Symbol.asyncIterator]();

    a.push(constant(100, 480));
    b.push(constant(200, 480));
    expect(values((await nextNow(it)).value).every((v) => v === 300)).toBe(true);

    // b delivers nothing: the mixer waits streamTimeoutMs for it, then mixes a alone.
    a.push(constant(100, 480));
    const third = it.next();
    expect(await isSettled(third)).toBe(false);
    await vi.advanceTimersByTimeAsync(49);
    expect(await isSettled(third)).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(await isSettled(third)).toBe(true);
    const timedOut = (await third).value;
    expect(timedOut.samplesPerChannel).toBe(480);
    expect(timedOut.data.every((v) => v === 100)).toBe(true);

    // While b's frame is still outstanding the mixer does not wait for it again.
    a.push(constant(100, 480));
    expect(values((await nextNow(it)).value).every((v) => v === 100)).toBe(true);

    // b comes back: its late frame is mixed, not lost.
    b.push(constant(200, 480));
    a.push(constant(100, 480));
    expect(values((await nextNow(it)).value).every((v) => v === 300)).toBe(true);
    await mixer.aclose();
  });

  it('mixes the part of a block a timed-out stream has, and silence for the rest', async () => {
    const a = new ManualStream();
    const b = new ManualStream();
    const mixer = new AudioMixer(RATE, 1, { blocksize: 4, streamTimeoutMs: 20 });
    mixer.addStream(a);
    mixer.addStream(b);
    const it = mixer[Symbol.asyncIterator]();
    a.push(new AudioFrame(new Int16Array([1, 1, 1, 1]), RATE, 1, 4));
    b.push(new AudioFrame(new Int16Array([10, 20]), RATE, 1, 2));
    const next = it.next();
    expect(await isSettled(next)).toBe(false);
    await vi.advanceTimersByTimeAsync(20);
    expect(await isSettled(next)).toBe(true);
    expect(values((await next).value)).toEqual([11, 21, 1, 1]);
    await mixer.aclose();
  });

  it('resets a stream timeout each time the stream delivers a frame', async () => {
    const a = new ManualStream();
    const mixer = new AudioMixer(RATE, 1, { blocksize: 30, streamTimeoutMs: 50 });
    mixer.addStream(a);
    const it = mixer[Symbol.asyncIterator]();
    const first = it.next();
    // Three 10-sample frames 40 ms apart: each arrives within the timeout of the last.
    for (let k = 0; k < 3; k++) {
      await vi.advanceTimersByTimeAsync(40);
      expect(await isSettled(first)).toBe(false);
      a.push(constant(7, 10));
    }
    expect(await isSettled(first)).toBe(true);
    const frame = (await first).value;
    expect(frame.data.every((v) => v === 7)).toBe(true);
    await mixer.aclose();
  });

  it('emits nothing while no input has data', async () => {
    const mixer = new AudioMixer(RATE, 1, { blocksize: 480, streamTimeoutMs: 10 });
    const it = mixer[Symbol.asyncIterator]();
    const first = it.next();
    // No stream at all.
    await vi.advanceTimersByTimeAsync(1000);
    expect(await isSettled(first)).toBe(false);
    // Two streams that deliver nothing: every timeout passes, still nothing.
    const a = new ManualStream();
    const b = new ManualStream();
    mixer.addStream(a);
    mixer.addStream(b);
    await vi.advanceTimersByTimeAsync(1000);
    expect(await isSettled(first)).toBe(false);
    // Data arrives: output starts (b, still silent, contributes zeros after its timeout).
    a.push(constant(5, 480));
    await vi.advanceTimersByTimeAsync(10);
    expect(await isSettled(first)).toBe(true);
    const frame = (await first).value;
    expect(frame.data.every((v) => v === 5)).toBe(true);
    await mixer.aclose();
  });

  it('with capacity 2 and no consumer, pauses after 2 frames, and resumes when one is read', async () => {
    const source = endless(1, 480);
    const mixer = new AudioMixer(RATE, 1, { blocksize: 480, capacity: 2 });
    mixer.addStream(source);
    await settle();
    await vi.advanceTimersByTimeAsync(1000);
    // Exactly two blocks' worth was read: the mixer stopped pulling.
    expect(source.pulls).toBe(2);
    const it = mixer[Symbol.asyncIterator]();
    expect(values((await nextNow(it)).value).every((v) => v === 1)).toBe(true);
    await settle();
    expect(source.pulls).toBe(3);
    await vi.advanceTimersByTimeAsync(1000);
    expect(source.pulls).toBe(3);
    await mixer.aclose();
  });

  it('with capacity 0 mixes without bound', async () => {
    const mixer = new AudioMixer(RATE, 1, { blocksize: 10, capacity: 0 });
    const source = new ManualStream();
    mixer.addStream(source);
    for (let k = 0; k < 150; k++) source.push(constant(k, 10));
    await settle();
    expect(source.pulls).toBe(151);
    source.end();
    mixer.endInput();
    const frames = await collect(mixer);
    expect(frames.map((f) => f.data[0])).toEqual(Array.from({ length: 150 }, (_, k) => k));
  });
});

describe('AudioMixer lifecycle', () => {
  it('endInput ends the iteration once every input is exhausted', async () => {
    const a = new ManualStream();
    const mixer = new AudioMixer(RATE, 1, { blocksize: 4 });
    mixer.addStream(a);
    mixer.addStream(fromList([constant(1, 6)]));
    mixer.endInput();
    const it = mixer[Symbol.asyncIterator]();
    a.push(constant(2, 4));
    expect(values((await it.next()).value)).toEqual([3, 3, 3, 3]);
    a.push(constant(2, 4));
    // The last 2 samples of the finished list stream, padded with silence.
    expect(values((await it.next()).value)).toEqual([3, 3, 2, 2]);
    const last = it.next();
    expect(await isSettled(last)).toBe(false); // `a` has not ended yet
    a.end();
    expect(await isSettled(last)).toBe(true);
    expect(await last).toEqual({ value: undefined, done: true });
    expect(await it.next()).toEqual({ value: undefined, done: true });
  });

  it('does not end when inputs are exhausted but endInput was not called', async () => {
    const mixer = new AudioMixer(RATE, 1, { blocksize: 4 });
    mixer.addStream(fromList([constant(1, 4)]));
    const it = mixer[Symbol.asyncIterator]();
    expect(values((await it.next()).value)).toEqual([1, 1, 1, 1]);
    const next = it.next();
    expect(await isSettled(next)).toBe(false);
    mixer.addStream(fromList([constant(3, 4)])); // more input may still come
    expect(values((await next).value)).toEqual([3, 3, 3, 3]);
    mixer.endInput();
    expect((await it.next()).done).toBe(true);
  });

  it('endInput with no inputs ends the iteration immediately', async () => {
    const mixer = new AudioMixer(RATE, 1);
    mixer.endInput();
    expect(await nextNow(mixer[Symbol.asyncIterator]())).toEqual({ value: undefined, done: true });
    expect(await collect(mixer)).toEqual([]);
    // and ends a consumer that was already waiting
    const waiting = new AudioMixer(RATE, 1);
    const next = waiting[Symbol.asyncIterator]().next();
    expect(await isSettled(next)).toBe(false);
    waiting.endInput();
    expect(await isSettled(next)).toBe(true);
    expect(await next).toEqual({ value: undefined, done: true });
  });

  it('aclose ends a waiting consumer', async () => {
    const mixer = new AudioMixer(RATE, 1, { blocksize: 480 });
    const stalled = new ManualStream();
    mixer.addStream(stalled);
    const consumer = collect(mixer);
    expect(await isSettled(consumer)).toBe(false);
    await mixer.aclose();
    expect(await isSettled(consumer)).toBe(true);
    expect(await consumer).toEqual([]);
    await mixer.aclose(); // idempotent
  });

  it('aclose drops unread frames', async () => {
    const mixer = new AudioMixer(RATE, 1, { blocksize: 4 });
    mixer.addStream(fromList([constant(1, 8)]));
    await settle();
    await mixer.aclose();
    expect(await collect(mixer)).toEqual([]);
  });

  it('addStream after aclose or endInput throws Error', async () => {
    const closed = new AudioMixer(RATE, 1);
    await closed.aclose();
    expect(() => closed.addStream(fromList([]))).toThrow(Error);
    expect(() => closed.addStream(fromList([]))).toThrow('AudioMixer is closed: addStream() cannot be called after aclose()');
    const ended = new AudioMixer(RATE, 1);
    ended.endInput();
    expect(() => ended.addStream(fromList([]))).toThrow('AudioMixer input has ended: addStream() cannot be called after endInput()');
  });

  it('addStream rejects what is not an iterable of frames', async () => {
    const mixer = new AudioMixer(RATE, 1);
    expect(() => mixer.addStream(42)).toThrow(TypeError);
    expect(() => mixer.addStream(null)).toThrow(/stream must be an async iterable of AudioFrame or \{ frame: AudioFrame \} objects, got null/);
    expect(() => mixer.addStream({ [Symbol.asyncIterator]: () => 5 })).toThrow(TypeError);
    await mixer.aclose();
  });

  it('accepts a synchronous iterable, and ignores adding the same stream twice', async () => {
    const mixer = new AudioMixer(RATE, 1, { blocksize: 2 });
    const list = [constant(4, 2)];
    mixer.addStream(list);
    mixer.addStream(list);
    mixer.endInput();
    expect((await collect(mixer)).map(values)).toEqual([[4, 4]]);
  });

  it('removeStream stops mixing a stream and drops what it had buffered', async () => {
    const mixer = new AudioMixer(RATE, 1, { blocksize: 4 });
    const a = new ManualStream();
    const b = new ManualStream();
    mixer.addStream(a);
    mixer.addStream(b);
    const it = mixer[Symbol.asyncIterator]();
    a.push(constant(1, 4));
    b.push(constant(10, 6)); // 2 samples left over in b after the first block
    expect(values((await it.next()).value)).toEqual([11, 11, 11, 11]);
    mixer.removeStream(b);
    mixer.removeStream(b); // unknown now: ignored
    mixer.removeStream({}); // never added: ignored
    a.push(constant(1, 4));
    expect(values((await it.next()).value)).toEqual([1, 1, 1, 1]);
    await mixer.aclose();
  });

  it('an input that throws: frames already mixed are delivered, then the error', async () => {
    const boom = new Error('input broke');
    async function* failing() {
      yield constant(1, 4);
      throw boom;
    }
    const mixer = new AudioMixer(RATE, 1, { blocksize: 4 });
    mixer.addStream(failing());
    const it = mixer[Symbol.asyncIterator]();
    expect(values((await it.next()).value)).toEqual([1, 1, 1, 1]);
    await expect(it.next()).rejects.toBe(boom);
    expect(await it.next()).toEqual({ value: undefined, done: true });
    expect(() => mixer.addStream([])).toThrow(/stopped after an input failed/);
  });

  it('an input that yields something other than a frame fails the mixer with a TypeError', async () => {
    const mixer = new AudioMixer(RATE, 1, { blocksize: 4 });
    mixer.addStream(fromList([42]));
    await expect(collect(mixer)).rejects.toThrow(
      new TypeError('an AudioMixer input must yield AudioFrame or { frame: AudioFrame } objects, got 42'),
    );
  });

  it('breaking out of for await closes the mixer', async () => {
    const mixer = new AudioMixer(RATE, 1, { blocksize: 4 });
    mixer.addStream(endless(2, 4));
    for await (const frame of mixer) {
      expect(frame.data[0]).toBe(2);
      break;
    }
    expect(() => mixer.addStream([])).toThrow(/is closed/);
  });
});

describe('AudioMixer sample-rate conversion (core resampler)', () => {
  /** Frames of `total` samples per channel at `rate`, `frameSize` per frame; sample(i, c). */
  function* signal(rate, channels, total, frameSize, sample) {
    for (let start = 0; start < total; start += frameSize) {
      const n = Math.min(frameSize, total - start);
      const data = new Int16Array(n * channels);
      for (let f = 0; f < n; f++) for (let c = 0; c < channels; c++) data[f * channels + c] = sample(start + f, c);
      yield new AudioFrame(data, rate, channels, n);
    }
  }

  /** All mixed samples, joined. */
  async function mixAll(mixer) {
    const frames = await collect(mixer);
    expect(frames.every((f) => f.samplesPerChannel === mixer.blocksize && f.sampleRate === mixer.sampleRate)).toBe(true);
    const out = new Int16Array(frames.length * mixer.blocksize * mixer.numChannels);
    frames.forEach((f, k) => out.set(f.data, k * f.data.length));
    return out;
  }

  /** Amplitude of the `hz` component of `x` (mono, at `rate`), by a Goertzel filter. */
  function amplitudeAt(x, rate, hz) {
    const w = (2 * Math.PI * hz) / rate;
    const coeff = 2 * Math.cos(w);
    let s1 = 0;
    let s2 = 0;
    for (let i = 0; i < x.length; i++) {
      const s0 = x[i] + coeff * s1 - s2;
      s2 = s1;
      s1 = s0;
    }
    const power = s1 * s1 + s2 * s2 - coeff * s1 * s2;
    return (2 * Math.sqrt(Math.max(power, 0))) / x.length;
  }

  /** Length of the leading run of non-zero samples; every sample after it must be zero. */
  function signalLength(x) {
    let n = 0;
    while (n < x.length && x[n] !== 0) n++;
    expect(x.subarray(n).every((v) => v === 0), 'only silence after the signal').toBe(true);
    return n;
  }

  it('mixes a 16 kHz and a 48 kHz input at 48 kHz: exact sample counts, tone frequencies preserved', async () => {
    const mixer = new AudioMixer(48000, 1, { blocksize: 480 });
    // 1 s of a 1 kHz tone at 16 kHz (160-sample frames) and a 5 kHz tone at 48 kHz.
    mixer.addStream(signal(16000, 1, 16000, 160, (i) => Math.round(8000 * Math.sin((2 * Math.PI * 1000 * i) / 16000))));
    mixer.addStream(signal(48000, 1, 48000, 480, (i) => Math.round(8000 * Math.sin((2 * Math.PI * 5000 * i) / 48000))));
    mixer.endInput();
    const out = await mixAll(mixer);
    // round(16000 x 48000 / 16000) = 48000 from the converted input: exactly 100 blocks.
    expect(out.length).toBe(48000);
    const middle = out.subarray(4800, 43200); // 0.8 s, away from the edges
    expect(amplitudeAt(middle, 48000, 1000)).toBeGreaterThan(7800); // within 0.22 dB of 8000
    expect(amplitudeAt(middle, 48000, 1000)).toBeLessThan(8200);
    expect(amplitudeAt(middle, 48000, 5000)).toBeGreaterThan(7800);
    // Not played at the wrong rate (1 kHz at 16 kHz read as 48 kHz would be 3 kHz or 333 Hz).
    expect(amplitudeAt(middle, 48000, 3000)).toBeLessThan(10);
    expect(amplitudeAt(middle, 48000, 333)).toBeLessThan(10);
  });

  it('conserves the resampler total exactly: round(n x 48000 / 16000) samples, then silence', async () => {
    const mixer = new AudioMixer(48000, 1, { blocksize: 480 });
    mixer.addStream(signal(16000, 1, 16010, 160, () => 1000)); // 16010 -> 48030: a partial last block
    mixer.endInput();
    const out = await mixAll(mixer);
    expect(out.length).toBe(101 * 480);
    expect(signalLength(out)).toBe(48030);
    expect(Math.abs(out[24000] - 1000)).toBeLessThanOrEqual(1); // DC passes at unity gain
  });

  it('remixes before resampling when the input has more channels (44.1 kHz stereo into 48 kHz mono)', async () => {
    const mixer = new AudioMixer(48000, 1, { blocksize: 480 });
    const n = 44100;
    mixer.addStream(signal(44100, 2, n, 441, (i, c) => (c === 0 ? 1200 : 800)));
    mixer.endInput();
    const out = await mixAll(mixer);
    expect(signalLength(out)).toBe(Math.round((n * 48000) / 44100));
    expect(Math.abs(out[24000] - 1000)).toBeLessThanOrEqual(1); // (1200 + 800) / 2
  });

  it('remixes after resampling when the input has fewer channels (16 kHz mono into 48 kHz stereo)', async () => {
    const mixer = new AudioMixer(48000, 2, { blocksize: 480 });
    mixer.addStream(signal(16000, 1, 8000, 160, (i) => Math.round(6000 * Math.sin((2 * Math.PI * 440 * i) / 16000))));
    mixer.endInput();
    const out = await mixAll(mixer);
    const left = out.filter((_, i) => i % 2 === 0);
    const right = out.filter((_, i) => i % 2 === 1);
    expect(right).toEqual(left); // duplicated
    expect(left.length).toBe(24000);
    expect(amplitudeAt(left.subarray(2400, 21600), 48000, 440)).toBeGreaterThan(5850);
  });

  it('resamples more channels than one core resampler takes, in channel groups', async () => {
    const channels = 10; // > core.RESAMPLER_MAX_CHANNELS (8): two groups, 8 + 2
    const mixer = new AudioMixer(48000, channels, { blocksize: 480 });
    mixer.addStream(signal(24000, channels, 2400, 240, (i, c) => 100 * (c + 1)));
    mixer.endInput();
    const out = await mixAll(mixer);
    const frames = out.length / channels;
    expect(frames).toBe(4800);
    const mid = 2400 * channels;
    for (let c = 0; c < channels; c++) {
      expect(Math.abs(out[mid + c] - 100 * (c + 1)), `channel ${c}`).toBeLessThanOrEqual(1);
      expect(out[(frames - 1) * channels + c], `last frame, channel ${c}`).not.toBe(0);
    }
  });

  it('an input that changes rate mid-stream: the old rate is flushed first, then the new one follows', async () => {
    function* changing() {
      yield* signal(16000, 1, 1600, 160, () => 1000); // -> 4800 samples at 48 kHz
      yield new AudioFrame(Int16Array.from({ length: 480 }, (_, i) => i + 1), 48000, 1, 480); // verbatim
    }
    const mixer = new AudioMixer(48000, 1, { blocksize: 480 });
    mixer.addStream(changing());
    mixer.endInput();
    const out = await mixAll(mixer);
    expect(out.length).toBe(5280);
    expect(Array.from(out.subarray(4800))).toEqual(Array.from({ length: 480 }, (_, i) => i + 1));
    expect(signalLength(out.subarray(0, 4800))).toBe(4800);
  });

  it('frees the resamplers of removed and closed inputs', async () => {
    const before = core.heapStats().inUseBytes;
    for (let k = 0; k < 50; k++) {
      const mixer = new AudioMixer(48000, 2, { blocksize: 480 });
      const a = signal(16000, 1, 16000, 160, () => 5);
      const b = signal(44100, 12, 44100, 441, () => 5);
      mixer.addStream(a);
      mixer.addStream(b);
      const it = mixer[Symbol.asyncIterator]();
      await it.next();
      mixer.removeStream(a);
      await it.next();
      await mixer.aclose();
    }
    expect(core.heapStats().inUseBytes).toBe(before);
  });
});

describe('mix kernels in the wasm build', () => {
  // A seeded generator, so a failure reproduces.
  function lcg(seed) {
    let s = seed >>> 0;
    return () => {
      s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
      return s;
    };
  }

  function reference(inputs, n) {
    const out = new Int16Array(n);
    for (let i = 0; i < n; i++) {
      let sum = 0;
      for (const input of inputs) sum += i < input.length ? input[i] : 0;
      out[i] = Math.max(-32768, Math.min(32767, sum));
    }
    return out;
  }

  /** Runs core[name] over `inputs` (Int16Arrays) into `n` samples, through the heap. */
  function runKernel(core, name, inputs, n) {
    const bytes = inputs.reduce((t, a) => t + a.byteLength, 0) + inputs.length * 8 + n * 2 + 8;
    const base = core._malloc(bytes);
    try {
      const table = base;
      let cursor = base + inputs.length * 8;
      const entries = [];
      for (const input of inputs) {
        core.HEAP16.set(input, cursor / 2);
        entries.push(cursor, input.length);
        cursor += input.byteLength;
      }
      core.HEAPU32.set(entries, table / 4);
      const out = cursor;
      core.HEAP16.fill(12345, out / 2, out / 2 + n); // garbage the kernel must overwrite
      const written = core[name](table, inputs.length, out, n);
      return { written, out: core.HEAP16.slice(out / 2, out / 2 + n) };
    } finally {
      core._free(base);
    }
  }

  it('exposes both kernels (the SIMD one is built in)', async () => {
    const core = await loadAudioCore();
    expect(typeof core.mixS16Scalar).toBe('function');
    expect(typeof core.mixS16Simd).toBe('function');
    expect(typeof core.mixS16).toBe('function');
  });

  it('scalar and wasm_simd128 kernels agree with each other and the reference', async () => {
    const core = await loadAudioCore();
    const rand = lcg(6);
    let cases = 0;
    for (const count of [1, 2, 3, 8, 17]) {
      for (const n of [0, 1, 3, 7, 8, 9, 15, 16, 17, 959, 960, 1023]) {
        for (const loud of [true, false]) {
          const peak = loud ? 32768 : Math.floor(32768 / count);
          const inputs = Array.from({ length: count }, (_, k) => {
            const length = k % 3 === 2 ? rand() % (n + 1) : n; // some inputs end early
            return Int16Array.from({ length }, () => (rand() % (2 * peak)) - peak);
          });
          const expected = reference(inputs, n);
          for (const name of ['mixS16Scalar', 'mixS16Simd', 'mixS16']) {
            const { written, out } = runKernel(core, name, inputs, n);
            expect(written, `${name} ${count} inputs x ${n}`).toBe(n);
            expect(Array.from(out), `${name} ${count} inputs x ${n} ${loud ? 'loud' : 'quiet'}`).toEqual(Array.from(expected));
          }
          cases++;
        }
      }
    }
    expect(cases).toBe(120);
  });

  it('both kernels saturate at both ends', async () => {
    const core = await loadAudioCore();
    const top = [Int16Array.from({ length: 19 }, () => 32767), Int16Array.from({ length: 19 }, () => 1)];
    const bottom = [Int16Array.from({ length: 19 }, () => -32768), Int16Array.from({ length: 19 }, () => -1)];
    for (const name of ['mixS16Scalar', 'mixS16Simd']) {
      expect(Array.from(runKernel(core, name, top, 19).out).every((v) => v === 32767)).toBe(true);
      expect(Array.from(runKernel(core, name, bottom, 19).out).every((v) => v === -32768)).toBe(true);
    }
  });
});
