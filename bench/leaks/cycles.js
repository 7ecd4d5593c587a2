// Create-use-close cycles for the leak checks: tests/js/leaks.test.js runs a few thousand
// of each in CI, bench/leaks/run.js the full 100 000 with the numbers for the docs. Each
// cycle exercises the normal path and an error path of one public class and returns the
// samples per channel it produced, so a cycle that silently stopped working is noticed.
import {
  AudioFrame,
  AudioMixer,
  AudioResampler,
  AudioSource,
  AudioStream,
  LocalAudioTrack,
  ManualClock,
  combineAudioFrames,
} from '../../js/index.js';
import { liveHandleCount } from '../../js/owned.js';

/** What a leak shows in: wasm heap in use, live embind handles, owned wasm objects. */
export function snapshot(core) {
  return { heap: core.heapStats().inUseBytes, emval: core.count_emval_handles(), owned: liveHandleCount() };
}

/** AudioFrame: create, WAV round trip, combine, and a rejected (truncated) WAV. */
export function frameCycle(i) {
  const frame = AudioFrame.create(16000, 2, 160);
  frame.data[i % 320] = i & 0x7fff;
  const wav = frame.toWavBytes();
  const back = AudioFrame.fromWavBytes(wav);
  const frames = combineAudioFrames([frame, back]).samplesPerChannel;
  try {
    AudioFrame.fromWavBytes(wav.subarray(0, 40)); // the error path frees too
  } catch {
    // expected: truncated
  }
  return frames;
}

const RESAMPLER_INPUT = AudioFrame.create(44100, 2, 441);
const RESAMPLER_LONG = AudioFrame.create(44100, 2, 20000); // more than one core slice

/** AudioResampler: create (every quality), push, push in slices, flush, close. */
export function resamplerCycle(i) {
  const r = new AudioResampler(44100, 48000, { numChannels: 2, quality: i % 5 });
  const out = [...r.push(RESAMPLER_INPUT), ...r.push(RESAMPLER_LONG), ...r.flush()];
  r.close();
  try {
    new AudioResampler(44100, 48000, { numChannels: 9 }); // rejected before anything is allocated
  } catch {
    // expected
  }
  return out.reduce((t, f) => t + f.samplesPerChannel, 0);
}
/** Frames resamplerCycle returns per cycle. */
export const RESAMPLER_CYCLE_FRAMES = Math.round((20441 * 48000) / 44100);

/**
 * AudioSource (Node, manual clock): create, capture, play out, wait, close; every fourth
 * cycle closes with a capture still pending (it must reject) and a wait still pending (it
 * must resolve).
 */
export async function sourceCycle(i) {
  const clock = new ManualClock();
  const rate = [16000, 44100, 48000][i % 3];
  const source = new AudioSource(rate, 2, { clock, queueSizeMs: 20 });
  const tenMs = AudioFrame.create(rate, 2, rate / 100);
  if (i % 4 === 3) {
    const pending = source.captureFrame(AudioFrame.create(rate, 2, rate / 10)).then(
      () => 'resolved',
      (e) => e.message,
    );
    const wait = source.waitForPlayout();
    await source.aclose();
    await wait;
    if ((await pending) !== 'AudioSource is closed') throw new Error('pending capture did not reject on aclose');
    return 0;
  }
  await source.captureFrame(tenMs);
  await source.captureFrame(tenMs);
  const done = source.waitForPlayout();
  await clock.advance(40);
  await done;
  const played = source.stats.playedSamples;
  await source.aclose();
  return played;
}

/**
 * AudioMixer: three inputs (same format, mono remixed, 16 kHz resampled), read to the end;
 * every fourth input fails, every fourth mixer is closed with reads outstanding.
 */
export async function mixerCycle(i) {
  async function* frames(value, count, channels, rate = 48000) {
    for (let k = 0; k < count; k++) yield AudioFrame.create(rate, channels, (rate / 100) + k);
    if (value < 0) throw new Error('input failed');
  }
  const mixer = new AudioMixer(48000, 2, { blocksize: 480 });
  mixer.addStream(frames(i, 3, 2));
  mixer.addStream(frames(i % 4 === 3 ? -1 : i, 2, 1));
  mixer.addStream(frames(i, 2, 1, 16000));
  if (i % 4 === 1) {
    await mixer.aclose();
    return 0;
  }
  mixer.endInput();
  let n = 0;
  try {
    for await (const frame of mixer) n += frame.samplesPerChannel;
  } catch {
    // expected for the failing input
  }
  return n;
}

/**
 * AudioStream (Node) on an AudioSource's LocalAudioTrack: create, play 30 ms, read the
 * frames (converted to 16 kHz mono by the core's capture engine), end by source close,
 * track stop or stream aclose in turn.
 */
export async function streamCycle(i) {
  const clock = new ManualClock();
  const source = new AudioSource(48000, 2, { clock, queueSizeMs: 50 });
  const track = LocalAudioTrack.createAudioTrack('leak', source);
  const stream = new AudioStream(track, { sampleRate: 16000, numChannels: 1 });
  await source.captureFrame(AudioFrame.create(48000, 2, 1440));
  await clock.advance(30);
  const end = i % 3;
  if (end === 0) await source.aclose();
  else if (end === 1) track.stop();
  else await stream.aclose();
  let frames = 0;
  for await (const { frame } of stream) frames += frame.samplesPerChannel;
  await stream.aclose();
  await source.aclose();
  return frames;
}

export const CYCLES = { AudioFrame: frameCycle, AudioResampler: resamplerCycle, AudioSource: sourceCycle, AudioMixer: mixerCycle, AudioStream: streamCycle };

/**
 * Runs `cycle` once to warm up, then `count` times; returns the snapshots before and
 * after, the largest heap in use seen (sampled every 1000 cycles), the samples produced
 * and the time taken.
 */
export async function measure(core, cycle, count) {
  await cycle(0);
  const before = snapshot(core);
  let peakHeap = before.heap;
  let produced = 0;
  const start = performance.now();
  for (let i = 0; i < count; i++) {
    produced += await cycle(i);
    if (i % 1000 === 999) peakHeap = Math.max(peakHeap, core.heapStats().inUseBytes);
  }
  const ms = performance.now() - start;
  return { before, after: snapshot(core), peakHeap, produced, ms };
}
