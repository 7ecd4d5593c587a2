#!/usr/bin/env bash
# Runs every test: C++ (GoogleTest under ASan + UBSan), the wasm build, JS (Vitest against
# the real wasm), the TypeScript declarations, the npm package, and real headless
# Chromium. Installs whatever is missing first.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh

echo "== C++ core: GoogleTest, native debug with AddressSanitizer + UndefinedBehaviorSanitizer"
cmake --preset native-debug >/dev/null
cmake --build --preset native-debug -j "$(nproc)"
ctest --preset native-debug -j "$(nproc)" --timeout 300

echo "== C++ core: native release build (optimiser warnings are errors too) and its tests"
cmake --preset native-release >/dev/null
cmake --build --preset native-release -j "$(nproc)"
ctest --preset native-release -j "$(nproc)" --timeout 300

echo "== Fuzz smoke: every libFuzzer target for ${FUZZ_SECONDS:-30}s (after replaying the kept corpus and past crashes)"
bash scripts/fuzz.sh "${FUZZ_SECONDS:-30}"

echo "== WebAssembly build"
bash scripts/build.sh

echo "== TypeScript declarations (tsc --strict)"
npx tsc -p tests/types/tsconfig.json --strict

echo "== JS (Node) and browser (headless Chromium) tests"
npx vitest run
