/**
 * RemoteAudioTrack: a received audio MediaStreamTrack (an RTCPeerConnection 'track'
 * event's, or a livekit-client RemoteAudioTrack's `mediaStreamTrack`) with the
 * reference's track fields, for AudioStream.
 */
import { describe } from './errors.js';
import { TrackKind, TrackSource } from './track.js';

/**
 * True for a MediaStreamTrack (or an object that behaves like one: `kind`, `readyState`,
 * `stop()`, `addEventListener`).
 * @param {unknown} value
 */
export function isMediaStreamTrack(value) {
  if (typeof MediaStreamTrack === 'function' && value instanceof MediaStreamTrack) return true;
  return (
    value !== null &&
    typeof value === 'object' &&
    typeof value.kind === 'string' &&
    typeof value.readyState === 'string' &&
    typeof value.stop === 'function' &&
    typeof value.addEventListener === 'function'
  );
}

/**
 * A remote participant's audio track. [Reference: `RemoteAudioTrack`]
 *
 * Wraps the MediaStreamTrack the browser's WebRTC stack delivers; read its audio with
 * `new AudioStream(track)`.
 */
export class RemoteAudioTrack {
  #mediaStreamTrack;
  #name;
  #sid;
  #source;

  /**
   * @param {MediaStreamTrack} mediaStreamTrack a received audio track
   * @param {{ name?: string, sid?: string, source?: number }} [options] `name` (default:
   *   the track's label), `sid` (default: the track's id), `source` a TrackSource value
   *   (default SOURCE_UNKNOWN)
   * @throws {TypeError} when `mediaStreamTrack` is not an audio MediaStreamTrack
   */
  constructor(mediaStreamTrack, options = {}) {
    if (!isMediaStreamTrack(mediaStreamTrack)) {
      throw new TypeError(`mediaStreamTrack must be a MediaStreamTrack, got ${describe(mediaStreamTrack)}`);
    }
    if (mediaStreamTrack.kind !== 'audio') {
      throw new TypeError(`mediaStreamTrack must be an audio track, got a ${mediaStreamTrack.kind} track`);
    }
    if (options === null || typeof options !== 'object') {
      throw new TypeError(`options must be an object, got ${describe(options)}`);
    }
    const { name = mediaStreamTrack.label ?? '', sid = mediaStreamTrack.id ?? '', source = TrackSource.SOURCE_UNKNOWN } = options;
    if (typeof name !== 'string') throw new TypeError(`options.name must be a string, got ${describe(name)}`);
    if (typeof sid !== 'string') throw new TypeError(`options.sid must be a string, got ${describe(sid)}`);
    if (!Object.values(TrackSource).includes(source)) {
      throw new RangeError(`options.source must be a TrackSource value (0..4), got ${describe(source)}`);
    }
    this.#mediaStreamTrack = mediaStreamTrack;
    this.#name = name;
    this.#sid = sid;
    this.#source = source;
  }

  /** The track's name. @type {string} */
  get name() {
    return this.#name;
  }

  /** The track's id. @type {string} */
  get sid() {
    return this.#sid;
  }

  /** Always TrackKind.KIND_AUDIO. @type {number} */
  get kind() {
    return TrackKind.KIND_AUDIO;
  }

  /** Where the track comes from (a TrackSource value). @type {number} */
  get source() {
    return this.#source;
  }

  /** The received MediaStreamTrack. @type {MediaStreamTrack} */
  get mediaStreamTrack() {
    return this.#mediaStreamTrack;
  }

  /** 'live' or 'ended' (the MediaStreamTrack's readyState). @type {string} */
  get readyState() {
    return this.#mediaStreamTrack.readyState;
  }
}
