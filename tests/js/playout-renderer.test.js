// The AudioWorklet half of AudioSource outside a browser: PlayoutRenderer (what
// PlayoutProcessor runs each render quantum) with the real wasm core, fed through each
// transport exactly as in a page -- a SharedArrayBuffer ring with Atomics.waitAsync, the
// same without waitAsync (wake by message), and MessagePort messages.
import { afterEach, describe, expect, it } from 'vitest';
import { loadAudioCore } from '../../js/index.js';
import { TransportKind, TransportReader, TransportWriter } from '../../js/transport.js';
import { PlayoutRenderer } from '../../js/worklet/playout-renderer.js';
import { PlayoutStat } from '../../js/worklet/protocol.js';

const core = await loadAudioCore();
const tick = () => new Promise((r) => setTimeout(r, 2));
const cleanups = [];
afterEach(() => cleanups.splice(0).forEach((f) => f()));

/** A writer and a renderer joined by `kind`, as PlayoutNode and PlayoutProcessor are. */
function pair(kind, { rate = 48000, channels = 2, capacityFrames = 1024, withoutWaitAsync = false, driftControl = false } = {}) {
  const saved = Atomics.waitAsync;
  if (withoutWaitAsync) Atomics.waitAsync = undefined;
  const writer = new TransportWriter({ kind, capacityFrames, channels, statsWords: PlayoutStat.COUNT });
  Atomics.waitAsync = saved;
  const { port1, port2 } = new MessageChannel();
  port1.onmessage = (e) => writer.handleMessage(e.data);
  writer.attachPort(port1);
  const renderer = new PlayoutRenderer({
    core,
    sourceRate: rate,
    sourceChannels: channels,
    outputRate: rate,
    outputChannels: channels,
    transport: writer.init,
    port: port2,
    driftControl, // off: equal rates then copy samples exactly
  });
  port2.onmessage = (e) => renderer.handleMessage(e.data);
  cleanups.push(() => {
    renderer.close();
    writer.close();
    port1.close();
    port2.close();
  });
  const out = Array.from({ length: channels }, () => new Float32Array(128));
  return { writer, renderer, out, render: () => renderer.render(out) };
}

const interleavedRamp = (frames, channels, start) => Int16Array.from({ length: frames * channels }, (_, i) => start + i);

const kinds = [
  ['shared-memory', TransportKind.SHARED_MEMORY, false],
  ['shared-memory without Atomics.waitAsync', TransportKind.SHARED_MEMORY, true],
  ['message-port', TransportKind.MESSAGE_PORT, false],
];

describe.each(kinds)('PlayoutRenderer over %s', (_, kind, withoutWaitAsync) => {
  it('renders queued frames exactly, then silence, and publishes its counters', async () => {
    const { writer, out, render } = pair(kind, { withoutWaitAsync });
    expect(writer.kind).toBe(kind);
    expect(writer.write(interleavedRamp(200, 2, -100), 0, 200)).toBe(200);
    await tick(); // message-port: the DATA message arrives
    render();
    for (let i = 0; i < 128; i++) {
      expect(out[0][i]).toBe((-100 + 2 * i) / 32768);
      expect(out[1][i]).toBe((-99 + 2 * i) / 32768);
    }
    render(); // 72 frames, then silence
    expect(out[0][71]).toBe((-100 + 2 * 199) / 32768);
    expect(Array.from(out[0].subarray(72))).toEqual(new Array(56).fill(0));
    for (let q = 0; q < 6; q++) render(); // message-port: a periodic PROGRESS goes out
    await tick();
    writer.refresh();
    expect(writer.read).toBe(200);
    expect(writer.queued).toBe(0);
    expect(writer.statTotal(PlayoutStat.PLAYED)).toBe(200);
    expect(writer.statTotal(PlayoutStat.SILENCE)).toBe(56 + 128 * 6);
    expect(writer.statTotal(PlayoutStat.UNDERRUNS)).toBe(0);
  });

  it('wakes the waiting writer when the reader reaches its target', async () => {
    const { writer, render } = pair(kind, { withoutWaitAsync });
    writer.write(new Int16Array(2 * 1024), 0, 1024);
    expect(writer.room()).toBe(0);
    let woken = 0;
    writer.onProgress = () => (woken += 1);
    writer.requestWake(300);
    await tick();
    render();
    render();
    await tick();
    expect(woken).toBe(0); // 256 < 300
    render();
    for (let i = 0; i < 20 && woken === 0; i++) await tick();
    expect(woken).toBe(1);
    writer.refresh();
    expect(writer.read).toBe(384);
    expect(writer.room()).toBe(384);
  });

  it('discards exactly what was written before the request', async () => {
    const { writer, out, render } = pair(kind, { withoutWaitAsync });
    writer.write(interleavedRamp(500, 2, 0), 0, 500);
    writer.discardAll();
    writer.write(interleavedRamp(10, 2, 7000), 0, 10);
    expect(writer.queued).toBe(10);
    expect(writer.discardPending).toBe(500);
    await tick();
    render();
    expect(Array.from(out[0].subarray(0, 10))).toEqual(Array.from({ length: 10 }, (_, i) => (7000 + 2 * i) / 32768));
    expect(out[0][10]).toBe(0);
    await tick();
    writer.refresh();
    expect(writer.statTotal(PlayoutStat.DISCARDED)).toBe(500);
    expect(writer.statTotal(PlayoutStat.PLAYED)).toBe(10);
    expect(writer.discardPending).toBe(0);
  });

  it('takes a discard request with nothing queued as the end of a stream: the next audio is no gap', async () => {
    const gap = async (endOnPurpose) => {
      const { writer, render } = pair(kind, { withoutWaitAsync });
      writer.write(new Int16Array(2 * 200), 0, 200);
      await tick();
      render();
      render(); // runs dry mid-stream
      render();
      if (endOnPurpose) writer.discardAll(); // nothing left to drop
      await tick();
      render();
      writer.write(new Int16Array(2 * 128), 0, 128);
      await tick();
      render(); // audio again
      for (let q = 0; q < 8; q++) render();
      await tick();
      writer.refresh();
      expect(writer.statTotal(PlayoutStat.DISCARDED)).toBe(0);
      return writer.statTotal(PlayoutStat.UNDERRUNS);
    };
    expect(await gap(true)).toBe(0);
    expect(await gap(false)).toBe(1);
  });

  it('keeps working when wasm memory grows between quanta (heap views are re-made)', async () => {
    const { writer, out, render } = pair(kind, { withoutWaitAsync, channels: 1 });
    writer.write(interleavedRamp(256, 1, 1), 0, 256);
    await tick();
    render();
    const before = core.HEAPU8.buffer;
    const ptr = core._malloc(core.HEAPU8.length); // more than is free: forces memory.grow
    expect(ptr).not.toBe(0);
    expect(core.HEAPU8.buffer === before).toBe(false);
    render();
    core._free(ptr);
    expect(out[0][0]).toBe(129 / 32768);
    expect(out[0][127]).toBe(256 / 32768);
  });
});

describe('transport counters', () => {
  it('sum uint32 statistics across wrap-around and reject unknown kinds', () => {
    const writer = new TransportWriter({ kind: TransportKind.LOCAL, capacityFrames: 8, channels: 1, statsWords: 1 });
    const reader = new TransportReader(writer.init, { notify: () => writer.notifyFromReader() });
    reader.publish([4294967290]);
    writer.refresh();
    expect(writer.statTotal(0)).toBe(-6); // read as int32: the first observation
    reader.publish([3]);
    writer.refresh();
    expect(writer.statTotal(0)).toBe(3); // +9 across the wrap
    expect(() => new TransportWriter({ kind: 'carrier-pigeon', capacityFrames: 1, channels: 1 })).toThrow(RangeError);
  });

  it('refuses to write more than the ring holds and counts reads exactly', () => {
    const writer = new TransportWriter({ kind: TransportKind.LOCAL, capacityFrames: 4, channels: 3, statsWords: 0 });
    const reader = new TransportReader(writer.init);
    expect(writer.write(interleavedRamp(6, 3, 0), 0, 6)).toBe(4);
    expect(writer.write(interleavedRamp(6, 3, 0), 4, 2)).toBe(0);
    const dst = new Int16Array(9);
    expect(reader.readInto(dst, 0, 3)).toBe(3);
    expect(Array.from(dst)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    reader.publish([]);
    writer.refresh();
    expect(writer.read).toBe(3);
    expect(writer.write(interleavedRamp(6, 3, 100), 4, 2)).toBe(2);
    expect(reader.readInto(dst, 0, 3)).toBe(3);
    expect(Array.from(dst)).toEqual([9, 10, 11, 112, 113, 114, 115, 116, 117]);
  });
});
