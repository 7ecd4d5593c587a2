#!/usr/bin/env bash
# The resampler benchmark, in one command (docs/BENCHMARKS.md, "## Resampler"):
#
#   bash bench/resampler/run.sh [repetitions]        (default 5; best of N is reported)
#
# Installs what it needs, only when missing (Debian libsoxr-dev; the peers' npm packages
# into bench/resampler/node_modules, never into the root package), builds the wasm core
# and the native benchmark (release), runs the native half (our core, libsoxr) and the
# Node half (our wasm build and the npm peers) one after the other, and prints markdown
# tables; everything it measured is also left in bench/resampler/results/ (not committed).
set -euo pipefail
cd "$(dirname "$0")/../.."
reps="${1:-5}"

bash scripts/setup.sh libsoxr-dev
stamp=bench/resampler/node_modules/.rtc-audio-wasm-lock
if [ ! -f "$stamp" ] || ! cmp -s bench/resampler/package-lock.json "$stamp"; then
  echo "bench: installing the peers (npm ci in bench/resampler)"
  (cd bench/resampler && npm ci --no-audit --no-fund --loglevel=error)
  cp bench/resampler/package-lock.json "$stamp"
fi

bash scripts/build.sh >/dev/null
cmake --preset native-release -B build/bench -DRTC_AUDIO_TESTS=OFF -DRTC_AUDIO_BENCH=ON >/dev/null
cmake --build build/bench --target rtc_audio_resampler_bench -j "$(nproc)" >/dev/null

results=bench/resampler/results
rm -rf "$results"
mkdir -p "$results/quality"
echo "bench: native half (our core, libsoxr), best of $reps" >&2
build/bench/rtc_audio_resampler_bench "$results/quality" "$reps" >"$results/native.jsonl"
echo "bench: Node half (our wasm build, npm peers), best of $reps" >&2
node bench/resampler/run.js --native "$results/native.jsonl" --quality-dir "$results/quality" \
  --reps "$reps" 2>"$results/progress.log" | tee "$results/report.md"
{
  echo
  echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), Node $(node --version), libsoxr $(dpkg-query -W -f='${Version}' libsoxr0)"
} | tee -a "$results/report.md"
