import { AudioFrame, frameSamples } from './audio-frame.js';
import { AudioResampler } from './audio-resampler.js';
import { core } from './core-instance.js';
import { StatusCode, statusName } from './core-status.js';
import { CHANNELS_RULE, SAMPLE_RATE_RULE, describe, frameStatusError, requireNumber } from './errors.js';
import { copyToHeap, withHeap } from './heap.js';
import { adopt, release } from './owned.js';

/** setTimeout's largest delay, in ms. */
const MAX_TIMEOUT_MS = 2 ** 31 - 1;
const DONE = Object.freeze({ value: undefined, done: true });
const EMPTY = new Int16Array(0);
const INPUT_RULE = 'an async iterable of AudioFrame or { frame: AudioFrame } objects';

function requireInteger(name, value, min, max, rule) {
  requireNumber(name, value, rule);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`${name} must be ${rule}, got ${describe(value)}`);
  }
}

/** The frame an input yielded: an AudioFrame, or an AudioFrameEvent-like `{ frame }`. */
function toFrame(item) {
  if (item instanceof AudioFrame) return item;
  if (item !== null && typeof item === 'object' && item.frame instanceof AudioFrame) return item.frame;
  throw new TypeError(`an AudioMixer input must yield AudioFrame or { frame: AudioFrame } objects, got ${describe(item)}`);
}

async function* fromSyncIterable(iterable) {
  yield* iterable;
}

/** `samples` (interleaved, `fromChannels`) remixed in the core to `toChannels` (src/channel_remix.h). */
function remix(samples, fromChannels, toChannels) {
  const frames = samples.length / fromChannels;
  const outSamples = frames * toChannels;
  return withHeap(core, samples.byteLength + outSamples * 2, (ptr) => {
    copyToHeap(core, ptr, samples);
    const outPtr = ptr + samples.byteLength; // even, so int16-aligned
    core.remixS16(ptr, samples.length, fromChannels, outPtr, outSamples, toChannels);
    return new Int16Array(core.HEAPU8.buffer, outPtr, outSamples).slice();
  });
}

/** `parts` (Int16Arrays) joined; the part itself when only one is non-empty. */
function concatSamples(parts) {
  const nonEmpty = parts.filter((p) => p.length > 0);
  if (nonEmpty.length === 0) return EMPTY;
  if (nonEmpty.length === 1) return nonEmpty[0];
  const out = new Int16Array(nonEmpty.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of nonEmpty) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/**
 * Sample-rate conversion of interleaved int16 samples with the core's resampler
 * (AudioResampler, default quality). The resampler takes at most
 * core.RESAMPLER_MAX_CHANNELS channels, so wider input is split into channel groups, one
 * resampler each; every group sees the same frame counts, so their outputs line up
 * frame for frame and are interleaved again. Output totals are the resampler's:
 * round(input frames x toRate / fromRate) per channel over all pushes plus the flush.
 */
class RateConverter {
  #fromRate;
  #toRate;
  #channels;
  /** @type {{ first: number, count: number, resampler: AudioResampler }[]} */
  #groups = [];

  constructor(fromRate, toRate, channels) {
    this.#fromRate = fromRate;
    this.#toRate = toRate;
    this.#channels = channels;
    const max = core.RESAMPLER_MAX_CHANNELS;
    try {
      for (let first = 0; first < channels; first += max) {
        const count = Math.min(max, channels - first);
        this.#groups.push({ first, count, resampler: new AudioResampler(fromRate, toRate, { numChannels: count }) });
      }
    } catch (error) {
      this.close();
      throw error;
    }
  }

  /** Resamples `samples` (whole frames of `channels`); returns what is ready. */
  push(samples) {
    return this.#run((group) => group.resampler.push(this.#groupFrame(samples, group)));
  }

  /** The samples the filter still holds; afterwards the converter is as new. */
  flush() {
    return this.#run((group) => group.resampler.flush());
  }

  close() {
    for (const group of this.#groups) group.resampler.close();
    this.#groups = [];
  }

  /** Runs `step` on every group and interleaves the groups' outputs. */
  #run(step) {
    const outputs = this.#groups.map((group) => concatSamples(step(group).map((f) => f.data.subarray(0, f.numChannels * f.samplesPerChannel))));
    if (outputs.length === 1) return outputs[0];
    const frames = outputs[0].length / this.#groups[0].count;
    const out = new Int16Array(frames * this.#channels);
    this.#groups.forEach(({ first, count }, g) => {
      const part = outputs[g];
      for (let f = 0; f < frames; f++) {
        for (let c = 0; c < count; c++) out[f * this.#channels + first + c] = part[f * count + c];
      }
    });
    return out;
  }

  /** The group's channels of `samples` as an AudioFrame at the input rate. */
  #groupFrame(samples, { first, count }) {
    const frames = samples.length / this.#channels;
    if (count === this.#channels) return new AudioFrame(samples, this.#fromRate, count, frames);
    const part = new Int16Array(frames * count);
    for (let f = 0; f < frames; f++) {
      for (let c = 0; c < count; c++) part[f * count + c] = samples[f * this.#channels + first + c];
    }
    return new AudioFrame(part, this.#fromRate, count, frames);
  }
}

/**
 * Converts one input's frames to the mixer's format: channel count with the core's remix
 * (averaging down, duplicating up; src/channel_remix.h), sample rate with the core's
 * resampler. Channels are remixed before resampling when the input has more channels
 * than the mixer and after it otherwise, so the resampler always runs on the fewer.
 * Frames already in the mixer's format pass through as views of their own samples. When
 * an input changes format mid-stream, the old resampler is flushed first, so its samples
 * come out in order.
 */
class InputConverter {
  #rate;
  #channels;
  /** @type {{ rate: number, channels: number, converter: RateConverter } | null} */
  #resampling = null;

  constructor(rate, channels) {
    this.#rate = rate;
    this.#channels = channels;
  }

  /** The frame's samples in the mixer's format (interleaved int16). */
  convert(frame) {
    const { sampleRate, numChannels } = frame;
    const samples = frameSamples(frame, "an AudioMixer input's frame");
    if (samples.length === 0) return EMPTY;
    let head = EMPTY;
    const current = this.#resampling;
    if (current !== null && (current.rate !== sampleRate || current.channels !== numChannels)) {
      head = this.flush(); // the previous format's tail comes first
    }
    let converted;
    if (sampleRate === this.#rate) {
      converted = numChannels === this.#channels ? samples : remix(samples, numChannels, this.#channels);
    } else {
      const resampleChannels = Math.min(numChannels, this.#channels);
      this.#resampling ??= {
        rate: sampleRate,
        channels: numChannels,
        converter: new RateConverter(sampleRate, this.#rate, resampleChannels),
      };
      const converter = this.#resampling.converter;
      if (numChannels > this.#channels) {
        converted = converter.push(remix(samples, numChannels, this.#channels));
      } else {
        const resampled = converter.push(samples);
        converted = numChannels === this.#channels ? resampled : remix(resampled, numChannels, this.#channels);
      }
    }
    return concatSamples([head, converted]);
  }

  /** What the conversion still holds (the resampler's look-ahead), in the mixer's format. */
  flush() {
    const current = this.#resampling;
    if (current === null) return EMPTY;
    this.#resampling = null;
    const tail = current.converter.flush();
    current.converter.close();
    // Inputs with fewer channels than the mixer are remixed after resampling: so is the tail.
    if (tail.length === 0 || current.channels >= this.#channels) return tail;
    return remix(tail, current.channels, this.#channels);
  }

  /** Frees the conversion's core objects. */
  close() {
    this.#resampling?.converter.close();
    this.#resampling = null;
  }
}

/** One stream added with addStream(), and where its reading stands. */
class MixerInput {
  /**
   * @param {unknown} stream what was passed to addStream (the key for removeStream)
   * @param {AsyncIterator<unknown>} iterator
   * @param {number} id the input's id in the core BlockMixer
   * @param {InputConverter} converter
   */
  constructor(stream, iterator, id, converter) {
    this.stream = stream;
    this.iterator = iterator;
    this.id = id;
    this.converter = converter;
    /** @type {Int16Array | null} converted samples that did not fit in the core yet */
    this.tail = null;
    /** An iterator.next() is outstanding. */
    this.reading = false;
    /** The iterator is done (and the converter flushed into `tail`). */
    this.exhausted = false;
    /** Missed streamTimeoutMs; cleared when its outstanding read settles. */
    this.timedOut = false;
    /** @type {ReturnType<typeof setTimeout> | undefined} */
    this.timer = undefined;
  }
}

/**
 * Mixes any number of audio streams into one: an async iterator of AudioFrames of
 * `blocksize` samples per channel. [Reference: `AudioMixer`]
 *
 * Inputs are async iterables of AudioFrame or of AudioFrameEvent-like `{ frame }` objects
 * (an AudioStream plugs straight in); frames of any length are re-blocked in the core
 * without losing or repeating a sample, and frames of another sample rate or channel
 * count are converted to the mixer's: channels by the core's remix (down-mix averages,
 * up-mix duplicates), rate by the core's resampler (AudioResampler, MEDIUM quality; an
 * input's converted total is round(n x sampleRate / inputRate) samples per channel, the
 * look-ahead flushed when the input ends or changes format). For each block the mixer reads every input until
 * it has a full block or ends, or until it has delivered nothing for `streamTimeoutMs`:
 * such an input contributes what it has and silence for the rest of that block, the
 * others are mixed without waiting further, and it is not waited for again until its
 * pending frame arrives (which is kept, not lost). The contributions are summed with int16
 * saturation. Nothing is emitted while no input has data. While `capacity` mixed frames
 * are unread, the mixer stops reading its inputs.
 *
 * The iteration ends after `endInput()` once every input has ended and its samples are
 * mixed (the last block padded with silence), or at once on `aclose()`. If an input
 * throws (or yields something that is not a frame), the frames already mixed are
 * delivered, then the iteration throws that error and the mixer stops. Breaking out of a
 * `for await` loop closes the mixer. The mixer never closes its inputs; removeStream()
 * and aclose() drop a frame an input was in the middle of delivering.
 *
 * The mixer owns its core objects and frees them when it ends or is closed: never call
 * `.delete()`. Works in Node and in browsers (main thread and workers; timers are used).
 */
export class AudioMixer {
  #sampleRate;
  #numChannels;
  #blocksize;
  #streamTimeoutMs;
  #capacity;

  /** The core BlockMixer (wasm/mixer_bindings.cc); null once freed. */
  #core;
  #scratchIndex; // HEAP16 index of the core's scratch buffer
  #outputIndex; // HEAP16 index of the core's output block
  #blockSamples;

  /** @type {Map<unknown, MixerInput>} */
  #inputs = new Map();
  /** @type {AudioFrame[]} mixed frames not yet read */
  #output = [];
  /** @type {{ resolve: (r: IteratorResult<AudioFrame>) => void, reject: (e: unknown) => void }[]} */
  #waiters = [];
  #inputEnded = false; // endInput() or aclose() was called
  #closed = false; // aclose() was called
  #finished = false; // no frame will be mixed any more; the core is freed
  /** @type {{ error: unknown } | null} an input's error, thrown once the output is read */
  #failure = null;
  #stepping = false;
  #stepAgain = false;

  /**
   * @param {number} sampleRate Hz of the mixed frames, an integer in 1000..768000
   * @param {number} numChannels channels of the mixed frames, an integer in 1..32
   * @param {object} [options]
   * @param {number} [options.blocksize=0] samples per channel in each mixed frame; 0 means
   *   sampleRate / 10 (100 ms). An integer >= 0; a block holds at most 1048576 samples
   *   over all channels.
   * @param {number} [options.streamTimeoutMs=100] how long an input may deliver nothing
   *   while the mixer waits for its block before it is given silence for that block; an
   *   integer in 0..2147483647
   * @param {number} [options.capacity=100] mixed frames that may wait unread before the
   *   mixer stops reading its inputs; an integer >= 0, 0 = unbounded
   * @throws {TypeError} when an argument has the wrong type
   * @throws {RangeError} when a value is out of range
   */
  constructor(sampleRate, numChannels, options = {}) {
    requireNumber('sampleRate', sampleRate, SAMPLE_RATE_RULE);
    let status = core.validateSampleRate(sampleRate);
    if (status !== StatusCode.OK) throw frameStatusError(status, { sampleRate });
    requireNumber('numChannels', numChannels, CHANNELS_RULE);
    status = core.validateChannelCount(numChannels);
    if (status !== StatusCode.OK) throw frameStatusError(status, { numChannels });
    if (options === null || typeof options !== 'object') {
      throw new TypeError(`options must be an object ({ blocksize, streamTimeoutMs, capacity }), got ${describe(options)}`);
    }
    const { blocksize = 0, streamTimeoutMs = 100, capacity = 100 } = options;
    const maxBlocksize = Math.floor(core.MAX_MIX_BLOCK_SAMPLES / numChannels);
    requireInteger(
      'blocksize',
      blocksize,
      0,
      maxBlocksize,
      `an integer in 0..${maxBlocksize} (0 = sampleRate / 10; a block holds at most ${core.MAX_MIX_BLOCK_SAMPLES} samples over ${numChannels} channels)`,
    );
    requireInteger('streamTimeoutMs', streamTimeoutMs, 0, MAX_TIMEOUT_MS, `an integer in 0..${MAX_TIMEOUT_MS}`);
    requireInteger('capacity', capacity, 0, Infinity, 'an integer >= 0 (0 = unbounded)');
    const frames = blocksize === 0 ? Math.floor(sampleRate / 10) : blocksize;
    if (frames > maxBlocksize) {
      throw new RangeError(
        `blocksize 0 means sampleRate / 10 = ${frames} samples per channel, more than the ${maxBlocksize} a block of ${numChannels} channels may hold; pass a blocksize in 1..${maxBlocksize}`,
      );
    }

    const blockMixer = new core.BlockMixer();
    status = blockMixer.configure(numChannels, frames);
    if (status !== StatusCode.OK) {
      blockMixer.delete();
      throw new RangeError(`AudioMixer cannot mix ${numChannels} channels in blocks of ${frames}: the core says ${statusName(status)}`);
    }
    // Owned by this mixer: freed when it ends or is closed (or, if dropped unclosed, when
    // it is garbage-collected).
    this.#core = adopt(this, blockMixer);
    this.#scratchIndex = blockMixer.scratchPtr() / 2;
    this.#outputIndex = blockMixer.outputPtr() / 2;
    this.#blockSamples = blockMixer.blockSamples();

    this.#sampleRate = sampleRate;
    this.#numChannels = numChannels;
    this.#blocksize = frames;
    this.#streamTimeoutMs = streamTimeoutMs;
    this.#capacity = capacity;
  }

  /** Sample rate of the mixed frames, in Hz. @type {number} */
  get sampleRate() {
    return this.#sampleRate;
  }

  /** Channels of the mixed frames. @type {number} */
  get numChannels() {
    return this.#numChannels;
  }

  /** Samples per channel in every mixed frame (the resolved value when 0 was given). @type {number} */
  get blocksize() {
    return this.#blocksize;
  }

  /** @type {number} */
  get streamTimeoutMs() {
    return this.#streamTimeoutMs;
  }

  /** @type {number} */
  get capacity() {
    return this.#capacity;
  }

  /**
   * Starts mixing `stream`. Adding a stream that is already in the mixer does nothing.
   * @param {AsyncIterable<AudioFrame | { frame: AudioFrame }> | Iterable<AudioFrame | { frame: AudioFrame }>} stream
   * @throws {Error} after aclose() or endInput(), or once the mixer has stopped
   * @throws {TypeError} when `stream` is not an (async) iterable
   * @throws {RangeError} when the mixer already has 65536 streams
   */
  addStream(stream) {
    if (this.#closed) throw new Error('AudioMixer is closed: addStream() cannot be called after aclose()');
    if (this.#inputEnded) throw new Error('AudioMixer input has ended: addStream() cannot be called after endInput()');
    if (this.#finished) throw new Error('AudioMixer has stopped after an input failed: addStream() cannot be called any more');
    let iterator;
    if (stream !== null && typeof stream === 'object' && typeof stream[Symbol.asyncIterator] === 'function') {
      iterator = stream[Symbol.asyncIterator]();
    } else if (stream !== null && typeof stream === 'object' && typeof stream[Symbol.iterator] === 'function') {
      iterator = fromSyncIterable(stream);
    } else {
      throw new TypeError(`stream must be ${INPUT_RULE}, got ${describe(stream)}`);
    }
    if (this.#inputs.has(stream)) return;
    if (iterator === null || typeof iterator !== 'object' || typeof iterator.next !== 'function') {
      throw new TypeError(`stream must be ${INPUT_RULE}; its [Symbol.asyncIterator]() returned ${describe(iterator)}, not an iterator`);
    }
    if (this.#inputs.size >= core.MAX_MIX_INPUTS) {
      throw new RangeError(`AudioMixer mixes at most ${core.MAX_MIX_INPUTS} streams; remove one before adding another`);
    }
    const id = this.#core.addInput();
    this.#inputs.set(stream, new MixerInput(stream, iterator, id, new InputConverter(this.#sampleRate, this.#numChannels)));
    this.#step();
  }

  /**
   * Stops mixing `stream` and drops the samples it had buffered; unknown streams are
   * ignored. The stream itself is not closed.
   * @param {unknown} stream the object given to addStream()
   */
  removeStream(stream) {
    const input = this.#inputs.get(stream);
    if (input === undefined) return;
    this.#removeInput(input);
    this.#step();
  }

  /**
   * No more streams will be added: the iteration ends once every current stream has
   * ended and its samples are mixed (at once when there are none).
   */
  endInput() {
    this.#inputEnded = true;
    this.#step();
  }

  /**
   * Stops mixing at once: frames not yet read are dropped, a waiting consumer's iteration
   * ends, and every core object is freed. Idempotent.
   * @returns {Promise<void>}
   */
  async aclose() {
    if (this.#closed) return;
    this.#closed = true;
    this.#inputEnded = true;
    this.#output.length = 0;
    this.#failure = null;
    this.#finish();
  }

  /**
   * The mixed frames: `for await (const frame of mixer)`. Every iterator reads the same
   * queue; `return()` (e.g. `break` in `for await`) closes the mixer.
   * @returns {AsyncIterableIterator<AudioFrame>}
   */
  [Symbol.asyncIterator]() {
    return {
      next: () => this.#next(),
      return: async (value) => {
        await this.aclose();
        return { value, done: true };
      },
      [Symbol.asyncIterator]() {
        return this;
      },
    };
  }

  /** `AudioMixer(sampleRate=48000, numChannels=2, blocksize=4800, streams=2)` */
  toString() {
    return `AudioMixer(sampleRate=${this.#sampleRate}, numChannels=${this.#numChannels}, blocksize=${this.#blocksize}, streams=${this.#inputs.size})`;
  }

  #next() {
    if (this.#output.length > 0) {
      const frame = this.#output.shift();
      this.#step(); // there is room again: the mixer may read on
      return Promise.resolve({ value: frame, done: false });
    }
    if (this.#failure !== null) {
      const { error } = this.#failure;
      this.#failure = null;
      return Promise.reject(error);
    }
    if (this.#finished) return Promise.resolve(DONE);
    return new Promise((resolve, reject) => this.#waiters.push({ resolve, reject }));
  }

  /**
   * Runs the mixer as far as it can go now. Called after every event (a read settling, a
   * timeout, addStream, removeStream, endInput, a frame read); never re-entered.
   */
  #step() {
    if (this.#stepping) {
      this.#stepAgain = true;
      return;
    }
    this.#stepping = true;
    try {
      do {
        this.#stepAgain = false;
        this.#mixWhileReady();
      } while (this.#stepAgain && !this.#finished);
    } finally {
      this.#stepping = false;
    }
  }

  #mixWhileReady() {
    while (!this.#finished) {
      // 1. Move converted samples into the core; forget inputs that ended and are empty.
      for (const input of this.#inputs.values()) {
        this.#topUp(input);
        if (input.exhausted && input.tail === null && this.#core.bufferedFrames(input.id) === 0) {
          this.#removeInput(input);
        }
      }
      if (this.#inputs.size === 0) {
        if (this.#inputEnded) this.#finish();
        return; // nothing to mix until addStream()
      }
      // 2. Backpressure: read nothing while `capacity` mixed frames are unread.
      if (this.#capacity > 0 && this.#output.length >= this.#capacity) return;
      // 3. Wait until every input has a full block, has ended, or has missed its timeout.
      let waiting = false;
      let anyData = false;
      for (const input of this.#inputs.values()) {
        const buffered = this.#core.bufferedFrames(input.id);
        if (buffered > 0) anyData = true;
        if (buffered >= this.#blocksize || input.exhausted || input.timedOut) continue;
        waiting = true;
        if (!input.reading) this.#startRead(input);
        input.timer ??= setTimeout(() => this.#onTimeout(input), this.#streamTimeoutMs);
      }
      if (waiting || !anyData) return; // a read settling or a timeout calls #step again
      // 4. Mix one block: each input's next min(buffered, blocksize) frames, then silence.
      this.#core.mixBlock();
      const samples = core.HEAP16.slice(this.#outputIndex, this.#outputIndex + this.#blockSamples);
      this.#deliver(new AudioFrame(samples, this.#sampleRate, this.#numChannels, this.#blocksize));
    }
  }

  /** Pushes as much of the input's converted samples into the core as fits. */
  #topUp(input) {
    const { tail } = input;
    if (tail === null) return;
    const channels = this.#numChannels;
    const frames = Math.min(tail.length / channels, this.#core.freeFrames(input.id));
    if (frames === 0) return;
    core.HEAP16.set(tail.subarray(0, frames * channels), this.#scratchIndex);
    const taken = this.#core.push(input.id, frames * channels) * channels;
    // A remainder is copied: the producer may reuse its frame's memory once we read on.
    input.tail = taken === tail.length ? null : tail.slice(taken);
  }

  #startRead(input) {
    input.reading = true;
    // next() is called from a microtask, so the stream's code never runs inside #step.
    Promise.resolve()
      .then(() => (this.#inputs.get(input.stream) === input ? input.iterator.next() : DONE))
      .then(
        (result) => this.#onRead(input, result),
        (error) => this.#onReadError(input, error),
      );
  }

  #onRead(input, result) {
    if (this.#inputs.get(input.stream) !== input) return; // removed, or the mixer ended
    input.reading = false;
    input.timedOut = false;
    this.#clearTimer(input);
    try {
      if (result === null || typeof result !== 'object') {
        throw new TypeError(`an AudioMixer input's iterator must return { value, done } objects, got ${describe(result)}`);
      }
      if (result.done) {
        input.exhausted = true;
        this.#appendTail(input, input.converter.flush());
      } else {
        this.#appendTail(input, input.converter.convert(toFrame(result.value)));
      }
    } catch (error) {
      this.#finish({ error });
      return;
    }
    this.#step();
  }

  #onReadError(input, error) {
    if (this.#inputs.get(input.stream) !== input) return;
    this.#finish({ error });
  }

  #onTimeout(input) {
    input.timer = undefined;
    if (this.#inputs.get(input.stream) !== input) return;
    input.timedOut = true;
    this.#step();
  }

  #appendTail(input, samples) {
    if (samples.length === 0) return;
    if (input.tail === null) {
      input.tail = samples;
      return;
    }
    const joined = new Int16Array(input.tail.length + samples.length);
    joined.set(input.tail);
    joined.set(samples, input.tail.length);
    input.tail = joined;
  }

  #clearTimer(input) {
    if (input.timer !== undefined) clearTimeout(input.timer);
    input.timer = undefined;
  }

  #removeInput(input) {
    this.#clearTimer(input);
    input.converter.close();
    this.#inputs.delete(input.stream);
    this.#core?.removeInput(input.id);
  }

  #deliver(frame) {
    const waiter = this.#waiters.shift();
    if (waiter !== undefined) waiter.resolve({ value: frame, done: false });
    else this.#output.push(frame);
  }

  /**
   * Ends the mixing for good and frees the core. With a failure, the first waiting
   * consumer gets the error (or the next one, after the unread frames).
   */
  #finish(failure = null) {
    if (this.#finished) return;
    this.#finished = true;
    for (const input of [...this.#inputs.values()]) this.#removeInput(input);
    release(this);
    this.#core = null;
    if (failure !== null) {
      const waiter = this.#waiters.shift();
      if (waiter !== undefined) waiter.reject(failure.error);
      else this.#failure = failure;
    }
    for (const waiter of this.#waiters.splice(0)) waiter.resolve(DONE);
  }
}
