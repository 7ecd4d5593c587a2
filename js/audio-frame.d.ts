/** Any memory an AudioFrame can wrap: int16-aligned memory is wrapped, unaligned is copied. */
export type AudioBufferSource = Int16Array | ArrayBuffer | SharedArrayBuffer | ArrayBufferView;

/**
 * A frame of interleaved signed 16-bit PCM (`[L0, R0, L1, R1, ...]` for stereo).
 * [Reference: `AudioFrame`]
 */
export declare class AudioFrame {
  /**
   * @param data at least `numChannels * samplesPerChannel * 2` bytes; a longer buffer is kept whole
   * @param sampleRate Hz, an integer in 1000..768000
   * @param numChannels an integer in 1..32
   * @param samplesPerChannel an integer >= 0
   * @param userdata your per-frame metadata object (never transmitted)
   * @throws TypeError for a wrong type, RangeError for a bad value or a short / odd-sized buffer
   */
  constructor(
    data: AudioBufferSource,
    sampleRate: number,
    numChannels: number,
    samplesPerChannel: number,
    userdata?: Record<string, unknown>,
  );
  /** A zero-filled frame. [Reference: `AudioFrame.create`] */
  static create(sampleRate: number, numChannels: number, samplesPerChannel: number): AudioFrame;
  /** Decodes a 16-bit PCM WAV file (RangeError otherwise). */
  static fromWavBytes(bytes: Uint8Array | ArrayBuffer | ArrayBufferView): AudioFrame;
  /** The samples over the whole stored buffer; writable, and shared with the caller's memory when wrapped. */
  readonly data: Int16Array;
  readonly sampleRate: number;
  readonly numChannels: number;
  readonly samplesPerChannel: number;
  /** samplesPerChannel / sampleRate, in seconds. */
  readonly duration: number;
  /** The same object on every access. */
  readonly userdata: Record<string, unknown>;
  /** A canonical 44-byte-header PCM16 WAV of every stored sample. [Reference: `to_wav_bytes`] */
  toWavBytes(): Uint8Array;
  /** `AudioFrame(sampleRate=48000, numChannels=2, samplesPerChannel=480, duration=0.010)` */
  toString(): string;
}
