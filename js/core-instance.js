// The package's own core instance. Importing the package waits (top-level await) until the
// wasm is compiled and instantiated, so every class can call the core synchronously.
import { loadAudioCore } from './core-loader.js';

/** @type {import('./core.js').AudioCore} */
export const core = await loadAudioCore();
