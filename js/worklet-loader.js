/**
 * Loads the package's AudioWorklet processors into an AudioContext, once per context,
 * together with the compiled wasm core the processors instantiate.
 *
 * The processors ship as one self-contained module, js/generated/worklet-processors.js
 * (built by scripts/build.sh: the processors and the wasm glue bundled with esbuild), and
 * are found with `new URL(..., import.meta.url)`, which bundlers such as Vite recognise
 * and copy, so no configuration is needed in an app. Shared by every worklet-backed class
 * (AudioSource's PlayoutNode, AudioStream's capture node).
 */
import { compileAudioCore } from './core-loader.js';

const WORKLET_URL = new URL('./generated/worklet-processors.js', import.meta.url);

/** @type {WeakMap<BaseAudioContext, Promise<WebAssembly.Module>>} */
const loaded = new WeakMap();

/**
 * Adds the processors to `context.audioWorklet` (once per context) and compiles the core
 * (once per page). Resolves with the compiled module to pass in `processorOptions`.
 * @param {BaseAudioContext} context
 * @returns {Promise<WebAssembly.Module>}
 */
export function loadWorkletProcessors(context) {
  let promise = loaded.get(context);
  if (!promise) {
    promise = Promise.all([context.audioWorklet.addModule(WORKLET_URL.href), compileAudioCore()]).then(([, module]) => module);
    loaded.set(context, promise);
    promise.catch(() => loaded.delete(context)); // a later call may retry
  }
  return promise;
}
