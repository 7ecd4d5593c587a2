/**
 * AudioStream: an async iterator of AudioFrameEvents read from an audio track, at the
 * rate, channel count and frame size the caller asks for (SPEC.md "AudioStream").
 *
 *   browser:  MediaStreamTrack ─► CaptureProcessor (AudioWorklet: remix + resample in the
 *             core, cut into frames) ─► SharedArrayBuffer ring or MessagePort ─► here
 *   Node:     LocalAudioTrack's AudioSource, paced on its clock ─► the same conversion
 *             and framing (CaptureRenderer) on this thread ─► here
 *
 * Here: each frame becomes an AudioFrame, goes through the noise-cancellation stage (if
 * any) and into a FrameQueue (capacity > 0: drop-oldest, counted), which the consumer
 * iterates. The iteration ends when the track ends or on aclose(), after the frames
 * already captured have been delivered; a partial last frame is never emitted.
 */
import { AudioFrame } from './audio-frame.js';
import { AudioSource, PLAYOUT_TAP, getDefaultContext } from './audio-source.js';
import { core } from './core-instance.js';
import { CHANNELS_RULE, MAX_CHANNELS, SAMPLE_RATE_RULE, describe, requireIntegerInRange } from './errors.js';
import { FrameQueue } from './frame-queue.js';
import { LocalAudioTrack, ON_STOP } from './local-audio-track.js';
import { FrameProcessorStage, resolveFrameProcessor } from './noise-cancellation.js';
import { RemoteAudioTrack, isMediaStreamTrack } from './remote-audio-track.js';
import { TrackSource } from './track.js';
import { TransportKind } from './transport.js';
import { CaptureNode } from './worklet/capture-node.js';
import { CaptureRenderer } from './worklet/capture-renderer.js';

const DEFAULT_FRAME_SIZE_MS = 10;
const MAX_FRAME_SIZE_MS = 10000;
/** How often a bare MediaStreamTrack's readyState is checked: stop() fires no 'ended'. */
const READY_STATE_POLL_MS = 250;

/**
 * One frame received from a track. [Reference: `AudioFrameEvent`]
 */
export class AudioFrameEvent {
  /** @param {AudioFrame} frame */
  constructor(frame) {
    if (!(frame instanceof AudioFrame)) throw new TypeError(`frame must be an AudioFrame, got ${describe(frame)}`);
    /** The frame. @readonly @type {AudioFrame} */
    this.frame = frame;
    Object.freeze(this);
  }
}

/** livekit-client's Track.Source strings, as TrackSource values. */
const LIVEKIT_SOURCES = Object.freeze({
  unknown: TrackSource.SOURCE_UNKNOWN,
  camera: TrackSource.SOURCE_CAMERA,
  microphone: TrackSource.SOURCE_MICROPHONE,
  screen_share: TrackSource.SOURCE_SCREENSHARE,
  screen_share_audio: TrackSource.SOURCE_SCREENSHARE_AUDIO,
});

function trackSourceValue(source) {
  if (typeof source === 'number') return source;
  if (typeof source === 'string') return LIVEKIT_SOURCES[source.toLowerCase()] ?? LIVEKIT_SOURCES[source.replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase()];
  return undefined;
}

/** A participant's track publications, from the shapes livekit-client has used. */
function publicationsOf(participant) {
  const candidates = [participant.trackPublications, participant.audioTrackPublications, participant.tracks];
  for (const c of candidates) {
    if (c instanceof Map) return [...c.values()];
    if (Array.isArray(c)) return c;
    if (c && typeof c === 'object') return Object.values(c);
  }
  if (typeof participant.getTrackPublications === 'function') return [...participant.getTrackPublications()];
  return null;
}

/**
 * What a stream reads: `{ local }` (a LocalAudioTrack whose source plays on a clock: tap
 * it), or `{ mediaStreamTrack, local? }`.
 */
function resolveInput(track) {
  if (track instanceof LocalAudioTrack) {
    return track.mediaStreamTrack ? { mediaStreamTrack: track.mediaStreamTrack, local: track } : { local: track };
  }
  if (track instanceof RemoteAudioTrack) return { mediaStreamTrack: track.mediaStreamTrack };
  if (isMediaStreamTrack(track)) {
    if (track.kind !== 'audio') throw new TypeError(`track must be an audio track, got a ${track.kind} MediaStreamTrack`);
    return { mediaStreamTrack: track };
  }
  if (track !== null && typeof track === 'object' && 'mediaStreamTrack' in track) {
    const inner = track.mediaStreamTrack;
    if (isMediaStreamTrack(inner)) {
      if (inner.kind !== 'audio') throw new TypeError(`track.mediaStreamTrack must be an audio track, got a ${inner.kind} track`);
      return { mediaStreamTrack: inner };
    }
    throw new TypeError(`track.mediaStreamTrack must be a MediaStreamTrack, got ${describe(inner)}`);
  }
  throw new TypeError(
    `track must be a MediaStreamTrack, a LocalAudioTrack, a RemoteAudioTrack or a track with a mediaStreamTrack (livekit-client), got ${describe(track)}`,
  );
}

function isAudioContext(value) {
  return value !== null && typeof value === 'object' && typeof value.audioWorklet?.addModule === 'function';
}

/**
 * Reads a LocalAudioTrack whose AudioSource plays on a clock (Node): every paced step
 * of the source's output goes through the conversion and framing on this thread.
 */
class TapCapture {
  #renderer;
  #unsubscribe = () => {};
  #cancelStop = () => {};
  #onend;
  #ended = false;

  constructor({ local, sampleRate, numChannels, frameSamples, onframe, onend }) {
    const source = local.source;
    this.#onend = onend;
    this.#renderer = new CaptureRenderer({
      core,
      inputRate: source.sampleRate,
      inputChannels: source.numChannels,
      outputRate: sampleRate,
      outputChannels: numChannels,
      frameSamples,
      maxBlockFrames: Math.ceil(source.sampleRate / 100),
      emit: (index, samples) => onframe(index, samples.slice()),
    });
    try {
      this.#unsubscribe = source[PLAYOUT_TAP]((step) => this.#renderer.processS16(step.samples, step.frames), () => this.#end());
    } catch {
      this.#end(); // the source is closed: its track carries nothing more
      return;
    }
    this.#cancelStop = local[ON_STOP](() => this.#end());
  }

  get transport() {
    return TransportKind.LOCAL;
  }

  get dropped() {
    return 0;
  }

  #end() {
    if (this.#ended) return;
    this.#ended = true;
    this.#unsubscribe();
    this.#cancelStop();
    this.#renderer.close();
    this.#onend();
  }

  close() {
    this.#ended = true;
    this.#unsubscribe();
    this.#cancelStop();
    this.#renderer.close();
    return Promise.resolve();
  }
}

/**
 * Reads a MediaStreamTrack in an AudioWorklet (CaptureNode + CaptureProcessor). A remote
 * WebRTC track is also played by a muted media element: Chromium delivers silence to
 * Web Audio from a remote track otherwise.
 */
class WorkletCapture {
  #node = null;
  #ready;
  #element = null;
  #timer = null;
  #cancelStop = () => {};
  #onEnded;
  #track;
  #context;
  #onStateChange;
  #closed = false;

  constructor({ mediaStreamTrack, local, context, sampleRate, numChannels, frameSamples, onframe, onend, onerror }) {
    this.#track = mediaStreamTrack;
    this.#onEnded = () => onend();
    // A closed context never renders again: fail the stream so that a waiting consumer's
    // read settles (with this error) instead of waiting forever.
    this.#context = context;
    this.#onStateChange = () => {
      if (context.state === 'closed') onerror(new Error('the AudioContext was closed: this AudioStream can no longer capture'));
    };
    context.addEventListener?.('statechange', this.#onStateChange);
    if (!local && typeof document === 'object' && typeof document.createElement === 'function') {
      const element = document.createElement('audio');
      element.muted = true;
      element.srcObject = new MediaStream([mediaStreamTrack]);
      element.play?.()?.catch?.(() => {});
      this.#element = element;
    }
    mediaStreamTrack.addEventListener('ended', this.#onEnded);
    if (local) this.#cancelStop = local[ON_STOP](this.#onEnded);
    else this.#timer = setInterval(() => mediaStreamTrack.readyState === 'ended' && this.#onEnded(), READY_STATE_POLL_MS);
    this.#ready = CaptureNode.create(context, { mediaStreamTrack, outputRate: sampleRate, outputChannels: numChannels, frameSamples, onframe, onerror }).then(
      (node) => {
        this.#node = node;
        if (this.#closed) return node.close();
        if (mediaStreamTrack.readyState === 'ended') this.#onEnded();
        return undefined;
      },
      (error) => onerror(error),
    );
  }

  get transport() {
    return this.#node?.transport ?? null;
  }

  get dropped() {
    return this.#node?.dropped ?? 0;
  }

  async close() {
    if (this.#closed) return this.#ready;
    this.#closed = true;
    this.#context.removeEventListener?.('statechange', this.#onStateChange);
    this.#track.removeEventListener('ended', this.#onEnded);
    this.#cancelStop();
    if (this.#timer !== null) clearInterval(this.#timer);
    if (this.#element) {
      this.#element.srcObject = null;
      this.#element = null;
    }
    await this.#ready;
    await this.#node?.close();
  }
}

/**
 * Frames from an audio track, as an async iterator of AudioFrameEvents.
 * [Reference: `AudioStream`]
 *
 * ```js
 * const stream = new AudioStream(remoteTrack, { sampleRate: 16000, numChannels: 1 });
 * for await (const { frame } of stream) handle(frame); // 10 ms, 160 samples each
 * ```
 */
export class AudioStream {
  #sampleRate;
  #numChannels;
  #frameSizeMs;
  #samplesPerChannel;
  #capacity;
  #queue;
  #stage = null;
  #capture = null;
  #received = 0;
  #nextIndex = 0;
  #missedSamples = 0;
  #processorError = null;
  #error = null;
  #finished = false;
  #closePromise = null;

  /**
   * @param {MediaStreamTrack | LocalAudioTrack | RemoteAudioTrack | { mediaStreamTrack: MediaStreamTrack }} track
   *   the track to read: a bare MediaStreamTrack, our LocalAudioTrack / RemoteAudioTrack,
   *   or a livekit-client track (anything with an audio `mediaStreamTrack`)
   * @param {object} [options]
   * @param {number} [options.capacity] frames kept unread at most; when the consumer falls
   *   behind, the oldest are dropped and counted. 0 = unbounded (default)
   * @param {number} [options.sampleRate] Hz, an integer in 1000..768000 (default 48000)
   * @param {number} [options.numChannels] an integer in 1..32 (default 1)
   * @param {number} [options.frameSizeMs] frame length in ms (default 10):
   *   samplesPerChannel = floor(sampleRate x frameSizeMs / 1000), at least 1
   * @param {object} [options.noiseCancellation] a FrameProcessor or
   *   NoiseCancellationOptions (resolved through registerNoiseCancellation)
   * @param {BaseAudioContext} [options.context] the AudioContext to capture on (browser;
   *   default: the shared 48 kHz context AudioSource uses)
   * @throws {TypeError} when an argument has the wrong type
   * @throws {RangeError} when a value is out of range, or noiseCancellation names an
   *   unregistered module
   */
  constructor(track, options = {}) {
    if (options === null || typeof options !== 'object') {
      throw new TypeError(`options must be an object, got ${describe(options)}`);
    }
    const { capacity = 0, sampleRate = 48000, numChannels = 1, frameSizeMs = DEFAULT_FRAME_SIZE_MS, noiseCancellation, context } = options;
    requireIntegerInRange('capacity', capacity, 0, Infinity);
    requireIntegerInRange('sampleRate', sampleRate, core.MIN_SAMPLE_RATE, core.MAX_SAMPLE_RATE);
    requireIntegerInRange('numChannels', numChannels, 1, MAX_CHANNELS);
    if (typeof frameSizeMs !== 'number') {
      throw new TypeError(`frameSizeMs must be a number (ms, > 0 and <= ${MAX_FRAME_SIZE_MS}), got ${describe(frameSizeMs)}`);
    }
    const samplesPerChannel = Math.floor((sampleRate * frameSizeMs) / 1000);
    if (!(frameSizeMs > 0 && frameSizeMs <= MAX_FRAME_SIZE_MS) || samplesPerChannel < 1) {
      throw new RangeError(
        `frameSizeMs must be > 0 and <= ${MAX_FRAME_SIZE_MS} ms and give at least 1 sample per channel at ${sampleRate} Hz, got ${describe(frameSizeMs)}`,
      );
    }
    if (context !== undefined && !isAudioContext(context)) {
      throw new TypeError(`options.context must be an AudioContext (or another BaseAudioContext), got ${describe(context)}`);
    }
    const input = resolveInput(track);
    if (!input.mediaStreamTrack && input.local && !(input.local.source instanceof AudioSource)) {
      throw new TypeError('track.source must be an AudioSource');
    }
    if (input.mediaStreamTrack && typeof AudioWorkletNode !== 'function') {
      throw new TypeError('reading a MediaStreamTrack needs Web Audio (AudioWorklet); in Node, read a LocalAudioTrack');
    }
    const processor = resolveFrameProcessor(noiseCancellation);

    this.#sampleRate = sampleRate;
    this.#numChannels = numChannels;
    this.#frameSizeMs = frameSizeMs;
    this.#samplesPerChannel = samplesPerChannel;
    this.#capacity = capacity;
    this.#queue = new FrameQueue(capacity);
    if (processor) this.#stage = new FrameProcessorStage(processor, (error) => this.#reportProcessorError(error));

    const common = {
      sampleRate,
      numChannels,
      frameSamples: samplesPerChannel,
      onframe: (index, samples) => this.#deliver(index, samples),
      onend: () => this.#trackEnded(),
    };
    if (input.mediaStreamTrack) {
      this.#capture = new WorkletCapture({
        ...common,
        mediaStreamTrack: input.mediaStreamTrack,
        local: input.local,
        context: context ?? input.local?.source.context ?? getDefaultContext(),
        onerror: (error) => this.#fail(error),
      });
    } else {
      this.#capture = new TapCapture({ ...common, local: input.local });
    }
  }

  /**
   * `AudioStream.fromTrack({ track, ...options })`: the same as `new AudioStream(track, options)`.
   * [Reference: `AudioStream.from_track`]
   * @param {{ track: any } & Record<string, unknown>} args
   * @returns {AudioStream}
   */
  static fromTrack(args) {
    if (args === null || typeof args !== 'object') throw new TypeError(`fromTrack takes { track, ...options }, got ${describe(args)}`);
    const { track, ...options } = args;
    return new AudioStream(track, options);
  }

  /**
   * A stream on the participant's track published with `trackSource`.
   * [Reference: `AudioStream.from_participant`]
   * @param {{ participant: object, trackSource: number | string } & Record<string, unknown>} args
   *   `participant`: any object exposing track publications with a `source` and a
   *   `track` (livekit-client's participants); `trackSource`: a TrackSource value or a
   *   livekit-client Track.Source string ('microphone', ...)
   * @returns {AudioStream}
   * @throws {RangeError} when the participant has no subscribed audio track from that source
   */
  static fromParticipant(args) {
    if (args === null || typeof args !== 'object') {
      throw new TypeError(`fromParticipant takes { participant, trackSource, ...options }, got ${describe(args)}`);
    }
    const { participant, trackSource, ...options } = args;
    if (participant === null || typeof participant !== 'object') {
      throw new TypeError(`participant must be a participant object (with track publications), got ${describe(participant)}`);
    }
    const wanted = trackSourceValue(trackSource);
    if (!Object.values(TrackSource).includes(wanted)) {
      throw new RangeError(`trackSource must be a TrackSource value (0..4) or a livekit Track.Source string, got ${describe(trackSource)}`);
    }
    const publications = publicationsOf(participant);
    if (!publications) {
      throw new TypeError('participant must expose its track publications (trackPublications, audioTrackPublications or tracks)');
    }
    const match = publications.find((p) => p && trackSourceValue(p.source) === wanted && p.track && (p.kind === undefined || p.kind === 'audio' || p.kind === 1));
    if (!match) {
      const name = participant.identity ?? participant.name ?? 'the participant';
      throw new RangeError(`${name} has no subscribed audio track with trackSource ${describe(trackSource)}`);
    }
    return new AudioStream(match.track, options);
  }

  /** Sample rate of every frame, Hz. @type {number} */
  get sampleRate() {
    return this.#sampleRate;
  }

  /** Channels of every frame. @type {number} */
  get numChannels() {
    return this.#numChannels;
  }

  /** Frame length in ms. @type {number} */
  get frameSizeMs() {
    return this.#frameSizeMs;
  }

  /** Samples per channel of every frame: floor(sampleRate x frameSizeMs / 1000). @type {number} */
  get samplesPerChannel() {
    return this.#samplesPerChannel;
  }

  /** Unread frames kept at most (0 = unbounded). @type {number} */
  get capacity() {
    return this.#capacity;
  }

  /** Frames dropped (oldest first) because the consumer fell `capacity` behind. @type {number} */
  get dropped() {
    return this.#queue.dropped;
  }

  /** The first error a FrameProcessor raised (the stream carried on), or null. */
  get processorError() {
    return this.#processorError;
  }

  /**
   * Counters: `framesReceived` (captured and handed to the queue), `framesDropped`
   * (capacity, oldest first), `framesBuffered` (unread), `missedSamples` (samples per
   * channel the frame indices skipped: audio the capture lost), `captureDropped` (frames
   * the audio thread could not hand over), `processorErrors`, `transport`.
   * @type {{ framesReceived: number, framesDropped: number, framesBuffered: number,
   *   missedSamples: number, captureDropped: number, processorErrors: number,
   *   transport: string | null }}
   */
  get stats() {
    return {
      framesReceived: this.#received,
      framesDropped: this.#queue.dropped,
      framesBuffered: this.#queue.size,
      missedSamples: this.#missedSamples,
      captureDropped: this.#capture?.dropped ?? 0,
      processorErrors: this.#stage?.errorCount ?? 0,
      transport: this.#capture?.transport ?? null,
    };
  }

  #deliver(index, samples) {
    if (this.#finished) return;
    if (index > this.#nextIndex) this.#missedSamples += index - this.#nextIndex;
    this.#nextIndex = index + this.#samplesPerChannel;
    this.#received += 1;
    let frame = new AudioFrame(samples, this.#sampleRate, this.#numChannels, this.#samplesPerChannel, { index });
    if (this.#stage) frame = this.#stage.apply(frame);
    this.#queue.push(new AudioFrameEvent(frame));
  }

  #reportProcessorError(error) {
    this.#processorError = error;
    console.warn('rtc-audio-wasm AudioStream: the noise-cancellation FrameProcessor failed; frames pass through unprocessed', error);
  }

  #trackEnded() {
    this.aclose();
  }

  #fail(error) {
    if (this.#finished) return;
    this.#error = error instanceof Error ? error : new Error(String(error));
    this.aclose();
  }

  /**
   * The next frame event; `{ done: true }` once the track has ended or the stream was
   * closed and every buffered frame has been read.
   * @returns {Promise<IteratorResult<AudioFrameEvent>>}
   */
  next() {
    return this.#queue.next();
  }

  /**
   * Ends the iteration early (what `break` in `for await` calls): closes the stream.
   * @returns {Promise<IteratorResult<AudioFrameEvent>>}
   */
  async return() {
    await this.aclose();
    this.#queue.clear();
    return { value: undefined, done: true };
  }

  /** @returns {AsyncIterator<AudioFrameEvent>} this stream */
  [Symbol.asyncIterator]() {
    return this;
  }

  /**
   * Stops capturing: the frames already captured are still delivered, then the
   * iteration ends (a partial last frame is not emitted). Closes the noise-cancellation
   * processor and frees the capture's wasm objects. Idempotent. [Reference: `aclose`]
   * @returns {Promise<void>}
   */
  aclose() {
    this.#closePromise ??= this.#close();
    return this.#closePromise;
  }

  async #close() {
    try {
      await this.#capture?.close();
    } finally {
      this.#finished = true;
      if (this.#error) this.#queue.fail(this.#error);
      else this.#queue.end();
      this.#stage?.close();
    }
  }
}
