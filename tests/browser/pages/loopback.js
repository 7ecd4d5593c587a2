// Shared by the loopback test pages and benchmarks: an RTCPeerConnection pair on one
// page, and a recorder on the far end.

/**
 * Sends `track` from one RTCPeerConnection to another on the same page and resolves with
 * the received MediaStream. Opus is asked for stereo when `stereo` (SDP fmtp
 * stereo=1; sprop-stereo=1). The remote stream is also attached to a muted <audio>
 * element (unless `attach` is false): Chromium delivers silence to Web Audio from a
 * remote track otherwise.
 */
export async function loopback(track, { stereo = false, lowLatency = false, attach = true } = {}) {
  const pc1 = new RTCPeerConnection();
  const pc2 = new RTCPeerConnection();
  pc1.onicecandidate = (e) => e.candidate && pc2.addIceCandidate(e.candidate);
  pc2.onicecandidate = (e) => e.candidate && pc1.addIceCandidate(e.candidate);
  const received = new Promise((resolve) => {
    pc2.ontrack = (e) => resolve(e.streams[0] ?? new MediaStream([e.track]));
  });
  pc1.addTrack(track, new MediaStream([track]));
  const munge = (sdp) => {
    let out = stereo ? sdp.replace(/useinbandfec=1/g, 'useinbandfec=1;stereo=1;sprop-stereo=1') : sdp;
    // Low latency: 10 ms Opus packets instead of 20 ms.
    if (lowLatency) out = out.replace(/(a=rtpmap:\d+ opus\/48000\/2\r\n)/, '$1').replace(/\r\nm=audio([^\r]*)\r\n/, '\r\nm=audio$1\r\na=ptime:10\r\na=maxptime:10\r\n');
    return out;
  };
  const offer = await pc1.createOffer();
  await pc1.setLocalDescription(offer);
  await pc2.setRemoteDescription({ type: 'offer', sdp: munge(offer.sdp) });
  const answer = await pc2.createAnswer();
  await pc2.setLocalDescription(answer);
  await pc1.setRemoteDescription({ type: 'answer', sdp: munge(answer.sdp) });
  const stream = await received;
  // Low latency: ask the receiver's jitter buffer for its minimum delay.
  if (lowLatency) for (const r of pc2.getReceivers()) if ('jitterBufferTarget' in r) r.jitterBufferTarget = 0;
  const audio = document.createElement('audio');
  if (attach) {
    audio.muted = true;
    audio.srcObject = stream;
    document.body.append(audio);
    await audio.play().catch(() => {});
  }
  return { pc1, pc2, stream, close: () => { pc1.close(); pc2.close(); audio.remove(); } };
}

/**
 * Records `stream`'s first channel on `context` with the test recorder worklet. Returns
 * `{ samples(): Float32Array, startFrame(): number, onblock, stop() }`.
 */
export async function record(context, stream) {
  return recordNode(context, context.createMediaStreamSource(stream));
}

/**
 * Records the output of `source` (any AudioNode, or a connect function taking the
 * recorder node and returning a disconnect function) like `record`.
 */
export async function recordNode(context, source) {
  await context.audioWorklet.addModule('/tests/browser/pages/recorder-processor.js');
  const node = new AudioWorkletNode(context, 'test-recorder', { numberOfInputs: 1, numberOfOutputs: 1, outputChannelCount: [1] });
  const mute = context.createGain();
  mute.gain.value = 0;
  node.connect(mute).connect(context.destination);
  const disconnect = typeof source === 'function' ? source(node) : (source.connect(node), () => source.disconnect());
  const blocks = [];
  const recorder = {
    onblock: null,
    samples() {
      const out = new Float32Array(blocks.length * 4096);
      blocks.forEach((b, i) => out.set(b.samples, i * 4096));
      return out;
    },
    startFrame: () => blocks[0]?.start ?? 0,
    stop() {
      disconnect();
      node.disconnect();
      mute.disconnect();
    },
  };
  node.port.onmessage = (e) => {
    blocks.push(e.data);
    recorder.onblock?.(e.data);
  };
  return recorder;
}

/** A phase-continuous sine generator writing int16 frames. */
export function toneWriter(sampleRate, numChannels, frequency, amplitude) {
  let phase = 0;
  const step = (2 * Math.PI * frequency) / sampleRate;
  return (frame) => {
    const d = frame.data;
    for (let i = 0; i < frame.samplesPerChannel; i++) {
      const v = Math.round(amplitude * 32767 * Math.sin(phase));
      for (let c = 0; c < numChannels; c++) d[i * numChannels + c] = v;
      phase += step;
      if (phase > 2 * Math.PI) phase -= 2 * Math.PI;
    }
  };
}

/**
 * Keeps `source` fed with a tone in frames of `frameMs`, each capture awaited (paced by the
 * source's queue). `stop()` ends the loop and resolves once the last capture has settled.
 */
export function produceTone(source, { frequency = 1000, amplitude = 0.5, frameMs = 20 } = {}) {
  const { sampleRate, numChannels } = source;
  const write = toneWriter(sampleRate, numChannels, frequency, amplitude);
  let producing = true;
  const loop = (async () => {
    const { AudioFrame } = await import('/js/index.js'); // the page has loaded it already
    const frame = AudioFrame.create(sampleRate, numChannels, (sampleRate * frameMs) / 1000);
    while (producing) {
      write(frame);
      await source.captureFrame(frame);
    }
  })();
  return {
    stop() {
      producing = false;
      return loop;
    },
  };
}

/** Index of the first sample with |x| >= threshold, or -1. */
export function onsetIndex(x, threshold) {
  for (let i = 0; i < x.length; i++) if (Math.abs(x[i]) >= threshold) return i;
  return -1;
}

/** Frequency from rising zero crossings (linearly interpolated) over x[from, to). */
export function zeroCrossingFrequency(x, from, to, sampleRate) {
  let first = -1;
  let last = -1;
  let count = 0;
  for (let i = from + 1; i < to; i++) {
    if (x[i - 1] < 0 && x[i] >= 0) {
      const t = i - 1 + -x[i - 1] / (x[i] - x[i - 1]);
      if (first < 0) first = t;
      last = t;
      count += 1;
    }
  }
  return count > 1 ? ((count - 1) * sampleRate) / (last - first) : 0;
}

/** The longest run of samples with |x| < threshold in x[from, to): `{ length, end }`. */
export function longestQuietRun(x, from, to, threshold) {
  let longest = 0;
  let end = -1;
  let run = 0;
  for (let i = from; i < to; i++) {
    if (Math.abs(x[i]) < threshold) {
      run += 1;
      if (run > longest) {
        longest = run;
        end = i + 1;
      }
    } else run = 0;
  }
  return { length: longest, end };
}
