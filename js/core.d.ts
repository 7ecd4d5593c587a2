/**
 * rtc-audio-wasm/core: the raw core, usable inside AudioWorkletGlobalScope (no fetch, no URL).
 */

/** Status codes returned by the core (src/status.h). */
export declare const StatusCode: Readonly<{
  OK: 0;
  INVALID_SAMPLE_RATE: 1;
  INVALID_CHANNEL_COUNT: 2;
  INVALID_FRAME_COUNT: 3;
  DATA_TOO_SHORT: 4;
  ODD_BYTE_LENGTH: 5;
  SAMPLE_RATE_MISMATCH: 6;
  CHANNEL_COUNT_MISMATCH: 7;
  OUTPUT_TOO_SMALL: 8;
  WAV_TRUNCATED: 9;
  WAV_NOT_RIFF_WAVE: 10;
  WAV_NO_FORMAT_CHUNK: 11;
  WAV_NO_DATA_CHUNK: 12;
  WAV_UNSUPPORTED_FORMAT: 13;
  WAV_UNSUPPORTED_BITS: 14;
  WAV_BAD_BLOCK_ALIGN: 15;
  EMPTY_INPUT: 16;
  INVALID_CAPACITY: 17;
  RESAMPLER_TOO_MANY_CHANNELS: 18;
  INVALID_QUALITY: 19;
  INVALID_RATIO_ADJUSTMENT: 20;
  RATIO_ADJUSTMENT_DISABLED: 21;
}>;
export declare function statusName(code: number): string;

/** An int16 ring in wasm memory with the same layout as SpscRing (tests, custom processors). */
export interface CoreSpscRingS16 {
  attach(storagePtr: number, bytes: number, capacity: number, initialize: boolean): number;
  push(itemsPtr: number, count: number): number;
  pop(outPtr: number, count: number): number;
  availableRead(): number;
  availableWrite(): number;
  capacity(): number;
  delete(): void;
}

/** PlayoutEngine (src/playout_engine.h) behind its facade; configure() first. */
export interface CorePlayoutEngine {
  configure(sourceRate: number, sourceChannels: number, outputRate: number, outputChannels: number, maxBlockFrames: number, driftControl: boolean): number;
  inputPtr(): number;
  outputPtr(): number;
  maxInputFrames(): number;
  inputFramesFor(outputFrames: number): number;
  render(outputFrames: number, suppliedFrames: number, queuedFrames: number): number;
  onQueueDiscarded(): void;
  playedFrames(): number;
  silenceFrames(): number;
  renderedFrames(): number;
  underruns(): number;
  driftPpm(): number;
  delete(): void;
}

/**
 * CaptureEngine (src/capture_engine.h) behind its facade: one block of captured audio
 * (planar float at planePtr(c), or interleaved int16 at s16Ptr()) converted to a
 * stream's rate and channels as interleaved int16 at outputPtr(); configure() first.
 */
export interface CoreCaptureEngine {
  /** Returns a StatusCode; maxBlockFrames in 1..CAPTURE_MAX_BLOCK_FRAMES. */
  configure(inputRate: number, inputChannels: number, outputRate: number, outputChannels: number, maxBlockFrames: number): number;
  planePtr(channel: number): number;
  s16Ptr(): number;
  outputPtr(): number;
  maxOutputFrames(): number;
  /** Returns the output frames written at outputPtr(). */
  processPlanar(frames: number): number;
  processS16(frames: number): number;
  latencyInputFrames(): number;
  reset(): void;
  delete(): void;
}

/**
 * The core's streaming resampler (src/audio_resampler.h), for custom AudioWorkletProcessors.
 * Pointers are heap offsets; counts are frames per channel. Call `delete()` when done.
 */
export interface CoreAudioResampler {
  /** Returns a StatusCode; quality 0..4 (AudioResamplerQuality). */
  create(inputRate: number, outputRate: number, numChannels: number, quality: number, allowRatioAdjustment: boolean): number;
  processS16(inPtr: number, frames: number, outPtr: number, outCapacityFrames: number): number;
  processF32(inPtr: number, frames: number, outPtr: number, outCapacityFrames: number): number;
  processS16ToF32(inPtr: number, frames: number, outPtr: number, outCapacityFrames: number): number;
  processF32ToS16(inPtr: number, frames: number, outPtr: number, outCapacityFrames: number): number;
  /** `inPtrsPtr` / `outPtrsPtr`: heap arrays of numChannels uint32 channel-buffer offsets. */
  processPlanarF32(inPtrsPtr: number, frames: number, outPtrsPtr: number, outCapacityFrames: number): number;
  lastInputFrames(): number;
  flushS16(outPtr: number, outCapacityFrames: number): number;
  flushF32(outPtr: number, outCapacityFrames: number): number;
  pendingFlushFrames(): number;
  maxOutputFrames(inputFrames: number): number;
  inputFramesNeeded(outputFrames: number): number;
  reset(): void;
  /** Returns a StatusCode; |ppm| <= 1000, only with allowRatioAdjustment. */
  setRatioAdjustment(ppm: number): number;
  ratioAdjustmentPpm(): number;
  latencyMs(): number;
  latencyInputFrames(): number;
  taps(): number;
  isInterpolating(): boolean;
  delete(): void;
}

export interface WavInfo {
  status: number;
  sampleRate: number;
  numChannels: number;
  samplesPerChannel: number;
  dataOffset: number;
  dataBytes: number;
}

/**
 * The instantiated core. Pointers are byte offsets into `HEAPU8`; re-read the HEAP views
 * after any call that may allocate (memory can grow).
 */
export interface AudioCore {
  readonly MIN_SAMPLE_RATE: number;
  readonly MAX_SAMPLE_RATE: number;
  readonly MAX_CHANNELS: number;
  readonly MAX_SAMPLES_PER_CHANNEL: number;
  readonly WAV_HEADER_BYTES: number;
  readonly SPSC_RING_HEADER_BYTES: number;
  readonly HEAPU8: Uint8Array;
  readonly HEAP16: Int16Array;
  readonly HEAPF32: Float32Array;
  _malloc(bytes: number): number;
  _free(ptr: number): void;
  validateFrame(sampleRate: number, numChannels: number, samplesPerChannel: number, byteLength: number): number;
  validateSampleRate(sampleRate: number): number;
  validateChannelCount(numChannels: number): number;
  encodeWav(samplesPtr: number, sampleCount: number, sampleRate: number, numChannels: number, outPtr: number, outBytes: number): number;
  parseWav(bytesPtr: number, length: number): WavInfo;
  decodeWav(bytesPtr: number, length: number, outPtr: number, outSamples: number): number;
  remixS16(inPtr: number, inSamples: number, inChannels: number, outPtr: number, outSamples: number, outChannels: number): number;
  remixF32(inPtr: number, inSamples: number, inChannels: number, outPtr: number, outSamples: number, outChannels: number): number;
  s16ToFloat(inPtr: number, count: number, outPtr: number): number;
  floatToS16(inPtr: number, count: number, outPtr: number): number;
  spscRingBytes(capacity: number, elementBytes: number): number;
  SpscRingS16: { new (): CoreSpscRingS16 };
  readonly PLAYOUT_MAX_BLOCK_FRAMES: number;
  PlayoutEngine: { new (): CorePlayoutEngine };
  readonly CAPTURE_MAX_BLOCK_FRAMES: number;
  CaptureEngine: { new (): CoreCaptureEngine };
  readonly RESAMPLER_MAX_CHANNELS: number;
  readonly RESAMPLER_MAX_RATIO_ADJUSTMENT_PPM: number;
  AudioResamplerCore: { new (): CoreAudioResampler };
  /** Runs the scalar and wasm_simd128 resampler kernels on random data; counts differing results. */
  resamplerKernelParity(seed: number, trials: number): { simd: boolean; compared: number; mismatches: number };
  [name: string]: unknown;
}

/** Instantiates the core synchronously from a compiled module (safe in an AudioWorkletProcessor constructor). */
export declare function instantiateAudioCore(wasmModule: WebAssembly.Module): AudioCore;

type RingArray = Int16Array | Float32Array;
type RingArrayConstructor = Int16ArrayConstructor | Float32ArrayConstructor;

/**
 * A wait-free single-producer/single-consumer ring over a (Shared)ArrayBuffer, with the
 * core's memory layout: uint32 write index, uint32 read index, then capacity + 1 slots.
 */
export declare class SpscRing {
  static readonly HEADER_BYTES: 8;
  static bytesFor(capacity: number, bytesPerElement: number): number;
  static allocate(capacity: number, Type: RingArrayConstructor): SpscRing;
  constructor(buffer: SharedArrayBuffer | ArrayBuffer, Type: RingArrayConstructor);
  readonly buffer: SharedArrayBuffer | ArrayBuffer;
  readonly capacity: number;
  availableRead(): number;
  availableWrite(): number;
  push(items: RingArray): number;
  pop(out: RingArray): number;
  /** Allocation-free push of src[offset .. offset + count) (as much as fits). */
  pushFrom(src: RingArray, offset: number, count: number): number;
  /** Allocation-free pop of up to `count` elements into dst[offset ..]. */
  popInto(dst: RingArray, offset: number, count: number): number;
  skip(count: number): number;
}
