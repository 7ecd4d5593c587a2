// Leak checks: many create-use-close cycles keep the wasm heap flat and leave no live
// embind handle. The cycles themselves live in bench/leaks/cycles.js (shared with the
// full-length run, bench/leaks/run.js).
import { describe, expect, it } from 'vitest';
import { loadAudioCore } from '../../js/index.js';
import { TransportKind, TransportWriter } from '../../js/transport.js';
import { PlayoutRenderer } from '../../js/worklet/playout-renderer.js';
import { PlayoutStat } from '../../js/worklet/protocol.js';
import { RESAMPLER_CYCLE_FRAMES, frameCycle, measure, mixerCycle, resamplerCycle, snapshot, sourceCycle, streamCycle } from '../../bench/leaks/cycles.js';

const core = await loadAudioCore();
// CI runs a few thousand cycles of each (a thousand of the resampler's, which designs a
// filter per cycle); `node bench/leaks/run.js` runs 100 000 of each.
const CYCLES = 3000;
const RESAMPLER_CYCLES = 1000;

function report(name, r, cycles = CYCLES) {
  console.log(`${name} leak check: wasm heap in use ${r.before.heap} -> ${r.after.heap} bytes (peak ${r.peakHeap}) over ${cycles} cycles`);
}

describe('leaks', () => {
  it(`AudioFrame: ${CYCLES} create / toWavBytes / fromWavBytes / combine / failure cycles keep the heap flat`, async () => {
    const r = await measure(core, frameCycle, CYCLES);
    expect(r.produced).toBe(CYCLES * 320);
    expect(r.after).toEqual(r.before);
    expect(r.peakHeap).toBe(r.before.heap);
    report('AudioFrame', r);
  }, 120_000);

  it(`AudioResampler: ${RESAMPLER_CYCLES} create / push / flush / close / failure cycles keep the heap flat`, async () => {
    // A resampler dropped without close() is freed by the ownership registry (not checked
    // here: collection timing is up to the engine).
    const r = await measure(core, resamplerCycle, RESAMPLER_CYCLES);
    expect(r.produced).toBe(RESAMPLER_CYCLES * RESAMPLER_CYCLE_FRAMES);
    expect(r.after).toEqual(r.before);
    report('AudioResampler', r, RESAMPLER_CYCLES);
  }, 120_000);

  it(`AudioSource (Node clock): ${CYCLES} create / capture / play / wait / close cycles, a quarter closed with captures pending, keep the heap flat`, async () => {
    const r = await measure(core, sourceCycle, CYCLES);
    // Three quarters of the cycles play their 20 ms.
    let expected = 0;
    for (let i = 0; i < CYCLES; i++) if (i % 4 !== 3) expected += 2 * ([16000, 44100, 48000][i % 3] / 100);
    expect(r.produced).toBe(expected);
    expect(r.after).toEqual(r.before);
    report('AudioSource', r);
  }, 120_000);

  it(`AudioStream (Node): ${CYCLES} create / play / read / end (source closed, track stopped, stream closed) cycles keep the heap flat`, async () => {
    const r = await measure(core, streamCycle, CYCLES);
    expect(r.produced).toBe(CYCLES * 480); // 30 ms at 16 kHz, whichever way the stream ended
    expect(r.after).toEqual(r.before);
    report('AudioStream', r);
  }, 120_000);

  it(`AudioMixer: ${CYCLES} mix / remix / resample / aclose / failure cycles keep the heap flat and free every core object`, async () => {
    const r = await measure(core, mixerCycle, CYCLES);
    expect(r.produced).toBeGreaterThan(0);
    expect(r.after).toEqual(r.before);
    report('AudioMixer', r);
  }, 120_000);

  it('PlayoutRenderer (AudioSource playout): 2000 create / render / close cycles, and rejected configurations, free every engine', () => {
    const out = [new Float32Array(128), new Float32Array(128)];
    const samples = new Int16Array(2 * 4800).fill(1000);
    const cycle = (i) => {
      const writer = new TransportWriter({ kind: TransportKind.LOCAL, capacityFrames: 4800, channels: 2, statsWords: PlayoutStat.COUNT });
      const rate = [16000, 44100, 48000][i % 3];
      const renderer = new PlayoutRenderer({ core, sourceRate: rate, sourceChannels: 2, outputRate: 48000, outputChannels: 2, transport: writer.init });
      writer.write(samples, 0, 1000);
      for (let q = 0; q < 10; q++) renderer.render(out);
      renderer.close();
      renderer.close(); // idempotent
      try {
        new PlayoutRenderer({ core, sourceRate: 48000, sourceChannels: 9, outputRate: 48000, outputChannels: 9, transport: writer.init });
      } catch {
        // expected: more than the resampler's 8 channels
      }
    };
    cycle(0);
    const before = snapshot(core);
    for (let i = 0; i < 2000; i++) cycle(i);
    const after = snapshot(core);
    expect(after).toEqual(before);
    console.log(`PlayoutRenderer leak check: wasm heap in use ${before.heap} -> ${after.heap} bytes over 2000 cycles`);
  }, 120_000);
});
