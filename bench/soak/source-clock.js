// Soak of AudioSource (and AudioStream) on the manual clock (Node): a producer that loops
// on `await captureFrame(frameMs)` for `seconds` of audio while the clock runs, and a far
// end that checks every played sample -- the source's played output, or, with `stream`,
// the frames an AudioStream on the source's LocalAudioTrack delivers. Each sample carries
// its own index, counted from 1 (L = index & 0x7fff, R = index >> 15; silence reads as
// index 0), so the check is exact: the far end must get the captured stream, in order,
// with nothing skipped, repeated or invented and no silence between the first and the last
// sample; nothing dropped, captured = played at the end. Used by tests/js/soak.test.js,
// which runs the full hour in CI (it takes seconds on the manual clock).
import { AudioFrame, AudioSource, AudioStream, LocalAudioTrack, ManualClock } from '../../js/index.js';
import { PLAYOUT_TAP } from '../../js/audio-source.js';

function indexedFrame(rate, start, frames) {
  const data = new Int16Array(frames * 2);
  for (let i = 0; i < frames; i++) {
    data[2 * i] = (start + i + 1) & 0x7fff;
    data[2 * i + 1] = (start + i + 1) >> 15;
  }
  return new AudioFrame(data, rate, 2, frames);
}

/** Checks interleaved stereo index samples as they arrive; `checked` counts the indices. */
class FarEnd {
  constructor(total) {
    this.total = total;
    this.checked = 0; // indices 1..checked have arrived, in order
    this.silence = 0;
    this.errors = [];
  }

  take(samples, frames) {
    for (let i = 0; i < frames; i++) {
      const index = (samples[2 * i] & 0x7fff) | (samples[2 * i + 1] << 15);
      if (index === 0) {
        this.silence += 1;
        if (this.checked > 0 && this.checked < this.total) this.error(`silence after sample ${this.checked}`);
        continue;
      }
      if (index !== this.checked + 1) this.error(`got sample ${index} where ${this.checked + 1} was due`);
      this.checked = index;
    }
  }

  error(message) {
    if (this.errors.length < 10) this.errors.push(message);
  }
}

/**
 * @param {{ rate?: number, seconds: number, frameMs?: number, queueSizeMs?: number, stream?: boolean }} options
 * @returns {Promise<{ stats: object, total: number, checked: number, errors: string[], clockMs: number, wallMs: number, streamFrames: number }>}
 */
export async function soakSourceOnClock({ rate = 48000, seconds, frameMs = 20, queueSizeMs = 200, stream = false }) {
  const clock = new ManualClock();
  const source = new AudioSource(rate, 2, { clock, queueSizeMs });
  const total = rate * seconds;
  const frameFrames = (rate * frameMs) / 1000;
  const far = new FarEnd(total);
  const errors = far.errors;
  let streamFrames = 0;
  let consumer = Promise.resolve();
  if (stream) {
    const audioStream = new AudioStream(LocalAudioTrack.createAudioTrack('soak', source), { sampleRate: rate, numChannels: 2, frameSizeMs: 10 });
    consumer = (async () => {
      for await (const { frame } of audioStream) {
        far.take(frame.data, frame.samplesPerChannel);
        streamFrames += 1;
      }
    })();
  } else {
    source[PLAYOUT_TAP](({ samples, playedFrames }) => far.take(samples, playedFrames));
  }

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
  await clock.advance(20); // the stream's last 10 ms frame
  const stats = source.stats;
  await source.aclose(); // ends the stream
  await consumer;
  return { stats, total, checked: far.checked, silence: far.silence, errors, clockMs: clock.now(), wallMs: performance.now() - start, streamFrames };
}
