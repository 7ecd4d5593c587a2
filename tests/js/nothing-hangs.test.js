// Nothing hangs: whatever state a source or mixer is in -- paused clock, captures and waits
// pending, inputs that never deliver or fail, consumers waiting -- aclose() and the other
// ways out settle every promise and end every iterator. Each case races the promises it
// checks against a generous real-time limit and reports which one is still pending.
import { describe, expect, it } from 'vitest';
import { AudioFrame, AudioMixer, AudioSource, ManualClock } from '../../js/index.js';

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
