import type { AudioCore } from './core.js';

/** Compiles the core's .wasm once (memoized); hand the module to AudioWorklets via processorOptions. */
export declare function compileAudioCore(): Promise<WebAssembly.Module>;
/** Loads and instantiates the wasm core once (memoized); the package's classes share this instance. */
export declare function loadAudioCore(): Promise<AudioCore>;
