import { describe, expect, it, vi } from 'vitest';
import { AudioFrame } from '../../js/index.js';
import {
  FrameProcessorStage,
  NoiseCancellationOptions,
  registerNoiseCancellation,
  resolveFrameProcessor,
} from '../../js/noise-cancellation.js';

const frame = () => AudioFrame.create(48000, 1, 480);

describe('noise cancellation plumbing', () => {
  it('resolves a registered module with its options at construction', () => {
    const factory = vi.fn((options) => ({ enabled: true, options, process: (f) => f, close() {} }));
    registerNoiseCancellation('test-nc', factory);
    const p = resolveFrameProcessor(new NoiseCancellationOptions('test-nc', { level: 'high' }));
    expect(factory).toHaveBeenCalledOnce();
    expect(p.options).toEqual({ level: 'high' });
    // A plain { moduleId, options } object works too.
    expect(resolveFrameProcessor({ moduleId: 'test-nc' }).options).toEqual({});
  });

  it('unknown moduleId -> RangeError naming it', () => {
    expect(() => resolveFrameProcessor(new NoiseCancellationOptions('krisp'))).toThrow(RangeError);
    expect(() => resolveFrameProcessor({ moduleId: 'nope' })).toThrow(/"nope" is not registered/);
  });

  it('passes a FrameProcessor through and rejects other values', () => {
    const p = { enabled: true, process: (f) => f, close() {} };
    expect(resolveFrameProcessor(p)).toBe(p);
    expect(resolveFrameProcessor(undefined)).toBe(null);
    expect(() => resolveFrameProcessor('krisp')).toThrow(TypeError);
    expect(() => resolveFrameProcessor({ enabled: true })).toThrow(TypeError);
  });

  it('validates registration and options', () => {
    expect(() => registerNoiseCancellation('', () => ({}))).toThrow(TypeError);
    expect(() => registerNoiseCancellation('x', 'not a function')).toThrow(/factory must be a function/);
    expect(() => new NoiseCancellationOptions(5)).toThrow(/moduleId must be a non-empty string, got 5/);
    expect(() => new NoiseCancellationOptions('x', null)).toThrow(/options must be an object/);
    registerNoiseCancellation('bad-factory', () => 42);
    expect(() => resolveFrameProcessor({ moduleId: 'bad-factory' })).toThrow(/must return a FrameProcessor, got 42/);
  });

  it('a stage applies an enabled processor and skips a disabled one', () => {
    const out = frame();
    const processor = { enabled: true, process: vi.fn(() => out), close: vi.fn() };
    const stage = new FrameProcessorStage(processor, () => {});
    const input = frame();
    expect(stage.apply(input)).toBe(out);
    processor.enabled = false;
    expect(stage.apply(input)).toBe(input);
    expect(processor.process).toHaveBeenCalledOnce();
  });

  it('a throwing processor passes the original frame and is reported once', () => {
    const onError = vi.fn();
    const stage = new FrameProcessorStage({ enabled: true, process: () => { throw new Error('nc broke'); } }, onError);
    const input = frame();
    expect(stage.apply(input)).toBe(input);
    expect(stage.apply(input)).toBe(input);
    expect(stage.errorCount).toBe(2);
    expect(onError).toHaveBeenCalledOnce();
    expect(onError.mock.calls[0][0].message).toBe('nc broke');
  });

  it('a processor returning a non-frame counts as an error', () => {
    const onError = vi.fn();
    const stage = new FrameProcessorStage({ process: () => new Int16Array(4) }, onError);
    const input = frame();
    expect(stage.apply(input)).toBe(input);
    expect(onError.mock.calls[0][0]).toBeInstanceOf(TypeError);
  });

  it('close() closes the processor once and survives a throwing close', () => {
    const close = vi.fn(() => {
      throw new Error('close failed');
    });
    const onError = vi.fn();
    const stage = new FrameProcessorStage({ process: (f) => f, close }, onError);
    stage.close();
    stage.close();
    expect(close).toHaveBeenCalledOnce();
    expect(onError).toHaveBeenCalledOnce();
    const input = frame();
    expect(stage.apply(input)).toBe(input); // closed: skipped
  });
});
