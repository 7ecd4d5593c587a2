#!/usr/bin/env node
// Node half of the resampler benchmark (run it through bench/resampler/run.sh, which also
// builds and runs the native half). Measures, on the same int16 workloads: our wasm build
// (through the raw core API a worklet uses, and through the public AudioResampler),
// @livekit/rtc-node's AudioResampler, @echogarden/speex-resampler-wasm,
// @alexanderolsen/libsamplerate-js and wave-resampler; merges the native results
// (our native build, libsoxr MQ/HQ/VHQ) and prints markdown tables: x realtime (best of
// N repetitions), the ratio to native soxr MQ on the same workload, and quality.
//
//   node bench/resampler/run.js --native results/native.jsonl --quality-dir results/q --reps 5
import { readFileSync, existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import * as lk from '@livekit/rtc-node';
import SpeexResampler from '@echogarden/speex-resampler-wasm/simd';
import libsamplerate from '@alexanderolsen/libsamplerate-js';
import waveResampler from 'wave-resampler';
import { AudioFrame, AudioResampler, AudioResamplerQuality, loadAudioCore } from '../../js/index.js';
import { measure, qualitySignals, qualityTone, speedSignal } from './metrics.js';

const args = Object.fromEntries(
  process.argv.slice(2).reduce((acc, a, i, all) => (a.startsWith('--') ? [...acc, [a.slice(2), all[i + 1]]] : acc), []),
);
const REPS = Number(args.reps ?? 5);
const SECONDS = Number(args.seconds ?? 60);
const ONLY = args.only ? new RegExp(args.only) : null;
const PAIRS = [[48000, 16000], [16000, 48000], [44100, 48000], [48000, 24000]];

// ------------------------------------------------------------------ peers
// Each peer: make(inRate, outRate, channels) -> { push(int16 interleaved chunk, frames) ->
// number of output frames, finish() -> frames, close() }. Outputs are produced as the peer
// hands them out (copied out of wasm heaps), so the cost of getting them is included.

const core = await loadAudioCore();
const speex = await SpeexResampler();
const { create: createSrc, ConverterType } = libsamplerate;
const waveResample = waveResampler.resample;

const peers = [
  {
    name: 'wasm ours MEDIUM (core API)',
    make(inRate, outRate, ch, keep) {
      const r = new core.AudioResamplerCore();
      if (r.create(inRate, outRate, ch, AudioResamplerQuality.MEDIUM, false) !== 0) throw new Error('create');
      let inPtr = 0, inFrames = 0, outPtr = 0, outCap = 0;
      const room = (frames) => {
        if (frames > inFrames) {
          core._free(inPtr); inPtr = core._malloc(frames * ch * 2); inFrames = frames;
          core._free(outPtr); outCap = r.maxOutputFrames(frames) + 64; outPtr = core._malloc(outCap * ch * 2);
        }
      };
      return {
        push(chunk, frames) {
          room(frames);
          core.HEAP16.set(chunk, inPtr >> 1);
          const n = r.processS16(inPtr, frames, outPtr, outCap);
          keep(core.HEAP16.slice(outPtr >> 1, (outPtr >> 1) + n * ch));
          return n;
        },
        finish() {
          room(1);
          const pending = r.pendingFlushFrames();
          if (pending > outCap) { core._free(outPtr); outCap = pending; outPtr = core._malloc(outCap * ch * 2); }
          const n = r.flushS16(outPtr, outCap);
          keep(core.HEAP16.slice(outPtr >> 1, (outPtr >> 1) + n * ch));
          return n;
        },
        close() { core._free(inPtr); core._free(outPtr); r.delete(); },
      };
    },
  },
  {
    name: 'wasm ours MEDIUM (AudioResampler.push)',
    make(inRate, outRate, ch, keep) {
      const r = new AudioResampler(inRate, outRate, { numChannels: ch, quality: AudioResamplerQuality.MEDIUM });
      const take = (frames) => frames.reduce((t, f) => (keep(f.data), t + f.samplesPerChannel), 0);
      return {
        push: (chunk, frames) => take(r.push(new AudioFrame(chunk, inRate, ch, frames))),
        finish: () => take(r.flush()),
        close: () => r.close(),
      };
    },
  },
  {
    name: '@livekit/rtc-node MEDIUM',
    make(inRate, outRate, ch, keep) {
      const r = new lk.AudioResampler(inRate, outRate, ch, lk.AudioResamplerQuality.MEDIUM);
      const take = (frames) => frames.reduce((t, f) => (keep(f.data), t + f.samplesPerChannel), 0);
      return {
        push: (chunk, frames) => take(r.push(new lk.AudioFrame(chunk, inRate, ch, frames))),
        finish: () => take(r.flush()),
        close: () => {},
      };
    },
  },
  {
    name: 'speex-resampler-wasm (simd) q5',
    make(inRate, outRate, ch, keep) {
      const errPtr = speex._malloc(4);
      const st = speex._speex_resampler_init(ch, inRate, outRate, 5, errPtr);
      const lens = speex._malloc(8);
      let inPtr = 0, inFrames = 0, outPtr = 0, outCap = 0;
      const run = (chunk, frames) => {
        if (frames > inFrames) {
          speex._free(inPtr); inPtr = speex._malloc(frames * ch * 2); inFrames = frames;
          speex._free(outPtr); outCap = Math.ceil((frames * outRate) / inRate) + 64; outPtr = speex._malloc(outCap * ch * 2);
        }
        speex.HEAP16.set(chunk, inPtr >> 1);
        let done = 0, made = 0;
        while (done < frames) {
          speex.HEAPU32[lens >> 2] = frames - done;
          speex.HEAPU32[(lens >> 2) + 1] = outCap;
          speex._speex_resampler_process_interleaved_int(st, inPtr + done * ch * 2, lens, outPtr, lens + 4);
          const used = speex.HEAPU32[lens >> 2];
          const n = speex.HEAPU32[(lens >> 2) + 1];
          keep(speex.HEAP16.slice(outPtr >> 1, (outPtr >> 1) + n * ch));
          done += used; made += n;
          if (used === 0 && n === 0) break;
        }
        return made;
      };
      const latency = speex._speex_resampler_get_input_latency(st);
      return {
        push: run,
        finish: () => run(new Int16Array(latency * ch), latency), // speex has no flush: push its latency of zeros
        close: () => { speex._free(inPtr); speex._free(outPtr); speex._free(lens); speex._free(errPtr); speex._speex_resampler_destroy(st); },
      };
    },
  },
  {
    name: 'libsamplerate-js SINC_MEDIUM',
    async make(inRate, outRate, ch, keep) {
      const src = await createSrc(ch, inRate, outRate, { converterType: ConverterType.SRC_SINC_MEDIUM_QUALITY });
      const run = (chunk) => {
        const f = new Float32Array(chunk.length);
        for (let i = 0; i < chunk.length; i++) f[i] = chunk[i] / 32768;
        const out = src.full(f);
        const s = new Int16Array(out.length);
        for (let i = 0; i < out.length; i++) s[i] = Math.max(-32768, Math.min(32767, Math.round(out[i] * 32768)));
        keep(s);
        return s.length / ch;
      };
      return { push: run, finish: () => 0, close: () => src.destroy() };
    },
  },
  {
    name: 'wave-resampler (default: cubic + IIR LPF)',
    make(inRate, outRate, ch, keep) {
      // Stateless: every chunk is resampled on its own, one channel at a time.
      const run = (chunk, frames) => {
        let made = 0;
        const outs = [];
        for (let c = 0; c < ch; c++) {
          const plane = new Float64Array(frames);
          for (let i = 0; i < frames; i++) plane[i] = chunk[i * ch + c];
          outs.push(waveResample(plane, inRate, outRate));
        }
        made = outs[0].length;
        const s = new Int16Array(made * ch);
        for (let i = 0; i < made; i++) for (let c = 0; c < ch; c++) s[i * ch + c] = Math.max(-32768, Math.min(32767, Math.round(outs[c][i])));
        keep(s);
        return made;
      };
      return { push: run, finish: () => 0, close: () => {} };
    },
  },
];

// ------------------------------------------------------------------ workloads

async function timeRun(peer, inRate, outRate, ch, input, chunkFrames) {
  const frames = input.length / ch;
  const s = await peer.make(inRate, outRate, ch, () => {});
  let out = 0;
  const t0 = performance.now();
  for (let pos = 0; pos < frames; pos += chunkFrames) {
    const n = Math.min(chunkFrames, frames - pos);
    out += s.push(input.subarray(pos * ch, (pos + n) * ch), n);
  }
  out += s.finish();
  const seconds = (performance.now() - t0) / 1000;
  s.close();
  return { seconds, out };
}

const results = [];
const reps = (peer) => (peer.name.startsWith('wave-resampler') ? 1 : REPS);
for (const ch of [1, 2]) {
  for (const [inRate, outRate] of PAIRS) {
    const input = speedSignal(inRate, ch, SECONDS);
    for (const mode of ['stream', 'buffer']) {
      const chunk = mode === 'stream' ? inRate / 100 : input.length / ch;
      for (const peer of peers.filter((p) => !ONLY || ONLY.test(p.name))) {
        let best = Infinity;
        let outFrames = 0;
        for (let r = 0; r < reps(peer); r++) {
          const { seconds, out } = await timeRun(peer, inRate, outRate, ch, input, chunk);
          if (seconds < best) best = seconds;
          outFrames = out;
        }
        results.push({ impl: peer.name, in: inRate, out: outRate, channels: ch, mode, seconds: best, audioSeconds: SECONDS, outFrames });
        process.stderr.write(`${peer.name} ${ch}ch ${inRate}->${outRate} ${mode}: ${(SECONDS / best).toFixed(0)}x\n`);
      }
    }
  }
}
process.stderr.write('\n');

// ------------------------------------------------------------------ native half
if (args.native && existsSync(args.native)) {
  for (const line of readFileSync(args.native, 'utf8').split('\n')) if (line.trim()) results.push(JSON.parse(line));
}

// ------------------------------------------------------------------ quality
const quality = {};
async function runQuality(peer, inRate, outRate) {
  const outputs = {};
  for (const [name, freq, dbfs] of qualitySignals(inRate, outRate)) {
    const parts = [];
    const s = await peer.make(inRate, outRate, 1, (p) => parts.push(p));
    const x = qualityTone(inRate, freq, dbfs);
    s.push(x, x.length);
    s.finish();
    s.close();
    const total = parts.reduce((t, p) => t + p.length, 0);
    const y = new Int16Array(total);
    let at = 0;
    for (const p of parts) { y.set(p, at); at += p.length; }
    outputs[name] = y;
  }
  return measure(inRate, outRate, outputs);
}
for (const peer of peers.filter((p) => !p.name.includes('(AudioResampler.push)') && (!ONLY || ONLY.test(p.name)))) {
  quality[peer.name] = {};
  for (const [i, o] of PAIRS) quality[peer.name][`${i}->${o}`] = await runQuality(peer, i, o);
}
const nativeImpls = [...new Set(results.filter((r) => r.impl.startsWith('native')).map((r) => r.impl))];
for (const impl of nativeImpls) {
  if (!args['quality-dir']) break;
  quality[impl] = {};
  for (const [i, o] of PAIRS) {
    const outputs = {};
    for (const [name] of qualitySignals(i, o)) {
      const file = `${args['quality-dir']}/${impl.replaceAll(' ', '-')}_${i}_${o}_${name}.s16`;
      const buf = readFileSync(file);
      outputs[name] = new Int16Array(buf.buffer, buf.byteOffset, buf.length / 2);
    }
    quality[impl][`${i}->${o}`] = measure(i, o, outputs);
  }
}

// ------------------------------------------------------------------ report
const key = (r) => `${r.in}->${r.out} ${r.channels === 1 ? 'mono' : 'stereo'}`;
const ref = Object.fromEntries(results.filter((r) => r.impl === 'native soxr MQ').map((r) => [`${key(r)} ${r.mode}`, r.seconds]));
const impls = [...new Set(results.map((r) => r.impl))];
const workloads = [...new Set(results.map(key))];
const geo = (xs) => Math.exp(xs.reduce((t, x) => t + Math.log(x), 0) / xs.length);
const fmt = (x) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));

for (const mode of ['stream', 'buffer']) {
  console.log(`\n### ${mode === 'stream' ? 'Streamed in 10 ms chunks' : 'One 60 s buffer'}: x realtime (ratio to native soxr MQ)\n`);
  console.log(`| resampler | ${workloads.join(' | ')} | geomean ratio |`);
  console.log(`| --- | ${workloads.map(() => '---:').join(' | ')} | ---: |`);
  for (const impl of impls) {
    const cells = [];
    const ratios = [];
    for (const w of workloads) {
      const r = results.find((x) => x.impl === impl && key(x) === w && x.mode === mode);
      if (!r) { cells.push('–'); continue; }
      const ratio = ref[`${w} ${mode}`] / r.seconds;
      ratios.push(ratio);
      cells.push(`${fmt(r.audioSeconds / r.seconds)} (${fmt(ratio)})`);
    }
    console.log(`| ${impl} | ${cells.join(' | ')} | ${ratios.length ? fmt(geo(ratios)) : '–'} |`);
  }
}

console.log('\n### Quality (int16 mono in and out, no dither except inside @livekit/rtc-node; metrics in bench/resampler/metrics.js; "silent" = every alias rounded to zero)\n');
console.log(`| resampler | ${PAIRS.map(([i, o]) => `${i}->${o} THD+N / passband dev / rejection`).join(' | ')} |`);
console.log(`| --- | ${PAIRS.map(() => '---').join(' | ')} |`);
for (const impl of Object.keys(quality)) {
  const cells = PAIRS.map(([i, o]) => {
    const q = quality[impl][`${i}->${o}`];
    const rejection = Number.isFinite(q.rejectionDb) ? `${q.rejectionDb.toFixed(1)} dB` : 'silent';
    return `${q.thdnDb.toFixed(1)} dB / ${q.passbandDevDb.toFixed(2)} dB / ${rejection}`;
  });
  console.log(`| ${impl} | ${cells.join(' | ')} |`);
}

// The speed targets (docs/BENCHMARKS.md, "What this says"), from the streamed workloads.
const streamedRatio = (impl) => geo(workloads.map((w) => ref[`${w} stream`] / results.find((x) => x.impl === impl && key(x) === w && x.mode === 'stream').seconds));
const speedOf = (impl, w) => results.find((x) => x.impl === impl && key(x) === w && x.mode === 'stream').seconds;
console.log('\n### Targets (streamed workloads, geometric mean)\n');
console.log(`- wasm MEDIUM (core API) / native soxr MQ: ${fmt(streamedRatio('wasm ours MEDIUM (core API)'))} (target >= 0.5)`);
console.log(`- wasm MEDIUM (AudioResampler.push) / native soxr MQ: ${fmt(streamedRatio('wasm ours MEDIUM (AudioResampler.push)'))}`);
console.log(`- native MEDIUM / native soxr MQ: ${nativeImpls.length ? fmt(streamedRatio('native ours MEDIUM')) : 'not run'} (target >= 1.0)`);
for (const ours of ['wasm ours MEDIUM (core API)', 'wasm ours MEDIUM (AudioResampler.push)']) {
  console.log(`- ${ours} / @livekit/rtc-node MEDIUM: ${fmt(geo(workloads.map((w) => speedOf('@livekit/rtc-node MEDIUM', w) / speedOf(ours, w))))} (target >= 10)`);
}

// LiveKit's FFI keeps the event loop alive: release it so the process (and run.sh) ends.
await lk.dispose();
process.exit(0);
