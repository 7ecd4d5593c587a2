#!/usr/bin/env node
// Real-time soaks and the many-sources cost in headless Chromium (Debian's chromium via
// playwright-core; pages served cross-origin isolated unless stated):
//   1. one AudioSource for `seconds` (default 300) over shared memory, then over the
//      message port: every sample played, underruns and drops counted;
//   2. 32 AudioSources on one AudioContext for 60 s in real time;
//   3. the per-quantum cost of 1, 8 and 32 AudioSources in one (offline) context against
//      native AudioBufferSourceNodes and a copy-only AudioWorkletNode.
// Usage: npm run build && node bench/soak/run.js [seconds]
// Exits non-zero if a soak had an underrun, a drop or an unplayed sample.
import { launch } from '../../tests/browser/harness.js';

const seconds = Number(process.argv[2] ?? 300);
const fmt = (v, d = 1) => v.toFixed(d);
const browser = await launch();
let failed = false;
try {
  console.log('## Real-time soak (AudioSource -> AudioContext, producer looping on captureFrame)\n');
  console.log('| transport | sources | queueSizeMs | frame ms | wall s | played s (min per source) | underruns | dropped samples | every sample played | slowest capture after start-up (ms) |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: |');
  const soaks = [
    { isolated: true, seconds, sources: 1, queueMs: 1000, frameMs: 20 },
    { isolated: false, seconds, sources: 1, queueMs: 1000, frameMs: 20 },
    { isolated: true, seconds: 60, sources: 32, queueMs: 1000, frameMs: 20 },
  ];
  for (const s of soaks) {
    const query = `seconds=${s.seconds}&sources=${s.sources}&queueMs=${s.queueMs}&frameMs=${s.frameMs}`;
    const { result: r, errors, page } = await browser.run(`/tests/browser/pages/soak.html?${query}`, { isolated: s.isolated, timeoutMs: (s.seconds + 120) * 1000 });
    await page.close();
    const played = Math.min(...r.stats.map((x) => x.playedSamples)) / 48000;
    const ok = errors.length === 0 && r.underruns === 0 && r.droppedSamples === 0 && r.allPlayed;
    failed ||= !ok;
    console.log(
      `| ${r.stats[0].transport} | ${s.sources} | ${s.queueMs} | ${s.frameMs} | ${fmt(r.wallMs / 1000)} | ${fmt(played)} | ${r.underruns} | ${r.droppedSamples} | ${r.allPlayed} | ${fmt(r.slowestCaptureMs)} |${ok ? '' : ` FAILED ${errors.join('; ')}`}`,
    );
  }

  const { result: c, page } = await browser.run('/bench/soak/sources-cost.html?counts=[1,8,32]&seconds=4&runs=3', { timeoutMs: 600_000 });
  await page.close();
  console.log(`\n## Cost per 128-frame quantum of N sources in one context (OfflineAudioContext, ${c.seconds} s rendered, median of ${c.runs} runs)\n`);
  console.log(`${c.userAgent}\n`);
  console.log('| source rate | N | AudioSource us/quantum | native AudioBufferSourceNode us/quantum | copy-only AudioWorkletNode us/quantum | ours / copy-only | share of the 2667 us quantum | played s (min) | underruns |');
  console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of c.results) {
    console.log(
      `| ${r.rate} | ${r.count} | ${fmt(r.oursUsPerQuantum)} | ${fmt(r.peerUsPerQuantum)} | ${fmt(r.workletPeerUsPerQuantum)} | ${fmt(r.oursUsPerQuantum / r.workletPeerUsPerQuantum)}x | ${fmt((100 * r.oursUsPerQuantum) / 2667)} % | ${fmt(r.minPlayedSeconds, 2)} | ${r.underruns} |`,
    );
  }
} finally {
  await browser.close();
}
process.exitCode = failed ? 1 : 0;
