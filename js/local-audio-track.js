/**
 * LocalAudioTrack: an AudioSource's playout as a live MediaStreamTrack, ready for
 * `RTCPeerConnection.addTrack()` or livekit-client's `publishTrack()`.
 */
import { AudioSource, CONNECT_OUTPUT, IS_CLOSED, MAX_OUTPUT_CHANNELS } from './audio-source.js';
import { describe } from './errors.js';
import { TrackKind } from './track.js';

const CREATE = Symbol('LocalAudioTrack.create');

/**
 * Internal hook for AudioStream (not part of the public API): `track[ON_STOP](fn)` calls
 * `fn()` once when the track is stopped (at once if it already is) and returns a
 * function that cancels it. `MediaStreamTrack.stop()` fires no 'ended' event, so a
 * stream reading the track learns of the end this way.
 */
export const ON_STOP = Symbol('rtc-audio-wasm.LocalAudioTrack.onStop');

/**
 * A local audio track fed by an AudioSource. [Reference: `LocalAudioTrack`]
 *
 * In a browser, `mediaStreamTrack` is the track of a MediaStreamAudioDestinationNode
 * whose channel count is the source's (at most 8: a source with more channels is
 * down-mixed to 8), connected to the source's PlayoutProcessor on the
 * source's AudioContext. Where the source plays on a clock (Node) there is no
 * MediaStreamTrack and `mediaStreamTrack` is null; an AudioStream can still read the
 * track (it taps the source's output).
 */
export class LocalAudioTrack {
  #name;
  #source;
  #mediaStreamTrack = null;
  #disconnect = () => {};
  #stopped = false;
  #onStop = new Set();

  /**
   * Creates a track that plays `source`. [Reference: `LocalAudioTrack.create_audio_track`]
   * @param {string} name
   * @param {AudioSource} source
   * @returns {LocalAudioTrack}
   * @throws {TypeError} when `name` is not a string or `source` not an AudioSource
   * @throws {Error} when `source` has been closed
   */
  static createAudioTrack(name, source) {
    if (typeof name !== 'string') throw new TypeError(`name must be a string, got ${describe(name)}`);
    if (!(source instanceof AudioSource)) throw new TypeError(`source must be an AudioSource, got ${describe(source)}`);
    if (source[IS_CLOSED]) throw new Error('source is closed (its aclose() was called): a closed AudioSource cannot be given a track');
    return new LocalAudioTrack(CREATE, name, source);
  }

  /** Use LocalAudioTrack.createAudioTrack(name, source). */
  constructor(token, name, source) {
    if (token !== CREATE) throw new TypeError('use LocalAudioTrack.createAudioTrack(name, source) to create a LocalAudioTrack');
    this.#name = name;
    this.#source = source;
    const context = source.context;
    if (context) {
      // The channel count is given at construction: the track's format is fixed then.
      const destination = new MediaStreamAudioDestinationNode(context, {
        channelCount: Math.min(source.numChannels, MAX_OUTPUT_CHANNELS),
        channelCountMode: 'explicit',
        channelInterpretation: 'discrete',
      });
      this.#disconnect = source[CONNECT_OUTPUT](destination);
      this.#mediaStreamTrack = destination.stream.getAudioTracks()[0];
    }
  }

  /** The track's name. @type {string} */
  get name() {
    return this.#name;
  }

  /** Always TrackKind.KIND_AUDIO. @type {number} */
  get kind() {
    return TrackKind.KIND_AUDIO;
  }

  /** The AudioSource this track plays. @type {AudioSource} */
  get source() {
    return this.#source;
  }

  /** The live audio MediaStreamTrack (browser), or null where the source plays on a clock. @type {MediaStreamTrack | null} */
  get mediaStreamTrack() {
    return this.#mediaStreamTrack;
  }

  /** Ends the MediaStreamTrack and detaches it from the source (the source keeps playing). Idempotent. */
  stop() {
    if (this.#stopped) return;
    this.#stopped = true;
    this.#mediaStreamTrack?.stop();
    this.#disconnect();
    const listeners = [...this.#onStop];
    this.#onStop.clear();
    for (const fn of listeners) fn();
  }

  /** True once stop() was called. @type {boolean} */
  get stopped() {
    return this.#stopped;
  }

  /** @internal AudioStream: call `fn` once when the track stops; returns a cancel function. */
  [ON_STOP](fn) {
    if (this.#stopped) {
      fn();
      return () => {};
    }
    this.#onStop.add(fn);
    return () => this.#onStop.delete(fn);
  }
}
