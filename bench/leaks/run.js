// Leak check at full length: 100 000 create-use-close cycles of AudioFrame, AudioResampler,
// AudioSource (Node, manual clock) and AudioMixer, printing the wasm heap in use before,
// after and at its peak, the live embind handles and owned wasm objects, and the time.
//
//   node --expose-gc bench/leaks/run.js [cycles] [class ...]     default 100000, all four
//
// Exits non-zero when a class leaves the wasm heap or the handle counts changed.
import { loadAudioCore } from '../../js/index.js';
import { CYCLES, measure } from './cycles.js';

const count = Number(process.argv[2] ?? 100_000);
const names = process.argv.length > 3 ? process.argv.slice(3) : Object.keys(CYCLES);
const core = await loadAudioCore();
const jsHeapMiB = () => {
  globalThis.gc?.();
  return (process.memoryUsage().heapUsed / 2 ** 20).toFixed(1);
};

let failed = false;
console.log(`| class | cycles | wasm heap in use before -> after (peak), bytes | embind handles | owned wasm objects | JS heap MiB before -> after | time |`);
console.log('|---|---|---|---|---|---|---|');
for (const name of names) {
  const jsBefore = jsHeapMiB();
  const r = await measure(core, CYCLES[name], count);
  const jsAfter = jsHeapMiB();
  const flat = r.before.heap === r.after.heap && r.before.emval === r.after.emval && r.before.owned === r.after.owned;
  failed ||= !flat;
  console.log(
    `| ${name} | ${count} | ${r.before.heap} -> ${r.after.heap} (${r.peakHeap}) | ${r.before.emval} -> ${r.after.emval} | ${r.before.owned} -> ${r.after.owned} | ${jsBefore} -> ${jsAfter} | ${(r.ms / 1000).toFixed(1)} s |${flat ? '' : ' LEAK'}`,
  );
}
process.exitCode = failed ? 1 : 0;
