// The bad-input matrix: every public constructor and method with wrong types, NaN,
// Infinity, negative, non-integer and huge values, detached and shrunk buffers, frames of
// the wrong format and calls in the wrong state. Each case must throw (or reject with) the
// right error class with a message that names the parameter and the value, never abort
// the wasm, and leave the library -- and the object the call was made on -- usable.
import { describe, expect, it } from 'vitest';
import {
  AudioFrame,
  AudioFrameEvent,
  AudioMixer,
  AudioResampler,
  AudioSource,
  AudioStream,
  LocalAudioTrack,
  ManualClock,
  RemoteAudioTrack,
  combineAudioFrames,
  loadAudioCore,
  registerNoiseCancellation,
} from '../../js/index.js';
import { instantiateAudioCore } from '../../js/core.js';

const core = await loadAudioCore();
const good = () => new Int16Array(960);
const frame16k = AudioFrame.create(16000, 1, 160);
const detached = () => {
  const buffer = new ArrayBuffer(16);
  structuredClone(buffer, { transfer: [buffer] });
  return buffer;
};
// A frame whose buffer the caller transfers after making it.
const detachedFrame = (rate = 48000, channels = 2) => {
  const data = new Int16Array(channels * 480);
  const frame = new AudioFrame(data, rate, channels, 480);
  structuredClone(data.buffer, { transfer: [data.buffer] });
  return frame;
};
// A frame over a resizable buffer that the caller shrinks after making it.
const shrunkFrame = (rate = 48000, channels = 2) => {
  const buffer = new ArrayBuffer(channels * 960, { maxByteLength: channels * 960 });
  const frame = new AudioFrame(new Int16Array(buffer), rate, channels, 480);
  buffer.resize(2);
  return frame;
};
const stereo48k = () => AudioFrame.create(48000, 2, 480);
const manualSource = (options = {}) => new AudioSource(48000, 2, { clock: new ManualClock(), ...options });
const localTrack = () => LocalAudioTrack.createAudioTrack('t', manualSource());
const stream = (options) => new AudioStream(localTrack(), options);
async function* yields(...items) {
  yield* items;
}
// Reads a mixer to its end and returns the samples per channel it produced.
async function drain(mixer) {
  let frames = 0;
  for await (const frame of mixer) frames += frame.samplesPerChannel;
  return frames;
}
// The mixer a case was made on still mixes a stream after the rejected call.
async function mixerStillMixes(ctx) {
  ctx.mixer.addStream([AudioFrame.create(48000, 1, 480)]);
  ctx.mixer.endInput();
  expect(await drain(ctx.mixer)).toBe(480);
}
// The resampler a case was made on still converts after the rejected call.
function resamplerStillWorks(ctx) {
  const out = [...ctx.res.push(stereo48k()), ...ctx.res.flush()];
  expect(out.reduce((n, f) => n + f.samplesPerChannel, 0)).toBe(160);
  ctx.res.close();
}
// The source a case was made on still queues audio after the rejected call.
async function sourceStillPlays(ctx) {
  await ctx.source.captureFrame(stereo48k());
  expect(ctx.source.stats.capturedSamples).toBe(480);
  expect(ctx.source.queuedDuration).toBeCloseTo(0.01, 6);
  await ctx.source.aclose();
}

// [label, thunk(ctx), ErrorClass, message pattern, afterwards(ctx)?]: the thunk may return a
// promise (the case then expects a rejection); `afterwards` checks that the object the call
// was made on (kept in ctx) is still usable.
const CASES = [
  // AudioFrame data
  ['AudioFrame data: array', () => new AudioFrame([0, 0], 48000, 1, 1), TypeError, /^data must be .*got Array\(2\)/],
  ['AudioFrame data: string', () => new AudioFrame('ab', 48000, 1, 1), TypeError, /^data must be .*got "ab"/],
  ['AudioFrame data: null', () => new AudioFrame(null, 48000, 1, 1), TypeError, /^data must be .*got null/],
  ['AudioFrame data: number', () => new AudioFrame(4, 48000, 1, 1), TypeError, /^data must be .*got 4/],
  ['AudioFrame data: object', () => new AudioFrame({}, 48000, 1, 1), TypeError, /^data must be .*got Object object/],
  ['AudioFrame data: detached', () => new AudioFrame(detached(), 48000, 1, 1), TypeError, /^data is backed by a detached ArrayBuffer/],
  ['AudioFrame data: view of detached', () => {
    const buffer = new ArrayBuffer(8);
    const view = new Int16Array(buffer);
    structuredClone(buffer, { transfer: [buffer] });
    return new AudioFrame(view, 48000, 1, 1);
  }, TypeError, /^data is backed by a detached ArrayBuffer/],
  ['AudioFrame data: too short', () => new AudioFrame(new Int16Array(1), 48000, 1, 2), RangeError, /data length must be >= 4 bytes/],
  ['AudioFrame data: odd', () => new AudioFrame(new Uint8Array(5), 48000, 1, 2), RangeError, /multiple of 2 .*got 5 bytes/],
  // AudioFrame sampleRate
  ['AudioFrame sampleRate: string', () => new AudioFrame(good(), '48000', 1, 1), TypeError, /^sampleRate must be a number.*got string "48000"/],
  ['AudioFrame sampleRate: bigint', () => new AudioFrame(good(), 48000n, 1, 1), TypeError, /^sampleRate must be a number.*got bigint 48000n/],
  ['AudioFrame sampleRate: undefined', () => new AudioFrame(good()), TypeError, /^sampleRate must be a number.*got undefined/],
  ['AudioFrame sampleRate: NaN', () => new AudioFrame(good(), NaN, 1, 1), RangeError, /^sampleRate must be an integer in 1000\.\.768000, got NaN/],
  ['AudioFrame sampleRate: Infinity', () => new AudioFrame(good(), Infinity, 1, 1), RangeError, /got Infinity/],
  ['AudioFrame sampleRate: -Infinity', () => new AudioFrame(good(), -Infinity, 1, 1), RangeError, /got -Infinity/],
  ['AudioFrame sampleRate: negative', () => new AudioFrame(good(), -16000, 1, 1), RangeError, /got -16000/],
  ['AudioFrame sampleRate: non-integer', () => new AudioFrame(good(), 16000.25, 1, 1), RangeError, /got 16000.25/],
  ['AudioFrame sampleRate: huge', () => new AudioFrame(good(), 1e300, 1, 1), RangeError, /got 1e\+300/],
  ['AudioFrame sampleRate: too low', () => new AudioFrame(good(), 999, 1, 1), RangeError, /got 999/],
  ['AudioFrame sampleRate: too high', () => new AudioFrame(good(), 768001, 1, 1), RangeError, /got 768001/],
  // AudioFrame numChannels
  ['AudioFrame numChannels: string', () => new AudioFrame(good(), 48000, '2', 1), TypeError, /^numChannels must be a number.*got string "2"/],
  ['AudioFrame numChannels: NaN', () => new AudioFrame(good(), 48000, NaN, 1), RangeError, /^numChannels must be an integer in 1\.\.32, got NaN/],
  ['AudioFrame numChannels: 0', () => new AudioFrame(good(), 48000, 0, 1), RangeError, /got 0/],
  ['AudioFrame numChannels: negative', () => new AudioFrame(good(), 48000, -2, 1), RangeError, /got -2/],
  ['AudioFrame numChannels: non-integer', () => new AudioFrame(good(), 48000, 1.5, 1), RangeError, /got 1.5/],
  ['AudioFrame numChannels: huge', () => new AudioFrame(good(), 48000, 2 ** 53, 1), RangeError, /got 9007199254740992/],
  ['AudioFrame numChannels: Infinity', () => new AudioFrame(good(), 48000, Infinity, 1), RangeError, /got Infinity/],
  // AudioFrame samplesPerChannel
  ['AudioFrame samplesPerChannel: object', () => new AudioFrame(good(), 48000, 1, {}), TypeError, /^samplesPerChannel must be a number/],
  ['AudioFrame samplesPerChannel: NaN', () => new AudioFrame(good(), 48000, 1, NaN), RangeError, /^samplesPerChannel must be an integer >= 0.*got NaN/],
  ['AudioFrame samplesPerChannel: negative', () => new AudioFrame(good(), 48000, 1, -480), RangeError, /got -480/],
  ['AudioFrame samplesPerChannel: non-integer', () => new AudioFrame(good(), 48000, 1, 0.5), RangeError, /got 0.5/],
  ['AudioFrame samplesPerChannel: Infinity', () => new AudioFrame(good(), 48000, 1, Infinity), RangeError, /got Infinity/],
  ['AudioFrame samplesPerChannel: huge', () => new AudioFrame(good(), 48000, 1, 1e18), RangeError, /got 1000000000000000000/],
  ['AudioFrame userdata: string', () => new AudioFrame(good(), 48000, 1, 1, 'x'), TypeError, /^userdata must be an object, got "x"/],
  ['AudioFrame userdata: number', () => new AudioFrame(good(), 48000, 1, 1, 5), TypeError, /^userdata must be an object, got 5/],
  // AudioFrame.create
  ['AudioFrame.create sampleRate: NaN', () => AudioFrame.create(NaN, 1, 1), RangeError, /^sampleRate .*got NaN/],
  ['AudioFrame.create numChannels: 33', () => AudioFrame.create(48000, 33, 1), RangeError, /^numChannels .*got 33/],
  ['AudioFrame.create samplesPerChannel: -1', () => AudioFrame.create(48000, 1, -1), RangeError, /^samplesPerChannel .*got -1/],
  ['AudioFrame.create samplesPerChannel: huge', () => AudioFrame.create(48000, 32, 2 ** 31), RangeError, /^samplesPerChannel .*got 2147483648/],
  ['AudioFrame.create sampleRate: null', () => AudioFrame.create(null, 1, 1), TypeError, /^sampleRate must be a number.*got null/],
  // AudioFrame.fromWavBytes
  ['fromWavBytes: string', () => AudioFrame.fromWavBytes('RIFF'), TypeError, /^bytes must be .*got "RIFF"/],
  ['fromWavBytes: undefined', () => AudioFrame.fromWavBytes(), TypeError, /^bytes must be .*got undefined/],
  ['fromWavBytes: empty', () => AudioFrame.fromWavBytes(new Uint8Array(0)), RangeError, /these 0 bytes are not/],
  ['fromWavBytes: detached', () => AudioFrame.fromWavBytes(detached()), TypeError, /^bytes is backed by a detached ArrayBuffer/],
  ['fromWavBytes: random bytes', () => AudioFrame.fromWavBytes(new Uint8Array(100).fill(7)), RangeError, /RIFF\/WAVE signature/],
  ['fromWavBytes: 8-bit WAV', () => {
    const wav = frame16k.toWavBytes();
    new DataView(wav.buffer).setUint16(34, 8, true);
    return AudioFrame.fromWavBytes(wav);
  }, RangeError, /not 16-bit/],
  ['fromWavBytes: truncated before data', () => AudioFrame.fromWavBytes(frame16k.toWavBytes().subarray(0, 30)), RangeError, /bytes end inside a header|no "fmt " chunk/],
  // combineAudioFrames
  ['combineAudioFrames: undefined', () => combineAudioFrames(), TypeError, /^frameOrFrames must be .*got undefined/],
  ['combineAudioFrames: number', () => combineAudioFrames(3), TypeError, /got 3/],
  ['combineAudioFrames: []', () => combineAudioFrames([]), RangeError, /^buffer is empty$/],
  ['combineAudioFrames: [null]', () => combineAudioFrames([null]), TypeError, /frameOrFrames\[0\] must be an AudioFrame, got null/],
  ['combineAudioFrames: rate mismatch', () => combineAudioFrames([frame16k, AudioFrame.create(48000, 1, 1)]), RangeError, /^Sample rate mismatch: expected 16000, got 48000$/],
  ['combineAudioFrames: channel mismatch', () => combineAudioFrames([frame16k, AudioFrame.create(16000, 2, 1)]), RangeError, /^Channel count mismatch: expected 1, got 2$/],
  ['combineAudioFrames: [frame, string]', () => combineAudioFrames([frame16k, 'x']), TypeError, /^frameOrFrames\[1\] must be an AudioFrame, got "x"/],
  ['combineAudioFrames: detached frame', () => combineAudioFrames([stereo48k(), detachedFrame()]), TypeError, /^frameOrFrames\[1\]\.data is backed by a detached ArrayBuffer/],
  ['combineAudioFrames: shrunk frame', () => combineAudioFrames([shrunkFrame(), stereo48k()]), RangeError, /^frameOrFrames\[0\]\.data holds 1 samples, fewer than .* = 960/],
  // AudioFrame: more types, and frames whose buffer went away after construction
  ['AudioFrame sampleRate: symbol', () => new AudioFrame(good(), Symbol('x'), 1, 1), TypeError, /^sampleRate must be a number.*got symbol Symbol\(x\)/],
  ['AudioFrame numChannels: boolean', () => new AudioFrame(good(), 48000, true, 1), TypeError, /^numChannels must be a number.*got boolean true/],
  ['AudioFrame data: Float32Array too short', () => new AudioFrame(new Float32Array(1), 48000, 2, 2), RangeError, /data length must be >= 8 bytes .*got 4 bytes/],
  ['AudioFrame toWavBytes: detached', () => detachedFrame().toWavBytes(), TypeError, /^this\.data is backed by a detached ArrayBuffer/],
  ['AudioFrame toWavBytes: shrunk', () => shrunkFrame().toWavBytes(), RangeError, /^this\.data holds 1 samples, fewer than numChannels x samplesPerChannel = 960/],
  ['fromWavBytes: 0 channels', () => {
    const wav = frame16k.toWavBytes();
    new DataView(wav.buffer).setUint16(22, 0, true);
    return AudioFrame.fromWavBytes(wav);
  }, RangeError, /^bytes must be a 16-bit PCM WAV file/],
  ['fromWavBytes: sample rate 0', () => {
    const wav = frame16k.toWavBytes();
    new DataView(wav.buffer).setUint32(24, 0, true);
    return AudioFrame.fromWavBytes(wav);
  }, RangeError, /^bytes must be a 16-bit PCM WAV file.*(sample rate|byte rate)/],
  // AudioResampler constructor
  ['AudioResampler inputRate: string', () => new AudioResampler('48000', 16000), TypeError, /^inputRate must be a number.*got string "48000"/],
  ['AudioResampler inputRate: undefined', () => new AudioResampler(), TypeError, /^inputRate must be a number.*got undefined/],
  ['AudioResampler inputRate: NaN', () => new AudioResampler(NaN, 16000), RangeError, /^inputRate must be an integer in 1000\.\.768000, got NaN/],
  ['AudioResampler inputRate: Infinity', () => new AudioResampler(Infinity, 16000), RangeError, /^inputRate .*got Infinity/],
  ['AudioResampler inputRate: negative', () => new AudioResampler(-48000, 16000), RangeError, /^inputRate .*got -48000/],
  ['AudioResampler inputRate: non-integer', () => new AudioResampler(44100.5, 16000), RangeError, /^inputRate .*got 44100\.5/],
  ['AudioResampler outputRate: huge', () => new AudioResampler(48000, 1e12), RangeError, /^outputRate must be an integer in 1000\.\.768000, got 1000000000000/],
  ['AudioResampler outputRate: bigint', () => new AudioResampler(48000, 16000n), TypeError, /^outputRate must be a number.*got bigint 16000n/],
  ['AudioResampler options: null', () => new AudioResampler(48000, 16000, null), TypeError, /^options must be an object.*got null/],
  ['AudioResampler options: number', () => new AudioResampler(48000, 16000, 2), TypeError, /^options must be an object.*got 2/],
  ['AudioResampler numChannels: 0', () => new AudioResampler(48000, 16000, { numChannels: 0 }), RangeError, /^numChannels must be an integer in 1\.\.8 .*got 0/],
  ['AudioResampler numChannels: 9', () => new AudioResampler(48000, 16000, { numChannels: 9 }), RangeError, /^numChannels must be an integer in 1\.\.8 .*got 9/],
  ['AudioResampler numChannels: non-integer', () => new AudioResampler(48000, 16000, { numChannels: 1.5 }), RangeError, /^numChannels .*got 1\.5/],
  ['AudioResampler numChannels: string', () => new AudioResampler(48000, 16000, { numChannels: '2' }), TypeError, /^numChannels must be a number.*got string "2"/],
  ['AudioResampler quality: 5', () => new AudioResampler(48000, 16000, { quality: 5 }), RangeError, /^quality must be one of AudioResamplerQuality .*got 5/],
  ['AudioResampler quality: -1', () => new AudioResampler(48000, 16000, { quality: -1 }), RangeError, /^quality .*got -1/],
  ['AudioResampler quality: NaN', () => new AudioResampler(48000, 16000, { quality: NaN }), RangeError, /^quality .*got NaN/],
  ['AudioResampler quality: name', () => new AudioResampler(48000, 16000, { quality: 'HIGH' }), TypeError, /^quality must be a number.*got string "HIGH"/],
  // AudioResampler.push / flush
  ['AudioResampler.push: undefined', (ctx) => (ctx.res = new AudioResampler(48000, 16000, { numChannels: 2 })).push(), TypeError, /^frame must be an AudioFrame, got undefined/, resamplerStillWorks],
  ['AudioResampler.push: frame-like object', (ctx) => (ctx.res = new AudioResampler(48000, 16000, { numChannels: 2 })).push({ sampleRate: 48000, numChannels: 2, samplesPerChannel: 1, data: new Int16Array(2) }), TypeError, /^frame must be an AudioFrame, got Object object/, resamplerStillWorks],
  ['AudioResampler.push: wrong rate', (ctx) => (ctx.res = new AudioResampler(48000, 16000, { numChannels: 2 })).push(AudioFrame.create(16000, 2, 160)), RangeError, /^frame\.sampleRate must be 48000 \(the resampler's inputRate\), got 16000/, resamplerStillWorks],
  ['AudioResampler.push: wrong channels', (ctx) => (ctx.res = new AudioResampler(48000, 16000, { numChannels: 2 })).push(AudioFrame.create(48000, 1, 480)), RangeError, /^frame\.numChannels must be 2 \(the resampler's numChannels\), got 1/, resamplerStillWorks],
  ['AudioResampler.push: detached', (ctx) => (ctx.res = new AudioResampler(48000, 16000, { numChannels: 2 })).push(detachedFrame()), TypeError, /^frame\.data is backed by a detached ArrayBuffer/, resamplerStillWorks],
  ['AudioResampler.push: shrunk', (ctx) => (ctx.res = new AudioResampler(48000, 16000, { numChannels: 2 })).push(shrunkFrame()), RangeError, /^frame\.data holds 1 samples/, resamplerStillWorks],
  ['AudioResampler.push: after close', () => {
    const r = new AudioResampler(48000, 16000);
    r.close();
    return r.push(AudioFrame.create(48000, 1, 480));
  }, Error, /^AudioResampler is closed \(push after close\(\)\)$/],
  ['AudioResampler.flush: after close', () => {
    const r = new AudioResampler(48000, 16000);
    r.close();
    r.close(); // idempotent
    return r.flush();
  }, Error, /^AudioResampler is closed \(flush after close\(\)\)$/],
  // AudioMixer constructor
  ['AudioMixer sampleRate: string', () => new AudioMixer('48000', 2), TypeError, /^sampleRate must be a number.*got string "48000"/],
  ['AudioMixer sampleRate: NaN', () => new AudioMixer(NaN, 2), RangeError, /^sampleRate must be an integer in 1000\.\.768000, got NaN/],
  ['AudioMixer sampleRate: too low', () => new AudioMixer(999, 2), RangeError, /^sampleRate .*got 999/],
  ['AudioMixer numChannels: 0', () => new AudioMixer(48000, 0), RangeError, /^numChannels must be an integer in 1\.\.32, got 0/],
  ['AudioMixer numChannels: Infinity', () => new AudioMixer(48000, Infinity), RangeError, /^numChannels .*got Infinity/],
  ['AudioMixer numChannels: undefined', () => new AudioMixer(48000), TypeError, /^numChannels must be a number.*got undefined/],
  ['AudioMixer options: string', () => new AudioMixer(48000, 2, 'fast'), TypeError, /^options must be an object .*got "fast"/],
  ['AudioMixer blocksize: negative', () => new AudioMixer(48000, 2, { blocksize: -1 }), RangeError, /^blocksize must be an integer in 0\.\.524288 .*got -1/],
  ['AudioMixer blocksize: non-integer', () => new AudioMixer(48000, 2, { blocksize: 0.5 }), RangeError, /^blocksize .*got 0\.5/],
  ['AudioMixer blocksize: huge', () => new AudioMixer(48000, 2, { blocksize: 2 ** 40 }), RangeError, /^blocksize .*got 1099511627776/],
  ['AudioMixer blocksize: string', () => new AudioMixer(48000, 2, { blocksize: '480' }), TypeError, /^blocksize must be a number.*got string "480"/],
  ['AudioMixer blocksize: 0 too large for the rate', () => new AudioMixer(768000, 32, { blocksize: 0 }), RangeError, /^blocksize 0 means sampleRate \/ 10 = 76800 /],
  ['AudioMixer streamTimeoutMs: negative', () => new AudioMixer(48000, 2, { streamTimeoutMs: -1 }), RangeError, /^streamTimeoutMs must be an integer in 0\.\.2147483647, got -1/],
  ['AudioMixer streamTimeoutMs: NaN', () => new AudioMixer(48000, 2, { streamTimeoutMs: NaN }), RangeError, /^streamTimeoutMs .*got NaN/],
  ['AudioMixer streamTimeoutMs: beyond setTimeout', () => new AudioMixer(48000, 2, { streamTimeoutMs: 2 ** 31 }), RangeError, /^streamTimeoutMs .*got 2147483648/],
  ['AudioMixer capacity: negative', () => new AudioMixer(48000, 2, { capacity: -1 }), RangeError, /^capacity must be an integer >= 0 .*got -1/],
  ['AudioMixer capacity: Infinity', () => new AudioMixer(48000, 2, { capacity: Infinity }), RangeError, /^capacity .*got Infinity/],
  // AudioMixer.addStream and its inputs
  ['AudioMixer.addStream: number', (ctx) => (ctx.mixer = new AudioMixer(48000, 1, { blocksize: 480 })).addStream(5), TypeError, /^stream must be an async iterable .*got 5/, mixerStillMixes],
  ['AudioMixer.addStream: null', (ctx) => (ctx.mixer = new AudioMixer(48000, 1, { blocksize: 480 })).addStream(null), TypeError, /^stream must be .*got null/, mixerStillMixes],
  ['AudioMixer.addStream: string', (ctx) => (ctx.mixer = new AudioMixer(48000, 1, { blocksize: 480 })).addStream('frames'), TypeError, /^stream must be .*got "frames"/, mixerStillMixes],
  ['AudioMixer.addStream: iterator factory returns a number', (ctx) => (ctx.mixer = new AudioMixer(48000, 1, { blocksize: 480 })).addStream({ [Symbol.asyncIterator]: () => 5 }), TypeError, /returned 5, not an iterator/, mixerStillMixes],
  ['AudioMixer.addStream: after aclose', async () => {
    const m = new AudioMixer(48000, 1);
    await m.aclose();
    m.addStream([]);
  }, Error, /^AudioMixer is closed: addStream\(\) cannot be called after aclose\(\)$/],
  ['AudioMixer.addStream: after endInput', () => {
    const m = new AudioMixer(48000, 1);
    m.endInput();
    m.addStream([]);
  }, Error, /^AudioMixer input has ended: addStream\(\) cannot be called after endInput\(\)$/],
  ['AudioMixer input: yields a number', (ctx) => {
    ctx.mixer = new AudioMixer(48000, 1, { blocksize: 480 });
    ctx.mixer.addStream(yields(AudioFrame.create(48000, 1, 480), 42));
    return drain(ctx.mixer);
  }, TypeError, /^an AudioMixer input must yield AudioFrame or \{ frame: AudioFrame \} objects, got 42/],
  ['AudioMixer input: yields a detached frame', (ctx) => {
    ctx.mixer = new AudioMixer(48000, 2, { blocksize: 480 });
    ctx.mixer.addStream(yields(detachedFrame()));
    return drain(ctx.mixer);
  }, TypeError, /^an AudioMixer input's frame\.data is backed by a detached ArrayBuffer/],
  ['AudioMixer input: iterator returns a non-object', (ctx) => {
    ctx.mixer = new AudioMixer(48000, 1, { blocksize: 480 });
    ctx.mixer.addStream({ [Symbol.asyncIterator]: () => ({ next: async () => 7 }) });
    return drain(ctx.mixer);
  }, TypeError, /^an AudioMixer input's iterator must return \{ value, done \} objects, got 7/],
  // AudioSource constructor
  ['AudioSource sampleRate: string', () => new AudioSource('48000', 2, { clock: new ManualClock() }), TypeError, /^sampleRate must be a number.*got string "48000"/],
  ['AudioSource sampleRate: NaN', () => new AudioSource(NaN, 2, { clock: new ManualClock() }), RangeError, /^sampleRate must be an integer in 1000\.\.768000, got NaN/],
  ['AudioSource sampleRate: non-integer', () => new AudioSource(44100.5, 2, { clock: new ManualClock() }), RangeError, /^sampleRate .*got 44100\.5/],
  ['AudioSource sampleRate: null', () => new AudioSource(null, 2, { clock: new ManualClock() }), TypeError, /^sampleRate must be a number.*got null/],
  ['AudioSource numChannels: 33', () => new AudioSource(48000, 33, { clock: new ManualClock() }), RangeError, /^numChannels must be an integer in 1\.\.32, got 33/],
  ['AudioSource numChannels: negative', () => new AudioSource(48000, -1, { clock: new ManualClock() }), RangeError, /^numChannels .*got -1/],
  ['AudioSource options: number', () => new AudioSource(48000, 2, 1000), TypeError, /^options must be an object, got 1000/],
  ['AudioSource queueSizeMs: negative', () => manualSource({ queueSizeMs: -10 }), RangeError, /^queueSizeMs must be an integer in 0\.\.60000, got -10/],
  ['AudioSource queueSizeMs: non-integer', () => manualSource({ queueSizeMs: 1.5 }), RangeError, /^queueSizeMs .*got 1\.5/],
  ['AudioSource queueSizeMs: huge', () => manualSource({ queueSizeMs: 1e9 }), RangeError, /^queueSizeMs .*got 1000000000/],
  ['AudioSource queueSizeMs: string', () => manualSource({ queueSizeMs: '100' }), TypeError, /^queueSizeMs must be a number.*got string "100"/],
  ['AudioSource context: not a context', () => new AudioSource(48000, 2, { context: {} }), TypeError, /^options\.context must be an AudioContext .*got Object object/],
  ['AudioSource clock: incomplete', () => new AudioSource(48000, 2, { clock: { now: () => 0 } }), TypeError, /^options\.clock must have now\(\), setTimer\(atMs, fn\) and clearTimer\(handle\), got Object object/],
  // AudioSource.captureFrame
  ['AudioSource.captureFrame: null', (ctx) => (ctx.source = manualSource()).captureFrame(null), TypeError, /^frame must be an AudioFrame, got null/, sourceStillPlays],
  ['AudioSource.captureFrame: samples instead of a frame', (ctx) => (ctx.source = manualSource()).captureFrame(new Int16Array(960)), TypeError, /^frame must be an AudioFrame, got Int16Array object/, sourceStillPlays],
  ['AudioSource.captureFrame: wrong rate', (ctx) => (ctx.source = manualSource()).captureFrame(AudioFrame.create(16000, 2, 160)), RangeError, /^frame\.sampleRate must be 48000 \(the source's sample rate\), got 16000$/, sourceStillPlays],
  ['AudioSource.captureFrame: wrong channels', (ctx) => (ctx.source = manualSource()).captureFrame(AudioFrame.create(48000, 1, 480)), RangeError, /^frame\.numChannels must be 2 \(the source's channel count\), got 1$/, sourceStillPlays],
  ['AudioSource.captureFrame: detached', (ctx) => (ctx.source = manualSource()).captureFrame(detachedFrame()), TypeError, /^frame\.data is backed by a detached ArrayBuffer/, sourceStillPlays],
  ['AudioSource.captureFrame: shrunk', (ctx) => (ctx.source = manualSource()).captureFrame(shrunkFrame()), RangeError, /^frame\.data holds 1 samples/, sourceStillPlays],
  ['AudioSource.captureFrame: direct mode, not 10 ms', (ctx) => (ctx.source = manualSource({ queueSizeMs: 0 })).captureFrame(AudioFrame.create(48000, 2, 100)), RangeError, /^direct capture requires 10ms frames: got 100, expected 480$/, sourceStillPlays],
  ['AudioSource.captureFrame: after aclose', async () => {
    const source = manualSource();
    await source.aclose();
    await source.aclose(); // idempotent
    return source.captureFrame(stereo48k());
  }, Error, /^AudioSource is closed$/],
  // LocalAudioTrack
  ['LocalAudioTrack name: number', () => LocalAudioTrack.createAudioTrack(5, manualSource()), TypeError, /^name must be a string, got 5/],
  ['LocalAudioTrack name: undefined', () => LocalAudioTrack.createAudioTrack(undefined, manualSource()), TypeError, /^name must be a string, got undefined/],
  ['LocalAudioTrack source: object', () => LocalAudioTrack.createAudioTrack('mic', {}), TypeError, /^source must be an AudioSource, got Object object/],
  ['LocalAudioTrack source: closed', async () => {
    const source = manualSource();
    await source.aclose();
    return LocalAudioTrack.createAudioTrack('mic', source);
  }, Error, /^source is closed \(its aclose\(\) was called\)/],
  ['LocalAudioTrack constructor', () => new LocalAudioTrack('mic', manualSource()), TypeError, /^use LocalAudioTrack\.createAudioTrack\(name, source\)/],
  // AudioStream, AudioFrameEvent, RemoteAudioTrack, registerNoiseCancellation
  ['AudioStream track: number', () => new AudioStream(5), TypeError, /^track must be a MediaStreamTrack, a LocalAudioTrack, .*got 5/],
  ['AudioStream track: null', () => new AudioStream(null), TypeError, /^track must be .*got null/],
  ['AudioStream track: wrong mediaStreamTrack', () => new AudioStream({ mediaStreamTrack: 'mic' }), TypeError, /^track\.mediaStreamTrack must be a MediaStreamTrack, got "mic"/],
  ['AudioStream options: string', () => new AudioStream(localTrack(), 'fast'), TypeError, /^options must be an object, got "fast"/],
  ['AudioStream sampleRate: NaN', () => stream({ sampleRate: NaN }), RangeError, /^sampleRate must be an integer in 1000\.\.768000, got NaN/],
  ['AudioStream sampleRate: string', () => stream({ sampleRate: '16000' }), TypeError, /^sampleRate must be a number.*got string "16000"/],
  ['AudioStream numChannels: 0', () => stream({ numChannels: 0 }), RangeError, /^numChannels must be an integer in 1\.\.32, got 0/],
  ['AudioStream numChannels: 33', () => stream({ numChannels: 33 }), RangeError, /^numChannels .*got 33/],
  ['AudioStream capacity: negative', () => stream({ capacity: -1 }), RangeError, /^capacity must be an integer >= 0, got -1/],
  ['AudioStream capacity: non-integer', () => stream({ capacity: 1.5 }), RangeError, /^capacity .*got 1\.5/],
  ['AudioStream frameSizeMs: 0', () => stream({ frameSizeMs: 0 }), RangeError, /^frameSizeMs must be > 0 and <= 10000 ms .*got 0/],
  ['AudioStream frameSizeMs: NaN', () => stream({ frameSizeMs: NaN }), RangeError, /^frameSizeMs .*got NaN/],
  ['AudioStream frameSizeMs: huge', () => stream({ frameSizeMs: 1e6 }), RangeError, /^frameSizeMs .*got 1000000/],
  ['AudioStream frameSizeMs: under one sample', () => stream({ sampleRate: 8000, frameSizeMs: 0.1 }), RangeError, /^frameSizeMs .*at least 1 sample per channel at 8000 Hz, got 0\.1/],
  ['AudioStream frameSizeMs: string', () => stream({ frameSizeMs: '10' }), TypeError, /^frameSizeMs must be a number .*got "10"/],
  ['AudioStream noiseCancellation: number', () => stream({ noiseCancellation: 5 }), TypeError, /^noiseCancellation must be a FrameProcessor .*got 5/],
  ['AudioStream noiseCancellation: unknown module', () => stream({ noiseCancellation: { moduleId: 'no-such-module' } }), RangeError, /^noiseCancellation\.moduleId "no-such-module" is not registered/],
  ['AudioStream noiseCancellation: empty module id', () => stream({ noiseCancellation: { moduleId: '' } }), TypeError, /^noiseCancellation\.moduleId must be a non-empty string, got ""/],
  ['AudioStream context: not a context', () => stream({ context: {} }), TypeError, /^options\.context must be an AudioContext .*got Object object/],
  ['AudioStream.fromTrack: number', () => AudioStream.fromTrack(5), TypeError, /^fromTrack takes \{ track, \.\.\.options \}, got 5/],
  ['AudioStream.fromTrack: no track', () => AudioStream.fromTrack({ sampleRate: 16000 }), TypeError, /^track must be .*got undefined/],
  ['AudioStream.fromParticipant: null', () => AudioStream.fromParticipant(null), TypeError, /^fromParticipant takes \{ participant, trackSource, \.\.\.options \}, got null/],
  ['AudioStream.fromParticipant: bad trackSource', () => AudioStream.fromParticipant({ participant: { trackPublications: new Map() }, trackSource: 9 }), RangeError, /^trackSource must be a TrackSource value \(0\.\.4\) or a livekit Track\.Source string, got 9/],
  ['AudioStream.fromParticipant: no such track', () => AudioStream.fromParticipant({ participant: { identity: 'bob', trackPublications: new Map() }, trackSource: 2 }), RangeError, /has no subscribed audio track with trackSource 2/],
  ['AudioFrameEvent: not a frame', () => new AudioFrameEvent(new Int16Array(2)), TypeError, /^frame must be an AudioFrame, got Int16Array object/],
  ['RemoteAudioTrack: not a track', () => new RemoteAudioTrack({}), TypeError, /^mediaStreamTrack must be a MediaStreamTrack, got Object object/],
  ['registerNoiseCancellation: empty id', () => registerNoiseCancellation('', () => ({})), TypeError, /^moduleId must be a non-empty string, got ""/],
  ['registerNoiseCancellation: factory not a function', () => registerNoiseCancellation('nc', 5), TypeError, /^factory must be a function returning a FrameProcessor, got 5/],
  // ManualClock (the test clock AudioSource accepts)
  ['ManualClock startMs: string', () => new ManualClock('0'), TypeError, /^startMs must be a number \(a finite number of ms\), got string "0"/],
  ['ManualClock startMs: NaN', () => new ManualClock(NaN), RangeError, /^startMs must be a finite number of ms, got NaN/],
  ['ManualClock.advance: string', () => new ManualClock().advance('10'), TypeError, /^ms must be a number \(a finite number >= 0\), got string "10"/],
  ['ManualClock.advance: negative', () => new ManualClock().advance(-1), RangeError, /^ms must be a finite number >= 0, got -1/],
  ['ManualClock.advance: Infinity', () => new ManualClock().advance(Infinity), RangeError, /^ms must be a finite number >= 0, got Infinity/],
  // The raw core (subpath ./core)
  ['instantiateAudioCore: undefined', () => instantiateAudioCore(), TypeError, /^wasmModule must be a WebAssembly\.Module, got \[object Undefined\]/],
  ['instantiateAudioCore: bytes', () => instantiateAudioCore(new Uint8Array(8)), TypeError, /^wasmModule must be a WebAssembly\.Module, got \[object Uint8Array\]/],
];

describe('bad-input matrix', () => {
  it('has the cases it claims', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(170);
    expect(new Set(CASES.map(([label]) => label)).size).toBe(CASES.length);
  });

  it.each(CASES)('%s', async (_, thunk, ErrorClass, message, afterwards) => {
    const ctx = {};
    let error;
    try {
      await thunk(ctx);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ErrorClass);
    expect(error.constructor).toBe(ErrorClass); // exactly, not a subclass such as a wasm RuntimeError
    expect(error.message).toMatch(message);
    // The object the call was made on is still usable.
    if (afterwards) await afterwards(ctx);
    // The library is still usable afterwards.
    const f = new AudioFrame(new Int16Array([1, -2, 3, -4]), 16000, 2, 2);
    expect(f.toWavBytes().length).toBe(52);
    expect(core.validateFrame(48000, 1, 1, 2)).toBe(0);
  });
});
