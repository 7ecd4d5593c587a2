#!/usr/bin/env node
// AudioSource benchmarks in headless Chromium (Debian's /usr/bin/chromium driven by
// playwright-core, pages served with and without cross-origin isolation):
//   1. PlayoutProcessor process() cost per 128-frame render quantum;
//   2. end-to-end loopback latency of a pulse through AudioSource -> LocalAudioTrack ->
//      RTCPeerConnection on one page;
//   3. the drift loop following a producer on another clock.
// Usage: npm run build && node bench/source/run.js
import { launch } from '../../tests/browser/harness.js';

const fmt = (v, d = 1) => (typeof v === 'number' ? v.toFixed(d) : String(v));

const browser = await launch();
try {
  const configs = [
    { rate: 16000, channels: 1, label: '16 kHz mono -> 48 kHz (resampled)' },
    { rate: 48000, channels: 1, label: '48 kHz mono -> 48 kHz' },
    { rate: 48000, channels: 2, label: '48 kHz stereo -> 48 kHz' },
    { rate: 16000, channels: 1, peer: true, label: 'peer: JS ring pop + int16->float, no resampling' },
  ].filter((c) => !(process.env.SKIP_16K && c.rate === 16000));
  const { result: cost, page } = await browser.run(`/bench/source/process-cost.html?configs=${encodeURIComponent(JSON.stringify(configs))}`, { timeoutMs: 300_000 });
  await page.close();
  console.log(`## process() cost per 128-frame quantum (crossOriginIsolated=${cost.crossOriginIsolated})`);
  console.log(`${cost.userAgent}\n`);
  console.log('| configuration | p50 us | p90 us | p99 us | max us | mean us (16-quantum batches) | quanta |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of cost.results) {
    const q = r.perQuantum;
    console.log(`| ${r.label} | ${fmt(q.p50)} | ${fmt(q.p90)} | ${fmt(q.p99)} | ${fmt(q.max)} | ${fmt(r.batched.meanUs, 2)} (p50 ${fmt(r.batched.p50, 2)}, p99 ${fmt(r.batched.p99, 2)}) | ${q.n} |`);
  }
  console.log('\nInside AudioWorkletGlobalScope (Date.now() over runs of 4000 quanta; mean us per quantum, 10 runs):\n');
  for (const w of cost.worklet) console.log(`- ${w.label}: ${w.meanUsPerRun.map((v) => fmt(v, 2)).join(', ')}`);

  console.log('\n## Loopback latency of a pulse (ms; median over pulses, p90 in brackets)\n');
  console.log('| isolated | producer | WebRTC settings | end-to-end, far end via Web Audio | end-to-end, far end via MediaStreamTrackProcessor | captureFrame -> played by AudioSource | played -> far end (Web Audio, frame-exact) | pulses |');
  console.log('| --- | --- | --- | ---: | ---: | ---: | ---: | ---: |');
  const cases = [
    { query: 'mode=pulse&queueMs=1000', producer: 'pulse on an idle queue', settings: 'default' },
    { query: 'mode=pulse&queueMs=1000&lowLatency=1', producer: 'pulse on an idle queue', settings: 'ptime 10, jitterBufferTarget 0' },
    { query: 'mode=stream&queueMs=20&lowLatency=1', producer: '10 ms stream, queueSizeMs 20', settings: 'ptime 10, jitterBufferTarget 0' },
  ];
  for (const isolated of [true, false]) {
    for (const c of cases) {
      const { result: r, page: p } = await browser.run(`/bench/source/latency.html?${c.query}&pulses=25`, { isolated, timeoutMs: 180_000 });
      await p.close();
      const m = (s) => `${fmt(s.median)} (${fmt(s.p90)})`;
      console.log(
        `| ${r.crossOriginIsolated} | ${c.producer} | ${c.settings} | ${m(r.endToEndWebAudio)} | ${m(r.endToEndMstp)} | ${m(r.queue)} | ${m(r.webrtc)} | ${r.measured}/${r.pulses} |`,
      );
    }
  }

  console.log('\n## Drift control: a producer on another clock (48 kHz direct mode, 10 ms frames)\n');
  console.log('The producer runs `ppm` fast or slow against performance.now(); the audio clock\'s own rate against');
  console.log('performance.now() is measured with AudioContext.getOutputTimestamp() over the 10 s before each row, so');
  console.log('the drift the loop has to follow (the producer against the audio clock) is their difference.\n');
  console.log('| producer clock | t (s) | audio clock vs performance.now (ppm) | drift to follow (ppm) | correction (ppm) | queued (ms) | underruns | dropped samples |');
  console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const ppm of [500, -500]) {
    const { result: r, page: p } = await browser.run(`/bench/source/drift.html?ppm=${ppm}&seconds=60`, { timeoutMs: 150_000 });
    await p.close();
    for (const s of r.samples.filter((x) => x.t % 10 === 0)) {
      const clock = s.audioClockPpm;
      console.log(
        `| ${ppm > 0 ? '+' : ''}${ppm} | ${s.t} | ${clock === undefined ? '' : fmt(clock, 0)} | ${clock === undefined ? '' : fmt(ppm - clock, 0)} | ${fmt(s.driftPpm, 0)} | ${fmt(s.queuedMs)} | ${s.underruns} | ${s.dropped} |`,
      );
    }
  }
} finally {
  await browser.close();
}
