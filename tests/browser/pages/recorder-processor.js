// A capture worklet for the browser tests and benchmarks: records its first input's first
// channel and posts it to the page in blocks of 4096 frames, each with the context frame
// index of its first sample (silence is recorded for quanta with no input connected).
const BLOCK = 4096;

class RecorderProcessor extends AudioWorkletProcessor {
  constructor() {
    super();
    this.block = new Float32Array(BLOCK);
    this.filled = 0;
    this.start = 0;
  }

  process(inputs) {
    const channel = inputs[0]?.[0];
    if (this.filled === 0) this.start = currentFrame;
    if (channel) this.block.set(channel, this.filled);
    else this.block.fill(0, this.filled, this.filled + 128);
    this.filled += channel ? channel.length : 128;
    if (this.filled >= BLOCK) {
      this.port.postMessage({ start: this.start, samples: this.block }, [this.block.buffer]);
      this.block = new Float32Array(BLOCK);
      this.filled = 0;
    }
    return true;
  }
}

registerProcessor('test-recorder', RecorderProcessor);
