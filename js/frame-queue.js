// FrameQueue: the consumer side of a stream of frames (AudioStream, AudioMixer output).
//
// Producers `push()` items; consumers iterate with `for await`. With `capacity > 0` the
// queue holds at most that many unread items and drops the OLDEST when full (the newest
// audio is the most useful), counting the drops; 0 means unbounded. `end()` lets the
// consumer drain what is buffered and then finishes the iteration; `fail(error)` does the
// same and then rejects the next read with `error`. Both are idempotent and wake waiting
// consumers at once. Reads may overlap (`next()` called again before the last one
// settled, as async iterators allow): they are served in call order.

/**
 * @template T
 */
export class FrameQueue {
  /** @type {T[]} */
  #items = [];
  #head = 0;
  #capacity;
  #dropped = 0;
  #ended = false;
  /** @type {unknown} */
  #error = undefined;
  /** Reads waiting for an item, oldest first (only while nothing is buffered). */
  /** @type {{ resolve: (result: IteratorResult<T>) => void, reject: (error: unknown) => void }[]} */
  #waiters = [];

  /** @param {number} capacity 0 = unbounded */
  constructor(capacity = 0) {
    this.#capacity = capacity;
  }

  /** Items buffered and unread. */
  get size() {
    return this.#items.length - this.#head;
  }

  /** Items dropped because the consumer fell `capacity` behind. */
  get dropped() {
    return this.#dropped;
  }

  /** True once `end()` or `fail()` was called. */
  get ended() {
    return this.#ended;
  }

  /**
   * Adds an item (ignored after end). Returns false when the item was ignored.
   * @param {T} item
   */
  push(item) {
    if (this.#ended) return false;
    const waiter = this.#waiters.shift();
    if (waiter) {
      waiter.resolve({ value: item, done: false });
      return true;
    }
    this.#items.push(item);
    if (this.#capacity > 0 && this.size > this.#capacity) {
      this.#head += 1;
      this.#dropped += 1;
    }
    if (this.#head > 1024 && this.#head * 2 > this.#items.length) {
      this.#items = this.#items.slice(this.#head);
      this.#head = 0;
    }
    return true;
  }

  /** No more items: the consumer gets what is buffered, then the end. */
  end() {
    this.#finish(undefined);
  }

  /** Ends with an error, raised (once) after the buffered items are read. */
  fail(error) {
    this.#finish(error);
  }

  #finish(error) {
    if (this.#ended) return;
    this.#ended = true;
    // Readers only wait when nothing is buffered, so they can be told at once: the first
    // gets the error (if any), the others the end.
    const waiters = this.#waiters.splice(0);
    if (error !== undefined && waiters.length > 0) waiters.shift().reject(error);
    else this.#error = error;
    for (const waiter of waiters) waiter.resolve({ value: undefined, done: true });
  }

  /** Drops everything buffered (not counted as dropped by capacity). Returns the count. */
  clear() {
    const n = this.size;
    this.#items = [];
    this.#head = 0;
    return n;
  }

  /**
   * The next item, or `{ done: true }` after the end.
   * @returns {Promise<IteratorResult<T>>}
   */
  next() {
    if (this.size > 0) {
      const value = this.#items[this.#head];
      this.#items[this.#head] = undefined;
      this.#head += 1;
      return Promise.resolve({ value, done: false });
    }
    if (this.#ended) {
      if (this.#error !== undefined) {
        const error = this.#error;
        this.#error = undefined; // raised once; later reads just see the end
        return Promise.reject(error);
      }
      return Promise.resolve({ value: undefined, done: true });
    }
    return new Promise((resolve, reject) => this.#waiters.push({ resolve, reject }));
  }
}
