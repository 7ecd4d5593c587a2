// The demo page: a source (tone, speech clip, WAV file, microphone) -> AudioSource ->
// LocalAudioTrack -> RTCPeerConnection loopback -> AudioStream (or a Web Audio tap and an
// AudioResampler of a chosen quality) at the chosen rate, channels and frame size -> live
// plots, counters, measured latency and a WAV of what arrived.
import { AudioFrame, AudioResamplerQuality, AudioSource, LocalAudioTrack, combineAudioFrames } from '../js/index.js';
import { StreamReceiver, TapReceiver } from './far-end.js';
import { LatencyMeter } from './latency.js';
import { openLoopback } from './loopback.js';
import { History, drawSpectrum, drawWaveform } from './plots.js';
import { ClipGenerator, MicrophoneSender, ToneGenerator } from './sources.js';

const $ = (id) => document.getElementById(id);
const MAX_RECORD_SECONDS = 60;
const PROBE_GAP_MS = 300;

// --- Isolation: the same page with and without COOP/COEP (scripts/serve.js, ?isolated=0).
const isolated = self.crossOriginIsolated === true;
$('isolation').textContent = isolated
  ? 'Cross-origin isolated: SharedArrayBuffer available'
  : 'Not cross-origin isolated: MessagePort transport';
const other = new URL(location.href);
if (isolated) other.searchParams.set('isolated', '0');
else other.searchParams.delete('isolated');
$('isolation-link').href = other.href;
$('isolation-link').textContent = isolated ? 'Open without isolation' : 'Open with isolation';

// --- Controls.
const tone = { frequency: 440, levelDb: -12 };
$('freq').oninput = () => {
  tone.frequency = Number($('freq').value);
  $('freq-out').textContent = `${tone.frequency} Hz`;
};
$('level').oninput = () => {
  tone.levelDb = Number($('level').value);
  $('level-out').textContent = `${tone.levelDb} dBFS`;
};

let droppedClip = null;
function showSourceControls() {
  const kind = $('source-kind').value;
  for (const el of document.querySelectorAll('.tone-only')) el.classList.toggle('hidden', kind !== 'tone');
  for (const el of document.querySelectorAll('.file-only')) el.classList.toggle('hidden', kind !== 'file');
  $('path-source').textContent = $('source-kind').selectedOptions[0].textContent;
  $('source-note').textContent =
    kind === 'speech' ? 'A sentence synthesised at build time by espeak-ng (22.05 kHz mono), looped.'
    : kind === 'file' ? (droppedClip ? `Loaded: ${droppedClip.name}, ${droppedClip.frame}` : 'No file yet.')
    : kind === 'mic' ? 'The microphone at 48 kHz mono, read with an AudioStream and sent through the AudioSource. Use headphones if you listen to the far end.'
    : 'A phase-continuous sine; frequency and level change live.';
}
$('source-kind').onchange = () => {
  if ($('source-kind').value === 'mic') $('monitor').checked = false; // no feedback loop
  showSourceControls();
};

function showReceiverControls() {
  const kind = $('rx-kind').value;
  for (const el of document.querySelectorAll('.stream-only')) el.classList.toggle('hidden', kind !== 'stream');
  for (const el of document.querySelectorAll('.tap-only')) el.classList.toggle('hidden', kind !== 'tap');
  $('receiver-note').textContent = kind === 'stream'
    ? 'AudioStream captures the received track in an AudioWorklet; the core down-mixes, resamples (MEDIUM) and cuts frames. Beyond its capacity the oldest unread frames are dropped.'
    : "The received track's float blocks, converted to int16 and resampled on the main thread by an AudioResampler of the chosen quality.";
}
$('rx-kind').onchange = showReceiverControls;
showReceiverControls();

async function loadFile(file) {
  try {
    const frame = AudioFrame.fromWavBytes(new Uint8Array(await file.arrayBuffer()));
    droppedClip = { name: file.name, frame };
  } catch (e) {
    droppedClip = null;
    $('source-note').textContent = `${file.name}: ${e.message}`;
    return;
  }
  $('source-kind').value = 'file';
  showSourceControls();
}
$('file').onchange = () => $('file').files[0] && loadFile($('file').files[0]);
for (const target of [$('drop'), document.body]) {
  target.addEventListener('dragover', (e) => {
    e.preventDefault();
    $('drop').classList.add('over');
  });
  target.addEventListener('dragleave', () => $('drop').classList.remove('over'));
  target.addEventListener('drop', (e) => {
    e.preventDefault();
    $('drop').classList.remove('over');
    const file = e.dataTransfer.files[0];
    if (file) loadFile(file);
  });
}
showSourceControls();

async function makeSender(kind, context) {
  if (kind === 'tone') return new ToneGenerator(Number($('source-rate').value), Number($('source-channels').value), tone);
  if (kind === 'speech') {
    const response = await fetch(new URL('./generated/speech.wav', import.meta.url));
    if (!response.ok) throw new Error('the speech clip is missing: run scripts/build.sh (it needs espeak-ng)');
    return new ClipGenerator(AudioFrame.fromWavBytes(new Uint8Array(await response.arrayBuffer())));
  }
  if (kind === 'file') {
    if (!droppedClip) throw new Error('drop or pick a WAV file first');
    return new ClipGenerator(droppedClip.frame);
  }
  return MicrophoneSender.open(context);
}

// --- One running path.
let session = null;

async function start() {
  const kind = $('source-kind').value;
  const rx = {
    sampleRate: Number($('rx-rate').value),
    numChannels: Number($('rx-channels').value),
    frameSizeMs: Number($('rx-frame-ms').value),
  };
  const queueSizeMs = Number($('queue-ms').value);

  const context = new AudioContext({ sampleRate: 48000, latencyHint: 'interactive' });
  await context.resume();
  let generator;
  try {
    generator = await makeSender(kind, context);
  } catch (e) {
    await context.close();
    throw e;
  }
  const source = new AudioSource(generator.sampleRate, generator.numChannels, { queueSizeMs, context });
  const track = LocalAudioTrack.createAudioTrack('demo', source);
  const link = await openLoopback(track.mediaStreamTrack, { stereo: generator.numChannels === 2 && rx.numChannels === 2 });

  const s = {
    context, source, track, link, generator, rx, running: true,
    history: new History(8192),
    latency: new LatencyMeter(context.sampleRate),
    recording: null,
    newFrames: 0,
    framesReceived: 0,
  };
  const onReceived = (frame) => onFrame(s, frame);
  s.receiver = $('rx-kind').value === 'stream'
    ? new StreamReceiver({ track: link.track, context, ...rx, capacity: Number($('rx-capacity').value), onFrame: onReceived })
    : new TapReceiver({ contextRate: context.sampleRate, ...rx, quality: AudioResamplerQuality[$('rx-quality').value], onFrame: onReceived });

  // Both ends into one tap on the same clock: input 0 near, input 1 far.
  await context.audioWorklet.addModule(new URL('./tap-processor.js', import.meta.url));
  s.tap = new AudioWorkletNode(context, 'demo-tap', {
    numberOfInputs: 2,
    numberOfOutputs: 1,
    outputChannelCount: [1],
    channelCount: rx.numChannels,
    channelCountMode: 'explicit',
    processorOptions: { farChannels: rx.numChannels },
  });
  s.near = context.createMediaStreamSource(new MediaStream([track.mediaStreamTrack]));
  s.far = context.createMediaStreamSource(link.stream);
  s.near.connect(s.tap, 0, 0);
  s.far.connect(s.tap, 0, 1);
  s.silent = context.createGain();
  s.silent.gain.value = 0;
  s.tap.connect(s.silent).connect(context.destination);
  s.monitor = context.createGain();
  s.monitor.gain.value = $('monitor').checked ? 1 : 0;
  s.far.connect(s.monitor).connect(context.destination);
  s.tap.port.onmessage = ({ data }) => {
    s.latency.push(data);
    s.receiver.push(data.far);
  };

  // The producer: each capture awaited, so the queue paces it at real time.
  s.producing = generator.run(source, () => s.running).catch((e) => {
    if (s.running) fail(e);
  });

  $('path-source-format').textContent = `${generator.sampleRate} Hz ${generator.numChannels === 1 ? 'mono' : 'stereo'}`;
  $('path-receiver').textContent = `${s.receiver.kind} → ${rx.sampleRate} Hz ${rx.numChannels === 1 ? 'mono' : 'stereo'}, ${rx.frameSizeMs} ms`;
  return s;
}

function onFrame(s, frame) {
  s.history.push(frame);
  s.newFrames += 1;
  s.framesReceived += 1;
  if (s.recording) {
    s.recording.push(frame);
    if (s.recording.length * frame.duration >= MAX_RECORD_SECONDS) finishRecording();
  }
}

async function stop(s) {
  s.running = false;
  if (s.recording) finishRecording();
  await s.generator.close();
  await s.source.aclose();
  await s.producing;
  s.track.stop();
  s.link.close();
  s.tap.port.onmessage = null;
  s.tap.disconnect();
  s.near.disconnect();
  s.far.disconnect();
  await s.receiver.close();
  await s.context.close();
}

// --- Recording the received frames into a WAV (AudioFrame.toWavBytes).
let downloadUrl = null;
function finishRecording() {
  const frames = session.recording;
  session.recording = null;
  $('record').textContent = 'Record';
  $('record').classList.remove('recording');
  if (frames.length === 0) return;
  const all = combineAudioFrames(frames);
  const wav = all.toWavBytes();
  if (downloadUrl) URL.revokeObjectURL(downloadUrl);
  downloadUrl = URL.createObjectURL(new Blob([wav], { type: 'audio/wav' }));
  const name = `received-${all.sampleRate}Hz-${all.numChannels}ch.wav`;
  $('download').href = downloadUrl;
  $('download').download = name;
  $('download').textContent = `Download WAV (${all.duration.toFixed(1)} s)`;
  $('download').classList.remove('disabled');
  $('download').click();
}
$('record').onclick = () => {
  if (!session) return;
  if (session.recording) {
    finishRecording();
    return;
  }
  session.recording = [];
  $('record').textContent = 'Stop recording';
  $('record').classList.add('recording');
};

// --- Buttons and state.
function setRunning(running, text) {
  $('start').disabled = running;
  $('stop').disabled = !running;
  $('probe').disabled = !running;
  $('record').disabled = !running;
  for (const id of ['source-kind', 'source-rate', 'source-channels', 'queue-ms', 'rx-kind', 'rx-rate', 'rx-channels', 'rx-frame-ms', 'rx-capacity', 'rx-quality']) $(id).disabled = running;
  $('state').textContent = text;
}

function fail(e) {
  console.error(e);
  $('state').textContent = `Error: ${e.message}`;
}

function resetLive() {
  for (const id of ['transport', 'queue', 'buffer', 'drift', 'peak', 'latency']) $(id).textContent = '–';
  for (const id of ['underruns', 'dropped', 'missed', 'frames']) $(id).textContent = '0';
  $('latency').dataset.count = '0';
  $('queue-meter').value = 0;
  $('buffer-meter').value = 0;
}

$('start').onclick = async () => {
  resetLive();
  setRunning(true, 'Starting…');
  try {
    session = await start();
    setRunning(true, 'Running.');
  } catch (e) {
    setRunning(false, '');
    fail(e);
  }
};
$('stop').onclick = async () => {
  const s = session;
  session = null;
  setRunning(false, 'Stopping…');
  if (s) await stop(s).catch(fail);
  setRunning(false, 'Stopped.');
};
$('probe').onclick = () => session?.generator.pause(PROBE_GAP_MS);
$('monitor').onchange = () => {
  if (session) session.monitor.gain.value = $('monitor').checked ? 1 : 0;
};

// --- Live view: plots on every animation frame with new audio, counters ~10 times a second.
const TRANSPORTS = { 'shared-memory': 'SharedArrayBuffer', 'message-port': 'MessagePort', local: 'same thread' };
const ms = (seconds) => `${(seconds * 1000).toFixed(0)} ms`;
let lastCounters = 0;
function render(now) {
  requestAnimationFrame(render);
  const s = session;
  if (!s) return;
  if (s.newFrames > 0) {
    s.newFrames = 0;
    drawWaveform($('wave'), s.history);
    const peak = drawSpectrum($('spectrum'), s.history);
    $('peak').textContent = `${peak.frequency.toFixed(0)} Hz, ${peak.level.toFixed(0)} dB`;
  }
  if (now - lastCounters < 100) return;
  lastCounters = now;
  const stats = s.source.stats;
  const rxStats = s.receiver.stats;
  const sent = TRANSPORTS[stats.transport] ?? stats.transport;
  const received = TRANSPORTS[rxStats.transport] ?? '…';
  $('transport').textContent = sent === received ? sent : `${sent} → ${received}`;
  const fill = s.source.queuedDuration / (s.source.queueSizeMs / 1000);
  $('queue-meter').value = Math.min(1, fill);
  $('queue').textContent = `${ms(s.source.queuedDuration)} / ${s.source.queueSizeMs} ms`;
  $('underruns').textContent = String(stats.underruns);
  $('underruns').className = stats.underruns === 0 ? 'ok' : 'bad';
  const capacity = s.receiver.capacity;
  $('buffer-meter').value = capacity > 0 ? Math.min(1, rxStats.buffered / capacity) : Math.min(1, rxStats.buffered / 100);
  $('buffer').textContent = `${rxStats.buffered} / ${capacity > 0 ? capacity : '∞'} frames`;
  $('dropped').textContent = String(rxStats.dropped);
  $('dropped').className = rxStats.dropped === 0 ? 'ok' : 'bad';
  $('missed').textContent = String(rxStats.missed);
  $('missed').className = rxStats.missed === 0 ? 'ok' : 'bad';
  $('drift').textContent = `${stats.driftPpm.toFixed(0)} ppm`;
  $('frames').textContent = String(s.framesReceived);
  $('latency').dataset.count = String(s.latency.count);
  $('latency').textContent = Number.isNaN(s.latency.latest)
    ? 'measuring…'
    : `${ms(s.latency.latest)} loopback + ${ms(s.source.queuedDuration)} queue`;
}
requestAnimationFrame(render);
