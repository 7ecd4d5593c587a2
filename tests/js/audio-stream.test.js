// AudioStream in Node: a stream on a LocalAudioTrack taps its AudioSource's paced output
// (played on a ManualClock), so every SPEC.md "AudioStream" rule runs here through the
// real conversion (the core's CaptureEngine) and framing. The browser side is
// tests/browser/audio-stream.test.js.
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  AudioFrame,
  AudioFrameEvent,
  AudioResampler,
  AudioSource,
  AudioStream,
  LocalAudioTrack,
  ManualClock,
  NoiseCancellationOptions,
  RemoteAudioTrack,
  TrackSource,
  registerNoiseCancellation,
} from '../../js/index.js';

const open = [];
afterEach(async () => {
  for (const s of open.splice(0)) await s.aclose();
});

/** A source on a ManualClock and its track. */
function setup(rate, channels, queueSizeMs = 1000) {
  const clock = new ManualClock();
  const source = new AudioSource(rate, channels, { clock, queueSizeMs });
  open.push(source);
  const track = LocalAudioTrack.createAudioTrack('t', source);
  return { clock, source, track };
}

function stream(track, options) {
  const s = new AudioStream(track, options);
  open.push(s);
  return s;
}

/** Interleaved int16 frame whose sample (i, c) is f(i, c). */
function frameOf(rate, channels, frames, f, offset = 0) {
  const data = new Int16Array(frames * channels);
  for (let i = 0; i < frames; i++) for (let c = 0; c < channels; c++) data[i * channels + c] = f(offset + i, c);
  return new AudioFrame(data, rate, channels, frames);
}

/** Reads every event until the end. */
async function drain(s) {
  const events = [];
  for await (const event of s) events.push(event);
  return events;
}

/** Plays `ms` of audio from `f` through the source (20 ms frames) and lets the clock run `ms + extraMs`. */
async function play({ clock, source }, ms, f, extraMs = 0) {
  const rate = source.sampleRate;
  const n = Math.round((rate * 20) / 1000);
  for (let t = 0; t < ms; t += 20) source.captureFrame(frameOf(rate, source.numChannels, n, f, (t / 20) * n));
  await clock.advance(ms + extraMs);
}

const noise = (i, c) => ((i * 7919 + c * 104729) % 60001) - 30000;

describe('AudioStream frames (Node, tapping a LocalAudioTrack)', () => {
  it('defaults: 48 kHz mono, 10 ms frames of 480 samples, AudioFrameEvents with the first sample index', async () => {
    const ctx = setup(48000, 1);
    const s = stream(ctx.track);
    expect([s.sampleRate, s.numChannels, s.frameSizeMs, s.samplesPerChannel, s.capacity]).toEqual([48000, 1, 10, 480, 0]);
    await play(ctx, 100, noise);
    ctx.track.stop();
    const events = await drain(s);
    expect(events.length).toBeGreaterThanOrEqual(10);
    events.forEach((e, k) => {
      expect(e).toBeInstanceOf(AudioFrameEvent);
      expect(e.frame).toBeInstanceOf(AudioFrame);
      expect([e.frame.sampleRate, e.frame.numChannels, e.frame.samplesPerChannel]).toEqual([48000, 1, 480]);
      expect(e.frame.userdata.index).toBe(k * 480);
    });
    // Same format: the samples are the source's, bit for bit.
    const got = Int16Array.from(events.slice(0, 10).flatMap((e) => Array.from(e.frame.data)));
    expect(got).toEqual(frameOf(48000, 1, 4800, noise).data);
    expect(s.stats).toMatchObject({ framesReceived: events.length, framesDropped: 0, missedSamples: 0, transport: 'local' });
  });

  it('stereo -> mono averages (ties to even), mono -> stereo duplicates', async () => {
    const a = setup(16000, 2);
    const mono = stream(a.track, { sampleRate: 16000, numChannels: 1 });
    await play(a, 40, noise);
    a.track.stop();
    const m = (await drain(mono)).slice(0, 4).flatMap((e) => Array.from(e.frame.data));
    const expected = Array.from({ length: 640 }, (_, i) => {
      const avg = (noise(i, 0) + noise(i, 1)) / 2;
      const r = Math.round(avg);
      return Math.abs(avg % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r; // ties to even
    });
    expect(m).toEqual(expected);

    const b = setup(16000, 1);
    const stereo = stream(b.track, { sampleRate: 16000, numChannels: 2 });
    await play(b, 40, noise);
    b.track.stop();
    const events = (await drain(stereo)).slice(0, 4);
    events.forEach((e) => expect(e.frame.numChannels).toBe(2));
    const st = events.flatMap((e) => Array.from(e.frame.data));
    for (let i = 0; i < 640; i++) {
      expect(st[2 * i]).toBe(noise(i, 0));
      expect(st[2 * i + 1]).toBe(noise(i, 0));
    }
  });

  it.each([
    [48000, 25, 1200],
    [44100, 15, 661],
    [16000, 10, 160],
    [8000, 0.5, 4],
  ])('at %i Hz, %f ms frames have floor(rate x ms / 1000) = %i samples per channel, contiguous indices', async (rate, ms, spc) => {
    const ctx = setup(48000, 1);
    const s = stream(ctx.track, { sampleRate: rate, frameSizeMs: ms });
    expect(s.samplesPerChannel).toBe(spc);
    await play(ctx, 200, noise);
    ctx.track.stop();
    const events = await drain(s);
    expect(events.length).toBeGreaterThan(0);
    events.forEach((e, k) => {
      expect(e.frame.samplesPerChannel).toBe(spc);
      expect(e.frame.sampleRate).toBe(rate);
      expect(e.frame.userdata.index).toBe(k * spc);
    });
    // Every whole frame of the converted output, no more: 210 ms tapped (the last step
    // is silence after the queue ran dry), less the resampler's look-ahead.
    const converted = Math.round((210 * rate) / 1000);
    const resampler = new AudioResampler(48000, rate);
    const lookAhead = Math.ceil(resampler.latency * rate) + 1;
    resampler.close();
    expect(events.length).toBeLessThanOrEqual(Math.floor(converted / spc));
    expect(events.length).toBeGreaterThanOrEqual(Math.floor((converted - lookAhead) / spc));
  });

  it('resamples in the core: a 16 kHz mono tone read at 24 kHz stereo keeps its frequency and level', async () => {
    const ctx = setup(16000, 1);
    const s = stream(ctx.track, { sampleRate: 24000, numChannels: 2, frameSizeMs: 20 });
    const tone = (i) => Math.round(12000 * Math.sin((2 * Math.PI * 440 * i) / 16000) + 6000 * Math.sin((2 * Math.PI * 1250 * i) / 16000));
    await play(ctx, 1000, tone);
    ctx.track.stop();
    const events = await drain(s);
    expect(events.every((e) => e.frame.samplesPerChannel === 480)).toBe(true);
    const left = [];
    for (const e of events) {
      for (let i = 0; i < 480; i++) {
        expect(e.frame.data[2 * i]).toBe(e.frame.data[2 * i + 1]);
        left.push(e.frame.data[2 * i]);
      }
    }
    // Compare with the ideal 24 kHz signal over the steady part: error far below the signal.
    const ideal = (i) => 12000 * Math.sin((2 * Math.PI * 440 * i) / 24000) + 6000 * Math.sin((2 * Math.PI * 1250 * i) / 24000);
    let err = 0;
    let sig = 0;
    for (let i = 2400; i < 21600; i++) {
      err += (left[i] - ideal(i)) ** 2;
      sig += ideal(i) ** 2;
    }
    expect(10 * Math.log10(sig / err)).toBeGreaterThan(60);
  });
});

describe('AudioStream capacity and end of stream', () => {
  it('capacity: a slow consumer gets the newest frames; the oldest are dropped and counted', async () => {
    const ctx = setup(48000, 1);
    const s = stream(ctx.track, { capacity: 2 });
    await play(ctx, 100, noise); // 11 frames captured (the last step is silence), none read
    expect(s.stats.framesReceived).toBe(11);
    expect(s.dropped).toBe(9);
    expect(s.stats.framesBuffered).toBe(2);
    const a = await s.next();
    const b = await s.next();
    expect([a.value.frame.userdata.index, b.value.frame.userdata.index]).toEqual([9 * 480, 10 * 480]);
    // Capacity 0: unbounded.
    const ctx2 = setup(48000, 1);
    const unbounded = stream(ctx2.track);
    await play(ctx2, 100, noise);
    expect(unbounded.dropped).toBe(0);
    expect(unbounded.stats.framesBuffered).toBe(11);
  });

  it('the iteration ends when the track stops, after the buffered frames; a partial last frame is not emitted', async () => {
    const ctx = setup(48000, 1);
    const s = stream(ctx.track, { frameSizeMs: 15 });
    await play(ctx, 20, noise); // 30 ms tapped: 20 ms of audio, a 10 ms step of silence
    const waiting = s.next();
    expect((await waiting).value.frame.userdata.index).toBe(0);
    ctx.track.stop();
    const rest = await drain(s);
    expect(rest.map((e) => e.frame.userdata.index)).toEqual([720]);
    expect(await s.next()).toEqual({ value: undefined, done: true });
    // The source plays on, but the stream took nothing more.
    await play(ctx, 40, noise);
    expect(s.stats.framesReceived).toBe(2);
  });

  it('aclose() ends the iteration after the frames already buffered; a waiting reader wakes', async () => {
    const ctx = setup(48000, 1);
    const s = stream(ctx.track);
    await play(ctx, 30, noise); // 4 frames
    await s.aclose();
    await s.aclose(); // idempotent
    const events = await drain(s);
    expect(events).toHaveLength(4);
    const idle = stream(setup(48000, 1).track);
    const pending = idle.next();
    await idle.aclose();
    expect(await pending).toEqual({ value: undefined, done: true });
  });

  it('closing the source ends the stream; a stream on a closed source is empty', async () => {
    const ctx = setup(48000, 1);
    const s = stream(ctx.track);
    await play(ctx, 20, noise);
    await ctx.source.aclose();
    expect((await drain(s)).length).toBe(3);
    expect(await drain(stream(ctx.track))).toEqual([]);
  });

  it('break in for await closes the stream', async () => {
    const ctx = setup(48000, 1);
    const s = stream(ctx.track);
    await play(ctx, 50, noise);
    for await (const event of s) {
      expect(event.frame.samplesPerChannel).toBe(480);
      break;
    }
    expect(await s.next()).toEqual({ value: undefined, done: true });
  });
});

describe('AudioStream noise cancellation (FrameProcessor)', () => {
  const negate = (frame) => new AudioFrame(frame.data.map((v) => -v), frame.sampleRate, frame.numChannels, frame.samplesPerChannel);

  it('applies an enabled processor, skips a disabled one, closes it on aclose()', async () => {
    const ctx = setup(48000, 1);
    const processor = { enabled: true, process: vi.fn(negate), close: vi.fn() };
    const s = stream(ctx.track, { noiseCancellation: processor });
    await play(ctx, 20, () => 1000);
    processor.enabled = false;
    await play(ctx, 20, () => 1000);
    ctx.track.stop();
    const events = await drain(s);
    expect(events[0].frame.data[0]).toBe(-1000);
    expect(events[1].frame.data[0]).toBe(-1000);
    expect(events.slice(3).every((e) => e.frame.data[0] >= 0)).toBe(true);
    expect(processor.process).toHaveBeenCalledTimes(3);
    expect(processor.close).toHaveBeenCalledOnce();
  });

  it('a throwing processor passes the original frames and reports the error once', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const ctx = setup(48000, 1);
    const failure = new Error('nc broke');
    const s = stream(ctx.track, { noiseCancellation: { enabled: true, process: () => { throw failure; }, close() {} } });
    await play(ctx, 50, () => 1234);
    ctx.track.stop();
    const events = await drain(s);
    expect(events.length).toBe(6);
    expect(events.slice(0, 5).every((e) => e.frame.data.every((v) => v === 1234))).toBe(true);
    expect(s.processorError).toBe(failure);
    expect(s.stats.processorErrors).toBe(6);
    expect(warn).toHaveBeenCalledOnce();
    warn.mockRestore();
  });

  it('NoiseCancellationOptions resolve through registerNoiseCancellation; an unknown moduleId is a RangeError at construction', async () => {
    const close = vi.fn();
    registerNoiseCancellation('stream-test-nc', (options) => ({ enabled: true, process: (f) => (options.mute ? AudioFrame.create(f.sampleRate, f.numChannels, f.samplesPerChannel) : f), close }));
    const ctx = setup(48000, 1);
    const s = stream(ctx.track, { noiseCancellation: new NoiseCancellationOptions('stream-test-nc', { mute: true }) });
    await play(ctx, 20, () => 999);
    ctx.track.stop();
    const events = await drain(s);
    expect(events.every((e) => e.frame.data.every((v) => v === 0))).toBe(true);
    expect(close).toHaveBeenCalledOnce();
    expect(() => new AudioStream(ctx.track, { noiseCancellation: new NoiseCancellationOptions('not-registered') })).toThrow(RangeError);
    expect(() => new AudioStream(ctx.track, { noiseCancellation: { moduleId: 'not-registered' } })).toThrow(/"not-registered" is not registered/);
    expect(() => new AudioStream(ctx.track, { noiseCancellation: 'krisp' })).toThrow(TypeError);
  });
});

describe('AudioStream arguments and inputs', () => {
  it('validates options with errors that name the parameter', () => {
    const { track } = setup(48000, 1);
    expect(() => new AudioStream(track, { sampleRate: 999 })).toThrow(/sampleRate must be an integer in 1000\.\.768000, got 999/);
    expect(() => new AudioStream(track, { sampleRate: '48000' })).toThrow(TypeError);
    expect(() => new AudioStream(track, { numChannels: 0 })).toThrow(RangeError);
    expect(() => new AudioStream(track, { numChannels: 33 })).toThrow(/numChannels/);
    expect(() => new AudioStream(track, { capacity: -1 })).toThrow(/capacity must be an integer >= 0, got -1/);
    expect(() => new AudioStream(track, { capacity: 1.5 })).toThrow(RangeError);
    expect(() => new AudioStream(track, { frameSizeMs: 0 })).toThrow(RangeError);
    expect(() => new AudioStream(track, { frameSizeMs: 0.01, sampleRate: 8000 })).toThrow(/at least 1 sample/);
    expect(() => new AudioStream(track, { frameSizeMs: '10' })).toThrow(TypeError);
    expect(() => new AudioStream(track, null)).toThrow(TypeError);
    expect(() => new AudioStream(track, { context: {} })).toThrow(/options.context/);
    expect(() => new AudioStream({}, {})).toThrow(/track must be a MediaStreamTrack/);
    expect(() => new AudioStream(null)).toThrow(TypeError);
    expect(() => new AudioStream({ mediaStreamTrack: null })).toThrow(/track.mediaStreamTrack must be a MediaStreamTrack/);
  });

  it('a MediaStreamTrack needs Web Audio: in Node it is a TypeError (RemoteAudioTrack wraps one)', () => {
    const fake = { kind: 'audio', readyState: 'live', id: 'abc', label: 'mic', stop() {}, addEventListener() {}, removeEventListener() {} };
    const remote = new RemoteAudioTrack(fake, { source: TrackSource.SOURCE_MICROPHONE });
    expect([remote.kind, remote.sid, remote.name, remote.source, remote.mediaStreamTrack]).toEqual([1, 'abc', 'mic', 2, fake]);
    expect(() => new AudioStream(remote)).toThrow(/needs Web Audio/);
    expect(() => new AudioStream({ mediaStreamTrack: fake })).toThrow(/needs Web Audio/);
    expect(() => new AudioStream({ ...fake, kind: 'video' })).toThrow(/audio track, got a video/);
    expect(() => new RemoteAudioTrack({ ...fake, kind: 'video' })).toThrow(TypeError);
    expect(() => new RemoteAudioTrack(fake, { source: 9 })).toThrow(RangeError);
    expect(() => new RemoteAudioTrack('track')).toThrow(TypeError);
  });

  it('fromTrack({ track, ...options }) and fromParticipant({ participant, trackSource, ...options })', async () => {
    const ctx = setup(16000, 1);
    const s = AudioStream.fromTrack({ track: ctx.track, sampleRate: 16000, frameSizeMs: 20 });
    open.push(s);
    expect(s.samplesPerChannel).toBe(320);
    const camera = { kind: 'video', source: 'camera', track: {} };
    const participant = {
      identity: 'alice',
      trackPublications: new Map([
        ['TR_v', camera],
        ['TR_a', { kind: 'audio', source: 'microphone', track: ctx.track }],
      ]),
    };
    const p = AudioStream.fromParticipant({ participant, trackSource: TrackSource.SOURCE_MICROPHONE, sampleRate: 8000 });
    open.push(p);
    const q = AudioStream.fromParticipant({ participant, trackSource: 'microphone' });
    open.push(q);
    await play(ctx, 20, noise);
    expect((await p.next()).value.frame.sampleRate).toBe(8000);
    expect((await q.next()).value.frame.sampleRate).toBe(48000);
    expect(() => AudioStream.fromParticipant({ participant, trackSource: TrackSource.SOURCE_SCREENSHARE_AUDIO })).toThrow(/alice has no subscribed audio track/);
    const unsubscribed = { identity: 'bob', audioTrackPublications: new Map([['TR', { source: 'microphone', track: undefined }]]) };
    expect(() => AudioStream.fromParticipant({ participant: unsubscribed, trackSource: 'microphone' })).toThrow(RangeError);
    expect(() => AudioStream.fromParticipant({ participant, trackSource: 7 })).toThrow(RangeError);
    expect(() => AudioStream.fromParticipant({ participant: {}, trackSource: 2 })).toThrow(TypeError);
  });
});
