#!/usr/bin/env bash
# Development aid (not run by CI): prove that a response workbook opens in LibreOffice Calc
# without repair, by converting every sheet to CSV headless (Debian's libreoffice-calc), and
# optionally take a screenshot of it open in Calc on its Answers sheet (needs xvfb, xdotool
# and imagemagick).
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
  png=${3:-docs/img/response-workbook.png}
  profile=$(mktemp -d)
  # A copy, so Calc's lock file never lands beside the original.
  cp "$book" "$out/response.xlsx"
  book="$out/response.xlsx"
  # Open the workbook in Calc on a virtual screen, on its Answers sheet, and grab the screen.
  xvfb-run -a -s "-screen 0 2400x900x24" bash -c "
    soffice -env:UserInstallation=file://$profile --norestore --nologo --calc '$book' &
    sleep 15
    xdotool key --clearmodifiers ctrl+Next
    sleep 2
    import -window root '$png'
    kill %1 || true
  "
  rm -rf "$profile"
  echo "wrote $png"
fi
