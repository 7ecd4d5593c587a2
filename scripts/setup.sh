#!/usr/bin/env bash
# Installs everything building and testing need, and only what is missing: Debian
# packages (the C++ toolchain, GoogleTest, Emscripten, Chromium, espeak-ng for the demo's
# speech clip) and the npm
# dev-dependencies. Safe to run any number of times.
set -euo pipefail
cd "$(dirname "$0")/.."

apt_packages=(cmake make g++ googletest libgtest-dev libgmock-dev clang-14 libclang-rt-14-dev emscripten chromium espeak-ng)
missing=()
for pkg in "${apt_packages[@]}" "$@"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'ok installed' || missing+=("$pkg")
done
if ((${#missing[@]})); then
  echo "setup: installing Debian packages: ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# npm dev-dependencies: reinstall when node_modules is missing or the lockfile changed.
stamp=node_modules/.rtc-audio-wasm-lock
if [ ! -f "$stamp" ] || ! cmp -s package-lock.json "$stamp"; then
  echo "setup: installing npm packages (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json "$stamp"
fi
