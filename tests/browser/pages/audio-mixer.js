// AudioMixer in a real page: mixing, re-blocking, channel conversion, a stream that times
// out (real timers, short timeout), endInput, aclose, a resampled input, and the SIMD kernel's parity with the
// scalar one in the browser's wasm engine.
window.testResult = (async () => {
  const { AudioFrame, AudioMixer, loadAudioCore } = await import('/js/index.js');
  const constant = (value, n, ch = 1) => new AudioFrame(new Int16Array(n * ch).fill(value), 48000, ch, n);
  async function* list(frames) {
    for (const f of frames) yield f;
  }
  async function collect(mixer) {
    const out = [];
    for await (const f of mixer) out.push(f);
    return out;
  }

  // 100 (mono, 480-sample frames) + 200 (stereo, 320-sample frames, down-mixed) into
  // 720-sample mono blocks.
  const mixer = new AudioMixer(48000, 1, { blocksize: 720 });
  mixer.addStream(list(Array.from({ length: 6 }, () => constant(100, 480))));
  mixer.addStream(list(Array.from({ length: 9 }, () => ({ frame: constant(200, 320, 2) }))));
  mixer.endInput();
  const frames = await collect(mixer);
  const sums = frames.map((f) => [f.samplesPerChannel, ...new Set(f.data)]);

  // A stream that never delivers: zeros for it after 20 ms, the other continues.
  const stalled = { [Symbol.asyncIterator]: () => ({ next: () => new Promise(() => {}) }) };
  const timed = new AudioMixer(48000, 1, { blocksize: 480, streamTimeoutMs: 20 });
  timed.addStream(stalled);
  timed.addStream(list([constant(7, 480), constant(7, 480)]));
  const it = timed[Symbol.asyncIterator]();
  const timedOut = [...new Set((await it.next()).value.data), ...new Set((await it.next()).value.data)];
  const waiting = it.next();
  await timed.aclose();
  const afterClose = await waiting;

  // A 16 kHz input resampled by the core: 1600 samples -> exactly 4800 at 48 kHz.
  const resampling = new AudioMixer(48000, 1, { blocksize: 480 });
  resampling.addStream(list(Array.from({ length: 10 }, () => new AudioFrame(new Int16Array(160).fill(1000), 16000, 1, 160))));
  resampling.endInput();
  const resampled = (await collect(resampling)).flatMap((f) => Array.from(f.data));
  const resampledCount = resampled.length;
  const resampledMiddle = resampled[2400];

  // Kernel parity: 3 inputs x 1001 samples, loud enough to saturate.
  const core = await loadAudioCore();
  const n = 1001;
  const inputs = [0, 1, 2].map((k) => Int16Array.from({ length: n }, (_, i) => ((i * 7919 + k * 104729) % 65536) - 32768));
  const base = core._malloc(3 * 8 + 3 * n * 2 + n * 2 + 8);
  const outPtr = base + 24 + 3 * n * 2;
  inputs.forEach((input, k) => {
    const ptr = base + 24 + k * n * 2;
    core.HEAP16.set(input, ptr / 2);
    core.HEAPU32[base / 4 + 2 * k] = ptr;
    core.HEAPU32[base / 4 + 2 * k + 1] = n;
  });
  core.mixS16Simd(base, 3, outPtr, n);
  const simd = core.HEAP16.slice(outPtr / 2, outPtr / 2 + n);
  core.mixS16Scalar(base, 3, outPtr, n);
  const scalar = core.HEAP16.slice(outPtr / 2, outPtr / 2 + n);
  core._free(base);
  const expected = Array.from({ length: n }, (_, i) => Math.max(-32768, Math.min(32767, inputs[0][i] + inputs[1][i] + inputs[2][i])));

  return {
    crossOriginIsolated: self.crossOriginIsolated,
    sums,
    timedOut,
    afterClose,
    resampledCount,
    resampledMiddle,
    simdMatches: simd.every((v, i) => v === expected[i]),
    scalarMatches: scalar.every((v, i) => v === expected[i]),
  };
})();
