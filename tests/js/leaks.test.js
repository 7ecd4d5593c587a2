// Leak checks: many create-use-close cycles keep the wasm heap flat and leave no live
// embind handle. Each class adds its cycle here as it lands.
import { describe, expect, it } from 'vitest';
import { AudioFrame, AudioMixer, AudioResampler, AudioResamplerQuality, combineAudioFrames, loadAudioCore } from '../../js/index.js';
import { liveHandleCount } from '../../js/owned.js';
import { TransportKind, TransportWriter } from '../../js/transport.js';
import { PlayoutRenderer } from '../../js/worklet/playout-renderer.js';
import { PlayoutStat } from '../../js/worklet/protocol.js';

const core = await loadAudioCore();
const CYCLES = 100_000;

function snapshot() {
  return { heap: core.heapStats().inUseBytes, emval: core.count_emval_handles(), owned: liveHandleCount() };
}

describe('leaks', () => {
  it(`AudioFrame: ${CYCLES} create / toWavBytes / fromWavBytes / combine cycles keep the heap flat`, () => {
    // Warm up once so lazily allocated runtime state is not counted.
    AudioFrame.fromWavBytes(AudioFrame.create(16000, 2, 160).toWavBytes());
    const before = snapshot();
    let bytes = 0;
    for (let i = 0; i < CYCLES; i++) {
      const frame = AudioFrame.create(16000, 2, 160);
      frame.data[i % 320] = i & 0x7fff;
      const wav = frame.toWavBytes();
      const back = AudioFrame.fromWavBytes(wav);
      bytes += combineAudioFrames([frame, back]).data.length;
      try {
        AudioFrame.fromWavBytes(wav.subarray(0, 40)); // the error path frees too
      } catch {
        // expected: truncated
      }
    }
    const after = snapshot();
    expect(bytes).toBe(CYCLES * 640);
    expect(after).toEqual(before);
    console.log(`AudioFrame leak check: wasm heap in use ${before.heap} -> ${after.heap} bytes over ${CYCLES} cycles`);
  }, 120_000);

  it('AudioResampler: create / push / flush / close cycles keep the heap flat', () => {
    const input = AudioFrame.create(44100, 2, 441);
    const cycle = (quality) => {
      const r = new AudioResampler(44100, 48000, { numChannels: 2, quality });
      const out = [...r.push(input), ...r.push(AudioFrame.create(44100, 2, 20000)), ...r.flush()];
      r.close();
      return out.reduce((t, f) => t + f.samplesPerChannel, 0);
    };
    cycle(AudioResamplerQuality.HIGH); // warm-up
    const before = snapshot();
    let frames = 0;
    for (let i = 0; i < 2000; i++) frames += cycle(i % 5);
    // A resampler dropped without close() is freed by the ownership registry (not checked
    // here: collection timing is up to the engine).
    const after = snapshot();
    expect(frames).toBe(2000 * Math.round((20441 * 48000) / 44100));
    expect(after).toEqual(before);
  }, 120_000);

  it('AudioMixer: 2000 mix / remix / resample / aclose / failure cycles keep the heap flat and free every core object', async () => {
    const MIXER_CYCLES = 2000;
    async function* frames(value, count, channels, rate = 48000) {
      for (let k = 0; k < count; k++) yield AudioFrame.create(rate, channels, 480 + k);
      if (value < 0) throw new Error('input failed');
    }
    async function cycle(i) {
      const mixer = new AudioMixer(48000, 2, { blocksize: 480 });
      mixer.addStream(frames(i, 3, 2));
      mixer.addStream(frames(i % 4 === 3 ? -1 : i, 2, 1)); // remixed mono; every 4th fails
      mixer.addStream(frames(i, 2, 1, 16000)); // resampled and remixed
      if (i % 4 === 1) {
        await mixer.aclose(); // closed with reads outstanding
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
    await cycle(0);
    const before = snapshot();
    let samples = 0;
    for (let i = 0; i < MIXER_CYCLES; i++) samples += await cycle(i);
    const after = snapshot();
    expect(samples).toBeGreaterThan(0);
    expect(after).toEqual(before);
    console.log(`AudioMixer leak check: wasm heap in use ${before.heap} -> ${after.heap} bytes over ${MIXER_CYCLES} cycles`);
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
    const before = snapshot();
    for (let i = 0; i < 2000; i++) cycle(i);
    const after = snapshot();
    expect(after).toEqual(before);
    console.log(`PlayoutRenderer leak check: wasm heap in use ${before.heap} -> ${after.heap} bytes over 2000 cycles`);
  }, 120_000);
});
