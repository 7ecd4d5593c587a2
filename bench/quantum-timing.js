// Timing of one render quantum's work in a dedicated Worker (same V8 and wasm as the
// AudioWorkletGlobalScope, but with performance.now()), shared by the AudioSource and
// AudioStream process() cost benchmarks.

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** p50/p90/p99/max of a list of microsecond timings. */
export function summarise(us) {
  const s = Float64Array.from(us).sort();
  return { p50: percentile(s, 50), p90: percentile(s, 90), p99: percentile(s, 99), max: s[s.length - 1], n: s.length };
}

/**
 * Times `quantum()` in batches of `batch` calls (after 4000 calls of warm-up), calling
 * `between()` before each batch, outside the timed region. Returns the summary of the
 * per-quantum microseconds and their mean.
 */
export function timeQuanta({ quantum, between, quanta, batch }) {
  const run = (n) => {
    const us = [];
    for (let i = 0; i < n; i += batch) {
      between();
      const t0 = performance.now();
      for (let b = 0; b < batch; b++) quantum();
      us.push(((performance.now() - t0) * 1000) / batch);
    }
    return us;
  };
  run(4000); // warm-up: JIT tiers, wasm tier-up
  const us = run(quanta);
  const sum = us.reduce((a, b) => a + b, 0);
  return { ...summarise(us), meanUs: sum / us.length };
}

/**
 * Page side: runs `workerUrl` (a Worker answering with timeQuanta's result) for each
 * configuration, once timing single quanta and once in batches of 16.
 */
export async function measureInWorkers(workerUrl, module, configs) {
  const worker = (config) =>
    new Promise((resolve, reject) => {
      const w = new Worker(workerUrl, { type: 'module' });
      w.onmessage = (e) => {
        w.terminate();
        resolve(e.data);
      };
      w.onerror = (e) => reject(new Error(e.message));
      w.postMessage({ module, ...config });
    });
  const results = [];
  for (const c of configs) {
    const perQuantum = await worker({ ...c, quanta: 20000, batch: 1 });
    const batched = await worker({ ...c, quanta: 40000, batch: 16 });
    results.push({ ...c, perQuantum, batched });
  }
  return results;
}
