#!/usr/bin/env bash
# Development aid (not run by CI): drafts the three records of a supplier as DOCX, converts each
# to PDF with LibreOffice (Debian's libreoffice-writer) and counts its A4 pages with poppler's
# pdfinfo, so a broken package shows up as a failed conversion. The figures are quoted in
# docs/records.md.
#   [TENDERSCORE=target/debug/tenderscore] scripts/records-check.sh [TENDER] [SUPPLIER] [KEEP_DIR]
set -euo pipefail
tender=${1:-examples/care-triage}
supplier=${2:-pennine-care-data}
bin=${TENDERSCORE:-target/release/tenderscore}
out=${3:-$(mktemp -d)}
[ -n "${3:-}" ] || trap 'rm -rf "$out"' EXIT
mkdir -p "$out"
for kind in dpia eqia atrs; do
  "$bin" records "$tender" --supplier "$supplier" --kind "$kind" -o "$out/$kind.docx"
done
(cd "$out" && soffice --headless --convert-to pdf dpia.docx eqia.docx atrs.docx >/dev/null 2>&1)
for kind in dpia eqia atrs; do
  if [ ! -s "$out/$kind.pdf" ]; then
    echo "$kind.docx: LibreOffice could not convert it" >&2
    exit 1
  fi
  printf '%-10s %6s bytes  %s A4 pages\n' "$kind.docx" "$(stat -c %s "$out/$kind.docx")" \
    "$(pdfinfo "$out/$kind.pdf" | awk '/^Pages:/ {print $2}')"
done
