//! Issue 4: the procurer's workflow on `examples/care-triage`, pinned by snapshots so an
//! unintended change to a contract shows up as a diff (`cargo insta review`, or
//! INSTA_UPDATE=always cargo test, to accept an intended one).

mod common;
use common::*;
use std::path::Path;

const EXAMPLE: &str = "examples/care-triage";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn run_ok(args: &[&str]) -> String {
    let o = run_in(root(), args);
    assert_eq!(o.status.code(), Some(0), "{args:?}: {}", stderr(&o));
    stdout(&o)
}

fn json() -> serde_json::Value {
    serde_json::from_str(&run_ok(&["score", EXAMPLE, "--format", "json"])).unwrap()
}

#[test]
fn example_table_snapshot() {
    insta::assert_snapshot!("score_table", run_ok(&["score", EXAMPLE]));
}

#[test]
fn example_detail_of_one_supplier_snapshot() {
    insta::assert_snapshot!(
        "score_detail_pennine",
        run_ok(&[
            "score",
            EXAMPLE,
            "--detail",
            "--supplier",
            "Pennine Care Data Ltd"
        ])
    );
}

#[test]
fn example_clarify_snapshot() {
    insta::assert_snapshot!("clarify", run_ok(&["clarify", EXAMPLE]));
}

#[test]
fn example_summary_of_a_losing_supplier_snapshot() {
    // The example's evaluation is provisional (a price to look into, a mark to moderate): a
    // summary is a draft, marked not for sending.
    let out = run_ok(&[
        "summary",
        EXAMPLE,
        "--supplier",
        "Brindleworth Digital Ltd",
        "--draft",
    ]);
    insta::assert_snapshot!("summary_brindleworth", out);
}

#[test]
fn example_has_every_status_but_error_and_every_evidence_status() {
    let j = json();
    let statuses: Vec<&str> = j["suppliers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["status"].as_str().unwrap())
        .collect();
    for s in ["pass", "incomplete", "fail"] {
        assert!(statuses.contains(&s), "{statuses:?}");
    }
    assert!(!statuses.contains(&"error"));
    assert!(j["suppliers"].as_array().unwrap().len() >= 5);
    let mut seen = std::collections::BTreeSet::new();
    for s in j["suppliers"].as_array().unwrap() {
        for q in s["questions"].as_array().unwrap() {
            seen.insert(q["evidence"].as_str().unwrap().to_string());
        }
    }
    for e in ["none", "invalid", "attached", "verified"] {
        assert!(seen.contains(e), "{seen:?}");
    }
    assert!(j["marks"]["sha256"].is_string());
}

#[test]
fn clarify_asks_every_supplier_with_an_unevidenced_claim_and_never_about_evidenced_ones() {
    let j = json();
    let c: serde_json::Value =
        serde_json::from_str(&run_ok(&["clarify", EXAMPLE, "--format", "json"])).unwrap();
    for s in j["suppliers"].as_array().unwrap() {
        let name = s["supplier"].as_str().unwrap();
        let asked = c["suppliers"]
            .as_array()
            .unwrap()
            .iter()
            .find(|x| x["supplier"] == name)
            .unwrap();
        let questions = asked["clarifications"].as_array().unwrap();
        for q in questions {
            assert!(q["text"].as_str().unwrap().trim_end().ends_with('?'), "{q}");
        }
        for qr in s["questions"].as_array().unwrap() {
            let id = &qr["id"];
            let about: Vec<_> = questions
                .iter()
                .filter(|x| &x["question"] == id && x["category"] != "marking")
                .collect();
            // Asked only where the question requires evidence (its credit falls to 0): the
            // supplier is asked where its tender holds it, never to send more.
            let unevidenced = qr["evidence"] == "none"
                && qr["raw"].as_f64().is_some_and(|r| r > 0.0)
                && qr["credit"].as_f64() == Some(0.0)
                && qr["source"] == "auto";
            if unevidenced {
                assert!(
                    about.iter().any(|x| x["category"] == "unevidenced"),
                    "{name} {id}: not asked"
                );
            }
            let properly = qr["evidence"] == "verified"
                || (qr["evidence"] == "attached" && qr["credit"].as_f64() == Some(1.0));
            if properly && qr["flags"].as_array().unwrap().is_empty() {
                assert!(
                    about.is_empty(),
                    "{name} {id}: asked about a properly evidenced claim: {about:?}"
                );
            }
        }
    }
}

#[test]
fn summary_of_a_loser_names_the_winner_and_compares_every_criterion() {
    let dir = final_example();
    let path = dir.path().to_str().unwrap().to_string();
    let example = path.as_str();
    let j: serde_json::Value =
        serde_json::from_str(&run_ok(&["score", example, "--format", "json"])).unwrap();
    assert_eq!(j["final"], true, "{}", j["pending"]);
    let winner = j["suppliers"][0]["supplier"].as_str().unwrap().to_string();
    let out = run_ok(&["summary", example, "--supplier", "Quillon AI Ltd"]);
    assert!(
        out.contains(&format!(
            "The most advantageous tender was submitted by **{winner}**"
        )),
        "{out}"
    );
    // Award criteria only: a condition of participation (stage) is pass/fail, not a criterion.
    for r in j["rubrics"].as_array().unwrap() {
        if r["stage"] == "participation" {
            continue;
        }
        assert!(out.contains(r["ref"].as_str().unwrap()));
    }
    assert!(out.contains("must be reviewed"));
    assert!(out.contains("2026-10-01"));
    assert!(out.contains("gate GDPR-2 failed"));
    let s: serde_json::Value = serde_json::from_str(&run_ok(&[
        "summary",
        example,
        "--supplier",
        "quillon-ai",
        "--format",
        "json",
    ]))
    .unwrap();
    assert_eq!(s["most_advantageous"]["supplier"], winner.as_str());
    assert_eq!(
        s["criteria"].as_array().unwrap().len(),
        4,
        "psed, gdpr, contract, social-value"
    );
}

#[test]
fn example_result_verifies_byte_for_byte() {
    let tmp = tempfile::tempdir().unwrap();
    let result = tmp.path().join("result.json");
    let o = run_in(
        root(),
        &[
            "score",
            EXAMPLE,
            "--format",
            "json",
            "-o",
            result.to_str().unwrap(),
        ],
    );
    assert_eq!(o.status.code(), Some(0));
    let o = run_in(
        root(),
        &["verify", result.to_str().unwrap(), "--tender", EXAMPLE],
    );
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
}

#[test]
fn check_lists_only_the_deliberate_evidence_problems() {
    let o = run_in(root(), &["check", EXAMPLE]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    for line in out.lines() {
        // Brindleworth's invalid evidence (rules 1 and the expiry its certificate states),
        // Cobalt's brochure sent as a certificate, and Meadowbank's verifier that is not on
        // the tender's list (rules 2).
        let deliberate = line.contains("submissions/brindleworth-digital/response.yaml:")
            || (line.contains("submissions/cobalt-analytics/response.yaml:")
                && line.contains(": AIME-1.1: evidence evidence/horizon-for-social-care-brochure.pdf"))
            || (line.contains("submissions/meadowbank-analytics/response.yaml:")
                && line.contains(": PSED-9: evidence evidence/accessibility-audit.txt"))
            // Certificates cited without a number, where the tender keeps a register (rules 2
            // verifies a certificate only through it).
            || line.contains("no certificate number to look up in the register")
            // Pennine's scanned certificate, which the panel has read and confirmed.
            || line.contains("cyber-essentials-plus-certificate-scan.pdf: not checked")
            // The stale decision in decisions.csv: made on an earlier response.
            || line.contains("decisions.csv:4: the confirm_evidence decision on PSED-9")
            // Phrases read in their sentence: "no independent reviewer", "we are not an
            // accredited Living Wage employer", "there is no automatic renewal".
            || line.contains("only after a negation");
        assert!(deliberate, "{line}");
    }
    for expected in [
        "iso27001-certificate.pdf: the document says it expired on 2026-07-31",
        "horizon-for-social-care-brochure.pdf: the document does not show the claimed issue date 2026-03-02",
        "the verifier `Independent auditor` is not one of the tender's accepted verifiers",
        "the verifier `Assurance Partners Ltd` is not one of the tender's accepted verifiers",
        "does not show the wage commitment (in evidence/social-value-statement.txt only after a negation: “All staff are paid at least the National Minimum Wage; we are not an accredited Living Wage employer.”)",
    ] {
        assert!(out.contains(expected), "{expected} not in {out}");
    }
}
