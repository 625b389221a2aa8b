#!/usr/bin/env bash
# Runs every fuzz target in turn (nightly toolchain: `rustup toolchain list` shows one here;
# cargo-fuzz from crates.io). Seconds per target: RESPONSE_S, LOADERS_S, WORKBOOK_S.
# Findings go to fuzz/artifacts/<target>/; the corpus grows in fuzz/corpus/<target>/.
#   bash fuzz/run.sh            # 40 + 15 + 10 minutes
set -uo pipefail
cd "$(dirname "$0")"
run() {
  local target=$1 secs=$2
  echo "== $target for ${secs}s, started $(date -u +%H:%M:%S)"
  cargo +nightly fuzz run "$target" -O -- -max_total_time="$secs" -rss_limit_mb=2048 \
    -timeout=10 -max_len=65536 -print_final_stats=1 -fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 2>&1 | grep -a -E "^#|stat::|ERROR|SUMMARY|panicked|Done|INFO: fuzzed|crashes" | tail -25
  echo "== $target exit ${PIPESTATUS[0]}"
}
run response "${RESPONSE_S:-2400}"
run loaders "${LOADERS_S:-900}"
run workbook "${WORKBOOK_S:-600}"
