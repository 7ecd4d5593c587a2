// What the demo sends: int16 frames from a tone generator or a looped clip, written in
// 20 ms steps (a generator can be asked for a stretch of silence: the latency probe), or
// the microphone read through an AudioStream.
import { AudioFrame, AudioStream } from '../js/index.js';

export const STEP_MS = 20;

class Generator {
  constructor(sampleRate, numChannels) {
    this.sampleRate = sampleRate;
    this.numChannels = numChannels;
    this.frame = AudioFrame.create(sampleRate, numChannels, Math.round((sampleRate * STEP_MS) / 1000));
    this.silentSamples = 0;
  }

  /** Silence for the next `ms` milliseconds, then the signal again. */
  pause(ms) {
    this.silentSamples = Math.round((this.sampleRate * ms) / 1000);
  }

  /** Feeds `source` until `running()` is false, each capture awaited (paced by the queue). */
  async run(source, running) {
    while (running()) await source.captureFrame(this.next());
  }

  close() {}

  /** The next 20 ms (the same AudioFrame object each time; captureFrame copies it). */
  next() {
    const { data, samplesPerChannel } = this.frame;
    const silent = Math.min(samplesPerChannel, this.silentSamples);
    this.silentSamples -= silent;
    data.fill(0, 0, silent * this.numChannels);
    this.write(data.subarray(silent * this.numChannels), samplesPerChannel - silent);
    return this.frame;
  }
}

/** A sine of `settings.frequency` Hz at `settings.levelDb` dBFS, read live (phase-continuous). */
export class ToneGenerator extends Generator {
  constructor(sampleRate, numChannels, settings) {
    super(sampleRate, numChannels);
    this.settings = settings;
    this.phase = 0;
  }

  write(out, frames) {
    const step = (2 * Math.PI * this.settings.frequency) / this.sampleRate;
    const amplitude = 32767 * 10 ** (this.settings.levelDb / 20);
    const n = this.numChannels;
    for (let i = 0; i < frames; i++) {
      const v = Math.round(amplitude * Math.sin(this.phase));
      for (let c = 0; c < n; c++) out[i * n + c] = v;
      this.phase += step;
      if (this.phase > 2 * Math.PI) this.phase -= 2 * Math.PI;
    }
  }
}

/** Loops a clip (an AudioFrame, e.g. from AudioFrame.fromWavBytes) at its own rate and channels. */
export class ClipGenerator extends Generator {
  constructor(clip) {
    super(clip.sampleRate, clip.numChannels);
    this.clip = clip;
    this.position = 0;
  }

  write(out, frames) {
    const n = this.numChannels;
    const total = this.clip.samplesPerChannel;
    let done = 0;
    while (done < frames) {
      const take = Math.min(frames - done, total - this.position);
      out.set(this.clip.data.subarray(this.position * n, (this.position + take) * n), done * n);
      done += take;
      this.position = (this.position + take) % total;
    }
  }
}

/** The microphone at 48 kHz mono: its frames, read by an AudioStream, go straight to the source. */
export class MicrophoneSender {
  static async open(context) {
    const media = await navigator.mediaDevices.getUserMedia({
      audio: { echoCancellation: false, noiseSuppression: false, autoGainControl: false },
    });
    return new MicrophoneSender(media, context);
  }

  constructor(media, context) {
    this.media = media;
    this.sampleRate = 48000;
    this.numChannels = 1;
    this.stream = new AudioStream(media.getAudioTracks()[0], { sampleRate: 48000, numChannels: 1, frameSizeMs: STEP_MS, context });
  }

  /** Speech has its own pauses: the latency meter times their ends. */
  pause() {}

  async run(source, running) {
    for await (const { frame } of this.stream) {
      if (!running()) break;
      await source.captureFrame(frame);
    }
  }

  async close() {
    for (const track of this.media.getTracks()) track.stop();
    await this.stream.aclose();
  }
}
