// Nothing hangs: whatever state a source, stream or mixer is in -- paused clock, captures and waits
// pending, inputs that never deliver or fail, consumers waiting -- aclose() and the other
// ways out settle every promise and end every iterator. Each case races the promises it
// checks against a generous real-time limit and reports which one is still pending.
import { describe, expect, it } from 'vitest';
import { AudioFrame, AudioMixer, AudioSource, AudioStream, LocalAudioTrack, ManualClock } from '../../js/index.js';

const LIMIT_MS = 5000;

/** 'resolved' / 'rejected: <message>' / 'pending' after at most LIMIT_MS. */
function outcome(promise, limitMs = LIMIT_MS) {
  let timer;
  const limit = new Promise((resolve) => {
    timer = setTimeout(() => resolve('pending'), limitMs);
  });
  return Promise.race([
    Promise.resolve(promise).then(
      () => 'resolved',
      (e) => `rejected: ${e?.message ?? e}`,
    ),
    limit,
  ]).finally(() => clearTimeout(timer));
}

const stereo = (ms) => AudioFrame.create(48000, 2, 48 * ms);
/** An async iterable whose next() never settles (a stalled network stream). */
const stalled = () => ({ [Symbol.asyncIterator]: () => ({ next: () => new Promise(() => {}), return: () => new Promise(() => {}) }) });
async function* tone(frames, count) {
  for (let i = 0; i < count; i++) yield AudioFrame.create(48000, 1, frames);
}

describe('AudioSource: nothing hangs', () => {
  it('aclose() on a paused clock settles concurrent captures, waits and a producer loop', async () => {
    const clock = new ManualClock(); // never advanced: playout does not move
    const source = new AudioSource(48000, 2, { clock, queueSizeMs: 50 });
    await source.captureFrame(stereo(50)); // fills the queue
    const captures = [source.captureFrame(stereo(100)), source.captureFrame(stereo(10)), source.captureFrame(stereo(2000))];
    const waits = [source.waitForPlayout(), source.waitForPlayout()];
    let loops = 0;
    const producer = (async () => {
      for (;;) {
        await source.captureFrame(stereo(10));
        loops += 1;
      }
    })();
    // Still waiting for playout, as they should.
    expect(await outcome(captures[0], 50)).toBe('pending');
    expect(await outcome(waits[0], 50)).toBe('pending');
    const closes = [source.aclose(), source.aclose()];
    expect(await Promise.all(captures.map((p) => outcome(p)))).toEqual(Array(3).fill('rejected: AudioSource is closed'));
    expect(await Promise.all(waits.map((p) => outcome(p)))).toEqual(['resolved', 'resolved']);
    expect(await outcome(producer)).toBe('rejected: AudioSource is closed');
    expect(loops).toBe(0);
    expect(await Promise.all(closes.map((p) => outcome(p)))).toEqual(['resolved', 'resolved']);
    // Later calls settle at once too.
    expect(await outcome(source.captureFrame(stereo(10)))).toBe('rejected: AudioSource is closed');
    expect(await outcome(source.waitForPlayout())).toBe('resolved');
  });

  it('clearQueue() releases pending captures and waits on a paused clock; playout then resumes', async () => {
    const clock = new ManualClock();
    const source = new AudioSource(48000, 2, { clock, queueSizeMs: 20 });
    await source.captureFrame(stereo(20));
    const pending = [source.captureFrame(stereo(500)), source.waitForPlayout(), source.captureFrame(stereo(10))];
    expect(await outcome(pending[0], 50)).toBe('pending');
    source.clearQueue();
    expect(await Promise.all(pending.map((p) => outcome(p)))).toEqual(['resolved', 'resolved', 'resolved']);
    await source.captureFrame(stereo(10));
    const done = source.waitForPlayout();
    await clock.advance(30);
    expect(await outcome(done)).toBe('resolved');
    await source.aclose();
  });

  it('aclose() on the real-time clock settles a capture that waits for seconds of playout', async () => {
    const source = new AudioSource(48000, 2, { queueSizeMs: 100 });
    const long = source.captureFrame(stereo(3000));
    const wait = source.waitForPlayout();
    expect(await outcome(long, 100)).toBe('pending');
    const t = performance.now();
    await source.aclose();
    expect(await outcome(long)).toBe('rejected: AudioSource is closed');
    expect(await outcome(wait)).toBe('resolved');
    expect(performance.now() - t).toBeLessThan(LIMIT_MS);
  });
});

describe('AudioMixer: nothing hangs', () => {
  it('aclose() ends every waiting consumer while an input never delivers (and never returns)', async () => {
    const mixer = new AudioMixer(48000, 1, { blocksize: 480 });
    mixer.addStream(stalled());
    const it1 = mixer[Symbol.asyncIterator]();
    const it2 = mixer[Symbol.asyncIterator]();
    const reads = [it1.next(), it2.next(), it1.next()];
    expect(await outcome(reads[0], 50)).toBe('pending');
    expect(await outcome(mixer.aclose())).toBe('resolved');
    expect(await Promise.all(reads.map((p) => outcome(p)))).toEqual(['resolved', 'resolved', 'resolved']);
    expect(await reads[0]).toEqual({ value: undefined, done: true });
    expect(await outcome(it1.next())).toBe('resolved');
  });

  it('a stalled input does not stop the others: it gets silence after streamTimeoutMs', async () => {
    const mixer = new AudioMixer(48000, 1, { blocksize: 480, streamTimeoutMs: 20 });
    mixer.addStream(stalled());
    mixer.addStream(tone(480, 5));
    let frames = 0;
    for await (const frame of mixer) {
      frames += 1;
      if (frames === 5) break; // break closes the mixer: nothing left waiting
    }
    expect(frames).toBe(5);
    expect(() => mixer.addStream([])).toThrow(/AudioMixer is closed/);
  });

  it('endInput() then removeStream() of a stalled input ends the iteration', async () => {
    const mixer = new AudioMixer(48000, 1, { blocksize: 480 });
    const stuck = stalled();
    mixer.addStream(stuck);
    mixer.endInput();
    const read = mixer[Symbol.asyncIterator]().next();
    expect(await outcome(read, 50)).toBe('pending');
    mixer.removeStream(stuck);
    expect(await outcome(read)).toBe('resolved');
    expect(await read).toEqual({ value: undefined, done: true });
  });

  it('an input whose next() throws synchronously, or rejects, fails the iteration instead of hanging it', async () => {
    for (const next of [
      () => {
        throw new Error('sync failure');
      },
      () => Promise.reject(new Error('async failure')),
    ]) {
      const mixer = new AudioMixer(48000, 1, { blocksize: 480 });
      mixer.addStream({ [Symbol.asyncIterator]: () => ({ next }) });
      const read = mixer[Symbol.asyncIterator]().next();
      expect(await outcome(read)).toMatch(/^rejected: (sync|async) failure$/);
      expect(await outcome(mixer[Symbol.asyncIterator]().next())).toBe('resolved'); // then done
    }
  });

  it('a consumer waiting on a mixer with no inputs ends on endInput() and on aclose()', async () => {
    for (const end of ['endInput', 'aclose']) {
      const mixer = new AudioMixer(48000, 2);
      const read = mixer[Symbol.asyncIterator]().next();
      expect(await outcome(read, 50)).toBe('pending');
      mixer[end]();
      expect(await read).toEqual({ value: undefined, done: true });
    }
  });
});

describe('AudioStream (Node): nothing hangs', () => {
  const streamOn = (options = {}) => {
    const clock = new ManualClock();
    const source = new AudioSource(48000, 1, { clock });
    const track = LocalAudioTrack.createAudioTrack('t', source);
    return { clock, source, track, stream: new AudioStream(track, { sampleRate: 48000, ...options }) };
  };

  it('aclose() settles overlapping reads, in order, and later reads', async () => {
    const { stream, source } = streamOn();
    const reads = [stream.next(), stream.next(), stream.next()];
    expect(await outcome(reads[0], 50)).toBe('pending');
    expect(await outcome(stream.aclose())).toBe('resolved');
    for (const read of reads) expect(await read).toEqual({ value: undefined, done: true });
    expect(await stream.next()).toEqual({ value: undefined, done: true });
    await source.aclose();
  });

  it('the iteration ends when the source is closed or the track stopped mid-stream, after the buffered frames', async () => {
    for (const stop of ['source', 'track']) {
      const { clock, source, track, stream } = streamOn();
      const frames = [];
      const consumer = (async () => {
        for await (const event of stream) frames.push(event.frame.samplesPerChannel);
      })();
      await source.captureFrame(AudioFrame.create(48000, 1, 4800));
      await clock.advance(50);
      if (stop === 'source') await source.aclose();
      else track.stop();
      await clock.advance(100);
      expect(await outcome(consumer)).toBe('resolved');
      expect(frames.length).toBeGreaterThanOrEqual(4);
      expect(frames.every((n) => n === 480)).toBe(true);
      await source.aclose();
    }
  });

  it('a stream made on an already closed source ends at once', async () => {
    const { source, track } = streamOn();
    await source.aclose();
    const stream = new AudioStream(track);
    expect(await outcome(stream.next())).toBe('resolved');
    expect(await stream.next()).toEqual({ value: undefined, done: true });
  });

  it('a FrameProcessor that throws on every frame does not stop the stream; its error is kept once and aclose() settles', async () => {
    let calls = 0;
    let closed = 0;
    const processor = {
      enabled: true,
      process() {
        calls += 1;
        throw new Error('processor failure');
      },
      close() {
        closed += 1;
      },
    };
    const warn = console.warn;
    const warnings = [];
    console.warn = (...args) => warnings.push(args);
    try {
      const { clock, source, stream } = streamOn({ noiseCancellation: processor });
      await source.captureFrame(AudioFrame.create(48000, 1, 4800));
      await clock.advance(100);
      let frames = 0;
      for (let i = 0; i < 8; i++) {
        const r = await stream.next();
        expect(r.done).toBe(false);
        expect(r.value.frame.samplesPerChannel).toBe(480);
        frames += 1;
      }
      expect(frames).toBe(8);
      expect(calls).toBeGreaterThanOrEqual(8);
      expect(stream.processorError?.message).toBe('processor failure');
      expect(warnings.length).toBe(1); // reported once, not per frame
      expect(await outcome(stream.aclose())).toBe('resolved');
      expect(closed).toBe(1);
      await source.aclose();
    } finally {
      console.warn = warn;
    }
  });

  it('break in for await closes the stream while the source keeps playing', async () => {
    const { clock, source, stream } = streamOn();
    await source.captureFrame(AudioFrame.create(48000, 1, 4800));
    await clock.advance(100);
    let n = 0;
    for await (const event of stream) {
      n += event.frame.samplesPerChannel > 0 ? 1 : 0;
      if (n === 3) break;
    }
    expect(await outcome(stream.next())).toBe('resolved');
    expect((await stream.next()).done).toBe(true);
    await clock.advance(100);
    expect(source.stats.playedSamples).toBe(4800);
    await source.aclose();
  });
});
