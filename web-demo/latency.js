// End-to-end latency from onsets: the context-frame index where sound starts after at
// least `quietMs` of silence, at the near end (the source's playout) and at the far end
// (the received track). Both ends are tapped on the same AudioContext clock, so the
// difference is the loopback's latency, exact to the sample.

class OnsetDetector {
  constructor(sampleRate, { quietMs = 150, threshold = 0.003 } = {}) {
    this.quietNeeded = Math.round((sampleRate * quietMs) / 1000);
    this.threshold = threshold;
    this.quiet = this.quietNeeded; // the start counts as after silence
  }

  /** Returns the absolute frame index of the first onset in `block`, or -1. */
  scan(block, start) {
    let found = -1;
    for (let i = 0; i < block.length; i++) {
      if (Math.abs(block[i]) < this.threshold) this.quiet += 1;
      else {
        if (this.quiet >= this.quietNeeded && found < 0) found = start + i;
        this.quiet = 0;
      }
    }
    return found;
  }
}

/** Pairs each near-end onset with the next far-end onset within `maxSeconds`. */
export class LatencyMeter {
  constructor(sampleRate, { maxSeconds = 3 } = {}) {
    this.sampleRate = sampleRate;
    this.maxFrames = maxSeconds * sampleRate;
    this.near = new OnsetDetector(sampleRate);
    this.far = new OnsetDetector(sampleRate);
    this.pending = -1;
    /** Seconds, the latest measurement (NaN until one). */
    this.latest = NaN;
    this.count = 0;
  }

  /** Feeds one tap block (`near`: Float32Array, `far`: Float32Array[] per channel). */
  push({ start, near, far }) {
    const n = this.near.scan(near, start);
    if (n >= 0) this.pending = n;
    const f = this.far.scan(far[0], start);
    if (f >= 0 && this.pending >= 0 && f >= this.pending && f - this.pending <= this.maxFrames) {
      this.latest = (f - this.pending) / this.sampleRate;
      this.count += 1;
      this.pending = -1;
    }
    if (this.pending >= 0 && start - this.pending > this.maxFrames) this.pending = -1;
  }
}
