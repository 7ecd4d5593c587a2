/**
 * CaptureNode (main thread): AudioStream's half of the Node/Processor pair. It owns the
 * AudioWorkletNode that hosts CaptureProcessor (./capture-processor.js), the
 * FrameReceiver the frames arrive through, and the Web Audio graph feeding it:
 *
 *   MediaStreamTrack ─► MediaStreamAudioSourceNode ─► CaptureProcessor ─► GainNode(0) ─► destination
 *                                                     (the muted path keeps it pulled)
 *
 * It wraps rather than extends AudioWorkletNode so this module can be imported where
 * Web Audio does not exist (Node).
 */
import { chooseTransportKind } from '../transport.js';
import { loadWorkletProcessors } from '../worklet-loader.js';
import { CAPTURE_PROCESSOR_NAME, CaptureMessage } from './capture-protocol.js';
import { FrameReceiver } from './capture-transport.js';

/** How long close() waits for the processor's last frames before giving up (ms). */
const CLOSE_TIMEOUT_MS = 1000;

/** The main-thread half of AudioStream's capture: see the module comment. */
export class CaptureNode {
  #node;
  #source;
  #sink;
  #receiver;
  #closed = null;
  #closedResolve = () => {};
  #dropped = 0;

  /**
   * Loads the processors into `context` if needed and starts capturing `mediaStreamTrack`.
   * @param {BaseAudioContext} context
   * @param {object} options
   * @param {MediaStreamTrack} options.mediaStreamTrack
   * @param {number} options.outputRate the stream's rate
   * @param {number} options.outputChannels the stream's channel count
   * @param {number} options.frameSamples samples per channel of a frame
   * @param {(index: number, samples: Int16Array) => void} options.onframe
   * @param {(error: Error) => void} options.onerror
   * @returns {Promise<CaptureNode>}
   */
  static async create(context, options) {
    const module = await loadWorkletProcessors(context);
    return new CaptureNode(context, module, options);
  }

  /** Use CaptureNode.create(). */
  constructor(context, module, { mediaStreamTrack, outputRate, outputChannels, frameSamples, onframe, onerror }) {
    const frameMs = (1000 * frameSamples) / outputRate;
    // In flight at most ~1 s of frames (at least 8): the main thread may stall that long.
    const capacityFrames = Math.max(8, Math.ceil(1000 / frameMs));
    this.#receiver = new FrameReceiver({ kind: chooseTransportKind(), frameWords: frameSamples * outputChannels, capacityFrames, onframe });
    const settings = typeof mediaStreamTrack.getSettings === 'function' ? mediaStreamTrack.getSettings() : {};
    const inputChannels = Number.isInteger(settings.channelCount) && settings.channelCount >= 1 && settings.channelCount <= 32 ? settings.channelCount : 1;
    this.#node = new AudioWorkletNode(context, CAPTURE_PROCESSOR_NAME, {
      numberOfInputs: 1,
      numberOfOutputs: 1,
      outputChannelCount: [1],
      channelCountMode: 'max',
      channelInterpretation: 'discrete',
      processorOptions: { module, outputRate, outputChannels, frameSamples, inputChannels, transport: this.#receiver.init },
    });
    this.#closed = new Promise((resolve) => {
      this.#closedResolve = resolve;
    });
    this.#node.port.onmessage = (event) => {
      const message = event.data;
      if (this.#receiver.handleMessage(message)) return;
      if (message?.type === CaptureMessage.CLOSED) {
        this.#dropped = message.dropped;
        this.#closedResolve();
      } else if (message?.type === CaptureMessage.ERROR) onerror(new Error(`CaptureProcessor: ${message.message}`));
    };
    this.#node.onprocessorerror = (event) => onerror(new Error(`CaptureProcessor failed: ${event?.message ?? 'processorerror'}`));
    this.#receiver.attach(this.#node.port);
    this.#sink = context.createGain();
    this.#sink.gain.value = 0;
    this.#node.connect(this.#sink).connect(context.destination);
    this.#source = new MediaStreamAudioSourceNode(context, { mediaStream: new MediaStream([mediaStreamTrack]) });
    this.#source.connect(this.#node);
  }

  /** The transport in use. @type {'shared-memory' | 'message-port'} */
  get transport() {
    return this.#receiver.kind;
  }

  /** Frames the processor dropped because the main thread fell behind. */
  get dropped() {
    return Math.max(this.#dropped, this.#receiver.dropped);
  }

  /**
   * Stops capturing: the processor sends its last whole frames and frees its engine;
   * resolves once they have been delivered. Idempotent.
   * @returns {Promise<void>}
   */
  async close() {
    if (!this.#node) return;
    const node = this.#node;
    this.#node = null;
    this.#source.disconnect();
    node.port.postMessage({ type: CaptureMessage.CLOSE });
    let timer;
    await Promise.race([this.#closed, new Promise((resolve) => (timer = setTimeout(resolve, CLOSE_TIMEOUT_MS)))]);
    clearTimeout(timer);
    this.#receiver.drain();
    this.#receiver.close();
    node.disconnect();
    this.#sink.disconnect();
    node.port.onmessage = null;
  }
}
