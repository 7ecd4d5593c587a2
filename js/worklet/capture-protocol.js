/**
 * The CaptureNode <-> CaptureProcessor contract: the processor's registered name and the
 * frozen message vocabulary (the capture transport's messages plus three of its own).
 * Shared by both sides; AudioWorklet-safe.
 */
import { CaptureTransportMessage } from './capture-transport.js';

/** The name CaptureProcessor is registered under. */
export const CAPTURE_PROCESSOR_NAME = 'rtc-audio-capture';

/**
 * Every message the pair exchanges (`data.type`):
 *  - FRAME, READY (processor -> node) and BUFFER (node -> processor): the capture
 *    transport's (./capture-transport.js)
 *  - CLOSE   node -> processor `{ type }`: stop capturing, free the engine, answer CLOSED
 *  - CLOSED  processor -> node `{ type, dropped }`: every frame is sent; nothing follows
 *  - ERROR   processor -> node `{ type, message }`: the processor could not start
 * @readonly @enum {string}
 */
export const CaptureMessage = Object.freeze({
  ...CaptureTransportMessage,
  CLOSE: 'close',
  CLOSED: 'closed',
  ERROR: 'error',
});
