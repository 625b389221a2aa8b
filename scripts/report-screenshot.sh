#!/usr/bin/env bash
# Development aid (not run by CI): render the example tender's HTML report with headless
# Chromium (Debian's `chromium`) to a PNG, to look at it as a reader would.
#   [HEIGHT=2400] scripts/report-screenshot.sh [TENDER] [OUT.png]
set -euo pipefail
tender=${1:-examples/care-triage}
png=${2:-docs/img/report.png}
html=$(mktemp --suffix=.html)
profile=$(mktemp -d)
trap 'rm -rf "$html" "$profile"' EXIT
cargo run --quiet --release -- report "$tender" -o "$html"
mkdir -p "$(dirname "$png")"
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="$profile" --hide-scrollbars --window-size=1100,"${HEIGHT:-1400}" \
  --screenshot="$(realpath -m "$png")" "file://$html" 2>/dev/null
echo "wrote $png"
