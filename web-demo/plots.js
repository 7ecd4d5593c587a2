// Canvas plots of the received audio: a triggered waveform (every channel) and a
// magnitude spectrum (channel 0, Hann window, log frequency axis).

const COLORS = ['#2563eb', '#e11d48'];

/** Keeps the last `size` samples per channel of int16 frames, as floats. */
export class History {
  constructor(size = 4096) {
    this.size = size;
    this.sampleRate = 48000;
    this.channels = [new Float32Array(size)];
    this.written = 0;
  }

  push(frame) {
    const { numChannels, samplesPerChannel, data, sampleRate } = frame;
    if (this.channels.length !== numChannels || this.sampleRate !== sampleRate) {
      this.channels = Array.from({ length: numChannels }, () => new Float32Array(this.size));
      this.sampleRate = sampleRate;
      this.written = 0;
    }
    for (let i = 0; i < samplesPerChannel; i++) {
      const at = (this.written + i) % this.size;
      for (let c = 0; c < numChannels; c++) this.channels[c][at] = data[i * numChannels + c] / 32768;
    }
    this.written += samplesPerChannel;
  }

  /** The last `n` samples of channel `c`, oldest first. */
  last(c, n) {
    const out = new Float32Array(n);
    const end = this.written;
    for (let i = 0; i < n; i++) {
      const k = end - n + i;
      out[i] = k < 0 ? 0 : this.channels[c][k % this.size];
    }
    return out;
  }
}

function fitCanvas(canvas) {
  const ratio = window.devicePixelRatio || 1;
  const width = Math.max(1, Math.round(canvas.clientWidth * ratio));
  const height = Math.max(1, Math.round(canvas.clientHeight * ratio));
  if (canvas.width !== width || canvas.height !== height) {
    canvas.width = width;
    canvas.height = height;
  }
  const g = canvas.getContext('2d');
  g.setTransform(ratio, 0, 0, ratio, 0, 0);
  return { g, w: canvas.clientWidth, h: canvas.clientHeight };
}

function grid(g, w, h, lines) {
  g.clearRect(0, 0, w, h);
  g.strokeStyle = 'rgba(127,127,127,0.25)';
  g.lineWidth = 1;
  g.beginPath();
  for (const [x0, y0, x1, y1] of lines) {
    g.moveTo(x0, y0);
    g.lineTo(x1, y1);
  }
  g.stroke();
}

/** Draws ~`ms` of each channel, starting at a rising zero crossing of channel 0 so a tone stands still. */
export function drawWaveform(canvas, history, ms = 10) {
  const { g, w, h } = fitCanvas(canvas);
  grid(g, w, h, [[0, h / 2, w, h / 2], [0, h / 4, w, h / 4], [0, (3 * h) / 4, w, (3 * h) / 4]]);
  const n = Math.max(2, Math.round((history.sampleRate * ms) / 1000));
  const look = n * 2;
  const head = history.last(0, look);
  let trigger = 0;
  for (let i = 1; i < look - n; i++) {
    if (head[i - 1] < 0 && head[i] >= 0) {
      trigger = i;
      break;
    }
  }
  history.channels.forEach((_, c) => {
    const x = history.last(c, look).subarray(trigger, trigger + n);
    g.strokeStyle = COLORS[c % COLORS.length];
    g.lineWidth = 1.5;
    g.beginPath();
    for (let i = 0; i < n; i++) {
      const px = (i / (n - 1)) * w;
      const py = h / 2 - x[i] * (h / 2 - 2);
      if (i === 0) g.moveTo(px, py);
      else g.lineTo(px, py);
    }
    g.stroke();
  });
  g.fillStyle = 'rgba(127,127,127,0.9)';
  g.font = '11px system-ui, sans-serif';
  g.fillText(`${ms} ms, ${history.channels.length} ch @ ${history.sampleRate} Hz`, 6, 14);
}

/** In-place radix-2 FFT of (re, im); the length is a power of two. */
function fft(re, im) {
  const n = re.length;
  for (let i = 1, j = 0; i < n; i++) {
    let bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) {
      [re[i], re[j]] = [re[j], re[i]];
      [im[i], im[j]] = [im[j], im[i]];
    }
  }
  for (let len = 2; len <= n; len <<= 1) {
    const angle = (-2 * Math.PI) / len;
    for (let i = 0; i < n; i += len) {
      for (let k = 0; k < len / 2; k++) {
        const wr = Math.cos(angle * k);
        const wi = Math.sin(angle * k);
        const a = i + k;
        const b = a + len / 2;
        const tr = re[b] * wr - im[b] * wi;
        const ti = re[b] * wi + im[b] * wr;
        re[b] = re[a] - tr;
        im[b] = im[a] - ti;
        re[a] += tr;
        im[a] += ti;
      }
    }
  }
}

/** Magnitude spectrum of the last `n` samples of channel 0 in dBFS (a full-scale sine reads 0 dB). */
export function spectrum(history, n = 2048) {
  const re = history.last(0, n);
  const im = new Float32Array(n);
  let windowSum = 0;
  for (let i = 0; i < n; i++) {
    const hann = 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / (n - 1));
    re[i] *= hann;
    windowSum += hann;
  }
  fft(re, im);
  const db = new Float32Array(n / 2);
  for (let k = 0; k < n / 2; k++) db[k] = 20 * Math.log10((2 * Math.hypot(re[k], im[k])) / windowSum + 1e-9);
  return db;
}

/** Draws the spectrum from 20 Hz to Nyquist (log axis), -120..0 dBFS; returns the peak frequency. */
export function drawSpectrum(canvas, history) {
  const { g, w, h } = fitCanvas(canvas);
  const db = spectrum(history);
  const nyquist = history.sampleRate / 2;
  const lo = Math.log10(20);
  const span = Math.log10(nyquist) - lo;
  const xOf = (f) => ((Math.log10(f) - lo) / span) * w;
  const yOf = (d) => (Math.min(0, Math.max(-120, d)) / -120) * h;
  const ticks = [100, 1000, 10000].filter((f) => f < nyquist);
  grid(g, w, h, [...ticks.map((f) => [xOf(f), 0, xOf(f), h]), ...[-40, -80].map((d) => [0, yOf(d), w, yOf(d)])]);
  g.strokeStyle = COLORS[0];
  g.lineWidth = 1.5;
  g.beginPath();
  let peak = 1;
  for (let k = 1; k < db.length; k++) {
    if (db[k] > db[peak]) peak = k;
    const x = xOf((k * nyquist) / db.length);
    if (x < 0) continue;
    if (k === 1) g.moveTo(x, yOf(db[k]));
    else g.lineTo(x, yOf(db[k]));
  }
  g.stroke();
  g.fillStyle = 'rgba(127,127,127,0.9)';
  g.font = '11px system-ui, sans-serif';
  ticks.forEach((f) => g.fillText(f >= 1000 ? `${f / 1000}k` : String(f), xOf(f) + 3, h - 4));
  g.fillText('0 dB', 4, 12);
  g.fillText('-40', 4, yOf(-40) - 3);
  g.fillText('-80', 4, yOf(-80) - 3);
  return { frequency: (peak * nyquist) / db.length, level: db[peak] };
}
