/**
 * Loading the wasm core on the main thread (pages, workers, Node). The `.wasm` is
 * fetched (or read from disk in Node) and compiled once; the compiled module is kept so
 * it can be handed to AudioWorklets, which cannot fetch.
 */
import { instantiateAudioCore } from './core.js';

const WASM_URL = new URL('./generated/rtc_audio_core.wasm', import.meta.url);

/** @type {Promise<WebAssembly.Module> | undefined} */
let modulePromise;
/** @type {Promise<import('./core.js').AudioCore> | undefined} */
let corePromise;

async function readWasmBytes(url) {
  if (url.protocol === 'file:') {
    // Node (or any runtime that imports from disk): fetch() has no file: support there.
    const fsName = 'node:fs/promises';
    const { readFile } = await import(/* @vite-ignore */ fsName);
    return readFile(url);
  }
  const response = await fetch(url, { credentials: 'same-origin' });
  if (!response.ok) {
    throw new Error(`rtc-audio-wasm: fetching ${url.href} failed with HTTP ${response.status}`);
  }
  return response.arrayBuffer();
}

/**
 * Compiles the core's `.wasm` once and returns the `WebAssembly.Module` (memoized). Pass
 * it to an AudioWorkletNode in `processorOptions` and call `instantiateAudioCore()` from
 * `rtc-audio-wasm/core` inside the processor.
 * @returns {Promise<WebAssembly.Module>}
 */
export function compileAudioCore() {
  modulePromise ??= (async () => {
    if (WASM_URL.protocol !== 'file:' && typeof WebAssembly.compileStreaming === 'function') {
      const response = await fetch(WASM_URL, { credentials: 'same-origin' });
      if (!response.ok) {
        throw new Error(`rtc-audio-wasm: fetching ${WASM_URL.href} failed with HTTP ${response.status}`);
      }
      // compileStreaming needs the application/wasm MIME type; fall back to bytes otherwise.
      if ((response.headers.get('content-type') ?? '').startsWith('application/wasm')) {
        return WebAssembly.compileStreaming(response);
      }
      return WebAssembly.compile(await response.arrayBuffer());
    }
    return WebAssembly.compile(await readWasmBytes(WASM_URL));
  })();
  modulePromise.catch(() => {
    modulePromise = undefined; // let a later call retry (e.g. after a network error)
  });
  return modulePromise;
}

/**
 * Loads and instantiates the wasm core once (memoized): every call returns the same
 * promise, and the package's classes use this same instance.
 * @returns {Promise<import('./core.js').AudioCore>}
 */
export function loadAudioCore() {
  corePromise ??= compileAudioCore().then(instantiateAudioCore);
  corePromise.catch(() => {
    corePromise = undefined;
  });
  return corePromise;
}
