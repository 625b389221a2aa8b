//! Scoring rules 2: each claim about an evidence file checked against the file itself, with
//! real files (PDF and DOCX made by `tests/fixtures/evidence/make.py`, HTML and text written
//! here): every check passes on one file and fails on another, and hostile files end as
//! `unreadable` without stopping the run.

mod common;
use common::*;
use serde_json::Value;

const RUBRIC: &str = r#"id: c
version: 1.0.0
title: Content checks
summary: Questions whose evidence is read.
sources:
  - title: tenderscore tests
sections:
  - id: a
    title: A
    questions:
      - id: C-1
        text: Is your AI management system certified?
        kind: scale
        levels: [no, planned, in progress, certified]
        evidence:
          kinds: [certificate, audit_report, other]
          verify_at: low
          must_show:
            - label: the standard certified
              any: ["ISO/IEC 42001", "ISO 42001"]
            - label: the supplier as the certified organisation
              supplier: true
        refs: [TEST]
      - id: C-2
        text: Do you have a policy?
        kind: yes_no
        evidence:
          kinds: [policy, other]
        refs: [TEST]
"#;

/// A rules 2 tender using rubric `c`, with `extra` TOML and the named evidence fixtures
/// copied into supplier `a`'s folder.
fn tender(extra: &str, fixtures_used: &[&str]) -> Tender {
    let t = Tender::new(&format!(
        "id = \"T-002\"\ntitle = \"Content\"\nrisk = \"high\"\nas_of = 2026-10-01\nrubric_dirs = [\"rubrics\"]\n\n[[rubrics]]\nuse = \"c@1.0.0\"\n\n[scoring]\nrules = 2\nmin_total = 0\nmin_rubric = 0\n{extra}"
    ));
    t.file("rubrics/c/1.0.0.yaml", RUBRIC);
    for f in fixtures_used {
        let bytes = std::fs::read(fixtures().join("evidence").join(f)).unwrap();
        let p = t.path().join("submissions/a").join(f);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, bytes).unwrap();
    }
    t
}

/// Supplier `a` answers C-1 with one evidence item (YAML flow mapping) and C-2 with `c2`.
fn answer(t: &Tender, supplier: &str, c1_item: &str, c2_item: &str) {
    t.response(
        "a",
        &format!(
            "supplier: {supplier}\nanswers:\n  C-1:\n    answer: 3\n    evidence:\n      - {c1_item}\n  C-2:\n    answer: yes\n    evidence:\n      - {c2_item}\n"
        ),
    );
}

const LARKSPUR: &str = "Larkspur Health Intelligence Ltd";
const POLICY_OK: &str = "{file: policy.docx, kind: policy, issued: 2026-02-09}";

fn c(j: &Value, id: &str) -> Value {
    question(&j["suppliers"][0], id).clone()
}

fn reasons(q: &Value) -> String {
    q["evidence_reasons"].to_string()
}

#[test]
fn a_certificate_that_bears_out_every_claim_is_verified() {
    let t = tender("", &["certificate-42001.pdf", "policy.docx"]);
    answer(
        &t,
        LARKSPUR,
        "{file: certificate-42001.pdf, kind: certificate, issued: 2026-03-01, expires: 2029-02-28, verified_by: BSI}",
        POLICY_OK,
    );
    let j = t.json();
    let q = c(&j, "C-1");
    assert_eq!(q["evidence"], "verified", "{}", reasons(&q));
    assert_eq!(q["credit"], 1.0);
    assert_eq!(
        c(&j, "C-2")["evidence"],
        "attached",
        "{}",
        reasons(&c(&j, "C-2"))
    );
    assert_eq!(j["scoring"]["rules"], 2);
    let files = j["suppliers"][0]["evidence_files"].as_array().unwrap();
    let cert = files
        .iter()
        .find(|f| f["file"] == "certificate-42001.pdf")
        .unwrap();
    assert_eq!(cert["content"], "checked");
    let passed = cert["passed"].to_string();
    for p in [
        "shows the claimed issue date 2026-03-01",
        "shows the claimed expiry date 2029-02-28",
        "names the verifier `BSI`",
        "shows the standard certified",
        "shows the supplier as the certified organisation",
    ] {
        assert!(passed.contains(p), "{p} not in {passed}");
    }
    assert_eq!(j["suppliers"][0]["counts"]["unconfirmed"], 0);
}

#[test]
fn check_1_a_claimed_date_the_document_does_not_show_is_unconfirmed() {
    let t = tender("", &["certificate-42001.pdf", "policy.docx"]);
    answer(
        &t,
        LARKSPUR,
        "{file: certificate-42001.pdf, kind: certificate, issued: 2026-04-01}",
        "{file: policy.docx, kind: policy, issued: 2026-02-10}",
    );
    let j = t.json();
    let q = c(&j, "C-1");
    assert_eq!(q["evidence"], "unconfirmed");
    assert!(reasons(&q).contains(
        "certificate-42001.pdf: the document does not show the claimed issue date 2026-04-01"
    ));
    // credit as for no evidence (C-1 is not required: unevidenced_credit)
    assert_eq!(q["credit"], 0.5);
    let q2 = c(&j, "C-2");
    assert_eq!(q2["evidence"], "unconfirmed", "a DOCX is read too");
    assert!(reasons(&q2)
        .contains("policy.docx: the document does not show the claimed issue date 2026-02-10"));
    assert_eq!(j["suppliers"][0]["counts"]["unconfirmed"], 2);
}

#[test]
fn check_1_dates_in_html_and_text_files() {
    let t = tender("", &[]);
    t.file(
        "submissions/a/statement.html",
        "<html><body><h1>Statement</h1><p>Signed on the 3rd&nbsp;June 2026 by the <b>board</b>.</p></body></html>",
    );
    t.file("submissions/a/note.txt", "Policy note, issued June 2026.\n");
    answer(
        &t,
        "A Ltd",
        "{file: statement.html, kind: other, issued: 2026-06-03}",
        "{file: note.txt, kind: policy, issued: 2026-06-01}",
    );
    let j = t.json();
    assert!(
        c(&j, "C-2")["evidence"] == "attached",
        "{}",
        reasons(&c(&j, "C-2"))
    );
    // C-1's HTML shows the date but not the standard or the supplier.
    let q = c(&j, "C-1");
    assert_eq!(q["evidence"], "unconfirmed");
    assert!(
        !reasons(&q).contains("claimed issue date"),
        "{}",
        reasons(&q)
    );
    assert!(reasons(&q).contains("statement.html: does not show the standard certified"));

    let t = tender("", &[]);
    t.file(
        "submissions/a/note.txt",
        "Policy note, issued 4 June 2026.\n",
    );
    t.file("submissions/a/statement.html", "<p>nothing dated</p>");
    answer(
        &t,
        "A Ltd",
        "{file: statement.html, kind: other, issued: 2026-06-03}",
        "{file: note.txt, kind: policy, issued: 2026-06-01}",
    );
    let j = t.json();
    assert_eq!(
        c(&j, "C-2")["evidence"],
        "unconfirmed",
        "June 2026 stands for the 1st only without a day"
    );
    assert!(reasons(&c(&j, "C-1")).contains("does not show the claimed issue date 2026-06-03"));
}

#[test]
fn check_2_a_document_that_says_it_has_expired_is_invalid() {
    let t = tender("", &["certificate-expired.pdf", "policy.docx"]);
    answer(
        &t,
        LARKSPUR,
        "{file: certificate-expired.pdf, kind: certificate, issued: 2022-12-14}",
        POLICY_OK,
    );
    let j = t.json();
    let q = c(&j, "C-1");
    assert_eq!(q["evidence"], "invalid");
    assert!(
        reasons(&q).contains("certificate-expired.pdf: the document says it expired on 2025-11-30"),
        "{}",
        reasons(&q)
    );
}

#[test]
fn check_3_what_the_rubric_says_the_evidence_must_show() {
    let t = tender("", &["brochure.pdf", "policy.docx"]);
    answer(
        &t,
        "Cobalt Analytics plc",
        "{file: brochure.pdf, kind: certificate, verified_by: Independent auditor}",
        POLICY_OK,
    );
    let j = t.json();
    let q = c(&j, "C-1");
    assert_eq!(q["evidence"], "unconfirmed");
    let r = reasons(&q);
    assert!(
        r.contains("brochure.pdf: does not show the standard certified"),
        "{r}"
    );
    assert!(
        r.contains("brochure.pdf: does not show the supplier as the certified organisation"),
        "{r}"
    );
    assert!(
        r.contains(
            "brochure.pdf: the verifier `Independent auditor` names no particular organisation"
        ),
        "{r}"
    );
    // The supplier is matched under its legal name too.
    let t = tender("", &["certificate-42001.pdf", "policy.docx"]);
    t.response(
        "a",
        "supplier: Larkspur AI\nlegal_names: [Larkspur Health Intelligence Ltd]\nanswers:\n  C-1:\n    answer: 3\n    evidence:\n      - {file: certificate-42001.pdf, kind: certificate}\n",
    );
    let q = c(&t.json(), "C-1");
    assert_eq!(q["evidence"], "attached", "{}", reasons(&q));
    assert!(!reasons(&q).contains("supplier"), "{}", reasons(&q));
}

#[test]
fn check_4_a_verifier_must_be_named_and_on_the_tenders_list() {
    let t = tender(
        "\n[evidence]\nverifiers = [\"LRQA\", \"SGS\"]\n",
        &["certificate-42001.pdf", "policy.docx"],
    );
    answer(
        &t,
        LARKSPUR,
        "{file: certificate-42001.pdf, kind: certificate, verified_by: BSI}",
        POLICY_OK,
    );
    let q = c(&t.json(), "C-1");
    assert_eq!(q["evidence"], "attached");
    assert!(reasons(&q)
        .contains("the verifier `BSI` is not one of the tender's accepted verifiers (LRQA, SGS)"));
    assert_eq!(q["credit"], 0.75, "unverified where verification is needed");
    // verifiers.csv adds to the list.
    t.file("verifiers.csv", "name\nBSI\n");
    let j = t.json();
    assert_eq!(
        c(&j, "C-1")["evidence"],
        "verified",
        "{}",
        reasons(&c(&j, "C-1"))
    );
    assert_eq!(j["registers"][0]["file"], "verifiers.csv");
}

#[test]
fn check_5_the_certificate_register() {
    let register = |status: &str, holder: &str| {
        format!(
            "number,holder,standard,issuer,status,expires\nAIMS 812345,{holder},ISO/IEC 42001,BSI,{status},2029-02-28\n"
        )
    };
    let item = "{file: certificate-42001.pdf, kind: certificate, certificate: AIMS 812345}";
    let t = tender("", &["certificate-42001.pdf", "policy.docx"]);
    t.file(
        "certificates.csv",
        &register("valid", "Larkspur Health Intelligence Limited"),
    );
    answer(&t, LARKSPUR, item, POLICY_OK);
    let j = t.json();
    let q = c(&j, "C-1");
    assert_eq!(q["evidence"], "verified", "{}", reasons(&q));
    let files = j["suppliers"][0]["evidence_files"].to_string();
    assert!(files.contains("certificate AIMS 812345 confirmed in the certificate register"));

    t.file(
        "certificates.csv",
        &register("withdrawn", "Larkspur Health Intelligence Ltd"),
    );
    let q = c(&t.json(), "C-1");
    assert_eq!(q["evidence"], "invalid");
    assert!(reasons(&q).contains("lists certificate AIMS 812345 as withdrawn"));

    t.file("certificates.csv", &register("valid", "Other Firm Ltd"));
    let q = c(&t.json(), "C-1");
    assert_eq!(q["evidence"], "invalid");
    assert!(
        reasons(&q).contains("lists certificate AIMS 812345 for Other Firm Ltd, not this supplier")
    );

    t.file(
        "certificates.csv",
        "number,holder,standard,issuer,status,expires\n",
    );
    let q = c(&t.json(), "C-1");
    assert_eq!(q["evidence"], "attached");
    assert!(reasons(&q).contains("certificate AIMS 812345 is not in the certificate register"));

    t.file("certificates.csv", "number,holder\n");
    let o = t.run(&["check", "."]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o).contains("certificates.csv:1: no `standard` column"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn a_scanned_pdf_is_unchecked_and_earns_nothing_until_the_panel_confirms_it() {
    let t = tender("", &["scanned.pdf", "policy.docx"]);
    answer(
        &t,
        LARKSPUR,
        "{file: scanned.pdf, kind: certificate, issued: 2026-05-02, verified_by: IASME}",
        POLICY_OK,
    );
    let j = t.json();
    let q = c(&j, "C-1");
    assert_eq!(q["evidence"], "unconfirmed", "{}", reasons(&q));
    let flags = q["flags"].to_string();
    assert!(
        flags.contains("\"panel_check\"") && flags.contains("scanned.pdf: not checked"),
        "{flags}"
    );
    let file = &j["suppliers"][0]["evidence_files"][0];
    assert_eq!(file["content"], "unchecked");
}

#[test]
fn rules_1_reads_no_file_and_writes_no_new_key() {
    let t = tender("", &["brochure.pdf", "policy.docx"]);
    std::fs::write(
        t.path().join("tender.toml"),
        std::fs::read_to_string(t.path().join("tender.toml"))
            .unwrap()
            .replace("rules = 2\n", ""),
    )
    .unwrap();
    answer(
        &t,
        LARKSPUR,
        "{file: brochure.pdf, kind: certificate, issued: 2020-01-01, verified_by: Independent auditor}",
        POLICY_OK,
    );
    let j = t.json();
    assert_eq!(
        c(&j, "C-1")["evidence"],
        "verified",
        "taken on trust under rules 1"
    );
    let text = j.to_string();
    for key in [
        "\"rules\"",
        "\"content\"",
        "\"unconfirmed\"",
        "\"registers\"",
        "\"passed\"",
    ] {
        assert!(!text.contains(key), "{key} in a rules 1 result");
    }
}

#[test]
fn rules_must_be_1_or_2() {
    let t = tender("", &[]);
    std::fs::write(
        t.path().join("tender.toml"),
        std::fs::read_to_string(t.path().join("tender.toml"))
            .unwrap()
            .replace("rules = 2", "rules = 3"),
    )
    .unwrap();
    let o = t.run(&["check", "."]);
    assert!(
        stdout(&o).contains("tender.toml:11:9: rules must be 1"),
        "{}",
        stdout(&o)
    );
}

/// Hostile files: each is reported unreadable (or unchecked), the run goes on, and the other
/// supplier is scored. Reading is bounded by `TIME_LIMIT` (3 s) per file, so no file can
/// hold a run for long; this suite asserts the outcome, not the time.
#[test]
fn hostile_evidence_is_reported_and_never_stops_the_run() {
    let t = tender("", &["policy.docx"]);
    // A PDF header over garbage; a text file named .pdf; a PDF whose page tree loops.
    t.file("submissions/a/malformed.pdf", "%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n");
    t.file(
        "submissions/a/not-a.pdf",
        "This is a plain text file pretending to be a PDF.\n",
    );
    t.file(
        "submissions/a/loop.pdf",
        "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n3 0 obj << /Type /Pages /Kids [2 0 R] /Count 1 /Parent 2 0 R >> endobj\ntrailer << /Root 1 0 R /Size 4 >>\n%%EOF\n",
    );
    // Deeply nested HTML.
    t.file("submissions/a/deep.html", &"<div>".repeat(200_000));
    // A DOCX whose body unpacks to 24 MB of one letter (over the 16 MB a body may unpack to).
    {
        use std::io::Write;
        let p = t.path().join("submissions/a/bomb.docx");
        let mut z = zip::ZipWriter::new(std::fs::File::create(&p).unwrap());
        let o = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        z.start_file("word/document.xml", o).unwrap();
        let chunk = vec![b'a'; 1 << 20];
        for _ in 0..24 {
            z.write_all(&chunk).unwrap();
        }
        z.finish().unwrap();
        assert!(std::fs::metadata(&p).unwrap().len() < 1 << 20);
    }
    t.response(
        "a",
        "supplier: A Ltd\nanswers:\n  C-1:\n    answer: 3\n    evidence:\n      - {file: malformed.pdf, kind: certificate}\n      - {file: not-a.pdf, kind: certificate}\n      - {file: loop.pdf, kind: certificate}\n      - {file: deep.html, kind: other}\n      - {file: bomb.docx, kind: other}\n",
    );
    t.response("b", "supplier: B Ltd\nanswers:\n  C-2:\n    answer: yes\n");
    let j = t.json();
    let a = by_folder(&j, "a");
    assert_eq!(by_folder(&j, "b")["status"], "pass");
    let files = a["evidence_files"].as_array().unwrap();
    assert_eq!(files.len(), 5);
    for f in files {
        assert_eq!(f["content"], "unreadable", "{f}");
        assert!(f["content_note"].as_str().unwrap().len() > 10, "{f}");
    }
    let q = question(a, "C-1");
    assert_eq!(
        q["evidence"], "unconfirmed",
        "unreadable files earn nothing until the panel confirms them"
    );
    let warnings = q["flags"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["severity"] == "warning" && f["kind"] == "panel_check")
        .count();
    assert_eq!(warnings, 5);
}

#[test]
fn verify_names_a_changed_certificate_register() {
    let t = tender("", &["certificate-42001.pdf"]);
    t.file(
        "certificates.csv",
        "number,holder,standard,issuer,status,expires\nAIMS 812345,Larkspur Health Intelligence Ltd,ISO/IEC 42001,BSI,valid,2029-02-28\n",
    );
    t.response(
        "a",
        "supplier: Larkspur Health Intelligence Ltd\nanswers:\n  C-1:\n    answer: 3\n    evidence:\n      - {file: certificate-42001.pdf, kind: certificate, certificate: AIMS 812345}\n",
    );
    let o = t.run(&["score", ".", "-o", "result.json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(t.run(&["verify", "result.json"]).status.code(), Some(0));
    t.file(
        "certificates.csv",
        "number,holder,standard,issuer,status,expires\nAIMS 812345,Larkspur Health Intelligence Ltd,ISO/IEC 42001,BSI,withdrawn,2029-02-28\n",
    );
    let o = t.run(&["verify", "result.json"]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(out.contains("file: certificates.csv changed"), "{out}");
    assert!(
        out.contains("question C-1 evidence: was verified, is now invalid"),
        "{out}"
    );
}

#[test]
fn must_show_is_validated_and_shown() {
    let t = tender("", &[]);
    for (bad, says) in [
        (
            "must_show: []",
            "evidence.must_show must list at least one thing",
        ),
        (
            "must_show: [{label: x}]",
            "give `any` (phrases, one of which must appear) or `supplier: true`",
        ),
        (
            "must_show: [{label: x, any: [a], supplier: true}]",
            "give either `any` or `supplier: true`, not both",
        ),
        (
            "must_show: [{label: x, anyof: [a]}]",
            "unknown field `anyof`",
        ),
    ] {
        t.file(
            "rubrics/c/1.0.0.yaml",
            &RUBRIC.replace(
                "must_show:\n            - label: the standard certified\n              any: [\"ISO/IEC 42001\", \"ISO 42001\"]\n            - label: the supplier as the certified organisation\n              supplier: true",
                bad,
            ),
        );
        let out = stdout(&t.run(&["check", "."]));
        assert!(out.contains(says), "{bad}: {out}");
    }
    t.file("rubrics/c/1.0.0.yaml", RUBRIC);
    let o = t.run(&["rubrics", "show", "c@1.0.0", "--rubrics", "rubrics"]);
    assert!(
        stdout(&o).contains("Evidence must show (scoring rules 2): the standard certified"),
        "{}",
        stdout(&o)
    );
    t.file(
        "rubrics/c/1.1.0.yaml",
        &RUBRIC
            .replace("1.0.0", "1.1.0")
            .replace("\"ISO 42001\"", "\"BS ISO/IEC 42001\""),
    );
    let o = t.run(&[
        "rubrics",
        "diff",
        "c@1.0.0",
        "c@1.1.0",
        "--rubrics",
        "rubrics",
    ]);
    assert!(
        stdout(&o)
            .contains("evidence must show the standard certified (ISO/IEC 42001 or ISO 42001)"),
        "{}",
        stdout(&o)
    );
}
