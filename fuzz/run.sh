#!/usr/bin/env bash
# Runs every fuzz target in turn (nightly toolchain: `rustup toolchain list` shows one here;
# cargo-fuzz from crates.io). Seconds per target: RESPONSE_S, LOADERS_S, WORKBOOK_S, and
# EVIDENCE_S for each of evidence_pdf, evidence_docx, evidence_odt, evidence_html (these read
# through the sandbox: a release `tenderscore` is built first and used as the worker).
# Findings go to fuzz/artifacts/<target>/; the corpus grows in fuzz/corpus/<target>/.
#   bash fuzz/run.sh            # 40 + 15 + 10 minutes
set -uo pipefail
cd "$(dirname "$0")"
# Seed an empty corpus from the repository's own files (fuzz/corpus/response is committed; the
# other two grow to tens of MB and are not). The loaders target reads its first byte as the
# loader to call: 0 rubric, 1 tender.toml, 2 marks.csv, 3 decisions.csv, 4 price.yaml, 5 result.
seed() {
  local root=.. n=0 f
  mkdir -p corpus/response corpus/loaders corpus/workbook
  if [ -z "$(ls -A corpus/response)" ]; then
    find $root/examples $root/tests/fixtures -name '*.yaml' | while read -r f; do cp "$f" "corpus/response/seed-$((n++))"; done
  fi
  if [ -z "$(ls -A corpus/loaders)" ]; then
    local sel name
    for sel in "0:*.yaml:rubrics" "1:tender.toml:" "2:marks.csv:" "3:decisions.csv:" "4:price.yaml:"; do
      IFS=: read -r byte name dir <<< "$sel"
      find $root/${dir:-examples} $root/tests/fixtures -name "$name" 2>/dev/null | head -50 | while read -r f; do
        { printf "\\$(printf '%03o' "$byte")"; cat "$f"; } > "corpus/loaders/seed-$byte-$((n++))"
      done
    done
  fi
  if [ -z "$(ls -A corpus/workbook)" ]; then
    find $root/examples $root/tests -name '*.xlsx' | while read -r f; do cp "$f" "corpus/workbook/seed-$((n++))"; done
  fi
  local ext
  for ext in pdf docx odt html; do
    mkdir -p "corpus/evidence_$ext"
    if [ -z "$(ls -A "corpus/evidence_$ext")" ]; then
      find $root/tests/fixtures $root/examples -name "*.$ext" -size -1100k | while read -r f; do cp "$f" "corpus/evidence_$ext/seed-$((n++))"; done
    fi
  done
}
seed
run() {
  local target=$1 secs=$2
  # 0 seconds skips the target (libFuzzer itself would read 0 as "no limit").
  [ "$secs" -gt 0 ] || return 0
  echo "== $target for ${secs}s, started $(date -u +%H:%M:%S)"
  cargo +nightly fuzz run "$target" -O -- -max_total_time="$secs" -rss_limit_mb=2048 \
    -timeout=${TIMEOUT:-10} -max_len=${MAX_LEN:-65536} -print_final_stats=1 -fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 2>&1 | grep -a -E "^#|stat::|ERROR|SUMMARY|panicked|Done|INFO: fuzzed|crashes" | tail -25
  echo "== $target exit ${PIPESTATUS[0]}"
}
run response "${RESPONSE_S:-2400}"
run loaders "${LOADERS_S:-900}"
run workbook "${WORKBOOK_S:-600}"
(cd .. && cargo build --release -q)
export TENDERSCORE_WORKER=$(realpath ../target/release/tenderscore)
# A worker is stopped at 20 s of processor time or 40 s in all (docs/evidence-text.md): an
# input that takes that long is contained by design, so only one past it counts as a finding.
TIMEOUT=45
for ext in pdf docx odt html; do
  run "evidence_$ext" "${EVIDENCE_S:-600}"
done
