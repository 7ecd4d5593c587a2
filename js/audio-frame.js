import { core } from './core-instance.js';
import { StatusCode } from './core-status.js';
import { describe, frameStatusError, isDetached, requireAttached, requireNumber, wavStatusError } from './errors.js';
import { copyToHeap, withHeap } from './heap.js';

const BUFFER_RULE = 'an Int16Array, ArrayBuffer, SharedArrayBuffer or other ArrayBufferView';

function isArrayBufferLike(value) {
  const tag = Object.prototype.toString.call(value);
  return tag === '[object ArrayBuffer]' || tag === '[object SharedArrayBuffer]';
}

/**
 * The byte view of `data` and its Int16Array form: aligned memory is wrapped, unaligned
 * memory is copied. Throws TypeError for anything that is not a buffer.
 */
function toBytes(name, data, rule) {
  if (isArrayBufferLike(data)) {
    requireAttached(name, data);
    return new Uint8Array(data);
  }
  if (ArrayBuffer.isView(data)) {
    requireAttached(name, data.buffer);
    return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  }
  throw new TypeError(`${name} must be ${rule}, got ${describe(data)}`);
}

function toInt16(data, bytes) {
  if (data instanceof Int16Array) return data;
  if (bytes.byteOffset % 2 === 0) {
    return new Int16Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 2);
  }
  const copy = new Int16Array(bytes.byteLength / 2);
  new Uint8Array(copy.buffer).set(bytes);
  return copy;
}

/**
 * A frame of interleaved signed 16-bit PCM: `[L0, R0, L1, R1, ...]` for stereo.
 *
 * The samples live in `data`, which wraps the caller's memory when it is int16-aligned
 * (writes through `frame.data` show in the caller's buffer and back) and copies it
 * otherwise. A buffer longer than `numChannels * samplesPerChannel` samples is kept whole.
 */
export class AudioFrame {
  #data;
  #sampleRate;
  #numChannels;
  #samplesPerChannel;
  #userdata;

  /**
   * @param {Int16Array | ArrayBuffer | SharedArrayBuffer | ArrayBufferView} data the
   *   samples, at least `numChannels * samplesPerChannel * 2` bytes (byte offset honoured)
   * @param {number} sampleRate Hz, an integer in 1000..768000
   * @param {number} numChannels an integer in 1..32
   * @param {number} samplesPerChannel an integer >= 0
   * @param {object} [userdata] a per-frame object for your own metadata (never transmitted);
   *   defaults to a new empty object
   * @throws {TypeError} when an argument has the wrong type, or `data` is detached
   * @throws {RangeError} when a value is out of range or `data` is too short or odd-sized
   */
  constructor(data, sampleRate, numChannels, samplesPerChannel, userdata = undefined) {
    const bytes = toBytes('data', data, BUFFER_RULE);
    requireNumber('sampleRate', sampleRate, 'an integer in 1000..768000');
    requireNumber('numChannels', numChannels, 'an integer in 1..32');
    requireNumber('samplesPerChannel', samplesPerChannel, 'an integer >= 0');
    if (userdata !== undefined && (userdata === null || typeof userdata !== 'object')) {
      throw new TypeError(`userdata must be an object, got ${describe(userdata)}`);
    }
    const status = core.validateFrame(sampleRate, numChannels, samplesPerChannel, bytes.byteLength);
    if (status !== StatusCode.OK) {
      throw frameStatusError(status, { sampleRate, numChannels, samplesPerChannel, byteLength: bytes.byteLength });
    }
    this.#data = toInt16(data, bytes);
    this.#sampleRate = sampleRate;
    this.#numChannels = numChannels;
    this.#samplesPerChannel = samplesPerChannel;
    this.#userdata = userdata;
  }

  /**
   * A zero-filled (silent) frame.
   * @param {number} sampleRate Hz, an integer in 1000..768000
   * @param {number} numChannels an integer in 1..32
   * @param {number} samplesPerChannel an integer >= 0
   * @returns {AudioFrame}
   */
  static create(sampleRate, numChannels, samplesPerChannel) {
    requireNumber('sampleRate', sampleRate, 'an integer in 1000..768000');
    requireNumber('numChannels', numChannels, 'an integer in 1..32');
    requireNumber('samplesPerChannel', samplesPerChannel, 'an integer >= 0');
    const status = core.validateFrame(sampleRate, numChannels, samplesPerChannel, 2 ** 52); // any even size: only the format is checked here
    if (status !== StatusCode.OK) {
      throw frameStatusError(status, { sampleRate, numChannels, samplesPerChannel });
    }
    return new AudioFrame(new Int16Array(numChannels * samplesPerChannel), sampleRate, numChannels, samplesPerChannel);
  }

  /**
   * Decodes a 16-bit PCM WAV file (RIFF/WAVE; unknown chunks skipped) into a new frame.
   * @param {Uint8Array | ArrayBuffer | ArrayBufferView} bytes
   * @returns {AudioFrame}
   * @throws {TypeError} when `bytes` is not a buffer, or is detached
   * @throws {RangeError} when the bytes are not a 16-bit PCM WAV file
   */
  static fromWavBytes(bytes) {
    const view = toBytes('bytes', bytes, 'a Uint8Array, ArrayBuffer or ArrayBufferView');

    return withHeap(core, view.byteLength, (ptr) => {
      copyToHeap(core, ptr, view);
      const info = core.parseWav(ptr, view.byteLength);
      if (info.status !== StatusCode.OK) throw wavStatusError(info.status, view.byteLength);
      const samples = new Int16Array(info.numChannels * info.samplesPerChannel);
      samples.set(new Int16Array(core.HEAPU8.buffer, ptr + info.dataOffset, samples.length));
      return new AudioFrame(samples, info.sampleRate, info.numChannels, info.samplesPerChannel);
    });
  }

  /** The samples, interleaved, over the whole stored buffer (writable). @type {Int16Array} */
  get data() {
    return this.#data;
  }

  /** Sample rate in Hz. @type {number} */
  get sampleRate() {
    return this.#sampleRate;
  }

  /** Number of interleaved channels. @type {number} */
  get numChannels() {
    return this.#numChannels;
  }

  /** Samples per channel (sample frames). @type {number} */
  get samplesPerChannel() {
    return this.#samplesPerChannel;
  }

  /** Duration in seconds: samplesPerChannel / sampleRate. @type {number} */
  get duration() {
    return this.#samplesPerChannel / this.#sampleRate;
  }

  /** Your per-frame metadata object: the same object on every access, never transmitted. @type {object} */
  get userdata() {
    this.#userdata ??= {};
    return this.#userdata;
  }

  /**
   * The frame as a WAV file: a canonical 44-byte PCM header (16-bit, this frame's rate and
   * channels, data size = the stored bytes) followed by every stored sample, little-endian.
   * @returns {Uint8Array}
   */
  toWavBytes() {
    frameSamples(this, 'this');
    const samples = this.#data;
    const total = core.WAV_HEADER_BYTES + samples.byteLength;
    return withHeap(core, total, (ptr) => {
      copyToHeap(core, ptr + core.WAV_HEADER_BYTES, samples);
      const status = core.encodeWav(ptr + core.WAV_HEADER_BYTES, samples.length, this.#sampleRate, this.#numChannels, ptr, total);
      if (status !== StatusCode.OK) throw frameStatusError(status, this);
      return core.HEAPU8.slice(ptr, ptr + total);
    });
  }

  /** `AudioFrame(sampleRate=48000, numChannels=2, samplesPerChannel=480, duration=0.010)` */
  toString() {
    return `AudioFrame(sampleRate=${this.#sampleRate}, numChannels=${this.#numChannels}, samplesPerChannel=${this.#samplesPerChannel}, duration=${this.duration.toFixed(3)})`;
  }
}

/**
 * The frame's numChannels x samplesPerChannel samples (a view, not a copy), after checking
 * that the memory the frame wraps is still there: a frame wraps the caller's buffer, and
 * the caller may transfer (detach) or shrink that buffer after the frame was made. Every
 * reader of a frame's samples goes through this, so such a frame is rejected with a clear
 * error instead of being read as silence, garbage or a runtime exception.
 * @param {AudioFrame} frame
 * @param {string} name how the caller's parameter is called in the error message
 * @returns {Int16Array}
 * @throws {TypeError} when the frame's buffer has been detached
 * @throws {RangeError} when the frame's buffer has shrunk below its samples
 */
export function frameSamples(frame, name) {
  const data = frame.data;
  if (isDetached(data.buffer)) {
    throw new TypeError(
      `${name}.data is backed by a detached ArrayBuffer (the buffer the frame wraps was transferred after the frame was made); the frame can no longer be read`,
    );
  }
  const n = frame.numChannels * frame.samplesPerChannel;
  if (data.length < n) {
    throw new RangeError(
      `${name}.data holds ${data.length} samples, fewer than numChannels x samplesPerChannel = ${n} (the buffer the frame wraps was resized after the frame was made)`,
    );
  }
  return data.subarray(0, n);
}
