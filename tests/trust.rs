//! The trust boundary: every supplier, mark and figure lands where it belongs, files that are
//! not what they seem are refused, and supplier text never reaches a terminal or a
//! spreadsheet raw. Each test reproduces a defect found by trying the tool as an attacker
//! and as a new user would.

mod common;
use common::*;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// Runs the binary in `dir`, killing it after `secs`: a run that blocks fails the test
/// instead of hanging the suite.
fn run_bounded(dir: &Path, args: &[&str], secs: u64) -> Output {
    let mut child = Command::new(BIN)
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            return child.wait_with_output().unwrap();
        }
        if start.elapsed() > Duration::from_secs(secs) {
            let _ = child.kill();
            let out = child.wait_with_output().unwrap();
            panic!(
                "{args:?} did not finish within {secs} s (blocked?); stderr: {}",
                stderr(&out)
            );
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn mkfifo(p: &Path) {
    let ok = Command::new("mkfifo").arg(p).status().unwrap().success();
    assert!(ok, "mkfifo {}", p.display());
}

const GOOD: &str = "supplier: Good Ltd\nanswers:\n  T-1:\n    answer: 3\n";

// ---------------------------------------------------------------- wrong figures, lost bids

#[test]
fn a_blank_answer_is_unanswered_not_an_error() {
    let t = Tender::new(&toml(
        "medium",
        "[scoring]\nmin_total = 0\nmin_rubric = 0\n",
    ));
    t.response(
        "a",
        "supplier: A\nanswers:\n  T-1:\n    answer:\n    comment: later\n    evidence:\n  T-3:\n  T-4:\n    answer: \"\"\n    evidence: []\n  T-5:\n    answer: |\n      \n",
    );
    let json = t.json();
    let s = supplier(&json, "A");
    assert_ne!(s["status"], "error", "{s}");
    for id in ["T-1", "T-3", "T-4", "T-5"] {
        assert!(question(s, id)["answer"].is_null(), "{id}: {s}");
    }
    assert_eq!(s["counts"]["unanswered"], 5, "{s}");
    assert_eq!(t.run(&["check", "."]).status.code(), Some(0));
}

#[test]
fn the_template_as_issued_loads_as_all_unanswered() {
    let t = Tender::medium();
    let o = t.run(&["template", "."]);
    assert_eq!(o.status.code(), Some(0));
    let filled = stdout(&o).replace("supplier: \"\"", "supplier: \"Blank Ltd\"");
    t.response("blank", &filled);
    t.response("good", GOOD);
    let json = t.json_with_code(0);
    let s = supplier(&json, "Blank Ltd");
    assert_ne!(s["status"], "error", "{s}");
    assert_eq!(s["counts"]["claims"], 0);
}

#[test]
fn marks_go_to_the_folder_never_to_a_display_name_that_copies_it() {
    let t = Tender::medium();
    t.response(
        "acme",
        "supplier: Acme Ltd\nanswers:\n  T-5:\n    answer: Method.\n",
    );
    // The rival calls itself by Acme's folder name to take Acme's marks.
    t.response(
        "rival",
        "supplier: acme\nanswers:\n  T-5:\n    answer: Copy.\n",
    );
    t.marks("evaluator,supplier,question,mark,reason\nmoderated,acme,T-5,5,Excellent\n");
    let json = t.json_with_code(0);
    assert_eq!(
        question(by_folder(&json, "acme"), "T-5")["source"],
        "moderated"
    );
    assert_eq!(
        question(by_folder(&json, "rival"), "T-5")["source"],
        "awaiting_marks"
    );
}

#[test]
fn a_display_name_given_by_two_folders_is_ambiguous_in_marks() {
    let t = Tender::medium();
    t.response("a", "supplier: Same\nanswers: {}\n");
    t.response("b", "supplier: Same\nanswers: {}\n");
    t.marks("evaluator,supplier,question,mark,reason\nE1,Same,T-5,3,x\n");
    let o = t.run(&["check", "."]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o).contains("marks.csv:2: supplier `Same` is ambiguous"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn two_responses_with_one_name_are_both_scored_and_both_flagged() {
    let t = Tender::new(&toml(
        "medium",
        "[scoring]\nmin_total = 0\nmin_rubric = 0\n",
    ));
    let gate =
        "  T-2:\n    answer: yes\n    evidence:\n      - {file: c.txt, kind: contract_clause}\n";
    for (folder, level) in [("genuine", 2), ("aaa-squatter", 4)] {
        t.response(
            folder,
            &format!("supplier: Acme\nanswers:\n  T-1:\n    answer: {level}\n{gate}"),
        );
        t.file(&format!("submissions/{folder}/c.txt"), "clause");
    }
    let json = t.json();
    for folder in ["genuine", "aaa-squatter"] {
        let s = by_folder(&json, folder);
        assert_eq!(s["status"], "incomplete", "{s}");
        assert_eq!(s["flags"][0]["kind"], "duplicate_name", "{s}");
        assert_eq!(s["flags"][0]["severity"], "critical", "{s}");
        assert!(s["rank"].is_u64(), "{s}");
    }
}

#[test]
fn absurd_or_non_finite_weights_are_rejected_when_loading() {
    for (weight, shown) in [("1.7e308", "1.7e308"), ("inf", "inf"), ("nan", "NaN")] {
        let t =
            Tender::new(&toml("medium", "").replace("weight = 1", &format!("weight = {weight}")));
        t.response("a", GOOD);
        let o = t.run(&["check", "."]);
        assert_eq!(o.status.code(), Some(1), "{weight}");
        let out = stdout(&o);
        assert!(
            out.contains("tender.toml:10:10: t@1.0.0: weight must be a number from 0 to 1000000"),
            "{out}"
        );
        assert!(out.contains(shown), "{out}");
        assert_eq!(t.run(&["score", "."]).status.code(), Some(2));
    }
}

#[test]
fn tender_errors_name_the_line_of_the_value_not_the_first_line_with_its_key() {
    let t = Tender::new(&toml(
        "medium",
        "\n[[rubrics]]\nuse = \"u@1.0.0\"\nweight = -3\n",
    ));
    t.file(
        "rubrics/u/1.0.0.yaml",
        "id: u\nversion: 1.0.0\ntitle: U\nsections:\n  - id: a\n    title: A\n    questions:\n      - {id: U-1, text: a, kind: yes_no}\n",
    );
    let out = stdout(&t.run(&["check", "."]));
    assert!(
        out.contains("tender.toml:14:10: u@1.0.0: weight must be"),
        "{out}"
    );
}

// ---------------------------------------------------------------- files that are not what they seem

#[test]
fn a_fifo_response_or_marks_file_never_blocks() {
    let t = Tender::medium();
    t.response("good", GOOD);
    std::fs::create_dir_all(t.path().join("submissions/piped")).unwrap();
    mkfifo(&t.path().join("submissions/piped/response.yaml"));
    let o = run_bounded(t.path(), &["score", ".", "--format", "json"], 20);
    assert_eq!(o.status.code(), Some(2));
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let s = by_folder(&json, "piped");
    assert_eq!(s["status"], "error");
    assert!(s["reasons"][0].as_str().unwrap().contains("FIFO"), "{s}");
    assert_eq!(by_folder(&json, "good")["status"], "fail");

    mkfifo(&t.path().join("marks.csv"));
    let o = run_bounded(t.path(), &["check", "."], 20);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o).contains("marks.csv: is a FIFO"),
        "{}",
        stdout(&o)
    );
}

#[cfg(unix)]
#[test]
fn symbolic_links_never_read_outside_files_or_clone_a_bid() {
    use std::os::unix::fs::symlink;
    let t = Tender::medium();
    t.response("genuine", GOOD);
    std::fs::create_dir_all(t.path().join("submissions/leak")).unwrap();
    symlink(
        "/etc/passwd",
        t.path().join("submissions/leak/response.yaml"),
    )
    .unwrap();
    std::fs::create_dir_all(t.path().join("submissions/copy")).unwrap();
    symlink(
        t.path().join("submissions/genuine/response.yaml"),
        t.path().join("submissions/copy/response.yaml"),
    )
    .unwrap();
    symlink(
        t.path().join("submissions/genuine"),
        t.path().join("submissions/a-clone"),
    )
    .unwrap();
    let json = t.json_with_code(2);
    for folder in ["leak", "copy", "a-clone"] {
        let s = by_folder(&json, folder);
        assert_eq!(s["status"], "error", "{s}");
        assert!(s["response_sha256"].is_null(), "{s}");
        assert!(
            s["reasons"][0].as_str().unwrap().contains("symbolic link"),
            "{s}"
        );
    }
    assert_eq!(by_folder(&json, "genuine")["supplier"], "Good Ltd");
    assert_ne!(by_folder(&json, "genuine")["status"], "error");
}

#[cfg(target_os = "linux")]
#[test]
fn a_folder_name_that_is_not_utf8_is_reported_not_skipped() {
    use std::os::unix::ffi::OsStrExt;
    let t = Tender::medium();
    t.response("good", GOOD);
    let name = std::ffi::OsStr::from_bytes(b"caf\xe9");
    std::fs::create_dir_all(t.path().join("submissions").join(name)).unwrap();
    let o = t.run(&["check", "."]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("not valid UTF-8"), "{}", stdout(&o));
    assert!(stderr(&o).contains("1 problem"), "{}", stderr(&o));
}

#[cfg(unix)]
#[test]
fn output_to_a_device_writes_into_it_and_never_replaces_it() {
    use std::os::unix::fs::FileTypeExt;
    let t = Tender::medium();
    t.response("a", GOOD);
    let o = t.run(&["score", ".", "-o", "/dev/null"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let meta = std::fs::metadata("/dev/null").unwrap();
    assert!(meta.file_type().is_char_device(), "/dev/null was replaced");
    if Path::new("/dev/full").exists() {
        let o = t.run(&["score", ".", "-o", "/dev/full"]);
        assert_eq!(o.status.code(), Some(2));
        assert!(std::fs::metadata("/dev/full")
            .unwrap()
            .file_type()
            .is_char_device());
    }
    std::fs::create_dir_all(t.path().join("out")).unwrap();
    let o = t.run(&["score", ".", "-o", "out"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("is a folder"), "{}", stderr(&o));
}

#[test]
fn output_never_overwrites_a_file_the_run_reads() {
    let t = Tender::medium();
    t.response("a", GOOD);
    t.file("submissions/a/evidence/p.txt", "policy");
    t.marks("evaluator,supplier,question,mark,reason\n");
    for input in [
        "tender.toml",
        "submissions/a/response.yaml",
        "marks.csv",
        "rubrics/t/1.0.0.yaml",
    ] {
        let before = std::fs::read(t.path().join(input)).unwrap();
        let o = t.run(&["score", ".", "-o", input]);
        assert_eq!(o.status.code(), Some(2), "{input}");
        assert!(
            stderr(&o).contains("files this run reads"),
            "{}",
            stderr(&o)
        );
        assert_eq!(
            std::fs::read(t.path().join(input)).unwrap(),
            before,
            "{input}"
        );
    }
    let archive = t.path().parent().unwrap();
    let _ = archive; // rescore: the same rule over every tender under the archive
    let o = run_in(
        t.path(),
        &["rescore", ".", "-o", "submissions/a/response.yaml"],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("files this run reads"),
        "{}",
        stderr(&o)
    );
    assert_eq!(
        std::fs::read_to_string(t.path().join("submissions/a/response.yaml")).unwrap(),
        GOOD
    );
}

#[test]
fn a_stale_temporary_file_from_a_killed_run_is_cleaned_up() {
    let t = Tender::medium();
    t.response("a", GOOD);
    // The name a killed run leaves behind (a PID that cannot be running).
    t.file(".r.json.tmp-4194304-0", "half a result");
    let o = t.run(&["score", ".", "-o", "r.json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(!t.path().join(".r.json.tmp-4194304-0").exists());
    let leftovers: Vec<_> = std::fs::read_dir(t.path())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().contains(".tmp-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[cfg(unix)]
#[test]
fn an_interrupted_rescore_leaves_no_temporary_file() {
    let archive = tempfile::tempdir().unwrap();
    let rubric = std::fs::read_to_string(fixtures().join("rubrics/t/1.0.0.yaml")).unwrap();
    for i in 0..300 {
        let d = archive.path().join(format!("t{i:03}"));
        std::fs::create_dir_all(d.join("rubrics/t")).unwrap();
        std::fs::create_dir_all(d.join("submissions/a")).unwrap();
        std::fs::write(d.join("tender.toml"), toml("medium", "")).unwrap();
        std::fs::write(d.join("rubrics/t/1.0.0.yaml"), &rubric).unwrap();
        std::fs::write(d.join("submissions/a/response.yaml"), GOOD).unwrap();
    }
    let out_dir = tempfile::tempdir().unwrap();
    let dest = out_dir.path().join("all.csv");
    let mut child = Command::new(BIN)
        .args(["rescore", ".", "--jobs", "1", "-o"])
        .arg(&dest)
        .current_dir(archive.path())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let tmp_exists = || {
        std::fs::read_dir(out_dir.path())
            .unwrap()
            .flatten()
            .any(|e| e.file_name().to_string_lossy().starts_with(".all.csv.tmp-"))
    };
    let start = Instant::now();
    while !tmp_exists() {
        assert!(
            child.try_wait().unwrap().is_none(),
            "rescore finished before its temporary file was seen"
        );
        assert!(start.elapsed() < Duration::from_secs(20));
        std::thread::sleep(Duration::from_millis(1));
    }
    let ok = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap()
        .success();
    assert!(ok);
    let status = child.wait().unwrap();
    assert!(!status.success());
    assert!(!tmp_exists(), "the temporary file was left behind");
    assert!(!dest.exists());
}

// ---------------------------------------------------------------- text that reaches a terminal

#[test]
fn verify_rubrics_and_template_neutralise_control_characters_and_newlines() {
    let t = Tender::medium();
    let evil = "ev\u{1b}]8;;x\u{7}il\rverified: all";
    t.response(evil, GOOD);
    t.response("good", GOOD.replace("Good Ltd", "Other Ltd").as_str());
    let o = t.run(&["score", ".", "--format", "json", "-o", "r.json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    std::fs::remove_dir_all(t.path().join("submissions").join(evil)).unwrap();
    let o = t.run(&["verify", "r.json"]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(out.contains("is gone"), "{out}");
    assert!(
        !out.contains('\u{1b}') && !out.contains('\r') && !out.contains('\u{7}'),
        "{out:?}"
    );

    // A rubric title with a newline and an escape.
    t.file(
        "rubrics/t/1.0.0.yaml",
        &std::fs::read_to_string(fixtures().join("rubrics/t/1.0.0.yaml"))
            .unwrap()
            .replace(
                "title: Test rubric",
                "title: \"Test\\e[31m\\nsupplier: Injected\"",
            ),
    );
    for args in [
        &["rubrics", "--rubrics", "rubrics", "list"][..],
        &["rubrics", "--rubrics", "rubrics", "show", "t@1.0.0"][..],
        &["template", "."][..],
    ] {
        let o = t.run(args);
        assert_eq!(o.status.code(), Some(0), "{args:?}: {}", stderr(&o));
        let out = stdout(&o);
        assert!(!out.contains('\u{1b}'), "{args:?}: {out:?}");
        assert!(
            !out.lines()
                .any(|l| l.trim_start().starts_with("supplier: Injected")),
            "{args:?}: {out}"
        );
    }
}

#[test]
fn a_folder_name_with_a_newline_cannot_forge_a_line_on_stderr() {
    let t = Tender::medium();
    t.response("good", GOOD);
    t.response("x\nverified: every figure matches", "supplier: [broken\n");
    let o = t.run(&["score", "."]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(!err.lines().any(|l| l.starts_with("verified:")), "{err}");
}

#[test]
fn formula_prefixes_after_spaces_or_in_full_width_are_neutralised_in_csv() {
    let t = Tender::medium();
    t.response(" =1+1", "supplier: A\nanswers: {}\n");
    t.response("b", "supplier: \"\u{ff1d}HYPERLINK(1)\"\nanswers: {}\n");
    let o = t.run(&["score", ".", "--format", "csv"]);
    let out = stdout(&o);
    assert!(out.contains(",' =1+1,"), "{out}");
    assert!(out.contains("'\u{ff1d}HYPERLINK(1)"), "{out}");
}

// ---------------------------------------------------------------- messages a user relies on

#[test]
fn quiet_never_hides_the_reason_for_exit_2() {
    let t = Tender::medium();
    t.response("good", GOOD);
    t.response("broken", "supplier: [\n");
    let o = t.run(&["-q", "score", ".", "-o", "r.json"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("broken"), "{}", stderr(&o));
}

#[test]
fn the_output_format_follows_the_file_extension() {
    let t = Tender::medium();
    t.response("a", GOOD);
    for (file, check) in [
        ("r.json", "\"schema_version\""),
        ("r.csv", "rank,supplier"),
        ("r.md", "| Rank |"),
    ] {
        let o = t.run(&["score", ".", "-o", file]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let text = std::fs::read_to_string(t.path().join(file)).unwrap();
        assert!(text.contains(check), "{file}: {text}");
    }
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(t.path().join("r.json")).unwrap()).unwrap();
    assert_eq!(json["suppliers"][0]["folder"], "a");
}

#[test]
fn verify_of_a_result_saved_for_one_supplier_verifies() {
    let t = Tender::medium();
    t.response("a", GOOD);
    t.response("b", GOOD.replace("Good Ltd", "Other Ltd").as_str());
    let o = t.run(&[
        "score",
        ".",
        "--supplier",
        "a",
        "--format",
        "json",
        "-o",
        "r.json",
    ]);
    assert_eq!(o.status.code(), Some(0));
    let o = t.run(&["verify", "r.json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    // A new bid outside the selection is not reported; a change inside it is.
    t.response("c", GOOD.replace("Good Ltd", "Third Ltd").as_str());
    assert_eq!(t.run(&["verify", "r.json"]).status.code(), Some(0));
    t.response("a", &GOOD.replace("answer: 3", "answer: 4"));
    assert_eq!(t.run(&["verify", "r.json"]).status.code(), Some(1));
}

#[test]
fn verify_says_plainly_when_a_bid_has_gone_even_if_its_marks_remain() {
    let t = Tender::medium();
    t.response("a", GOOD);
    t.response("b", "supplier: Bee\nanswers:\n  T-5:\n    answer: Text.\n");
    t.marks("evaluator,supplier,question,mark,reason\nE1,b,T-5,3,ok\n");
    assert_eq!(
        t.run(&["score", ".", "--format", "json", "-o", "r.json"])
            .status
            .code(),
        Some(0)
    );
    std::fs::remove_dir_all(t.path().join("submissions/b")).unwrap();
    let o = t.run(&["verify", "r.json"]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(
        out.contains(
            "submissions/b is gone: the bid of supplier Bee (b) is no longer in the tender"
        ),
        "{out}"
    );
}

#[test]
fn verify_finds_the_one_change_among_thousands_of_suppliers() {
    // 3,000 suppliers × 20 questions, one total changed: exactly that difference is found. The
    // size is a guard, not a measure (tests assert no timings): the old comparison cloned every
    // list inside its loops and took minutes here; indexed once it takes a fraction of a
    // second. Its speed is measured in docs/performance.md, not asserted.
    let questions: Vec<serde_json::Value> = (0..20)
        .map(|q| serde_json::json!({"id": format!("Q-{q}"), "score": 0.5, "raw": 0.5}))
        .collect();
    let suppliers: Vec<serde_json::Value> = (0..3000)
        .map(|i| {
            serde_json::json!({"folder": format!("s{i}"), "supplier": format!("S{i}"),
                "total": 50.0, "questions": questions,
                "evidence_files": [{"file": "e.txt", "sha256": "0"}]})
        })
        .collect();
    let saved =
        serde_json::json!({"tender": {"sha256": "x"}, "rubrics": [], "suppliers": suppliers});
    let mut fresh = saved.clone();
    fresh["suppliers"][2999]["total"] = serde_json::json!(51.0);
    let diffs = tenderscore::review::verify::compare(&saved, &fresh, "submissions");
    assert_eq!(diffs.len(), 1, "{diffs:?}");
    assert!(
        diffs[0]
            .text
            .contains("(s2999) total: was 50.0, is now 51.0"),
        "{diffs:?}"
    );
}

#[test]
fn parser_messages_say_where_what_and_how_to_fix_it() {
    let cases: [(&str, &str); 5] = [
        (
            "supplier: A\nanswers:\n  T-1:\n\tanswer: 3\n",
            "response.yaml:4:1: a tab is used for indentation; YAML indents with spaces only",
        ),
        (
            "supplier: A\nanswers:\n  T-1:\n    answer: 3\n   comment: x\n",
            "check the indentation of this line",
        ),
        (
            "supplier: A\nanswers:\n  T-4:\n    answer: \"12\"\n",
            "T-4 expects a number (hours), found `12`: it is written as text in quotes; write the number without quotes (`answer: 12`)",
        ),
        (
            "supplier: A\nanswers:\n  T-1:\n    answer: 1\n    evidence:\n      - {file: x, kind: policy, issued: 2026-02-30}\n",
            "issued: `2026-02-30` is not a date: that month has 28 days",
        ),
        (
            "supplier: A\nanswers:\n  T-1:\n    answer: 1\n    evidence:\n      - {file: x, kind: Policy}\n",
            "(did you mean `policy`?)",
        ),
    ];
    for (yaml, needle) in cases {
        let t = Tender::medium();
        t.response("a", yaml);
        let out = stdout(&t.run(&["check", "."]));
        assert!(out.contains(needle), "{out} lacks {needle}");
    }
    let t = Tender::medium();
    t.response("acme", "supplier: Acme\nanswers: {}\n");
    t.marks("Evaluator,Supplier,Question,Mark,Reason\nE1,acmee,T-5,3,x\n");
    let out = stdout(&t.run(&["check", "."]));
    assert!(
        out.contains("unknown supplier `acmee` (did you mean `acme`?)"),
        "{out}"
    );
}

#[test]
fn empty_runs_say_so_and_exit_2() {
    let t = Tender::medium();
    let o = t.run(&["score", "."]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("no submissions to score"),
        "{}",
        stderr(&o)
    );
    let empty = tempfile::tempdir().unwrap();
    let o = run_in(empty.path(), &["rescore", "."]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no tender found"), "{}", stderr(&o));
}

#[test]
fn init_escapes_toml_and_a_refusal_leaves_nothing_behind() {
    let d = tempfile::tempdir().unwrap();
    let o = run_in(
        d.path(),
        &["init", "t", "--id", "A\u{1}B\"C", "--as-of", "2026-10-01"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = run_in(d.path(), &["check", "t"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    // tender.toml exists only as a dangling link: init must refuse and create nothing.
    #[cfg(unix)]
    {
        std::fs::create_dir_all(d.path().join("u")).unwrap();
        std::os::unix::fs::symlink("nowhere", d.path().join("u/tender.toml")).unwrap();
        let o = run_in(d.path(), &["init", "u", "--as-of", "2026-10-01"]);
        assert_eq!(o.status.code(), Some(2));
        assert!(!d.path().join("u/submissions").exists());
    }
}

#[test]
fn evidence_paths_resolve_the_same_everywhere_and_suggest_the_near_match() {
    let t = Tender::medium();
    t.file("submissions/a/evidence/AI-Policy.txt", "policy");
    t.response(
        "a",
        "supplier: A\nanswers:\n  T-1:\n    answer: 3\n    evidence:\n      - {file: evidence\\AI-Policy.txt, kind: policy, issued: 2026-09-01}\n  T-3:\n    answer: full\n    evidence:\n      - {file: evidence/ai-policy.txt, kind: policy}\n",
    );
    let json = t.json_with_code(0);
    let s = supplier(&json, "A");
    let r1 = question(s, "T-1")["evidence_reasons"][0]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        r1.contains("file not found (did you mean `evidence/AI-Policy.txt`?"),
        "{r1}"
    );
    let r3 = question(s, "T-3")["evidence_reasons"][0]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        r3.contains("did you mean `evidence/AI-Policy.txt`?"),
        "{r3}"
    );
}

#[test]
fn supplier_selection_takes_the_folder_first_and_refuses_an_ambiguous_name() {
    let t = Tender::medium();
    t.response("acme", "supplier: Acme Ltd\nanswers: {}\n");
    t.response("zed", "supplier: acme\nanswers: {}\n");
    t.response("p", "supplier: Twin\nanswers: {}\n");
    t.response("q", "supplier: Twin\nanswers: {}\n");
    let o = t.run(&["score", ".", "--supplier", "acme", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let folders: Vec<&str> = json["suppliers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["folder"].as_str().unwrap())
        .collect();
    assert_eq!(folders, ["acme"]);
    let o = t.run(&["score", ".", "--supplier", "Twin"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("`Twin` is ambiguous"), "{}", stderr(&o));
    // In the table the two rows can be told apart.
    let out = stdout(&t.run(&["score", ".", "--format", "markdown"]));
    assert!(
        out.contains("Twin \\[p\\]") && out.contains("Twin \\[q\\]"),
        "{out}"
    );
}
