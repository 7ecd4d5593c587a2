// The demo page: synthesise a tone into an AudioFrame, draw it, play it, download it as
// a WAV made by the wasm core (toWavBytes).
import { AudioFrame } from '../js/index.js';

const $ = (id) => document.getElementById(id);
const isolated = self.crossOriginIsolated === true;
$('isolation').textContent = isolated
  ? 'Cross-origin isolated: SharedArrayBuffer available'
  : 'Not cross-origin isolated: MessagePort transport';
const other = new URL(location.href);
if (isolated) other.searchParams.set('isolated', '0');
else other.searchParams.delete('isolated');
$('isolation-link').href = other.href;
$('isolation-link').textContent = isolated ? 'open without isolation' : 'open with isolation';

let frame = null;
let wavUrl = null;

function synthesize() {
  const freq = Number($('freq').value);
  const gain = 10 ** (Number($('level').value) / 20);
  const rate = Number($('rate').value);
  const channels = Number($('channels').value);
  const samplesPerChannel = Math.round(Number($('seconds').value) * rate);
  const f = AudioFrame.create(rate, channels, samplesPerChannel);
  for (let i = 0; i < samplesPerChannel; i++) {
    const v = Math.round(32767 * gain * Math.sin((2 * Math.PI * freq * i) / rate));
    for (let c = 0; c < channels; c++) f.data[i * channels + c] = v;
  }
  return f;
}

function draw(f) {
  const canvas = $('wave');
  const g = canvas.getContext('2d');
  const { width, height } = canvas;
  g.clearRect(0, 0, width, height);
  g.strokeStyle = getComputedStyle(document.documentElement).getPropertyValue('--accent') || '#2563eb';
  g.beginPath();
  // The first 20 ms, channel 0.
  const n = Math.min(f.samplesPerChannel, Math.round(f.sampleRate * 0.02));
  for (let x = 0; x < width; x++) {
    const i = Math.floor((x / width) * n);
    const y = height / 2 - (f.data[i * f.numChannels] / 32768) * (height / 2 - 4);
    if (x === 0) g.moveTo(x, y);
    else g.lineTo(x, y);
  }
  g.stroke();
}

$('freq').oninput = () => ($('freq-out').textContent = `${$('freq').value} Hz`);
$('level').oninput = () => ($('level-out').textContent = `${$('level').value} dBFS`);
$('tone-form').onsubmit = (e) => {
  e.preventDefault();
  frame = synthesize();
  draw(frame);
  const wav = frame.toWavBytes();
  if (wavUrl) URL.revokeObjectURL(wavUrl);
  wavUrl = URL.createObjectURL(new Blob([wav], { type: 'audio/wav' }));
  $('download').href = wavUrl;
  $('download').classList.remove('disabled');
  $('play').disabled = false;
  $('frame-info').textContent = `${frame} → ${wav.length} WAV bytes`;
};
$('play').onclick = async () => {
  const ctx = new AudioContext({ sampleRate: frame.sampleRate });
  const buffer = ctx.createBuffer(frame.numChannels, frame.samplesPerChannel, frame.sampleRate);
  for (let c = 0; c < frame.numChannels; c++) {
    const ch = buffer.getChannelData(c);
    for (let i = 0; i < frame.samplesPerChannel; i++) ch[i] = frame.data[i * frame.numChannels + c] / 32768;
  }
  const src = ctx.createBufferSource();
  src.buffer = buffer;
  src.connect(ctx.destination);
  src.onended = () => ctx.close();
  src.start();
};
$('tone-form').requestSubmit();
