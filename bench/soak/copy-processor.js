// The peer for bench/soak/sources-cost.html: the least an AudioWorklet source can do --
// copy 128 prepared float samples per quantum to its output. No ring, no wasm.
class CopyProcessor extends AudioWorkletProcessor {
  constructor(options) {
    super();
    this.samples = options.processorOptions.samples;
    this.pos = 0;
  }

  process(_, outputs) {
    const out = outputs[0][0];
    if (this.pos + out.length > this.samples.length) this.pos = 0;
    out.set(this.samples.subarray(this.pos, this.pos + out.length));
    this.pos += out.length;
    return true;
  }
}
registerProcessor('soak-copy', CopyProcessor);
