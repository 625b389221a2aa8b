#!/usr/bin/env bash
# Development aid (not run by CI): render the example tender's HTML report with headless
# Chromium (Debian's `chromium`) as a reader sees it on screen (a PNG) and as it prints on A4
# (a PDF, its page count, and its first page as a PNG with poppler's pdftoppm).
#   [HEIGHT=2400] [TENDERSCORE=target/debug/tenderscore] scripts/report-screenshot.sh [TENDER] [OUT.png]
set -euo pipefail
tender=${1:-examples/care-triage}
png=${2:-docs/img/report.png}
print_png=${png%.png}-print.png
html=$(mktemp --suffix=.html)
pdf=$(mktemp --suffix=.pdf)
profile=$(mktemp -d)
trap 'rm -rf "$html" "$pdf" "$profile"' EXIT
if [[ -n "${TENDERSCORE:-}" ]]; then
  "$TENDERSCORE" report "$tender" -o "$html"
else
  cargo run --quiet --release -- report "$tender" -o "$html"
fi
mkdir -p "$(dirname "$png")"
flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run
  --disable-background-networking --disable-component-update --disable-sync
  --user-data-dir="$profile" --hide-scrollbars)
chromium "${flags[@]}" --window-size=1100,"${HEIGHT:-1400}" \
  --screenshot="$(realpath -m "$png")" "file://$html" 2>/dev/null
echo "wrote $png"
# Print as a browser's "Save as PDF" does: the page size and margins come from the report's
# own @page rule (A4), backgrounds as print-color-adjust asks.
chromium "${flags[@]}" --no-pdf-header-footer --print-to-pdf="$pdf" "file://$html" 2>/dev/null
if command -v pdfinfo >/dev/null; then
  pdfinfo "$pdf" | grep -E '^(Pages|Page size)'
fi
if command -v pdftoppm >/dev/null; then
  pdftoppm -png -r 60 -f 1 -l 1 -singlefile "$pdf" "${print_png%.png}"
  echo "wrote $print_png"
fi
