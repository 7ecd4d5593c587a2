/**
 * SpscRing: the JavaScript side of the core's wait-free single-producer/single-consumer
 * ring (src/spsc_ring.h), with the same memory layout so it can live in a
 * SharedArrayBuffer shared between the main thread and an AudioWorklet:
 *
 *   byte 0  uint32 write index (producer only)   byte 4  uint32 read index (consumer only)
 *   byte 8  slots[capacity + 1] of the element type (one slot kept free)
 *
 * Indices are published with `Atomics.store` after the data is copied and read with
 * `Atomics.load` before it is copied (the JS memory model makes these sequentially
 * consistent, which is stronger than the release/acquire the C++ side uses).
 */
export class SpscRing {
  /** Bytes of header before the slots. */
  static HEADER_BYTES = 8;

  /**
   * Bytes a ring of `capacity` elements needs.
   * @param {number} capacity elements
   * @param {number} bytesPerElement e.g. Int16Array.BYTES_PER_ELEMENT
   */
  static bytesFor(capacity, bytesPerElement) {
    return SpscRing.HEADER_BYTES + (capacity + 1) * bytesPerElement;
  }

  /**
   * Creates a ring over fresh memory (a SharedArrayBuffer when available, else an
   * ArrayBuffer).
   * @param {number} capacity elements
   * @param {Int16ArrayConstructor | Float32ArrayConstructor} Type element type
   */
  static allocate(capacity, Type) {
    if (!Number.isInteger(capacity) || capacity < 1 || capacity >= 2 ** 30) {
      throw new RangeError(`capacity must be an integer in 1..${2 ** 30 - 1}, got ${capacity}`);
    }
    const Buffer = typeof SharedArrayBuffer === 'function' ? SharedArrayBuffer : ArrayBuffer;
    return new SpscRing(new Buffer(SpscRing.bytesFor(capacity, Type.BYTES_PER_ELEMENT)), Type);
  }

  /**
   * Attaches to ring memory created by `allocate` (possibly in another thread).
   * @param {SharedArrayBuffer | ArrayBuffer} buffer
   * @param {Int16ArrayConstructor | Float32ArrayConstructor} Type
   */
  constructor(buffer, Type) {
    const slots = (buffer.byteLength - SpscRing.HEADER_BYTES) / Type.BYTES_PER_ELEMENT;
    if (!Number.isInteger(slots) || slots < 2) {
      throw new RangeError(`buffer of ${buffer.byteLength} bytes does not hold a ${Type.name} ring`);
    }
    /** The memory, to post to the other side. */
    this.buffer = buffer;
    this._header = new Uint32Array(buffer, 0, 2);
    this._slots = new Type(buffer, SpscRing.HEADER_BYTES, slots);
    this._slotCount = slots;
  }

  /** Elements the ring can hold. */
  get capacity() {
    return this._slotCount - 1;
  }

  _used(r, w) {
    return w >= r ? w - r : this._slotCount - r + w;
  }

  /** Elements queued (consumer's view; exact on either side at the instant of the call). */
  availableRead() {
    return this._used(Atomics.load(this._header, 1), Atomics.load(this._header, 0));
  }

  /** Free space (producer's view). */
  availableWrite() {
    return this.capacity - this.availableRead();
  }

  /**
   * Producer: copies as much of `items` as fits; returns the count copied.
   * @param {Int16Array | Float32Array} items
   */
  push(items) {
    const w = Atomics.load(this._header, 0);
    const r = Atomics.load(this._header, 1);
    const n = Math.min(items.length, this.capacity - this._used(r, w));
    const first = Math.min(n, this._slotCount - w);
    this._slots.set(items.subarray(0, first), w);
    if (n > first) this._slots.set(items.subarray(first, n), 0);
    Atomics.store(this._header, 0, (w + n) % this._slotCount);
    return n;
  }

  /**
   * Consumer: copies up to `out.length` queued elements into `out`; returns the count.
   * @param {Int16Array | Float32Array} out
   */
  pop(out) {
    const r = Atomics.load(this._header, 1);
    const w = Atomics.load(this._header, 0);
    const n = Math.min(out.length, this._used(r, w));
    const first = Math.min(n, this._slotCount - r);
    out.set(this._slots.subarray(r, r + first), 0);
    if (n > first) out.set(this._slots.subarray(0, n - first), first);
    Atomics.store(this._header, 1, (r + n) % this._slotCount);
    return n;
  }

  /**
   * Producer, allocation-free: copies up to `count` elements of `src` starting at
   * `offset` (as many as fit); returns the count copied. For real-time code that must not
   * create subarray views.
   * @param {Int16Array | Float32Array} src
   * @param {number} offset
   * @param {number} count
   */
  pushFrom(src, offset, count) {
    const w = Atomics.load(this._header, 0);
    const r = Atomics.load(this._header, 1);
    const n = Math.min(count, this.capacity - this._used(r, w));
    const slots = this._slots;
    let j = w;
    for (let i = 0; i < n; i++) {
      slots[j] = src[offset + i];
      if (++j === this._slotCount) j = 0;
    }
    Atomics.store(this._header, 0, j);
    return n;
  }

  /**
   * Consumer, allocation-free: copies up to `count` queued elements into `dst` starting
   * at `offset`; returns the count copied.
   * @param {Int16Array | Float32Array} dst
   * @param {number} offset
   * @param {number} count
   */
  popInto(dst, offset, count) {
    const r = Atomics.load(this._header, 1);
    const n = Math.min(count, this._used(r, Atomics.load(this._header, 0)));
    const slots = this._slots;
    let j = r;
    for (let i = 0; i < n; i++) {
      dst[offset + i] = slots[j];
      if (++j === this._slotCount) j = 0;
    }
    Atomics.store(this._header, 1, j);
    return n;
  }

  /** Consumer: drops up to `count` queued elements; returns how many. */
  skip(count) {
    const r = Atomics.load(this._header, 1);
    const n = Math.min(count, this._used(r, Atomics.load(this._header, 0)));
    Atomics.store(this._header, 1, (r + n) % this._slotCount);
    return n;
  }
}
