// The page of the fresh Vite app built by tests/browser/package-app.test.js: the installed
// package, imported by its name, with no bundler configuration. A 1 kHz tone goes through
// AudioSource and its LocalAudioTrack and is read back on the same AudioContext, and a
// processor of the app's own runs the raw core (`rtc-audio-wasm/core`).
import { AudioFrame, AudioSource, LocalAudioTrack, compileAudioCore } from 'rtc-audio-wasm';
import processorUrl from './my-processor.js?worker&url';

const RATE = 48000;
const TONE_HZ = 1000;

window.testResult = (async () => {
  const context = new AudioContext({ sampleRate: RATE });
  await context.resume();
  // A generous queue: the check is about packaging, and the test machine may be loaded.
  const source = new AudioSource(RATE, 1, { queueSizeMs: 500, context });
  const track = LocalAudioTrack.createAudioTrack('tone', source);
  const analyser = context.createAnalyser();
  analyser.fftSize = 8192;
  context.createMediaStreamSource(new MediaStream([track.mediaStreamTrack])).connect(analyser);

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
  await new Promise((resolve) => setTimeout(resolve, 1000));

  const x = new Float32Array(analyser.fftSize);
  analyser.getFloatTimeDomainData(x);
  let crossings = 0;
  let peak = 0;
  for (let i = 1; i < x.length; i++) {
    if (x[i - 1] < 0 && x[i] >= 0) crossings += 1;
    peak = Math.max(peak, Math.abs(x[i]));
  }
  running = false;
  const stats = source.stats;

  await context.audioWorklet.addModule(processorUrl);
  const mine = new AudioWorkletNode(context, 'my-processor', { processorOptions: { module: await compileAudioCore() } });
  mine.connect(context.destination);
  const customProcessor = await new Promise((resolve) => {
    mine.port.onmessage = ({ data }) => resolve(data);
  });
  mine.disconnect();

  await source.aclose();
  await producing.catch(() => {}); // the last capture is rejected by aclose()
  track.stop();
  await context.close();
  return {
    crossOriginIsolated: self.crossOriginIsolated,
    transport: stats.transport,
    underruns: stats.underruns,
    frequency: (crossings * RATE) / x.length,
    peak,
    customProcessor,
  };
})();
