#!/usr/bin/env bash
# Development aid (not run by CI): how many A4 pages the example's workbooks print on, by
# converting each to PDF with LibreOffice (Debian's libreoffice-calc) and counting pages with
# poppler's pdfinfo. The figures are quoted in docs/panel-outputs.md.
#   [TENDERSCORE=target/debug/tenderscore] scripts/workbook-pages.sh [TENDER]
set -euo pipefail
tender=${1:-examples/care-triage}
bin=${TENDERSCORE:-target/release/tenderscore}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"$bin" score "$tender" -o "$out/scores.xlsx"
"$bin" template "$tender" -o "$out/response.xlsx"
"$bin" marksheet "$tender" --evaluator E1 -o "$out/marksheet.xlsx"
(cd "$out" && soffice --headless --convert-to pdf scores.xlsx response.xlsx marksheet.xlsx >/dev/null 2>&1)
for f in scores response marksheet; do
  printf '%-12s %s A4 pages\n' "$f.xlsx" "$(pdfinfo "$out/$f.pdf" | awk '/^Pages:/ {print $2}')"
done
