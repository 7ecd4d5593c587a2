// AudioSource: every rule of SPEC.md's "AudioSource" section, on a ManualClock (exact,
// fast, deterministic). Real-clock timing: audio-source-realtime.test.js.
//
// Clock playout plays step n (10 ms) at start + n x 10 ms, where start is when the first
// audio was queued; a step plays the audio of [t, t + 10 ms), so after advance(t) the
// source has consumed t + 10 ms of a long enough queue.
import { describe, expect, it } from 'vitest';
import { AudioFrame, AudioSource, ManualClock } from '../../js/index.js';
import { PLAYOUT_TAP } from '../../js/audio-source.js';

/** A frame whose sample i (interleaved) is start + i, wrapping in int16. */
function ramp(rate, channels, frames, start = 0) {
  const data = new Int16Array(frames * channels);
  for (let i = 0; i < data.length; i++) data[i] = ((start + i + 32768) % 65536) - 32768;
  return new AudioFrame(data, rate, channels, frames);
}

function make(rate, channels, queueSizeMs) {
  const clock = new ManualClock();
  const source = new AudioSource(rate, channels, { queueSizeMs, clock });
  return { clock, source };
}

/** Records every played step from the source's tap. */
function tap(source) {
  const steps = [];
  source[PLAYOUT_TAP]((step) => steps.push(step));
  return {
    steps,
    played: () => {
      const out = [];
      for (const s of steps) for (let i = 0; i < s.playedFrames * (s.samples.length / s.frames); i++) out.push(s.samples[i]);
      return out;
    },
  };
}

/** Tracks when each promise settles (clock time), without awaiting it. */
function watch(clock, promise) {
  const w = { done: false, at: null, error: null };
  promise.then(
    () => Object.assign(w, { done: true, at: clock.now() }),
    (e) => Object.assign(w, { done: true, at: clock.now(), error: e }),
  );
  return w;
}

const settle = () => new Promise((r) => setImmediate(r));

describe('AudioSource construction', () => {
  it('validates sampleRate and numChannels like AudioFrame', () => {
    expect(() => new AudioSource(999, 1)).toThrow(new RangeError('sampleRate must be an integer in 1000..768000, got 999'));
    expect(() => new AudioSource(768001, 1)).toThrow(RangeError);
    expect(() => new AudioSource(44100.5, 1)).toThrow(RangeError);
    expect(() => new AudioSource(NaN, 1)).toThrow(RangeError);
    expect(() => new AudioSource('48000', 1)).toThrow(TypeError);
    expect(() => new AudioSource(48000, 0)).toThrow(new RangeError('numChannels must be an integer in 1..32, got 0'));
    expect(() => new AudioSource(48000, 33)).toThrow(RangeError);
    expect(() => new AudioSource(48000, 1.5)).toThrow(RangeError);
    expect(() => new AudioSource(48000, null)).toThrow(TypeError);
  });

  it('takes queueSizeMs as an integer in 0..60000 (any integer, not only multiples of 10)', async () => {
    for (const bad of [-1, 60001, 1.5, NaN, Infinity]) {
      expect(() => new AudioSource(48000, 1, { queueSizeMs: bad })).toThrow(new RangeError(`queueSizeMs must be an integer in 0..60000, got ${bad}`));
    }
    expect(() => new AudioSource(48000, 1, { queueSizeMs: '100' })).toThrow(TypeError);
    for (const ok of [0, 1, 15, 60000]) {
      const s = new AudioSource(48000, 1, { queueSizeMs: ok, clock: new ManualClock() });
      expect(s.queueSizeMs).toBe(ok);
      await s.aclose();
    }
    const s = new AudioSource(16000, 2, { clock: new ManualClock() });
    expect([s.sampleRate, s.numChannels, s.queueSizeMs]).toEqual([16000, 2, 1000]);
    await s.aclose();
  });

  it('checks the options object, context and clock', () => {
    expect(() => new AudioSource(48000, 1, null)).toThrow(TypeError);
    expect(() => new AudioSource(48000, 1, 5)).toThrow(/options must be an object/);
    expect(() => new AudioSource(48000, 1, { context: {} })).toThrow(/options.context must be an AudioContext/);
    expect(() => new AudioSource(48000, 1, { clock: { now() {} } })).toThrow(/options.clock must have now\(\), setTimer/);
  });

  it('plays on a real-time clock in Node, with no AudioContext', async () => {
    const s = new AudioSource(48000, 1);
    expect(s.context).toBeNull();
    expect(s.stats.transport).toBe('local');
    expect(s.stats.outputSampleRate).toBe(48000);
    await s.aclose();
  });
});

describe('captureFrame', () => {
  it('throws TypeError for a non-frame and rejects RangeError for a format mismatch', async () => {
    const { source } = make(48000, 2, 100);
    expect(() => source.captureFrame({ data: new Int16Array(2) })).toThrow(new TypeError('frame must be an AudioFrame, got Object object'));
    expect(() => source.captureFrame(null)).toThrow(TypeError);
    await expect(source.captureFrame(AudioFrame.create(44100, 2, 441))).rejects.toThrow(
      new RangeError("frame.sampleRate must be 48000 (the source's sample rate), got 44100"),
    );
    await expect(source.captureFrame(AudioFrame.create(48000, 1, 480))).rejects.toThrow(
      new RangeError("frame.numChannels must be 2 (the source's channel count), got 1"),
    );
    expect(source.stats.capturedSamples).toBe(0);
    await source.aclose();
  });

  it('resolves a frame with 0 samples at once and changes nothing', async () => {
    const { source, clock } = make(48000, 1, 100);
    await source.captureFrame(AudioFrame.create(48000, 1, 960));
    const before = source.stats;
    const w = watch(clock, source.captureFrame(AudioFrame.create(48000, 1, 0)));
    await settle();
    expect(w.done).toBe(true);
    expect(source.stats).toEqual(before);
    await source.aclose();
  });

  it('copies the samples before returning: the caller may reuse the frame', async () => {
    const { source, clock } = make(8000, 1, 100);
    const t = tap(source);
    const frame = ramp(8000, 1, 80, 100);
    const p = source.captureFrame(frame);
    frame.data.fill(-1);
    await p;
    await clock.advance(20);
    expect(t.played()).toEqual(Array.from({ length: 80 }, (_, i) => 100 + i));
    await source.aclose();
  });

  it('20 ms frames on a 100 ms queue return at once until 100 ms is queued, then every 20 ms', async () => {
    const { source, clock } = make(48000, 1, 100);
    const times = [];
    let stop = false;
    const producer = (async () => {
      while (!stop) {
        await source.captureFrame(AudioFrame.create(48000, 1, 960));
        times.push(clock.now());
      }
    })();
    await clock.advance(200);
    stop = true;
    await clock.advance(20);
    await producer;
    expect(times.slice(0, 5)).toEqual([0, 0, 0, 0, 0]);
    // Frame 6 resolves once 20 ms were consumed (steps at 0 and 10 ms), then every 20 ms.
    expect(times.slice(5, 12)).toEqual([10, 30, 50, 70, 90, 110, 130]);
    await source.aclose();
  });

  it('a 500 ms frame on a 100 ms queue resolves once 400 ms have played; 5 s on 1 s after 4 s', async () => {
    for (const [frameMs, queueMs] of [
      [500, 100],
      [5000, 1000],
    ]) {
      const { source, clock } = make(16000, 2, queueMs);
      const w = watch(clock, source.captureFrame(AudioFrame.create(16000, 2, (16000 * frameMs) / 1000)));
      await clock.advance(frameMs - queueMs - 20);
      expect(w.done).toBe(false);
      await clock.advance(10);
      // The step at t consumes [t, t + 10 ms): 400 ms consumed at t = 390 ms.
      expect(w.done).toBe(true);
      expect(w.at).toBe(frameMs - queueMs - 10);
      expect(source.queuedDuration).toBeCloseTo(queueMs / 1000, 9);
      await source.aclose();
    }
  });

  it('serves concurrent calls in call order', async () => {
    const { source, clock } = make(8000, 1, 50);
    const t = tap(source);
    const order = [];
    const frames = [400, 80, 240, 8, 160].map((n, k) => ramp(8000, 1, n, 1000 * k));
    const promises = frames.map((f, k) => source.captureFrame(f).then(() => order.push(k)));
    await clock.advance(2000);
    await Promise.all(promises);
    expect(order).toEqual([0, 1, 2, 3, 4]);
    expect(t.played()).toEqual(frames.flatMap((f) => Array.from(f.data)));
    await source.aclose();
  });

  it('resolves each capture only when the queue before and including it is at most queueSizeMs', async () => {
    const { source, clock } = make(1000, 1, 30);
    const a = watch(clock, source.captureFrame(AudioFrame.create(1000, 1, 50))); // 50 ms > 30 ms
    const b = watch(clock, source.captureFrame(AudioFrame.create(1000, 1, 1))); // small, but after a
    await settle();
    expect([a.done, b.done]).toEqual([false, false]);
    await clock.advance(10); // 20 ms consumed: 30 ms of a remain
    expect([a.done, b.done]).toEqual([true, false]);
    expect(a.at).toBe(10);
    await clock.advance(10); // 30 ms consumed: 21 ms remain
    expect(b.done).toBe(true);
    await source.aclose();
  });
});

describe('direct mode (queueSizeMs = 0)', () => {
  it('takes only exact 10 ms frames and resolves them at once', async () => {
    for (const [rate, expected] of [
      [48000, 480],
      [44100, 441],
      [16000, 160],
      [22050, 220],
    ]) {
      const { source, clock } = make(rate, 1, 0);
      await expect(source.captureFrame(AudioFrame.create(rate, 1, expected * 2))).rejects.toThrow(
        new RangeError(`direct capture requires 10ms frames: got ${expected * 2}, expected ${expected}`),
      );
      await expect(source.captureFrame(AudioFrame.create(rate, 1, expected - 1))).rejects.toThrow(RangeError);
      const w = watch(clock, source.captureFrame(AudioFrame.create(rate, 1, expected)));
      await settle();
      expect(w.done && w.error === null).toBe(true);
      expect(source.stats.capturedSamples).toBe(expected);
      await source.aclose();
    }
  });

  it('plays frames the caller paces, and drops (and counts) what runs more than its ring ahead', async () => {
    const { source, clock } = make(48000, 1, 0);
    const t = tap(source);
    // A caller that keeps one frame ahead of the clock.
    await source.captureFrame(ramp(48000, 1, 480, 0));
    for (let k = 1; k < 6; k++) {
      await source.captureFrame(ramp(48000, 1, 480, k * 480));
      await clock.advance(10);
    }
    expect(source.stats.underruns).toBe(0);
    expect(source.stats.droppedSamples).toBe(0);
    expect(t.played()).toEqual(Array.from({ length: 2880 }, (_, i) => ((i + 32768) % 65536) - 32768));
    // 30 frames at once: the 200 ms ring fills up, the rest is dropped.
    for (let k = 0; k < 30; k++) await source.captureFrame(AudioFrame.create(48000, 1, 480));
    const s = source.stats;
    expect(s.queuedSamples).toBe(9600);
    expect(s.droppedSamples).toBeGreaterThan(0);
    expect(s.droppedSamples).toBe(s.capturedSamples - s.playedSamples - s.queuedSamples);
    expect(s.clearedSamples).toBe(0);
    await source.aclose();
  });
});

describe('playout', () => {
  it('plays a tail shorter than 10 ms right away', async () => {
    const { source, clock } = make(48000, 1, 1000);
    const t = tap(source);
    await source.captureFrame(ramp(48000, 1, 100, 7)); // 2.1 ms
    const w = watch(clock, source.waitForPlayout());
    await clock.advance(0);
    expect(w.done).toBe(true);
    expect(t.played()).toEqual(Array.from({ length: 100 }, (_, i) => 7 + i));
    // The step that played it is 10 ms: the tail, then silence.
    expect(t.steps[0].frames).toBe(480);
    expect(Array.from(t.steps[0].samples.subarray(100))).toEqual(new Array(380).fill(0));
    await source.aclose();
  });

  it('plays silence on an underrun (never stale audio) and counts the gap when audio follows', async () => {
    const { source, clock } = make(1000, 1, 1000);
    const t = tap(source);
    await source.captureFrame(ramp(1000, 1, 25, 1)); // 25 ms
    await clock.advance(50); // runs dry at 25 ms
    expect(source.stats.underruns).toBe(0); // maybe the end of the stream
    await source.captureFrame(ramp(1000, 1, 20, 100)); // audio follows: it was a gap
    await clock.advance(50);
    const s = source.stats;
    expect(s.underruns).toBe(1);
    const out = t.steps.flatMap((st) => Array.from(st.samples));
    expect(out.slice(0, 25)).toEqual(Array.from({ length: 25 }, (_, i) => 1 + i));
    // The step at 20 ms pads 5 frames; the step at 30 ms finds nothing and stops the loop.
    expect(out.slice(25, 40)).toEqual(new Array(15).fill(0));
    expect(out.slice(40, 60)).toEqual(Array.from({ length: 20 }, (_, i) => 100 + i));
    expect(s.playedSamples).toBe(45);
    expect(s.silenceSamples).toBe(5 + 10 + 10); // the pad, the empty step, the final empty step
    await source.aclose();
  });

  it('does not count the end of a stream, a pause of a second or more, a clear, or a pause after waitForPlayout', async () => {
    const { source, clock } = make(1000, 1, 1000);
    await source.captureFrame(AudioFrame.create(1000, 1, 30));
    await clock.advance(1100);
    await source.captureFrame(AudioFrame.create(1000, 1, 30));
    await clock.advance(10);
    source.clearQueue();
    await source.captureFrame(AudioFrame.create(1000, 1, 30));
    const drained = source.waitForPlayout();
    await clock.advance(100);
    await drained; // the producer said it was done: what follows is a new stream
    await source.captureFrame(AudioFrame.create(1000, 1, 30));
    await clock.advance(100);
    expect(source.stats.underruns).toBe(0);
    // Without the waitForPlayout, the same 70 ms pause is a gap.
    await source.captureFrame(AudioFrame.create(1000, 1, 30));
    await clock.advance(100);
    expect(source.stats.underruns).toBe(1);
    await source.aclose();
  });

  it('keeps playing without gaps while the queue has data (a paced producer never underruns)', async () => {
    const { source, clock } = make(44100, 2, 60);
    const t = tap(source);
    let stop = false;
    let k = 0;
    const producer = (async () => {
      while (!stop) await source.captureFrame(ramp(44100, 2, 441 * 3, 2 * 441 * 3 * k++));
    })();
    await clock.advance(3000);
    expect(source.stats.underruns).toBe(0);
    expect(source.stats.silenceSamples).toBe(0);
    stop = true;
    await clock.advance(100);
    await producer;
    const played = t.played();
    expect(played.length).toBe(source.stats.playedSamples * 2);
    for (let i = 1; i < played.length; i++) {
      if (played[i] !== ((played[i - 1] + 1 + 32768) % 65536) - 32768) throw new Error(`discontinuity at ${i}`);
    }
    await source.aclose();
  });
});

describe('queuedDuration, clearQueue, waitForPlayout', () => {
  it('reads queuedDuration from the real queue fill', async () => {
    const { source, clock } = make(16000, 1, 1000);
    expect(source.queuedDuration).toBe(0);
    await source.captureFrame(AudioFrame.create(16000, 1, 4800)); // 300 ms
    expect(source.queuedDuration).toBe(0.3);
    await clock.advance(100); // steps at 0..100 ms: 110 ms consumed
    expect(source.queuedDuration).toBeCloseTo(0.19, 12);
    await clock.advance(1000);
    expect(source.queuedDuration).toBe(0); // never negative
    await source.aclose();
  });

  it('clearQueue drops queued and pending audio and releases every waiter at once', async () => {
    const { source, clock } = make(8000, 1, 100);
    const t = tap(source);
    const a = watch(clock, source.captureFrame(ramp(8000, 1, 8000, 0))); // 1 s on a 100 ms queue
    const b = watch(clock, source.captureFrame(ramp(8000, 1, 800, 0)));
    const p = watch(clock, source.waitForPlayout());
    await clock.advance(50);
    expect([a.done, b.done, p.done]).toEqual([false, false, false]);
    source.clearQueue();
    await settle();
    expect([a.done, b.done, p.done]).toEqual([true, true, true]);
    expect([a.at, b.at, p.at]).toEqual([50, 50, 50]);
    expect(a.error).toBeNull();
    expect(source.queuedDuration).toBe(0);
    await clock.advance(100);
    let s = source.stats;
    expect(s.playedSamples).toBe(480); // steps 0..50 ms
    expect(s.clearedSamples).toBe(8800 - 480);
    expect(s.queuedSamples).toBe(0);
    // Next capture starts fresh and plays at once.
    await source.captureFrame(ramp(8000, 1, 80, 5000));
    await clock.advance(20);
    expect(t.played().slice(-80)).toEqual(Array.from({ length: 80 }, (_, i) => 5000 + i));
    s = source.stats;
    expect(s.capturedSamples).toBe(s.playedSamples + s.clearedSamples + s.droppedSamples + s.queuedSamples);
    await source.aclose();
  });

  it('waitForPlayout resolves when everything captured so far has played, after ~queuedDuration', async () => {
    const { source, clock } = make(48000, 2, 1000);
    await source.waitForPlayout(); // nothing queued: at once
    await source.captureFrame(AudioFrame.create(48000, 2, 14400)); // 300 ms
    const queued = source.queuedDuration;
    const w = watch(clock, source.waitForPlayout());
    await source.captureFrame(AudioFrame.create(48000, 2, 4800)); // after the call: not waited for
    await clock.advance(280);
    expect(w.done).toBe(false);
    await clock.advance(10);
    expect(w.done).toBe(true);
    expect(w.at).toBe(queued * 1000 - 10); // the step at 290 ms plays the last 10 ms
    await source.aclose();
  });
});

describe('aclose', () => {
  it('rejects pending and later captures, resolves waitForPlayout, is idempotent and stops the clock', async () => {
    const { source, clock } = make(48000, 1, 100);
    const pending = source.captureFrame(AudioFrame.create(48000, 1, 48000));
    const waiting = source.waitForPlayout();
    const first = source.aclose();
    await expect(pending).rejects.toThrow(new Error('AudioSource is closed'));
    await expect(waiting).resolves.toBeUndefined();
    await first;
    await expect(source.aclose()).resolves.toBeUndefined();
    await expect(source.captureFrame(AudioFrame.create(48000, 1, 480))).rejects.toThrow(new Error('AudioSource is closed'));
    await expect(source.captureFrame(AudioFrame.create(48000, 1, 0))).rejects.toThrow('AudioSource is closed');
    expect(() => source.captureFrame('x')).toThrow(TypeError);
    await expect(source.waitForPlayout()).resolves.toBeUndefined();
    source.clearQueue(); // a no-op
    expect(source.queuedDuration).toBe(0);
    const played = source.stats.playedSamples;
    await clock.advance(1000);
    expect(source.stats.playedSamples).toBe(played);
  });
});
