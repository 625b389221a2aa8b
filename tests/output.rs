//! docs/formats.md §4.1-4.3: streams, untrusted text, atomic output, byte-identical results, exit codes.

mod common;
use common::*;

fn two_suppliers() -> Tender {
    let t = Tender::new(&toml(
        "medium",
        "[scoring]\nmin_total = 0\nmin_rubric = 0\n",
    ));
    t.response(
        "acme",
        "supplier: Acme AI Ltd\nsubmitted: 2026-09-28\nanswers:\n  T-1:\n    answer: 3\n    comment: Our policy.\n    evidence:\n      - {file: evidence/p.txt, kind: policy, issued: 2026-03-01}\n  T-2:\n    answer: yes\n    evidence:\n      - {file: evidence/c.txt, kind: contract_clause, verified_by: Assure Ltd}\n  T-5:\n    answer: Method.\n",
    );
    t.file("submissions/acme/evidence/p.txt", "policy\n")
        .file("submissions/acme/evidence/c.txt", "clause\n");
    t.response("beta", "supplier: Beta\nanswers:\n  T-1:\n    answer: 1\n  T-2:\n    answer: yes\n    evidence:\n      - {file: c.txt, kind: contract_clause}\n");
    t.file("submissions/beta/c.txt", "clause\n");
    t.marks("evaluator,supplier,question,mark,reason\nE1,Acme AI Ltd,T-5,4,ok\nE2,Acme AI Ltd,T-5,4,ok\n");
    t
}

#[test]
fn broken_response_scores_the_others_shows_error_and_exits_2() {
    let t = two_suppliers();
    t.response(
        "broken",
        "supplier: Broken Ltd\nanswers:\n  T-1:\n    answer: 3\n  T-1:\n    answer: 4\n",
    );
    let o = t.run(&["score", "."]);
    assert_eq!(o.status.code(), Some(2));
    let out = stdout(&o);
    assert!(out.contains("Acme AI Ltd") && out.contains("Beta"), "{out}");
    assert!(out.contains("error"), "{out}");
    assert!(
        out.contains("submissions/broken/response.yaml:5:3"),
        "{out}"
    );
    assert!(out.contains("duplicate key"), "{out}");
    assert!(stderr(&o).contains("could not be read"));
}

#[test]
fn fixture_tender_with_a_broken_response_under_tests() {
    let dir = fixtures().join("tenders/broken-response");
    let o = run_in(&dir, &["score", "."]);
    assert_eq!(o.status.code(), Some(2));
    let out = stdout(&o);
    assert!(
        out.contains("Acme AI Ltd") && out.contains("Beta Systems"),
        "{out}"
    );
    assert!(
        out.contains("./submissions/broken/response.yaml:5:3: duplicate key"),
        "{out}"
    );
    let j: serde_json::Value =
        serde_json::from_slice(&run_in(&dir, &["score", ".", "--format", "json"]).stdout).unwrap();
    let statuses: Vec<&str> = j["suppliers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["status"].as_str().unwrap())
        .collect();
    assert_eq!(statuses, ["pass", "pass", "error"]);
}

#[test]
fn json_and_csv_are_byte_identical_across_runs() {
    let t = two_suppliers();
    for format in ["json", "csv", "markdown", "table"] {
        let a = t.run(&["score", ".", "--format", format]);
        let b = t.run(&["score", ".", "--format", format]);
        assert_eq!(a.status.code(), Some(0), "{}", stderr(&a));
        assert_eq!(a.stdout, b.stdout, "{format}");
        let a = t.run(&["score", ".", "--format", format, "--detail"]);
        let b = t.run(&["score", ".", "--format", format, "--detail"]);
        assert_eq!(a.stdout, b.stdout, "{format} --detail");
    }
}

#[test]
fn json_carries_every_hash_and_the_contract_keys() {
    let t = two_suppliers();
    let j = t.json();
    assert_eq!(j["schema_version"], 1);
    assert_eq!(j["tool"]["name"], "tenderscore");
    assert_eq!(j["tender"]["as_of"], "2026-10-01");
    let hex = |v: &serde_json::Value| v.as_str().is_some_and(|s| s.len() == 64);
    assert!(hex(&j["tender"]["sha256"]));
    assert!(hex(&j["rubrics"][0]["sha256"]));
    assert!(hex(&j["marks"]["sha256"]));
    let s = supplier(&j, "Acme AI Ltd");
    assert!(hex(&s["response_sha256"]));
    assert_eq!(s["evidence_files"].as_array().unwrap().len(), 2);
    assert!(s["evidence_files"]
        .as_array()
        .unwrap()
        .iter()
        .all(|f| hex(&f["sha256"])));
    for key in [
        "supplier",
        "folder",
        "status",
        "reasons",
        "rank",
        "total",
        "rubrics",
        "sections",
        "counts",
        "questions",
    ] {
        assert!(s.get(key).is_some(), "{key}");
    }
    let q = question(s, "T-1");
    for key in [
        "id",
        "rubric",
        "section",
        "answer",
        "raw",
        "evidence",
        "evidence_reasons",
        "credit",
        "score",
        "weight",
        "source",
        "flags",
    ] {
        assert!(q.get(key).is_some(), "{key}");
    }
    assert_eq!(question(s, "T-2")["evidence"], "verified");
    let t = Tender::medium();
    t.response("a", "supplier: A\nanswers: {}\n");
    assert_eq!(t.json_with_code(0)["marks"], serde_json::Value::Null);
}

const NASTY: &str = "=HYPERLINK(\"http://evil\",\"x\")\u{1b}[31mRED\u{7}";

#[test]
fn supplier_text_is_neutralised_in_csv_table_and_markdown() {
    let t = Tender::new(&toml(
        "medium",
        "[scoring]\nmin_total = 0\nmin_rubric = 0\n",
    ));
    let name = NASTY
        .replace('"', "\\\"")
        .replace('\u{1b}', "\\e")
        .replace('\u{7}', "\\a");
    t.response("a", &format!("supplier: \"{name}\"\nanswers:\n  T-5:\n    answer: \"+cmd|' /C calc'!A0\"\n    comment: \"\\e]0;pwned\\a\"\n"));
    t.response("b", "supplier: \"@SUM(1+1)\"\nanswers: {}\n");
    t.response("c", "supplier: \"-2+3\"\nanswers: {}\n");
    for args in [
        vec!["score", "."],
        vec!["score", ".", "--detail"],
        vec!["score", ".", "--format", "markdown"],
        vec!["score", ".", "--format", "markdown", "--detail"],
        vec!["score", ".", "--format", "csv"],
        vec!["score", ".", "--format", "csv", "--detail"],
        vec!["score", ".", "--color", "always"],
    ] {
        let o = t.run(&args);
        let out = stdout(&o);
        assert!(!out.contains('\u{7}'), "{args:?}: BEL in {out}");
        assert!(!out.contains("\u{1b}]"), "{args:?}: OSC in {out}");
        assert!(!out.contains("\u{1b}[31mRED"), "{args:?}: escape in {out}");
        assert!(out.contains("'=HYPERLINK"), "{args:?}: {out}");
        assert!(out.contains("'@SUM"), "{args:?}: {out}");
        assert!(out.contains("'-2+3"), "{args:?}: {out}");
        if args.contains(&"--detail") {
            assert!(out.contains("'+cmd"), "{args:?}: {out}");
        }
    }
    // CSV: no cell starts with a formula character
    let o = t.run(&["score", ".", "--format", "csv", "--detail"]);
    let mut r = csv::Reader::from_reader(o.stdout.as_slice());
    for rec in r.records() {
        for cell in rec.unwrap().iter() {
            assert!(!tenderscore::sanitize::looks_like_formula(cell), "{cell}");
        }
    }
    // JSON keeps the text as it was (escaped by JSON itself)
    let j = t.json_with_code(0);
    assert!(j["suppliers"]
        .as_array()
        .unwrap()
        .iter()
        .any(|s| s["supplier"].as_str() == Some(NASTY)));
}

#[test]
fn output_file_is_written_atomically_and_never_half_written() {
    let t = two_suppliers();
    let dest = t.path().join("result.json");
    let o = t.run(&["score", ".", "--format", "json", "-o", "result.json"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(o.stdout.is_empty());
    let good = std::fs::read(&dest).unwrap();
    serde_json::from_slice::<serde_json::Value>(&good).unwrap();
    // an invalid tender fails before writing: the old file is untouched, no temp file is left
    t.file("tender.toml", "id = \"T-001\"\n");
    let o = t.run(&["score", ".", "--format", "json", "-o", "result.json"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(std::fs::read(&dest).unwrap(), good);
    // an unwritable destination is an error (exit 2), with nothing left behind
    let o = t.run(&["score", ".", "-o", "no/such/dir/out.json"]);
    assert_eq!(o.status.code(), Some(2));
    let leftovers: Vec<_> = std::fs::read_dir(t.path())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().contains(".tmp-"))
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn strict_exits_1_when_any_supplier_is_not_pass() {
    let t = two_suppliers();
    assert_eq!(t.run(&["score", ".", "--strict"]).status.code(), Some(0));
    t.response(
        "gamma",
        "supplier: Gamma\nanswers:\n  T-2:\n    answer: no\n",
    );
    assert_eq!(t.run(&["score", "."]).status.code(), Some(0));
    assert_eq!(t.run(&["score", ".", "--strict"]).status.code(), Some(1));
}

#[test]
fn supplier_filter_keeps_tender_ranks_and_rejects_unknown_names() {
    let t = two_suppliers();
    let j: serde_json::Value = serde_json::from_slice(
        &t.run(&["score", ".", "--format", "json", "--supplier", "Beta"])
            .stdout,
    )
    .unwrap();
    assert_eq!(j["suppliers"].as_array().unwrap().len(), 1);
    assert_eq!(j["suppliers"][0]["rank"], 2);
    let o = t.run(&["score", ".", "--supplier", "Bta"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("did you mean `Beta`?"));
}

#[test]
fn bad_arguments_exit_2_and_data_goes_to_stdout_only() {
    let t = two_suppliers();
    assert_eq!(
        t.run(&["score", ".", "--format", "xml"]).status.code(),
        Some(2)
    );
    assert_eq!(t.run(&["score", "missing-folder"]).status.code(), Some(2));
    let o = t.run(&["score", ".", "-q", "--format", "csv"]);
    assert!(stderr(&o).is_empty());
    assert!(stdout(&o).starts_with("rank,supplier,folder,status,total"));
}

#[test]
fn closed_pipe_ends_quietly_with_exit_0() {
    use std::io::Read;
    use std::process::{Command, Stdio};
    // Output larger than a pipe buffer, and a reader that stops after a few bytes.
    let t = Tender::new(&toml(
        "medium",
        "[scoring]\nmin_total = 0\nmin_rubric = 0\n",
    ));
    for i in 0..150 {
        t.response(
            &format!("s{i:03}"),
            &format!(
                "supplier: S{i}\nanswers:\n  T-1:\n    answer: 2\n    comment: {}\n",
                "x".repeat(50)
            ),
        );
    }
    let mut child = Command::new(BIN)
        .args(["score", ".", "--format", "json"])
        .current_dir(t.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut buf = [0u8; 16];
    stdout.read_exact(&mut buf).unwrap();
    drop(stdout);
    let out = child.wait_with_output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn schemas_are_generated_and_valid_json() {
    for which in ["rubric", "tender", "response", "result"] {
        let o = run_in(std::path::Path::new("."), &["schema", which]);
        assert_eq!(o.status.code(), Some(0));
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        assert!(v.get("$schema").is_some());
    }
}
