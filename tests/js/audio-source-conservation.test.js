// Exact sample conservation over 10 minutes of audio on a ManualClock: a random producer
// (random frame sizes, concurrent captures, clears, waits) against the clock playout.
// At every step, capturedSamples = playedSamples + clearedSamples + droppedSamples +
// queuedSamples; the played output is exactly the captured stream in order, minus the
// cleared stretches, with nothing duplicated or invented.
import { describe, expect, it } from 'vitest';
import { AudioFrame, AudioSource, ManualClock } from '../../js/index.js';
import { PLAYOUT_TAP } from '../../js/audio-source.js';

function mulberry32(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Stereo frames that carry their own index: L = index & 0x7fff, R = index >> 15.
function indexedFrame(rate, start, frames) {
  const data = new Int16Array(frames * 2);
  for (let i = 0; i < frames; i++) {
    data[2 * i] = (start + i) & 0x7fff;
    data[2 * i + 1] = (start + i) >> 15;
  }
  return new AudioFrame(data, rate, 2, frames);
}

function checkConservation(s) {
  if (s.capturedSamples !== s.playedSamples + s.clearedSamples + s.droppedSamples + s.queuedSamples) {
    throw new Error(`not conserved: ${JSON.stringify(s)}`);
  }
}

async function run({ rate, queueSizeMs, seconds, seed, direct }) {
  const clock = new ManualClock();
  const source = new AudioSource(rate, 2, { queueSizeMs, clock });
  const rand = mulberry32(seed);
  const total = rate * seconds;

  // The far end: every played frame must carry a larger index than the one before.
  let lastIndex = -1;
  let playedFromTap = 0;
  let jumps = 0;
  source[PLAYOUT_TAP](({ samples, playedFrames }) => {
    for (let i = 0; i < playedFrames; i++) {
      const index = samples[2 * i] | (samples[2 * i + 1] << 15);
      if (index <= lastIndex) throw new Error(`frame ${index} played after ${lastIndex}`);
      if (index !== lastIndex + 1) jumps += 1;
      lastIndex = index;
    }
    playedFromTap += playedFrames;
  });

  let captured = 0;
  let clears = 0;
  const producer = (async () => {
    const inFlight = [];
    while (captured < total) {
      const frames = direct ? rate / 100 : Math.min(total - captured, 1 + Math.floor(rand() ** 3 * 8000));
      const p = source.captureFrame(indexedFrame(rate, captured, frames));
      captured += frames;
      const r = rand();
      if (direct) {
        await p;
        if (r < 0.5) await new Promise((res) => clock.setTimer(clock.now() + 10, res));
      } else if (r < 0.6) await p; // the common producer
      else if (r < 0.9) inFlight.push(p); // concurrent captures
      else await Promise.all(inFlight.splice(0));
      if (rand() < 0.004) {
        source.clearQueue();
        clears += 1;
      }
      if (rand() < 0.002) await source.waitForPlayout();
    }
    await Promise.all(inFlight);
  })();

  let done = false;
  producer.then(() => (done = true));
  let steps = 0;
  while (!done) {
    await clock.advance(1 + Math.floor(rand() * 40));
    checkConservation(source.stats);
    steps += 1;
  }
  await producer;
  const drained = source.waitForPlayout();
  while (source.queuedDuration > 0) await clock.advance(100);
  await drained;

  const s = source.stats;
  checkConservation(s);
  await source.aclose();
  return { s, total, clears, jumps, playedFromTap, lastIndex, steps };
}

describe('sample conservation', () => {
  it('holds exactly over 10 minutes of 16 kHz stereo with random frames, concurrency and clears', async () => {
    const r = await run({ rate: 16000, queueSizeMs: 250, seconds: 600, seed: 42, direct: false });
    expect(r.s.capturedSamples).toBe(r.total);
    expect(r.s.queuedSamples).toBe(0);
    expect(r.s.droppedSamples).toBe(0);
    expect(r.s.playedSamples).toBe(r.playedFromTap);
    expect(r.s.playedSamples + r.s.clearedSamples).toBe(r.total);
    expect(r.clears).toBeGreaterThan(5);
    expect(r.s.clearedSamples).toBeGreaterThan(0);
    expect(r.jumps).toBeLessThanOrEqual(r.clears + 1); // one skip per clear (plus a clear before the first play)
    expect(r.s.playedSamples).toBeGreaterThan(r.total / 2);
  }, 120_000);

  it('holds in direct mode, where frames pushed too far ahead are dropped and counted', async () => {
    const r = await run({ rate: 48000, queueSizeMs: 0, seconds: 60, seed: 7, direct: true });
    expect(r.s.capturedSamples).toBe(r.total);
    expect(r.s.queuedSamples).toBe(0);
    expect(r.s.droppedSamples).toBeGreaterThan(0);
    expect(r.s.playedSamples).toBe(r.playedFromTap);
    expect(r.s.playedSamples + r.s.clearedSamples + r.s.droppedSamples).toBe(r.total);
  }, 60_000);
});
