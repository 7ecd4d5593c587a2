/**
 * ClockPlayout: AudioSource's playout where there is no AudioContext (Node, or when a
 * clock is given): the same queue, transport and counters as the AudioWorklet path, paced
 * by a clock (js/clock.js) in 10 ms steps instead of render quanta.
 *
 * Step n plays floor((n + 1) x rate / 100) - floor(n x rate / 100) frames at time
 * start + n x 10 ms, so over any run the frames played equal the time elapsed, whatever
 * the timer lateness. A step plays what is queued, up to its size (a tail shorter than a
 * step plays at once), pads the rest with silence, and publishes the counters, which
 * wakes a waiting captureFrame in the same call. The loop runs while audio is queued: it
 * stops at the first step that finds nothing to play, so an idle source holds no timer
 * (Node can exit), and restarts on the next write with a new start time.
 *
 * Underruns follow the AudioWorklet engine's rule (src/playout_engine.h): a gap counts
 * when audio follows it, unless the pause lasted a second or more, or the stream was
 * ended on purpose (clearQueue, or a waitForPlayout that drained the queue).
 *
 * Subscribers (`subscribe`) receive every step as it is played: interleaved int16 at the
 * source rate, the step's frames with the played ones first and silence after. This is
 * the output an AudioStream on the source's track taps in Node.
 */
import { TransportReader } from './transport.js';
import { PlayoutStat } from './worklet/protocol.js';

const STEP_MS = 10;
const IDLE_AFTER_MS = 1000;

/** The gap rule of PlayoutEngine (src/playout_engine.cc TrackStream), for clock steps. */
export class StreamTracker {
  static IDLE = 0;
  static PLAYING = 1;
  static STARVED = 2;

  /** @param {number} idleAfterFrames a starvation this long ends the stream */
  constructor(idleAfterFrames) {
    this.idleAfterFrames = idleAfterFrames;
    this.state = StreamTracker.IDLE;
    this.idleFrames = 0;
    this.underruns = 0;
    this.silenceFrames = 0;
  }

  /**
   * One step that wanted `wanted` frames and got `supplied`.
   * @param {number} supplied
   * @param {number} wanted
   */
  update(supplied, wanted) {
    const missing = wanted - supplied;
    if (supplied > 0) {
      if (this.state === StreamTracker.STARVED) this.underruns += 1;
      this.state = missing === 0 ? StreamTracker.PLAYING : StreamTracker.STARVED;
      this.idleFrames = missing;
      this.silenceFrames += missing;
      return;
    }
    if (this.state === StreamTracker.IDLE) return;
    this.state = StreamTracker.STARVED;
    this.pause(wanted);
    this.silenceFrames += wanted;
  }

  /**
   * Time passed with no step (the loop was stopped): `frames` of starvation.
   * @param {number} frames
   */
  pause(frames) {
    if (this.state === StreamTracker.IDLE) return;
    this.idleFrames += frames;
    if (this.idleFrames >= this.idleAfterFrames) this.state = StreamTracker.IDLE;
  }

  /** The queue was cleared on purpose. */
  discarded() {
    this.state = StreamTracker.IDLE;
    this.idleFrames = 0;
  }
}

/**
 * Plays an AudioSource's queue on a clock in 10 ms steps (the reader end of a `local`
 * transport); see the module comment.
 */
export class ClockPlayout {
  #rate;
  #channels;
  #clock;
  #reader;
  #tracker;
  #listeners = new Set();
  #block;
  #stats = new Float64Array(PlayoutStat.COUNT);
  #played = 0;
  #discarded = 0;
  #running = false;
  #startMs = 0;
  #step = 0;
  #stoppedAtMs = 0;
  #timer = null;
  #closed = false;

  /**
   * @param {object} options
   * @param {number} options.sampleRate
   * @param {number} options.numChannels
   * @param {import('./transport.js').TransportWriter} options.writer a `local` writer
   * @param {{ now(): number, setTimer(at: number, fn: () => void): any, clearTimer(h: any): void }} options.clock
   */
  constructor({ sampleRate, numChannels, writer, clock }) {
    this.#rate = sampleRate;
    this.#channels = numChannels;
    this.#clock = clock;
    this.#reader = new TransportReader(writer.init, { notify: () => writer.notifyFromReader() });
    this.#tracker = new StreamTracker((IDLE_AFTER_MS * sampleRate) / 1000);
    this.#block = new Int16Array(Math.ceil(sampleRate / 100) * numChannels);
  }

  /** Starts the loop if it is stopped and audio is queued (call after writing). */
  kick() {
    if (this.#running || this.#closed || (this.#reader.available() === 0 && !this.#reader.hasDiscardRequest())) return;
    const now = this.#clock.now();
    this.#tracker.pause((Math.max(0, now - this.#stoppedAtMs) * this.#rate) / 1000);
    this.#running = true;
    this.#startMs = now;
    this.#step = 0;
    this.#timer = this.#clock.setTimer(now, () => this.#tick());
  }

  #stepFrames(n) {
    return Math.floor(((n + 1) * this.#rate) / 100) - Math.floor((n * this.#rate) / 100);
  }

  #tick() {
    this.#timer = null;
    if (this.#closed) return;
    const reader = this.#reader;
    const discard = reader.takeDiscardRequest();
    if (discard >= 0) {
      this.#discarded += reader.discard(discard);
      this.#tracker.discarded();
    }
    const frames = this.#stepFrames(this.#step);
    const ch = this.#channels;
    const supplied = reader.readInto(this.#block, 0, frames);
    this.#block.fill(0, supplied * ch, frames * ch);
    this.#tracker.update(supplied, frames);
    this.#played += supplied;

    if (this.#listeners.size > 0) {
      const samples = this.#block.slice(0, frames * ch);
      for (const { listener } of this.#listeners) listener({ samples, frames, playedFrames: supplied });
    }

    const s = this.#stats;
    s[PlayoutStat.PLAYED] = this.#played % 4294967296;
    s[PlayoutStat.DISCARDED] = this.#discarded % 4294967296;
    s[PlayoutStat.UNDERRUNS] = this.#tracker.underruns % 4294967296;
    s[PlayoutStat.DRIFT_MILLI_PPM] = 0; // the clock is the reference: nothing to correct
    s[PlayoutStat.SILENCE] = this.#tracker.silenceFrames % 4294967296;
    reader.publish(s); // may wake the writer, which may write more right now

    if (supplied === 0 && reader.available() === 0 && !reader.hasDiscardRequest()) {
      this.#running = false;
      this.#stoppedAtMs = this.#startMs + (this.#step + 1) * STEP_MS;
      return;
    }
    this.#step += 1;
    this.#timer = this.#clock.setTimer(this.#startMs + this.#step * STEP_MS, () => this.#tick());
  }

  /**
   * Calls `listener({ samples, frames, playedFrames })` for every step played, and
   * `onClose()` once when the playout closes.
   * @param {(block: { samples: Int16Array, frames: number, playedFrames: number }) => void} listener
   * @param {() => void} [onClose]
   * @returns {() => void} unsubscribe
   */
  subscribe(listener, onClose = () => {}) {
    const entry = { listener, onClose };
    this.#listeners.add(entry);
    return () => this.#listeners.delete(entry);
  }

  /** Stops the loop for good. */
  close() {
    this.#closed = true;
    this.#running = false;
    if (this.#timer !== null) this.#clock.clearTimer(this.#timer);
    this.#timer = null;
    const listeners = [...this.#listeners];
    this.#listeners.clear();
    for (const { onClose } of listeners) onClose();
  }
}
