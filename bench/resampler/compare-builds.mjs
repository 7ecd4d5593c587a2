#!/usr/bin/env node
// Compares two builds of the wasm core on the streamed benchmark workloads (10 ms int16
// chunks, MEDIUM, through the raw core API), both loaded into one Node process and run
// alternately, timed in process CPU time (best of N), so the load of a shared machine
// moves both alike. Used to measure each resampler change against the one before it.
//
//   cp -r js /tmp/js-before            # before the change (with js/generated built)
//   ...change, bash scripts/build.sh...
//   node bench/resampler/compare-builds.mjs /tmp/js-before ./js [seconds=10] [rounds=5]
//
// Prints x realtime for A and B and B's speed relative to A per workload, and the
// geometric mean. "output count differs" flags builds whose filters differ in latency.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { speedSignal } from './metrics.js';

const [dirA, dirB] = process.argv.slice(2, 4);
if (!dirA || !dirB) {
  console.error('usage: node bench/resampler/compare-builds.mjs <js dir A> <js dir B> [seconds] [rounds]');
  process.exit(2);
}
const SECONDS = Number(process.argv[4] ?? 10);
const ROUNDS = Number(process.argv[5] ?? 5);
const load = async (dir) => (await import(pathToFileURL(resolve(dir, 'index.js')).href)).loadAudioCore();
const A = await load(dirA);
const B = await load(dirB);
const PAIRS = [[48000, 16000], [16000, 48000], [44100, 48000], [48000, 24000]];
const MEDIUM = 2;

function run(core, inRate, outRate, ch, x) {
  const r = new core.AudioResamplerCore();
  if (r.create(inRate, outRate, ch, MEDIUM, false) !== 0) throw new Error('create');
  const chunk = inRate / 100;
  const inPtr = core._malloc(chunk * ch * 2);
  const cap = r.maxOutputFrames(chunk) + 64;
  const outPtr = core._malloc(cap * ch * 2);
  let out = 0;
  const t0 = process.cpuUsage();
  for (let pos = 0; pos < x.length / ch; pos += chunk) {
    core.HEAP16.set(x.subarray(pos * ch, (pos + chunk) * ch), inPtr >> 1);
    const n = r.processS16(inPtr, chunk, outPtr, cap);
    core.HEAP16.slice(outPtr >> 1, (outPtr >> 1) + n * ch);
    out += n;
  }
  const t = process.cpuUsage(t0);
  core._free(inPtr);
  core._free(outPtr);
  r.delete();
  return { micros: t.user + t.system, out };
}

const logs = [];
for (const ch of [1, 2]) {
  for (const [inRate, outRate] of PAIRS) {
    const x = speedSignal(inRate, ch, SECONDS);
    let a = Infinity;
    let b = Infinity;
    let same = true;
    for (let k = 0; k < ROUNDS; k++) {
      const ra = run(A, inRate, outRate, ch, x);
      const rb = run(B, inRate, outRate, ch, x);
      a = Math.min(a, ra.micros);
      b = Math.min(b, rb.micros);
      same &&= ra.out === rb.out;
    }
    logs.push(Math.log(a / b));
    const x1 = (m) => ((SECONDS * 1e6) / m).toFixed(0);
    console.log(`${ch === 1 ? 'mono' : 'stereo'} ${inRate}->${outRate}: A ${x1(a)}x  B ${x1(b)}x  B/A ${(a / b).toFixed(2)}${same ? '' : '  (output count differs)'}`);
  }
}
console.log(`geomean B/A ${Math.exp(logs.reduce((t, v) => t + v, 0) / logs.length).toFixed(2)}`);
