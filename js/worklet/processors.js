/**
 * The AudioWorklet module: every processor the package registers. scripts/build.sh
 * bundles this file with the wasm glue into js/generated/worklet-processors.js, one
 * self-contained module that `audioWorklet.addModule()` loads (js/worklet-loader.js).
 */
import './playout-processor.js';
import './capture-processor.js';
