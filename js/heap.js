// Scoped wasm heap allocations for the shim. Views are made fresh from core.HEAPU8 after
// every allocation because memory may grow (and a grown memory detaches old views).

/**
 * Allocates `byteLength` bytes in the wasm heap, runs `fn(ptr)`, and frees them.
 * @template T
 * @param {import('./core.js').AudioCore} core
 * @param {number} byteLength
 * @param {(ptr: number) => T} fn
 * @returns {T}
 */
export function withHeap(core, byteLength, fn) {
  const ptr = core._malloc(Math.max(8, byteLength));
  if (ptr === 0) {
    throw new RangeError(`rtc-audio-wasm: cannot allocate ${byteLength} bytes in the wasm heap`);
  }
  try {
    return fn(ptr);
  } finally {
    core._free(ptr);
  }
}

/** Copies the bytes of a typed array (any element type) into the heap at `ptr`. */
export function copyToHeap(core, ptr, view) {
  core.HEAPU8.set(new Uint8Array(view.buffer, view.byteOffset, view.byteLength), ptr);
}
