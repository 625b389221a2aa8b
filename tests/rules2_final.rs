//! Scoring rules 2, final (docs/formats.md §3.6): nothing a supplier types earns credit. One
//! test per attack found by adversarial testing, each written to fail on the 0.1 rules, and
//! a control that an honest bid still earns what it should.

mod common;
use common::*;
use serde_json::{json, Value};
use std::path::Path;

/// A copy of the example.
fn example_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&example(), dir.path());
    dir
}

fn response_path(dir: &Path, folder: &str) -> std::path::PathBuf {
    dir.join("submissions").join(folder).join("response.yaml")
}

/// A supplier's response as JSON (YAML is read with serde-saphyr).
fn read_response(dir: &Path, folder: &str) -> Value {
    let text = std::fs::read_to_string(response_path(dir, folder)).unwrap();
    serde_saphyr::from_str(&text).unwrap()
}

/// Writes a response back (JSON is YAML).
fn write_response(dir: &Path, folder: &str, v: &Value) {
    std::fs::write(
        response_path(dir, folder),
        serde_json::to_string_pretty(v).unwrap(),
    )
    .unwrap();
}

/// The number of Larkspur's certificate in the example's register.
fn larkspur_certificate(dir: &Path) -> String {
    let reg = std::fs::read_to_string(dir.join("certificates.csv")).unwrap();
    // Its ISO/IEC 27001 certificate, which Larkspur cites on GDPR-13.
    reg.lines()
        .find(|l| l.contains("Larkspur") && l.contains("27001"))
        .expect("the example register lists Larkspur")
        .split(',')
        .next()
        .unwrap()
        .to_string()
}

fn score(dir: &Path) -> Value {
    let out = run_in(dir, &["score", ".", "--format", "json"]);
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("no JSON ({e}): {}", stderr(&out)))
}

fn total(json: &Value, folder: &str) -> f64 {
    by_folder(json, folder)["total"].as_f64().unwrap()
}

/// Every non-text answer of `folder` lifted to the top of its scale or options, each citing
/// `item` as its only evidence; text answers kept.
fn top_answers_citing(dir: &Path, folder: &str, item: Value) {
    // The example uses the 1.2.0 rubrics.
    let top: std::collections::BTreeMap<String, (Value, Value)> = top_answers_at("1.2.0")
        .into_iter()
        .map(|(id, best, kind)| (id, (best, json!(kind))))
        .collect();
    let mut resp = read_response(dir, folder);
    let answers = resp["answers"].as_object_mut().unwrap();
    for (id, (best, kind)) in &top {
        let a = answers.entry(id.clone()).or_insert(json!({}));
        a["answer"] = best.clone();
        let mut item = item.clone();
        if item.is_object() {
            item["kind"] = kind.clone();
        }
        a["evidence"] = json!([item]);
    }
    write_response(dir, folder, &resp);
}

#[test]
fn an_image_verified_by_ltd_earns_nothing() {
    let dir = example_copy();
    let before = total(&score(dir.path()), "cobalt-analytics");
    let ev = dir.path().join("submissions/cobalt-analytics/evidence");
    std::fs::write(ev.join("proof.png"), b"\x89PNG\r\n\x1a\n").unwrap();
    top_answers_citing(
        dir.path(),
        "cobalt-analytics",
        json!({"file": "evidence/proof.png", "kind": "certificate", "issued": "2026-03-01", "verified_by": "Ltd"}),
    );
    let json = score(dir.path());
    let cobalt = by_folder(&json, "cobalt-analytics");
    assert_ne!(cobalt["status"], "pass");
    assert!(
        cobalt["rank"].is_null(),
        "an image must not rank the weakest bid"
    );
    for q in cobalt["questions"].as_array().unwrap() {
        assert_ne!(q["evidence"], "verified", "{}", q["id"]);
        assert_ne!(q["evidence"], "attached", "{}", q["id"]);
    }
    let flags = serde_json::to_string(&cobalt["questions"]).unwrap();
    assert!(
        flags.contains("panel_check"),
        "each unread file is flagged for the panel"
    );
    // The same bid with no evidence at all scores at least as much.
    top_answers_citing(dir.path(), "cobalt-analytics", json!(null));
    let mut resp = read_response(dir.path(), "cobalt-analytics");
    for a in resp["answers"].as_object_mut().unwrap().values_mut() {
        a.as_object_mut().unwrap().remove("evidence");
    }
    write_response(dir.path(), "cobalt-analytics", &resp);
    let bare = total(&score(dir.path()), "cobalt-analytics");
    let with_image = total(&json, "cobalt-analytics");
    eprintln!("cobalt: example {before:.1}, with images {with_image:.1}, bare {bare:.1}");
    assert!(with_image <= bare + 1e-9, "{with_image} > {bare}");
}

/// A verifier is matched as a whole name: `Ltd`, `Limited`, `Certification` or a word of an
/// accepted verifier's name never matches; the supplier never verifies itself.
#[test]
fn generic_and_partial_verifier_names_do_not_verify() {
    let t = Tender::new(&toml(
        "high",
        "[scoring]\nrules = 2\n[evidence]\nverifiers = [\"Holloway Audit LLP\", \"BSI\"]\n",
    ));
    let t2 = Tender::new(&toml("high", "[scoring]\nrules = 2\n"));
    for tender in [&t, &t2] {
        for (folder, v) in [
            ("a", "Ltd"),
            ("b", "Limited"),
            ("c", "Audit"),
            ("d", "Certification Services"),
            ("e", "Acme AI Ltd"),
        ] {
            tender.file(
                &format!("submissions/{folder}/proof.txt"),
                &format!(
                    "Audit of Acme AI Ltd by {v}. Holloway Audit LLP. BSI. Issued 1 March 2026."
                ),
            );
            tender.response(
                folder,
                &format!(
                    "supplier: Acme AI Ltd {folder}\nlegal_names: [Acme AI Ltd]\nanswers:\n  T-3:\n    answer: full\n    evidence:\n      - {{file: proof.txt, kind: audit_report, issued: 2026-03-01, verified_by: \"{v}\"}}\n"
                ),
            );
        }
        let json = tender.json_with_code(tender_code(tender));
        for s in json["suppliers"].as_array().unwrap() {
            let q = question(s, "T-3");
            assert_ne!(
                q["evidence"], "verified",
                "{}: {}",
                s["folder"], q["evidence_reasons"]
            );
        }
    }
}

fn tender_code(t: &Tender) -> i32 {
    t.run(&["score", ".", "--format", "json"])
        .status
        .code()
        .unwrap()
}

#[test]
fn an_accepted_verifier_or_its_alias_named_in_the_document_verifies() {
    let t = Tender::new(&toml("high", "[scoring]\nrules = 2\n"));
    t.file(
        "verifiers.csv",
        "name,aliases\nBritish Standards Institution,BSI; BSI Assurance UK Ltd\n",
    );
    t.file(
        "submissions/a/proof.txt",
        "Audit report issued 1 March 2026 by BSI Assurance UK Ltd for Acme AI Ltd.",
    );
    t.response(
        "a",
        "supplier: Acme AI Ltd\nanswers:\n  T-3:\n    answer: full\n    evidence:\n      - {file: proof.txt, kind: audit_report, issued: 2026-03-01, verified_by: BSI}\n",
    );
    let json = t.json_with_code(tender_code(&t));
    let q = question(by_folder(&json, "a"), "T-3");
    assert_eq!(q["evidence"], "verified", "{}", q["evidence_reasons"]);
}

/// A rival's certificate number, claimed through a legal name, is another holder's; a
/// certificate without a number is not verified where the tender keeps a register.
#[test]
fn a_borrowed_certificate_or_none_at_all_is_not_verified() {
    let dir = example_copy();
    let number = larkspur_certificate(dir.path());
    let mut resp = read_response(dir.path(), "cobalt-analytics");
    resp["legal_names"] = json!(["Larkspur Health Intelligence Limited Group"]);
    let ev = dir.path().join("submissions/cobalt-analytics/evidence");
    std::fs::write(ev.join("cert.txt"), format!("Certificate {number}. ISO/IEC 42001. ISO/IEC 27001. Larkspur Health Intelligence Ltd. Issued 1 March 2026.")).unwrap();
    for (id, a) in resp["answers"].as_object_mut().unwrap() {
        if id == "GDPR-13" || id == "AIME-8.3" {
            a["evidence"] = json!([{"file": "evidence/cert.txt", "kind": "certificate", "issued": "2026-03-01", "certificate": number}]);
        }
    }
    write_response(dir.path(), "cobalt-analytics", &resp);
    let json = score(dir.path());
    let cobalt = by_folder(&json, "cobalt-analytics");
    for q in cobalt["questions"].as_array().unwrap() {
        assert_ne!(
            q["evidence"], "verified",
            "{}: {}",
            q["id"], q["evidence_reasons"]
        );
    }
    // A certificate without a number is not verified (Cobalt's own ISO/IEC 27001 text), while
    // Larkspur's, with the number the register lists, is.
    let example = score(&example());
    let cobalt = question(by_folder(&example, "cobalt-analytics"), "GDPR-13");
    assert!(cobalt["evidence_reasons"]
        .to_string()
        .contains("no certificate number to look up in the register"));
    assert_ne!(cobalt["evidence"], "verified");
    let larkspur = question(by_folder(&example, "larkspur"), "GDPR-13");
    assert_eq!(larkspur["evidence"], "verified");
}

#[test]
fn the_iaf_certsearch_layout_is_read_as_the_register() {
    let t = Tender::new(&toml("high", "[scoring]\nrules = 2\n"));
    t.file(
        "certificates.csv",
        "Certificate Number,Certification Status,Expiry Date,Certified Entity Name,Certification Scope,Certification Standard,Certification Body\nABC-123,Valid,20280101,Acme AI Limited,AI systems,ISO/IEC 42001:2023,BSI\nXYZ-9,Withdrawn,20280101,Acme AI Limited,AI systems,ISO/IEC 42001:2023,BSI\n",
    );
    t.file(
        "submissions/a/cert.txt",
        "Certificate ABC-123 issued 1 March 2026 to Acme AI Ltd.",
    );
    t.file(
        "submissions/b/cert.txt",
        "Certificate XYZ-9 issued 1 March 2026 to Acme AI Ltd.",
    );
    for (f, n) in [("a", "ABC-123"), ("b", "XYZ-9")] {
        t.response(
            f,
            &format!("supplier: Acme AI Ltd {f}\nlegal_names: [Acme AI Ltd]\nanswers:\n  T-3:\n    answer: full\n    evidence:\n      - {{file: cert.txt, kind: certificate, issued: 2026-03-01, certificate: \"{n}\"}}\n"),
        );
    }
    let json = t.json_with_code(tender_code(&t));
    let a = question(by_folder(&json, "a"), "T-3");
    assert_eq!(a["evidence"], "verified", "{}", a["evidence_reasons"]);
    let b = question(by_folder(&json, "b"), "T-3");
    assert_eq!(b["evidence"], "invalid", "{}", b["evidence_reasons"]);
    assert!(b["evidence_reasons"].to_string().contains("Withdrawn"));
}

/// Claiming a rival's legal name makes both bids duplicates for the panel; a rival's
/// certificate number, or the same file, raises `shared_evidence` on both; `Ltd` is no legal
/// name.
#[test]
fn borrowed_identity_is_caught_on_both_bids() {
    let dir = example_copy();
    let number = larkspur_certificate(dir.path());
    let mut resp = read_response(dir.path(), "cobalt-analytics");
    resp["legal_names"] = json!(["Larkspur Health Intelligence Ltd"]);
    std::fs::write(
        dir.path().join("submissions/cobalt-analytics/evidence/cert.txt"),
        format!("Certificate {number}, ISO/IEC 42001, Larkspur Health Intelligence Ltd, issued 1 March 2026."),
    )
    .unwrap();
    resp["answers"]["GDPR-13"]["evidence"] = json!([{"file": "evidence/cert.txt", "kind": "certificate", "issued": "2026-03-01", "certificate": number}]);
    write_response(dir.path(), "cobalt-analytics", &resp);
    let json = score(dir.path());
    for folder in ["cobalt-analytics", "larkspur"] {
        let s = by_folder(&json, folder);
        let kinds: Vec<&Value> = s["flags"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| &f["kind"])
            .collect();
        assert!(
            kinds.contains(&&json!("duplicate_name")),
            "{folder}: {kinds:?}"
        );
        assert_ne!(s["status"], "pass", "{folder}");
    }
    // Larkspur cites that certificate number itself: both bids share it.
    for folder in ["cobalt-analytics", "larkspur"] {
        let flags = serde_json::to_string(&by_folder(&json, folder)["flags"]).unwrap();
        assert!(
            flags.contains("shared_evidence") && flags.contains(&number),
            "{folder}: {flags}"
        );
    }
    // `Ltd` as a legal name is an error at its line.
    resp["legal_names"] = json!(["Ltd"]);
    write_response(dir.path(), "cobalt-analytics", &resp);
    let out = run_in(dir.path(), &["check", "."]);
    assert!(
        stdout(&out).contains("names no particular company")
            || stderr(&out).contains("names no particular company"),
        "{}{}",
        stdout(&out),
        stderr(&out)
    );
}

#[test]
fn the_same_certificate_number_on_two_bids_needs_the_panel() {
    let t = Tender::new(&toml("high", "[scoring]\nrules = 2\n"));
    for (f, name) in [("a", "Acme AI Ltd"), ("b", "Bravo Data Ltd")] {
        t.file(
            &format!("submissions/{f}/c.txt"),
            &format!("Certificate AB-1 for {name}, issued 1 March 2026."),
        );
        t.response(
            f,
            &format!("supplier: {name}\nanswers:\n  T-3:\n    answer: full\n    evidence:\n      - {{file: c.txt, kind: certificate, issued: 2026-03-01, certificate: AB-1}}\n"),
        );
    }
    let json = t.json_with_code(tender_code(&t));
    for f in ["a", "b"] {
        let s = by_folder(&json, f);
        assert_ne!(s["status"], "pass", "{f}");
        let flags = serde_json::to_string(&s["flags"]).unwrap();
        assert!(
            flags.contains("shared_evidence") && flags.contains("AB-1"),
            "{f}: {flags}"
        );
    }
}

/// A display name that only looks like another's (a Cyrillic `а`, a zero-width space) is the
/// same name.
#[test]
fn look_alike_names_are_the_same_name() {
    let t = Tender::new(&toml("medium", "[scoring]\nrules = 2\n"));
    t.response(
        "a",
        "supplier: Acme AI Ltd\nanswers:\n  T-3:\n    answer: full\n",
    );
    t.response(
        "b",
        "supplier: \"\u{410}cme A\u{200b}I Limited\"\nanswers:\n  T-3:\n    answer: full\n",
    );
    t.response(
        "c",
        "supplier: Acme Data Ltd\nanswers:\n  T-3:\n    answer: full\n",
    );
    let json = t.json_with_code(tender_code(&t));
    for f in ["a", "b"] {
        let flags = serde_json::to_string(&by_folder(&json, f)["flags"]).unwrap();
        assert!(flags.contains("duplicate_name"), "{f}: {flags}");
    }
    let flags = serde_json::to_string(&by_folder(&json, "c")["flags"]).unwrap();
    assert!(!flags.contains("duplicate_name"), "{flags}");
}
