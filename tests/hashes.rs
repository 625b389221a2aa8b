//! Every input hashed, every decision bound to what it judged (docs/auditing.md,
//! docs/formats.md §3.7, §3.8): `verify` names a changed `price.yaml` and a workbook response by
//! their real names; an evidence decision is bound to the file it judged; hash prefixes have 16
//! hex digits; a decision or a mark about an unreadable response never stops the run; prices
//! are bounded; a workbook without its Evidence sheet is an error. Each test fails on 0.1.

mod common;
use common::*;
use serde_json::Value;
use std::path::Path;

fn example_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&example(), dir.path());
    dir
}

fn score(dir: &Path) -> (Value, std::process::Output) {
    let out = run_in(dir, &["score", ".", "--format", "json"]);
    let j = serde_json::from_slice(&out.stdout).unwrap_or(Value::Null);
    (j, out)
}

/// Saves the example's result, then runs `verify` after `change`; its stdout and exit code.
fn verify_after(change: impl FnOnce(&Path)) -> (String, Option<i32>) {
    let dir = example_copy();
    let saved = dir.path().join("result.json");
    let o = run_in(
        dir.path(),
        &[
            "score",
            ".",
            "--format",
            "json",
            "-o",
            saved.to_str().unwrap(),
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    change(dir.path());
    let o = run_in(dir.path(), &["verify", saved.to_str().unwrap()]);
    (stdout(&o), o.status.code())
}

#[test]
fn verify_names_a_changed_price_file_even_when_no_figure_moves() {
    let (out, code) = verify_after(|d| {
        let p = d.join("submissions/pennine-care-data/price.yaml");
        let text = std::fs::read_to_string(&p).unwrap();
        std::fs::write(&p, format!("# revised\n{text}")).unwrap();
    });
    assert_eq!(code, Some(1), "{out}");
    assert!(
        out.contains("file: submissions/pennine-care-data/price.yaml changed: sha256 was"),
        "{out}"
    );
    assert!(!out.contains("figure:"), "a comment moves no figure: {out}");
}

#[test]
fn verify_names_a_workbook_response_by_its_name() {
    let (out, code) = verify_after(|d| {
        let p = d.join("submissions/larkspur/response.xlsx");
        let mut bytes = std::fs::read(&p).unwrap();
        // A zip may carry a trailing comment after its end record: the workbook still reads.
        let n = bytes.len();
        bytes[n - 2] = 4;
        bytes.extend_from_slice(b"edit");
        std::fs::write(&p, bytes).unwrap();
    });
    assert_eq!(code, Some(1), "{out}");
    assert!(
        out.contains("file: submissions/larkspur/response.xlsx changed"),
        "{out}"
    );
    assert!(!out.contains("larkspur/response.yaml"), "{out}");
}

#[test]
fn the_result_carries_the_price_hash_and_old_results_still_verify() {
    let (j, _) = score(&example());
    let s = by_folder(&j, "pennine-care-data");
    let bytes = std::fs::read(example().join("submissions/pennine-care-data/price.yaml")).unwrap();
    let want = {
        use sha2::{Digest, Sha256};
        format!("{:x}", Sha256::digest(&bytes))
    };
    assert_eq!(s["price_sha256"], want.as_str());
    assert_eq!(by_folder(&j, "larkspur")["response_file"], "response.xlsx");
    // A result saved before these keys existed (no price_sha256, response_file or
    // file_sha256) still verifies.
    let dir = example_copy();
    let mut old = j.clone();
    for s in old["suppliers"].as_array_mut().unwrap() {
        let o = s.as_object_mut().unwrap();
        o.remove("price_sha256");
        o.remove("response_file");
    }
    let saved = dir.path().join("old.json");
    std::fs::write(&saved, serde_json::to_string_pretty(&old).unwrap()).unwrap();
    let o = run_in(dir.path(), &["verify", saved.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    // rescore carries it too.
    let o = run_in(dir.path(), &["rescore", ".", "--format", "csv"]);
    let csv = stdout(&o);
    assert!(
        csv.lines().next().unwrap().ends_with(",price_sha256"),
        "{csv}"
    );
    assert!(csv.contains(&want), "{csv}");
}

#[test]
fn an_evidence_decision_is_bound_to_the_file_it_judged() {
    let dir = example_copy();
    let (j, _) = score(dir.path());
    let q = question(by_folder(&j, "pennine-care-data"), "GDPR-13");
    assert_eq!(q["evidence"], "verified", "confirmed by the panel");
    // The scan is replaced by another file under the same name.
    std::fs::write(
        dir.path().join(
            "submissions/pennine-care-data/evidence/cyber-essentials-plus-certificate-scan.pdf",
        ),
        b"%PDF-1.4\n% another scan\n",
    )
    .unwrap();
    let (j, out) = score(dir.path());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let pennine = by_folder(&j, "pennine-care-data");
    let q = question(pennine, "GDPR-13");
    assert_ne!(q["evidence"], "verified", "{}", q["evidence_reasons"]);
    let d = pennine["decisions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["question"] == "GDPR-13")
        .unwrap();
    assert_eq!(d["applied"], false);
    assert!(
        d["note"].as_str().unwrap().contains("no longer cites"),
        "{d}"
    );
    let check = stdout(&run_in(dir.path(), &["check", "."]));
    assert!(
        check.contains("decisions.csv:2: the confirm_evidence decision on GDPR-13")
            && check.contains("no longer cites"),
        "{check}"
    );
}

#[test]
fn evidence_decisions_need_a_file_hash_and_prefixes_need_16_hex_digits() {
    let dir = example_copy();
    let csv = dir.path().join("decisions.csv");
    let text = std::fs::read_to_string(&csv).unwrap();
    // Drop the file hash of the first decision; cut the second's response hash to 12.
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    let first = lines[1].rsplit_once(',').unwrap().0.to_string();
    lines[1] = format!("{first},");
    let (rest, file) = lines[2].rsplit_once(',').unwrap();
    let (head, response) = rest.rsplit_once(',').unwrap();
    lines[2] = format!("{head},{},{file}", &response[..12]);
    std::fs::write(&csv, lines.join("\n") + "\n").unwrap();
    let out = stdout(&run_in(dir.path(), &["check", "."]));
    assert!(
        out.contains("decisions.csv:2: file_sha256 is required for confirm_evidence"),
        "{out}"
    );
    assert!(
        out.contains("decisions.csv:3: response_sha256 must be the response's SHA-256 (at least its first 16 hex digits)"),
        "{out}"
    );
}

#[test]
fn decisions_and_marks_about_an_unreadable_response_never_stop_the_run() {
    let dir = example_copy();
    // Pennine's response becomes unreadable; decisions.csv and marks.csv still name it.
    std::fs::write(
        dir.path()
            .join("submissions/pennine-care-data/response.yaml"),
        "supplier: [unclosed\n",
    )
    .unwrap();
    let (j, out) = score(dir.path());
    assert!(j.is_object(), "no result: {}", stderr(&out));
    assert_eq!(by_folder(&j, "pennine-care-data")["status"], "error");
    assert_eq!(by_folder(&j, "larkspur")["status"], "pass");
    // Exit 2 only because one supplier is in error, as for any broken response.
    assert_eq!(out.status.code(), Some(2));
    let check = stdout(&run_in(dir.path(), &["check", "."]));
    assert!(
        check.contains("decision on GDPR-13 for `pennine-care-data` is not applied"),
        "{check}"
    );
}

fn award_tender(price: &str) -> Tender {
    let t = Tender::new(&toml(
        "medium",
        "[scoring]\nmin_total = 0\nmin_rubric = 0\n\n[award]\nquality_weight = 70\nprice_weight = 30\nprice_method = \"lowest\"\ncosts = [{id = \"licence\", label = \"Licence\"}]\n",
    ));
    t.file(
        "rubrics/t/1.0.0.yaml",
        &std::fs::read_to_string(fixtures().join("rubrics/t/1.0.0.yaml")).unwrap(),
    );
    for (folder, cost) in [("a", price), ("b", "100000"), ("c", "200000")] {
        t.response(
            folder,
            &format!("supplier: {folder} Ltd\nanswers:\n  T-2:\n    answer: yes\n    evidence:\n      - {{file: terms.txt, kind: contract_clause, issued: 2026-06-01}}\n"),
        );
        t.file(&format!("submissions/{folder}/terms.txt"), "Terms\n");
        t.file(
            &format!("submissions/{folder}/price.yaml"),
            &format!("currency: GBP\ncosts:\n  licence: {cost}\n"),
        );
    }
    t
}

#[test]
fn a_price_of_nothing_or_of_everything_is_refused_and_moves_no_rival() {
    // With a sound price, a is between b and c.
    let sound = award_tender("150000").json_with_code(0);
    assert_eq!(by_folder(&sound, "b")["price"]["score"], 100.0);
    for (bad, why) in [
        ("0", "the whole-life cost is 0"),
        (
            "5e-324",
            "must be 0 (nothing charged) or an amount from 0.01",
        ),
        (
            "1e308",
            "must be 0 (nothing charged) or an amount from 0.01",
        ),
        ("-1", "must be 0 (nothing charged) or an amount from 0.01"),
    ] {
        let t = award_tender(bad);
        let j = t.json_with_code(2);
        let a = by_folder(&j, "a");
        assert_eq!(a["status"], "error", "{bad}");
        assert!(
            a["reasons"].to_string().contains(why),
            "{bad}: {}",
            a["reasons"]
        );
        assert!(
            a["reasons"].to_string().contains("price.yaml:3:"),
            "the reason names the line: {}",
            a["reasons"]
        );
        // The rivals are scored among themselves: b is the lowest of b and c.
        assert_eq!(by_folder(&j, "b")["price"]["score"], 100.0, "{bad}");
        assert!(!j.to_string().contains("9,223,372,036,854,775,807"));
    }
}

#[test]
fn a_workbook_without_its_evidence_sheet_is_an_error_naming_the_sheets() {
    use rust_xlsxwriter::Workbook;
    let dir = example_copy();
    // Larkspur's workbook rebuilt with the Evidence sheet renamed.
    let larkspur = dir.path().join("submissions/larkspur");
    let yaml = dir.path().join("larkspur.yaml");
    let o = run_in(
        dir.path(),
        &[
            "convert",
            larkspur.join("response.xlsx").to_str().unwrap(),
            "-o",
            yaml.to_str().unwrap(),
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let mut book = Workbook::new();
    book.add_worksheet().set_name("Supplier").unwrap();
    book.add_worksheet().set_name("Answers").unwrap();
    book.add_worksheet().set_name("Evidense").unwrap();
    book.save(larkspur.join("response.xlsx")).unwrap();
    let out = stdout(&run_in(dir.path(), &["check", "."]));
    assert!(
        out.contains("no sheet named `Evidence` (did you mean `Evidense`?)")
            && out.contains("this one has `Supplier`, `Answers`, `Evidense`"),
        "{out}"
    );
}

#[test]
fn a_rules_1_result_saved_by_0_1_still_verifies() {
    // Written by tenderscore 0.1.0 (before price_sha256, response_file, file_sha256, final
    // and pending), kept as it was saved.
    let saved = fixtures().join("results/care-triage-rules1-0.1.0.json");
    let o = run_in(
        Path::new(env!("CARGO_MANIFEST_DIR")),
        &[
            "verify",
            saved.to_str().unwrap(),
            "--tender",
            fixtures().join("care-triage-rules1").to_str().unwrap(),
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    assert!(
        stderr(&o).contains("written by tenderscore 0.1.0"),
        "{}",
        stderr(&o)
    );
}
