import type { TrackSource } from './track.js';

export interface RemoteAudioTrackOptions {
  /** Default: the MediaStreamTrack's label. */
  name?: string;
  /** Default: the MediaStreamTrack's id. */
  sid?: string;
  /** Default: TrackSource.SOURCE_UNKNOWN. */
  source?: TrackSource;
}

/** A received audio track; read it with `new AudioStream(track)`. [Reference: `RemoteAudioTrack`] */
export declare class RemoteAudioTrack {
  /** @throws TypeError unless `mediaStreamTrack` is an audio MediaStreamTrack; RangeError for a bad `source` */
  constructor(mediaStreamTrack: MediaStreamTrack, options?: RemoteAudioTrackOptions);
  readonly name: string;
  readonly sid: string;
  /** TrackKind.KIND_AUDIO */
  readonly kind: 1;
  readonly source: TrackSource;
  readonly mediaStreamTrack: MediaStreamTrack;
  readonly readyState: MediaStreamTrackState;
}
