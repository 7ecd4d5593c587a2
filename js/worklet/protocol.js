/**
 * The PlayoutNode <-> PlayoutProcessor contract: the processor's registered name, the
 * frozen message vocabulary (the transport's messages plus two of its own) and the
 * statistics words the processor publishes. Shared by both sides; AudioWorklet-safe.
 */
import { TransportMessage } from '../transport.js';

/** The name PlayoutProcessor is registered under. */
export const PLAYOUT_PROCESSOR_NAME = 'rtc-audio-playout';

/**
 * Every message the pair exchanges (`data.type`):
 *  - DATA, DISCARD, WAKE (node -> processor) and PROGRESS (processor -> node): the
 *    transport's (js/transport.js)
 *  - CLOSE  node -> processor `{ type }`: free the engine and stop rendering
 *  - ERROR  processor -> node `{ type, message }`: the processor could not start
 * @readonly @enum {string}
 */
export const PlayoutMessage = Object.freeze({
  ...TransportMessage,
  CLOSE: 'close',
  ERROR: 'error',
});

/**
 * The processor's statistics words (after the transport's control words), in order.
 * Counters are uint32 totals that wrap; DRIFT_MILLI_PPM is a signed value.
 * @readonly @enum {number}
 */
export const PlayoutStat = Object.freeze({
  PLAYED: 0, // source frames played
  DISCARDED: 1, // source frames dropped on a discard request (clearQueue)
  UNDERRUNS: 2, // gaps (see src/playout_engine.h)
  DRIFT_MILLI_PPM: 3, // the drift loop's correction, in 1/1000 ppm
  SILENCE: 4, // source-rate frames of silence padded in
  COUNT: 5,
});
