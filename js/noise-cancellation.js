import { AudioFrame } from './audio-frame.js';
import { describe } from './errors.js';

/**
 * Selects a registered noise-cancellation module for an AudioStream.
 * [Reference: `NoiseCancellationOptions(module_id, options)`]
 */
export class NoiseCancellationOptions {
  /**
   * @param {string} moduleId the id given to `registerNoiseCancellation`
   * @param {Record<string, unknown>} [options] passed to the module's factory
   */
  constructor(moduleId, options = {}) {
    requireModuleId('moduleId', moduleId);
    if (options === null || typeof options !== 'object') {
      throw new TypeError(`options must be an object, got ${describe(options)}`);
    }
    /** @readonly */
    this.moduleId = moduleId;
    /** @readonly */
    this.options = options;
    Object.freeze(this);
  }
}

/** @type {Map<string, (options: Record<string, unknown>) => object>} */
const registry = new Map();

function requireModuleId(name, moduleId) {
  if (typeof moduleId !== 'string' || moduleId.length === 0) {
    throw new TypeError(`${name} must be a non-empty string, got ${describe(moduleId)}`);
  }
}

/**
 * Registers a noise-cancellation module: `factory(options)` must return a FrameProcessor
 * (`{ enabled, process(frame) -> frame, close() }`). Registering an id again replaces it.
 * @param {string} moduleId
 * @param {(options: Record<string, unknown>) => object} factory
 */
export function registerNoiseCancellation(moduleId, factory) {
  requireModuleId('moduleId', moduleId);
  if (typeof factory !== 'function') {
    throw new TypeError(`factory must be a function returning a FrameProcessor, got ${describe(factory)}`);
  }
  registry.set(moduleId, factory);
}

function isFrameProcessor(value) {
  return value !== null && typeof value === 'object' && typeof value.process === 'function';
}

/**
 * Turns AudioStream's `noiseCancellation` option into a FrameProcessor (or null).
 * @param {unknown} option a FrameProcessor, NoiseCancellationOptions (or `{ moduleId, options }`), or null/undefined
 * @returns {object | null}
 */
export function resolveFrameProcessor(option) {
  if (option === undefined || option === null) return null;
  if (isFrameProcessor(option)) return option;
  if (typeof option === 'object' && 'moduleId' in option) {
    const { moduleId, options = {} } = option;
    requireModuleId('noiseCancellation.moduleId', moduleId);
    const factory = registry.get(moduleId);
    if (!factory) {
      const known = [...registry.keys()].map((k) => JSON.stringify(k)).join(', ') || 'none';
      throw new RangeError(
        `noiseCancellation.moduleId ${JSON.stringify(moduleId)} is not registered (registered: ${known}); call registerNoiseCancellation first`,
      );
    }
    const processor = factory(options);
    if (!isFrameProcessor(processor)) {
      throw new TypeError(`the factory registered for ${JSON.stringify(moduleId)} must return a FrameProcessor, got ${describe(processor)}`);
    }
    return processor;
  }
  throw new TypeError(
    `noiseCancellation must be a FrameProcessor ({ enabled, process(frame), close() }) or NoiseCancellationOptions, got ${describe(option)}`,
  );
}

/**
 * Runs frames through a FrameProcessor without letting it break the stream: a disabled
 * processor (`enabled === false`) is skipped; one that throws or returns something that is
 * not an AudioFrame passes the original frame on, and the first such error is reported
 * through `onError` (later ones are only counted).
 */
export class FrameProcessorStage {
  #processor;
  #onError;
  #errors = 0;
  #closed = false;

  /**
   * @param {object} processor
   * @param {(error: unknown) => void} onError called once, with the first error
   */
  constructor(processor, onError) {
    this.#processor = processor;
    this.#onError = onError;
  }

  /** How many frames the processor failed on. */
  get errorCount() {
    return this.#errors;
  }

  /**
   * @param {AudioFrame} frame
   * @returns {AudioFrame}
   */
  apply(frame) {
    if (this.#closed || this.#processor.enabled === false) return frame;
    let out;
    try {
      out = this.#processor.process(frame);
      if (!(out instanceof AudioFrame)) {
        throw new TypeError(`FrameProcessor.process() must return an AudioFrame, got ${describe(out)}`);
      }
    } catch (error) {
      this.#errors += 1;
      if (this.#errors === 1) this.#onError(error);
      return frame;
    }
    return out;
  }

  /** Closes the processor once; an error from its close() is reported like a process error. */
  close() {
    if (this.#closed) return;
    this.#closed = true;
    try {
      this.#processor.close?.();
    } catch (error) {
      this.#errors += 1;
      if (this.#errors === 1) this.#onError(error);
    }
  }
}
