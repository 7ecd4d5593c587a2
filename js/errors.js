// Argument checking shared by every public class: TypeError for a wrong type, RangeError
// for a bad value, and every message names the parameter, the value and what is allowed.
import { StatusCode, statusName } from './core-status.js';

export const MIN_SAMPLE_RATE = 1000;
export const MAX_SAMPLE_RATE = 768000;
export const MAX_CHANNELS = 32;

/**
 * A short, readable rendering of any value for an error message.
 * @param {unknown} value
 * @returns {string}
 */
export function describe(value) {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'symbol') return value.toString();
  if (typeof value === 'function') return `function ${value.name || '(anonymous)'}`;
  if (value === null || typeof value !== 'object') return String(value);
  if (Array.isArray(value)) return `Array(${value.length})`;
  const name = value.constructor?.name;
  return name ? `${name} object` : Object.prototype.toString.call(value);
}

/** `describe` prefixed with the type where that helps ("string \"2\"", "bigint 2n"). */
export function describeTyped(value) {
  const t = typeof value;
  return t === 'object' || t === 'undefined' || t === 'function' ? describe(value) : `${t} ${describe(value)}`;
}

/** Throws TypeError unless `value` is a number (NaN and Infinity are numbers: ranges catch them). */
export function requireNumber(name, value, allowed) {
  if (typeof value !== 'number') {
    throw new TypeError(`${name} must be a number (${allowed}), got ${describeTyped(value)}`);
  }
}

/**
 * True when `buffer` (an ArrayBuffer) has been detached by a transfer. Uses
 * `ArrayBuffer.prototype.detached` where the runtime has it (Node 22+, current browsers)
 * and otherwise the fact that no view can be made over a detached buffer.
 */
export function isDetached(buffer) {
  if (typeof buffer.detached === 'boolean') return buffer.detached;
  if (Object.prototype.toString.call(buffer) !== '[object ArrayBuffer]') return false;
  try {
    new Uint8Array(buffer, 0, 0);
    return false;
  } catch {
    return true;
  }
}

/** Throws TypeError when `buffer` is detached, naming the parameter. */
export function requireAttached(name, buffer) {
  if (isDetached(buffer)) {
    throw new TypeError(`${name} is backed by a detached ArrayBuffer (it was transferred or closed); pass a live buffer`);
  }
}

/** Throws (TypeError / RangeError) unless `value` is an integer in [min, max]. */
export function requireIntegerInRange(name, value, min, max) {
  const allowed = max === Infinity ? `an integer >= ${min}` : `an integer in ${min}..${max}`;
  requireNumber(name, value, allowed);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`${name} must be ${allowed}, got ${describe(value)}`);
  }
}

export const SAMPLE_RATE_RULE = `an integer in ${MIN_SAMPLE_RATE}..${MAX_SAMPLE_RATE}`;
export const CHANNELS_RULE = `an integer in 1..${MAX_CHANNELS}`;

/**
 * Turns a status from the core's frame validation into the error SPEC.md asks for.
 * `ctx` holds the values the caller passed.
 * @param {number} code
 * @param {{sampleRate?: number, numChannels?: number, samplesPerChannel?: number,
 *          byteLength?: number, names?: {sampleRate?: string, numChannels?: string}}} ctx
 * @returns {Error}
 */
export function frameStatusError(code, ctx) {
  const rateName = ctx.names?.sampleRate ?? 'sampleRate';
  const channelsName = ctx.names?.numChannels ?? 'numChannels';
  switch (code) {
    case StatusCode.INVALID_SAMPLE_RATE:
      return new RangeError(`${rateName} must be ${SAMPLE_RATE_RULE}, got ${describe(ctx.sampleRate)}`);
    case StatusCode.INVALID_CHANNEL_COUNT:
      return new RangeError(`${channelsName} must be ${CHANNELS_RULE}, got ${describe(ctx.numChannels)}`);
    case StatusCode.INVALID_FRAME_COUNT:
      return new RangeError(
        `samplesPerChannel must be an integer >= 0 (and small enough that the frame is under 2 GiB), got ${describe(ctx.samplesPerChannel)}`,
      );
    case StatusCode.DATA_TOO_SHORT: {
      const need = ctx.numChannels * ctx.samplesPerChannel * 2;
      return new RangeError(
        `data length must be >= ${need} bytes (numChannels ${ctx.numChannels} x samplesPerChannel ${ctx.samplesPerChannel} x 2 bytes), got ${ctx.byteLength} bytes`,
      );
    }
    case StatusCode.ODD_BYTE_LENGTH:
      return new RangeError(
        `data byte length must be a multiple of 2 (whole int16 samples), got ${ctx.byteLength} bytes`,
      );
    default:
      return new Error(`rtc-audio-wasm core rejected the frame: ${statusName(code)}`);
  }
}

const WAV_MESSAGES = {
  [StatusCode.WAV_TRUNCATED]: 'the bytes end inside a header',
  [StatusCode.WAV_NOT_RIFF_WAVE]: 'it does not start with a RIFF/WAVE signature',
  [StatusCode.WAV_NO_FORMAT_CHUNK]: 'there is no "fmt " chunk before the "data" chunk',
  [StatusCode.WAV_NO_DATA_CHUNK]: 'there is no "data" chunk',
  [StatusCode.WAV_UNSUPPORTED_FORMAT]: 'its format is not PCM (only 16-bit PCM is supported)',
  [StatusCode.WAV_UNSUPPORTED_BITS]: 'its samples are not 16-bit (only 16-bit PCM is supported)',
  [StatusCode.WAV_BAD_BLOCK_ALIGN]: 'its block align or byte rate does not match channels x 2 bytes',
  [StatusCode.INVALID_SAMPLE_RATE]: `its sample rate is outside ${MIN_SAMPLE_RATE}..${MAX_SAMPLE_RATE}`,
  [StatusCode.INVALID_CHANNEL_COUNT]: `its channel count is outside 1..${MAX_CHANNELS}`,
};

/** The RangeError for a WAV the core could not parse. */
export function wavStatusError(code, byteLength) {
  const why = WAV_MESSAGES[code] ?? statusName(code);
  return new RangeError(`bytes must be a 16-bit PCM WAV file; these ${byteLength} bytes are not: ${why}`);
}
