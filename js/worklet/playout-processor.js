/**
 * PlayoutProcessor (AudioWorkletGlobalScope): AudioSource's playout on the audio clock.
 *
 * It instantiates its own wasm core from the compiled module in `processorOptions`
 * (the scope cannot fetch), builds a PlayoutRenderer (engine + transport reader) and
 * renders one quantum per process() call, forever (a live track carries silence while
 * the queue is empty) until PlayoutNode sends CLOSE. Its partner on the main thread is
 * PlayoutNode (./playout-node.js); they speak PlayoutMessage (./protocol.js).
 *
 * processorOptions: { module: WebAssembly.Module, sourceRate, sourceChannels,
 * outputChannels, transport: TransportWriter#init, driftControl }
 */
import { instantiateAudioCore } from '../core.js';
import { PlayoutRenderer } from './playout-renderer.js';
import { PLAYOUT_PROCESSOR_NAME, PlayoutMessage } from './protocol.js';

class PlayoutProcessor extends AudioWorkletProcessor {
  constructor(options) {
    super();
    const o = options.processorOptions;
    this.closed = false;
    this.renderer = null;
    try {
      this.renderer = new PlayoutRenderer({
        core: instantiateAudioCore(o.module),
        sourceRate: o.sourceRate,
        sourceChannels: o.sourceChannels,
        outputRate: sampleRate, // the AudioWorkletGlobalScope's: the context's rate
        outputChannels: o.outputChannels,
        transport: o.transport,
        port: this.port,
        driftControl: o.driftControl,
      });
    } catch (e) {
      this.port.postMessage({ type: PlayoutMessage.ERROR, message: `${e?.name ?? 'Error'}: ${e?.message ?? e}` });
    }
    this.port.onmessage = (event) => {
      if (event.data?.type === PlayoutMessage.CLOSE) {
        this.closed = true;
        this.renderer?.close();
        this.renderer = null;
      } else {
        this.renderer?.handleMessage(event.data);
      }
    };
  }

  process(inputs, outputs) {
    if (this.closed) return false;
    this.renderer?.render(outputs[0]);
    return true;
  }
}

registerProcessor(PLAYOUT_PROCESSOR_NAME, PlayoutProcessor);
