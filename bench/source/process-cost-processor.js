// The same measurement inside the real AudioWorkletGlobalScope, which has no
// performance.now(): one process() call renders `quanta` quanta back to back and times
// the whole run with Date.now() (1 ms resolution over a ~20-100 ms run), then reports the
// mean per quantum. A cross-check of the Worker's figures, not a percentile.
import { instantiateAudioCore } from '../../js/core.js';
import { TransportKind, TransportWriter } from '../../js/transport.js';
import { PlayoutRenderer } from '../../js/worklet/playout-renderer.js';
import { PlayoutStat } from '../../js/worklet/protocol.js';

class ProcessCostProcessor extends AudioWorkletProcessor {
  constructor(options) {
    super();
    const { module, rate, channels, quanta, runs } = options.processorOptions;
    const core = instantiateAudioCore(module);
    this.writer = new TransportWriter({ kind: TransportKind.SHARED_MEMORY, capacityFrames: Math.ceil(rate / 5), channels, statsWords: PlayoutStat.COUNT });
    this.renderer = new PlayoutRenderer({ core, sourceRate: rate, sourceChannels: channels, outputRate: sampleRate, outputChannels: channels, transport: this.writer.init });
    this.tone = new Int16Array((rate / 100) * channels);
    for (let i = 0; i < this.tone.length; i++) this.tone[i] = Math.round(16000 * Math.sin((2 * Math.PI * 1000 * Math.floor(i / channels)) / rate));
    this.out = Array.from({ length: channels }, () => new Float32Array(128));
    this.rate = rate;
    this.quanta = quanta;
    this.runs = runs;
    this.results = [];
    this.calls = 0;
  }

  process() {
    this.calls += 1;
    if (this.calls % 8 !== 0) return true; // let the graph breathe between runs
    const t0 = Date.now();
    for (let q = 0; q < this.quanta; q++) {
      if (q % 16 === 0) {
        this.writer.refresh();
        while (this.writer.room() >= this.rate / 100) this.writer.write(this.tone, 0, this.rate / 100);
      }
      this.renderer.render(this.out);
    }
    this.results.push(((Date.now() - t0) * 1000) / this.quanta);
    if (this.results.length === this.runs) {
      this.port.postMessage(this.results);
      return false;
    }
    return true;
  }
}

registerProcessor('process-cost', ProcessCostProcessor);
