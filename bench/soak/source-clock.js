// Soak of AudioSource on the manual clock (Node): a producer that loops on
// `await captureFrame(frameMs)` for `seconds` of audio while the clock runs, and a far end
// that checks every played sample. Each frame carries its own index (L = index & 0x7fff,
// R = index >> 15), so the check is exact: the played stream must be the captured stream,
// in order, with nothing skipped, repeated or invented, no underrun once playing, nothing
// dropped, and captured = played at the end. Shared by tests/js/soak.test.js (minutes, in
// CI) and bench/soak/run.js (one hour).
import { AudioFrame, AudioSource, ManualClock } from '../../js/index.js';
import { PLAYOUT_TAP } from '../../js/audio-source.js';

function indexedFrame(rate, start, frames) {
  const data = new Int16Array(frames * 2);
  for (let i = 0; i < frames; i++) {
    data[2 * i] = (start + i) & 0x7fff;
    data[2 * i + 1] = (start + i) >> 15;
  }
  return new AudioFrame(data, rate, 2, frames);
}

/**
 * @param {{ rate?: number, seconds: number, frameMs?: number, queueSizeMs?: number }} options
 * @returns {Promise<{ stats: object, total: number, checked: number, errors: string[], clockMs: number, wallMs: number }>}
 */
export async function soakSourceOnClock({ rate = 48000, seconds, frameMs = 20, queueSizeMs = 200 }) {
  const clock = new ManualClock();
  const source = new AudioSource(rate, 2, { clock, queueSizeMs });
  const total = rate * seconds;
  const frameFrames = (rate * frameMs) / 1000;
  const errors = [];
  let expected = 0; // index of the next sample the far end must hear
  source[PLAYOUT_TAP](({ samples, playedFrames }) => {
    for (let i = 0; i < playedFrames; i++) {
      const index = (samples[2 * i] & 0x7fff) | (samples[2 * i + 1] << 15);
      if (index !== expected && errors.length < 10) errors.push(`played ${index} where ${expected} was due`);
      expected = index + 1;
    }
  });

  const start = performance.now();
  let captured = 0;
  const producer = (async () => {
    while (captured < total) {
      const frames = Math.min(frameFrames, total - captured);
      const frame = indexedFrame(rate, captured, frames);
      captured += frames;
      await source.captureFrame(frame);
    }
  })();
  let done = false;
  producer.then(
    () => (done = true),
    (e) => {
      done = true;
      errors.push(`producer: ${e.message}`);
    },
  );
  while (!done) await clock.advance(1000);
  const drained = source.waitForPlayout();
  while (source.queuedDuration > 0) await clock.advance(100);
  await drained;
  const stats = source.stats;
  await source.aclose();
  return { stats, total, checked: expected, errors, clockMs: clock.now(), wallMs: performance.now() - start };
}
