#!/usr/bin/env node
// AudioStream benchmarks in headless Chromium (Debian's /usr/bin/chromium driven by
// playwright-core, pages served with and without cross-origin isolation):
//   1. CaptureProcessor process() cost per 128-frame render quantum, against a JS peer
//      that only copies the quantum into a ring;
//   2. capture latency, a track sample in -> the AudioFrameEvent holding it out (see
//      bench/stream/latency.html for what is timed against what), against
//      a JS peer worklet that posts raw blocks of the same duration.
// Usage: npm run build && node bench/stream/run.js
import { launch } from '../../tests/browser/harness.js';

const fmt = (v, d = 1) => (typeof v === 'number' ? v.toFixed(d) : String(v));

const browser = await launch();
try {
  const configs = [
    { inputChannels: 2, rate: 24000, channels: 2, frameMs: 20, label: '48 kHz stereo -> 24 kHz stereo, 20 ms frames' },
    { inputChannels: 2, rate: 16000, channels: 1, frameMs: 10, label: '48 kHz stereo -> 16 kHz mono, 10 ms frames' },
    { inputChannels: 2, rate: 48000, channels: 1, frameMs: 10, label: '48 kHz stereo -> 48 kHz mono, 10 ms frames (no resampling)' },
    { inputChannels: 2, peer: true, label: 'peer: JS copy of the quantum into a float ring, no conversion' },
  ];
  const { result: cost, page } = await browser.run(`/bench/stream/process-cost.html?configs=${encodeURIComponent(JSON.stringify(configs))}`, { timeoutMs: 300_000 });
  await page.close();
  console.log(`## CaptureProcessor process() cost per 128-frame quantum (crossOriginIsolated=${cost.crossOriginIsolated})`);
  console.log(`${cost.userAgent}\n`);
  console.log('Single quanta are timed at the clock resolution of the page (5 us isolated); the 16-quantum batches resolve better.\n');
  console.log('| configuration | p50 us | p90 us | p99 us | max us | 16-quantum batches: mean (p50, p99) us per quantum | ratio to peer (batch p50) | quanta |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  const peerP50 = cost.results.find((r) => r.peer)?.batched.p50;
  for (const r of cost.results) {
    const q = r.perQuantum;
    const b = r.batched;
    console.log(`| ${r.label} | ${fmt(q.p50)} | ${fmt(q.p90)} | ${fmt(q.p99)} | ${fmt(q.max)} | ${fmt(b.meanUs, 2)} (${fmt(b.p50, 2)}, ${fmt(b.p99, 2)}) | ${fmt(b.p50 / peerP50, 1)}x | ${q.n} |`);
  }

  console.log('\n## Capture latency: a track sample in -> the AudioFrameEvent holding it (ms; median (p90, max) over pulses)\n');
  console.log('wait = on the audio clock, from the frame\'s first sample to the end of the quantum that completes it (with the resampler\'s look-ahead);');
  console.log('transport = wall time from that quantum\'s rendering to the event on the main thread; latency = wait + transport;');
  console.log('wall = wall time from the first sample\'s quantum to the event (spreads with the device callback\'s burst phase).\n');
  console.log('| isolated | transport | stream format | wait | transport | latency | target | peer latency | wall | peer wall | pulses |');
  console.log('| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  const cases = [
    { rate: 48000, channels: 1, frameMs: 10 },
    { rate: 16000, channels: 1, frameMs: 10 },
    { rate: 24000, channels: 2, frameMs: 20 },
  ];
  for (const isolated of [true, false]) {
    for (const c of cases) {
      const { result: r, page: p } = await browser.run(`/bench/stream/latency.html?rate=${c.rate}&channels=${c.channels}&frameMs=${c.frameMs}&pulses=30`, { isolated, timeoutMs: 180_000 });
      await p.close();
      const m = (s) => `${fmt(s.median, 2)} (${fmt(s.p90, 2)}, ${fmt(s.max, 2)})`;
      const o = r.ours;
      console.log(
        `| ${r.crossOriginIsolated} | ${r.transport} | ${c.rate / 1000} kHz x ${c.channels}, ${c.frameMs} ms | ${m(o.wait)} | ${m(o.transport)} | ${m(o.latency)} | ${fmt(r.targetMs, 2)} | ${m(r.peer.latency)} | ${m(o.wall)} | ${m(r.peer.wall)} | ${o.latency.n} |`,
      );
    }
  }
} finally {
  await browser.close();
}
