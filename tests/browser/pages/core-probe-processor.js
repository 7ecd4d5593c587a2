// An AudioWorkletProcessor that instantiates the wasm core from the compiled module
// passed in processorOptions (AudioWorkletGlobalScope has no fetch/URL/TextDecoder), uses
// it, and posts what it saw back to the page.
import { instantiateAudioCore, StatusCode } from '../../../js/core.js';

class CoreProbeProcessor extends AudioWorkletProcessor {
  constructor(options) {
    super();
    this.calls = 0;
    const report = { scope: {} };
    for (const name of ['fetch', 'URL', 'TextDecoder', 'performance', 'setTimeout']) {
      report.scope[name] = typeof globalThis[name] !== 'undefined';
    }
    try {
      const core = instantiateAudioCore(options.processorOptions.module);
      report.instantiated = true;
      report.validOk = core.validateFrame(48000, 2, 480, 1920) === StatusCode.OK;
      report.badRate = core.validateFrame(999, 2, 480, 1920);
      // Encode the SPEC's 4-sample stereo example inside the worklet.
      const ptr = core._malloc(52);
      core.HEAP16.set([1, -2, 3, -4], (ptr + 44) >> 1);
      report.encodeStatus = core.encodeWav(ptr + 44, 4, 16000, 2, ptr, 52);
      report.wav = Array.from(core.HEAPU8.subarray(ptr, ptr + 52));
      core._free(ptr);
      this.core = core;
    } catch (e) {
      report.error = String(e && e.stack ? e.stack : e);
    }
    this.report = report;
  }

  process(inputs, outputs) {
    // Prove the processor runs on the audio clock with the core loaded.
    this.calls += 1;
    if (this.calls === 10) {
      this.report.processCalls = this.calls;
      this.report.quantumFrames = outputs[0][0].length;
      this.port.postMessage(this.report);
    }
    return this.calls < 10;
  }
}

registerProcessor('core-probe', CoreProbeProcessor);
