/**
 * Transports: how int16 audio frames travel between the thread that owns the package's
 * objects (a page's main thread, or Node's event loop) and the thread that plays or
 * captures them (an AudioWorklet's rendering thread, or a clock in the same thread).
 *
 * One API, three kinds, chosen automatically (`chooseTransportKind()`) and reported in
 * `stats.transport`:
 *
 * - `shared-memory`: the frames live in a SharedArrayBuffer SpscRing (js/spsc-ring.js,
 *   the core's ring layout) and the counters in a SharedArrayBuffer of control words;
 *   both sides read and write them with Atomics. The side that may block (the main
 *   thread) sleeps in `Atomics.waitAsync` until the audio thread passes a target it set;
 *   where `Atomics.waitAsync` is missing the audio thread posts a PROGRESS message instead.
 *   Needs `crossOriginIsolated`.
 * - `message-port`: the frames travel as DATA messages with transferred buffers into a
 *   ring private to the audio thread, and the audio thread reports its counters in
 *   PROGRESS messages (when a wake target is reached, after a discard, and every few
 *   render quanta while they change). Works everywhere.
 * - `local`: both ends in one thread (Node, or a clock-driven source in a page): the same
 *   ring and control words over ordinary ArrayBuffers, woken by a direct call.
 *
 * Semantics are identical: the writer never has more than `capacityFrames` frames in
 * flight (written and not yet consumed by the reader, as far as it knows), the reader
 * publishes a monotonic count of consumed frames (`read`, played or discarded) that the
 * writer turns into room and progress, and the writer can ask the reader to discard
 * everything written so far.
 *
 * Counters cross threads as uint32 words that wrap; each side keeps exact totals as JS
 * numbers and reconstructs the other side's from the difference, which never exceeds
 * the ring capacity (< 2^30).
 *
 * This module is AudioWorkletGlobalScope-safe (no fetch, URL, TextDecoder, performance or
 * setTimeout at import time; setTimeout only in the main-thread waiting fallback).
 *
 * The playout direction (writer on the main thread, reader on the audio thread) is
 * `TransportWriter` + `TransportReader`; the control-word layout and message vocabulary
 * are direction-neutral so the capture direction (AudioStream) pairs a writer on the
 * audio thread with a reader on the main thread over the same pieces.
 */
import { SpscRing } from './spsc-ring.js';

/** The transport kinds. @readonly @enum {string} */
export const TransportKind = Object.freeze({
  SHARED_MEMORY: 'shared-memory',
  MESSAGE_PORT: 'message-port',
  LOCAL: 'local',
});

/**
 * Transport messages (MessagePort `data.type`); frozen: the vocabulary both sides speak.
 *  - DATA     writer -> reader, message-port: `{ type, samples: Int16Array }` (transferred)
 *  - DISCARD  writer -> reader, message-port: `{ type, to }` drop every frame written
 *             before the writer's total `to` (uint32)
 *  - WAKE     writer -> reader, message-port: `{ type, at }` report PROGRESS as soon as
 *             `read` reaches `at` (uint32)
 *  - PROGRESS reader -> writer: `{ type, read, stats }` the reader's uint32 words
 * @readonly @enum {string}
 */
export const TransportMessage = Object.freeze({
  DATA: 'data',
  DISCARD: 'discard',
  WAKE: 'wake',
  PROGRESS: 'progress',
});

/**
 * Control words (Int32Array indices), each written by one side only.
 * @readonly @enum {number}
 */
export const ControlWord = Object.freeze({
  /** reader: frames consumed (played or discarded), uint32 wrapping */
  READ: 0,
  /** writer: discard request, "everything written before this total" (uint32) */
  DISCARD_TO: 1,
  /** writer: wake me when READ reaches this (uint32) */
  WAKE_AT: 2,
  /** writer sets 1 when it waits; the reader sets 0 when it wakes it */
  WAKE_ARMED: 3,
  /** writer: 1 = wake me with a PROGRESS message (no Atomics.waitAsync here) */
  WAKE_BY_MESSAGE: 4,
  /** reader: odd while it updates READ and the statistics (a sequence lock) */
  SEQUENCE: 5,
  /** reader: the first of the reader's statistics words */
  STATS: 8,
});

/** How long the main thread sleeps at most before it re-checks the counters (ms). */
const WAIT_SLICE_MS = 200;
/** message-port: the reader reports progress at least every this many publishes. */
const PROGRESS_EVERY = 8;

const U32 = 2 ** 32;

/**
 * The transport this environment supports best: shared memory when the page is
 * cross-origin isolated (SharedArrayBuffer and Atomics usable across threads), else
 * message ports.
 * @returns {'shared-memory' | 'message-port'}
 */
export function chooseTransportKind() {
  const isolated = typeof globalThis.crossOriginIsolated === 'boolean' ? globalThis.crossOriginIsolated : true;
  return isolated && typeof SharedArrayBuffer === 'function' && typeof Atomics === 'object'
    ? TransportKind.SHARED_MEMORY
    : TransportKind.MESSAGE_PORT;
}

/** `a - b` for uint32 counters, as a signed 32-bit difference. */
function diff32(a, b) {
  return (a - b) | 0;
}

function controlWords(statsWords) {
  return ControlWord.STATS + statsWords;
}

/**
 * The writer's end (main thread / Node event loop): puts frames in, learns how far the
 * reader got, asks for a wake-up when it needs room or progress.
 */
export class TransportWriter {
  #kind;
  #channels;
  #capacityFrames;
  #statsWords;
  #ring;
  #control;
  #port = null;
  #outbox = [];
  #written = 0;
  #discardMark = 0;
  #read = 0;
  #readRaw = 0;
  #stats;
  #statsRaw;
  #wakeTarget = null;
  #waiting = false;
  #fallbackWake = null;
  #closed = false;
  #init;

  /**
   * @param {object} options
   * @param {'shared-memory' | 'message-port' | 'local'} options.kind
   * @param {number} options.capacityFrames frames the ring holds (an integer >= 1)
   * @param {number} options.channels interleaved channels per frame
   * @param {number} [options.statsWords] statistics words the reader publishes
   */
  constructor({ kind, capacityFrames, channels, statsWords = 0 }) {
    if (!Object.values(TransportKind).includes(kind)) {
      throw new RangeError(`kind must be one of ${Object.values(TransportKind).join(', ')}, got ${String(kind)}`);
    }
    this.#kind = kind;
    this.#channels = channels;
    this.#capacityFrames = capacityFrames;
    this.#statsWords = statsWords;
    this.#stats = new Float64Array(statsWords);
    this.#statsRaw = new Int32Array(statsWords);
    const Buffer = kind === TransportKind.SHARED_MEMORY ? SharedArrayBuffer : ArrayBuffer;
    if (kind !== TransportKind.MESSAGE_PORT) {
      this.#ring = new SpscRing(new Buffer(SpscRing.bytesFor(capacityFrames * channels, 2)), Int16Array);
      this.#control = new Int32Array(new Buffer(controlWords(statsWords) * 4));
      const waitAsync = kind === TransportKind.SHARED_MEMORY && typeof Atomics.waitAsync === 'function';
      Atomics.store(this.#control, ControlWord.WAKE_BY_MESSAGE, kind === TransportKind.SHARED_MEMORY && !waitAsync ? 1 : 0);
    }
    this.#init = Object.freeze({
      kind,
      channels,
      capacityFrames,
      statsWords,
      ring: this.#ring?.buffer ?? null,
      control: this.#control?.buffer ?? null,
    });
  }

  /** The transport kind in use. @type {'shared-memory' | 'message-port' | 'local'} */
  get kind() {
    return this.#kind;
  }

  /** What the reader needs (structured-clonable: goes into processorOptions). */
  get init() {
    return this.#init;
  }

  /** Frames the ring holds. @type {number} */
  get capacityFrames() {
    return this.#capacityFrames;
  }

  /** Called (no arguments) whenever a wake target was reached or progress arrived. */
  onProgress = () => {};

  /**
   * The port PROGRESS messages arrive on and DATA/DISCARD/WAKE messages go to. Messages
   * written before a port is attached are kept and sent on attach, in order.
   * @param {MessagePort} port
   */
  attachPort(port) {
    this.#port = port;
    for (const [message, transfer] of this.#outbox) port.postMessage(message, transfer);
    this.#outbox = [];
  }

  #post(message, transfer = []) {
    if (this.#port) this.#port.postMessage(message, transfer);
    else this.#outbox.push([message, transfer]);
  }

  /**
   * Offers a message from the reader's port; returns true when it was a transport message.
   * @param {any} message
   */
  handleMessage(message) {
    if (message?.type !== TransportMessage.PROGRESS) return false;
    this.#observe(message.read >>> 0, message.stats);
    if (this.#fallbackWake) this.#fallbackWake();
    else if (this.#kind === TransportKind.MESSAGE_PORT) this.#checkWake();
    return true;
  }

  /**
   * Local kind: the reader's notification (same thread).
   * @internal
   */
  notifyFromReader() {
    this.refresh();
    this.#checkWake();
  }

  #observe(readRaw, statsRaw) {
    this.#readRaw = readRaw;
    this.#read = this.#written - ((this.#written % U32) - readRaw + U32) % U32;
    for (let i = 0; i < this.#statsWords; i++) {
      const raw = statsRaw[i] | 0;
      this.#stats[i] += (raw - this.#statsRaw[i]) | 0;
      this.#statsRaw[i] = raw;
    }
  }

  /**
   * Takes a consistent snapshot of the reader's words (shared memory / local; the
   * message-port kind updates on PROGRESS messages). The getters below read the last
   * snapshot, so values read together after one refresh() agree with each other.
   */
  refresh() {
    if (this.#kind === TransportKind.MESSAGE_PORT) return;
    const c = this.#control;
    const raw = this.#statsRaw.slice();
    for (let attempt = 0; ; attempt++) {
      const seq = Atomics.load(c, ControlWord.SEQUENCE);
      const read = Atomics.load(c, ControlWord.READ) >>> 0;
      for (let i = 0; i < this.#statsWords; i++) raw[i] = Atomics.load(c, ControlWord.STATS + i);
      if (((seq & 1) === 0 && Atomics.load(c, ControlWord.SEQUENCE) === seq) || attempt > 1000) {
        this.#observe(read, raw);
        return;
      }
    }
  }

  /** Frames written so far (a total). @type {number} */
  get written() {
    return this.#written;
  }

  /** Frames the reader has consumed (played or discarded), as of the last refresh(). */
  get read() {
    return this.#read;
  }

  /** Frames written and neither consumed nor asked to be discarded. @type {number} */
  get queued() {
    return Math.max(0, this.#written - Math.max(this.#read, this.#discardMark));
  }

  /** Frames the reader still has to discard (asked for and not yet done). */
  get discardPending() {
    return Math.max(0, this.#discardMark - this.#read);
  }

  /**
   * The accumulated total of a reader statistics word (uint32 counters summed across
   * wrap-arounds; signed words: use `statWord`).
   * @param {number} index
   */
  statTotal(index) {
    return this.#stats[index];
  }

  /** The raw value of a reader statistics word (int32). @param {number} index */
  statWord(index) {
    return this.#statsRaw[index];
  }

  /** Frames that can be written, as of the last refresh() (room only grows meanwhile). */
  room() {
    return this.#capacityFrames - (this.#written - this.#read);
  }

  /**
   * Writes up to `frames` frames from `samples` (interleaved) starting at frame
   * `frameOffset`, as many as there is room for; returns the number written.
   * @param {Int16Array} samples
   * @param {number} frameOffset
   * @param {number} frames
   */
  write(samples, frameOffset, frames) {
    if (this.#closed) return 0;
    if (this.room() < frames) this.refresh();
    const n = Math.min(frames, this.room());
    if (n <= 0) return 0;
    const ch = this.#channels;
    if (this.#kind === TransportKind.MESSAGE_PORT) {
      const copy = samples.slice(frameOffset * ch, (frameOffset + n) * ch);
      this.#post({ type: TransportMessage.DATA, samples: copy }, [copy.buffer]);
    } else {
      const pushed = this.#ring.push(samples.subarray(frameOffset * ch, (frameOffset + n) * ch));
      if (pushed !== n * ch) throw new Error(`rtc-audio-wasm transport: ring accepted ${pushed} of ${n * ch} samples`);
    }
    this.#written += n;
    return n;
  }

  /**
   * Asks the reader to drop every frame written so far. With nothing queued it drops
   * nothing but still tells the reader the stream ended on purpose.
   */
  discardAll() {
    this.#discardMark = this.#written;
    const to = this.#written % U32;
    if (this.#kind === TransportKind.MESSAGE_PORT) this.#post({ type: TransportMessage.DISCARD, to });
    else Atomics.store(this.#control, ControlWord.DISCARD_TO, to | 0);
  }

  /**
   * Calls `onProgress` once the reader's consumed count reaches `target` (a total, as
   * `read`). A later call replaces the target.
   * @param {number} target
   */
  requestWake(target) {
    if (this.#closed) return;
    this.#wakeTarget = target;
    const at = target % U32;
    if (this.#kind === TransportKind.MESSAGE_PORT) {
      this.#post({ type: TransportMessage.WAKE, at });
      return;
    }
    Atomics.store(this.#control, ControlWord.WAKE_AT, at | 0);
    Atomics.store(this.#control, ControlWord.WAKE_ARMED, 1);
    if (this.#kind === TransportKind.SHARED_MEMORY && !this.#waiting) this.#waitLoop();
  }

  #reached() {
    this.refresh();
    return this.#wakeTarget !== null && this.#read >= this.#wakeTarget;
  }

  #checkWake() {
    if (!this.#reached()) return;
    this.#wakeTarget = null;
    this.onProgress();
  }

  async #waitLoop() {
    this.#waiting = true;
    const byMessage = Atomics.load(this.#control, ControlWord.WAKE_BY_MESSAGE) === 1;
    for (;;) {
      // Load the word we sleep on *before* checking the target: if the reader publishes
      // (and notifies, finding no sleeper) between the check and the sleep, the word no
      // longer equals `seen` and waitAsync returns at once instead of missing the wake.
      const seen = Atomics.load(this.#control, ControlWord.READ);
      if (this.#closed || this.#wakeTarget === null || this.#reached()) break;
      if (byMessage) {
        await new Promise((resolve) => {
          const timer = setTimeout(resolve, WAIT_SLICE_MS);
          this.#fallbackWake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        this.#fallbackWake = null;
      } else {
        const result = Atomics.waitAsync(this.#control, ControlWord.READ, seen, WAIT_SLICE_MS);
        if (result.async) await result.value;
      }
    }
    this.#waiting = false;
    if (!this.#closed) this.#checkWake();
  }

  /** Stops waking and writing; the reader side is closed by its owner. */
  close() {
    this.#closed = true;
    this.#wakeTarget = null;
    this.#outbox = [];
    if (this.#fallbackWake) this.#fallbackWake();
  }
}

/**
 * The reader's end (AudioWorklet rendering thread, or a clock in Node): takes frames out
 * without allocating, applies discard requests, publishes its counters and wakes the
 * writer. Every method is real-time safe except in the message-port kind, where
 * publishing progress posts a small message (every few calls, and when a wake target or
 * a discard needs it).
 */
export class TransportReader {
  #kind;
  #channels;
  #ring;
  #control;
  #statsWords;
  #port;
  #notify;
  #read = 0;
  #seenDiscardTo = 0;
  #publishes = 0;
  #reportedRead = -1;
  #reportedStats;
  #reportNow = false;

  /**
   * @param {ReturnType<TransportWriter['init']>} init the writer's `init`
   * @param {object} [options]
   * @param {MessagePort | null} [options.port] the port shared with the writer (message-port
   *   kind, and the shared-memory wake fallback)
   * @param {() => void} [options.notify] local kind: how to wake the writer
   */
  constructor(init, { port = null, notify = () => {} } = {}) {
    this.#kind = init.kind;
    this.#channels = init.channels;
    this.#statsWords = init.statsWords;
    this.#port = port;
    this.#notify = notify;
    this.#reportedStats = new Int32Array(init.statsWords);
    if (init.kind === TransportKind.MESSAGE_PORT) {
      this.#ring = new SpscRing(new ArrayBuffer(SpscRing.bytesFor(init.capacityFrames * init.channels, 2)), Int16Array);
      this.#control = new Int32Array(controlWords(init.statsWords));
    } else {
      this.#ring = new SpscRing(init.ring, Int16Array);
      this.#control = new Int32Array(init.control);
    }
  }

  /** The transport kind. */
  get kind() {
    return this.#kind;
  }

  /**
   * Offers a message from the writer's port; returns true when it was a transport message.
   * @param {any} message
   */
  handleMessage(message) {
    switch (message?.type) {
      case TransportMessage.DATA:
        this.#ring.push(message.samples);
        return true;
      case TransportMessage.DISCARD:
        this.#control[ControlWord.DISCARD_TO] = message.to | 0;
        return true;
      case TransportMessage.WAKE:
        this.#control[ControlWord.WAKE_AT] = message.at | 0;
        this.#control[ControlWord.WAKE_ARMED] = 1;
        return true;
      default:
        return false;
    }
  }

  /** Frames consumed so far (a total). */
  get read() {
    return this.#read;
  }

  /** True when the writer made a discard request this side has not taken yet. */
  hasDiscardRequest() {
    return Atomics.load(this.#control, ControlWord.DISCARD_TO) !== this.#seenDiscardTo;
  }

  /**
   * Takes the writer's latest discard request: -1 when there is none, else the number of
   * queued frames written before it (possibly 0: a request with nothing left to drop
   * still tells the reader that the stream ended on purpose). Pass it to discard().
   */
  takeDiscardRequest() {
    const to = Atomics.load(this.#control, ControlWord.DISCARD_TO);
    if (to === this.#seenDiscardTo) return -1;
    this.#seenDiscardTo = to;
    const pending = diff32(to, this.#read % U32);
    return pending > 0 ? Math.min(pending, this.available()) : 0;
  }

  /**
   * Drops up to `frames` queued frames; returns how many.
   * @param {number} frames
   */
  discard(frames) {
    const n = this.#ring.skip(frames * this.#channels) / this.#channels;
    this.#read += n;
    if (n > 0) this.#reportNow = true;
    return n;
  }

  /** Frames queued. */
  available() {
    return this.#ring.availableRead() / this.#channels;
  }

  /**
   * Copies up to `frames` frames into `dst` (interleaved) at sample `offset`; returns how
   * many. Allocation-free.
   * @param {Int16Array} dst
   * @param {number} offset
   * @param {number} frames
   */
  readInto(dst, offset, frames) {
    const n = this.#ring.popInto(dst, offset, frames * this.#channels) / this.#channels;
    this.#read += n;
    return n;
  }

  #changed(read32, stats) {
    if (read32 !== this.#reportedRead) return true;
    for (let i = 0; i < this.#statsWords; i++) if ((stats[i] | 0) !== this.#reportedStats[i]) return true;
    return false;
  }

  /**
   * Publishes `read` and the statistics words (uint32 counters or int32 values), then
   * wakes the writer if it waits for a target that has been reached.
   * @param {ArrayLike<number>} stats `statsWords` numbers
   */
  publish(stats) {
    const c = this.#control;
    const read32 = this.#read % U32;
    if (this.#kind === TransportKind.MESSAGE_PORT) {
      c[ControlWord.READ] = read32 | 0;
      const reached = c[ControlWord.WAKE_ARMED] === 1 && diff32(read32, c[ControlWord.WAKE_AT]) >= 0;
      if (reached) c[ControlWord.WAKE_ARMED] = 0;
      this.#publishes += 1;
      if (reached || this.#reportNow || (this.#publishes % PROGRESS_EVERY === 0 && this.#changed(read32, stats))) {
        const words = new Array(this.#statsWords);
        for (let i = 0; i < this.#statsWords; i++) words[i] = this.#reportedStats[i] = stats[i] | 0;
        this.#port.postMessage({ type: TransportMessage.PROGRESS, read: read32, stats: words });
        this.#reportedRead = read32;
        this.#reportNow = false;
      }
      return;
    }
    Atomics.add(c, ControlWord.SEQUENCE, 1);
    Atomics.store(c, ControlWord.READ, read32 | 0);
    for (let i = 0; i < this.#statsWords; i++) Atomics.store(c, ControlWord.STATS + i, stats[i] | 0);
    Atomics.add(c, ControlWord.SEQUENCE, 1);
    if (Atomics.load(c, ControlWord.WAKE_ARMED) === 1 && diff32(read32, Atomics.load(c, ControlWord.WAKE_AT)) >= 0) {
      Atomics.store(c, ControlWord.WAKE_ARMED, 0);
      if (this.#kind === TransportKind.LOCAL) this.#notify();
      else if (Atomics.load(c, ControlWord.WAKE_BY_MESSAGE) === 1) {
        this.#port.postMessage({ type: TransportMessage.PROGRESS, read: read32, stats: Array.from(stats, (v) => v | 0) });
      } else Atomics.notify(c, ControlWord.READ);
    }
  }
}
