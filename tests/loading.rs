//! docs/formats.md §2: every rejection names the file, line and column and says what was expected.

mod common;
use common::*;

/// Runs `check` and returns (exit code, stdout).
fn check(t: &Tender) -> (Option<i32>, String) {
    let o = t.run(&["check", "."]);
    (o.status.code(), stdout(&o))
}

fn rubric_with(question: &str) -> String {
    format!("id: t\nversion: 1.0.0\ntitle: T\nsections:\n  - id: a\n    title: A\n    questions:\n{question}")
}

fn rejects_rubric(question: &str, needle: &str) {
    let t = Tender::medium();
    t.file("rubrics/t/1.0.0.yaml", &rubric_with(question));
    let (code, out) = check(&t);
    assert_eq!(code, Some(1), "{out}");
    assert!(out.contains("rubrics/t/1.0.0.yaml"), "{out}");
    assert!(out.contains(needle), "{out} lacks {needle}");
    let o = t.run(&["score", "."]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn rubric_2_1_rejects_duplicate_question_id() {
    rejects_rubric(
        "      - {id: T-1, text: a, kind: yes_no}\n      - {id: T-1, text: b, kind: yes_no}\n",
        "question T-1: id is duplicated",
    );
}

#[test]
fn rubric_2_1_rejects_negative_weight() {
    rejects_rubric(
        "      - {id: T-1, text: a, kind: yes_no, weight: -1}\n",
        "weight must be a number of 0 or more",
    );
}

#[test]
fn rubric_2_1_rejects_weight_that_is_not_a_number() {
    rejects_rubric(
        "      - {id: T-1, text: a, kind: yes_no, weight: heavy}\n",
        "rubrics/t/1.0.0.yaml:8:50: expected a number (for example 1 or 2.5, without quotes), found `heavy`",
    );
}

#[test]
fn rubric_2_1_rejects_choice_without_options() {
    rejects_rubric(
        "      - {id: T-1, text: a, kind: choice}\n",
        "a choice question needs options",
    );
}

#[test]
fn rubric_2_1_rejects_options_sharing_a_value() {
    rejects_rubric(
        "      - id: T-1\n        text: a\n        kind: choice\n        options:\n          - {value: x, label: X, score: 1}\n          - {value: x, label: Y, score: 2}\n",
        "two options share the value `x`",
    );
}

#[test]
fn rubric_2_1_rejects_scale_with_fewer_than_two_levels() {
    rejects_rubric(
        "      - {id: T-1, text: a, kind: scale, levels: [only]}\n",
        "at least 2 levels",
    );
}

#[test]
fn rubric_2_1_rejects_flag_naming_an_impossible_answer() {
    rejects_rubric(
        "      - id: T-1\n        text: a\n        kind: scale\n        levels: [a, b]\n        flags:\n          - {when: [5], severity: warning, message: m}\n",
        "cannot take",
    );
}

#[test]
fn rubric_2_1_rejects_unknown_kind() {
    rejects_rubric(
        "      - {id: T-1, text: a, kind: slider}\n",
        "`slider` is not one of the allowed values (`yes_no`",
    );
}

#[test]
fn rubric_2_1_rejects_unknown_field() {
    rejects_rubric(
        "      - {id: T-1, text: a, kind: yes_no, wieght: 2}\n",
        "unknown field `wieght`",
    );
}

#[test]
fn rubric_2_1_rejects_id_that_differs_from_folder() {
    let t = Tender::medium();
    t.file(
        "rubrics/t/1.0.0.yaml",
        &rubric_with("      - {id: T-1, text: a, kind: yes_no}\n")
            .replace("id: t\n", "id: other\n"),
    );
    let (_, out) = check(&t);
    assert!(out.contains("must equal the folder name `t`"), "{out}");
}

#[test]
fn built_in_rubrics_load_and_have_unique_ids_guidance_and_refs() {
    let reg = tenderscore::load::registry::Registry::new(&[]).unwrap();
    // Question ids are unique across the rubrics of one version (a tender uses them together).
    let mut seen = std::collections::BTreeSet::new();
    let mut count = 0;
    for f in reg.files() {
        let r = f.parse().unwrap_or_else(|p| panic!("{p}"));
        count += 1;
        for (_, q) in r.questions() {
            assert!(
                seen.insert((r.version.clone(), q.id.clone())),
                "{} is in two rubrics of version {}",
                q.id,
                r.version
            );
            assert!(!q.guidance.trim().is_empty(), "{} has no guidance", q.id);
            assert!(!q.refs.is_empty(), "{} has no refs", q.id);
        }
    }
    assert!(count >= 4);
    // every file under rubrics/ is a loadable <id>/<version>.yaml: none is skipped for its name
    assert_eq!(tenderscore::load::registry::BUILTIN.len(), count);
    // the hashes computed at build time are those of the files as they stand in rubrics/
    for (rel, text, sha) in tenderscore::load::registry::BUILTIN {
        let on_disk = std::fs::read(std::path::Path::new("rubrics").join(rel)).unwrap();
        assert_eq!(text.as_bytes(), on_disk, "{rel}");
        assert_eq!(
            *sha,
            {
                use sha2::Digest;
                format!("{:x}", sha2::Sha256::digest(&on_disk))
            },
            "{rel}"
        );
    }
}

fn rejects_response(yaml: &str, needle: &str) -> String {
    let t = Tender::medium();
    t.response("a", yaml);
    let (code, out) = check(&t);
    assert_eq!(code, Some(1), "{out}");
    assert!(out.contains("submissions/a/response.yaml:"), "{out}");
    assert!(out.contains(needle), "{out} lacks {needle}");
    out
}

#[test]
fn response_2_3_rejects_malformed_yaml_with_line_and_column() {
    let out = rejects_response(
        "supplier: A\nanswers:\n  T-1:\n    answer: [1, 2\n",
        "response.yaml:4:13",
    );
    assert!(out.contains("unclosed"), "{out}");
}

#[test]
fn response_2_3_rejects_a_question_answered_twice() {
    rejects_response(
        "supplier: A\nanswers:\n  T-1:\n    answer: 1\n  T-1:\n    answer: 4\n",
        "response.yaml:5:3: duplicate key",
    );
}

#[test]
fn response_2_3_rejects_unknown_field() {
    rejects_response(
        "supplier: A\nanswers:\n  T-1:\n    answer: 1\n    coment: hi\n",
        "unknown field `coment`",
    );
}

#[test]
fn response_2_3_rejects_unknown_question_and_suggests_the_nearest() {
    rejects_response(
        "supplier: A\nanswers:\n  T-11:\n    answer: 1\n",
        "response.yaml:3:3: `T-11` is not a question of this tender's rubrics (did you mean `T-1`?)",
    );
}

#[test]
fn response_2_3_rejects_wrong_type_saying_what_was_expected() {
    rejects_response(
        "supplier: A\nanswers:\n  T-1:\n    answer: yes\n",
        "response.yaml:4:13: T-1 expects a whole number from 0 to 4 (a scale level), found `yes`",
    );
    rejects_response(
        "supplier: A\nanswers:\n  T-3:\n    answer: most\n",
        "T-3 expects one of `full`, `part`, `none`",
    );
    rejects_response(
        "supplier: A\nanswers:\n  T-2:\n    answer: 3\n",
        "T-2 expects `yes` or `no`",
    );
    rejects_response(
        "supplier: A\nanswers:\n  T-4:\n    answer: soon\n",
        "T-4 expects a number (hours)",
    );
}

#[test]
fn response_2_3_rejects_another_tender_id_and_bad_dates() {
    rejects_response(
        "supplier: A\ntender: OTHER-1\nanswers: {}\n",
        "tender is `OTHER-1`, but this tender is `T-001`",
    );
    rejects_response(
        "supplier: A\nanswers:\n  T-1:\n    answer: 1\n    evidence:\n      - {file: x, kind: policy, issued: 1st May}\n",
        "expected a date YYYY-MM-DD",
    );
    rejects_response(
        "supplier: A\nanswers:\n  T-1:\n    answer: 1\n    evidence:\n      - {file: x, kind: brochure}\n",
        "`brochure` is not one of the allowed values",
    );
}

#[test]
fn response_2_3_duplicate_display_names_are_reported_not_dropped() {
    let t = Tender::medium();
    t.response("a", "supplier: Same\nanswers: {}\n");
    t.response("b", "supplier: Same\nanswers: {}\n");
    let (code, out) = check(&t);
    assert_eq!(code, Some(1), "{out}");
    assert!(out.contains("submissions/a/response.yaml: supplier `Same` is also the display name given in folder `b`"), "{out}");
    assert!(out.contains("submissions/b/response.yaml: supplier `Same` is also the display name given in folder `a`"), "{out}");
}

#[test]
fn response_2_3_unanswered_questions_are_not_errors() {
    let t = Tender::medium();
    t.response("a", "supplier: A\nanswers: {}\n");
    let (code, out) = check(&t);
    assert_eq!(code, Some(0), "{out}");
}

#[test]
fn response_rejects_binary_huge_and_alias_bomb_files() {
    let t = Tender::medium();
    t.file("submissions/a/response.yaml", "supplier: A\0\n");
    let big = format!("supplier: A\ncomment: {}\n", "x".repeat(5 << 20));
    t.file("submissions/b/response.yaml", &big);
    // a billion laughs: 10^13 nodes once aliases expand; must stop on the budget, not hang
    let mut bomb = String::from(
        "supplier: C\nanswers:\n  T-5:\n    answer: [&a [x, x, x, x, x, x, x, x, x, x]",
    );
    for i in 0..12 {
        let prev = if i == 0 {
            "a".to_string()
        } else {
            format!("l{}", i - 1)
        };
        bomb.push_str(&format!(
            ", &l{i} [{}]",
            vec![format!("*{prev}"); 10].join(", ")
        ));
    }
    bomb.push_str("]\n");
    t.file("submissions/c/response.yaml", &bomb);
    let (code, out) = check(&t);
    assert_eq!(code, Some(1));
    assert!(
        out.contains("submissions/a/response.yaml: looks like a binary file"),
        "{out}"
    );
    assert!(
        out.contains("submissions/b/response.yaml: file is"),
        "{out}"
    );
    assert!(out.contains("expands too far through aliases"), "{out}");
}

#[test]
fn marks_2_4_rejects_unknown_supplier_question_range_and_duplicates_by_line() {
    let t = Tender::medium();
    t.response("a", "supplier: Acme\nanswers: {}\n");
    t.marks(
        "evaluator,supplier,question,mark,reason\nE1,Acmee,T-5,3,x\nE1,Acme,T-55,3,x\nE1,Acme,T-5,9,x\nE1,Acme,T-5,3,x\nE1,Acme,T-5,2,again\nE1,Acme,T-6,2,above tier\n",
    );
    let (code, out) = check(&t);
    assert_eq!(code, Some(1));
    for needle in [
        "marks.csv:2: unknown supplier `Acmee` (did you mean `Acme`?)",
        "marks.csv:3: unknown question `T-55`",
        "marks.csv:4: mark must be a whole number from 0 to 5",
        "marks.csv:6: duplicate row: E1 has already marked Acme on T-5",
        "marks.csv:7: T-6 is not asked in this tender",
    ] {
        assert!(out.contains(needle), "{out} lacks {needle}");
    }
    assert_eq!(t.run(&["score", "."]).status.code(), Some(2));
}

#[test]
fn tender_2_2_rejects_unknown_field_floating_rubric_and_bad_reference() {
    let t = Tender::new(&toml("medium", "").replace("buyer", "buyr"));
    let (code, out) = check(&t);
    assert_eq!(code, Some(1));
    assert!(
        out.contains("tender.toml:3:1: unknown field `buyr`"),
        "{out}"
    );
    let t = Tender::new(&toml("medium", "").replace("t@1.0.0", "t"));
    assert!(check(&t).1.contains("must name an exact version"));
    let t = Tender::new(&toml("medium", "").replace("t@1.0.0", "t@9.0.0"));
    assert!(check(&t)
        .1
        .contains("no rubric `t@9.0.0`; versions of `t`: 1.0.0"));
    let t = Tender::new(&toml("medium", "exclude = [\"T-9\"]\n"));
    assert!(check(&t).1.contains("T-9 is not a question of t@1.0.0"));
}

#[test]
fn tender_2_2_defaults_apply() {
    let t = Tender::new("id = \"X\"\ntitle = \"X\"\nrisk = \"low\"\nas_of = 2026-10-01\n[[rubrics]]\nuse = \"gdpr@1.0.0\"\n");
    t.response("a", "supplier: A\nanswers: {}\n");
    let j = t.json_with_code(0);
    assert_eq!(j["scoring"]["unevidenced_credit"], 0.5);
    assert_eq!(j["scoring"]["min_total"], 60.0);
    assert_eq!(j["rubrics"][0]["weight"], 1.0);
}

#[test]
fn check_exits_1_and_reports_evidence_problems_and_0_once_they_are_fixed() {
    let t = Tender::medium();
    t.response("a", "supplier: A\nanswers:\n  T-1:\n    answer: 2\n    evidence:\n      - {file: nope.txt, kind: policy, issued: 2026-01-01}\n");
    let (code, out) = check(&t);
    assert_eq!(code, Some(1));
    assert!(
        out.contains("submissions/a/response.yaml:6:9: T-1: evidence nope.txt: file not found"),
        "{out}"
    );
    t.file("submissions/a/nope.txt", "Our policy.\n");
    let (code, out) = check(&t);
    assert_eq!((code, out.as_str()), (Some(0), ""));
    let o = run_in(t.path(), &["check", "nowhere"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn a_response_with_no_answers_yet_is_all_unanswered_not_an_error() {
    let t = Tender::medium();
    t.response("a", "supplier: A\nanswers:\n");
    let j = t.json_with_code(0);
    assert_eq!(j["suppliers"][0]["counts"]["unanswered"], 5);
    t.response("a", "supplier: A\nanswers: 5\n");
    let (_, out) = check(&t);
    assert!(out.contains("response.yaml:2:1: invalid type: integer `5`, expected a mapping from question id to answer"), "{out}");
}

#[test]
fn marks_csv_with_crlf_line_ends_names_the_right_line() {
    let t = Tender::medium();
    t.response(
        "acme",
        "supplier: Acme\nanswers:\n  T-5:\n    answer: Our method.\n",
    );
    t.marks(
        "evaluator,supplier,question,mark,reason\r\nE1,acme,T-5,3,ok\r\nE2,acme,T-5,9,too high\r\n",
    );
    let out = t.run(&["check", "."]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out).contains("marks.csv:3: mark must be a whole number"),
        "{}",
        stdout(&out)
    );
}
