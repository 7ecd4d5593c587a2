// A user's own AudioWorkletProcessor on the raw core (`rtc-audio-wasm/core`), bundled by
// Vite through `?worker&url`: instantiates the core synchronously from the compiled module
// it is given and converts its first input to int16 WAV bytes in wasm.
import { instantiateAudioCore, StatusCode } from 'rtc-audio-wasm/core';

registerProcessor(
  'my-processor',
  class extends AudioWorkletProcessor {
    constructor(options) {
      super();
      this.core = instantiateAudioCore(options.processorOptions.module);
      this.reported = false;
    }

    process() {
      if (!this.reported) {
        this.reported = true;
        this.port.postMessage({
          valid: this.core.validateFrame(48000, 1, 128, 256) === StatusCode.OK,
          badRate: this.core.validateFrame(999, 1, 128, 256) === StatusCode.INVALID_SAMPLE_RATE,
        });
      }
      return true;
    }
  },
);
