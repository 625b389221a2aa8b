//! docs/formats.md §3: every scoring rule, with expectations computed by hand on the test rubric
//! `tests/fixtures/rubrics/t/1.0.0.yaml` (risk medium unless said; as-of 2026-10-01).

mod common;
use common::*;

const POLICY: &str = "A real policy document.\n";

/// A supplier whose answers exercise every kind; figures worked out in `rule_3_3_sums_*`.
fn full_response(name: &str) -> String {
    format!(
        r#"supplier: {name}
answers:
  T-1:
    answer: 3
    evidence:
      - file: evidence/policy.txt
        kind: policy
        issued: 2026-01-01
  T-2:
    answer: yes
    evidence:
      - file: evidence/clause.txt
        kind: contract_clause
  T-3:
    answer: part
  T-4:
    answer: 48
  T-5:
    answer: We test every release against a held-out set.
"#
    )
}

/// Supplier A answering the gate T-2 properly and the text question T-5.
fn gate_ok_with_text(t: &Tender) {
    t.response(
        "a",
        "supplier: A\nanswers:\n  T-2:\n    answer: yes\n    evidence:\n      - {file: c.txt, kind: contract_clause}\n  T-5:\n    answer: Our method.\n",
    );
    t.file("submissions/a/c.txt", "Clause 7: we sign.\n");
}

fn with_evidence(t: &Tender, folder: &str) {
    t.file(&format!("submissions/{folder}/evidence/policy.txt"), POLICY);
    t.file(
        &format!("submissions/{folder}/evidence/clause.txt"),
        "Clause 7: we sign.\n",
    );
}

#[test]
fn rule_3_3_sums_weighted_sections_rubrics_and_total_by_hand() {
    let t = Tender::new(&toml("medium", "[scoring]\nmin_total = 50\n"));
    t.response("acme", &full_response("Acme"));
    with_evidence(&t, "acme");
    t.marks("evaluator,supplier,question,mark,reason\nE1,Acme,T-5,4,Clear\nE2,Acme,T-5,3,Good\n");
    let j = t.json();
    let s = supplier(&j, "Acme");
    // T-1: 3/4 = 0.75, attached, credit 1 -> 0.75 (weight 2)
    let q1 = question(s, "T-1");
    approx(&q1["raw"], 0.75);
    assert_eq!(q1["evidence"], "attached");
    approx(&q1["credit"], 1.0);
    approx(&q1["score"], 0.75);
    approx(&q1["weight"], 2.0);
    // T-2: yes = expected, attached -> 1
    approx(&question(s, "T-2")["score"], 1.0);
    // T-3: part = 1/4, no evidence -> credit 0.5 -> 0.125
    let q3 = question(s, "T-3");
    approx(&q3["raw"], 0.25);
    assert_eq!(q3["evidence"], "none");
    approx(&q3["credit"], 0.5);
    approx(&q3["score"], 0.125);
    // Section a = (2*0.75 + 1 + 0.125) / 4 = 65.625
    approx(&s["sections"]["t@1.0.0/a"], 65.625);
    // T-4: 48 h -> band max 72 -> 0.5, none -> 0.25; T-5 marks mean 3.5/5 = 0.7, credit 1
    approx(&question(s, "T-4")["score"], 0.25);
    let q5 = question(s, "T-5");
    approx(&q5["raw"], 0.7);
    approx(&q5["credit"], 1.0);
    assert_eq!(q5["source"], "marks");
    // Section b = (0.25 + 0.7) / 2 = 47.5 (T-6 applies only from high risk)
    approx(&s["sections"]["t@1.0.0/b"], 47.5);
    // Rubric = (1*65.625 + 3*47.5) / 4 = 52.03125 = total
    approx(&s["rubrics"]["t@1.0.0"], 52.03125);
    approx(&s["total"], 52.03125);
    assert_eq!(s["status"], "pass");
    assert_eq!(s["rank"], 1);
    let c = &s["counts"];
    assert_eq!(
        (
            c["claims"].as_u64(),
            c["unevidenced"].as_u64(),
            c["unanswered"].as_u64()
        ),
        (Some(5), Some(2), Some(0))
    );
}

#[test]
fn rule_3_3_percentages_show_one_decimal_in_table_and_full_precision_in_json() {
    let t = Tender::new(&toml("medium", "[scoring]\nmin_total = 50\n"));
    t.response("acme", &full_response("Acme"));
    with_evidence(&t, "acme");
    t.marks("evaluator,supplier,question,mark,reason\nE1,Acme,T-5,4,x\nE2,Acme,T-5,3,y\n");
    let out = stdout(&t.run(&["score", "."]));
    assert!(out.contains("52.0"), "{out}");
    assert!(!out.contains("52.03"), "{out}");
    approx(&t.json()["suppliers"][0]["total"], 52.03125);
}

#[test]
fn rule_3_3_question_not_applicable_at_risk_tier_is_not_listed() {
    let t = Tender::medium();
    t.response("a", "supplier: A\nanswers: {}\n");
    let j = t.json_with_code(0);
    let s = supplier(&j, "A");
    assert!(s["questions"]
        .as_array()
        .unwrap()
        .iter()
        .all(|q| q["id"] != "T-6"));
    let t = Tender::new(&toml("high", ""));
    t.response("a", "supplier: A\nanswers: {}\n");
    let j = t.json();
    assert_eq!(
        question(supplier(&j, "A"), "T-6")["answer"],
        serde_json::Value::Null
    );
}

#[test]
fn rule_3_3_exclude_and_weight_overrides() {
    let t = Tender::new(&toml(
        "medium",
        "exclude = [\"T-3\"]\nweights = { \"T-1\" = 3 }\n[scoring]\nmin_total = 0\nmin_rubric = 0\n",
    ));
    t.response(
        "a",
        "supplier: A\nanswers:\n  T-1:\n    answer: 4\n  T-2:\n    answer: no\n",
    );
    let j = t.json();
    let s = supplier(&j, "A");
    assert!(s["questions"]
        .as_array()
        .unwrap()
        .iter()
        .all(|q| q["id"] != "T-3"));
    let q1 = question(s, "T-1");
    approx(&q1["weight"], 3.0);
    // T-1: 1 * 0.5 (no evidence) = 0.5 weight 3; T-2: no -> 0 weight 1 => 100*1.5/4 = 37.5
    approx(&s["sections"]["t@1.0.0/a"], 37.5);
}

#[test]
fn rule_3_3_section_with_everything_na_or_excluded_is_left_out_of_the_rubric_mean() {
    let t = Tender::new(&toml(
        "medium",
        "exclude = [\"T-5\"]\n[scoring]\nmin_total = 0\nmin_rubric = 0\n",
    ));
    t.response(
        "a",
        "supplier: A\nanswers:\n  T-1:\n    answer: 4\n    evidence:\n      - {file: p.txt, kind: policy, issued: 2026-09-01}\n  T-2:\n    answer: yes\n    evidence:\n      - {file: c.txt, kind: contract_clause}\n  T-3:\n    answer: full\n    evidence:\n      - {file: p.txt, kind: policy, verified_by: Audit Co}\n  T-4:\n    answer: n/a\n    justification: We never hold personal data.\n",
    );
    t.file("submissions/a/p.txt", POLICY)
        .file("submissions/a/c.txt", "clause\n");
    let j = t.json();
    let s = supplier(&j, "A");
    assert_eq!(s["sections"]["t@1.0.0/b"], serde_json::Value::Null);
    approx(&s["total"], 100.0);
}

#[test]
fn rule_3_2_na_needs_permission_and_justification_and_leaves_the_sums() {
    let t = Tender::new(&toml(
        "medium",
        "[scoring]\nmin_total = 0\nmin_rubric = 0\n",
    ));
    t.response("a", "supplier: A\nanswers:\n  T-4:\n    answer: n/a\n    justification: No personal data.\n  T-5:\n    answer: Our method.\n");
    t.marks("evaluator,supplier,question,mark,reason\nE1,A,T-5,5,ok\n");
    let j = t.json();
    let q4 = question(supplier(&j, "A"), "T-4");
    assert_eq!(q4["answer"], "n/a");
    assert_eq!(q4["score"], serde_json::Value::Null);
    // Section b is T-5 alone: 100
    approx(&supplier(&j, "A")["sections"]["t@1.0.0/b"], 100.0);

    let t = Tender::medium();
    t.response(
        "a",
        "supplier: A\nanswers:\n  T-1:\n    answer: n/a\n    justification: x\n",
    );
    let out = t.run(&["score", "."]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("T-1 cannot be answered n/a"),
        "{}",
        stderr(&out)
    );
    let t = Tender::medium();
    t.response("a", "supplier: A\nanswers:\n  T-4:\n    answer: n/a\n");
    assert!(stderr(&t.run(&["score", "."])).contains("needs a `justification`"));
}

fn evidence_case(item: &str, files: &[(&str, &str)]) -> serde_json::Value {
    let t = Tender::new(&toml(
        "medium",
        "[scoring]\nmin_total = 0\nmin_rubric = 0\n",
    ));
    t.response(
        "a",
        &format!("supplier: A\nanswers:\n  T-1:\n    answer: 4\n    evidence:\n      - {item}\n"),
    );
    for (f, c) in files {
        t.file(&format!("submissions/a/{f}"), c);
    }
    let j = t.json();
    question(supplier(&j, "A"), "T-1").clone()
}

fn assert_invalid(q: &serde_json::Value, needle: &str) {
    assert_eq!(q["evidence"], "invalid", "{q}");
    let reasons = q["evidence_reasons"].to_string();
    assert!(reasons.contains(needle), "{reasons} lacks {needle}");
    // §3.2: invalid keeps unevidenced_credit, and raises a warning flag
    approx(&q["credit"], 0.5);
    assert!(q["flags"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["severity"] == "warning" && f["kind"] == "evidence"));
}

#[test]
fn rule_3_1_invalid_when_file_missing() {
    assert_invalid(
        &evidence_case("{file: gone.txt, kind: policy, issued: 2026-09-01}", &[]),
        "file not found",
    );
}

#[test]
fn rule_3_1_invalid_when_file_empty() {
    assert_invalid(
        &evidence_case(
            "{file: e.txt, kind: policy, issued: 2026-09-01}",
            &[("e.txt", "")],
        ),
        "file is empty",
    );
}

#[test]
fn rule_3_1_invalid_when_outside_the_folder_by_dotdot() {
    let q = evidence_case(
        "{file: ../../tender.toml, kind: policy, issued: 2026-09-01}",
        &[],
    );
    assert_invalid(&q, "outside the submission folder");
}

#[cfg(unix)]
#[test]
fn rule_3_1_invalid_when_outside_the_folder_by_symlink() {
    let t = Tender::new(&toml(
        "medium",
        "[scoring]\nmin_total = 0\nmin_rubric = 0\n",
    ));
    t.response("a", "supplier: A\nanswers:\n  T-1:\n    answer: 4\n    evidence:\n      - {file: link.txt, kind: policy, issued: 2026-09-01}\n");
    std::os::unix::fs::symlink(
        t.path().join("tender.toml"),
        t.path().join("submissions/a/link.txt"),
    )
    .unwrap();
    let j = t.json();
    assert_invalid(
        question(supplier(&j, "A"), "T-1"),
        "outside the submission folder",
    );
    // the outside file is never hashed
    assert_eq!(
        supplier(&j, "A")["evidence_files"][0]["sha256"],
        serde_json::Value::Null
    );
}

/// A linked folder in the middle of the path is followed like a linked file: outside the
/// submission folder it is refused (and never hashed), inside it the file counts.
#[cfg(unix)]
#[test]
fn rule_3_1_a_linked_folder_is_judged_by_where_it_leads() {
    let t = Tender::new(&toml(
        "medium",
        "[scoring]\nmin_total = 0\nmin_rubric = 0\n",
    ));
    let answer = |file: &str| {
        format!("supplier: {file}\nanswers:\n  T-1:\n    answer: 4\n    evidence:\n      - {{file: docs/p.txt, kind: policy, issued: 2026-09-01}}\n")
    };
    t.response("out", &answer("Out"));
    t.response("in", &answer("In"));
    let outside = t.path().join("elsewhere");
    std::fs::create_dir_all(&outside).unwrap();
    std::fs::write(outside.join("p.txt"), POLICY).unwrap();
    std::os::unix::fs::symlink(&outside, t.path().join("submissions/out/docs")).unwrap();
    let real = t.path().join("submissions/in/real");
    std::fs::create_dir_all(&real).unwrap();
    std::fs::write(real.join("p.txt"), POLICY).unwrap();
    std::os::unix::fs::symlink("real", t.path().join("submissions/in/docs")).unwrap();
    let j = t.json();
    assert_invalid(
        question(supplier(&j, "Out"), "T-1"),
        "outside the submission folder",
    );
    assert_eq!(
        supplier(&j, "Out")["evidence_files"][0]["sha256"],
        serde_json::Value::Null
    );
    assert!(supplier(&j, "In")["evidence_files"][0]["sha256"].is_string());
}

#[test]
fn rule_3_1_invalid_when_kind_not_accepted() {
    let q = evidence_case(
        "{file: p.txt, kind: case_study, issued: 2026-09-01}",
        &[("p.txt", POLICY)],
    );
    assert_invalid(&q, "kind `case_study` is not accepted");
}

#[test]
fn rule_3_1_invalid_when_sha256_does_not_match() {
    let q = evidence_case(
        "{file: p.txt, kind: policy, issued: 2026-09-01, sha256: 0000000000000000000000000000000000000000000000000000000000000000}",
        &[("p.txt", POLICY)],
    );
    assert_invalid(&q, "sha256 does not match");
}

#[test]
fn rule_3_1_matching_sha256_is_valid() {
    use sha2::Digest;
    let h = format!("{:x}", sha2::Sha256::digest(POLICY.as_bytes()));
    let q = evidence_case(
        &format!("{{file: p.txt, kind: policy, issued: 2026-09-01, sha256: {h}}}"),
        &[("p.txt", POLICY)],
    );
    assert_eq!(q["evidence"], "attached");
}

#[test]
fn rule_3_1_invalid_when_issued_after_as_of() {
    let q = evidence_case(
        "{file: p.txt, kind: policy, issued: 2026-10-02}",
        &[("p.txt", POLICY)],
    );
    assert_invalid(&q, "after the as-of date");
}

#[test]
fn rule_3_1_invalid_when_expired_before_as_of_but_not_on_it() {
    let q = evidence_case(
        "{file: p.txt, kind: policy, issued: 2026-01-01, expires: 2026-09-30}",
        &[("p.txt", POLICY)],
    );
    assert_invalid(&q, "expired 2026-09-30");
    let q = evidence_case(
        "{file: p.txt, kind: policy, issued: 2026-01-01, expires: 2026-10-01}",
        &[("p.txt", POLICY)],
    );
    assert_eq!(q["evidence"], "attached");
}

#[test]
fn rule_3_1_invalid_when_older_than_max_age_days() {
    // 2025-10-01 is 365 days before 2026-10-01: still valid; a day earlier is stale.
    let ok = evidence_case(
        "{file: p.txt, kind: policy, issued: 2025-10-01}",
        &[("p.txt", POLICY)],
    );
    assert_eq!(ok["evidence"], "attached");
    let stale = evidence_case(
        "{file: p.txt, kind: policy, issued: 2025-09-30}",
        &[("p.txt", POLICY)],
    );
    assert_invalid(&stale, "366 days before the as-of date");
}

#[test]
fn rule_3_1_every_reason_is_reported() {
    let q = evidence_case(
        "{file: gone.txt, kind: other, issued: 2027-01-01, expires: 2026-01-01}",
        &[],
    );
    let reasons: Vec<&str> = q["evidence_reasons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r.as_str().unwrap())
        .collect();
    // Each of the four faults, once, in the order the rule lists them.
    assert_eq!(
        reasons,
        [
            "gone.txt: file not found",
            "gone.txt: kind `other` is not accepted for T-1 (accepts policy)",
            "gone.txt: issued 2027-01-01, after the as-of date 2026-10-01",
            "gone.txt: expired 2026-01-01, before the as-of date 2026-10-01",
        ]
    );
}

#[test]
fn rule_3_1_verified_needs_valid_evidence_with_verified_by() {
    let q = evidence_case(
        "{file: p.txt, kind: policy, issued: 2026-09-01, verified_by: Assure Ltd}",
        &[("p.txt", POLICY)],
    );
    assert_eq!(q["evidence"], "verified");
    approx(&q["credit"], 1.0);
}

#[test]
fn rule_3_1_nothing_claimed_needs_no_evidence() {
    let t = Tender::new(&toml(
        "medium",
        "[scoring]\nmin_total = 0\nmin_rubric = 0\n",
    ));
    t.response("a", "supplier: A\nanswers:\n  T-1:\n    answer: 0\n    evidence:\n      - {file: gone.txt, kind: policy}\n");
    let j = t.json();
    let q = question(supplier(&j, "A"), "T-1");
    assert_eq!(q["evidence"], "not_needed");
    // the flag of level 0 is raised
    assert!(q["flags"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["severity"] == "critical" && f["message"] == "No policy at all."));
}

#[test]
fn rule_3_2_attached_without_verification_where_verify_at_applies() {
    // T-3 verify_at medium: at risk medium, attached keeps 0.75; at low risk, 1.
    for (risk, credit) in [("medium", 0.75), ("low", 1.0)] {
        let t = Tender::new(&toml(risk, "[scoring]\nmin_total = 0\nmin_rubric = 0\n"));
        t.response("a", "supplier: A\nanswers:\n  T-3:\n    answer: full\n    evidence:\n      - {file: r.txt, kind: test_report}\n");
        t.file("submissions/a/r.txt", "report\n");
        let j = t.json();
        let q = question(supplier(&j, "A"), "T-3");
        assert_eq!(q["evidence"], "attached");
        approx(&q["credit"], credit);
    }
}

#[test]
fn rule_3_2_required_evidence_missing_earns_zero_and_fails_the_gate() {
    let t = Tender::new(&toml(
        "medium",
        "[scoring]\nmin_total = 0\nmin_rubric = 0\n",
    ));
    t.response("a", "supplier: A\nanswers:\n  T-2:\n    answer: yes\n");
    let j = t.json();
    let s = supplier(&j, "A");
    let q = question(s, "T-2");
    approx(&q["credit"], 0.0);
    approx(&q["score"], 0.0);
    assert_eq!(s["status"], "fail");
    assert!(
        s["reasons"]
            .to_string()
            .contains("gate T-2 failed: required evidence is missing"),
        "{}",
        s["reasons"]
    );
    assert_eq!(s["rank"], serde_json::Value::Null);
}

#[test]
fn rule_3_2_unevidenced_credit_is_configurable() {
    let t = Tender::new(&toml(
        "medium",
        "[scoring]\nunevidenced_credit = 0.2\nmin_total = 0\nmin_rubric = 0\n",
    ));
    t.response("a", "supplier: A\nanswers:\n  T-1:\n    answer: 4\n");
    let j = t.json();
    approx(&question(supplier(&j, "A"), "T-1")["score"], 0.2);
}

#[test]
fn rule_3_4_gate_answered_wrong_fails() {
    let t = Tender::new(&toml(
        "medium",
        "[scoring]\nmin_total = 0\nmin_rubric = 0\n",
    ));
    t.response("a", "supplier: A\nanswers:\n  T-2:\n    answer: no\n");
    let j = t.json();
    let s = supplier(&j, "A");
    assert_eq!(s["status"], "fail");
    assert!(s["reasons"][0]
        .as_str()
        .unwrap()
        .contains("gate T-2 failed: answered `no`"));
}

#[test]
fn rule_3_4_thresholds_total_and_rubric() {
    let t = Tender::new(&toml(
        "medium",
        "[scoring]\nmin_total = 60\nmin_rubric = 40\n",
    ));
    t.response("a", &full_response("A"));
    with_evidence(&t, "a");
    t.marks("evaluator,supplier,question,mark,reason\nE1,A,T-5,4,x\nE2,A,T-5,3,y\n");
    let j = t.json();
    let s = supplier(&j, "A");
    assert_eq!(s["status"], "fail");
    assert!(s["reasons"]
        .to_string()
        .contains("total 52.0 is below the minimum of 60"));
    let t = Tender::new(&toml(
        "medium",
        "[scoring]\nmin_total = 0\nmin_rubric = 60\n",
    ));
    t.response("a", &full_response("A"));
    with_evidence(&t, "a");
    t.marks("evaluator,supplier,question,mark,reason\nE1,A,T-5,4,x\nE2,A,T-5,3,y\n");
    let j = t.json();
    assert!(supplier(&j, "A")["reasons"]
        .to_string()
        .contains("t@1.0.0 scored 52.0, below the minimum of 60 per rubric"));
}

#[test]
fn rule_3_4_text_awaiting_marks_is_incomplete_and_counts_zero() {
    let t = Tender::new(&toml(
        "medium",
        "[scoring]\nmin_total = 0\nmin_rubric = 0\n",
    ));
    gate_ok_with_text(&t);
    let j = t.json();
    let s = supplier(&j, "A");
    assert_eq!(s["status"], "incomplete");
    assert_eq!(s["rank"], 1);
    let q = question(s, "T-5");
    assert_eq!(q["source"], "awaiting_marks");
    approx(&q["score"], 0.0);
    assert!(s["reasons"][0]
        .as_str()
        .unwrap()
        .contains("T-5 awaits evaluators' marks"));
}

#[test]
fn rule_3_5_wide_spread_raises_moderation_flag_and_incomplete() {
    let t = Tender::new(&toml(
        "medium",
        "[scoring]\nmin_total = 0\nmin_rubric = 0\n",
    ));
    gate_ok_with_text(&t);
    t.marks("evaluator,supplier,question,mark,reason\nE1,A,T-5,5,great\nE2,A,T-5,2,weak\n");
    let j = t.json();
    let s = supplier(&j, "A");
    assert_eq!(s["status"], "incomplete");
    let q = question(s, "T-5");
    approx(&q["raw"], 0.7);
    assert!(q["flags"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["kind"] == "moderation"));
    // a spread of exactly max_mark_spread is fine
    let t = Tender::new(&toml(
        "medium",
        "[scoring]\nmin_total = 0\nmin_rubric = 0\n",
    ));
    gate_ok_with_text(&t);
    t.marks("evaluator,supplier,question,mark,reason\nE1,A,T-5,5,great\nE2,A,T-5,3,ok\n");
    assert_eq!(supplier(&t.json(), "A")["status"], "pass");
}

#[test]
fn rule_3_5_moderated_mark_wins() {
    let t = Tender::new(&toml(
        "medium",
        "[scoring]\nmin_total = 0\nmin_rubric = 0\n",
    ));
    gate_ok_with_text(&t);
    t.marks("evaluator,supplier,question,mark,reason\nE1,A,T-5,5,great\nE2,A,T-5,1,weak\nmoderated,A,T-5,3,Panel agreed\n");
    let j = t.json();
    let s = supplier(&j, "A");
    let q = question(s, "T-5");
    approx(&q["raw"], 0.6);
    assert_eq!(q["source"], "moderated");
    assert_eq!(s["status"], "pass");
    assert_eq!(q["marks"].as_array().unwrap().len(), 3);
    assert_eq!(q["marks"][2]["reason"], "Panel agreed");
}

#[test]
fn rule_3_5_moderated_mark_overrides_an_automatic_score_and_keeps_it() {
    let t = Tender::new(&toml(
        "medium",
        "[scoring]\nmin_total = 0\nmin_rubric = 0\n",
    ));
    t.response("a", "supplier: A\nanswers:\n  T-1:\n    answer: 4\n");
    t.marks("evaluator,supplier,question,mark,reason\nmoderated,A,T-1,2,Policy is only a draft\n");
    let j = t.json();
    let q = question(supplier(&j, "A"), "T-1");
    approx(&q["raw"], 0.4);
    approx(&q["auto_raw"], 1.0);
    // a mark judges the whole answer: credit 1, though the evidence status is still reported
    approx(&q["credit"], 1.0);
    assert_eq!(q["evidence"], "none");
    assert_eq!(q["source"], "moderated");
}

#[test]
fn rule_3_4_unanswered_counts_zero_and_is_counted() {
    let t = Tender::new(&toml(
        "medium",
        "[scoring]\nmin_total = 0\nmin_rubric = 0\n",
    ));
    t.response("a", "supplier: A\nanswers: {}\n");
    let j = t.json();
    let s = supplier(&j, "A");
    assert_eq!(question(s, "T-1")["answer"], serde_json::Value::Null);
    approx(&s["total"], 0.0);
    assert_eq!(s["counts"]["unanswered"], 5);
    assert!(s["reasons"].to_string().contains("gate T-2 is unanswered"));
}

#[test]
fn rule_3_4_ranking_shares_ranks_and_lists_fail_then_error() {
    let t = Tender::new(&toml(
        "medium",
        "[scoring]\nmin_total = 0\nmin_rubric = 0\n",
    ));
    let good = "answers:\n  T-1:\n    answer: 4\n  T-2:\n    answer: yes\n    evidence:\n      - {file: c.txt, kind: contract_clause}\n";
    let mid = "answers:\n  T-1:\n    answer: 2\n  T-2:\n    answer: yes\n    evidence:\n      - {file: c.txt, kind: contract_clause}\n";
    for (folder, name, body) in [("a", "Delta", good), ("b", "Bravo", mid), ("c", "Alpha", mid), ("d", "Echo", "answers:\n  T-2:\n    answer: yes\n    evidence:\n      - {file: c.txt, kind: contract_clause}\n")] {
        t.response(folder, &format!("supplier: {name}\n{body}"));
        t.file(&format!("submissions/{folder}/c.txt"), "clause\n");
    }
    t.response("e", "supplier: Zulu\nanswers:\n  T-2:\n    answer: no\n");
    t.response("f", "supplier: [broken\n");
    let j = t.json_with_code(2);
    let order: Vec<(&str, serde_json::Value)> = j["suppliers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["supplier"].as_str().unwrap(), s["rank"].clone()))
        .collect();
    use serde_json::json;
    assert_eq!(
        order,
        vec![
            ("Delta", json!(1)),
            ("Alpha", json!(2)),
            ("Bravo", json!(2)),
            ("Echo", json!(4)),
            ("Zulu", json!(null)),
            ("f", json!(null)),
        ]
    );
    let f = supplier(&j, "f");
    assert_eq!(f["status"], "error");
    assert_eq!(f["total"], serde_json::Value::Null);
}
