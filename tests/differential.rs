//! The fast `response.yaml` reader against serde-saphyr: every response in the repository
//! and the fuzz corpus, and generated variations of real responses, must read the same both
//! ways (or be handed over to serde-saphyr). `fuzz/` runs the same comparison on arbitrary
//! bytes.

use proptest::prelude::*;
use std::path::{Path, PathBuf};
use tenderscore::load::fastyaml::check_same;

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            files(&p, out);
        } else if p.extension().is_some_and(|x| x == "yaml" || x == "yml")
            || p.parent().is_some_and(|d| d.ends_with("corpus/response"))
        {
            out.push(p);
        }
    }
}

#[test]
fn every_response_in_the_repository_and_the_corpus_reads_the_same_both_ways() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut all = Vec::new();
    // tests/fixtures/fuzz-findings: inputs on which the fuzzer once found a difference.
    for d in ["examples", "tests/fixtures", "fuzz/corpus/response"] {
        files(&root.join(d), &mut all);
    }
    assert!(all.len() > 20, "found {} files", all.len());
    let mut fast = 0;
    let mut responses = 0;
    for p in &all {
        let Ok(bytes) = std::fs::read(p) else {
            continue;
        };
        let Ok(text) = String::from_utf8(bytes) else {
            continue;
        };
        match check_same(&text) {
            Ok(true) => fast += 1,
            Ok(false) => {}
            Err(e) => panic!("{}: {}", p.display(), e.message),
        }
        if p.ends_with("response.yaml") {
            responses += 1;
        }
    }
    // The example's responses, as people write them, take the fast path.
    let examples = [
        "brindleworth-digital",
        "cobalt-analytics",
        "meadowbank-analytics",
        "pennine-care-data",
        "quillon-ai",
    ];
    for e in examples {
        let text = std::fs::read_to_string(root.join(format!(
            "examples/care-triage/submissions/{e}/response.yaml"
        )))
        .unwrap();
        assert_eq!(check_same(&text), Ok(true), "{e} fell back to serde-saphyr");
    }
    eprintln!(
        "{fast} of {} files read by the fast reader ({responses} responses)",
        all.len()
    );
}

/// Pieces real responses are made of, some of them hostile or unusual.
fn scalar() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("3".to_string()),
        Just("-1".to_string()),
        Just("3.4".to_string()),
        Just("007".to_string()),
        Just("1e3".to_string()),
        Just("yes".to_string()),
        Just("No".to_string()),
        Just("on".to_string()),
        Just("YES".to_string()),
        Just("n".to_string()),
        Just("OFF".to_string()),
        Just("True".to_string()),
        Just("FALSE".to_string()),
        Just("yEs".to_string()),
        Just("Y".to_string()),
        Just("nO".to_string()),
        Just("~".to_string()),
        Just("null".to_string()),
        Just("n/a".to_string()),
        // Non-ASCII words as long in bytes as a YAML word (`é` against `no`): a fuzz finding.
        Just("é".to_string()),
        Just("ñu".to_string()),
        Just("Ñ".to_string()),
        Just("日本".to_string()),
        Just("in_progress".to_string()),
        Just("We test every release.".to_string()),
        Just("a: b".to_string()),
        Just("x # comment".to_string()),
        Just("\"quoted \\\"text\\\" \\u00e9\"".to_string()),
        Just("'it''s'".to_string()),
        Just("\"bad \\q escape\"".to_string()),
        // Escapes that are not four hex digits (`from_str_radix` takes a sign): found in review.
        Just("\"sign \\u+041\"".to_string()),
        Just("\"short \\u4\"".to_string()),
        Just("&anchor x".to_string()),
        Just("*alias".to_string()),
        Just("!tag x".to_string()),
        Just("[1, 2]".to_string()),
        Just("{a: 1}".to_string()),
        Just("2026-01-01".to_string()),
        Just("é ü 漢字".to_string()),
        Just("".to_string()),
        Just("|\n      line one\n      line two\n".to_string()),
        Just(">-\n      folded\n\n      text\n".to_string()),
        Just("|+\n      kept\n\n".to_string()),
        Just("|\n        deeper\n      back\n".to_string()),
        "[ -~]{0,12}",
    ]
}

fn evidence_item() -> impl Strategy<Value = String> {
    (
        prop_oneof![Just("policy"), Just("certificate"), Just("brochure"), Just("test_report")],
        scalar(),
        any::<bool>(),
    )
        .prop_map(|(kind, issued, flow)| {
            let issued = if issued.contains('\n') { "2026-01-01".to_string() } else { issued };
            if flow {
                format!("      - {{file: evidence/a.txt, kind: {kind}, issued: {issued}}}\n")
            } else {
                format!("      - file: evidence/a.txt\n        kind: {kind}\n        issued: {issued}\n")
            }
        })
}

fn answer() -> impl Strategy<Value = String> {
    (
        prop_oneof![
            Just("T-1"),
            Just("AIME-1.1"),
            Just("\"T-5\""),
            Just("T-1"),
            Just("answer")
        ],
        proptest::option::of(scalar()),
        proptest::option::of(scalar()),
        proptest::collection::vec(evidence_item(), 0..3),
        any::<bool>(),
    )
        .prop_map(|(id, answer, comment, evidence, blank_line)| {
            let mut s = format!("  {id}:\n");
            if let Some(a) = answer {
                s += &format!("    answer: {a}\n");
            }
            if let Some(c) = comment {
                s += &format!("    comment: {c}\n");
            }
            if blank_line {
                s += "\n    # a comment line\n";
            }
            if !evidence.is_empty() {
                s += "    evidence:\n";
                for e in evidence {
                    s += &e;
                }
            }
            s
        })
}

fn response() -> impl Strategy<Value = String> {
    (
        scalar(),
        proptest::collection::vec(answer(), 0..5),
        any::<bool>(),
        any::<bool>(),
        proptest::option::of(scalar()),
        proptest::option::of(scalar()),
    )
        .prop_map(|(supplier, answers, bom, crlf, tender, company)| {
            let supplier = if supplier.contains('\n') {
                "Acme".to_string()
            } else {
                supplier
            };
            let mut s = String::new();
            if bom {
                s.push('\u{feff}');
            }
            s += "# Response\n";
            s += &format!("supplier: {supplier}\n");
            if let Some(t) = tender.filter(|t| !t.contains('\n')) {
                s += &format!("tender: {t}\n");
            }
            if let Some(c) = company.filter(|c| !c.contains('\n')) {
                s += &format!("company_number: {c}\naddress: {c}\n");
            }
            s += "answers:\n";
            for a in answers {
                s += &a;
            }
            if crlf {
                s = s.replace('\n', "\r\n");
            }
            s
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1000, .. ProptestConfig::default() })]

    #[test]
    fn generated_responses_read_the_same_both_ways(text in response()) {
        if let Err(e) = check_same(&text) {
            prop_assert!(false, "{}", e.message);
        }
    }

    #[test]
    fn real_responses_with_a_line_changed_read_the_same_both_ways(line in 0usize..400, edit in scalar(), which in 0usize..5) {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let names = ["brindleworth-digital", "cobalt-analytics", "meadowbank-analytics", "pennine-care-data", "quillon-ai"];
        let text = std::fs::read_to_string(root.join(format!("examples/care-triage/submissions/{}/response.yaml", names[which]))).unwrap();
        let mut lines: Vec<String> = text.lines().map(String::from).collect();
        let n = line % lines.len();
        // Replace the value after a key, or the whole line.
        let changed = match lines[n].split_once(": ") {
            Some((k, _)) => format!("{k}: {edit}"),
            None => format!("{}{}", lines[n], edit),
        };
        lines[n] = changed;
        let text = lines.join("\n") + "\n";
        if let Err(e) = check_same(&text) {
            prop_assert!(false, "{}", e.message);
        }
    }
}
