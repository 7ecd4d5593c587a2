import type { AudioSource } from './audio-source.js';

/** An AudioSource's playout as a live MediaStreamTrack. [Reference: `LocalAudioTrack`] */
export declare class LocalAudioTrack {
  /** [Reference: `LocalAudioTrack.create_audio_track`] @throws TypeError for a non-string name or a non-AudioSource */
  static createAudioTrack(name: string, source: AudioSource): LocalAudioTrack;
  private constructor();
  readonly name: string;
  /** TrackKind.KIND_AUDIO */
  readonly kind: 1;
  readonly source: AudioSource;
  /** A live audio track with the source's channel count (browser), or null where the source plays on a clock. */
  readonly mediaStreamTrack: MediaStreamTrack | null;
  /** True once stop() was called. */
  readonly stopped: boolean;
  /** Ends the MediaStreamTrack (and every AudioStream reading this track); the source keeps playing. */
  stop(): void;
}
