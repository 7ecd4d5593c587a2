/**
 * The capture direction of the transports (js/transport.js): whole frames from an
 * AudioWorklet (FrameSender, audio thread) to the main thread (FrameReceiver), each
 * with the stream index of its first sample.
 *
 * - `shared-memory` (crossOriginIsolated): records in an SpscRing (js/spsc-ring.js) of
 *   int16 in a SharedArrayBuffer. A record is 4 header words (the index, 16 bits each,
 *   least significant first) then the frame's samples. The sender publishes the header
 *   and the samples, then `Atomics.notify`s the ring's write index, on which the
 *   receiver sleeps with `Atomics.waitAsync` (without it: a READY message per frame).
 * - `message-port`: the sender owns a pool of frame buffers, allocated up front; a frame
 *   travels in one of them as a FRAME message with the buffer transferred, and the
 *   receiver, which keeps the buffer as the frame's memory, sends a fresh one back
 *   (BUFFER), so the pool stays full while the main thread keeps up.
 *
 * A frame that finds no room (the ring is full / the pool is empty: the main thread has
 * not run for that long) is dropped and counted on the audio thread, and the index jump
 * shows it. `send()` allocates nothing (the shared-memory path; the message-port path
 * posts one message per frame, which the structured clone allocates for).
 *
 * AudioWorklet-safe (the receiver's waiting uses setTimeout only on the main thread).
 */
import { SpscRing } from '../spsc-ring.js';
import { TransportKind } from '../transport.js';

/** Capture transport messages (`data.type`). @readonly @enum {string} */
export const CaptureTransportMessage = Object.freeze({
  /** sender -> receiver, message-port: `{ type, index, samples, dropped }` */
  FRAME: 'frame',
  /** receiver -> sender, message-port: `{ type, samples }` a buffer for the pool */
  BUFFER: 'buffer',
  /** sender -> receiver, shared-memory without Atomics.waitAsync: frames are ready */
  READY: 'ready',
});

const HEADER_WORDS = 4;
/** Control words (Int32Array over a SharedArrayBuffer). */
const DROPPED = 0;
const WAKE_BY_MESSAGE = 1;
const CONTROL_WORDS = 2;
const WAIT_SLICE_MS = 200;

/**
 * The main-thread end: allocates the transport, receives frames and hands each to
 * `onframe(index, samples)` (the samples are the receiver's to keep).
 */
export class FrameReceiver {
  #kind;
  #frameWords;
  #ring = null;
  #writeWord = null;
  #control = null;
  #header = new Int16Array(HEADER_WORDS);
  #port = null;
  #dropped = 0;
  #waiting = false;
  #closed = false;
  #init;

  /**
   * @param {object} options
   * @param {'shared-memory' | 'message-port'} options.kind
   * @param {number} options.frameWords int16 samples per frame (all channels)
   * @param {number} options.capacityFrames frames in flight at most
   * @param {(index: number, samples: Int16Array) => void} options.onframe
   */
  constructor({ kind, frameWords, capacityFrames, onframe }) {
    this.#kind = kind;
    this.#frameWords = frameWords;
    this.onframe = onframe;
    if (kind === TransportKind.SHARED_MEMORY) {
      const words = capacityFrames * (HEADER_WORDS + frameWords);
      this.#ring = new SpscRing(new SharedArrayBuffer(SpscRing.bytesFor(words, 2)), Int16Array);
      this.#writeWord = new Int32Array(this.#ring.buffer, 0, 1);
      this.#control = new Int32Array(new SharedArrayBuffer(CONTROL_WORDS * 4));
      this.#control[WAKE_BY_MESSAGE] = typeof Atomics.waitAsync === 'function' ? 0 : 1;
    }
    this.#init = Object.freeze({
      kind,
      frameWords,
      capacityFrames,
      ring: this.#ring?.buffer ?? null,
      control: this.#control?.buffer ?? null,
    });
  }

  /** What the sender needs (goes into processorOptions). */
  get init() {
    return this.#init;
  }

  /** The transport kind. */
  get kind() {
    return this.#kind;
  }

  /** Frames the sender dropped because the main thread fell behind. */
  get dropped() {
    if (this.#control) this.#dropped = Atomics.load(this.#control, DROPPED);
    return this.#dropped;
  }

  /**
   * Starts receiving: messages come from `port`; with shared memory, the ring is
   * drained whenever the sender notifies.
   * @param {MessagePort} port
   */
  attach(port) {
    this.#port = port;
    if (this.#kind === TransportKind.SHARED_MEMORY && this.#control[WAKE_BY_MESSAGE] === 0) this.#waitLoop();
  }

  /**
   * Offers a message from the sender's port; returns true when it was a transport message.
   * @param {any} message
   */
  handleMessage(message) {
    switch (message?.type) {
      case CaptureTransportMessage.FRAME: {
        this.#dropped = message.dropped;
        if (this.#closed) return true;
        const spare = new Int16Array(this.#frameWords);
        this.#port.postMessage({ type: CaptureTransportMessage.BUFFER, samples: spare }, [spare.buffer]);
        this.onframe(message.index, message.samples);
        return true;
      }
      case CaptureTransportMessage.READY:
        this.drain();
        return true;
      default:
        return false;
    }
  }

  /** Delivers every whole frame in the ring (shared memory). */
  drain() {
    const ring = this.#ring;
    if (!ring || this.#closed) return;
    const record = HEADER_WORDS + this.#frameWords;
    while (ring.availableRead() >= record) {
      ring.popInto(this.#header, 0, HEADER_WORDS);
      const h = this.#header;
      const index = (h[0] & 0xffff) + (h[1] & 0xffff) * 2 ** 16 + (h[2] & 0xffff) * 2 ** 32 + (h[3] & 0xffff) * 2 ** 48;
      const samples = new Int16Array(this.#frameWords);
      ring.pop(samples);
      this.onframe(index, samples);
    }
  }

  async #waitLoop() {
    if (this.#waiting) return;
    this.#waiting = true;
    while (!this.#closed) {
      const seen = Atomics.load(this.#writeWord, 0);
      this.drain();
      const result = Atomics.waitAsync(this.#writeWord, 0, seen, WAIT_SLICE_MS);
      if (result.async) await result.value;
    }
    this.#waiting = false;
  }

  /** Stops delivering (call after a last drain()). */
  close() {
    this.#closed = true;
    if (this.#writeWord) Atomics.notify(this.#writeWord, 0);
  }
}

/** The audio-thread end: sends whole frames; see the module comment. */
export class FrameSender {
  #kind;
  #frameWords;
  #ring = null;
  #writeWord = null;
  #control = null;
  #byMessage = false;
  #header = new Int16Array(HEADER_WORDS);
  #port;
  #pool = [];
  #poolSize = 0;
  #message = { type: CaptureTransportMessage.FRAME, index: 0, samples: null, dropped: 0 };
  #transfer = [null];
  #ready = { type: CaptureTransportMessage.READY };
  #dropped = 0;

  /**
   * @param {FrameReceiver['init']} init the receiver's `init`
   * @param {MessagePort} port the port shared with the receiver
   */
  constructor(init, port) {
    this.#kind = init.kind;
    this.#frameWords = init.frameWords;
    this.#port = port;
    if (init.kind === TransportKind.SHARED_MEMORY) {
      this.#ring = new SpscRing(init.ring, Int16Array);
      this.#writeWord = new Int32Array(init.ring, 0, 1);
      this.#control = new Int32Array(init.control);
      this.#byMessage = this.#control[WAKE_BY_MESSAGE] === 1;
    } else {
      for (let i = 0; i < init.capacityFrames; i++) this.#pool.push(new Int16Array(init.frameWords));
      this.#poolSize = init.capacityFrames;
    }
  }

  /** Frames dropped so far. */
  get dropped() {
    return this.#dropped;
  }

  /**
   * Offers a message from the receiver; returns true when it was a transport message.
   * @param {any} message
   */
  handleMessage(message) {
    if (message?.type !== CaptureTransportMessage.BUFFER) return false;
    if (message.samples?.length === this.#frameWords) this.#pool[this.#poolSize++] = message.samples;
    return true;
  }

  /**
   * Sends one frame (copied); returns false when it was dropped for lack of room.
   * @param {number} index the stream index of its first sample
   * @param {Int16Array} samples `frameWords` samples
   */
  send(index, samples) {
    if (this.#kind === TransportKind.SHARED_MEMORY) {
      const ring = this.#ring;
      if (ring.availableWrite() < HEADER_WORDS + this.#frameWords) return this.#drop();
      const h = this.#header;
      h[0] = index % 65536;
      h[1] = Math.floor(index / 65536) % 65536;
      h[2] = Math.floor(index / 4294967296) % 65536;
      h[3] = Math.floor(index / 281474976710656) % 65536;
      ring.pushFrom(h, 0, HEADER_WORDS);
      ring.pushFrom(samples, 0, this.#frameWords);
      if (this.#byMessage) this.#port.postMessage(this.#ready);
      else Atomics.notify(this.#writeWord, 0);
      return true;
    }
    if (this.#poolSize === 0) return this.#drop();
    const buffer = this.#pool[--this.#poolSize];
    this.#pool[this.#poolSize] = null;
    buffer.set(samples);
    const m = this.#message;
    m.index = index;
    m.samples = buffer;
    m.dropped = this.#dropped;
    this.#transfer[0] = buffer.buffer;
    this.#port.postMessage(m, this.#transfer);
    m.samples = null;
    return true;
  }

  #drop() {
    this.#dropped += 1;
    if (this.#control) Atomics.store(this.#control, DROPPED, this.#dropped);
    return false;
  }
}
