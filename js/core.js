/**
 * The raw core, usable anywhere -- including inside `AudioWorkletGlobalScope`, which has
 * no `fetch`, `URL`, `TextDecoder` or `performance`. This module never fetches: you hand
 * it a compiled `WebAssembly.Module` (compile it on the main thread with
 * `compileAudioCore()` and pass it in `processorOptions`).
 *
 * @module rtc-audio-wasm/core
 */
import createRtcAudioCore from './generated/rtc_audio_core.js';

export { StatusCode, statusName } from './core-status.js';
export { SpscRing } from './spsc-ring.js';

/**
 * Instantiates the core synchronously from a compiled module. Safe to call from an
 * AudioWorkletProcessor constructor (a few milliseconds; no I/O).
 *
 * @param {WebAssembly.Module} wasmModule the result of `compileAudioCore()`
 * @returns {AudioCore} the embind module: the functions and classes of wasm/bindings.cc
 *   plus `_malloc`, `_free` and the `HEAP*` views (re-read them after any call that may
 *   allocate: memory can grow)
 */
export function instantiateAudioCore(wasmModule) {
  if (!(wasmModule instanceof WebAssembly.Module)) {
    throw new TypeError(
      `wasmModule must be a WebAssembly.Module, got ${Object.prototype.toString.call(wasmModule)}`,
    );
  }
  const core = {
    // The glue never fetches: it gets the compiled module through instantiateWasm.
    locateFile: (path) => path,
    instantiateWasm(imports, receiveInstance) {
      const instance = new WebAssembly.Instance(wasmModule, imports);
      receiveInstance(instance, wasmModule);
      return instance.exports;
    },
    printErr: (text) => console.error(`[rtc-audio-wasm] ${text}`),
  };
  // With a synchronous instantiateWasm hook the glue runs to completion before it
  // returns, filling `core` in place; the returned promise only mirrors that.
  createRtcAudioCore(core).catch(() => {});
  if (!core.calledRun) throw new Error('rtc-audio-wasm core failed to start');
  return core;
}

/**
 * @typedef {object} AudioCore
 * The instantiated wasm core. Its shape is documented in core.d.ts.
 */
