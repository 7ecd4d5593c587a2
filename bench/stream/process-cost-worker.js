// Times CaptureRenderer.processPlanar() plus FrameSender.send() -- the whole of
// CaptureProcessor.process() for one 128-frame render quantum -- in a dedicated Worker
// (same V8 and wasm as the AudioWorkletGlobalScope, but with performance.now()). Frames
// go into the SharedArrayBuffer ring; the ring is drained between timed regions.
import { instantiateAudioCore } from '../../js/core.js';
import { TransportKind } from '../../js/transport.js';
import { FrameReceiver, FrameSender } from '../../js/worklet/capture-transport.js';
import { CaptureRenderer } from '../../js/worklet/capture-renderer.js';
import { SpscRing } from '../../js/spsc-ring.js';
import { timeQuanta } from '../quantum-timing.js';

/** The peer: copy the quantum's channels, interleaved, into a float SharedArrayBuffer ring (no conversion). */
function jsCopyPeer(channels) {
  const ring = SpscRing.allocate(48000 * channels, Float32Array);
  const scratch = new Float32Array(128 * channels);
  return {
    drain: () => ring.skip(ring.availableRead()),
    process(input) {
      for (let c = 0; c < channels; c++) {
        const x = input[c];
        for (let i = 0; i < 128; i++) scratch[i * channels + c] = x[i];
      }
      ring.pushFrom(scratch, 0, 128 * channels);
    },
  };
}

self.onmessage = ({ data: { module, inputChannels, rate, channels, frameMs, quanta, batch, peer } }) => {
  const core = instantiateAudioCore(module);
  const input = Array.from({ length: inputChannels }, (_, c) => new Float32Array(128));
  let q = 0;
  const fill = () => {
    for (let c = 0; c < inputChannels; c++) for (let i = 0; i < 128; i++) input[c][i] = 0.5 * Math.sin((2 * Math.PI * 1000 * (q * 128 + i)) / 48000 + c);
    q += 1;
  };
  let process;
  let drain;
  if (peer) {
    const p = jsCopyPeer(inputChannels);
    process = () => p.process(input);
    drain = p.drain;
  } else {
    const frameSamples = Math.floor((rate * frameMs) / 1000);
    const receiver = new FrameReceiver({ kind: TransportKind.SHARED_MEMORY, frameWords: frameSamples * channels, capacityFrames: 1000, onframe() {} });
    const sender = new FrameSender(receiver.init, { postMessage() {} });
    const renderer = new CaptureRenderer({ core, inputRate: 48000, inputChannels, outputRate: rate, outputChannels: channels, frameSamples, maxBlockFrames: 128, emit: (i, s) => sender.send(i, s) });
    process = () => renderer.processPlanar(input, 128);
    drain = () => receiver.drain();
  }
  self.postMessage(timeQuanta({ quantum: process, between: () => { drain(); fill(); }, quanta, batch }));
};
