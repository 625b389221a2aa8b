#!/usr/bin/env python3
"""What `--ledger` adds to `score`: the example tender scored alone, and with 100 ledgers of
1,000 lines each, read in full and then through their indexes (docs/performance.md, "Ledgers").

The ledgers are real-shaped: lines of the two example tenders' own ledgers, each copied under
another buyer and tender id, with company numbers, names and file hashes varied so that most
lines match nobody, and one line in fifty kept as it is (a supplier of the example, its real
file hashes), so the cross-check finds matches and writes flags as it would in use.

With LEDGER_BENCH_DIFFER=1, each kept line records another answer than the example's (the
worst case for an index, which then passes over none of those lines: each may raise a flag).

Usage: scripts/ledger-bench.py [RUNS]   (after `cargo build --release`)
"""
import hashlib, json, os, statistics, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, "target", "release", "tenderscore")
RUNS = int(sys.argv[1]) if len(sys.argv) > 1 else 15
DIFFER = os.environ.get("LEDGER_BENCH_DIFFER") == "1"


def word(k):
    letters = "abcdefghkp"
    return "".join(letters[int(d)] for d in f"{k:03}").capitalize() + "x"


def ledger(tender):
    out = subprocess.run([BIN, "-q", "ledger", tender], capture_output=True, check=True)
    return [json.loads(l) for l in out.stdout.decode().splitlines()]


def run(args):
    """Wall time and CPU time (user + system) of one run."""
    t = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, _, usage = os.wait4(proc.pid, 0)
    return time.perf_counter() - t, usage.ru_utime + usage.ru_stime


def timed(configs):
    """Each configuration run RUNS times, taken in turn (so that a machine that slows down
    for a while slows them all alike): median wall, min wall and median CPU time of each."""
    walls = [[] for _ in configs]
    cpus = [[] for _ in configs]
    for _ in range(RUNS):
        for k, args in enumerate(configs):
            w, c = run(args)
            walls[k].append(w)
            cpus[k].append(c)
    return [
        (statistics.median(w), min(w), statistics.median(c)) for w, c in zip(walls, cpus)
    ]


def main():
    example = os.path.join(ROOT, "examples", "care-triage")
    base = ledger(example) + ledger(os.path.join(ROOT, "examples", "ashworth-casenotes"))
    keep = os.environ.get("LEDGER_BENCH_DIR")
    with tempfile.TemporaryDirectory() as tmp:
        d = keep or tmp
        os.makedirs(d, exist_ok=True)
        paths = []
        for n in range(100):
            lines = []
            for i in range(1000):
                l = json.loads(json.dumps(base[(n * 1000 + i) % len(base)]))
                l["buyer"] = f"Council {n}"
                l["tender"] = f"T-{n:03}"
                if i % 50:
                    # Names of letters that look like no others (the match key folds
                    # look-alikes: `m` is keyed as `rn`, `0` as `O`), so the key is the name.
                    name = f"{word(n)} {word(i % 37)}"
                    l["supplier"] = f"{name} Ltd"
                    l["legal_names"] = []
                    l["company_number"] = f"{n + 1:02}{i % 37:06}"
                    # The match keys as `tenderscore ledger` writes them.
                    l["keys"]["company"] = l["company_number"].lstrip("0")
                    l["keys"]["names"] = [name.lower()]
                    for e in l["evidence"]:
                        if e["sha256"]:
                            e["sha256"] = hashlib.sha256(f"{n}/{i}/{e['sha256']}".encode()).hexdigest()
                elif DIFFER and l["answer"] is not None:
                    l["answer"] += "-there"
                lines.append(json.dumps(l, separators=(",", ":")))
            p = os.path.join(d, f"ledger-{n:03}.jsonl")
            with open(p, "w") as f:
                f.write("\n".join(lines) + "\n")
            paths.append(p)
        size = sum(os.path.getsize(p) for p in paths)
        plain = [BIN, "score", example, "--format", "json"]
        with_ledgers = plain + [a for p in paths for a in ("--ledger", p)]
        out = subprocess.run(with_ledgers, capture_output=True)
        if not out.stdout:
            sys.exit(out.stderr.decode()[:2000])
        result = json.loads(out.stdout)
        flags = sum(
            1
            for s in result["suppliers"]
            for q in s["questions"]
            for f in q["flags"]
            if f["kind"] == "ledger"
        )
        # The same ledgers with an index beside each (`tenderscore ledger-index`), in a folder
        # of their own: the first set stays without, so that both are timed in turn.
        indexed = os.path.join(d, "indexed")
        os.makedirs(indexed, exist_ok=True)
        for p in paths:
            if os.path.exists(p + ".idx"):
                os.remove(p + ".idx")
        ipaths = []
        for p in paths:
            q = os.path.join(indexed, os.path.basename(p))
            with open(p, "rb") as src, open(q, "wb") as dst:
                dst.write(src.read())
            ipaths.append(q)
        subprocess.run([BIN, "-q", "ledger-index"] + ipaths, check=True)
        index_size = sum(os.path.getsize(p + ".idx") for p in ipaths)
        with_indexes = plain + [a for p in ipaths for a in ("--ledger", p)]
        out = subprocess.run(with_indexes, capture_output=True)
        if json.loads(out.stdout) != result:
            sys.exit("the result read through the indexes differs from the full read")
        (a, a_min, a_cpu), (b, b_min, b_cpu), (c, c_min, c_cpu) = timed(
            [plain, with_ledgers, with_indexes]
        )
        print(f"ledgers: 100 files, 100,000 lines, {size / 1e6:.1f} MB; {flags} ledger flags raised")
        print(f"indexes: {index_size / 1e6:.1f} MB; {RUNS} runs of each, taken in turn")
        for name, w, m, cpu in [
            ("score alone:                 ", a, a_min, a_cpu),
            ("score --ledger x100:         ", b, b_min, b_cpu),
            ("score --ledger x100, indexed:", c, c_min, c_cpu),
        ]:
            print(f"{name}  wall median {w * 1000:.0f} ms (min {m * 1000:.0f}), CPU {cpu * 1000:.0f} ms")
        print(f"added without indexes: {(b - a) * 1000:.0f} ms, {100 * (b - a) / a:.1f}% of wall time")
        print(f"added with indexes:    {(c - a) * 1000:.1f} ms, {100 * (c - a) / a:.1f}% of wall time")


main()
