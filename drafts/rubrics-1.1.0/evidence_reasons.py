#!/usr/bin/env python3
"""Print the per-question evidence-settings table of rubrics-1.1.0-changes.md.

Reads the 1.1.0 rubric files for the settings themselves and takes the reason for each
question's settings from REASONS below, so the table can never disagree with the files.
Fails if a question with an evidence block has no reason, or a reason names no question.
"""
import glob
import os
import sys

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))

# Shorthand used in many reasons:
#   Q  = "a 0-4 scale (or a choice whose lowest paying option is 1/4) pays 0.25 at its lowest
#         paying answer, 0.19 once unverified; an unevidenced top claim keeps 0.5 unless
#         evidence is required, so `required` is the only setting that keeps the property"
#   T  = "proposed terms for this tender: a clause older than a year is probably from
#         superseded standard terms"
REASONS = {
    # ------------------------------------------------------------------ aime
    "AIME-1.1": "Q. A register must show the systems in use now, so one year. No verification tier: an audited register is already level 4, so verification would be scored twice.",
    "AIME-1.3": "Q. Change procedures change slowly and an example log shows use; two years.",
    "AIME-2.1": "Q. The policy itself promises a yearly review (level 4), so a policy older than a year is out of date.",
    "AIME-2.2": "Q. Role documents and organisation charts change less often than policies; two years.",
    "AIME-2.3": "Q. Two years matches the refresher interval in level 3; completion records are a register.",
    "AIME-2.4": "Q. Certificates run a three-year cycle and carry their own expiry date, so three years; at high risk the certificate or independent assessment must name its certifier or assessor, because the answer is itself a claim of third-party assurance.",
    "AIME-2.5": "Q. The question is about yearly renewal, so evidence older than a year disproves the claim.",
    "AIME-3.1": "Q. Classification of who a system affects is revisited on change; two years.",
    "AIME-3.3": "Q. Fairness results date quickly as models and populations drift: one year. At high risk self-reported fairness testing is exactly the 'marking its own homework' concern, so verification from high.",
    "AIME-3.4": "Text question, marked by evaluators (credit 1); three years keeps the case recent.",
    "AIME-4.1": "Q. A method plus one completed assessment; two years. Verification from high, because a self-assessed impact method is the weakest point of supplier assurance at high risk.",
    "AIME-4.3": "Text question; three years keeps the case recent.",
    "AIME-5.1": "Q. Level 4 expects yearly reassessment, so one year; verification from high (for example an ISO/IEC 42001 audit of the risk process).",
    "AIME-5.2": "Q. Thresholds are tested each release; one year.",
    "AIME-5.3": "Q. Level 3 needs the procedure exercised or used; two years covers one exercise cycle.",
    "AIME-6.1": "Q. Datasheets change when datasets change, not yearly; two years.",
    "AIME-6.2": "Q. As AIME-6.1; n/a stays for suppliers that train nothing.",
    "AIME-7.1": "Q. Third-party models change version often and level 4 expects re-testing on each change; one year.",
    "AIME-7.2": "Q. A procedure and one example record; two years.",
    "AIME-8.1": "Q. DPIAs are reviewed at least every two years at level 3 (yearly at level 4); two years.",
    "AIME-8.2": "Q. Procedure and log extract; two years.",
    "AIME-8.3": "Q. Security threats to AI change fast: one year; verification from high as in 1.0.0.",
    "AIME-9.1": "Q. Published channels and procedure; two years.",
    "AIME-9.2": "Q (lowest paying option 1/4). Procedure and figures; two years.",
    "AIME-9.3": "Text question; three years.",
    "AIME-10.1": "Q. Documentation must be current with releases; one year.",
    "AIME-10.2": "Q. A sample of plain-language material; two years.",
    # ------------------------------------------------------------------ psed
    "PSED-1": "Q. The description of affected people is prepared for this service and tender; one year.",
    "PSED-2": "Q. Evidence about training data changes with retraining; two years.",
    "PSED-3": "Q. Engagement happens in design cycles; three years. n/a only where no resident is affected.",
    "PSED-4": "Q. Fairness results must be recent: one year. No verification tier: independence is scored once, in PSED-16, so verifying here too would penalise self-testing twice.",
    "PSED-5": "Q. As PSED-4.",
    "PSED-6": "Numeric question (not covered by the property); evidence required as in 1.0.0; one year; verification dropped as for PSED-4.",
    "PSED-15": "Q. A fairness specification changes less often than results; two years.",
    "PSED-16": "Q. One year matches 'within the last 12 months'. No verification tier: the answer itself states how independent the testing was, and the report must name the tester; checking that the named tester is independent is proposed for the next scoring rules (must_show).",
    "PSED-7": "Q. An input pack prepared for this tender and updated on change; one year.",
    "PSED-8": "Q. The levers at level 4 are contract terms; one year (T).",
    "PSED-9": "Q (0-5 scale, lowest paying level 1/5). Accessibility audits are usually yearly; one year. Verification from medium, as the guidance has always asked for an independent audit from medium risk.",
    "PSED-10": "Q. Monitoring procedure or sample report current; one year.",
    "PSED-11": "Q (lowest paying option 1/4). Audit rights exist only as a clause; one year (T).",
    "PSED-12": "Q. Measured outcomes from live use take time to accumulate; two years. Verification from medium, because independent evaluation is what separates evidence of benefit from a sales claim.",
    "PSED-13": "Gate (yes/no): the clause is required, or the yes is worth nothing; one year (T).",
    "PSED-14": "Q. Written procedure; two years.",
    # ------------------------------------------------------------------ gdpr
    "GDPR-1": "Q (lowest paying option 1/4). A processing table or draft agreement for this service; one year.",
    "GDPR-2": "Gate: a 'no' must be backed by a clause binding sub-processors and model providers, or the gate fails; one year (T).",
    "GDPR-3": "Lowest paying option is 2/4, so the property would hold without `required`; required anyway because purpose limits are contract terms (Art 28(3)(a)); one year (T).",
    "GDPR-4": "Text question; data-flow map for this service, one year.",
    "GDPR-5": "Q. Data-flow and control documents; two years.",
    "GDPR-6": "Q. Deployment-specific draft text; one year.",
    "GDPR-7": "Q. DPIA input prepared for this tender and updated on change; one year.",
    "GDPR-8": "Q. Decision process and override records; two years.",
    "GDPR-9": "Q. Procedure and end-to-end test; two years.",
    "GDPR-23": "Q. Sample explanations and procedure; two years.",
    "GDPR-24": "Weight 0 (descriptive): every option pays the same, so the property holds; evidence optional; one year.",
    "GDPR-10": "Gate: the draft agreement is required as in 1.0.0; one year (T).",
    "GDPR-11": "Lowest paying option is 3/4, so the property holds even unverified; required anyway because the list or clause is the substance of the answer; one year, since sub-processor lists change.",
    "GDPR-12": "Q. Procedure and test; two years.",
    "GDPR-13": "Q. Certificates last up to three years and carry an expiry date; three years. Verification from high as in 1.0.0.",
    "GDPR-14": "Q. Level 3 itself asks for a test within the last year; one year; verification from high as in 1.0.0.",
    "GDPR-15": "Numeric question (not covered by the property); a notice period binds only in the contract, so the clause is now required; one year (T).",
    "GDPR-16": "Lowest paying option is 2/4, so the property holds at the limit; required because a location commitment binds only in the contract; one year (T).",
    "GDPR-17": "Lowest paying option is 2/4 and there is no verification tier, so an unevidenced top claim (0.5) can at most tie an evidenced lowest answer (0.5): the property holds and evidence stays optional. Transfer agreements stay valid for years, so two years.",
    "GDPR-18": "Q. Retention schedule and deletion clause; one year (T).",
    "GDPR-19": "Q. Audit rights and DPO details; one year.",
    "GDPR-20": "Q. Accuracy results must be recent; one year.",
    "GDPR-21": "Q. Design documents change slowly; two years.",
    "GDPR-22": "Text question; the question covers three years.",
    # ------------------------------------------------------------------ contract
    "CONTRACT-1": "Q (lowest paying option 1/4). Ownership exists only as a clause; one year (T).",
    "CONTRACT-2": "Gate: the clause ruling out undisclosed charges is required, as in 1.0.0; one year (T).",
    "CONTRACT-3": "Q. Warranty and indemnity clauses; one year (T).",
    "CONTRACT-24": "Q (lowest paying option 1/4). Clause plus price schedule (kind other); one year.",
    "CONTRACT-4": "Numeric; clause required as in 1.0.0; one year (T).",
    "CONTRACT-5": "Q. Termination clause; one year (T).",
    "CONTRACT-6": "Q. Exit clause and procedure; one year (T).",
    "CONTRACT-7": "Text question; one year (T).",
    "CONTRACT-20": "Q (lowest paying option 1/4). Exit clause for tuned models; one year (T).",
    "CONTRACT-16": "Q. Price clauses and the price schedule; one year (T).",
    "CONTRACT-17": "Q (lowest paying option 1/4). Renewal clause; one year (T).",
    "CONTRACT-18": "Q (lowest paying option 1/4). Variation clause; one year (T).",
    "CONTRACT-19": "Q (lowest paying option 1/4). Clause plus interface documentation (kind other); one year.",
    "CONTRACT-23": "Q (lowest paying option 1/4). Clause or product policy on new features; one year.",
    "CONTRACT-8": "Q (lowest paying option 1/4). Supply-chain register for this system; one year, since chains change.",
    "CONTRACT-9": "Q (lowest paying option 1/4). Change clause; one year (T).",
    "CONTRACT-10": "Q. Outcomes schedule; one year (T).",
    "CONTRACT-11": "Q. Monitoring procedure and sample report; one year.",
    "CONTRACT-12": "Q (lowest paying option 1/4). ATRS record; one year, since records must be kept current.",
    "CONTRACT-15": "Q (lowest paying option 1/4). Testing clause or test protocol; one year.",
    "CONTRACT-21": "Q. Integration plan for this tender; one year.",
    "CONTRACT-22": "Q. Training plan for this tender; one year.",
    "CONTRACT-13": "Q. Remedies clause; one year (T).",
    "CONTRACT-25": "Numeric; the cap exists only in the clause; one year (T).",
    "CONTRACT-14": "Q (lowest paying option 1/4). Case studies and evaluations age: two years; verification from medium as in 1.0.0, because claimed deployments are the claims most often overstated.",
    # ------------------------------------------------------------------ social-value
    "SV-1": "Q. The social value plan is written for this tender; one year.",
    "SV-2": "Q. As SV-1.",
    "SV-3": "Q (lowest paying option 1/4). Reporting template and clause; one year.",
    "SV-4": "Q. Plan for this contract; one year.",
    "SV-5": "Q (lowest paying option 1/4). Pay policy, accreditation certificate or clause; one year, as pay rates change yearly.",
    "SV-6": "Q. Plan for this contract; one year.",
    "SV-7": "Q. Supply-chain plan and payment terms; one year.",
    "SV-8": "Q. Plan for this contract; one year.",
    "SV-9": "Q. Carbon reduction plans are refreshed yearly; one year.",
    "SV-10": "Text question; three years keeps the example recent.",
}


def main():
    rows, seen, missing = [], set(), []
    for path in sorted(glob.glob(os.path.join(HERE, "rubrics", "*", "1.1.0.yaml"))):
        r = yaml.safe_load(open(path, encoding="utf-8"))
        rows.append(f"\n#### {r['id']}@{r['version']}\n")
        rows.append("| question | kind | required | max age (days) | verified from | kinds | why |")
        rows.append("|---|---|---|---|---|---|---|")
        for s in r["sections"]:
            for q in s["questions"]:
                ev = q.get("evidence")
                if ev is None:
                    continue
                seen.add(q["id"])
                reason = REASONS.get(q["id"])
                if reason is None:
                    missing.append(q["id"])
                    reason = "(no reason recorded)"
                rows.append(
                    "| {id} | {kind} | {req} | {age} | {va} | {kinds} | {why} |".format(
                        id=q["id"],
                        kind=q["kind"],
                        req="yes" if ev.get("required") else "no",
                        age=ev.get("max_age_days", "-"),
                        va=ev.get("verify_at", "-"),
                        kinds=", ".join(ev.get("kinds", [])),
                        why=reason,
                    )
                )
    extra = sorted(set(REASONS) - seen)
    print("\n".join(rows))
    if missing or extra:
        sys.exit(f"missing reasons: {missing}; reasons for no question: {extra}")


if __name__ == "__main__":
    main()
