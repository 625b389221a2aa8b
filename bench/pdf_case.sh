#!/usr/bin/env bash
# The cost of scoring rules 2 (evidence files read and checked) against rules 1 (hashed only),
# on an archive whose evidence is real-shaped PDF: 3-6 PDFs of 1-5 MB per supplier.
#
#   bash bench/pdf_case.sh            # 25 and 50 tenders (200 and 400 submissions)
#   TENDERS=25 RUNS=1 TENDERSCORE=/path/to/old/tenderscore bash bench/pdf_case.sh   # another binary
#
# Needs python3 with reportlab and Pillow (pip install reportlab Pillow), GNU time, and
# optionally pdftotext (Debian's poppler-utils) for the reader comparison. Writes to
# $BENCH_DIR (default /tmp/tenderscore-pdf-bench); results in $BENCH_DIR/results.md.
#
# How the archive is made: bench/gen_archive.py writes the tenders (answers, marks, text
# evidence); then every evidence file of every supplier is replaced by a hard link to one of
# 12 generated PDFs (cycled), and its citation renamed to .pdf. Hard links keep the archive
# small on disk; each file is still read, hashed and (under rules 2) extracted once per
# submission, as with distinct files. The cited dates do not appear in the PDFs, so most
# claims end `unconfirmed`: the checks run in full.
set -euo pipefail
cd "$(dirname "$0")/.."
BENCH_DIR=${BENCH_DIR:-/tmp/tenderscore-pdf-bench}
BIN=${TENDERSCORE:-target/release/tenderscore}
RUNS=${RUNS:-3}
TIME=/usr/bin/time
[ -x "$TIME" ] || { apt-get install -y time >/dev/null 2>&1 || true; }
[ -x "$BIN" ] || cargo build --release -q
mkdir -p "$BENCH_DIR"
BIN=$(realpath "$BIN")

if [ ! -f "$BENCH_DIR/pdfs/manifest.tsv" ]; then
    python3 bench/docs-src/make_bench_pdfs.py --count 12 --out "$BENCH_DIR/pdfs" --seed 1
fi

make_archive() { # tenders
    local n=$1 out="$BENCH_DIR/arch-$1"
    [ -d "$out" ] && return
    python3 bench/gen_archive.py --tenders "$n" --suppliers 8 --out "$out.tmp" --seed 7 --bin "$BIN" >/dev/null
    python3 - "$out.tmp" "$BENCH_DIR/pdfs" <<'EOF'
import os, re, sys
root, pdfs = sys.argv[1], sys.argv[2]
docs = sorted(f for f in os.listdir(pdfs) if f.startswith("doc-"))
k = 0
for dirpath, dirs, files in os.walk(root):
    if "response.yaml" not in files:
        continue
    ev = os.path.join(dirpath, "evidence")
    names = sorted(os.listdir(ev)) if os.path.isdir(ev) else []
    text = open(os.path.join(dirpath, "response.yaml")).read()
    for name in names:
        os.remove(os.path.join(ev, name))
        pdf = name.rsplit(".", 1)[0] + ".pdf"
        os.link(os.path.join(pdfs, docs[k % len(docs)]), os.path.join(ev, pdf))
        k += 1
        text = text.replace("evidence/" + name, "evidence/" + pdf)
    # Declared hashes no longer match: drop them, so items stay valid under rules 1.
    text = re.sub(r"\n *sha256: [0-9a-f]{64}", "", text)
    text = re.sub(r", sha256: [0-9a-f]{64}", "", text)
    open(os.path.join(dirpath, "response.yaml"), "w").write(text)
EOF
    mv "$out.tmp" "$out"
}

set_rules() { # archive rules
    find "$1" -name tender.toml -exec sed -i -E '/^rules = [0-9]+$/d; s/^\[scoring\]$/[scoring]\nrules = '"$2"'/' {} +
}

measure() { # label archive
    local label=$1 arch=$2 best=""
    for _ in $(seq "$RUNS"); do
        "$TIME" -f "%e %U %S %M" -o "$BENCH_DIR/time.txt" "$BIN" rescore "$arch" -q -o "$BENCH_DIR/out.csv" || true
        read -r wall user sys rss < "$BENCH_DIR/time.txt"
        echo -e "$label\t$wall\t$user\t$sys\t$rss" >> "$BENCH_DIR/results.tsv"
        best="$best $wall:$user:$sys:$rss"
    done
    echo "$best" | tr ' ' '\n' | grep . | sort -t: -k1,1n | sed -n "$(( (RUNS + 1) / 2 ))p" \
        | awk -F: -v l="$label" '{printf "| %s | %.1f | %.1f | %.0f |\n", l, $1, $2 + $3, $4 / 1024}'
}

: > "$BENCH_DIR/results.tsv"
{
    echo "| run | wall s (median of $RUNS) | cpu s | peak RSS MiB |"
    echo "|---|---:|---:|---:|"
    for n in ${TENDERS:-25 50}; do
        make_archive "$n"
        arch="$BENCH_DIR/arch-$n"
        cat "$arch"/*/submissions/*/evidence/* > /dev/null   # warm the page cache
        subs=$(find "$arch" -name response.yaml | wc -l)
        mb=$(find "$arch" -type f -printf '%s\n' | awk '{s += $1} END {printf "%d", s / 1e6}')
        set_rules "$arch" 1
        measure "rules 1, $subs submissions, $mb MB" "$arch"
        set_rules "$arch" 2
        measure "rules 2, $subs submissions, $mb MB" "$arch"
    done
} | tee "$BENCH_DIR/results.md"

echo
echo "Readers on the 12 PDFs (one core, a process per file):"
python3 - "$BENCH_DIR/pdfs" "$BIN" <<'PY' | tee -a "$BENCH_DIR/results.md"
import os, subprocess, sys, time
d, binary = sys.argv[1], sys.argv[2]
files = sorted(os.path.join(d, f) for f in os.listdir(d) if f.endswith(".pdf"))
size = sum(os.path.getsize(f) for f in files)
def run(cmd, stdin=None):
    t0 = time.perf_counter()
    subprocess.run(cmd, input=stdin, capture_output=True)
    return time.perf_counter() - t0
ours = sum(run([binary, "__read-evidence", "pdf"], open(f, "rb").read()) for f in files)
print(f"| tenderscore worker | {size / ours / 1e6:.1f} MB/s |")
try:
    ref = sum(run(["pdftotext", "-q", f, "-"]) for f in files)
    print(f"| pdftotext | {size / ref / 1e6:.1f} MB/s |")
except FileNotFoundError:
    print("| pdftotext | not installed |")
PY
