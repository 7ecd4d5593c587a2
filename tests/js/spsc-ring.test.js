// The JS ring (js/spsc-ring.js) against a reference queue, and against the core's C++
// ring (src/spsc_ring.h) over the same bytes: the layout is shared.
import { describe, expect, it } from 'vitest';
import { SpscRing } from '../../js/core.js';
import { loadAudioCore } from '../../js/index.js';
import { copyToHeap, withHeap } from '../../js/heap.js';

function mulberry32(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('SpscRing (JS)', () => {
  it('lives in a SharedArrayBuffer in Node and reports capacity', () => {
    const ring = SpscRing.allocate(5, Int16Array);
    expect(ring.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(ring.buffer.byteLength).toBe(8 + 6 * 2);
    expect(ring.capacity).toBe(5);
    expect(ring.availableWrite()).toBe(5);
  });

  it('does partial pushes, full and empty', () => {
    const ring = SpscRing.allocate(5, Int16Array);
    expect(ring.push(Int16Array.from([1, 2, 3, 4, 5, 6, 7]))).toBe(5);
    expect(ring.push(Int16Array.from([8]))).toBe(0);
    const out = new Int16Array(7);
    expect(ring.pop(out)).toBe(5);
    expect(Array.from(out.subarray(0, 5))).toEqual([1, 2, 3, 4, 5]);
    expect(ring.pop(out)).toBe(0);
  });

  it.each([1, 2, 3, 7, 64, 127])('matches a reference queue over a seeded random run (capacity %i)', (capacity) => {
    const ring = SpscRing.allocate(capacity, Float32Array);
    const reference = [];
    const rand = mulberry32(capacity * 7919);
    let next = 0;
    const buf = new Float32Array(capacity + 3);
    for (let step = 0; step < 5000; step++) {
      const n = Math.floor(rand() * (capacity + 4));
      if (rand() < 0.5) {
        for (let i = 0; i < n; i++) buf[i] = next + i;
        const pushed = ring.push(buf.subarray(0, n));
        expect(pushed).toBe(Math.min(n, capacity - reference.length));
        for (let i = 0; i < pushed; i++) reference.push(next + i);
        next += pushed;
      } else {
        const popped = ring.pop(buf.subarray(0, n));
        expect(popped).toBe(Math.min(n, reference.length));
        for (let i = 0; i < popped; i++) expect(buf[i]).toBe(reference.shift());
      }
      expect(ring.availableRead()).toBe(reference.length);
    }
  });

  it('skips without copying', () => {
    const ring = SpscRing.allocate(4, Int16Array);
    ring.push(Int16Array.from([1, 2, 3]));
    expect(ring.skip(2)).toBe(2);
    const out = new Int16Array(2);
    expect(ring.pop(out)).toBe(1);
    expect(out[0]).toBe(3);
    expect(ring.skip(5)).toBe(0);
  });

  it('rejects bad capacities and buffers', () => {
    expect(() => SpscRing.allocate(0, Int16Array)).toThrow(RangeError);
    expect(() => SpscRing.allocate(1.5, Int16Array)).toThrow(/capacity must be an integer/);
    expect(() => new SpscRing(new ArrayBuffer(10), Int16Array)).toThrow(RangeError);
  });
});

describe('SpscRing layout shared with the core', () => {
  it('a ring written by JS is read by the C++ ring and vice versa', async () => {
    const core = await loadAudioCore();
    const capacity = 7;
    const ring = SpscRing.allocate(capacity, Int16Array);
    // Move the indices so the data wraps: push 5, pop 5, then push 6 (wraps at slot 8).
    ring.push(new Int16Array(5));
    ring.pop(new Int16Array(5));
    ring.push(Int16Array.from([10, 11, 12, 13, 14, 15]));

    const bytes = new Uint8Array(ring.buffer);
    expect(core.spscRingBytes(capacity, 2)).toBe(bytes.length);
    const cppRing = new core.SpscRingS16();
    try {
      const popped = withHeap(core, bytes.length + 16, (ptr) => {
        copyToHeap(core, ptr, bytes);
        expect(cppRing.attach(ptr, bytes.length, capacity, false)).toBe(0);
        expect(cppRing.availableRead()).toBe(6);
        const out = ptr + bytes.length;
        expect(cppRing.pop(out, 4)).toBe(4);
        const values = Array.from(new Int16Array(core.HEAPU8.buffer, out, 4));
        // C++ pushes two more (wrapping again); copy the bytes back for JS to read.
        core.HEAP16.set([16, 17], out >> 1);
        expect(cppRing.push(out, 2)).toBe(2);
        bytes.set(core.HEAPU8.subarray(ptr, ptr + bytes.length));
        return values;
      });
      expect(popped).toEqual([10, 11, 12, 13]);
      const rest = new Int16Array(8);
      expect(ring.pop(rest)).toBe(4);
      expect(Array.from(rest.subarray(0, 4))).toEqual([14, 15, 16, 17]);
    } finally {
      cppRing.delete();
    }
  });
});
