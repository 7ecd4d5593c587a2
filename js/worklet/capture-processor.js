/**
 * CaptureProcessor (AudioWorkletGlobalScope): AudioStream's capture on the audio clock.
 *
 * Each render quantum, its input (a track's audio at the context's rate, any channel
 * count) goes through a CaptureRenderer (the core's CaptureEngine: remix + resample to
 * the stream's format, then cut into frames), and every whole frame is handed to the
 * main thread through a FrameSender (./capture-transport.js). Its partner on the main
 * thread is CaptureNode (./capture-node.js); they speak CaptureMessage
 * (./capture-protocol.js).
 *
 * The input's channel count is the track's: the engine is configured for it at the first
 * quantum and again if it changes (the only allocation after construction; the stream
 * position carries on). A jump in `currentFrame` (quanta the audio thread skipped) is a
 * gap: the renderer moves the stream index on by its duration.
 *
 * processorOptions: { module: WebAssembly.Module, outputRate, outputChannels,
 * frameSamples, inputChannels (a first guess), transport: FrameReceiver#init }
 */
import { instantiateAudioCore } from '../core.js';
import { CaptureRenderer } from './capture-renderer.js';
import { CAPTURE_PROCESSOR_NAME, CaptureMessage } from './capture-protocol.js';
import { FrameSender } from './capture-transport.js';

/** The largest render quantum handled (Web Audio's is 128 frames). */
const MAX_BLOCK_FRAMES = 2048;

class CaptureProcessor extends AudioWorkletProcessor {
  constructor(options) {
    super();
    const o = options.processorOptions;
    this.options = o;
    this.closed = false;
    this.renderer = null;
    this.expectedFrame = -1;
    try {
      this.core = instantiateAudioCore(o.module);
      this.sender = new FrameSender(o.transport, this.port);
      this.emit = (index, samples) => this.sender.send(index, samples);
      this.renderer = this.#makeRenderer(o.inputChannels, 0);
    } catch (e) {
      this.#fail(e);
    }
    this.port.onmessage = (event) => {
      const message = event.data;
      if (message?.type === CaptureMessage.CLOSE) this.#close();
      else this.sender?.handleMessage(message);
    };
  }

  #makeRenderer(inputChannels, startIndex) {
    const o = this.options;
    return new CaptureRenderer({
      core: this.core,
      inputRate: sampleRate, // the AudioWorkletGlobalScope's: the context's rate
      inputChannels,
      outputRate: o.outputRate,
      outputChannels: o.outputChannels,
      frameSamples: o.frameSamples,
      maxBlockFrames: MAX_BLOCK_FRAMES,
      emit: this.emit,
      startIndex,
    });
  }

  #fail(e) {
    this.renderer?.close();
    this.renderer = null;
    this.port.postMessage({ type: CaptureMessage.ERROR, message: `${e?.name ?? 'Error'}: ${e?.message ?? e}` });
  }

  #close() {
    if (this.closed) return;
    this.closed = true;
    this.renderer?.close();
    this.renderer = null;
    this.port.postMessage({ type: CaptureMessage.CLOSED, dropped: this.sender?.dropped ?? 0 });
  }

  process(inputs) {
    if (this.closed) return false;
    const renderer = this.renderer;
    if (!renderer) return true;
    const input = inputs[0] ?? [];
    const frames = input.length > 0 ? input[0].length : 128;
    if (frames > MAX_BLOCK_FRAMES) return true;
    if (input.length > 0 && input.length !== renderer.inputChannels) {
      try {
        this.renderer = this.#makeRenderer(input.length, renderer.nextFrameIndex);
        renderer.close();
      } catch (e) {
        this.#fail(e);
        return true;
      }
    }
    if (this.expectedFrame >= 0 && currentFrame > this.expectedFrame) this.renderer.gap(currentFrame - this.expectedFrame);
    this.expectedFrame = currentFrame + frames;
    this.renderer.processPlanar(input, frames);
    return true;
  }
}

registerProcessor(CAPTURE_PROCESSOR_NAME, CaptureProcessor);
