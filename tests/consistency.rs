//! Scoring rules 2: answers checked against each other (contradiction rules), and the panel's
//! decisions on record (`decisions.csv`), applied on every re-score and void once the
//! response changes.

mod common;
use common::*;
use serde_json::Value;

/// T-2 (yes/no, a gate) answered yes but T-3 (choice) answered `none`: "we sign your terms"
/// yet "we do no testing", as a stand-in for a real contradiction.
const RULE: &str = r#"
[[consistency]]
id = "TERMS-VS-TESTING"
if = { "T-2" = ["yes"] }
then_not = { "T-3" = ["none"] }
message = "Signs the terms, which require testing, but says no testing is done."
"#;

fn tender(extra: &str) -> Tender {
    Tender::new(&toml(
        "medium",
        &format!("\n[scoring]\nrules = 2\nmin_total = 0\nmin_rubric = 0\n{extra}"),
    ))
}

fn respond(t: &Tender, t3: &str) {
    t.file(
        "submissions/a/terms.txt",
        "Our terms, issued 1 June 2026.\n",
    );
    t.response(
        "a",
        &format!("supplier: A Ltd\nanswers:\n  T-2:\n    answer: yes\n    evidence:\n      - {{file: terms.txt, kind: contract_clause, issued: 2026-06-01}}\n  T-3:\n    answer: {t3}\n"),
    );
}

fn flags_of(j: &Value, id: &str) -> String {
    question(&j["suppliers"][0], id)["flags"].to_string()
}

#[test]
fn a_contradiction_flags_both_answers_and_holds_the_supplier_incomplete() {
    let t = tender(RULE);
    respond(&t, "none");
    let j = t.json();
    let s = &j["suppliers"][0];
    assert_eq!(s["status"], "incomplete", "{}", s["reasons"]);
    assert!(s["reasons"]
        .to_string()
        .contains("contradiction TERMS-VS-TESTING needs the panel's decision"));
    for id in ["T-2", "T-3"] {
        let f = flags_of(&j, id);
        assert!(
            f.contains("\"critical\"") && f.contains("\"contradiction\""),
            "{id}: {f}"
        );
        assert!(f.contains("T-2 answered `yes`; T-3 answered `none`"), "{f}");
    }
    let o = t.run(&["clarify", ".", "--format", "json"]);
    let c: Value = serde_json::from_slice(&o.stdout).unwrap();
    let asked = c["suppliers"][0]["clarifications"].to_string();
    assert!(asked.contains("\"category\":\"contradiction\""), "{asked}");
    assert!(
        asked.contains(r#"to T-2 you answered \"yes\"; to T-3 you answered \"No testing\""#),
        "{asked}"
    );
}

#[test]
fn no_contradiction_when_the_answers_agree() {
    let t = tender(RULE);
    respond(&t, "full");
    let j = t.json();
    assert!(!flags_of(&j, "T-3").contains("contradiction"));
    assert_ne!(j["suppliers"][0]["status"], "incomplete");
}

#[test]
fn a_rule_is_skipped_when_the_tender_does_not_ask_a_question_it_names() {
    let t = Tender::new(&toml(
        "medium",
        &format!(
            "exclude = [\"T-3\"]\n\n[scoring]\nrules = 2\nmin_total = 0\nmin_rubric = 0\n{RULE}"
        ),
    ));
    respond(&t, "none");
    let j = t.json();
    assert!(!j.to_string().contains("TERMS-VS-TESTING"));
}

#[test]
fn under_rules_1_no_rule_is_checked() {
    let t = Tender::new(&toml(
        "medium",
        &format!("\n[scoring]\nmin_total = 0\n{RULE}"),
    ));
    respond(&t, "none");
    assert!(!t.json().to_string().contains("contradiction"));
}

#[test]
fn a_rule_naming_an_unknown_question_or_answer_is_an_error_at_its_line() {
    // In a rubric: file, line and column of the rule.
    let t = tender("");
    let rubric = std::fs::read_to_string(fixtures().join("rubrics/t/1.0.0.yaml")).unwrap();
    t.file(
        "rubrics/t/1.0.0.yaml",
        &format!("{rubric}consistency:\n  - id: BAD\n    if: {{T-2: [yes]}}\n    then_not: {{T-33: [none]}}\n    message: Something.\n"),
    );
    let lines = rubric.lines().count();
    let out = stdout(&t.run(&["check", "."]));
    assert!(
        out.contains(&format!(
            "rubrics/t/1.0.0.yaml:{}:5: consistency rule BAD: names T-33, which is a question of no known rubric (did you mean `T-3`?)",
            lines + 2
        )),
        "{out}"
    );
    // In tender.toml, and an answer the question cannot take.
    let t = tender(&RULE.replace("[\"none\"]", "[\"maybe\"]"));
    let out = stdout(&t.run(&["check", "."]));
    assert!(
        out.contains(
            "tender.toml:18:6: consistency rule TERMS-VS-TESTING: T-3 cannot take `maybe`"
        ),
        "{out}"
    );
}

/// The response's SHA-256, as `score --format json` gives it.
fn sha(t: &Tender) -> String {
    t.json()["suppliers"][0]["response_sha256"]
        .as_str()
        .unwrap()
        .to_string()
}

#[test]
fn each_decision_kind_is_applied_and_recorded() {
    let t = tender(RULE);
    respond(&t, "none");
    // T-2's evidence does not show the date claimed, so it is unconfirmed; T-1 has none.
    t.response(
        "a",
        "supplier: A Ltd\nanswers:\n  T-1:\n    answer: 3\n    evidence:\n      - {file: terms.txt, kind: policy, issued: 2026-06-02}\n  T-2:\n    answer: yes\n    evidence:\n      - {file: terms.txt, kind: contract_clause, issued: 2026-06-03}\n  T-3:\n    answer: none\n",
    );
    let j = t.json();
    assert_eq!(
        question(&j["suppliers"][0], "T-1")["evidence"],
        "unconfirmed"
    );
    assert_eq!(
        question(&j["suppliers"][0], "T-2")["evidence"],
        "unconfirmed"
    );
    let h = sha(&t);
    let f = j["suppliers"][0]["evidence_files"][0]["sha256"]
        .as_str()
        .unwrap()
        .to_string();
    t.file(
        "decisions.csv",
        &format!(
            "supplier,question,decision,reason,approved_by,response_sha256,file_sha256\n\
             a,T-1,confirm_evidence,\"Policy read by the panel: dated 2 June 2026 on page 3\",J. Patel,{p},{f}\n\
             A Ltd,T-2,reject_evidence,\"Terms are the 2024 edition, not the ones offered\",J. Patel,{p},{f}\n\
             a,T-3,resolve_contradiction,\"Clarified 2026-10-05: testing is done by a partner\",J. Patel,{p},\n",
            p = &h[..16]
        ),
    );
    let j = t.json();
    let s = &j["suppliers"][0];
    assert_eq!(question(s, "T-1")["evidence"], "attached");
    assert_eq!(question(s, "T-1")["credit"], 1.0);
    assert_eq!(question(s, "T-2")["evidence"], "invalid");
    assert!(flags_of(&j, "T-2").contains("panel decision (reject_evidence, approved by J. Patel)"));
    assert!(flags_of(&j, "T-3").contains("contradiction TERMS-VS-TESTING resolved by the panel"));
    assert!(
        !s["reasons"].to_string().contains("contradiction"),
        "{}",
        s["reasons"]
    );
    let decisions = s["decisions"].as_array().unwrap();
    assert_eq!(decisions.len(), 3);
    assert!(
        decisions.iter().all(|d| d["applied"] == true),
        "{decisions:?}"
    );
    assert_eq!(j["registers"][0]["file"], "decisions.csv");
    // --detail and the summary show them.
    let detail = stdout(&t.run(&["score", ".", "--detail"]));
    assert!(detail.contains("panel decision"), "{detail}");
    // The summary, sent to the supplier, gives them in fixed words: the reason and the
    // approver are the panel's record.
    let summary = stdout(&t.run(&["summary", ".", "--supplier", "a"]));
    assert!(
        summary.contains(
            "the evaluation panel read the evidence and accepted that it bears out the answer"
        ),
        "{summary}"
    );
    assert!(
        summary.contains(
            "the evaluation panel looked into how this answer sits with another and resolved it"
        ),
        "{summary}"
    );
    assert!(!summary.contains("J. Patel"), "{summary}");
}

#[test]
fn a_decision_on_a_changed_response_is_stale_and_not_applied() {
    let t = tender(RULE);
    respond(&t, "none");
    let h = sha(&t);
    t.file(
        "decisions.csv",
        &format!("supplier,question,decision,reason,approved_by,response_sha256\na,T-3,resolve_contradiction,Clarified by phone,J. Patel,{}\n", &h[..16]),
    );
    assert_eq!(t.json()["suppliers"][0]["status"], "pass");
    // The supplier edits its response: the decision no longer applies.
    respond(&t, "none\n    comment: edited");
    let j = t.json();
    let s = &j["suppliers"][0];
    assert_eq!(s["status"], "incomplete");
    assert_eq!(s["decisions"][0]["applied"], false);
    assert!(s["decisions"][0]["note"]
        .as_str()
        .unwrap()
        .starts_with("stale"));
    let o = t.run(&["check", "."]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o).contains(
            "decisions.csv:2: the resolve_contradiction decision on T-3 for a was made on response"
        ),
        "{}",
        stdout(&o)
    );
}

#[test]
fn a_decision_for_an_unknown_supplier_or_question_is_an_error_at_its_line() {
    let t = tender(RULE);
    respond(&t, "none");
    t.file(
        "decisions.csv",
        "supplier,question,decision,reason,approved_by,response_sha256\n\
         b,T-3,resolve_contradiction,Why,Who,0123456789abcdef\n\
         a,T-9,confirm_evidence,Why,Who,0123456789abcdef\n\
         a,T-3,waive_gate,Why,Who,0123456789abcdef\n\
         a,T-3,confirm_evidence,,Who,0123456789ab\n",
    );
    let o = t.run(&["check", "."]);
    let out = stdout(&o);
    for expected in [
        "decisions.csv:2: no supplier `b` in this tender",
        "decisions.csv:3: T-9 is not a question this tender asks",
        "decisions.csv:4: decision `waive_gate` is not one of confirm_evidence, reject_evidence, resolve_contradiction",
        "decisions.csv:5: reason is required",
    ] {
        assert!(out.contains(expected), "{expected} not in {out}");
    }
    // A tender whose decisions cannot be read is not scored.
    assert_eq!(t.run(&["score", "."]).status.code(), Some(2));
}

#[test]
fn verify_names_an_edited_decisions_file() {
    let t = tender(RULE);
    respond(&t, "none");
    let h = sha(&t);
    let row = |reason: &str| {
        format!("supplier,question,decision,reason,approved_by,response_sha256\na,T-3,resolve_contradiction,{reason},J. Patel,{}\n", &h[..16])
    };
    t.file("decisions.csv", &row("Clarified by phone"));
    assert_eq!(
        t.run(&["score", ".", "-o", "result.json"]).status.code(),
        Some(0)
    );
    assert_eq!(t.run(&["verify", "result.json"]).status.code(), Some(0));
    t.file("decisions.csv", &row("Clarified by e-mail"));
    let o = t.run(&["verify", "result.json"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o).contains("file: decisions.csv changed"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn rubric_rules_are_shown_and_compared() {
    let t = tender("");
    let rubric = std::fs::read_to_string(fixtures().join("rubrics/t/1.0.0.yaml")).unwrap();
    let rule = "consistency:\n  - id: TERMS-VS-TESTING\n    if: {T-2: [yes]}\n    then_not: {T-3: [none]}\n    message: Signs the terms but does no testing.\n";
    t.file(
        "rubrics/t/1.1.0.yaml",
        &format!(
            "{}{rule}",
            rubric.replace("version: 1.0.0", "version: 1.1.0")
        ),
    );
    let show = stdout(&t.run(&["rubrics", "show", "t@1.1.0", "--rubrics", "rubrics"]));
    assert!(
        show.contains("== Consistency rules (scoring rules 2) =="),
        "{show}"
    );
    assert!(
        show.contains("TERMS-VS-TESTING: if T-2 is yes, then not: T-3 is none"),
        "{show}"
    );
    let diff = stdout(&t.run(&[
        "rubrics",
        "diff",
        "t@1.0.0",
        "t@1.1.0",
        "--rubrics",
        "rubrics",
    ]));
    assert!(diff.contains("consistency rule TERMS-VS-TESTING added: if T-2 is yes, then not: T-3 is none; Signs the terms but does no testing."), "{diff}");
    // And a rubric's rule fires like a tender's.
    t.file(
        "tender.toml",
        &std::fs::read_to_string(t.path().join("tender.toml"))
            .unwrap()
            .replace("t@1.0.0", "t@1.1.0"),
    );
    respond(&t, "none");
    assert_eq!(t.json()["suppliers"][0]["status"], "incomplete");
}
