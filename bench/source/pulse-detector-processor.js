// Posts `{ frame }` (the context frame index) the moment its input crosses `threshold`
// after at least `minQuietFrames` of quiet: the pulse detector of the latency benchmarks.
// With `ticks: true` it also posts `{ tick }` (currentFrame) at every render quantum, so
// the page learns when each quantum was rendered (the message's arrival: rendering is
// bursty, one device callback renders several quanta back to back).
class PulseDetectorProcessor extends AudioWorkletProcessor {
  constructor(options) {
    super();
    this.threshold = options.processorOptions.threshold;
    this.minQuietFrames = options.processorOptions.minQuietFrames;
    this.tick = options.processorOptions.ticks ? { tick: 0 } : null;
    this.quietFrames = 0;
  }

  process(inputs) {
    const channel = inputs[0]?.[0];
    if (!channel) {
      this.quietFrames += 128;
    } else {
      for (let i = 0; i < channel.length; i++) {
        if (Math.abs(channel[i]) >= this.threshold) {
          if (this.quietFrames >= this.minQuietFrames) this.port.postMessage({ frame: currentFrame + i });
          this.quietFrames = 0;
        } else {
          this.quietFrames += 1;
        }
      }
    }
    if (this.tick) {
      this.tick.tick = currentFrame;
      this.port.postMessage(this.tick);
    }
    return true;
  }
}

registerProcessor('pulse-detector', PulseDetectorProcessor);
