#!/usr/bin/env bash
# Runs the libFuzzer targets (clang-14, ASan + UBSan) for a chosen time each.
#
#   scripts/fuzz.sh [seconds-per-target] [target ...]      default: 30 s, every target
#   FUZZ_SAVE=1 scripts/fuzz.sh 600                        then re-minimise the kept corpus
#                                                          (tests/fuzz/corpus) with the new
#                                                          coverage: the smallest set of
#                                                          inputs (each <= FUZZ_MAX_LEN
#                                                          bytes) that reaches every edge
#                                                          the old corpus and this run did
#
# Each run starts from the kept corpus (copied to build/fuzz/work/<target>); a crash
# stops the run, prints the reproducer path and fails the script. Keep reproducers as
# regression inputs in tests/fuzz/regressions/<target>/ (ctest --preset fuzz replays them).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-30}"
max_len="${FUZZ_MAX_LEN:-4096}"
shift || true

bash scripts/setup.sh >/dev/null
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz -j "$(nproc)" >/dev/null
ctest --preset fuzz --timeout 120 >/dev/null  # replay the corpus and past crashes first

targets=("$@")
if ((${#targets[@]} == 0)); then
  mapfile -t targets < <(cd tests/fuzz && ls fuzz_*.cc | sed 's/\.cc$//')
fi
for t in "${targets[@]}"; do
  work="build/fuzz/work/$t"
  mkdir -p "$work" "build/fuzz/artifacts/$t" "tests/fuzz/corpus/$t"
  cp -n "tests/fuzz/corpus/$t"/* "$work"/ 2>/dev/null || true
  echo "== $t: ${seconds}s"
  if ! "build/fuzz/$t" -max_total_time="$seconds" -max_len="$max_len" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
      -artifact_prefix="build/fuzz/artifacts/$t/" "$work" 2>"build/fuzz/$t.log"; then
    tail -40 "build/fuzz/$t.log"
    echo "fuzz: $t failed; reproducer(s) in build/fuzz/artifacts/$t/" >&2
    exit 1
  fi
  grep -E 'stat::number_of_executed_units|stat::new_units_added' "build/fuzz/$t.log" | tr '\n' ' '
  echo
  if [ "${FUZZ_SAVE:-0}" = 1 ]; then
    minimised="build/fuzz/minimised/$t"
    rm -rf "$minimised" && mkdir -p "$minimised"
    "build/fuzz/$t" -merge=1 -use_counters=0 -max_len="$max_len" "$minimised" "tests/fuzz/corpus/$t" "$work" \
      2>"build/fuzz/$t.merge.log"
    rm -f "tests/fuzz/corpus/$t"/*
    cp "$minimised"/* "tests/fuzz/corpus/$t"/
    echo "$t: kept corpus $(ls "tests/fuzz/corpus/$t" | wc -l) files, $(du -sk "tests/fuzz/corpus/$t" | cut -f1) KiB"
  fi
done
