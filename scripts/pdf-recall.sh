#!/usr/bin/env bash
# How many real-world PDFs the evidence reader finds text in, against poppler's pdftotext.
#   bash scripts/pdf-recall.sh [CORPUS]     # default ../shared/pdf-corpus
# A file counts as read when more than 20 non-space characters come out. Recall is the share
# of the files pdftotext reads that tenderscore's reader (the sandboxed worker, exactly as
# `score` runs it) also reads. Needs pdftotext (Debian: poppler-utils) and python3.
set -uo pipefail
cd "$(dirname "$0")/.."
CORPUS=${1:-../shared/pdf-corpus}
BIN=${TENDERSCORE:-target/release/tenderscore}
[ -x "$BIN" ] || cargo build --release -q
command -v pdftotext >/dev/null || { echo "pdftotext not found (apt-get install poppler-utils)"; exit 2; }
python3 - "$CORPUS" "$BIN" <<'PY'
import os, subprocess, sys, time
corpus, binary = sys.argv[1], sys.argv[2]
def chars(b): return sum(1 for c in b.decode('utf-8', 'replace') if not c.isspace())
files = sorted(os.path.join(d, f) for d, _, fs in os.walk(corpus) for f in fs if f.lower().endswith('.pdf'))
ref = read = both = 0; missed = []; secs = 0.0; size = 0
for f in files:
    try:
        p = subprocess.run(['pdftotext', '-q', f, '-'], capture_output=True, timeout=60).stdout
    except subprocess.TimeoutExpired:
        p = b''
    with open(f, 'rb') as fh:
        data = fh.read()
    t0 = time.perf_counter()
    out = subprocess.run([binary, '__read-evidence', 'pdf'], input=data, capture_output=True, timeout=120).stdout
    secs += time.perf_counter() - t0; size += len(data)
    ours = chars(out[1:]) if out[:1] == b'T' else 0
    r, o = chars(p) > 20, ours > 20
    ref += r; read += o; both += r and o
    if r and not o:
        missed.append(os.path.relpath(f, corpus))
print(f"files: {len(files)}; pdftotext reads {ref}; tenderscore reads {read}; of pdftotext's, tenderscore reads {both} ({100 * both / max(ref, 1):.1f}%)")
print(f"tenderscore throughput, one file at a time with a worker each: {size / secs / 1e6:.1f} MB/s ({secs:.1f} s for {size / 1e6:.1f} MB)")
for m in missed:
    print(f"  missed: {m}")
PY
