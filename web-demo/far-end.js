// The receiving end of the demo: turns what arrives over the loopback into AudioFrames
// of the chosen rate, channel count and frame size, with one of two receivers.
import { AudioFrame, AudioResampler, AudioStream, RemoteAudioTrack } from '../js/index.js';

/**
 * The package's AudioStream on the received track: capture in an AudioWorklet, the
 * core's conversion (down-mix, resample, up-mix) and frames of `frameSizeMs`.
 */
export class StreamReceiver {
  constructor({ track, context, sampleRate, numChannels, frameSizeMs, capacity, onFrame }) {
    this.kind = 'AudioStream';
    this.capacity = capacity;
    this.stream = new AudioStream(new RemoteAudioTrack(track), { sampleRate, numChannels, frameSizeMs, capacity, context });
    this.reading = (async () => {
      for await (const { frame } of this.stream) onFrame(frame);
    })();
  }

  /** Tap blocks are for the latency meter only on this path. */
  push() {}

  get stats() {
    const s = this.stream.stats;
    return { buffered: s.framesBuffered, dropped: s.framesDropped + s.captureDropped, missed: s.missedSamples, delivered: s.framesReceived, transport: s.transport };
  }

  async close() {
    await this.stream.aclose();
    await this.reading;
  }
}

/**
 * Receives through the demo's Web Audio tap: the far-end blocks (float, the context's rate)
 * become int16 frames, go through an AudioResampler of the chosen quality, and are cut
 * into `frameSizeMs` frames. Lets the resampler's quality be compared by ear and on the
 * spectrum (AudioStream resamples at MEDIUM).
 */
export class TapReceiver {
  constructor({ contextRate, sampleRate, numChannels, frameSizeMs, quality, onFrame }) {
    this.kind = 'Web Audio tap + AudioResampler';
    this.capacity = 0;
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

  /** Frames are handed over as they are made: nothing buffered, dropped or missed. */
  get stats() {
    return { buffered: 0, dropped: 0, missed: 0, delivered: this.framesDelivered, transport: 'message-port' };
  }

  async close() {
    this.resampler.close();
  }
}
