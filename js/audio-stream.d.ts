import type { AudioFrame } from './audio-frame.js';
import type { LocalAudioTrack } from './local-audio-track.js';
import type { FrameProcessor, NoiseCancellationOptions } from './noise-cancellation.js';
import type { RemoteAudioTrack } from './remote-audio-track.js';
import type { TrackSource } from './track.js';

/** One frame received from a track. [Reference: `AudioFrameEvent`] */
export declare class AudioFrameEvent {
  constructor(frame: AudioFrame);
  /** Its `userdata.index` is the stream index (samples per channel) of its first sample. */
  readonly frame: AudioFrame;
}

/** What an AudioStream reads: a bare MediaStreamTrack, our tracks, or a livekit-client track. */
export type AudioStreamTrack = MediaStreamTrack | LocalAudioTrack | RemoteAudioTrack | { readonly mediaStreamTrack: MediaStreamTrack };

export interface AudioStreamOptions {
  /** Unread frames kept at most; the oldest are dropped (and counted) beyond it. 0 = unbounded (default). */
  capacity?: number;
  /** Hz, an integer in 1000..768000 (default 48000). */
  sampleRate?: number;
  /** An integer in 1..32 (default 1). */
  numChannels?: number;
  /** Frame length in ms (default 10); samplesPerChannel = floor(sampleRate x frameSizeMs / 1000). */
  frameSizeMs?: number;
  /** A FrameProcessor, or NoiseCancellationOptions naming a registered module (unknown: RangeError). */
  noiseCancellation?: FrameProcessor | NoiseCancellationOptions | { moduleId: string; options?: Record<string, unknown> };
  /** The AudioContext to capture on (browser). Default: the shared 48 kHz context. */
  context?: BaseAudioContext;
}

/** A participant as livekit-client exposes it: track publications with a `source` and a `track`. */
export interface AudioStreamParticipant {
  identity?: string;
  trackPublications?: Map<string, { source: string | number; track?: unknown; kind?: string | number }> | Iterable<unknown>;
  audioTrackPublications?: Map<string, { source: string | number; track?: unknown }>;
  [key: string]: unknown;
}

export interface AudioStreamStats {
  framesReceived: number;
  /** Dropped (oldest first) because the consumer fell `capacity` behind. */
  framesDropped: number;
  framesBuffered: number;
  /** Samples per channel the frame indices skipped: audio the capture lost. */
  missedSamples: number;
  /** Frames the audio thread could not hand to the main thread. */
  captureDropped: number;
  processorErrors: number;
  transport: 'shared-memory' | 'message-port' | 'local' | null;
}

/**
 * Frames from an audio track, as an async iterator of AudioFrameEvents, at the requested
 * rate, channel count and frame size. [Reference: `AudioStream`]
 */
export declare class AudioStream implements AsyncIterableIterator<AudioFrameEvent> {
  /** @throws TypeError for a wrong type (or a MediaStreamTrack where there is no Web Audio), RangeError for a bad value */
  constructor(track: AudioStreamTrack, options?: AudioStreamOptions);
  /** [Reference: `AudioStream.from_track`] */
  static fromTrack(args: { track: AudioStreamTrack } & AudioStreamOptions): AudioStream;
  /** [Reference: `AudioStream.from_participant`] @throws RangeError when no subscribed audio track has that source */
  static fromParticipant(
    args: { participant: AudioStreamParticipant | object; trackSource: TrackSource | 'microphone' | 'camera' | 'screen_share' | 'screen_share_audio' | 'unknown' } & AudioStreamOptions,
  ): AudioStream;
  readonly sampleRate: number;
  readonly numChannels: number;
  readonly frameSizeMs: number;
  readonly samplesPerChannel: number;
  readonly capacity: number;
  /** Frames dropped because the consumer fell `capacity` behind. */
  readonly dropped: number;
  /** The first error the FrameProcessor raised, or null. */
  readonly processorError: unknown;
  readonly stats: AudioStreamStats;
  next(): Promise<IteratorResult<AudioFrameEvent, undefined>>;
  return(): Promise<IteratorResult<AudioFrameEvent, undefined>>;
  [Symbol.asyncIterator](): AudioStream;
  /** Stops capturing; buffered frames are still delivered, then the iteration ends. Idempotent. */
  aclose(): Promise<void>;
}
