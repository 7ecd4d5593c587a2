// Compiled by `tsc --strict` in the test run: a consumer of the shipped declarations.
// Lines marked @ts-expect-error must stay errors, so the declarations cannot silently
// loosen to `any`.
import {
  AudioFrame,
  AudioSource,
  AudioResampler,
  AudioResamplerQuality,
  combineAudioFrames,
  compileAudioCore,
  loadAudioCore,
  LocalAudioTrack,
  ManualClock,
  TrackKind,
  TrackSource,
  type AudioSourceStats,
} from '../../js/index.js';
import { AudioMixer, type AudioMixerInput } from '../../js/index.js';
import { instantiateAudioCore, SpscRing, StatusCode, type AudioCore } from '../../js/core.js';

const frame: AudioFrame = AudioFrame.create(48000, 2, 480);
const samples: Int16Array = frame.data;
const seconds: number = frame.duration;
frame.userdata['id'] = 1;
const wav: Uint8Array = frame.toWavBytes();
const back: AudioFrame = AudioFrame.fromWavBytes(wav);
const joined: AudioFrame = combineAudioFrames([frame, back]);
const same: AudioFrame = combineAudioFrames(frame);
new AudioFrame(new ArrayBuffer(4), 16000, 1, 2, { note: 'meta' });

// @ts-expect-error sampleRate is a number
AudioFrame.create('48000', 1, 1);
// @ts-expect-error data is read-only
frame.data = new Int16Array(0);
// @ts-expect-error numbers are not frames
combineAudioFrames([1, 2]);

async function loadForWorklet(): Promise<AudioCore> {
  const module: WebAssembly.Module = await compileAudioCore();
  const core: AudioCore = instantiateAudioCore(module);
  const status: number = core.validateFrame(48000, 1, 480, 960);
  if (status !== StatusCode.OK) throw new Error('unexpected');
  const ring = SpscRing.allocate(128, Float32Array);
  ring.push(new Float32Array(4));
  return (await loadAudioCore()) ?? core;
}

async function publishTone(context: AudioContext): Promise<MediaStreamTrack | null> {
  const source = new AudioSource(16000, 1, { queueSizeMs: 200, context });
  const track: LocalAudioTrack = LocalAudioTrack.createAudioTrack('tone', source);
  const kind: 1 = track.kind;
  if (kind !== TrackKind.KIND_AUDIO) throw new Error('unexpected');
  await source.captureFrame(AudioFrame.create(16000, 1, 320));
  const queued: number = source.queuedDuration;
  const stats: AudioSourceStats = source.stats;
  const transport: 'shared-memory' | 'message-port' | 'local' = stats.transport;
  source.clearQueue();
  await source.waitForPlayout();
  await source.aclose();
  return queued > 0 && transport !== 'local' ? track.mediaStreamTrack : null;
}

async function testWithManualClock(): Promise<number> {
  const clock = new ManualClock();
  const source = new AudioSource(48000, 2, { queueSizeMs: 0, clock });
  await source.captureFrame(AudioFrame.create(48000, 2, 480));
  await clock.advance(10);
  const mic: number = TrackSource.SOURCE_MICROPHONE;
  return source.stats.playedSamples + mic;
}

// @ts-expect-error captureFrame takes an AudioFrame
new AudioSource(48000, 1).captureFrame(new Int16Array(480));
// @ts-expect-error queueSizeMs is a number
new AudioSource(48000, 1, { queueSizeMs: '100' });
// @ts-expect-error the constructor is private: use createAudioTrack
new LocalAudioTrack();
// @ts-expect-error stats are read-only
new AudioSource(48000, 1).stats = null;


const resampler = new AudioResampler(48000, 16000, { numChannels: 2, quality: AudioResamplerQuality.HIGH });
const resampled: AudioFrame[] = [...resampler.push(frame), ...resampler.flush()];
const delaySeconds: number = resampler.latency;
async function workletResampler(): Promise<number> {
  const core: AudioCore = await loadAudioCore();
  const r = new core.AudioResamplerCore();
  const status: number = r.create(44100, 48000, 2, AudioResamplerQuality.MEDIUM, true);
  const need: number = r.inputFramesNeeded(128);
  r.setRatioAdjustment(120);
  r.delete();
  return status + need;
}
resampler.close();
// @ts-expect-error quality is an AudioResamplerQuality, not a string
new AudioResampler(48000, 16000, { quality: 'high' });

async function mixTwo(): Promise<number> {
  const mixer = new AudioMixer(48000, 2, { blocksize: 480, streamTimeoutMs: 50, capacity: 10 });
  async function* frames(): AsyncGenerator<AudioFrame> {
    yield AudioFrame.create(48000, 2, 480);
  }
  const events: AudioMixerInput = [{ frame: AudioFrame.create(16000, 1, 160) }];
  mixer.addStream(frames());
  mixer.addStream(events);
  mixer.removeStream(events);
  mixer.endInput();
  let total = 0;
  for await (const mixed of mixer) total += mixed.samplesPerChannel;
  await mixer.aclose();
  // @ts-expect-error inputs yield frames, not numbers
  mixer.addStream([1, 2, 3]);
  return total + mixer.blocksize;
}

export {
  samples,
  seconds,
  joined,
  same,
  loadForWorklet,
  resampled,
  delaySeconds,
  workletResampler,
  mixTwo,
  publishTone,
  testWithManualClock,
};

// AudioStream, AudioFrameEvent, RemoteAudioTrack, noise cancellation.
import {
  AudioStream,
  AudioFrameEvent,
  NoiseCancellationOptions,
  RemoteAudioTrack,
  registerNoiseCancellation,
  type AudioStreamStats,
  type FrameProcessor,
} from '../../js/index.js';

async function readStream(track: LocalAudioTrack, mst: MediaStreamTrack): Promise<number> {
  const processor: FrameProcessor = { enabled: true, process: (f: AudioFrame) => f, close() {} };
  registerNoiseCancellation('my-nc', (options) => ({ process: (f: AudioFrame) => f, options }));
  const stream = new AudioStream(track, { sampleRate: 24000, numChannels: 2, frameSizeMs: 20, capacity: 4, noiseCancellation: processor });
  const fromRemote = AudioStream.fromTrack({ track: new RemoteAudioTrack(mst, { name: 'them' }), noiseCancellation: new NoiseCancellationOptions('my-nc') });
  const fromLivekit = new AudioStream({ mediaStreamTrack: mst });
  const fromParticipant = AudioStream.fromParticipant({ participant: { trackPublications: new Map() }, trackSource: TrackSource.SOURCE_MICROPHONE });
  const fromParticipant2 = AudioStream.fromParticipant({ participant: {}, trackSource: 'microphone', sampleRate: 16000 });
  let total = 0;
  for await (const event of stream) {
    const e: AudioFrameEvent = event;
    total += e.frame.samplesPerChannel;
  }
  const stats: AudioStreamStats = stream.stats;
  const dropped: number = stream.dropped + stats.framesDropped;
  await Promise.all([fromRemote.aclose(), fromLivekit.aclose(), fromParticipant.aclose(), fromParticipant2.aclose()]);
  // @ts-expect-error sampleRate is a number
  new AudioStream(track, { sampleRate: '48000' });
  // @ts-expect-error a string is not a track
  new AudioStream('track');
  // @ts-expect-error trackSource must be a TrackSource or a livekit source name
  AudioStream.fromParticipant({ participant: {}, trackSource: 'speaker' });
  return total + dropped;
}
void readStream;
