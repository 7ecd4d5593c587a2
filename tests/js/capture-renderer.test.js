// The AudioWorklet half of AudioStream outside a browser: CaptureRenderer (what
// CaptureProcessor runs each render quantum) with the real wasm core, handing frames to
// a FrameReceiver through each capture transport exactly as in a page -- a
// SharedArrayBuffer ring with Atomics.waitAsync, the same woken by READY messages, and
// MessagePort messages with a pool of transferred buffers.
import { afterEach, describe, expect, it } from 'vitest';
import { loadAudioCore } from '../../js/index.js';
import { liveHandleCount } from '../../js/owned.js';
import { TransportKind } from '../../js/transport.js';
import { FrameReceiver, FrameSender } from '../../js/worklet/capture-transport.js';
import { CaptureRenderer } from '../../js/worklet/capture-renderer.js';

const core = await loadAudioCore();
const tick = () => new Promise((r) => setTimeout(r, 5));
const cleanups = [];
afterEach(() => cleanups.splice(0).forEach((f) => f()));

/** A renderer (audio thread side) and a receiver (main thread side) joined by `kind`. */
function pair(kind, { inputRate = 48000, inputChannels = 1, outputRate = 48000, outputChannels = 1, frameSamples = 480, capacityFrames = 8, withoutWaitAsync = false } = {}) {
  const saved = Atomics.waitAsync;
  if (withoutWaitAsync) Atomics.waitAsync = undefined;
  const received = [];
  const receiver = new FrameReceiver({ kind, frameWords: frameSamples * outputChannels, capacityFrames, onframe: (index, samples) => received.push({ index, samples }) });
  Atomics.waitAsync = saved;
  const { port1, port2 } = new MessageChannel();
  const sender = new FrameSender(receiver.init, port2);
  port1.onmessage = (e) => receiver.handleMessage(e.data);
  port2.onmessage = (e) => sender.handleMessage(e.data);
  receiver.attach(port1);
  const renderer = new CaptureRenderer({
    core,
    inputRate,
    inputChannels,
    outputRate,
    outputChannels,
    frameSamples,
    maxBlockFrames: 128,
    emit: (index, samples) => sender.send(index, samples),
  });
  cleanups.push(() => {
    renderer.close();
    receiver.close();
    port1.close();
    port2.close();
  });
  return { renderer, receiver, sender, received };
}

/** Quanta of planar float whose sample n (all channels) is `(n % 1000) / 32768`. */
function quantum(q, channels) {
  return Array.from({ length: channels }, (_, c) => Float32Array.from({ length: 128 }, (_, i) => (((q * 128 + i) % 1000) + c) / 32768));
}

const kinds = [
  ['shared-memory', TransportKind.SHARED_MEMORY, false],
  ['shared-memory without Atomics.waitAsync', TransportKind.SHARED_MEMORY, true],
  ['message-port', TransportKind.MESSAGE_PORT, false],
];

describe.each(kinds)('CaptureRenderer -> FrameReceiver over %s', (_, kind, withoutWaitAsync) => {
  it('delivers whole frames with the index of their first sample, samples exact; the partial frame waits', async () => {
    const { renderer, received } = pair(kind, { withoutWaitAsync, inputChannels: 2, outputChannels: 2 });
    for (let q = 0; q < 16; q++) renderer.processPlanar(quantum(q, 2), 128); // 2048 frames: 4 whole frames of 480
    await tick();
    expect(received.map((f) => f.index)).toEqual([0, 480, 960, 1440]);
    for (const { index, samples } of received) {
      expect(samples.length).toBe(960);
      for (let i = 0; i < 480; i++) {
        expect(samples[2 * i]).toBe((index + i) % 1000);
        expect(samples[2 * i + 1]).toBe(((index + i) % 1000) + 1);
      }
    }
    expect(renderer.nextFrameIndex).toBe(1920);
  });

  it('drops (and counts) frames that find no room while the main thread is away; the index shows the jump', async () => {
    const { renderer, receiver, sender, received } = pair(kind, { withoutWaitAsync, frameSamples: 128, capacityFrames: 3 });
    // Nothing on the main thread runs during this loop: 10 frames, room for 3.
    for (let q = 0; q < 10; q++) renderer.processPlanar(quantum(q, 1), 128);
    expect(sender.dropped).toBe(7);
    await tick();
    expect(received.map((f) => f.index)).toEqual([0, 128, 256]);
    expect(receiver.dropped).toBe(kind === TransportKind.MESSAGE_PORT ? 0 : 7); // message-port: reported with the next frame
    renderer.processPlanar(quantum(10, 1), 128);
    await tick();
    expect(received.map((f) => f.index)).toEqual([0, 128, 256, 1280]);
    expect(receiver.dropped).toBe(7);
  });
});

describe('CaptureRenderer conversion and gaps', () => {
  it('converts in the core (48 kHz stereo -> 16 kHz mono) into frames of floor(rate x ms / 1000)', () => {
    const frames = [];
    const r = new CaptureRenderer({ core, inputRate: 48000, inputChannels: 2, outputRate: 16000, outputChannels: 1, frameSamples: 160, maxBlockFrames: 128, emit: (i, s) => frames.push([i, s.slice()]) });
    const tone = (n) => 0.25 * Math.sin((2 * Math.PI * 1000 * n) / 48000);
    for (let q = 0; q < 375; q++) {
      const left = Float32Array.from({ length: 128 }, (_, i) => tone(q * 128 + i));
      r.processPlanar([left, left.map((v) => -v * 0.5 + 2 * tone(q * 128))], 128);
    }
    r.close();
    // 1 s in: 16000 output samples less the look-ahead, in 160-sample frames.
    expect(frames.length).toBeGreaterThanOrEqual(99);
    expect(frames.length).toBeLessThanOrEqual(100);
    frames.forEach(([i], k) => expect(i).toBe(k * 160));
  });

  it('gap(n) drops the partial frame and moves the index on by the gap at the output rate', () => {
    const indices = [];
    const r = new CaptureRenderer({ core, inputRate: 48000, inputChannels: 1, outputRate: 24000, outputChannels: 1, frameSamples: 240, maxBlockFrames: 128, emit: (i) => indices.push(i) });
    for (let q = 0; q < 10; q++) r.processPlanar(quantum(q, 1), 128); // 1280 in -> ~640 out (less look-ahead)
    const before = r.position;
    r.gap(4800); // 100 ms missed
    expect(r.position).toBe(Math.round(((1280 + 4800) * 24000) / 48000));
    expect(r.position - before).toBeGreaterThanOrEqual(2400);
    for (let q = 0; q < 10; q++) r.processPlanar(quantum(q, 1), 128);
    expect(indices[0]).toBe(0);
    expect(indices[indices.length - 1]).toBeGreaterThanOrEqual(3040);
    expect(indices.every((i, k) => k === 0 || i - indices[k - 1] >= 240)).toBe(true);
    r.close();
  });

  it('keeps working when wasm memory grows between blocks (heap views are re-made)', () => {
    const got = [];
    const r = new CaptureRenderer({ core, inputRate: 48000, inputChannels: 1, outputRate: 48000, outputChannels: 1, frameSamples: 256, maxBlockFrames: 128, emit: (i, s) => got.push(s.slice()) });
    r.processPlanar(quantum(0, 1), 128);
    const before = core.HEAPU8.buffer;
    const ptr = core._malloc(core.HEAPU8.length); // more than is free: forces memory.grow
    expect(core.HEAPU8.buffer === before).toBe(false);
    r.processPlanar(quantum(1, 1), 128);
    core._free(ptr);
    expect(Array.from(got[0].slice(0, 3))).toEqual([0, 1, 2]);
    expect(got[0][255]).toBe(255);
    r.close();
  });

  it('rejects a configuration the core refuses, and frees the engine it made', () => {
    const owned = liveHandleCount();
    expect(() => new CaptureRenderer({ core, inputRate: 48000, inputChannels: 40, outputRate: 48000, outputChannels: 1, frameSamples: 1, maxBlockFrames: 128, emit() {} })).toThrow(RangeError);
    expect(liveHandleCount()).toBe(owned);
  });
});
