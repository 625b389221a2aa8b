//! Issue 5: `verify`, `rescore` and `rubrics diff`, the auditor's tools.

mod common;
use common::*;

fn scored_tender() -> Tender {
    let t = Tender::new(&toml(
        "medium",
        "[scoring]\nmin_total = 0\nmin_rubric = 0\n",
    ));
    t.response(
        "acme",
        "supplier: Acme\nanswers:\n  T-1:\n    answer: 3\n    evidence:\n      - {file: evidence/p.txt, kind: policy, issued: 2026-03-01}\n  T-2:\n    answer: yes\n    evidence:\n      - {file: evidence/c.txt, kind: contract_clause}\n  T-5:\n    answer: Method.\n",
    );
    t.file("submissions/acme/evidence/p.txt", "policy v1\n")
        .file("submissions/acme/evidence/c.txt", "clause\n");
    t.response("beta", "supplier: Beta\nanswers:\n  T-1:\n    answer: 1\n");
    t.marks("evaluator,supplier,question,mark,reason\nE1,Acme,T-5,4,ok\nE2,Acme,T-5,3,ok\n");
    let o = t.run(&["score", ".", "--format", "json", "-o", "result.json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    t
}

fn verify(t: &Tender) -> (Option<i32>, String) {
    let o = t.run(&["verify", "result.json"]);
    (o.status.code(), stdout(&o) + &stderr(&o))
}

#[test]
fn verify_passes_on_an_unchanged_tender() {
    let t = scored_tender();
    let (code, out) = verify(&t);
    assert_eq!(code, Some(0), "{out}");
    assert!(
        out.contains("every file hash and every figure of 2 supplier(s) match"),
        "{out}"
    );
    // --tender names the folder explicitly, from anywhere
    let o = run_in(
        std::path::Path::new("/"),
        &[
            "verify",
            t.path().join("result.json").to_str().unwrap(),
            "--tender",
            t.path().to_str().unwrap(),
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

#[test]
fn verify_names_a_changed_evidence_file() {
    let t = scored_tender();
    t.file("submissions/acme/evidence/p.txt", "policy v2\n");
    let (code, out) = verify(&t);
    assert_eq!(code, Some(1));
    assert!(
        out.contains("file: submissions/acme/evidence/p.txt changed: sha256 was"),
        "{out}"
    );
}

#[test]
fn verify_names_a_changed_response_and_its_figures() {
    let t = scored_tender();
    let r = std::fs::read_to_string(t.path().join("submissions/beta/response.yaml")).unwrap();
    t.file(
        "submissions/beta/response.yaml",
        &r.replace("answer: 1", "answer: 4"),
    );
    let (code, out) = verify(&t);
    assert_eq!(code, Some(1));
    assert!(
        out.contains("file: submissions/beta/response.yaml changed"),
        "{out}"
    );
    assert!(
        out.contains("figure: supplier Beta (beta), question T-1 raw: was 0.25, is now 1"),
        "{out}"
    );
}

#[test]
fn verify_names_changed_marks() {
    let t = scored_tender();
    t.marks("evaluator,supplier,question,mark,reason\nE1,Acme,T-5,5,ok\nE2,Acme,T-5,3,ok\n");
    let (code, out) = verify(&t);
    assert_eq!(code, Some(1));
    assert!(out.contains("file: marks.csv changed"), "{out}");
    assert!(
        out.contains("question T-5 raw: was 0.7, is now 0.8"),
        "{out}"
    );
}

#[test]
fn verify_names_an_edited_figure_in_the_json() {
    let t = scored_tender();
    let j = std::fs::read_to_string(t.path().join("result.json")).unwrap();
    let mut v: serde_json::Value = serde_json::from_str(&j).unwrap();
    let total = v["suppliers"][0]["total"].as_f64().unwrap();
    v["suppliers"][0]["total"] = serde_json::json!(total + 10.0);
    t.file("result.json", &serde_json::to_string_pretty(&v).unwrap());
    let (code, out) = verify(&t);
    assert_eq!(code, Some(1));
    assert!(
        out.contains("figure: supplier Acme (acme) total: was"),
        "{out}"
    );
}

#[test]
fn verify_accepts_a_result_without_keys_added_later_and_refuses_a_newer_schema() {
    let t = scored_tender();
    let mut v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(t.path().join("result.json")).unwrap())
            .unwrap();
    // an older result: fewer keys per question, another tool version
    v["tool"]["version"] = serde_json::json!("0.0.1");
    for s in v["suppliers"].as_array_mut().unwrap() {
        for q in s["questions"].as_array_mut().unwrap() {
            q.as_object_mut().unwrap().remove("gate");
            q.as_object_mut().unwrap().remove("marks");
        }
    }
    t.file("result.json", &serde_json::to_string(&v).unwrap());
    let (code, out) = verify(&t);
    assert_eq!(code, Some(0), "{out}");
    assert!(out.contains("written by tenderscore 0.0.1"), "{out}");
    v["schema_version"] = serde_json::json!(99);
    t.file("result.json", &serde_json::to_string(&v).unwrap());
    assert_eq!(verify(&t).0, Some(2));
    t.file("result.json", "not json");
    assert_eq!(verify(&t).0, Some(2));
}

/// An archive of tenders at different depths, one of them broken.
fn archive() -> tempfile::TempDir {
    let root = tempfile::tempdir().unwrap();
    for (i, rel) in [
        "2024/q1/alpha",
        "2024/q2/bravo",
        "2025/charlie",
        "2025/deep/er/delta",
        "2026/echo",
    ]
    .iter()
    .enumerate()
    {
        let t = Tender::new(
            &toml("medium", "[scoring]\nmin_total = 0\nmin_rubric = 0\n")
                .replace("T-001", &format!("T-{i}")),
        );
        for s in 0..3 {
            t.response(
                &format!("s{s}"),
                &format!(
                    "supplier: S{s}\nanswers:\n  T-1:\n    answer: {}\n  T-2:\n    answer: yes\n",
                    (i + s) % 5
                ),
            );
        }
        let dest = root.path().join(rel);
        std::fs::create_dir_all(dest.parent().unwrap()).unwrap();
        std::fs::rename(t.dir.keep(), &dest).unwrap();
    }
    std::fs::write(
        root.path().join("2025/charlie/tender.toml"),
        "id = \"broken\"\nrisk = \"extreme\"\n",
    )
    .unwrap();
    root
}

#[test]
fn rescore_scores_all_but_the_broken_tender_and_is_the_same_for_any_job_count() {
    let a = archive();
    let one = run_in(a.path(), &["rescore", ".", "--jobs", "1"]);
    let two = run_in(a.path(), &["rescore", ".", "--jobs", "2"]);
    assert_eq!(one.status.code(), Some(2));
    assert_eq!(two.status.code(), Some(2));
    assert_eq!(one.stdout, two.stdout);
    let out = stdout(&one);
    assert!(
        out.starts_with("path,tender,rank,supplier,folder,status,total,rubrics,"),
        "{out}"
    );
    // 4 good tenders × 3 suppliers + 1 row for the broken tender, in archive order
    let rows: Vec<&str> = out.lines().skip(1).collect();
    assert_eq!(rows.len(), 13, "{out}");
    assert!(rows[0].starts_with("2024/q1/alpha,T-0,,S"));
    assert!(rows[0].contains(",t="), "per-rubric figures: {out}");
    assert!(
        rows.iter().any(|r| r.starts_with("2025/charlie,,,,,error")),
        "{out}"
    );
    assert!(rows[12].starts_with("2026/echo,T-4,"));
    assert!(stderr(&one).contains("2025/charlie: cannot be scored"));
}

#[test]
fn rescore_jsonl_is_one_score_json_per_tender() {
    let a = archive();
    let o = run_in(
        a.path(),
        &[
            "rescore",
            ".",
            "--format",
            "jsonl",
            "--jobs",
            "2",
            "-o",
            "all.jsonl",
        ],
    );
    assert_eq!(o.status.code(), Some(2));
    let text = std::fs::read_to_string(a.path().join("all.jsonl")).unwrap();
    let lines: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 5);
    assert_eq!(lines[0]["path"], "2024/q1/alpha");
    assert_eq!(lines[0]["schema_version"], 1);
    assert_eq!(lines[0]["suppliers"].as_array().unwrap().len(), 3);
    assert!(lines[2]["error"].as_str().unwrap().contains("tender.toml"));
    // the same object `score --format json` prints, plus `path`
    let single = run_in(
        &a.path().join("2024/q1/alpha"),
        &["score", ".", "--format", "json"],
    );
    let mut expected: serde_json::Value = serde_json::from_slice(&single.stdout).unwrap();
    let mut got = lines[0].clone();
    got.as_object_mut().unwrap().remove("path");
    expected.as_object_mut().unwrap().remove("path");
    assert_eq!(got, expected);
}

#[test]
fn rubrics_diff_shows_what_changed_between_versions() {
    let fx = fixtures().join("rubrics");
    let o = run_in(
        std::path::Path::new("."),
        &[
            "rubrics",
            "diff",
            "t@1.0.0",
            "t@1.1.0",
            "--rubrics",
            fx.to_str().unwrap(),
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    for needle in [
        "~ T-1: reworded: \"How mature is your policy?\" → \"How mature and current is your policy?\"",
        "~ T-1: weight 2 → 3",
        "~ T-1: evidence kinds policy → policy, procedure",
        "~ T-1: evidence max age (days) 365 → 180",
        "~ T-3: option `part` score 1 → 2",
        "~ T-3: verification needed from risk medium → low",
        "~ T-6: applies from risk high → medium",
        "- T-5 removed",
        "+ T-7 added in section b (yes_no, weight 1)",
    ] {
        assert!(out.contains(needle), "{out} lacks {needle}");
    }
    let o = run_in(
        std::path::Path::new("."),
        &[
            "rubrics",
            "diff",
            "t@1.0.0",
            "t@1.0.0",
            "--rubrics",
            fx.to_str().unwrap(),
        ],
    );
    assert!(stdout(&o).contains("0 change(s)"));
}

#[test]
fn rubrics_diff_reports_a_change_of_kind_once_without_a_bogus_scale() {
    let d = tempfile::tempdir().unwrap();
    let head = "title: U\nsections:\n  - id: a\n    title: A\n    questions:\n";
    let v1 = format!("id: u\nversion: 1.0.0\n{head}      - {{id: U-1, text: a, kind: scale, levels: [no, some, all]}}\n");
    let v2 = format!("id: u\nversion: 1.1.0\n{head}      - id: U-1\n        text: a\n        kind: choice\n        options:\n          - {{value: all, label: All, score: 1}}\n");
    std::fs::create_dir_all(d.path().join("u")).unwrap();
    std::fs::write(d.path().join("u/1.0.0.yaml"), v1).unwrap();
    std::fs::write(d.path().join("u/1.1.0.yaml"), v2).unwrap();
    let o = run_in(
        d.path(),
        &["rubrics", "--rubrics", ".", "diff", "u@1.0.0", "u@1.1.0"],
    );
    let out = stdout(&o);
    assert!(out.contains("U-1: kind scale → choice"), "{out}");
    assert!(!out.contains("0-0"), "{out}");
}
