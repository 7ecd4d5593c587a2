// The demo's measuring tap (AudioWorkletGlobalScope). Input 0 is the near end (the
// LocalAudioTrack, as the source plays it out), input 1 the far end (the track received
// over the RTCPeerConnection loopback). Every BLOCK frames it posts both, with the
// context frame index of their first sample, so the page can time onsets on one clock.
const BLOCK = 1024;

class DemoTapProcessor extends AudioWorkletProcessor {
  constructor(options) {
    super();
    this.farChannels = options.processorOptions.farChannels;
    this.fill = 0;
    this.start = 0;
    this.fresh();
  }

  fresh() {
    this.near = new Float32Array(BLOCK);
    this.far = Array.from({ length: this.farChannels }, () => new Float32Array(BLOCK));
  }

  process(inputs) {
    if (this.fill === 0) this.start = currentFrame;
    const near = inputs[0];
    const far = inputs[1];
    // An input with nothing connected (or an ended track) has no channels: silence.
    if (near.length > 0) this.near.set(near[0], this.fill);
    for (let c = 0; c < this.farChannels; c++) {
      const channel = far[Math.min(c, far.length - 1)];
      if (channel) this.far[c].set(channel, this.fill);
    }
    this.fill += 128;
    if (this.fill === BLOCK) {
      const transfer = [this.near.buffer, ...this.far.map((f) => f.buffer)];
      this.port.postMessage({ start: this.start, near: this.near, far: this.far }, transfer);
      this.fresh();
      this.fill = 0;
    }
    return true;
  }
}

registerProcessor('demo-tap', DemoTapProcessor);
