#!/usr/bin/env node
// Mixing 8 stereo 48 kHz streams, one 10 ms block (480 frames x 2 channels x 8 inputs)
// at a time: the wasm core against a plain JavaScript Int16Array loop, measured in the
// same run. Each row is the best (lowest) of REPS repetitions of BLOCKS blocks, with the
// rows interleaved inside each repetition so machine load hits them alike.
//
//   npm run build && node bench/mixer/mix.js [reps] [blocks]
//
// Rows:
//   js loop (sample-outer)   for each sample: sum the 8 inputs, clamp, store
//   js loop (input-outer)    Int32Array accumulator, add input by input, clamp at the end
//   wasm kernel, SIMD        core.mixS16Simd on inputs already in the wasm heap
//   wasm kernel, scalar      core.mixS16Scalar, same
//   wasm BlockMixer          what AudioMixer does per block: copy each input's 960 samples
//                            into the heap, push (re-blocking), mixBlock, copy the block out
//   AudioMixer end to end    8 async iterables through the public AudioMixer (promises,
//                            timers, frame objects included)
import { AudioFrame, AudioMixer, loadAudioCore } from '../../js/index.js';

const REPS = Number(process.argv[2] ?? 15);
const BLOCKS = Number(process.argv[3] ?? 2000);
const INPUTS = 8;
const CHANNELS = 2;
const FRAMES = 480; // 10 ms at 48 kHz
const SAMPLES = FRAMES * CHANNELS;
const DISTINCT = 64; // distinct input blocks cycled through, so data is not one hot line

const core = await loadAudioCore();

// Seeded speech-like levels: mostly moderate, sometimes loud enough to saturate.
let seed = 12345;
const rand = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32);
const inputs = Array.from({ length: DISTINCT }, () =>
  Array.from({ length: INPUTS }, () => Int16Array.from({ length: SAMPLES }, () => Math.round((rand() * 2 - 1) * 12000))),
);

// ---------------------------------------------------------------- plain JavaScript
function mixSampleOuter(ins, out) {
  const n = out.length;
  const k = ins.length;
  for (let i = 0; i < n; i++) {
    let sum = 0;
    for (let j = 0; j < k; j++) sum += ins[j][i];
    out[i] = sum > 32767 ? 32767 : sum < -32768 ? -32768 : sum;
  }
}

const acc = new Int32Array(SAMPLES);
function mixInputOuter(ins, out) {
  acc.set(ins[0]);
  for (let j = 1; j < ins.length; j++) {
    const input = ins[j];
    for (let i = 0; i < acc.length; i++) acc[i] += input[i];
  }
  for (let i = 0; i < acc.length; i++) {
    const s = acc[i];
    out[i] = s > 32767 ? 32767 : s < -32768 ? -32768 : s;
  }
}

// ---------------------------------------------------------------- wasm kernel, heap-resident
// One heap region per distinct block: a table of (offset, count) pairs, then the inputs.
const tableBytes = INPUTS * 8;
const blockBytes = tableBytes + INPUTS * SAMPLES * 2;
const heapBase = core._malloc(DISTINCT * blockBytes + SAMPLES * 2);
const heapOut = heapBase + DISTINCT * blockBytes;
for (let d = 0; d < DISTINCT; d++) {
  const table = heapBase + d * blockBytes;
  for (let j = 0; j < INPUTS; j++) {
    const ptr = table + tableBytes + j * SAMPLES * 2;
    core.HEAP16.set(inputs[d][j], ptr / 2);
    core.HEAPU32[table / 4 + 2 * j] = ptr;
    core.HEAPU32[table / 4 + 2 * j + 1] = SAMPLES;
  }
}
const kernel = (name) => (d) => core[name](heapBase + d * blockBytes, INPUTS, heapOut, SAMPLES);

// ---------------------------------------------------------------- wasm BlockMixer (the shim's path)
const blockMixer = new core.BlockMixer();
if (blockMixer.configure(CHANNELS, FRAMES) !== 0) throw new Error('BlockMixer.configure failed');
const ids = Array.from({ length: INPUTS }, () => blockMixer.addInput());
const scratch = blockMixer.scratchPtr() / 2;
const outIndex = blockMixer.outputPtr() / 2;
function mixBlockMixer(d) {
  for (let j = 0; j < INPUTS; j++) {
    core.HEAP16.set(inputs[d][j], scratch);
    blockMixer.push(ids[j], SAMPLES);
  }
  blockMixer.mixBlock();
  return core.HEAP16.slice(outIndex, outIndex + SAMPLES);
}

// ---------------------------------------------------------------- AudioMixer end to end
async function audioMixerRun(blocks) {
  const mixer = new AudioMixer(48000, CHANNELS, { blocksize: FRAMES, capacity: 4 });
  for (let j = 0; j < INPUTS; j++) {
    mixer.addStream(
      (async function* stream() {
        for (let b = 0; b < blocks; b++) yield new AudioFrame(inputs[b % DISTINCT][j], 48000, CHANNELS, FRAMES);
      })(),
    );
  }
  mixer.endInput();
  let n = 0;
  for await (const frame of mixer) n += frame.samplesPerChannel;
  if (n !== blocks * FRAMES) throw new Error(`AudioMixer produced ${n} frames, expected ${blocks * FRAMES}`);
}

// ---------------------------------------------------------------- correctness first
const jsOut = new Int16Array(SAMPLES);
const jsOut2 = new Int16Array(SAMPLES);
for (let d = 0; d < DISTINCT; d++) {
  mixSampleOuter(inputs[d], jsOut);
  mixInputOuter(inputs[d], jsOut2);
  for (const name of ['mixS16Simd', 'mixS16Scalar']) {
    kernel(name)(d);
    const wasmOut = core.HEAP16.subarray(heapOut / 2, heapOut / 2 + SAMPLES);
    if (!wasmOut.every((v, i) => v === jsOut[i])) throw new Error(`${name} disagrees with the JS loop`);
  }
  const viaMixer = mixBlockMixer(d);
  if (!viaMixer.every((v, i) => v === jsOut[i] && v === jsOut2[i])) throw new Error('BlockMixer disagrees with the JS loop');
}

// ---------------------------------------------------------------- timing
const rows = {
  'js loop (sample-outer)': (blocks) => {
    for (let b = 0; b < blocks; b++) mixSampleOuter(inputs[b % DISTINCT], jsOut);
  },
  'js loop (input-outer, Int32Array)': (blocks) => {
    for (let b = 0; b < blocks; b++) mixInputOuter(inputs[b % DISTINCT], jsOut);
  },
  'wasm kernel, SIMD (heap-resident inputs)': (blocks) => {
    const run = kernel('mixS16Simd');
    for (let b = 0; b < blocks; b++) run(b % DISTINCT);
  },
  'wasm kernel, scalar (heap-resident inputs)': (blocks) => {
    const run = kernel('mixS16Scalar');
    for (let b = 0; b < blocks; b++) run(b % DISTINCT);
  },
  'wasm BlockMixer: copy in + push + mixBlock + copy out': (blocks) => {
    for (let b = 0; b < blocks; b++) mixBlockMixer(b % DISTINCT);
  },
  'AudioMixer end to end (8 async iterables)': audioMixerRun,
};

const best = Object.fromEntries(Object.keys(rows).map((k) => [k, Infinity]));
for (const [, run] of Object.entries(rows)) await run(Math.min(BLOCKS, 200)); // warm up (JIT)
for (let r = 0; r < REPS; r++) {
  for (const [name, run] of Object.entries(rows)) {
    const t0 = performance.now();
    await run(BLOCKS);
    const perBlockUs = ((performance.now() - t0) * 1000) / BLOCKS;
    best[name] = Math.min(best[name], perBlockUs);
  }
}
blockMixer.delete();
core._free(heapBase);

const jsBest = Math.min(best['js loop (sample-outer)'], best['js loop (input-outer, Int32Array)']);
console.log(`Node ${process.version}, ${REPS} repetitions x ${BLOCKS} blocks, best of each; ` +
  `${INPUTS} inputs x ${FRAMES} frames x ${CHANNELS} channels per block (10 ms at 48 kHz)`);
console.log('');
console.log('| path | µs per 10 ms block | vs fastest JS loop | share of the 10 ms budget |');
console.log('| --- | ---: | ---: | ---: |');
for (const [name, us] of Object.entries(best)) {
  const ratio = jsBest / us;
  let speed = `${ratio.toFixed(2)}x faster`;
  if (us === jsBest) speed = '1.00x (the peer)';
  else if (ratio < 1) speed = `${(1 / ratio).toFixed(2)}x slower`;
  console.log(`| ${name} | ${us.toFixed(2)} | ${speed} | ${((us / 10000) * 100).toFixed(3)} % |`);
}
