#!/usr/bin/env node
// Reports the shipped size of the wasm core and its JS glue: raw, gzip -9 and brotli.
// Run after `npm run build`:  node bench/size.js
import { readFileSync } from 'node:fs';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const files = ['js/generated/rtc_audio_core.wasm', 'js/generated/rtc_audio_core.js'];
const rows = files.map((file) => {
  const bytes = readFileSync(new URL(`../${file}`, import.meta.url));
  return {
    file,
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
});
const total = rows.reduce((t, r) => ({ raw: t.raw + r.raw, gzip: t.gzip + r.gzip, brotli: t.brotli + r.brotli }), { raw: 0, gzip: 0, brotli: 0 });
console.log('| file | raw bytes | gzip -9 | brotli 11 |');
console.log('| --- | ---: | ---: | ---: |');
for (const r of [...rows, { file: '**total**', ...total }]) console.log(`| ${r.file} | ${r.raw} | ${r.gzip} | ${r.brotli} |`);
