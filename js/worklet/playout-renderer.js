/**
 * PlayoutRenderer: what PlayoutProcessor does in each render quantum, as a plain class so
 * the same code also runs outside an AudioWorklet (Node tests, the process() benchmark).
 *
 * One render quantum:
 *   1. apply a discard request (clearQueue, or the end of a stream after
 *      waitForPlayout) and tell the engine;
 *   2. ask the engine how many source frames this quantum consumes;
 *   3. copy up to that many frames from the transport into the engine's heap input;
 *   4. render (convert, resample, remix, pad an underrun with silence);
 *   5. copy the planar output into the quantum's channel arrays;
 *   6. publish the counters through the transport (which wakes the main thread when it
 *      waits for room or progress).
 * No allocation in steps 1-6 (the message-port transport posts a small progress message
 * every few quanta); heap views are made once and re-made only if wasm memory grew.
 *
 * AudioWorklet-safe: no fetch, URL, TextDecoder, performance or timers.
 */
import { StatusCode, statusName } from '../core-status.js';
import { adopt, release } from '../owned.js';
import { TransportReader } from '../transport.js';
import { PlayoutStat } from './protocol.js';

/** The largest render quantum the renderer accepts (Web Audio's is 128 frames). */
export const MAX_RENDER_FRAMES = 2048;

/**
 * One render quantum of AudioSource playout: a transport reader feeding a PlayoutEngine
 * (the wasm core). Owns the engine; close() frees it.
 */
export class PlayoutRenderer {
  #core;
  #engine;
  #reader;
  #sourceChannels;
  #outputChannels;
  #heap = null;
  #viewFrames = 0;
  #input = null;
  #planes = [];
  #stats = new Float64Array(PlayoutStat.COUNT);
  #discarded = 0;
  #closed = false;

  /**
   * @param {object} options
   * @param {import('../core.js').AudioCore} options.core a core instance
   * @param {number} options.sourceRate Hz
   * @param {number} options.sourceChannels
   * @param {number} options.outputRate Hz (the AudioContext's)
   * @param {number} options.outputChannels
   * @param {object} options.transport the TransportWriter's `init`
   * @param {MessagePort | null} [options.port] the port shared with the writer
   * @param {() => void} [options.notify] local transport: wakes the writer
   * @param {boolean} [options.driftControl] steer the ratio by the queue fill (default true)
   * @throws {RangeError} when the core rejects the configuration
   */
  constructor({ core, sourceRate, sourceChannels, outputRate, outputChannels, transport, port = null, notify, driftControl = true }) {
    this.#core = core;
    this.#engine = adopt(this, new core.PlayoutEngine());
    const status = this.#engine.configure(sourceRate, sourceChannels, outputRate, outputChannels, MAX_RENDER_FRAMES, driftControl);
    if (status !== StatusCode.OK) {
      release(this);
      throw new RangeError(
        `playout of ${sourceRate} Hz x ${sourceChannels} ch into ${outputRate} Hz x ${outputChannels} ch is not supported: ${statusName(status)}`,
      );
    }
    this.#sourceChannels = sourceChannels;
    this.#outputChannels = outputChannels;
    this.#reader = new TransportReader(transport, { port, notify });
  }

  /** The transport reader (tests). */
  get reader() {
    return this.#reader;
  }

  /**
   * Offers a message from the node's port; returns true when it was handled.
   * @param {any} message
   */
  handleMessage(message) {
    return this.#reader.handleMessage(message);
  }

  #views(frames) {
    const heap = this.#core.HEAPU8.buffer;
    if (heap === this.#heap && frames === this.#viewFrames) return;
    const engine = this.#engine;
    this.#heap = heap;
    this.#viewFrames = frames;
    this.#input = new Int16Array(heap, engine.inputPtr(), engine.maxInputFrames() * this.#sourceChannels);
    const out = engine.outputPtr();
    this.#planes = [];
    for (let c = 0; c < this.#outputChannels; c++) this.#planes.push(new Float32Array(heap, out + c * frames * 4, frames));
  }

  /**
   * Renders one quantum into `channels` (one Float32Array per output channel, all the
   * same length, at most MAX_RENDER_FRAMES).
   * @param {Float32Array[]} channels
   */
  render(channels) {
    if (this.#closed || channels.length === 0) return;
    const frames = channels[0].length;
    if (frames === 0 || frames > MAX_RENDER_FRAMES) {
      for (const ch of channels) ch.fill(0);
      return;
    }
    const engine = this.#engine;
    const reader = this.#reader;
    this.#views(frames);

    const discard = reader.takeDiscardRequest();
    if (discard >= 0) {
      this.#discarded += reader.discard(discard);
      engine.onQueueDiscarded();
    }
    const wanted = engine.inputFramesFor(frames);
    const supplied = reader.readInto(this.#input, 0, wanted);
    engine.render(frames, supplied, reader.available());

    const n = Math.min(channels.length, this.#outputChannels);
    for (let c = 0; c < n; c++) channels[c].set(this.#planes[c]);
    for (let c = n; c < channels.length; c++) channels[c].fill(0);

    const s = this.#stats;
    s[PlayoutStat.PLAYED] = engine.playedFrames() % 4294967296;
    s[PlayoutStat.DISCARDED] = this.#discarded % 4294967296;
    s[PlayoutStat.UNDERRUNS] = engine.underruns() % 4294967296;
    s[PlayoutStat.DRIFT_MILLI_PPM] = Math.round(engine.driftPpm() * 1000);
    s[PlayoutStat.SILENCE] = engine.silenceFrames() % 4294967296;
    reader.publish(s);
  }

  /** Frees the engine; later render() calls do nothing. Idempotent. */
  close() {
    if (this.#closed) return;
    this.#closed = true;
    release(this);
    this.#engine = null;
  }
}
