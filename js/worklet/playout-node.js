/**
 * PlayoutNode (main thread): AudioSource's half of the Node/Processor pair. It owns the
 * AudioWorkletNode that hosts PlayoutProcessor (./playout-processor.js) and routes the
 * node's port: transport messages to the TransportWriter, ERROR to `onerror`.
 *
 * It wraps rather than extends AudioWorkletNode so this module can be imported where
 * Web Audio does not exist (Node).
 */
import { loadWorkletProcessors } from '../worklet-loader.js';
import { PLAYOUT_PROCESSOR_NAME, PlayoutMessage } from './protocol.js';

/**
 * The main-thread half of AudioSource's worklet pair: an AudioWorkletNode hosting
 * PlayoutProcessor, wired to the source's TransportWriter.
 */
export class PlayoutNode {
  #node;
  #writer;
  #closed = false;

  /**
   * Loads the processors into `context` if needed and creates the node.
   * @param {BaseAudioContext} context
   * @param {object} options
   * @param {number} options.sourceRate
   * @param {number} options.sourceChannels
   * @param {number} options.outputChannels
   * @param {import('../transport.js').TransportWriter} options.writer the source's writer
   * @param {boolean} [options.driftControl]
   * @returns {Promise<PlayoutNode>}
   */
  static async create(context, options) {
    const module = await loadWorkletProcessors(context);
    return new PlayoutNode(context, module, options);
  }

  /** Use PlayoutNode.create(). */
  constructor(context, module, { sourceRate, sourceChannels, outputChannels, writer, driftControl = true }) {
    this.#writer = writer;
    this.#node = new AudioWorkletNode(context, PLAYOUT_PROCESSOR_NAME, {
      numberOfInputs: 0,
      numberOfOutputs: 1,
      outputChannelCount: [outputChannels],
      channelCountMode: 'explicit',
      channelInterpretation: 'discrete',
      processorOptions: { module, sourceRate, sourceChannels, outputChannels, transport: writer.init, driftControl },
    });
    this.#node.port.onmessage = (event) => {
      if (writer.handleMessage(event.data)) return;
      if (event.data?.type === PlayoutMessage.ERROR) this.onerror(new Error(`PlayoutProcessor: ${event.data.message}`));
    };
    this.#node.onprocessorerror = (event) => this.onerror(new Error(`PlayoutProcessor failed: ${event?.message ?? 'processorerror'}`));
    writer.attachPort(this.#node.port);
  }

  /** Called with an Error when the processor fails. */
  onerror = () => {};

  /** The AudioWorkletNode (connect it to destinations). @type {AudioWorkletNode} */
  get node() {
    return this.#node;
  }

  /** Tells the processor to free its engine and stop, and disconnects. Idempotent. */
  close() {
    if (this.#closed) return;
    this.#closed = true;
    this.#node.port.postMessage({ type: PlayoutMessage.CLOSE });
    this.#node.disconnect();
    this.#node.port.onmessage = null;
  }
}
