//! Scoring rules 2, final: phrases are read in their sentence (docs/formats.md §3.6). A
//! `must_show` phrase after a negation does not count; a `must_not_show` phrase found makes
//! the evidence unconfirmed with a critical flag quoting the sentence; every phrase found is
//! quoted, with its page for a PDF, in the JSON, `--detail`, `check` and `report`. Also the
//! expiry forms, the tender deadline and names with invisible characters. Each attack test
//! fails on the rules before this edition; each has a control an honest bid passes.

mod common;
use common::*;
use serde_json::Value;

const RUBRIC: &str = r#"id: p
version: 1.0.0
title: Phrases
summary: Questions whose evidence is read in its sentences.
sources:
  - title: tenderscore tests
sections:
  - id: a
    title: A
    questions:
      - id: P-1
        text: Is your AI management system certified?
        kind: yes_no
        evidence:
          kinds: [certificate, other]
          must_show:
            - label: the standard certified
              any: ["ISO/IEC 42001", "ISO 42001"]
        refs: [TEST]
      - id: P-2
        text: Will council data be used to train or improve models?
        kind: yes_no
        expect: no
        gate: true
        evidence:
          required: true
          kinds: [contract_clause, other]
          must_show:
            - label: a restriction on training
              any: ["train"]
              negation: require
          must_not_show:
            - label: a right to train shared models
              any: ["shared model", "train and improve"]
        refs: [TEST]
      - id: P-3
        text: Are renewal terms stated?
        kind: yes_no
        evidence:
          kinds: [contract_clause, other]
          must_show:
            - label: renewal terms
              any: ["renewal"]
              negation: ignore
        refs: [TEST]
"#;

/// A rules 2 tender using rubric `p`; supplier `a` answers P-1 to P-3 yes, no, yes citing
/// `cert.txt`, `dpa.txt` and `terms.txt` with the given texts.
fn tender(extra: &str, cert: &str, dpa: &str, terms: &str) -> Tender {
    let t = Tender::new(&format!(
        "id = \"T-003\"\ntitle = \"Phrases\"\nrisk = \"high\"\nas_of = 2026-10-01\nrubric_dirs = [\"rubrics\"]\n{extra}\n[[rubrics]]\nuse = \"p@1.0.0\"\n\n[scoring]\nrules = 2\nmin_total = 0\nmin_rubric = 0\n"
    ));
    t.file("rubrics/p/1.0.0.yaml", RUBRIC);
    t.file("submissions/a/cert.txt", cert);
    t.file("submissions/a/dpa.txt", dpa);
    t.file("submissions/a/terms.txt", terms);
    t.response(
        "a",
        "supplier: Cobalt Analytics plc\nanswers:\n  P-1:\n    answer: yes\n    evidence:\n      - {file: cert.txt, kind: other, issued: 2026-03-01}\n  P-2:\n    answer: no\n    evidence:\n      - {file: dpa.txt, kind: contract_clause, issued: 2026-03-01}\n  P-3:\n    answer: yes\n    evidence:\n      - {file: terms.txt, kind: contract_clause, issued: 2026-03-01}\n",
    );
    t
}

const CERT: &str = "Issued 1 March 2026. Cobalt Analytics plc is certified to ISO/IEC 42001.";
const DPA: &str = "Issued 1 March 2026. 4.1 Cobalt shall not use Council Data to train any model for anyone but the Council.";
const TERMS: &str = "Issued 1 March 2026. There is no automatic renewal.";

fn q(j: &Value, id: &str) -> Value {
    question(&j["suppliers"][0], id).clone()
}

fn has_flag(q: &Value, kind: &str) -> bool {
    q["flags"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["kind"] == kind)
}

#[test]
fn an_honest_bid_shows_every_phrase_in_its_sentence() {
    let t = tender("", CERT, DPA, TERMS);
    let j = t.json();
    for id in ["P-1", "P-2", "P-3"] {
        let q = q(&j, id);
        assert_eq!(q["evidence"], "attached", "{id}: {}", q["evidence_reasons"]);
    }
    assert_eq!(j["suppliers"][0]["status"], "pass");
    // Each phrase found, quoted with its sentence, per evidence file.
    let files = j["suppliers"][0]["evidence_files"].as_array().unwrap();
    let cert = files.iter().find(|f| f["file"] == "cert.txt").unwrap();
    let found = &cert["found"][0];
    assert_eq!(found["label"], "the standard certified");
    assert_eq!(
        found["quote"],
        "Cobalt Analytics plc is certified to ISO/IEC 42001."
    );
    assert_eq!(found["page"], Value::Null);
    assert_eq!(found["question"], "P-1");
    assert_eq!(found["check"], "must_show");
}

#[test]
fn a_negated_must_show_phrase_does_not_count() {
    let t = tender(
        "",
        "Issued 1 March 2026. Cobalt Analytics plc is **not** certified to ISO/IEC 42001.",
        DPA,
        TERMS,
    );
    let q = q(&t.json(), "P-1");
    assert_eq!(q["evidence"], "unconfirmed");
    let why = q["evidence_reasons"].to_string();
    assert!(
        why.contains("only after a negation") && why.contains("is **not** certified"),
        "{why}"
    );
}

#[test]
fn a_prohibition_must_be_written_as_one() {
    // `negation: require`: "may use … to train" is no restriction.
    let t = tender(
        "",
        CERT,
        "Issued 1 March 2026. 4.1 Cobalt may use Council Data to train its models.",
        TERMS,
    );
    let j = t.json();
    let p2 = q(&j, "P-2");
    assert_eq!(p2["evidence"], "unconfirmed", "{}", p2["evidence_reasons"]);
    assert!(p2["evidence_reasons"]
        .to_string()
        .contains("only without a negation"));
    // The pass/fail question fails: the only evidence does not bear the answer out.
    assert_eq!(j["suppliers"][0]["status"], "fail");
}

#[test]
fn must_not_show_makes_the_evidence_unconfirmed_and_quotes_the_sentence() {
    let t = tender(
        "",
        CERT,
        "Issued 1 March 2026. 4.1 Cobalt shall not use Council Data to train any model for anyone but the Council.\n\n4.2 Notwithstanding 4.1, Cobalt may use council data to train and improve shared models.",
        TERMS,
    );
    let j = t.json();
    let p2 = q(&j, "P-2");
    assert_eq!(p2["evidence"], "unconfirmed", "{}", p2["evidence_reasons"]);
    let flag = p2["flags"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["kind"] == "must_not_show")
        .expect("a must_not_show flag");
    assert_eq!(flag["severity"], "critical");
    assert!(
        flag["message"]
            .as_str()
            .unwrap()
            .contains("“4.2 Notwithstanding 4.1, Cobalt may use council data to train and improve shared models.”"),
        "{flag}"
    );
    // Control: the same phrase negated is a promise, not a right.
    let t = tender(
        "",
        CERT,
        "Issued 1 March 2026. 4.1 Cobalt shall not use Council Data to train any model, and will never train and improve shared models with it.",
        TERMS,
    );
    let p2 = q(&t.json(), "P-2");
    assert_eq!(p2["evidence"], "attached", "{}", p2["evidence_reasons"]);
    assert!(!has_flag(&p2, "must_not_show"));
}

#[test]
fn found_phrases_are_shown_in_detail_check_and_report() {
    let t = tender("", CERT, DPA, TERMS);
    let quote = "Cobalt Analytics plc is certified to ISO/IEC 42001.";
    let detail = stdout(&t.run(&["score", ".", "--detail", "--format", "markdown"]));
    assert!(detail.contains(quote), "{detail}");
    let check = t.run(&["check", "."]);
    assert!(stderr(&check).contains(quote), "{}", stderr(&check));
    let dir = tempfile::tempdir().unwrap();
    let html = dir.path().join("r.html");
    let o = t.run(&["report", ".", "-o", html.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let report = std::fs::read_to_string(html).unwrap();
    assert!(report.contains(quote), "no quote in the report");
}

#[test]
fn a_phrase_in_a_pdf_names_its_page() {
    let t = tender("", CERT, DPA, TERMS);
    let pdf = std::fs::read(fixtures().join("hidden/pdf-control.pdf")).unwrap();
    std::fs::write(t.path().join("submissions/a/cert.pdf"), pdf).unwrap();
    let yaml = std::fs::read_to_string(t.path().join("submissions/a/response.yaml"))
        .unwrap()
        .replace(
            "{file: cert.txt, kind: other, issued: 2026-03-01}",
            "{file: cert.pdf, kind: other}",
        );
    t.response("a", &yaml);
    let j = t.json();
    let files = j["suppliers"][0]["evidence_files"].as_array().unwrap();
    let cert = files.iter().find(|f| f["file"] == "cert.pdf").unwrap();
    assert_eq!(cert["found"][0]["page"], 1, "{cert}");
}

#[test]
fn expiry_is_read_however_it_is_written() {
    for written in [
        "Expiry: 1 March 2026",
        "This certificate expired on 1 March 2026.",
        "Valid till 01/03/2026.",
        "Valid from 1 March 2023 until 1 March 2026.",
        "Validity: 2023-03-01 to 2026-03-01",
        "Expiry date: **1 March 2026**",
    ] {
        let t = tender(
            "",
            &format!("Issued 1 March 2026. Cobalt Analytics plc is certified to ISO/IEC 42001. {written}"),
            DPA,
            TERMS,
        );
        let p1 = q(&t.json(), "P-1");
        assert_eq!(
            p1["evidence"], "invalid",
            "{written}: {}",
            p1["evidence_reasons"]
        );
        assert!(
            p1["evidence_reasons"]
                .to_string()
                .contains("the document says it expired on 2026-03-01"),
            "{written}: {}",
            p1["evidence_reasons"]
        );
    }
    // Control: a validity that runs past the evaluation date.
    let t = tender(
        "",
        "Issued 1 March 2026. Cobalt Analytics plc is certified to ISO/IEC 42001. Valid from 1 March 2026 until 28 February 2029.",
        DPA,
        TERMS,
    );
    assert_eq!(q(&t.json(), "P-1")["evidence"], "attached");
}

#[test]
fn evidence_issued_after_the_deadline_is_invalid() {
    let t = tender("deadline = 2026-09-20", CERT, DPA, TERMS);
    let yaml = std::fs::read_to_string(t.path().join("submissions/a/response.yaml"))
        .unwrap()
        .replace(
            "{file: cert.txt, kind: other, issued: 2026-03-01}",
            "{file: cert.txt, kind: other, issued: 2026-09-25}",
        );
    t.response("a", &yaml);
    t.file(
        "submissions/a/cert.txt",
        "Issued 25 September 2026. Cobalt Analytics plc is certified to ISO/IEC 42001.",
    );
    let j = t.json();
    let p1 = q(&j, "P-1");
    assert_eq!(p1["evidence"], "invalid");
    assert!(p1["evidence_reasons"]
        .to_string()
        .contains("issued 2026-09-25, after the tender deadline 2026-09-20"));
    assert_eq!(j["tender"]["deadline"], "2026-09-20");
    // Control: on the deadline itself is in time; without a deadline nothing is checked.
    t.response("a", &yaml.replace("2026-09-25", "2026-09-20"));
    t.file(
        "submissions/a/cert.txt",
        "Issued 20 September 2026. Cobalt Analytics plc is certified to ISO/IEC 42001.",
    );
    assert_eq!(q(&t.json(), "P-1")["evidence"], "attached");
}

#[test]
fn the_deadline_applies_under_rules_1_too_and_must_be_a_date_before_as_of() {
    let t = tender("deadline = 2026-09-20", CERT, DPA, TERMS);
    let toml = std::fs::read_to_string(t.path().join("tender.toml"))
        .unwrap()
        .replace("rules = 2", "rules = 1");
    t.file("tender.toml", &toml);
    let yaml = std::fs::read_to_string(t.path().join("submissions/a/response.yaml"))
        .unwrap()
        .replace("issued: 2026-03-01}\n  P-2", "issued: 2026-09-25}\n  P-2");
    t.response("a", &yaml);
    assert_eq!(q(&t.json(), "P-1")["evidence"], "invalid");
    for (bad, why) in [
        ("deadline = 2026-10-02", "after the evaluation date"),
        ("deadline = 2026-09-20T12:00:00", "no time"),
        ("deadline = \"soon\"", "expected a TOML datetime"),
    ] {
        let t = tender(bad, CERT, DPA, TERMS);
        let o = t.run(&["score", "."]);
        assert_eq!(o.status.code(), Some(2), "{bad}");
        assert!(stderr(&o).contains(why), "{bad}: {}", stderr(&o));
        assert!(stderr(&o).contains("tender.toml:"), "{}", stderr(&o));
    }
}

#[test]
fn invisible_characters_are_removed_from_names_with_a_warning() {
    let t = tender("", CERT, DPA, TERMS);
    let yaml = std::fs::read_to_string(t.path().join("submissions/a/response.yaml"))
        .unwrap()
        .replace("Cobalt Analytics plc", "Cobalt\u{200b} Analytics plc");
    t.response("a", &yaml);
    let j = t.json();
    let s = &j["suppliers"][0];
    assert_eq!(s["supplier"], "Cobalt Analytics plc");
    let flags = s["flags"].to_string();
    assert!(
        flags.contains("U+200B") && flags.contains("identity"),
        "{flags}"
    );
    let table = stdout(&t.run(&["score", "."]));
    assert!(!table.contains('\u{200b}'));
    let check = stdout(&t.run(&["check", "."]));
    assert!(check.contains("invisible characters"), "{check}");
}

#[test]
fn check_warns_when_the_tender_names_no_verifiers() {
    let t = tender("", CERT, DPA, TERMS);
    let o = t.run(&["check", "."]);
    assert!(
        stderr(&o).contains("warning: the tender names no accepted verifiers"),
        "{}",
        stderr(&o)
    );
    // A warning, not a problem: the exit code is check's own.
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let t = tender("[evidence]\nverifiers = [\"BSI\"]\n", CERT, DPA, TERMS);
    let o = t.run(&["check", "."]);
    assert!(
        !stderr(&o).contains("names no accepted verifiers"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn must_not_show_and_negation_are_validated_and_shown() {
    for (bad, why) in [
        (
            "must_not_show:\n            - label: x\n              any: [a]\n              negation: ignore",
            "`negation` has no meaning here",
        ),
        (
            "must_not_show:\n            - label: x\n              supplier: true",
            "`supplier: true` has no meaning here",
        ),
        ("must_not_show: []", "must list at least one thing"),
        (
            "must_show:\n            - label: x\n              any: [a]\n              negation: maybe",
            "`maybe` is not one of the allowed values (`reject`, `require`, `ignore`)",
        ),
    ] {
        let rubric = RUBRIC.replace(
            "must_show:\n            - label: the standard certified\n              any: [\"ISO/IEC 42001\", \"ISO 42001\"]",
            bad,
        );
        let t = tender("", CERT, DPA, TERMS);
        t.file("rubrics/p/1.0.0.yaml", &rubric);
        let o = t.run(&["score", "."]);
        assert_eq!(o.status.code(), Some(2), "{bad}");
        assert!(stderr(&o).contains(why), "{bad}: {}", stderr(&o));
    }
    let t = tender("", CERT, DPA, TERMS);
    let shown = stdout(&t.run(&["rubrics", "show", "p@1.0.0", "--rubrics", "rubrics"]));
    assert!(
        shown.contains("must not show") && shown.contains("shared model"),
        "{shown}"
    );
}

#[test]
fn a_negation_reaches_only_its_own_clause_for_prohibitions() {
    // A must_not_show phrase after an unrelated negation, or a comma, is still flagged.
    for dpa in [
        "Issued 1 March 2026. 4.1 Cobalt shall not use Council Data to train any model for anyone but the Council. 4.2 Without prejudice to clause 4.1, Cobalt may use council data to train and improve shared models.",
        "Issued 1 March 2026. 4.1 Cobalt shall not use Council Data to train any model for anyone but the Council. 4.2 Cobalt is not a reseller and may train shared models.",
        "Issued 1 March 2026. 4.1 Cobalt shall not use Council Data to train any model for anyone but the Council. 4.2 Cobalt may train sha\u{200b}red mo\u{200b}dels.",
        "Issued 1 March 2026. 4.1 Cobalt shall not use Council Data to train any model for anyone but the Council. 4.2 Cobalt may train shared m\u{43e}dels.",
    ] {
        let t = tender("", CERT, dpa, TERMS);
        let j = t.json();
        let p2 = q(&j, "P-2");
        assert_eq!(p2["evidence"], "unconfirmed", "{dpa}: {}", p2["evidence_reasons"]);
        assert!(has_flag(&p2, "must_not_show"), "{dpa}");
        assert_eq!(j["suppliers"][0]["status"], "fail", "{dpa}");
    }
    // `negation: require`: an unrelated negation earlier in the sentence is no prohibition.
    let t = tender(
        "",
        CERT,
        "Issued 1 March 2026. 4.1 Cobalt is not a reseller, and may use Council Data to train its models.",
        TERMS,
    );
    assert_eq!(q(&t.json(), "P-2")["evidence"], "unconfirmed");
    // Control: a prohibition with a bracketed aside, and a zero-width space inside "not".
    for dpa in [
        "Issued 1 March 2026. 4.1 Cobalt shall not use Council Data (of any kind, including prompts, outputs and feedback) to train any model.",
        "Issued 1 March 2026. 4.1 Cobalt shall n\u{200b}ot use Council Data to train any model.",
    ] {
        let t = tender("", CERT, dpa, TERMS);
        let p2 = q(&t.json(), "P-2");
        assert_eq!(p2["evidence"], "attached", "{dpa}: {}", p2["evidence_reasons"]);
    }
}

#[test]
fn a_visible_clause_in_a_pdf_is_read_whatever_is_drawn_before_it() {
    // A tiny run of as many glyphs at the same place once made the visible clause look like
    // a fill-and-stroke repeat, and the clause was not read.
    let t = tender("", CERT, DPA, TERMS);
    let clause = "4.2 Cobalt may use Council Data to train shared models.";
    let content = format!(
        "BT /F1 12 Tf 72 740 Td (Issued 1 March 2026. 4.1 Cobalt shall not use Council Data to train any model.) Tj ET\nBT /F1 0.5 Tf 72 700 Td ({}) Tj ET\nBT /F1 8 Tf 72 700 Td ({clause}) Tj ET\n",
        "x".repeat(clause.len())
    );
    std::fs::write(
        t.path().join("submissions/a/dpa.pdf"),
        one_page_pdf(&content),
    )
    .unwrap();
    let yaml = std::fs::read_to_string(t.path().join("submissions/a/response.yaml"))
        .unwrap()
        .replace("file: dpa.txt", "file: dpa.pdf");
    t.response("a", &yaml);
    let p2 = q(&t.json(), "P-2");
    assert!(has_flag(&p2, "must_not_show"), "{}", p2["evidence_reasons"]);
}

/// A one-page PDF (Helvetica) with this content stream.
fn one_page_pdf(content: &str) -> Vec<u8> {
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>".to_string(),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>".to_string(),
        format!("<< /Length {} >>\nstream\n{content}endstream", content.len()),
    ];
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend(format!("{} 0 obj\n{body}\nendobj\n", i + 1).bytes());
    }
    let xref = out.len();
    out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).bytes());
    for o in offsets {
        out.extend(format!("{o:010} 00000 n \n").bytes());
    }
    out.extend(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .bytes(),
    );
    out
}
