// A user's own AudioWorkletProcessor on the raw core (`rtc-audio-wasm/core`), bundled by
// Vite through `?worker&url` (the README's example): resamples its input's first channel
// to 16 kHz int16 with the core's resampler and posts each block to the main thread.
import { instantiateAudioCore, StatusCode, statusName } from 'rtc-audio-wasm/core';

const OUTPUT_RATE = 16000;
const MEDIUM = 2; // AudioResamplerQuality.MEDIUM

registerProcessor(
  'to-16k',
  class extends AudioWorkletProcessor {
    constructor(options) {
      super();
      const core = instantiateAudioCore(options.processorOptions.module); // synchronous, a few ms
      const resampler = new core.AudioResamplerCore();
      const status = resampler.create(sampleRate, OUTPUT_RATE, 1, MEDIUM, false);
      if (status !== StatusCode.OK) throw new RangeError(`resampler: ${statusName(status)}`);
      this.core = core;
      this.resampler = resampler;
      // Allocate once, up front: process() then never grows wasm memory.
      this.maxOut = resampler.maxOutputFrames(128);
      this.inPtr = core._malloc(128 * 4);
      this.outPtr = core._malloc(this.maxOut * 2);
    }

    process(inputs) {
      const input = inputs[0][0];
      if (!input) return true;
      const { core } = this;
      core.HEAPF32.set(input, this.inPtr >> 2);
      const frames = this.resampler.processF32ToS16(this.inPtr, input.length, this.outPtr, this.maxOut);
      if (frames > 0) this.port.postMessage(core.HEAP16.slice(this.outPtr >> 1, (this.outPtr >> 1) + frames));
      return true;
    }
  },
);
