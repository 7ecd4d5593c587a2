// The peer of AudioStream's capture in the latency benchmark: what an app writes without
// the package -- an AudioWorklet that copies its first input channel into 10 ms (or
// `frameSamples`) float blocks at the context rate, with no conversion, and posts each
// full block to the main thread (transferring a fresh buffer every time).
class PeerCaptureProcessor extends AudioWorkletProcessor {
  constructor(options) {
    super();
    this.size = options.processorOptions.frameSamples;
    this.block = new Float32Array(this.size);
    this.filled = 0;
  }

  process(inputs) {
    const channel = inputs[0]?.[0];
    const n = channel ? channel.length : 128;
    for (let i = 0; i < n; i++) {
      this.block[this.filled++] = channel ? channel[i] : 0;
      if (this.filled === this.size) {
        this.port.postMessage(this.block, [this.block.buffer]);
        this.block = new Float32Array(this.size);
        this.filled = 0;
      }
    }
    return true;
  }
}

registerProcessor('peer-capture', PeerCaptureProcessor);
