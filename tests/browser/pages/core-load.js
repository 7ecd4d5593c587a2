// Loads the package in a page, then the raw core inside an AudioWorklet. An external
// module (not inline) so the page also runs under a strict Content-Security-Policy.
const cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => cspViolations.push(`${e.violatedDirective}: ${e.blockedURI}`));
window.testResult = (async () => {
  const { AudioFrame, compileAudioCore, loadAudioCore } = await import('/js/index.js');
  const frame = new AudioFrame(new Int16Array([1, -2, 3, -4]), 16000, 2, 2);
  const pageWav = Array.from(frame.toWavBytes());
  let pageError = '';
  try {
    new AudioFrame(new Int16Array(2), 999, 1, 1);
  } catch (e) {
    pageError = `${e.name}: ${e.message}`;
  }
  const memoized = (await loadAudioCore()) === (await loadAudioCore());

  const ctx = new AudioContext({ sampleRate: 48000 });
  await ctx.audioWorklet.addModule('/tests/browser/pages/core-probe-processor.js');
  const module = await compileAudioCore();
  const node = new AudioWorkletNode(ctx, 'core-probe', { processorOptions: { module } });
  const worklet = await new Promise((resolve, reject) => {
    node.port.onmessage = (e) => resolve(e.data);
    node.onprocessorerror = (e) => reject(new Error(`processor error: ${e.message ?? e}`));
    setTimeout(() => reject(new Error(`no report from the worklet (context ${ctx.state})`)), 10000);
  });
  node.connect(ctx.destination);
  await ctx.close();
  return { crossOriginIsolated: self.crossOriginIsolated, pageWav, pageError, memoized, worklet, cspViolations };
})();
