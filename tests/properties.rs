//! Invariants of the scorer over generated responses, checked in-process on the library (load
//! then score, no binary) with proptest, so hundreds of cases run in about a second and a
//! failure shrinks to a minimal response:
//! - every figure stays in range (totals and sections 0-100, question scores 0-1);
//! - the order of evidence items under an answer does not change any figure;
//! - adding valid evidence never lowers a score;
//! - a supplier's figures do not depend on which other bids are in the tender.

mod common;
use common::{fixtures, toml, top_answers};
use proptest::prelude::*;
use serde_json::Value;
use std::path::Path;

/// One evidence item: file, kind, issue date (days before the as-of date), verified or not.
#[derive(Debug, Clone)]
struct Item {
    /// The file's name, fixed when the item is made, so reordering keeps each file.
    file: String,
    kind: &'static str,
    age_days: u16,
    verified: bool,
}

/// One answer: the question, the YAML value, and its evidence.
#[derive(Debug, Clone)]
struct Given {
    id: &'static str,
    value: String,
    evidence: Vec<Item>,
}

const KINDS: [&str; 5] = [
    "policy",
    "contract_clause",
    "test_report",
    "procedure",
    "other",
];

fn item() -> impl Strategy<Value = Item> {
    (0..KINDS.len(), 0u16..800, any::<bool>(), 0u8..5).prop_map(|(k, age_days, verified, n)| Item {
        // e0-e3 exist in every submission folder; e4 never does.
        file: format!("e{n}.txt"),
        kind: KINDS[k],
        age_days,
        verified,
    })
}

fn value(id: &'static str) -> BoxedStrategy<String> {
    match id {
        "T-1" => (0u8..5).prop_map(|l| l.to_string()).boxed(),
        "T-2" => prop_oneof![Just("yes".to_string()), Just("no".to_string())].boxed(),
        "T-3" => prop_oneof![
            Just("full".to_string()),
            Just("part".to_string()),
            Just("none".to_string())
        ]
        .boxed(),
        "T-4" => prop_oneof![(0u16..200).prop_map(|n| n.to_string()), Just("n/a".into())].boxed(),
        _ => (0u8..2).prop_map(|l| l.to_string()).boxed(),
    }
}

/// A response: each question answered or not, each answer with 0-3 evidence items.
fn response() -> impl Strategy<Value = Vec<Given>> {
    let one = |id: &'static str| {
        proptest::option::weighted(
            0.8,
            (value(id), proptest::collection::vec(item(), 0..4)).prop_map(
                move |(value, evidence)| Given {
                    id,
                    value,
                    evidence,
                },
            ),
        )
    };
    (one("T-1"), one("T-2"), one("T-3"), one("T-4"), one("T-6"))
        .prop_map(|(a, b, c, d, e)| [a, b, c, d, e].into_iter().flatten().collect())
}

fn risk() -> impl Strategy<Value = &'static str> {
    prop_oneof![Just("low"), Just("medium"), Just("high")]
}

fn yaml(name: &str, answers: &[Given]) -> String {
    let mut s = format!("supplier: {name}\nanswers:\n");
    for g in answers {
        s.push_str(&format!("  {}:\n    answer: {}\n", g.id, g.value));
        if g.value == "n/a" {
            s.push_str("    justification: We hold no personal data.\n");
        }
        if !g.evidence.is_empty() {
            s.push_str("    evidence:\n");
        }
        for e in &g.evidence {
            let issued = jiff::civil::date(2026, 10, 1)
                .checked_sub(jiff::Span::new().days(i64::from(e.age_days)))
                .unwrap();
            let file = &e.file;
            let by = if e.verified {
                ", verified_by: Assure Ltd"
            } else {
                ""
            };
            s.push_str(&format!(
                "      - {{file: {file}, kind: {}, issued: {issued}{by}}}\n",
                e.kind
            ));
        }
    }
    s
}

/// Writes a tender with these bids (folder, display name, answers), loads it with the
/// library and scores it; the result as JSON.
fn score(risk: &str, bids: &[(&str, &str, &[Given])]) -> Value {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let write = |rel: &str, text: &str| {
        let p = root.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    };
    write(
        "tender.toml",
        &toml(risk, "[scoring]\nmin_total = 0\nmin_rubric = 0\n"),
    );
    write(
        "rubrics/t/1.0.0.yaml",
        &std::fs::read_to_string(fixtures().join("rubrics/t/1.0.0.yaml")).unwrap(),
    );
    for (folder, name, answers) in bids {
        write(
            &format!("submissions/{folder}/response.yaml"),
            &yaml(name, answers),
        );
        for i in 0..4 {
            write(&format!("submissions/{folder}/e{i}.txt"), "evidence\n");
        }
    }
    let loaded = tenderscore::load::load_tender(Path::new(root), &[]).unwrap();
    let result = tenderscore::score::score_tender(loaded.scorable().unwrap());
    serde_json::to_value(result).unwrap()
}

fn only(j: &Value) -> &Value {
    let s = &j["suppliers"][0];
    assert_ne!(s["status"], "error", "{}", s["reasons"]);
    s
}

/// A supplier's figures, without what names it or places it among others.
fn figures(s: &Value) -> Value {
    let mut s = s.clone();
    let o = s.as_object_mut().unwrap();
    for k in [
        "supplier",
        "folder",
        "rank",
        "response_sha256",
        "evidence_files",
    ] {
        o.remove(k);
    }
    s
}

/// Figures with the reasons that quote evidence in file order sorted, and flag texts (which
/// join those reasons) dropped: what evidence order may change is only the order of words.
fn order_free(mut s: Value) -> Value {
    for q in s["questions"].as_array_mut().unwrap() {
        if let Some(r) = q["evidence_reasons"].as_array_mut() {
            r.sort_by_key(|v| v.to_string());
        }
        for f in q["flags"].as_array_mut().unwrap() {
            f.as_object_mut().unwrap().remove("message");
        }
    }
    s
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn every_figure_stays_in_range(risk in risk(), answers in response()) {
        let j = score(risk, &[("a", "A", &answers)]);
        let s = only(&j);
        let total = s["total"].as_f64().unwrap();
        prop_assert!((0.0..=100.0).contains(&total), "total {total}");
        for (_, v) in s["sections"].as_object().unwrap() {
            if let Some(v) = v.as_f64() {
                prop_assert!((0.0..=100.0).contains(&v), "section {v}");
            }
        }
        for q in s["questions"].as_array().unwrap() {
            if let Some(score) = q["score"].as_f64() {
                prop_assert!((0.0..=1.0).contains(&score), "{q}");
            }
        }
    }

    #[test]
    fn the_order_of_evidence_items_does_not_matter(risk in risk(), answers in response()) {
        let mut reversed = answers.clone();
        for g in &mut reversed {
            g.evidence.reverse();
        }
        let j = score(risk, &[("a", "A", &answers), ("b", "B", &reversed)]);
        let (a, b) = (&j["suppliers"][0], &j["suppliers"][1]);
        prop_assert_eq!(order_free(figures(a)), order_free(figures(b)));
    }

    #[test]
    fn adding_valid_evidence_never_lowers_a_score(
        risk in risk(),
        answers in response(),
        verified in any::<bool>(),
    ) {
        let kind = |id: &str| match id {
            "T-1" => "policy",
            "T-2" => "contract_clause",
            "T-3" => "test_report",
            _ => "procedure",
        };
        let with: Vec<Given> = answers
            .iter()
            .map(|g| {
                let mut g = g.clone();
                g.evidence.push(Item {
                    file: "e0.txt".into(),
                    kind: kind(g.id),
                    age_days: 30,
                    verified,
                });
                g
            })
            .collect();
        let j = score(risk, &[("a", "Without", &answers), ("b", "With", &with)]);
        let find = |name: &str| {
            j["suppliers"].as_array().unwrap().iter().find(|s| s["supplier"] == name).unwrap().clone()
        };
        let (a, b) = (find("Without"), find("With"));
        prop_assert!(b["total"].as_f64() >= a["total"].as_f64(), "{} -> {}", a["total"], b["total"]);
        for (qa, qb) in a["questions"].as_array().unwrap().iter().zip(b["questions"].as_array().unwrap()) {
            prop_assert_eq!(&qa["id"], &qb["id"]);
            prop_assert!(qb["score"].as_f64() >= qa["score"].as_f64(), "{} -> {}", qa, qb);
        }
    }

    #[test]
    fn a_bid_scores_the_same_whatever_else_is_in_the_tender(
        risk in risk(),
        mine in response(),
        theirs in response(),
    ) {
        let alone = score(risk, &[("mine", "Mine", &mine)]);
        let with_other = score(risk, &[("mine", "Mine", &mine), ("other", "Other", &theirs)]);
        let in_company = with_other["suppliers"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["folder"] == "mine")
            .unwrap();
        prop_assert_eq!(figures(only(&alone)), figures(in_company));
    }
}

// ---- Scoring rules 2: a file the tool cannot read earns nothing by itself ----

/// A file a supplier might cite that the tool cannot read: its name and bytes.
fn unreadable_file() -> impl Strategy<Value = (&'static str, Vec<u8>)> {
    prop_oneof![
        Just(("proof.png", b"\x89PNG\r\n\x1a\n".to_vec())),
        Just(("proof", b"certified to every standard".to_vec())),
        Just((
            "proof.md",
            b"<!-- ISO/IEC 42001 certified, verified by BSI -->\n".to_vec()
        )),
        Just(("proof.txt", "\u{200b} \n\t".as_bytes().to_vec())),
        Just((
            "proof.pdf",
            b"%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage".to_vec()
        )),
        Just(("proof.docx", b"PK\x03\x04 not really a zip".to_vec())),
        Just((
            "proof.pdf",
            std::fs::read(fixtures().join("hidden/pdf-render-mode-invisible.pdf")).unwrap()
        )),
    ]
}

/// What a supplier may type about that file: who verified it, a certificate number (its own
/// invention, or a rival's from the register), dates, and whether it borrows the rival's name.
#[derive(Debug, Clone)]
struct Claims {
    verified_by: Option<&'static str>,
    certificate: Option<&'static str>,
    issued_days_ago: u16,
    borrow_rival_name: bool,
    any_kind: bool,
}

fn claims() -> impl Strategy<Value = Claims> {
    (
        proptest::option::of(prop_oneof![
            Just("Ltd"),
            Just("Limited"),
            Just("Certification Services Ltd"),
            Just("Cobalt Analytics plc"),
            Just("BSI"),
            Just("British Standards Institution"),
        ]),
        proptest::option::of(prop_oneof![Just("AIMS 812345"), Just("X-000001")]),
        0u16..400,
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(
            |(verified_by, certificate, issued_days_ago, borrow_rival_name, any_kind)| Claims {
                verified_by,
                certificate,
                issued_days_ago,
                borrow_rival_name,
                any_kind,
            },
        )
}

/// One rules 2 tender at default settings (but for the verifier list) with two bids giving
/// the top answer to every question: `bare` with no evidence, `junk` citing `file` for every
/// answer with `claims`. Their totals.
fn bare_and_junk(file: &(&str, Vec<u8>), claims: &Claims, verifiers: bool) -> (f64, f64) {
    tenderscore::load::sandbox::set_program(env!("CARGO_BIN_EXE_tenderscore").into());
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let write = |rel: &str, bytes: &[u8]| {
        let p = root.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, bytes).unwrap();
    };
    let list = if verifiers {
        "[evidence]\nverifiers = [\"BSI\"]\n"
    } else {
        ""
    };
    let rubrics: String = ["aime", "psed", "gdpr", "contract", "social-value"]
        .iter()
        .map(|r| format!("[[rubrics]]\nuse = \"{r}@1.1.0\"\n"))
        .collect();
    write(
        "tender.toml",
        format!("id = \"T-P\"\ntitle = \"Junk evidence\"\nrisk = \"high\"\nas_of = 2026-10-01\n{rubrics}[scoring]\nrules = 2\n{list}")
            .as_bytes(),
    );
    write(
        "certificates.csv",
        b"number,holder,standard,issuer,status,expires\nAIMS 812345,Larkspur Health Intelligence Ltd,ISO/IEC 42001,BSI,valid,2028-03-11\n",
    );
    let issued = jiff::civil::date(2026, 10, 1)
        .checked_sub(jiff::Span::new().days(i64::from(claims.issued_days_ago)))
        .unwrap();
    for (folder, name, with_file) in [
        ("bare", "Cobalt Analytics plc", false),
        ("junk", "Cobalt Analytics plc", true),
    ] {
        let mut y = format!("supplier: {name}\n");
        if with_file && claims.borrow_rival_name {
            y.push_str("legal_names: [Larkspur Health Intelligence Ltd]\n");
        }
        y.push_str("answers:\n");
        for (id, best, kind) in top_answers() {
            y.push_str(&format!("  {id}:\n    answer: {best}\n"));
            if with_file {
                let kind = if claims.any_kind {
                    "certificate"
                } else {
                    kind.as_str()
                };
                y.push_str(&format!(
                    "    evidence:\n      - {{file: {}, kind: {kind}, issued: {issued}",
                    file.0
                ));
                if let Some(v) = claims.verified_by {
                    y.push_str(&format!(", verified_by: \"{v}\""));
                }
                if let Some(c) = claims.certificate {
                    y.push_str(&format!(", certificate: \"{c}\""));
                }
                y.push_str("}\n");
            }
        }
        write(&format!("submissions/{folder}/response.yaml"), y.as_bytes());
        write(&format!("submissions/{folder}/{}", file.0), &file.1);
    }
    let loaded = tenderscore::load::load_tender(root, &[]).unwrap();
    let result = tenderscore::score::score_tender(loaded.scorable().unwrap());
    let j = serde_json::to_value(result).unwrap();
    let total = |folder: &str| {
        let s = j["suppliers"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["folder"] == folder)
            .unwrap();
        assert_ne!(s["status"], "error", "{}", s["reasons"]);
        s["total"].as_f64().unwrap()
    };
    (total("bare"), total("junk"))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, failure_persistence: None, ..ProptestConfig::default() })]

    /// At default settings, the top answer to every question, each citing one file the tool
    /// cannot read, with whatever the supplier types about it, never scores above the same
    /// answers with no evidence at all.
    #[test]
    fn an_unreadable_file_never_raises_a_bid_above_no_evidence(
        file in unreadable_file(),
        claims in claims(),
        verifiers in any::<bool>(),
    ) {
        let (bare, junk) = bare_and_junk(&file, &claims, verifiers);
        prop_assert!(junk <= bare + 1e-9, "{} with {:?}: {} > {}", file.0, claims, junk, bare);
    }
}
