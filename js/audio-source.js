/**
 * AudioSource: paced playout of int16 frames with backpressure (SPEC.md "AudioSource").
 *
 * The queue a producer sees is one sequence of frames, held in two places:
 *
 *   captureFrame ─► main-thread buffer ─► transport ring ─► playout (audio thread / clock)
 *                   (chunks not yet in     (SharedArrayBuffer ring, MessagePort or local
 *                    the ring)              ring; at most `ringFrames`)
 *
 * `queued` = frames captured and neither played, cleared nor dropped, wherever they sit.
 * A captureFrame call resolves once its last frame is in that sequence and at most
 * queueSizeMs remains queued, i.e. once the audio before and including it has drained to
 * queueSizeMs; calls resolve in call order. The ring is sized for smooth playout
 * (queueSizeMs clamped to 100..1000 ms), not for the semantics: a longer queue waits on
 * the main thread and is moved into the ring as room appears.
 *
 * Playout runs in a PlayoutProcessor (AudioWorklet) on an AudioContext's clock, or, with
 * no AudioContext (Node) or when a clock is given, on that clock in 10 ms steps
 * (js/clock-playout.js). The main thread learns the consumer's progress from the
 * transport (js/transport.js) and sleeps until a target it set is reached: there is no
 * polling and no timer estimate anywhere.
 */
import { AudioFrame, frameSamples } from './audio-frame.js';
import { ClockPlayout } from './clock-playout.js';
import { RealTimeClock } from './clock.js';
import { core } from './core-instance.js';
import { StatusCode } from './core-status.js';
import { describe, frameStatusError, requireIntegerInRange, requireNumber } from './errors.js';
import { TransportKind, TransportWriter, chooseTransportKind } from './transport.js';
import { PlayoutNode } from './worklet/playout-node.js';
import { PlayoutStat } from './worklet/protocol.js';

const DEFAULT_QUEUE_SIZE_MS = 1000;
const MAX_QUEUE_SIZE_MS = 60000;
/** Ring size bounds for a queued source, and the ring of a direct (queueSizeMs 0) one. */
const MIN_RING_MS = 100;
const MAX_RING_MS = 1000;
const DIRECT_RING_MS = 200;
/**
 * The most channels a source's Web Audio output (and so its MediaStreamTrack) carries:
 * the core's resampler handles up to 8; a source with more is down-mixed to 8
 * (channel_remix.h's rule).
 */
export const MAX_OUTPUT_CHANNELS = 8;

/**
 * Internal hooks for LocalAudioTrack and AudioStream (not part of the public API):
 * `source[CONNECT_OUTPUT](audioNode)` routes the playout into a Web Audio node and
 * returns a disconnect function; `source[PLAYOUT_TAP](listener)` subscribes to the
 * played output where playout runs on a clock (Node) and returns an unsubscribe function.
 */
export const CONNECT_OUTPUT = Symbol('rtc-audio-wasm.AudioSource.connectOutput');
export const PLAYOUT_TAP = Symbol('rtc-audio-wasm.AudioSource.playoutTap');
/** `source[IS_CLOSED]`: true once aclose() has been called. */
export const IS_CLOSED = Symbol('rtc-audio-wasm.AudioSource.isClosed');

let defaultContext = null;

/**
 * The AudioContext sources use when none is given: one per page,
 * `new AudioContext({ sampleRate: 48000, latencyHint: 'interactive' })`, resumed on
 * creation (browsers may keep it suspended until a user gesture; call `resume()` on
 * `source.context` from one).
 */
export function getDefaultContext() {
  if (!defaultContext || defaultContext.state === 'closed') {
    defaultContext = new AudioContext({ sampleRate: 48000, latencyHint: 'interactive' });
    defaultContext.resume().catch(() => {});
  }
  return defaultContext;
}

function isAudioContext(value) {
  return value !== null && typeof value === 'object' && typeof value.audioWorklet?.addModule === 'function' && typeof value.createGain === 'function';
}

function isClock(value) {
  return value !== null && typeof value === 'object' && ['now', 'setTimer', 'clearTimer'].every((m) => typeof value[m] === 'function');
}

/** Playout inside an AudioWorklet (PlayoutNode + PlayoutProcessor). */
class WorkletPlayout {
  constructor({ context, sampleRate, numChannels, writer, onerror }) {
    this.context = context;
    this.outputs = new Set();
    this.node = null;
    this.closed = false;
    // A muted path to the destination keeps the processor pulled on the audio clock even
    // when no track is attached.
    this.sink = context.createGain();
    this.sink.gain.value = 0;
    this.sink.connect(context.destination);
    const outputChannels = Math.min(numChannels, MAX_OUTPUT_CHANNELS);
    this.ready = PlayoutNode.create(context, { sourceRate: sampleRate, sourceChannels: numChannels, outputChannels, writer }).then(
      (node) => {
        if (this.closed) {
          node.close();
          return;
        }
        node.onerror = onerror;
        node.node.connect(this.sink);
        for (const output of this.outputs) node.node.connect(output);
        this.node = node;
      },
    );
    this.ready.catch(onerror);
    // A closed context never renders again: fail the source, so that pending captures and
    // waits settle instead of waiting forever for playout.
    this.onStateChange = () => {
      if (context.state === 'closed') onerror(new Error('the AudioContext was closed: this AudioSource can no longer play'));
    };
    context.addEventListener?.('statechange', this.onStateChange);
  }

  kick() {}

  connect(output) {
    this.outputs.add(output);
    this.node?.node.connect(output);
    return () => {
      if (!this.outputs.delete(output)) return;
      try {
        this.node?.node.disconnect(output);
      } catch {
        // already disconnected (closed)
      }
    };
  }

  async close() {
    this.closed = true;
    this.context.removeEventListener?.('statechange', this.onStateChange);
    this.node?.close();
    this.sink.disconnect();
    this.outputs.clear();
    await this.ready.catch(() => {});
  }
}

/**
 * A stream of PCM frames played out in real time: push frames with `captureFrame()` and
 * they play on the audio clock, into every LocalAudioTrack made from this source.
 * [Reference: `AudioSource`]
 */
export class AudioSource {
  #sampleRate;
  #numChannels;
  #queueSizeMs;
  #direct;
  #queueFrames;
  #refillFrames;
  #writer;
  #playout;
  #context = null;
  #chunks = [];
  #bufferedFrames = 0;
  #captures = [];
  #waiters = [];
  #captured = 0;
  #clearedMain = 0;
  #droppedMain = 0;
  #closed = false;
  #closePromise = null;
  #failure = null;

  /**
   * @param {number} sampleRate Hz, an integer in 1000..768000
   * @param {number} numChannels an integer in 1..32
   * @param {object} [options]
   * @param {number} [options.queueSizeMs] how far ahead of real time a producer may run,
   *   an integer in 0..60000 (default 1000); 0 = direct mode (exact 10 ms frames, the
   *   caller paces)
   * @param {BaseAudioContext} [options.context] the AudioContext to play on (browser;
   *   default: one shared 48 kHz context)
   * @param {{ now(): number, setTimer(atMs: number, fn: () => void): any, clearTimer(handle: any): void }} [options.clock]
   *   play on this clock in 10 ms steps instead of an AudioContext (the default in Node);
   *   pass a `ManualClock` in tests
   * @throws {TypeError} when an argument has the wrong type
   * @throws {RangeError} when a value is out of range
   */
  constructor(sampleRate, numChannels, options = {}) {
    requireNumber('sampleRate', sampleRate, 'an integer in 1000..768000');
    requireNumber('numChannels', numChannels, 'an integer in 1..32');
    let status = core.validateSampleRate(sampleRate);
    if (status === StatusCode.OK) status = core.validateChannelCount(numChannels);
    if (status !== StatusCode.OK) throw frameStatusError(status, { sampleRate, numChannels });
    if (options === null || typeof options !== 'object') {
      throw new TypeError(`options must be an object, got ${describe(options)}`);
    }
    const { queueSizeMs = DEFAULT_QUEUE_SIZE_MS, context, clock } = options;
    requireIntegerInRange('queueSizeMs', queueSizeMs, 0, MAX_QUEUE_SIZE_MS);
    if (context !== undefined && !isAudioContext(context)) {
      throw new TypeError(`options.context must be an AudioContext (or another BaseAudioContext), got ${describe(context)}`);
    }
    if (clock !== undefined && !isClock(clock)) {
      throw new TypeError(`options.clock must have now(), setTimer(atMs, fn) and clearTimer(handle), got ${describe(clock)}`);
    }
    if (context !== undefined && clock !== undefined) {
      throw new TypeError('options.context and options.clock cannot both be given: a source plays on one clock');
    }

    this.#sampleRate = sampleRate;
    this.#numChannels = numChannels;
    this.#queueSizeMs = queueSizeMs;
    this.#direct = queueSizeMs === 0;
    this.#queueFrames = Math.max(1, Math.floor((queueSizeMs * sampleRate) / 1000));
    const ringMs = this.#direct ? DIRECT_RING_MS : Math.min(MAX_RING_MS, Math.max(MIN_RING_MS, queueSizeMs));
    const ringFrames = Math.ceil((ringMs * sampleRate) / 1000);
    this.#refillFrames = Math.ceil(ringFrames / 4);

    const useWorklet = context !== undefined || (clock === undefined && typeof AudioContext === 'function');
    const kind = useWorklet ? chooseTransportKind() : TransportKind.LOCAL;
    this.#writer = new TransportWriter({ kind, capacityFrames: ringFrames, channels: numChannels, statsWords: PlayoutStat.COUNT });
    this.#writer.onProgress = () => this.#pump();
    if (useWorklet) {
      this.#context = context ?? getDefaultContext();
      this.#playout = new WorkletPlayout({
        context: this.#context,
        sampleRate,
        numChannels,
        writer: this.#writer,
        onerror: (e) => this.#fail(e),
      });
    } else {
      this.#playout = new ClockPlayout({ sampleRate, numChannels, writer: this.#writer, clock: clock ?? new RealTimeClock() });
    }
  }

  /** Sample rate in Hz. @type {number} */
  get sampleRate() {
    return this.#sampleRate;
  }

  /** Number of interleaved channels. @type {number} */
  get numChannels() {
    return this.#numChannels;
  }

  /** The queue size in ms (0 = direct mode). @type {number} */
  get queueSizeMs() {
    return this.#queueSizeMs;
  }

  /** The AudioContext playout runs on, or null when it runs on a clock (Node). */
  get context() {
    return this.#context;
  }

  /**
   * Seconds of audio captured and not yet played (nor cleared): read from the real queue
   * fill (the ring's consumer counter), never negative. 0 once closed.
   * [Reference: `queued_duration`] @type {number}
   */
  get queuedDuration() {
    if (this.#closed) return 0;
    this.#writer.refresh();
    return this.#queued() / this.#sampleRate;
  }

  /**
   * Counters since construction (per-channel sample counts at the source rate):
   * `capturedSamples = playedSamples + clearedSamples + droppedSamples + queuedSamples`.
   * @type {{ transport: string, queuedSamples: number, queuedDuration: number,
   *   capturedSamples: number, playedSamples: number, clearedSamples: number,
   *   droppedSamples: number, underruns: number, silenceSamples: number, driftPpm: number,
   *   outputSampleRate: number }}
   */
  get stats() {
    const w = this.#writer;
    w.refresh();
    const queued = this.#closed ? 0 : this.#queued();
    return {
      transport: w.kind,
      queuedSamples: queued,
      queuedDuration: queued / this.#sampleRate,
      capturedSamples: this.#captured,
      playedSamples: w.statTotal(PlayoutStat.PLAYED),
      clearedSamples: this.#clearedMain + w.statTotal(PlayoutStat.DISCARDED) + w.discardPending,
      droppedSamples: this.#droppedMain,
      underruns: w.statTotal(PlayoutStat.UNDERRUNS),
      silenceSamples: w.statTotal(PlayoutStat.SILENCE),
      driftPpm: w.statWord(PlayoutStat.DRIFT_MILLI_PPM) / 1000,
      outputSampleRate: this.#context ? this.#context.sampleRate : this.#sampleRate,
    };
  }

  #queued() {
    return this.#bufferedFrames + this.#writer.queued;
  }

  /**
   * Queues a frame for playout. The samples are copied before this returns, so the frame
   * may be reused at once. Resolves once every sample is queued and at most
   * `queueSizeMs` of audio remains queued (at once in direct mode); concurrent calls are
   * served in call order. A frame with 0 samples resolves at once.
   * [Reference: `capture_frame`]
   * @param {AudioFrame} frame same sampleRate and numChannels as the source
   * @returns {Promise<void>} rejects with RangeError on a format mismatch (or, in direct
   *   mode, a frame that is not exactly 10 ms), with Error('AudioSource is closed') after
   *   aclose()
   * @throws {TypeError} when `frame` is not an AudioFrame, or its buffer has been detached
   * @throws {RangeError} when its buffer has been resized below its samples
   */
  captureFrame(frame) {
    if (!(frame instanceof AudioFrame)) {
      throw new TypeError(`frame must be an AudioFrame, got ${describe(frame)}`);
    }
    frameSamples(frame, 'frame'); // a detached or shrunk buffer throws before anything is counted
    if (this.#closed) return Promise.reject(new Error('AudioSource is closed'));
    if (this.#failure) return Promise.reject(this.#failure);
    if (frame.sampleRate !== this.#sampleRate) {
      return Promise.reject(new RangeError(`frame.sampleRate must be ${this.#sampleRate} (the source's sample rate), got ${frame.sampleRate}`));
    }
    if (frame.numChannels !== this.#numChannels) {
      return Promise.reject(new RangeError(`frame.numChannels must be ${this.#numChannels} (the source's channel count), got ${frame.numChannels}`));
    }
    const frames = frame.samplesPerChannel;
    if (frames === 0) return Promise.resolve();

    if (this.#direct) {
      const expected = Math.trunc(this.#sampleRate / 100);
      if (frames !== expected) {
        return Promise.reject(new RangeError(`direct capture requires 10ms frames: got ${frames}, expected ${expected}`));
      }
      this.#captured += frames;
      const written = this.#writer.write(frame.data, 0, frames);
      this.#droppedMain += frames - written; // the caller ran more than the ring ahead
      this.#playout.kick();
      this.#pump();
      return Promise.resolve();
    }

    const end = this.#captured + frames;
    this.#captured = end;
    const written = this.#chunks.length === 0 ? this.#writer.write(frame.data, 0, frames) : 0;
    if (written < frames) {
      const ch = this.#numChannels;
      this.#chunks.push({ samples: frame.data.slice(written * ch, frames * ch), offset: 0, frames: frames - written });
      this.#bufferedFrames += frames - written;
    }
    this.#playout.kick();
    const promise = new Promise((resolve, reject) => this.#captures.push({ end, resolve, reject }));
    this.#pump();
    return promise;
  }

  /**
   * Drops every queued and not-yet-queued sample; pending captureFrame() and
   * waitForPlayout() calls resolve. [Reference: `clear_queue`]
   */
  clearQueue() {
    if (this.#closed) return;
    this.#clearedMain += this.#bufferedFrames;
    this.#chunks = [];
    this.#bufferedFrames = 0;
    this.#writer.discardAll();
    this.#playout.kick();
    for (const c of this.#captures.splice(0)) c.resolve();
    for (const w of this.#waiters.splice(0)) w.resolve();
  }

  /**
   * Resolves once everything captured so far has been played out (at once if nothing is
   * queued), or cleared, or the source closed. [Reference: `wait_for_playout`]
   * @returns {Promise<void>}
   */
  waitForPlayout() {
    if (this.#closed) return Promise.resolve();
    this.#writer.refresh();
    if (this.#queued() === 0) return Promise.resolve();
    const promise = new Promise((resolve) => this.#waiters.push({ target: this.#captured, resolve }));
    this.#pump();
    return promise;
  }

  /**
   * Stops playout and frees everything the source owns (the worklet's wasm engine);
   * pending and later captureFrame() calls reject with Error('AudioSource is closed'),
   * waitForPlayout() callers resolve. Idempotent. [Reference: `aclose`]
   * @returns {Promise<void>}
   */
  aclose() {
    this.#closePromise ??= this.#close();
    return this.#closePromise;
  }

  async #close() {
    this.#closed = true;
    this.#clearedMain += this.#bufferedFrames;
    this.#chunks = [];
    this.#bufferedFrames = 0;
    for (const c of this.#captures.splice(0)) c.reject(new Error('AudioSource is closed'));
    for (const w of this.#waiters.splice(0)) w.resolve();
    this.#writer.close();
    await this.#playout.close();
  }

  #fail(error) {
    if (this.#failure || this.#closed) return;
    this.#failure = error instanceof Error ? error : new Error(String(error));
    for (const c of this.#captures.splice(0)) c.reject(this.#failure);
    for (const w of this.#waiters.splice(0)) w.resolve();
  }

  /**
   * Moves buffered frames into the ring, resolves what can be resolved, and asks the
   * transport to wake us at the next point where something can progress.
   */
  #pump() {
    if (this.#closed) return;
    const writer = this.#writer;
    writer.refresh();
    while (this.#chunks.length > 0) {
      const chunk = this.#chunks[0];
      const n = writer.write(chunk.samples, chunk.offset, chunk.frames - chunk.offset);
      chunk.offset += n;
      this.#bufferedFrames -= n;
      if (chunk.offset === chunk.frames) this.#chunks.shift();
      if (n === 0) break;
    }
    this.#playout.kick();

    const queued = this.#queued();
    const consumed = this.#captured - queued; // played + cleared + dropped
    const limit = this.#direct ? 0 : this.#queueFrames;
    while (this.#captures.length > 0 && this.#captures[0].end - consumed <= limit) this.#captures.shift().resolve();
    if (this.#waiters.length > 0 && this.#waiters[0].target <= consumed) {
      while (this.#waiters.length > 0 && this.#waiters[0].target <= consumed) this.#waiters.shift().resolve();
      // The producer waited for its audio to play out and it has: the stream ended on
      // purpose, so the pause before any later audio is not an underrun.
      if (queued === 0) writer.discardAll();
    }

    // The next point where something can progress, in frames the consumer must read.
    const read = writer.read;
    const consumedBase = read + writer.discardPending;
    let target = Infinity;
    if (this.#captures.length > 0) target = Math.min(target, consumedBase + (this.#captures[0].end - consumed - limit));
    if (this.#waiters.length > 0) target = Math.min(target, consumedBase + (this.#waiters[0].target - consumed));
    if (this.#bufferedFrames > 0) target = Math.min(target, read + Math.min(this.#bufferedFrames, this.#refillFrames) - writer.room());
    if (target < Infinity) writer.requestWake(Math.max(target, read + 1));
  }

  /** @internal true once aclose() has been called. */
  get [IS_CLOSED]() {
    return this.#closed;
  }

  /** @internal LocalAudioTrack: route the playout into `output`; returns a disconnect function. */
  [CONNECT_OUTPUT](output) {
    if (this.#closed) throw new Error('AudioSource is closed');
    if (!(this.#playout instanceof WorkletPlayout)) {
      throw new Error('this AudioSource plays on a clock, not an AudioContext: it has no Web Audio output');
    }
    return this.#playout.connect(output);
  }

  /**
   * @internal AudioStream in Node: subscribe to the played output (`onClose` runs when
   * the source closes); returns unsubscribe.
   */
  [PLAYOUT_TAP](listener, onClose) {
    if (!(this.#playout instanceof ClockPlayout)) {
      throw new Error('this AudioSource plays in an AudioWorklet: tap its LocalAudioTrack instead');
    }
    if (this.#closed) throw new Error('AudioSource is closed');
    return this.#playout.subscribe(listener, onClose);
  }
}
