//! Rubrics 1.2.0: one test per point of the review that led to them (docs/rubrics-1.2.0.md).
//! Legal minimums are the council's own pass/fail clauses; GDPR-2 passes honest aggregated
//! telemetry and fails an addendum that lets the supplier train shared models; Article 22B is
//! named; award criteria assess the tender, not the supplier's past; the aime conditions of
//! participation are few and proportionate; the citations the review named are right; and the
//! 1.2.0 rubrics combine with 1.1.0 ones under scoring rules 2.

mod common;
use common::*;
use std::path::Path;
use tenderscore::load::registry::Registry;
use tenderscore::model::rubric::{Kind, Question, Rubric};

fn rubric(id: &str) -> Rubric {
    Registry::new(&[])
        .unwrap()
        .find(&format!("{id}@1.2.0"))
        .unwrap()
        .parse()
        .unwrap()
}

fn q(r: &Rubric, id: &str) -> Question {
    r.questions()
        .map(|(_, q)| q.clone())
        .find(|q| q.id == id)
        .unwrap_or_else(|| panic!("{id} is not in {}@1.2.0", r.id))
}

/// Everything a question says: text, guidance, levels, options and refs.
fn words(q: &Question) -> String {
    let mut s = format!("{} {} ", q.text, q.guidance);
    s.extend(q.levels.iter().map(|l| format!("{l} ")));
    s.extend(q.options.iter().map(|o| format!("{} ", o.label)));
    s.extend(q.refs.iter().map(|r| format!("{r} ")));
    s
}

#[test]
fn legal_minimums_are_the_councils_own_pass_fail_clauses() {
    for (r, ids) in [
        (
            "contract",
            &[
                "CONTRACT-1",
                "CONTRACT-6",
                "CONTRACT-18",
                "CONTRACT-19",
                "CONTRACT-23",
            ][..],
        ),
        ("psed", &["PSED-10", "PSED-11", "PSED-13"][..]),
        ("gdpr", &["GDPR-11", "GDPR-18"][..]),
    ] {
        let rubric = rubric(r);
        for id in ids {
            let q = q(&rubric, id);
            assert_eq!(q.kind, Kind::YesNo, "{id}");
            assert!(q.gate, "{id} is pass/fail");
            assert_eq!(q.weight, 0.0, "{id} carries no points to trade");
            assert!(
                words(&q).contains("council's") && words(&q).contains("clause"),
                "{id}: {}",
                q.text
            );
            assert!(
                !q.evidence.required,
                "{id}: acceptance is the tender's own commitment"
            );
        }
    }
}

#[test]
fn psed_13_is_cooperation_with_the_councils_duty_and_cites_bridges() {
    let q = q(&rubric("psed"), "PSED-13");
    let w = words(&q);
    assert!(
        w.contains("R (Bridges) v Chief Constable of South Wales Police [2020] EWCA Civ 1058"),
        "{w}"
    );
    assert!(
        w.contains("confidential"),
        "the supplier cannot hide behind confidentiality: {w}"
    );
    assert!(w.contains("s.149(2)"), "{w}");
}

#[test]
fn article_22b_is_named_for_decisions_on_special_category_data() {
    let r = rubric("gdpr");
    let named: Vec<String> = r
        .questions()
        .filter(|(_, q)| words(q).contains("22B"))
        .map(|(_, q)| q.id.clone())
        .collect();
    assert!(named.contains(&"GDPR-8".to_string()), "{named:?}");
    assert!(named.contains(&"GDPR-24".to_string()), "{named:?}");
}

#[test]
fn award_criteria_assess_the_tender_not_the_suppliers_past() {
    let contract = rubric("contract");
    let c14 = q(&contract, "CONTRACT-14");
    for o in &c14.options {
        let l = o.label.to_lowercase();
        assert!(
            !(l.contains("deployments") || l.contains("previous") || l.contains("past")),
            "CONTRACT-14 option rewards history: {}",
            o.label
        );
    }
    let sv10 = q(&rubric("social-value"), "SV-10");
    assert!(sv10.text.contains("this contract"), "{}", sv10.text);
    assert!(
        !sv10.refs.iter().any(|r| r.contains("s.12(1)(d)")),
        "{:?}",
        sv10.refs
    );
    for id in ["SV-4", "SV-7", "SV-8"] {
        let q = q(&rubric("social-value"), id);
        assert!(
            q.text.contains("this contract") || q.guidance.contains("this contract"),
            "{id}: local-area credit only as a commitment in this contract"
        );
    }
}

#[test]
fn aime_conditions_are_few_proportionate_and_allow_reliance_and_equivalents() {
    let r = rubric("aime");
    let all: Vec<&Question> = r.questions().map(|(_, q)| q).collect();
    assert!((5..=8).contains(&all.len()), "{} conditions", all.len());
    for q in &all {
        assert_eq!(q.kind, Kind::YesNo, "{}", q.id);
        assert!(q.gate, "{} is pass/fail", q.id);
        assert!(
            q.evidence.verify_at.is_none(),
            "{}: no third-party verification",
            q.id
        );
    }
    let text = format!(
        "{} {}",
        r.summary,
        all.iter().map(|q| words(q)).collect::<String>()
    );
    assert!(
        text.contains("associated person"),
        "reliance on others is allowed"
    );
    assert!(text.contains("equivalent"), "an equivalence route");
    assert!(text.contains("self-assessment"), "what DSIT says AIME is");
}

#[test]
fn citations_the_review_named_are_right() {
    let c9 = q(&rubric("contract"), "CONTRACT-9");
    assert!(
        !c9.refs.iter().any(|r| r.contains("A.8.3")),
        "{:?}",
        c9.refs
    );
    let p9 = q(&rubric("psed"), "PSED-9");
    assert!(
        p9.refs.iter().any(|r| r.contains("s.29(7)")),
        "{:?}",
        p9.refs
    );
    assert!(p9.refs.iter().any(|r| r.contains("Sch 2")), "{:?}", p9.refs);
    let sv = rubric("social-value");
    for id in ["SV-2", "SV-3"] {
        for r in &q(&sv, id).refs {
            if r.contains("s.52") {
                assert!(r.contains("£5m"), "{id}: {r}");
            }
        }
    }
}

/// A tender of gdpr@1.2.0 under scoring rules 2, with GDPR-2 answered `no` and a data
/// processing agreement as its evidence.
fn gdpr_2_with(dpa: &str) -> serde_json::Value {
    let t = Tender::new(
        "id = \"G\"\ntitle = \"GDPR-2\"\nrisk = \"high\"\nas_of = 2026-10-01\n\n[scoring]\nrules = 2\nmin_total = 0\n\n[evidence]\nverifiers = [\"Northgate Assurance\"]\n\n[[rubrics]]\nuse = \"gdpr@1.2.0\"\n",
    );
    t.response(
        "a",
        "supplier: Acme Care Ltd\nanswers:\n  GDPR-2:\n    answer: no\n    evidence:\n      - {file: dpa.txt, kind: contract_clause, issued: 2026-09-01}\n  GDPR-3:\n    answer: anonymised_metrics\n    evidence:\n      - {file: dpa.txt, kind: contract_clause, issued: 2026-09-01}\n",
    );
    t.file("submissions/a/dpa.txt", dpa);
    t.json_with_code(0)
}

const HONEST: &str = "Acme Care Ltd: data processing agreement for the Council, 1 September 2026.\n\n4.1 The Supplier shall not use Council Data to train, fine-tune, evaluate or improve any model for anyone other than the Council, and shall impose the same obligation on every sub-processor and model provider.\n\n4.2 Aggregated, anonymised service metrics (uptime, response times and error rates) are not Council Data for this purpose.\n";

#[test]
fn gdpr_2_passes_honest_aggregated_telemetry() {
    let j = gdpr_2_with(HONEST);
    let s = by_folder(&j, "a");
    let g2 = question(s, "GDPR-2");
    assert_eq!(g2["evidence"], "attached", "{g2}");
    assert_eq!(g2["score"], 1.0, "{g2}");
    assert!(
        !s["reasons"].to_string().contains("GDPR-2"),
        "{}",
        s["reasons"]
    );
    // GDPR-3's aggregated metrics sit with a no to GDPR-2: no contradiction.
    assert!(!s.to_string().contains("contradiction"), "{s}");
}

#[test]
fn gdpr_2_fails_an_addendum_that_lets_the_supplier_train_shared_models() {
    let j = gdpr_2_with(&format!(
        "{HONEST}\nAddendum A (1 September 2026): notwithstanding clause 4.1, the Supplier may use de-identified Council Data to train and improve shared models for the benefit of all customers.\n"
    ));
    let s = by_folder(&j, "a");
    let g2 = question(s, "GDPR-2");
    assert_eq!(g2["evidence"], "unconfirmed", "{g2}");
    assert!(g2["flags"].to_string().contains("must_not_show"), "{g2}");
    assert!(
        s["reasons"].to_string().contains("gate GDPR-2 failed"),
        "{}",
        s["reasons"]
    );
}

#[test]
fn rubrics_diff_from_1_1_0_to_1_2_0_reads_as_a_change_list() {
    for id in ["aime", "psed", "gdpr", "contract", "social-value"] {
        let o = run_in(
            Path::new(env!("CARGO_MANIFEST_DIR")),
            &[
                "rubrics",
                "diff",
                &format!("{id}@1.1.0"),
                &format!("{id}@1.2.0"),
            ],
        );
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        insta::assert_snapshot!(format!("diff_{id}_1_1_0_to_1_2_0"), stdout(&o));
    }
}

#[test]
fn rubric_versions_may_be_mixed_under_rules_2() {
    // A rubric's consistency rule naming another rubric's question is checked against the
    // version the tender uses, and does not apply where that version cannot take its answers.
    for combo in [
        &[
            "aime@1.2.0",
            "psed@1.2.0",
            "gdpr@1.2.0",
            "contract@1.2.0",
            "social-value@1.2.0",
        ][..],
        &["gdpr@1.2.0", "contract@1.1.0"][..],
        &["psed@1.2.0", "contract@1.1.0"][..],
        &["aime@1.2.0", "psed@1.1.0", "gdpr@1.1.0"][..],
        &["contract@1.2.0"][..],
        &["contract@1.1.0"][..],
    ] {
        let mut toml = "id = \"M\"\ntitle = \"Mixed\"\nrisk = \"high\"\nas_of = 2026-10-01\n\n[scoring]\nrules = 2\n\n[evidence]\nverifiers = [\"Northgate Assurance\"]\n".to_string();
        for r in combo {
            toml.push_str(&format!("\n[[rubrics]]\nuse = \"{r}\"\n"));
        }
        let t = Tender::new(&toml);
        t.response("a", "supplier: A\nanswers:\n");
        let o = t.run(&["check", "."]);
        assert_eq!(o.status.code(), Some(0), "{combo:?}: {}", stdout(&o));
    }
}
