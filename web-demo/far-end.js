// The receiving end of the demo: turns what arrives over the loopback into AudioFrames
// of the chosen rate, channel count and frame size.
import { AudioFrame, AudioResampler } from '../js/index.js';

/**
 * Receives through the demo's Web Audio tap: the far-end blocks (float, the context's rate)
 * become int16 frames, go through an AudioResampler of the chosen quality, and are cut
 * into `frameSizeMs` frames.
 */
export class TapReceiver {
  constructor({ contextRate, sampleRate, numChannels, frameSizeMs, quality, onFrame }) {
    this.kind = 'Web Audio tap + AudioResampler';
    this.contextRate = contextRate;
    this.numChannels = numChannels;
    this.samplesPerChannel = Math.floor((sampleRate * frameSizeMs) / 1000);
    this.resampler = new AudioResampler(contextRate, sampleRate, { numChannels, quality });
    this.sampleRate = sampleRate;
    this.pending = new Int16Array(this.samplesPerChannel * numChannels);
    this.pendingFrames = 0;
    this.onFrame = onFrame;
    this.framesDelivered = 0;
  }

  /** Feeds the far-end channels of one tap block. */
  push(channels) {
    const n = this.numChannels;
    const length = channels[0].length;
    const block = AudioFrame.create(this.contextRate, n, length);
    for (let i = 0; i < length; i++) {
      for (let c = 0; c < n; c++) {
        const v = Math.round(channels[c][i] * 32768);
        block.data[i * n + c] = v > 32767 ? 32767 : v < -32768 ? -32768 : v;
      }
    }
    for (const out of this.resampler.push(block)) this.cut(out);
  }

  cut(frame) {
    const n = this.numChannels;
    const spc = this.samplesPerChannel;
    let offset = 0;
    while (offset < frame.samplesPerChannel) {
      const take = Math.min(spc - this.pendingFrames, frame.samplesPerChannel - offset);
      this.pending.set(frame.data.subarray(offset * n, (offset + take) * n), this.pendingFrames * n);
      this.pendingFrames += take;
      offset += take;
      if (this.pendingFrames === spc) {
        this.framesDelivered += 1;
        this.onFrame(new AudioFrame(this.pending.slice(), this.sampleRate, n, spc));
        this.pendingFrames = 0;
      }
    }
  }

  /** Frames waiting for the consumer, frames dropped: none on this path. */
  get stats() {
    return { buffered: 0, dropped: 0, delivered: this.framesDelivered };
  }

  close() {
    this.resampler.close();
  }
}
