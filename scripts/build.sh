#!/usr/bin/env bash
# Builds the WebAssembly core (js/generated/rtc_audio_core.{js,wasm}) with em++ from
# Debian's emscripten package. The package ships js/ as is, so this is the whole build.
set -euo pipefail
cd "$(dirname "$0")/.."
cmake --preset wasm-release >/dev/null
cmake --build --preset wasm-release -j "$(nproc)"

# The AudioWorklet module: the processors and the wasm glue bundled into one
# self-contained ES module (AudioWorkletGlobalScope cannot resolve bare imports, and a
# bundler copying `new URL('./generated/worklet-processors.js', import.meta.url)` must
# find everything in that one file).
node_modules/.bin/esbuild js/worklet/processors.js --bundle --format=esm --target=es2022 \
  --log-level=warning --outfile=js/generated/worklet-processors.js

# The demo's speech clip, synthesised here rather than committed (web-demo/generated/ is
# ignored by git). 22.05 kHz mono 16-bit PCM, as espeak-ng writes it.
mkdir -p web-demo/generated
if [ ! -s web-demo/generated/speech.wav ]; then
  espeak-ng -s 150 -w web-demo/generated/speech.wav \
    "Hello from rtc audio wasm. This sentence went through an audio source, a WebRTC call, and back out as audio frames."
fi
