// The page of the fresh Vite app built by tests/browser/package-app.test.js: the installed
// package, imported by its name, with no bundler configuration. A 1 kHz tone goes through
// AudioSource and its LocalAudioTrack and is read back by an AudioStream at 16 kHz, and a
// processor of the app's own runs the raw core (`rtc-audio-wasm/core`).
import { AudioFrame, AudioSource, AudioStream, LocalAudioTrack, compileAudioCore } from 'rtc-audio-wasm';
import processorUrl from './my-processor.js?worker&url';

const RATE = 48000;
const STREAM_RATE = 16000;
const TONE_HZ = 1000;

window.testResult = (async () => {
  const context = new AudioContext({ sampleRate: RATE });
  await context.resume();
  const source = new AudioSource(RATE, 1, { context }); // the default 1 s queue
  const track = LocalAudioTrack.createAudioTrack('tone', source);
  const stream = new AudioStream(track, { sampleRate: STREAM_RATE, numChannels: 1, context });

  const frame = AudioFrame.create(RATE, 1, RATE / 50);
  let phase = 0;
  let running = true;
  const producing = (async () => {
    while (running) {
      for (let i = 0; i < frame.samplesPerChannel; i++) {
        frame.data[i] = Math.round(16000 * Math.sin(phase));
        phase += (2 * Math.PI * TONE_HZ) / RATE;
      }
      await source.captureFrame(frame);
    }
  })();

  // Read one second of frames after the tone's onset.
  const received = [];
  let frames = 0;
  let samplesPerChannel = 0;
  for await (const { frame: f } of stream) {
    frames += 1;
    samplesPerChannel = f.samplesPerChannel;
    if (received.length === 0 && !f.data.some((v) => Math.abs(v) > 4000)) continue;
    received.push(...f.data);
    if (received.length >= STREAM_RATE) break;
  }
  running = false;
  const stats = source.stats;
  let crossings = 0;
  let peak = 0;
  for (let i = 1600; i < received.length; i++) {
    if (received[i - 1] < 0 && received[i] >= 0) crossings += 1;
    peak = Math.max(peak, Math.abs(received[i]) / 32768);
  }

  // The app's own processor on the raw core: a 1 kHz oscillator in, 16 kHz int16 out.
  await context.audioWorklet.addModule(processorUrl);
  const mine = new AudioWorkletNode(context, 'to-16k', { processorOptions: { module: await compileAudioCore() } });
  const oscillator = new OscillatorNode(context, { frequency: TONE_HZ });
  oscillator.connect(mine);
  mine.connect(context.destination);
  oscillator.start();
  const resampled = await new Promise((resolve) => {
    const got = [];
    mine.port.onmessage = ({ data }) => {
      got.push(...data);
      if (got.length >= STREAM_RATE / 2) resolve(got);
    };
  });
  oscillator.stop();
  mine.disconnect();
  let customCrossings = 0;
  for (let i = 801; i < resampled.length; i++) if (resampled[i - 1] < 0 && resampled[i] >= 0) customCrossings += 1;
  const customProcessor = { frequency: (customCrossings * STREAM_RATE) / (resampled.length - 801) };

  await stream.aclose();
  await source.aclose();
  await producing.catch(() => {}); // the last capture is rejected by aclose()
  track.stop();
  await context.close();
  return {
    crossOriginIsolated: self.crossOriginIsolated,
    transport: stats.transport,
    underruns: stats.underruns,
    samplesPerChannel,
    frequency: (crossings * STREAM_RATE) / (received.length - 1600),
    peak,
    customProcessor,
  };
})();
