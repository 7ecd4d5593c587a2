#!/usr/bin/env bash
# Builds the WebAssembly core (js/generated/rtc_audio_core.{js,wasm}) with em++ from
# Debian's emscripten package. The package ships js/ as is, so this is the whole build.
set -euo pipefail
cd "$(dirname "$0")/.."
cmake --preset wasm-release >/dev/null
cmake --build --preset wasm-release -j "$(nproc)"
