#!/usr/bin/env python3
"""Check the "make evidence count" property of tenderscore rubrics.

Property: for every scale or choice question that has an `evidence:` block, at every
risk tier at which the question applies, an unevidenced claim at the top level must
never score more than an honest, evidenced answer at the lowest level that earns
marks, under the default scoring settings.

    unevidenced top    = 1.0 x (0 if evidence.required else unevidenced_credit)
    evidenced lowest   = lowest positive raw x credit of attached, unverified evidence
                         (unverified_credit where verify_at <= tender risk, else 1)
    raw                = level / N (scale), option score / highest option score (choice)

Question weights do not enter: both answers are to the same question.

Usage: check_evidence_property.py [--unevidenced 0.5] [--unverified 0.75] FILE_OR_DIR...
With no paths it checks rubrics/*/1.1.0.yaml beside this script. Exit 1 when any question
breaks the property, 0 otherwise.
"""
import argparse
import glob
import os
import sys

try:
    import yaml
except ImportError:  # pragma: no cover
    sys.exit("PyYAML is needed: pip install pyyaml")

TIERS = ["low", "medium", "high"]
RANK = {t: i for i, t in enumerate(TIERS)}


def lowest_positive_raw(q):
    if q["kind"] == "scale":
        n = len(q["levels"]) - 1
        return 1.0 / n
    scores = [float(o["score"]) for o in q["options"]]
    top = max(scores)
    return min(s for s in scores if s > 0) / top


def check_file(path, unevidenced, unverified):
    with open(path, encoding="utf-8") as f:
        rubric = yaml.safe_load(f)
    ref = f"{rubric['id']}@{rubric['version']}"
    checked, pairs, failures, no_block = 0, 0, [], []
    for section in rubric["sections"]:
        for q in section["questions"]:
            if q["kind"] not in ("scale", "choice"):
                continue
            if "evidence" not in q:
                no_block.append(q["id"])
                continue
            checked += 1
            ev = q["evidence"] or {}
            required = bool(ev.get("required", False))
            verify_at = ev.get("verify_at")
            start = RANK[q.get("applies_from", "low")]
            raw_min = lowest_positive_raw(q)
            for tier in TIERS[start:]:
                pairs += 1
                credit_attached = (
                    unverified if verify_at is not None and RANK[verify_at] <= RANK[tier] else 1.0
                )
                top_unevidenced = 1.0 * (0.0 if required else unevidenced)
                honest_lowest = raw_min * credit_attached
                if top_unevidenced > honest_lowest + 1e-12:
                    failures.append(
                        (q["id"], tier, top_unevidenced, honest_lowest, required, verify_at)
                    )
    return ref, checked, pairs, failures, no_block


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--unevidenced", type=float, default=0.5, help="unevidenced_credit (default 0.5)")
    ap.add_argument("--unverified", type=float, default=0.75, help="unverified_credit (default 0.75)")
    ap.add_argument("paths", nargs="*")
    args = ap.parse_args()
    paths = args.paths or [os.path.join(os.path.dirname(os.path.abspath(__file__)), "rubrics")]
    files = []
    for p in paths:
        if os.path.isdir(p):
            files += sorted(glob.glob(os.path.join(p, "*", "1.1.0.yaml")))
        else:
            files.append(p)
    if not files:
        sys.exit("no rubric files found")

    total_q, total_pairs, total_fail, total_fail_q = 0, 0, 0, set()
    print(f"settings: unevidenced_credit={args.unevidenced} unverified_credit={args.unverified}")
    for path in files:
        ref, checked, pairs, failures, no_block = check_file(path, args.unevidenced, args.unverified)
        total_q += checked
        total_pairs += pairs
        total_fail += len(failures)
        total_fail_q |= {(ref, f[0]) for f in failures}
        status = "ok" if not failures else f"{len({f[0] for f in failures})} question(s) break it"
        print(f"{ref}: {checked} scale/choice question(s) with evidence checked at {pairs} (question, tier) pair(s): {status}")
        if no_block:
            print(f"  note: scale/choice without an evidence block (not checked): {', '.join(no_block)}")
        for qid, tier, top, low, req, va in failures:
            print(
                f"  FAIL {qid} at {tier}: unevidenced top {top:.3f} > evidenced lowest {low:.3f}"
                f" (required={req}, verify_at={va})"
            )
    print(
        f"TOTAL: {total_q} question(s) checked, {total_pairs} (question, tier) pair(s), "
        f"{len(total_fail_q)} question(s) failing"
    )
    return 1 if total_fail else 0


if __name__ == "__main__":
    sys.exit(main())
