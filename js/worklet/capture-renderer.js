/**
 * CaptureRenderer: AudioStream's conversion and framing, as a plain class so the same
 * code runs inside the capture AudioWorkletProcessor (one render quantum of planar float
 * per call) and in Node (one paced step of a source's int16 output per call).
 *
 * One block:
 *   1. the input goes into the core CaptureEngine's heap buffer (src/capture_engine.h),
 *      which down-mixes, resamples to the stream's rate and up-mixes to its channels,
 *      producing interleaved int16;
 *   2. the output is cut into frames of `frameSamples` samples per channel in one
 *      preallocated frame buffer; each whole frame goes to `emit(index, samples)`, where
 *      `index` is the stream position (in output samples per channel) of its first
 *      sample and `samples` the frame buffer, valid only during the call (copy it).
 * No allocation in either step; heap views are made once and re-made only if wasm memory
 * grew. A partial frame stays in the frame buffer until the next block completes it.
 *
 * A gap in the input (`gap(inputFrames)`: the audio thread missed render quanta) starts
 * a new conversion: the partial frame is dropped, the resampler reset, and the stream
 * position moves on by the gap's duration, so the consumer sees the jump in `index`.
 *
 * AudioWorklet-safe: no fetch, URL, TextDecoder, performance or timers.
 */
import { StatusCode, statusName } from '../core-status.js';
import { adopt, release } from '../owned.js';

/**
 * Converts captured blocks to a stream's format and cuts them into frames. Owns its
 * CaptureEngine; close() frees it.
 */
export class CaptureRenderer {
  #core;
  #engine;
  #inputRate;
  #inputChannels;
  #outputRate;
  #outputChannels;
  #frameSamples;
  #maxBlockFrames;
  #emit;
  #heap = null;
  #planes = [];
  #s16 = null;
  #output = null;
  #frame;
  #filled = 0;
  #position = 0;
  #inputSinceReset = 0;
  #positionAtReset = 0;
  #closed = false;

  /**
   * @param {object} options
   * @param {import('../core.js').AudioCore} options.core a core instance
   * @param {number} options.inputRate Hz (the AudioContext's, or the source's in Node)
   * @param {number} options.inputChannels
   * @param {number} options.outputRate Hz (the stream's)
   * @param {number} options.outputChannels
   * @param {number} options.frameSamples samples per channel of each emitted frame (>= 1)
   * @param {number} options.maxBlockFrames the most input frames one call brings
   * @param {(index: number, samples: Int16Array) => void} options.emit
   * @param {number} [options.startIndex] the stream position of the first output sample (0)
   * @throws {RangeError} when the core rejects the configuration
   */
  constructor({ core, inputRate, inputChannels, outputRate, outputChannels, frameSamples, maxBlockFrames, emit, startIndex = 0 }) {
    this.#core = core;
    this.#engine = adopt(this, new core.CaptureEngine());
    const status = this.#engine.configure(inputRate, inputChannels, outputRate, outputChannels, maxBlockFrames);
    if (status !== StatusCode.OK) {
      release(this);
      throw new RangeError(
        `capture of ${inputRate} Hz x ${inputChannels} ch into ${outputRate} Hz x ${outputChannels} ch is not supported: ${statusName(status)}`,
      );
    }
    this.#inputRate = inputRate;
    this.#inputChannels = inputChannels;
    this.#outputRate = outputRate;
    this.#outputChannels = outputChannels;
    this.#frameSamples = frameSamples;
    this.#maxBlockFrames = maxBlockFrames;
    this.#emit = emit;
    this.#frame = new Int16Array(frameSamples * outputChannels);
    this.#position = this.#positionAtReset = startIndex;
  }

  /** Input channels the engine is configured for. */
  get inputChannels() {
    return this.#inputChannels;
  }

  /** The stream position (output samples per channel) of the next sample produced. */
  get position() {
    return this.#position;
  }

  /**
   * The stream position of the partial frame's first sample: every frame emitted from
   * now on starts at or after it.
   */
  get nextFrameIndex() {
    return this.#position - this.#filled;
  }

  #views() {
    const heap = this.#core.HEAPU8.buffer;
    if (heap === this.#heap) return;
    const e = this.#engine;
    this.#heap = heap;
    this.#planes = [];
    for (let c = 0; c < this.#inputChannels; c++) this.#planes.push(new Float32Array(heap, e.planePtr(c), this.#maxBlockFrames));
    this.#s16 = new Int16Array(heap, e.s16Ptr(), this.#maxBlockFrames * this.#inputChannels);
    this.#output = new Int16Array(heap, e.outputPtr(), e.maxOutputFrames() * this.#outputChannels);
  }

  /**
   * One block of planar float input (an AudioWorklet input: one Float32Array per
   * channel, at most maxBlockFrames long). Fewer channels than configured are padded
   * with silence, extra ones ignored; `frames` sets the block length when `channels` is
   * empty (an unconnected input is silence).
   * @param {Float32Array[]} channels
   * @param {number} frames
   */
  processPlanar(channels, frames) {
    if (this.#closed || frames <= 0) return;
    this.#views();
    const n = Math.min(channels.length, this.#inputChannels);
    for (let c = 0; c < n; c++) {
      const src = channels[c];
      const dst = this.#planes[c];
      if (src.length === frames) dst.set(src);
      else for (let i = 0; i < frames; i++) dst[i] = src[i];
    }
    for (let c = n; c < this.#inputChannels; c++) this.#planes[c].fill(0, 0, frames);
    this.#cut(this.#engine.processPlanar(frames), frames);
  }

  /**
   * One block of interleaved int16 input (`frames` frames, at most maxBlockFrames).
   * @param {Int16Array} samples
   * @param {number} frames
   */
  processS16(samples, frames) {
    if (this.#closed || frames <= 0) return;
    this.#views();
    const dst = this.#s16;
    const count = frames * this.#inputChannels;
    if (samples.length === count) dst.set(samples);
    else for (let i = 0; i < count; i++) dst[i] = samples[i];
    this.#cut(this.#engine.processS16(frames), frames);
  }

  #cut(produced, inputFrames) {
    this.#inputSinceReset += inputFrames;
    const ch = this.#outputChannels;
    const frame = this.#frame;
    const size = this.#frameSamples;
    const out = this.#output;
    let offset = 0;
    while (offset < produced) {
      const n = Math.min(size - this.#filled, produced - offset);
      for (let i = offset * ch, j = this.#filled * ch, end = (offset + n) * ch; i < end; i++, j++) frame[j] = out[i];
      this.#filled += n;
      offset += n;
      this.#position += n;
      if (this.#filled === size) {
        this.#filled = 0;
        this.#emit(this.#position - size, frame);
      }
    }
  }

  /**
   * `inputFrames` of input were missed: drop the partial frame, restart the conversion
   * and move the stream position by the whole time elapsed, so the next frame's index
   * shows the gap.
   * @param {number} inputFrames
   */
  gap(inputFrames) {
    if (this.#closed || inputFrames <= 0) return;
    // Where the stream would be had the input kept coming: the input consumed since the
    // last reset, plus the gap, at the output rate (the resampler is delay-compensated).
    this.#inputSinceReset += inputFrames;
    const expected = this.#positionAtReset + Math.round((this.#inputSinceReset * this.#outputRate) / this.#inputRate);
    this.#engine.reset();
    this.#filled = 0;
    this.#position = Math.max(this.#position, expected);
    this.#positionAtReset = this.#position;
    this.#inputSinceReset = 0;
  }

  /** Frees the engine; later calls do nothing. Idempotent. */
  close() {
    if (this.#closed) return;
    this.#closed = true;
    release(this);
    this.#engine = null;
  }
}
