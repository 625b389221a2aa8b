#!/usr/bin/env python3
"""Generate a synthetic tender archive for benchmarking `tenderscore rescore`.

    python3 bench/gen_archive.py --tenders 1000 --suppliers 8 --out /tmp/arch --seed 1

Python 3 standard library only. The questions (ids, kinds, levels, options, number bands,
accepted evidence kinds, maximum evidence age, n/a permission) are read from the blank
response that `tenderscore template aime@1.0.0 psed@1.0.0 gdpr@1.0.0 contract@1.0.0`
prints, so the generator always matches the binary under test (set --bin or $TENDERSCORE).

Layout written (SPEC section 2):

    OUT/t00000/tender.toml
    OUT/t00000/marks.csv                      E1 and E2 mark every text question of every supplier
    OUT/t00000/submissions/<folder>/response.yaml   all 84 questions answered, valid
    OUT/t00000/submissions/<folder>/evidence/*.txt  3-6 files, 300 KB - 1 MB per supplier

Output is deterministic for a given --seed: every tender draws from its own generator seeded
with (seed, tender number), so tender N is identical whatever --tenders is; an archive of 125
tenders is exactly the first 125 tenders of an archive of 1,000 with the same seed.
"""

import argparse
import csv
import datetime as dt
import hashlib
import io
import os
import random
import re
import subprocess
import sys

RUBRICS = ["aime@1.0.0", "psed@1.0.0", "gdpr@1.0.0", "contract@1.0.0"]
BASE_WEIGHTS = [25, 25, 30, 20]
AS_OF = dt.date(2026, 10, 1)

WORDS = (
    "the a of and to in for on with by is are was be as at from that this it our we "
    "system model data council resident service policy procedure register audit report test "
    "fairness bias group protected characteristic equality impact assessment risk review "
    "quarterly annual monitoring accuracy drift error rate outcome decision human oversight "
    "officer social care referral triage contract clause processor controller retention "
    "deletion transfer security incident breach notice hours supplier sub-processor exit "
    "portability export format open standard documentation training staff competence "
    "evidence certificate independent third party verified assurance governance board owner "
    "version release change approval complaint redress channel escalation appeal record "
    "dataset sample representative disability age sex race religion maternity carers "
    "accessibility language translation plain english explanation transparency algorithmic "
    "standard published tier update schedule measure metric threshold tolerance target "
    "within between across every each all some most few weekly monthly documented agreed"
).split()

ADJ = ("Amber Birch Cedar Delta Ember Fern Granite Harbour Iris Juniper Kestrel Linden Meridian "
       "Northgate Oakfield Pennine Quarry Riverside Slate Thistle Upland Vale Willow Yarrow "
       "Zenith Beacon Cobalt Drover Elmstead Foxglove").split()
NOUN = ("Analytics Digital Systems Insight Data Labs Software Intelligence Solutions Networks "
        "Services Technologies Logic Informatics Decisions").split()
SUFFIX = ["Ltd", "plc", "LLP", "Ltd", "Ltd", "CIC"]


# ---------------------------------------------------------------- questions from the template

HEADER = re.compile(r"^  # ([A-Z]+(?:-[A-Z]+)*-[0-9]+(?:\.[0-9]+)*): ")
KEY = re.compile(r"^  ([A-Z]+(?:-[A-Z]+)*-[0-9]+(?:\.[0-9]+)*):\s*$")


def load_questions(binary):
    """Questions in template order, each a dict: id, kind, levels, options, bands, kinds,
    max_age, required, verify, na."""
    out = subprocess.run([binary, "template", *RUBRICS], check=True,
                         stdout=subprocess.PIPE, text=True).stdout
    questions, block = [], None
    for line in out.splitlines():
        if HEADER.match(line):
            block = []
            continue
        m = KEY.match(line)
        if m and block is not None:
            questions.append(parse_block(m.group(1), block))
            block = None
            continue
        if block is not None:
            s = line.lstrip(" ")
            if not s.startswith("#"):
                continue
            indent = len(line) - len(s)
            text = s[1:]
            if text.startswith("   ") and block:       # "#   ..." continues the item above
                block[-1][1] += " " + text.strip()
            elif text.startswith(" "):
                block.append([indent, text.strip()])
    if len(questions) != 84:
        sys.exit(f"gen_archive: expected 84 questions in the template, parsed {len(questions)}")
    # The template does not say which answer a yes/no question expects; `rubrics show` does
    # ("yes or no; credit for `no`").
    expect, current = {}, None
    for ref in RUBRICS:
        shown = subprocess.run([binary, "rubrics", "show", ref, "--color", "never"], check=True,
                               stdout=subprocess.PIPE, text=True).stdout
        for line in shown.splitlines():
            m = re.match(r"^(\S+) \[yes_no", line)
            if m:
                current = m.group(1)
            m = re.search(r"yes or no; credit for `(yes|no)`", line)
            if m and current:
                expect[current] = m.group(1)
                current = None
    for qq in questions:
        if qq["kind"] == "yes_no":
            qq["expect"] = expect.get(qq["id"], "yes")
    return questions


def parse_block(qid, items):
    q = {"id": qid, "kind": None, "levels": 0, "options": [], "bands": [], "kinds": [],
         "max_age": None, "required": False, "verify": False, "na": False,
         "option_scores": [], "expect": "yes"}
    top = [t for i, t in items if i == 4]
    sub = [t for i, t in items if i > 4]
    for t in top:
        if t.startswith("Answer with a level"):
            q["kind"] = "scale"
            q["levels"] = int(re.search(r"0-(\d+)", t).group(1))
        elif t.startswith("Answer with one value"):
            q["kind"] = "choice"
        elif t.startswith("Answer yes or no"):
            q["kind"] = "yes_no"
        elif t.startswith("Answer with a number"):
            q["kind"] = "number"
        elif t.startswith("Answer in free text"):
            q["kind"] = "text"
        elif t.startswith("evidence"):
            q["required"] = "REQUIRED" in t
            m = re.search(r"kinds: ([a-z_, ]+?)(?:;|\.$|$)", t)
            if m:
                q["kinds"] = [k.strip() for k in m.group(1).split(",")]
            m = re.search(r"issued within (\d+) days", t)
            if m:
                q["max_age"] = int(m.group(1))
            q["verify"] = "verification expected" in t
        if "may be answered n/a" in t:
            q["na"] = True
    if q["kind"] == "choice":
        for t in sub:
            m = re.match(r"([a-z0-9_]+): .*\(score ([0-9.]+)\)$", t)
            if m:
                q["options"].append(m.group(1))
                q["option_scores"].append(float(m.group(2)))
        if not q["options"]:
            sys.exit(f"gen_archive: {qid}: no options parsed")
    if q["kind"] == "number":
        for t in sub:
            m = re.match(r"at (most|least) ([0-9.]+): score", t)
            if m:
                q["bands"].append(float(m.group(2)))
    if q["kind"] is None or not q["kinds"]:
        sys.exit(f"gen_archive: {qid}: cannot parse kind or evidence kinds from the template")
    return q


# ---------------------------------------------------------------- text

def sentence(rng, lo=8, hi=18):
    w = rng.choices(WORDS, k=rng.randint(lo, hi))
    return w[0].capitalize() + " " + " ".join(w[1:]) + "."


def paragraph(rng, n_lo=2, n_hi=4):
    return " ".join(sentence(rng) for _ in range(rng.randint(n_lo, n_hi)))


def make_pool(seed, size=1 << 21):
    """About 2 MB of word text that evidence files are cut from (at random offsets)."""
    rng = random.Random(f"pool:{seed}")
    parts, n = [], 0
    while n < size:
        line = " ".join(rng.choices(WORDS, k=rng.randint(8, 16))) + "\n"
        parts.append(line)
        n += len(line)
    pool = "".join(parts)
    return (pool + pool).encode()  # doubled so any slice of up to `size` bytes is contiguous


def q(s):
    """A double-quoted YAML scalar (JSON string syntax, ASCII only here)."""
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


# ---------------------------------------------------------------- one tender

def evidence_sizes(rng):
    """3-6 files: 1-2 small (2-8 KB), the other 2-5 large, splitting a 300 KB - 1 MB total
    (each large file at least 50 KB)."""
    n = rng.randint(3, 6)
    n_small = rng.randint(1, min(2, n - 2))
    n_large = n - n_small
    small = [rng.randint(2_000, 8_000) for _ in range(n_small)]
    total = rng.randint(300_000, 1_000_000) - sum(small)
    cuts = [rng.random() + 0.3 for _ in range(n_large)]
    s = sum(cuts)
    large = [max(50_000, int(total * c / s)) for c in cuts]
    sizes = small + large
    rng.shuffle(sizes)
    return sizes


def write_tender(root, t, seed, n_suppliers, questions, pool):
    rng = random.Random(f"tender:{seed}:{t}")
    tid = f"BENCH-{seed}-{t:05d}"
    tdir = os.path.join(root, f"t{t:05d}")
    os.makedirs(os.path.join(tdir, "submissions"), exist_ok=True)

    # tender.toml: the four built-in rubrics, risk high, weights varied a little
    by_rubric = {"aime": [], "psed": [], "gdpr": [], "contract": []}
    for qq in questions:
        by_rubric[qq["id"].split("-")[0].lower()].append(qq)
    toml = [f'id = "{tid}"', f'title = "Synthetic benchmark tender {t}"',
            'buyer = "Benchmark Borough Council"', 'risk = "high"', "as_of = 2026-10-01",
            'submissions = "submissions"', ""]
    for ref, base in zip(RUBRICS, BASE_WEIGHTS):
        toml += ["[[rubrics]]", f'use = "{ref}"', f"weight = {base + rng.randint(-5, 5)}"]
        if rng.random() < 0.3:
            scale_ids = [x["id"] for x in by_rubric[ref.split("@")[0]] if x["kind"] == "scale"]
            toml.append(f'weights = {{ "{rng.choice(scale_ids)}" = {rng.randint(2, 3)} }}')
        toml.append("")
    toml += ["[scoring]", "unevidenced_credit = 0.5", "unverified_credit = 0.75",
             "min_total = 60", "min_rubric = 40", "marks_scale = 5", "max_mark_spread = 2", ""]
    with open(os.path.join(tdir, "tender.toml"), "w") as f:
        f.write("\n".join(toml))

    used_names = set()
    marks = io.StringIO()
    mw = csv.writer(marks, lineterminator="\n")
    mw.writerow(["evaluator", "supplier", "question", "mark", "reason"])
    text_ids = [x["id"] for x in questions if x["kind"] == "text"]

    for s in range(n_suppliers):
        while True:
            name = f"{rng.choice(ADJ)} {rng.choice(NOUN)} {rng.choice(SUFFIX)}"
            if name not in used_names:
                break
        used_names.add(name)
        folder = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
        sdir = os.path.join(tdir, "submissions", folder)
        edir = os.path.join(sdir, "evidence")
        os.makedirs(edir, exist_ok=True)

        # evidence files: unique header + a slice of the pool at a random offset
        files = []
        for i, size in enumerate(evidence_sizes(rng)):
            fname = f"evidence/doc-{i + 1}-{rng.choice(WORDS)}.txt"
            head = f"{name} / {tid} / {fname} / {rng.getrandbits(64):016x}\n".encode()
            off = rng.randrange(0, len(pool) // 2)
            body = head + pool[off:off + max(0, size - len(head))]
            with open(os.path.join(sdir, fname), "wb") as f:
                f.write(body)
            files.append((fname, hashlib.sha256(body).hexdigest()))

        y = [f"# Synthetic response {s + 1} to {tid}", f"supplier: {q(name)}",
             f"tender: {tid}", f"submitted: 2026-09-{rng.randint(10, 28):02d}", "answers:"]
        for qq in questions:
            kind = qq["kind"]
            y.append(f"  {qq['id']}:")
            if qq["na"] and rng.random() < 0.1:
                y.append("    answer: n/a")
                y.append(f"    justification: {q(sentence(rng))}")
                continue
            claim = True
            if kind == "scale":
                level = rng.choices(range(qq["levels"] + 1),
                                    weights=[1] + [2 * i for i in range(1, qq["levels"] + 1)])[0]
                claim = level > 0
                y.append(f"    answer: {level}")
            elif kind == "choice":
                y.append(f"    answer: {rng.choices(qq['options'], [1 + x for x in qq['option_scores']])[0]}")
            elif kind == "yes_no":
                other = "no" if qq["expect"] == "yes" else "yes"
                y.append(f"    answer: {qq['expect'] if rng.random() < 0.9 else other}")
            elif kind == "number":
                top = max(qq["bands"]) if qq["bands"] else 100
                v = round(rng.uniform(0, top * 1.3), 1)
                y.append(f"    answer: {int(v) if rng.random() < 0.5 else v}")
            else:  # text
                y.append("    answer: |")
                for _ in range(rng.randint(2, 4)):
                    y.append("      " + sentence(rng, 10, 20))
            if rng.random() < 0.8:
                y.append(f"    comment: {q(' '.join(sentence(rng) for _ in range(rng.randint(1, 2))))}")
            if claim and rng.random() < (0.97 if qq["required"] else 0.8):
                y.append("    evidence:")
                for fname, digest in rng.sample(files, k=1 if rng.random() < 0.8 else 2):
                    age = rng.randint(1, (qq["max_age"] or 900) - 1)
                    y.append(f"      - file: {fname}")
                    y.append(f"        kind: {rng.choice(qq['kinds'])}")
                    y.append(f"        issued: {AS_OF - dt.timedelta(days=age)}")
                    if rng.random() < 0.1:
                        y.append(f"        expires: {AS_OF + dt.timedelta(days=rng.randint(30, 700))}")
                    if qq["verify"] and rng.random() < 0.5:
                        y.append(f"        verified_by: {q('Example Assurance Ltd (certificate ' + str(rng.randint(1000, 9999)) + ')')}")
                    if rng.random() < 0.15:
                        y.append(f"        sha256: {digest}")
        with open(os.path.join(sdir, "response.yaml"), "w") as f:
            f.write("\n".join(y) + "\n")

        for qid in text_ids:
            m1 = rng.randint(1, 5)
            m2 = min(5, max(0, m1 + rng.randint(-2, 2)))
            mw.writerow(["E1", name, qid, m1, sentence(rng, 5, 12)])
            mw.writerow(["E2", name, qid, m2, sentence(rng, 5, 12)])

    with open(os.path.join(tdir, "marks.csv"), "w") as f:
        f.write(marks.getvalue())


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--tenders", type=int, required=True)
    ap.add_argument("--suppliers", type=int, default=8)
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--bin", default=os.environ.get("TENDERSCORE", "/tmp/ts/tenderscore-release"),
                    help="tenderscore binary whose `template` lists the questions")
    a = ap.parse_args()
    questions = load_questions(a.bin)
    pool = make_pool(a.seed)
    os.makedirs(a.out, exist_ok=True)
    for t in range(a.tenders):
        write_tender(a.out, t, a.seed, a.suppliers, questions, pool)
    print(f"gen_archive: {a.tenders} tenders x {a.suppliers} suppliers in {a.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
