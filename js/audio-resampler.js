import { AudioFrame, frameSamples } from './audio-frame.js';
import { core } from './core-instance.js';
import { StatusCode, statusName } from './core-status.js';
import { describe, requireIntegerInRange, requireNumber, SAMPLE_RATE_RULE } from './errors.js';
import { adopt, release } from './owned.js';

/**
 * Resampling quality presets (src/resampler_filter.h). Every preset rejects aliases and
 * images by at least 60 dB (QUICK, LOW) or 100 dB (MEDIUM and above); docs/RESAMPLER.md
 * lists each one's measured passband, stopband attenuation, THD+N and delay.
 * @readonly
 * @enum {number}
 */
export const AudioResamplerQuality = Object.freeze({
  QUICK: 0,
  LOW: 1,
  MEDIUM: 2,
  HIGH: 3,
  VERY_HIGH: 4,
});

const QUALITY_NAMES = Object.keys(AudioResamplerQuality);
const QUALITY_RULE = `one of AudioResamplerQuality (${QUALITY_NAMES.map((k) => `${k} = ${AudioResamplerQuality[k]}`).join(', ')})`;
const MAX_CHANNELS = core.RESAMPLER_MAX_CHANNELS;
const CHANNELS_RULE = `an integer in 1..${MAX_CHANNELS} (the resampler supports up to ${MAX_CHANNELS} channels)`;
// Frames per core call: bounds the heap buffers however large a pushed frame is.
const SLICE_FRAMES = 16384;

/**
 * The wasm side of one resampler: the core object and two heap buffers that grow on
 * demand (never cached as views: memory may grow). Owned through owned.js, so `delete()`
 * runs exactly once: on close(), or when a dropped AudioResampler is collected.
 */
class CoreResources {
  constructor(impl) {
    this.impl = impl;
    this.inPtr = 0;
    this.inBytes = 0;
    this.outPtr = 0;
    this.outBytes = 0;
  }

  ensure(inBytes, outBytes) {
    if (inBytes > this.inBytes) {
      core._free(this.inPtr);
      this.inPtr = core._malloc(inBytes);
      this.inBytes = this.inPtr ? inBytes : 0;
    }
    if (outBytes > this.outBytes) {
      core._free(this.outPtr);
      this.outPtr = core._malloc(outBytes);
      this.outBytes = this.outPtr ? outBytes : 0;
    }
    if (!this.inPtr || !this.outPtr) {
      throw new RangeError(`rtc-audio-wasm: cannot allocate ${inBytes + outBytes} bytes in the wasm heap`);
    }
  }

  delete() {
    core._free(this.inPtr);
    core._free(this.outPtr);
    this.inPtr = this.outPtr = this.inBytes = this.outBytes = 0;
    this.impl.delete();
  }
}

/**
 * Streaming sample-rate conversion of interleaved int16 frames. [Reference:
 * `AudioResampler`]
 *
 * The output stream is delay-compensated: it starts with the first input sample, the
 * first push returns fewer frames (the filter's look-ahead), and `flush()` returns the
 * rest. Over any pushes plus a flush the output has exactly
 * `round(input frames x outputRate / inputRate)` frames per channel. Equal rates pass the
 * samples through unchanged.
 */
export class AudioResampler {
  #res;
  #inputRate;
  #outputRate;
  #numChannels;
  #quality;
  #latency;

  /**
   * @param {number} inputRate Hz, an integer in 1000..768000
   * @param {number} outputRate Hz, an integer in 1000..768000
   * @param {{numChannels?: number, quality?: number}} [options] `numChannels` an integer
   *   in 1..8 (default 1); `quality` one of AudioResamplerQuality (default MEDIUM)
   * @throws {TypeError} when an argument has the wrong type
   * @throws {RangeError} when a rate, the channel count or the quality is out of range
   */
  constructor(inputRate, outputRate, options = {}) {
    requireIntegerInRange('inputRate', inputRate, core.MIN_SAMPLE_RATE, core.MAX_SAMPLE_RATE);
    requireIntegerInRange('outputRate', outputRate, core.MIN_SAMPLE_RATE, core.MAX_SAMPLE_RATE);
    if (options === null || typeof options !== 'object') {
      throw new TypeError(`options must be an object ({ numChannels, quality }), got ${describe(options)}`);
    }
    const { numChannels = 1, quality = AudioResamplerQuality.MEDIUM } = options;
    requireNumber('numChannels', numChannels, CHANNELS_RULE);
    if (!Number.isInteger(numChannels) || numChannels < 1 || numChannels > MAX_CHANNELS) {
      throw new RangeError(`numChannels must be ${CHANNELS_RULE}, got ${describe(numChannels)}`);
    }
    requireNumber('quality', quality, QUALITY_RULE);
    if (!QUALITY_NAMES.some((k) => AudioResamplerQuality[k] === quality)) {
      throw new RangeError(`quality must be ${QUALITY_RULE}, got ${describe(quality)}`);
    }
    const impl = new core.AudioResamplerCore();
    const status = impl.create(inputRate, outputRate, numChannels, quality, false);
    if (status !== StatusCode.OK) {
      impl.delete();
      throw new RangeError(`AudioResampler could not be created: ${statusName(status)} (inputRate ${SAMPLE_RATE_RULE})`);
    }
    this.#res = adopt(this, new CoreResources(impl));
    this.#inputRate = inputRate;
    this.#outputRate = outputRate;
    this.#numChannels = numChannels;
    this.#quality = quality;
    this.#latency = impl.latencyMs() / 1000;
  }

  /** Input sample rate in Hz. @type {number} */
  get inputRate() {
    return this.#inputRate;
  }

  /** Output sample rate in Hz. @type {number} */
  get outputRate() {
    return this.#outputRate;
  }

  /** Interleaved channels of every frame in and out. @type {number} */
  get numChannels() {
    return this.#numChannels;
  }

  /** The AudioResamplerQuality preset. @type {number} */
  get quality() {
    return this.#quality;
  }

  /**
   * Streaming delay in seconds: an input sample reaches the output once this much more
   * input has been pushed (0 for equal rates). @type {number}
   */
  get latency() {
    return this.#latency;
  }

  #live(method) {
    if (!this.#res) throw new Error(`AudioResampler is closed (${method} after close())`);
    return this.#res;
  }

  /**
   * Resamples one frame. Returns the frames ready so far: `[]` or one frame.
   * @param {AudioFrame} frame at `inputRate` with `numChannels` channels
   * @returns {AudioFrame[]}
   * @throws {TypeError} when `frame` is not an AudioFrame, or its buffer has been detached
   * @throws {RangeError} when its sample rate or channel count differs from the resampler's,
   *   or its buffer has been resized below its samples
   * @throws {Error} after close()
   */
  push(frame) {
    const res = this.#live('push');
    if (!(frame instanceof AudioFrame)) {
      throw new TypeError(`frame must be an AudioFrame, got ${describe(frame)}`);
    }
    if (frame.sampleRate !== this.#inputRate) {
      throw new RangeError(`frame.sampleRate must be ${this.#inputRate} (the resampler's inputRate), got ${frame.sampleRate}`);
    }
    if (frame.numChannels !== this.#numChannels) {
      throw new RangeError(`frame.numChannels must be ${this.#numChannels} (the resampler's numChannels), got ${frame.numChannels}`);
    }
    const samples = frameSamples(frame, 'frame');
    const frames = frame.samplesPerChannel;
    if (frames === 0) return [];
    const ch = this.#numChannels;
    const impl = res.impl;
    if (frames <= SLICE_FRAMES) {
      // One core call (the streamed case): copy in, process, copy out.
      res.ensure(frames * ch * 2, impl.maxOutputFrames(frames) * ch * 2);
      core.HEAP16.set(samples.subarray(0, frames * ch), res.inPtr >> 1);
      const produced = impl.processS16(res.inPtr, frames, res.outPtr, res.outBytes / (2 * ch));
      if (produced === 0) return [];
      const start = res.outPtr >> 1;
      return [new AudioFrame(core.HEAP16.slice(start, start + produced * ch), this.#outputRate, ch, produced)];
    }
    return this.#pushSlices(res, samples, frames);
  }

  #pushSlices(res, samples, frames) {
    const ch = this.#numChannels;
    const impl = res.impl;
    // Slices small enough that neither heap buffer exceeds SLICE_FRAMES frames.
    const slice = Math.max(1, Math.min(SLICE_FRAMES, Math.floor(SLICE_FRAMES * this.#inputRate / this.#outputRate)));
    const out = new Int16Array(impl.maxOutputFrames(frames) * ch);
    let produced = 0;
    res.ensure(slice * ch * 2, impl.maxOutputFrames(slice) * ch * 2);
    for (let pos = 0; pos < frames; pos += slice) {
      const n = Math.min(slice, frames - pos);
      core.HEAP16.set(samples.subarray(pos * ch, (pos + n) * ch), res.inPtr >> 1);
      const got = impl.processS16(res.inPtr, n, res.outPtr, res.outBytes / (2 * ch));
      const start = res.outPtr >> 1;
      out.set(core.HEAP16.subarray(start, start + got * ch), produced * ch);
      produced += got;
    }
    if (produced === 0) return [];
    return [new AudioFrame(out.slice(0, produced * ch), this.#outputRate, ch, produced)];
  }

  /**
   * Returns the frames still held back by the filter's look-ahead (`[]` or one frame),
   * after which the resampler is as new.
   * @returns {AudioFrame[]}
   * @throws {Error} after close()
   */
  flush() {
    const res = this.#live('flush');
    const ch = this.#numChannels;
    const pending = res.impl.pendingFlushFrames();
    if (pending === 0) {
      res.impl.reset();
      return [];
    }
    res.ensure(2, pending * ch * 2);
    const written = res.impl.flushS16(res.outPtr, pending);
    const start = res.outPtr >> 1;
    return [new AudioFrame(core.HEAP16.slice(start, start + written * ch), this.#outputRate, ch, written)];
  }

  /** Frees the wasm resources. Idempotent; push/flush afterwards throw an Error. */
  close() {
    if (!this.#res) return;
    this.#res = undefined;
    release(this);
  }
}
