#!/usr/bin/env bash
# Development aid (not run by CI): prove that a response workbook opens in LibreOffice Calc
# without repair, by converting every sheet to CSV headless (Debian's libreoffice-calc), and
# optionally render its Answers sheet as LibreOffice prints it to a PNG (needs poppler-utils).
#   scripts/workbook-check.sh [WORKBOOK.xlsx] [--screenshot OUT.png]
set -euo pipefail
book=${1:-examples/care-triage/submissions/larkspur/response.xlsx}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
# -1: every sheet, each to its own CSV (LibreOffice 7.2 or later).
soffice --headless --convert-to 'csv:Text - txt - csv (StarCalc):44,34,UTF8,1,,0,false,true,false,false,false,-1' \
  --outdir "$out" "$book" >"$out/log" 2>&1 || { cat "$out/log"; exit 1; }
for sheet in Supplier Answers Evidence; do
  f=$(ls "$out"/*-"$sheet".csv 2>/dev/null || true)
  if [[ -z "$f" ]]; then
    echo "FAIL: sheet $sheet not converted"; cat "$out/log"; exit 1
  fi
  echo "ok: $sheet, $(wc -l <"$f") rows"
done
if grep -qi "repair\|corrupt" "$out/log"; then
  echo "FAIL: LibreOffice reported a problem:"; cat "$out/log"; exit 1
fi
echo "opens without repair: $book"
if [[ "${2:-}" == "--screenshot" ]]; then
  # The Answers sheet's first printed page, as LibreOffice prints it (A4 landscape, from the
  # workbook's own print setup): converted to PDF headless, the page found by its footer
  # (each sheet's footer names the sheet), rendered with poppler's pdftoppm.
  png=${3:-docs/img/response-workbook.png}
  cp "$book" "$out/response.xlsx"
  (cd "$out" && soffice --headless --convert-to pdf response.xlsx >/dev/null 2>&1)
  pages=$(pdfinfo "$out/response.pdf" | awk '/^Pages:/ {print $2}')
  page=""
  for p in $(seq 1 "$pages"); do
    if pdftotext -layout -f "$p" -l "$p" "$out/response.pdf" - | grep -q "^Answers  *Page"; then page=$p; break; fi
  done
  if [[ -z "$page" ]]; then echo "FAIL: no page of the Answers sheet"; exit 1; fi
  pdftoppm -f "$page" -l "$page" -r 90 -png -singlefile "$out/response.pdf" "${png%.png}"
  echo "wrote $png (page $page of $pages)"
fi
