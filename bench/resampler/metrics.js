// Quality metrics shared by every peer in the resampler benchmark (int16 mono in and out,
// 1 s test signals; see signals below and native_bench.cc, which writes the same ones).
//
//   THD+N     1 kHz at -1 dBFS: power of what a fitted sinusoid leaves / the tone's power
//   passband  gain (dB) of -6 dBFS tones at 0.1 .. 0.9 x the lower Nyquist; worst |gain|
//   alias     -1 dBFS tones at 1.15 / 1.5 / 1.85 x the lower Nyquist (those below the
//             input's Nyquist): output power / input tone power (everything that comes
//             out is alias); for upsampling pairs none exist and the images of a
//             -1 dBFS tone at 0.9 x Nyquist (what its fit leaves) are used instead
// Everything is measured on the steady middle 60% of the output, so delay and start-up
// behaviour do not matter. int16 output quantisation puts a floor near -97 dB on THD+N
// and near 100 dB on rejection: figures at that floor mean "at least this good".

/** The speed workload: `seconds` of int16 tone (440 Hz x channel number) + noise, interleaved. */
export function speedSignal(rate, ch, seconds) {
  const frames = seconds * rate;
  const x = new Int16Array(frames * ch);
  let state = 12345;
  for (let i = 0; i < frames; i++) {
    for (let c = 0; c < ch; c++) {
      state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
      const noise = ((state >>> 8) / (1 << 24) - 0.5) * 2000;
      x[i * ch + c] = Math.round(8000 * Math.sin((2 * Math.PI * 440 * (c + 1) * i) / rate) + noise);
    }
  }
  return x;
}

export function qualityTone(rate, freq, dbfs) {
  const amplitude = 10 ** (dbfs / 20) * 32767;
  const x = new Int16Array(rate);
  for (let i = 0; i < rate; i++) x[i] = Math.round(amplitude * Math.sin((2 * Math.PI * freq * i) / rate));
  return x;
}

/** The quality signals of one rate pair: [name, freq, dbfs][]. */
export function qualitySignals(inRate, outRate) {
  const lowerNyquist = Math.min(inRate, outRate) / 2;
  const list = [['thdn', 1000, -1]];
  for (let k = 1; k <= 9; k++) list.push([`pass${k}`, 0.1 * k * lowerNyquist, -6]);
  for (let k = 0; k < 3; k++) {
    const f = (1.15 + 0.35 * k) * lowerNyquist;
    if (f < (inRate / 2) * 0.98) list.push([`alias${k}`, f, -1]);
  }
  if (list.length === 10) list.push(['image', 0.9 * lowerNyquist, -1]);
  return list;
}

/** Least-squares a*sin + b*cos + c at `freq` over the middle 60% of `y` (int16). */
export function fitTone(y, freq, rate) {
  const begin = Math.floor(y.length * 0.2);
  const end = Math.floor(y.length * 0.8);
  const w = (2 * Math.PI * freq) / rate;
  const m = [[0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0]];
  for (let n = begin; n < end; n++) {
    const v = y[n] / 32768;
    const b = [Math.sin(w * n), Math.cos(w * n), 1];
    for (let i = 0; i < 3; i++) {
      for (let j = 0; j < 3; j++) m[i][j] += b[i] * b[j];
      m[i][3] += b[i] * v;
    }
  }
  for (let i = 0; i < 3; i++) {
    let p = i;
    for (let k = i + 1; k < 3; k++) if (Math.abs(m[k][i]) > Math.abs(m[p][i])) p = k;
    [m[i], m[p]] = [m[p], m[i]];
    for (let k = 0; k < 3; k++) {
      if (k === i || m[i][i] === 0) continue;
      const f = m[k][i] / m[i][i];
      for (let j = 0; j < 4; j++) m[k][j] -= f * m[i][j];
    }
  }
  const a = m[0][3] / m[0][0];
  const b = m[1][3] / m[1][1];
  const c = m[2][3] / m[2][2];
  let res = 0;
  let tot = 0;
  for (let n = begin; n < end; n++) {
    const v = y[n] / 32768;
    const e = v - (a * Math.sin(w * n) + b * Math.cos(w * n) + c);
    res += e * e;
    tot += v * v;
  }
  const count = Math.max(1, end - begin);
  return { amplitude: Math.hypot(a, b), residualRms: Math.sqrt(res / count), totalRms: Math.sqrt(tot / count) };
}

const db = (ratio) => 20 * Math.log10(ratio);

/**
 * Metrics of one peer on one rate pair. `outputs` maps a signal name to its int16 output.
 * `rejectionDb` is Infinity when every alias came out as digital silence (below half an
 * int16 step: more than about 100 dB down).
 * @returns {{thdnDb: number, passbandDevDb: number, rejectionDb: number}}
 */
export function measure(inRate, outRate, outputs) {
  const signals = qualitySignals(inRate, outRate);
  const byName = Object.fromEntries(signals.map(([name, freq, dbfs]) => [name, { freq, amp: 10 ** (dbfs / 20) * (32767 / 32768) }]));
  const thdFit = fitTone(outputs.thdn, 1000, outRate);
  const thdnDb = db(thdFit.residualRms / (thdFit.amplitude / Math.SQRT2));
  let passbandDevDb = 0;
  for (let k = 1; k <= 9; k++) {
    const { freq, amp } = byName[`pass${k}`];
    const fit = fitTone(outputs[`pass${k}`], freq, outRate);
    passbandDevDb = Math.max(passbandDevDb, Math.abs(db(fit.amplitude / amp)));
  }
  let worst = -Infinity;
  const aliases = signals.filter(([name]) => name.startsWith('alias'));
  for (const [name, freq] of aliases) {
    const fit = fitTone(outputs[name], freq, outRate);
    worst = Math.max(worst, db(fit.totalRms / (byName[name].amp / Math.SQRT2)));
  }
  if (aliases.length === 0) {
    const { freq } = byName.image;
    const fit = fitTone(outputs.image, freq, outRate);
    worst = db(fit.residualRms / (fit.amplitude / Math.SQRT2));
  }
  return { thdnDb, passbandDevDb, rejectionDb: -worst };
}
