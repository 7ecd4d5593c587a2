// Times PlayoutRenderer.render() -- the whole of PlayoutProcessor.process() for one
// 128-frame render quantum -- in a dedicated Worker (same V8 and wasm as the
// AudioWorkletGlobalScope, but with performance.now()). The transport is the
// SharedArrayBuffer ring, fed between timed regions, never inside one.
import { instantiateAudioCore } from '../../js/core.js';
import { TransportKind, TransportWriter } from '../../js/transport.js';
import { PlayoutRenderer } from '../../js/worklet/playout-renderer.js';
import { PlayoutStat } from '../../js/worklet/protocol.js';
import { SpscRing } from '../../js/spsc-ring.js';
import { timeQuanta } from '../quantum-timing.js';

/** A JS-only peer: pop int16 from a ring and convert to float, no wasm, no resampling. */
function jsCopyPeer(rate, channels) {
  const ring = SpscRing.allocate(Math.ceil(rate / 5) * channels, Int16Array);
  const scratch = new Int16Array(128 * channels);
  return {
    ring,
    render(out) {
      const n = ring.popInto(scratch, 0, 128 * channels) / channels;
      for (let c = 0; c < channels; c++) {
        const o = out[c];
        for (let i = 0; i < n; i++) o[i] = scratch[i * channels + c] / 32768;
        o.fill(0, n);
      }
    },
  };
}

self.onmessage = ({ data: { module, rate, channels, quanta, batch, peer } }) => {
  const core = instantiateAudioCore(module);
  const tone = new Int16Array((rate / 100) * channels);
  for (let i = 0; i < tone.length; i++) tone[i] = Math.round(16000 * Math.sin((2 * Math.PI * 1000 * Math.floor(i / channels)) / rate));
  const out = Array.from({ length: channels }, () => new Float32Array(128));
  let render;
  let feed;
  if (peer) {
    const p = jsCopyPeer(rate, channels);
    render = () => p.render(out);
    feed = () => {
      while (p.ring.availableWrite() >= tone.length) p.ring.push(tone);
    };
  } else {
    const writer = new TransportWriter({ kind: TransportKind.SHARED_MEMORY, capacityFrames: Math.ceil(rate / 5), channels, statsWords: PlayoutStat.COUNT });
    const renderer = new PlayoutRenderer({ core, sourceRate: rate, sourceChannels: channels, outputRate: 48000, outputChannels: channels, transport: writer.init });
    render = () => renderer.render(out);
    feed = () => {
      writer.refresh();
      while (writer.room() >= rate / 100) writer.write(tone, 0, rate / 100);
    };
  }
  self.postMessage(timeQuanta({ quantum: render, between: feed, quanta, batch }));
};
