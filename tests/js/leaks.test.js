// Leak checks: many create-use-close cycles keep the wasm heap flat and leave no live
// embind handle. Each class adds its cycle here as it lands.
import { describe, expect, it } from 'vitest';
import { AudioFrame, combineAudioFrames, loadAudioCore } from '../../js/index.js';
import { liveHandleCount } from '../../js/owned.js';

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
});
