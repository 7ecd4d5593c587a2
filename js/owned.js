// Ownership of embind objects. Every wasm object the shim creates belongs to exactly one
// JS wrapper (an AudioResampler, an AudioSource, ...): `adopt(owner, handle)` records it,
// `release(owner)` deletes it exactly once (idempotent; what close()/aclose() call). If a
// wrapper is garbage-collected without being closed, a FinalizationRegistry deletes its
// handle, so forgetting close() cannot leak wasm memory forever. Users never see handles.

/** @type {WeakMap<object, { delete(): void }>} */
const handles = new WeakMap();
let live = 0;

const collector = new FinalizationRegistry((handle) => {
  live -= 1;
  handle.delete();
});

/**
 * Makes `owner` the owner of the embind object `handle`; returns `handle`.
 * @template {{ delete(): void }} H
 * @param {object} owner
 * @param {H} handle
 * @returns {H}
 */
export function adopt(owner, handle) {
  if (handles.has(owner)) throw new Error('rtc-audio-wasm: an owner holds one wasm object');
  handles.set(owner, handle);
  collector.register(owner, handle, owner);
  live += 1;
  return handle;
}

/**
 * Deletes the wasm object `owner` holds, if any. Returns true when something was freed.
 * @param {object} owner
 */
export function release(owner) {
  const handle = handles.get(owner);
  if (!handle) return false;
  handles.delete(owner);
  collector.unregister(owner);
  live -= 1;
  handle.delete();
  return true;
}

/** Number of embind objects currently owned by live wrappers (for leak tests). */
export function liveHandleCount() {
  return live;
}
