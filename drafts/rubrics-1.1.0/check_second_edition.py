#!/usr/bin/env python3
"""Check rubrics/second-edition-fields.yaml against the 1.1.0 rubrics: every question named
exists, every must_show question has an evidence block, and every answer value in a
consistency rule is one the question can take."""
import glob, os, sys, yaml
here = os.path.dirname(os.path.abspath(__file__))
qs = {}
for p in sorted(glob.glob(os.path.join(here, "rubrics", "*", "1.1.0.yaml"))):
    r = yaml.safe_load(open(p))
    for s in r["sections"]:
        for q in s["questions"]:
            qs[q["id"]] = (r["id"], q)
f = yaml.safe_load(open(os.path.join(here, "rubrics", "second-edition-fields.yaml")))
errs = []
def valid(q, v):
    k = q["kind"]
    if k == "scale": return isinstance(v, int) and 0 <= v < len(q["levels"])
    if k == "choice": return v in {o["value"] for o in q["options"]}
    if k == "yes_no": return v in ("yes", "no")
    return False
for m in f["must_show"]:
    q = qs.get(m["question"])
    if not q: errs.append(f"must_show: unknown question {m['question']}"); continue
    if "evidence" not in q[1]: errs.append(f"must_show: {m['question']} has no evidence block")
    for item in m["must_show"]:
        if not item.get("label") or not (item.get("any") or item.get("supplier")):
            errs.append(f"must_show: {m['question']} item needs a label and any/supplier")
rubrics_in_rules = set()
for rule in f["consistency"]:
    for side in ("if", "then_not"):
        for qid, vals in rule[side].items():
            q = qs.get(qid)
            if not q: errs.append(f"{rule['id']}: unknown question {qid}"); continue
            rubrics_in_rules.add(q[0])
            for v in vals:
                if not valid(q[1], v): errs.append(f"{rule['id']}: {qid} cannot take {v!r}")
    crosses = {qs[x][0] for s in ("if", "then_not") for x in rule[s] if x in qs}
    print(f"{rule['id']}: {' + '.join(sorted(crosses))}")
print(f"{len(f['must_show'])} must_show entries, {len(f['consistency'])} consistency rules, {len(errs)} problem(s)")
for e in errs: print("  ", e)
sys.exit(1 if errs else 0)
