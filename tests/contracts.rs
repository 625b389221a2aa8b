//! Every document the tool writes, and every `--help`, pinned byte for byte on the bundled
//! example. A change to any of them shows as a snapshot diff to review (`cargo insta review`,
//! or `INSTA_UPDATE=always cargo test` to accept an intended one, then say why in
//! CHANGELOG.md). The example is scored under rules 1, so these snapshots are also the
//! auditors' promise: the same files give the same figures.

mod common;
use common::*;
use std::path::Path;
use std::process::Command;

/// Today's example as scored under rules 1, kept as it was when rules 2 arrived.
const EXAMPLE: &str = "tests/fixtures/care-triage-rules1";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Runs in the repository root with a fixed help width; panics unless the exit code is `code`.
fn out_with(code: i32, args: &[&str]) -> String {
    let o = Command::new(BIN)
        .args(args)
        .current_dir(root())
        .env_remove("NO_COLOR")
        .env("COLUMNS", "100")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(code), "{args:?}: {}", stderr(&o));
    redact_version(&stdout(&o))
}

/// The tool's version, and the report's stamp of the result's hash (which covers the version),
/// as placeholders: a release changes them and nothing else, so snapshots pin what the tool
/// computes, not which release computed it. (`panel.rs` checks the stamp against the JSON.)
fn redact_version(text: &str) -> String {
    let version = env!("CARGO_PKG_VERSION");
    let mut out = text
        .replace(
            &format!("\"version\":\"{version}\""),
            "\"version\":\"[version]\"",
        )
        .replace(
            &format!("\"version\": \"{version}\""),
            "\"version\": \"[version]\"",
        )
        .replace(&format!("tenderscore {version} "), "tenderscore [version] ");
    let stamp = "result SHA-256 <code>";
    if let Some(i) = out.find(stamp) {
        let at = i + stamp.len();
        if out.len() >= at + 64 && out[at..at + 64].bytes().all(|b| b.is_ascii_hexdigit()) {
            out.replace_range(at..at + 64, "[result sha-256]");
        }
    }
    out
}

#[test]
fn snapshots_redact_the_version_and_nothing_else() {
    let v = env!("CARGO_PKG_VERSION");
    let hash = "ab".repeat(32);
    assert_eq!(
        redact_version(&format!(
            "{{\"version\":\"{v}\"}} tenderscore {v} · result SHA-256 <code>{hash}</code> 0.0.1"
        )),
        "{\"version\":\"[version]\"} tenderscore [version] · result SHA-256 <code>[result sha-256]</code> 0.0.1"
    );
}

fn out(args: &[&str]) -> String {
    out_with(0, args)
}

#[test]
fn score_in_every_format() {
    for (name, format) in [
        ("score_csv", "csv"),
        ("score_json", "json"),
        ("score_markdown", "markdown"),
    ] {
        insta::assert_snapshot!(name, out(&["score", EXAMPLE, "--format", format]));
    }
    for (name, format) in [("detail_csv", "csv"), ("detail_markdown", "markdown")] {
        insta::assert_snapshot!(
            name,
            out(&["score", EXAMPLE, "--detail", "--format", format])
        );
    }
}

#[test]
fn clarify_and_summary_in_every_format() {
    insta::assert_snapshot!("clarify_csv", out(&["clarify", EXAMPLE, "--format", "csv"]));
    insta::assert_snapshot!(
        "clarify_json",
        out(&["clarify", EXAMPLE, "--format", "json"])
    );
    insta::assert_snapshot!(
        "summary_json",
        out(&[
            "summary",
            EXAMPLE,
            "--supplier",
            "Quillon AI Ltd",
            "--format",
            "json"
        ])
    );
}

/// `score` as a terminal shows it, at a given width: piped output honours `COLUMNS` too.
fn at_width(columns: &str, args: &[&str]) -> String {
    let o = Command::new(BIN)
        .args(args)
        .current_dir(root())
        .env("NO_COLOR", "1")
        .env("COLUMNS", columns)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{args:?}: {}", stderr(&o));
    stdout(&o)
}

#[test]
fn terminal_tables_fit_80_and_120_columns() {
    let example = "examples/care-triage";
    for (name, columns, args, limit) in [
        ("table_80", "80", vec!["score", example], 80),
        ("table_120", "120", vec!["score", example], 120),
        ("table_rules1_80", "80", vec!["score", EXAMPLE], 80),
        ("detail_100", "100", vec!["score", example, "--detail"], 100),
        ("sensitivity_80", "80", vec!["sensitivity", example], 80),
    ] {
        let text = at_width(columns, &args);
        let widest = text.lines().map(|l| l.chars().count()).max().unwrap();
        assert!(widest <= limit, "{name}: a line of {widest} columns");
        insta::assert_snapshot!(name, text);
    }
    // At 80 columns cells wrap between words, never inside a token.
    let narrow = at_width("80", &["score", example, "--detail"]);
    assert!(narrow.lines().all(|l| l.chars().count() <= 80));
    for token in ["internal_documented", "not_needed", "unconfirmed"] {
        assert!(narrow.contains(token), "{token} split: {narrow}");
    }
    // Every credit below 1 is explained under the detail table.
    let detail = at_width("100", &["score", example, "--detail"]);
    assert!(detail.contains("credit 0.75: evidence attached but not independently verified"));
    assert!(detail.contains("the claim is made without evidence"));
}

#[test]
fn panel_report() {
    insta::assert_snapshot!("report_html", out(&["report", EXAMPLE]));
}

#[test]
fn clarify_letter_and_panel_notes() {
    insta::assert_snapshot!("clarify_panel", out(&["clarify", EXAMPLE, "--panel"]));
    insta::assert_snapshot!(
        "clarify_letter_quillon",
        out(&["clarify", EXAMPLE, "--supplier", "quillon-ai"])
    );
}

#[test]
fn rescore_csv_and_jsonl() {
    insta::assert_snapshot!("rescore_csv", out(&["rescore", EXAMPLE, "--jobs", "1"]));
    insta::assert_snapshot!(
        "rescore_jsonl",
        out(&["rescore", EXAMPLE, "--jobs", "2", "--format", "jsonl"])
    );
}

#[test]
fn rubric_pages_and_the_template() {
    insta::assert_snapshot!("rubrics_list", out(&["rubrics", "list"]));
    insta::assert_snapshot!("rubrics_show_psed", out(&["rubrics", "show", "psed@1.0.0"]));
    insta::assert_snapshot!(
        "rubrics_diff",
        out(&[
            "rubrics",
            "diff",
            "t@1.0.0",
            "t@1.1.0",
            "--rubrics",
            "tests/fixtures/rubrics"
        ])
    );
    insta::assert_snapshot!("template_example", out(&["template", EXAMPLE]));
}

#[test]
fn check_and_verify_reports() {
    insta::assert_snapshot!(
        "check_broken",
        out_with(1, &["check", "tests/fixtures/tenders/broken-response"])
    );
    // A copy of the example with one response answer and one evidence file changed after
    // scoring: each input is named, then each figure that moved.
    let tmp = tempfile::tempdir().unwrap();
    let copy = tmp.path().join("care-triage");
    copy_tree(&root().join(EXAMPLE), &copy);
    let saved = copy.join("result.json");
    let o = run_in(
        &copy,
        &["score", ".", "--format", "json", "-o", "result.json"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let response = copy.join("submissions/cobalt-analytics/response.yaml");
    let text = std::fs::read_to_string(&response).unwrap();
    assert!(text.contains("    answer: 4\n"));
    std::fs::write(
        &response,
        text.replacen("    answer: 4\n", "    answer: 2\n", 1),
    )
    .unwrap();
    let evidence = copy.join("submissions/cobalt-analytics/evidence/iso27001-certificate.txt");
    std::fs::write(&evidence, "replaced after the evaluation\n").unwrap();
    let o = run_in(&copy, &["verify", saved.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    insta::assert_snapshot!("verify_report", stdout(&o));
}

/// Example commands in help fit an 80-column terminal, so none is broken across lines.
fn examples_fit_80(page: &str) -> String {
    if let Some((_, examples)) = page.split_once("Examples:") {
        for line in examples.lines() {
            assert!(
                line.chars().count() <= 80,
                "example wider than 80 columns: {line}"
            );
        }
    }
    page.to_string()
}

#[test]
fn every_help_page() {
    insta::assert_snapshot!("help", examples_fit_80(&out(&["--help"])));
    for c in [
        "score",
        "check",
        "clarify",
        "summary",
        "verify",
        "sensitivity",
        "report",
        "marksheet",
        "rescore",
        "renewals",
        "ledger",
        "publish",
        "records",
        "rubrics",
        "template",
        "init",
        "convert",
        "schema",
        "completions",
        "man",
    ] {
        insta::assert_snapshot!(format!("help_{c}"), examples_fit_80(&out(&[c, "--help"])));
    }
    insta::assert_snapshot!(
        "help_marks_import",
        examples_fit_80(&out(&["marks", "import", "--help"]))
    );
    for c in ["list", "show", "diff", "docs"] {
        insta::assert_snapshot!(
            format!("help_rubrics_{c}"),
            examples_fit_80(&out(&["rubrics", c, "--help"]))
        );
    }
}
