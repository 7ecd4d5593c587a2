// The web demo served by the README's first command, driven like a user would: start the
// tone, watch the plots move and the counters, record and download what arrived, and keep
// a screenshot (tests/browser/.artifacts/, not committed) that must not be blank.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch } from './harness.js';

const ARTIFACTS = fileURLToPath(new URL('./.artifacts/', import.meta.url));

let browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** A cheap fingerprint of a canvas's pixels, to see that a plot was redrawn. */
function canvasHash(page, id) {
  return page.evaluate((canvasId) => {
    const c = document.getElementById(canvasId);
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let h = 0;
    let inked = 0;
    for (let i = 0; i < d.length; i += 4) {
      h = (Math.imul(h, 31) + d[i] + d[i + 1] * 3 + d[i + 2] * 7 + d[i + 3] * 11) | 0;
      if (d[i + 3] > 0) inked += 1;
    }
    return { h, inked };
  }, id);
}

/** Pixel variance of a PNG, decoded by the browser itself (no image library needed). */
function pngVariance(page, png) {
  return page.evaluate(async (base64) => {
    const bytes = Uint8Array.from(atob(base64), (ch) => ch.charCodeAt(0));
    const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const g = canvas.getContext('2d');
    g.drawImage(bitmap, 0, 0);
    const d = g.getImageData(0, 0, bitmap.width, bitmap.height).data;
    let sum = 0;
    let sumSq = 0;
    const n = d.length / 4;
    for (let i = 0; i < d.length; i += 4) {
      const y = 0.299 * d[i] + 0.587 * d[i + 1] + 0.114 * d[i + 2];
      sum += y;
      sumSq += y * y;
    }
    const mean = sum / n;
    return { width: bitmap.width, height: bitmap.height, variance: sumSq / n - mean * mean };
  }, png.toString('base64'));
}

const number = async (page, id) => Number(await page.textContent(`#${id}`));

/** Clicks Start and waits until the page runs and more than `frames` frames arrived. */
async function start(page, frames = 100) {
  await page.click('#start');
  await page.waitForFunction(() => document.getElementById('state').textContent === 'Running.', null, { timeout: 30_000 });
  await page.waitForFunction((n) => Number(document.getElementById('frames').textContent) > n, frames, { timeout: 30_000 });
}

/** Clicks Stop and waits until everything is closed. */
async function stop(page) {
  await page.click('#stop');
  await page.waitForFunction(() => document.getElementById('state').textContent === 'Stopped.');
}

describe.each([
  ['cross-origin isolated', '/web-demo/', true],
  ['not isolated', '/web-demo/', false],
  ["strict CSP: script-src 'self' 'wasm-unsafe-eval'", '/web-demo/?csp=strict', true],
])('web demo (%s)', (label, path, isolated) => {
  it('plays the tone through the whole path: plots move, no underruns, a WAV of what arrived', async () => {
    const { page, errors } = await browser.open(path, { isolated });
    await page.setViewportSize({ width: 1200, height: 1100 });
    // The page's module has run (it awaits the wasm core first).
    await page.waitForFunction(() => document.getElementById('isolation').textContent !== '');
    expect(await page.textContent('#isolation')).toContain(isolated ? 'Cross-origin isolated' : 'Not cross-origin isolated');
    // The twin link toggles isolation.
    const twin = new URL(await page.getAttribute('#isolation-link', 'href'));
    expect(twin.searchParams.get('isolated')).toBe(isolated ? '0' : null);

    // The API's default queue (1000 ms) rather than the page's 200 ms: the test machine may
    // be heavily loaded (main-thread stalls), and the underrun counter must stay at 0.
    await page.fill('#queue-ms', '1000');
    await page.fill('#freq', '1000');
    await page.dispatchEvent('#freq', 'input');
    await start(page, 50);
    expect(await page.textContent('#transport')).toBe(isolated ? 'SharedArrayBuffer' : 'MessagePort');

    // The plots keep changing while audio flows (the waveform is re-triggered on every
    // frame of new audio, the frames counter moves, the spectrum is redrawn).
    const before = await canvasHash(page, 'spectrum');
    const framesBefore = await number(page, 'frames');
    await page.waitForTimeout(1500);
    const after = await canvasHash(page, 'spectrum');
    expect(await number(page, 'frames')).toBeGreaterThan(framesBefore + 50);
    expect(after.inked).toBeGreaterThan(1000);
    expect((await canvasHash(page, 'wave')).inked).toBeGreaterThan(1000);
    expect(after.h).not.toBe(before.h);
    // The received tone's peak is at 1 kHz (one FFT bin is 16000 / 2048 = 7.8 Hz).
    const peak = await page.textContent('#peak');
    expect(Math.abs(parseFloat(peak) - 1000)).toBeLessThan(20);

    // The latency is measured from onsets at both ends, timed on one audio clock.
    // Each probe inserts 300 ms of silence; its end is an onset at both ends.
    const measured = () => Number(document.getElementById('latency').dataset.count ?? 0);
    const measuredBefore = await page.evaluate(measured);
    for (let i = 0; i < 10 && (await page.evaluate(measured)) <= measuredBefore; i++) {
      await page.click('#probe');
      await page.waitForTimeout(2000);
    }
    expect(await page.evaluate(measured)).toBeGreaterThan(measuredBefore);
    const latencyMs = parseFloat(await page.textContent('#latency'));
    expect(latencyMs).toBeGreaterThan(0);
    expect(latencyMs).toBeLessThan(1000);

    // Record ~1 s of what arrived and download it as a WAV.
    await page.click('#record');
    await page.waitForTimeout(1000);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#record')]);
    expect(download.suggestedFilename()).toBe('received-16000Hz-1ch.wav');
    const bytes = await readFile(await download.path());
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const wav = { head: bytes.toString('latin1', 0, 4) + bytes.toString('latin1', 8, 12), rate: view.getUint32(24, true), channels: view.getUint16(22, true), dataBytes: view.getUint32(40, true), length: bytes.length };
    expect(wav.head).toBe('RIFFWAVE');
    expect(wav.rate).toBe(16000);
    expect(wav.channels).toBe(1);
    expect(wav.length).toBe(44 + wav.dataBytes);
    expect(wav.dataBytes / 2 / 16000).toBeGreaterThan(0.5); // ~1 s recorded, at 16 kHz mono

    // The counters stayed at zero while the producer and the consumer kept up.
    expect(await number(page, 'underruns')).toBe(0);
    expect(await number(page, 'dropped')).toBe(0);
    // Missed samples are render quanta the audio thread itself skipped (the stream counts
    // them from the gap in its frame indices): they happen when the machine is loaded, so
    // only a gross loss fails here (over 10 % of what was received).
    const received = (await number(page, 'frames')) * 160;
    expect(await number(page, 'missed')).toBeLessThan(received / 10);
    expect(await page.textContent('#path-receiver')).toBe('AudioStream → 16000 Hz mono, 10 ms');

    await mkdir(ARTIFACTS, { recursive: true });
    const png = await page.screenshot({ fullPage: true });
    await writeFile(`${ARTIFACTS}web-demo-${label.replace(/[^a-z]+/gi, '-').replace(/-$/, '')}.png`, png);
    const shot = await pngVariance(page, png);
    expect(shot.width).toBeGreaterThan(600);
    expect(shot.variance).toBeGreaterThan(100); // a blank page has 0

    // The page really ran under the policy it was served with.
    const csp = await page.evaluate(async () => (await fetch(location.href)).headers.get('content-security-policy'));
    if (path.includes('csp=strict')) expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
    else expect(csp).toBeNull();

    await stop(page);
    expect(errors).toEqual([]);
    await page.close();
  });
});

/** A 16-bit PCM WAV of a sine, built here (the page reads it with AudioFrame.fromWavBytes). */
function sineWav(sampleRate, numChannels, frequency, seconds) {
  const frames = Math.round(sampleRate * seconds);
  const bytes = Buffer.alloc(44 + frames * numChannels * 2);
  bytes.write('RIFF', 0, 'latin1');
  bytes.writeUInt32LE(bytes.length - 8, 4);
  bytes.write('WAVEfmt ', 8, 'latin1');
  bytes.writeUInt32LE(16, 16);
  bytes.writeUInt16LE(1, 20);
  bytes.writeUInt16LE(numChannels, 22);
  bytes.writeUInt32LE(sampleRate, 24);
  bytes.writeUInt32LE(sampleRate * numChannels * 2, 28);
  bytes.writeUInt16LE(numChannels * 2, 32);
  bytes.writeUInt16LE(16, 34);
  bytes.write('data', 36, 'latin1');
  bytes.writeUInt32LE(frames * numChannels * 2, 40);
  for (let i = 0; i < frames; i++) {
    const v = Math.round(12000 * Math.sin((2 * Math.PI * frequency * i) / sampleRate));
    for (let c = 0; c < numChannels; c++) bytes.writeInt16LE(v, 44 + (i * numChannels + c) * 2);
  }
  return bytes;
}

describe('web demo sources', () => {
  it('sends a picked WAV file (22.05 kHz stereo, received in stereo at 48 kHz), the speech clip and the microphone', async () => {
    const { page, errors } = await browser.open('/web-demo/');
    await page.waitForFunction(() => document.getElementById('isolation').textContent !== '');
    await page.fill('#queue-ms', '1000');
    await page.selectOption('#rx-rate', '48000');
    await page.selectOption('#rx-channels', '2');
    await page.setInputFiles('#file', { name: 'sine.wav', mimeType: 'audio/wav', buffer: sineWav(22050, 2, 600, 2) });
    await page.waitForFunction(() => document.getElementById('source-kind').value === 'file');
    expect(await page.textContent('#source-note')).toContain('sampleRate=22050, numChannels=2');
    await start(page);
    await page.waitForTimeout(500);
    expect(await page.textContent('#path-source-format')).toBe('22050 Hz stereo');
    expect(await page.textContent('#path-receiver')).toBe('AudioStream → 48000 Hz stereo, 10 ms');
    expect(Math.abs(parseFloat(await page.textContent('#peak')) - 600)).toBeLessThan(30);
    await stop(page);

    // The speech clip, received by the other receiver: tap + AudioResampler at VERY_HIGH.
    await page.selectOption('#source-kind', 'speech');
    await page.selectOption('#rx-kind', 'tap');
    await page.selectOption('#rx-quality', 'VERY_HIGH');
    await start(page);
    expect(await page.textContent('#path-source-format')).toBe('22050 Hz mono');
    expect(await page.textContent('#path-receiver')).toContain('Web Audio tap + AudioResampler');
    expect(await number(page, 'underruns')).toBe(0);
    await stop(page);

    // The microphone (Chromium's fake device), read by an AudioStream into the source.
    await page.selectOption('#source-kind', 'mic');
    expect(await page.isChecked('#monitor')).toBe(false); // no feedback loop by default
    await start(page);
    expect(await page.textContent('#path-source-format')).toBe('48000 Hz mono');
    // The fake microphone beeps: each beep's onset is timed at both ends of the loopback.
    await page.waitForFunction(() => Number(document.getElementById('latency').dataset.count) > 0, null, { timeout: 20_000 });
    await stop(page);
    expect(errors).toEqual([]);
    await page.close();
  });
});
