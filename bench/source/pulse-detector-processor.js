// Posts `{ frame }` (the context frame index) the moment its input crosses `threshold`
// after at least `minQuietFrames` of quiet: the pulse detector of the latency benchmark.
class PulseDetectorProcessor extends AudioWorkletProcessor {
  constructor(options) {
    super();
    this.threshold = options.processorOptions.threshold;
    this.minQuietFrames = options.processorOptions.minQuietFrames;
    this.quietFrames = 0;
  }

  process(inputs) {
    const channel = inputs[0]?.[0];
    if (!channel) {
      this.quietFrames += 128;
      return true;
    }
    for (let i = 0; i < channel.length; i++) {
      if (Math.abs(channel[i]) >= this.threshold) {
        if (this.quietFrames >= this.minQuietFrames) this.port.postMessage({ frame: currentFrame + i });
        this.quietFrames = 0;
      } else {
        this.quietFrames += 1;
      }
    }
    return true;
  }
}

registerProcessor('pulse-detector', PulseDetectorProcessor);
