// The latency benchmark's reference on the audio clock: posts `{ frame }` (currentFrame)
// at every render quantum, so the page learns when each quantum was rendered (the
// message's arrival: rendering is bursty, one device callback renders several quanta back
// to back), and `{ pulse }` (the context frame of the onset) the moment its input crosses
// `threshold` after at least `minQuietFrames` of quiet.
class ClockProcessor extends AudioWorkletProcessor {
  constructor(options) {
    super();
    this.threshold = options.processorOptions.threshold;
    this.minQuietFrames = options.processorOptions.minQuietFrames;
    this.quietFrames = 0;
    this.tick = { frame: 0 };
  }

  process(inputs) {
    const channel = inputs[0]?.[0];
    if (channel) {
      for (let i = 0; i < channel.length; i++) {
        if (Math.abs(channel[i]) >= this.threshold) {
          if (this.quietFrames >= this.minQuietFrames) this.port.postMessage({ pulse: currentFrame + i });
          this.quietFrames = 0;
        } else {
          this.quietFrames += 1;
        }
      }
    } else {
      this.quietFrames += 128;
    }
    this.tick.frame = currentFrame;
    this.port.postMessage(this.tick);
    return true;
  }
}

registerProcessor('latency-clock', ClockProcessor);
