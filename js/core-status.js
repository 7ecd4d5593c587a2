/**
 * Status codes returned by the wasm core (mirrors src/status.h; the numbers are ABI).
 * @readonly
 * @enum {number}
 */
export const StatusCode = Object.freeze({
  OK: 0,
  INVALID_SAMPLE_RATE: 1,
  INVALID_CHANNEL_COUNT: 2,
  INVALID_FRAME_COUNT: 3,
  DATA_TOO_SHORT: 4,
  ODD_BYTE_LENGTH: 5,
  SAMPLE_RATE_MISMATCH: 6,
  CHANNEL_COUNT_MISMATCH: 7,
  OUTPUT_TOO_SMALL: 8,
  WAV_TRUNCATED: 9,
  WAV_NOT_RIFF_WAVE: 10,
  WAV_NO_FORMAT_CHUNK: 11,
  WAV_NO_DATA_CHUNK: 12,
  WAV_UNSUPPORTED_FORMAT: 13,
  WAV_UNSUPPORTED_BITS: 14,
  WAV_BAD_BLOCK_ALIGN: 15,
  EMPTY_INPUT: 16,
  INVALID_CAPACITY: 17,
  RESAMPLER_TOO_MANY_CHANNELS: 18,
  INVALID_QUALITY: 19,
  INVALID_RATIO_ADJUSTMENT: 20,
  RATIO_ADJUSTMENT_DISABLED: 21,
});

const NAMES = Object.freeze(Object.fromEntries(Object.entries(StatusCode).map(([k, v]) => [v, k])));

/**
 * The name of a status code ("DATA_TOO_SHORT"), or "UNKNOWN(n)".
 * @param {number} code
 * @returns {string}
 */
export function statusName(code) {
  return NAMES[code] ?? `UNKNOWN(${code})`;
}
