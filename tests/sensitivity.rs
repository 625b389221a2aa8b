//! `tenderscore sensitivity`: each figure worked out by hand on small tenders, and the
//! property that a leader reported as stable over a weight range leads when the tender is
//! re-scored inside that range.

mod common;
use common::*;
use proptest::prelude::*;
use serde_json::Value;
use std::path::Path;

/// A rubric `id` with one question: a scale 0-4 (quality 25 × level), or a text question
/// marked 0-4, with evidence rules as given.
fn rubric(id: &str, qid: &str, kind: &str, evidence: &str) -> String {
    let levels = if kind == "scale" {
        "        levels: [0, 1, 2, 3, 4]\n"
    } else {
        ""
    };
    format!("id: {id}\nversion: 1.0.0\ntitle: {id}\nsources:\n  - title: tests\nsections:\n  - id: a\n    title: A\n    questions:\n      - id: {qid}\n        text: How good?\n        kind: {kind}\n{levels}{evidence}        refs: [TEST]\n")
}

/// A tender over `rubrics` (id, weight), everything qualifying.
fn tender(rubrics: &[(&str, f64)], extra: &str) -> Tender {
    let mut toml = "id = \"S-1\"\ntitle = \"Sensitivity\"\nrisk = \"low\"\nas_of = 2026-10-01\nrubric_dirs = [\"rubrics\"]\n".to_string();
    for (id, w) in rubrics {
        toml.push_str(&format!(
            "\n[[rubrics]]\nuse = \"{id}@1.0.0\"\nweight = {w}\n"
        ));
    }
    toml.push_str(&format!(
        "\n[scoring]\nunevidenced_credit = 1\nmin_total = 0\nmin_rubric = 0\nmarks_scale = 4\n{extra}"
    ));
    Tender::new(&toml)
}

fn analyse(t: &Tender) -> Value {
    let o = t.run(&["sensitivity", ".", "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    serde_json::from_slice(&o.stdout).unwrap()
}

fn weight<'a>(s: &'a Value, name: &str) -> &'a Value {
    s["weights"]
        .as_array()
        .unwrap()
        .iter()
        .find(|w| w["weight"] == name)
        .unwrap()
}

#[test]
fn weight_ranges_by_hand() {
    // X: r1 100, r2 0. Y: r1 0, r2 50. Weights w1 = 1, w2 = 1.
    // Totals: X = 100 w1 / (w1 + w2), Y = 50 w2 / (w1 + w2): X leads (50 against 25).
    // In w1 (w2 = 1): X leads while 100 w1 > 50, so from 0.5 up, no limit; −50% makes Y lead.
    // In w2 (w1 = 1): X leads while 100 > 50 w2, so up to 2; +100% makes Y lead.
    let t = tender(&[("p1", 1.0), ("p2", 1.0)], "");
    t.file("rubrics/p1/1.0.0.yaml", &rubric("p1", "P-1", "scale", ""));
    t.file("rubrics/p2/1.0.0.yaml", &rubric("p2", "P-2", "scale", ""));
    t.response(
        "x",
        "supplier: X\nanswers:\n  P-1:\n    answer: 4\n  P-2:\n    answer: 0\n",
    );
    t.response(
        "y",
        "supplier: Y\nanswers:\n  P-1:\n    answer: 0\n  P-2:\n    answer: 2\n",
    );
    let s = analyse(&t);
    assert_eq!(s["leader"], "x");
    let w1 = weight(&s, "p1@1.0.0");
    approx(&w1["low"], 0.5);
    assert!(w1["high"].is_null());
    approx(&w1["nearest_change"], -0.5);
    assert_eq!(w1["new_leader"], "y");
    let w2 = weight(&s, "p2@1.0.0");
    approx(&w2["low"], 0.0);
    approx(&w2["high"], 2.0);
    approx(&w2["nearest_change"], 1.0);
    assert_eq!(s["verdict"], "robust");
    // The nearest change is still said, as what would change the leader.
    assert!(s["nearest"]
        .as_str()
        .unwrap()
        .contains("-50% on p1@1.0.0 would make y the leader"));

    // With w1 = 1.2: X 120/2.2 = 54.5, Y 50/2.2 = 22.7; X leads while 100 w1 > 50: low 0.5,
    // a change of (0.5 − 1.2)/1.2 = −58%. With Y at level 4 (r2 100) instead: X leads while
    // 100 w1 > 100, so from 1: −17%, under 25%: fragile.
    t.file(
        "tender.toml",
        &std::fs::read_to_string(t.path().join("tender.toml"))
            .unwrap()
            .replacen("weight = 1\n", "weight = 1.2\n", 1),
    );
    t.response(
        "y",
        "supplier: Y\nanswers:\n  P-1:\n    answer: 0\n  P-2:\n    answer: 4\n",
    );
    let s = analyse(&t);
    approx(&weight(&s, "p1@1.0.0")["nearest_change"], (1.0 - 1.2) / 1.2);
    assert_eq!(s["verdict"], "fragile");
    assert!(s["nearest"]
        .as_str()
        .unwrap()
        .contains("-17% on p1@1.0.0 makes y the leader"));
}

#[test]
fn the_fewest_mark_changes_by_hand() {
    // One text question marked 0-4 by E1 and E2. X: 3 and 3 → 75; Y: 2 and 3 → 62.5.
    // Each one-point move changes a total by 100 × (1/2) / 4 = 12.5; the gap is 12.5, so
    // one move only ties: two are needed (fragile: 2 marks or fewer).
    let t = tender(&[("m", 1.0)], "");
    t.file("rubrics/m/1.0.0.yaml", &rubric("m", "M-1", "text", ""));
    t.response(
        "x",
        "supplier: X\nanswers:\n  M-1:\n    answer: Our method.\n",
    );
    t.response(
        "y",
        "supplier: Y\nanswers:\n  M-1:\n    answer: Our method.\n",
    );
    t.marks("evaluator,supplier,question,mark,reason\nE1,x,M-1,3,ok\nE2,x,M-1,3,ok\nE1,y,M-1,2,ok\nE2,y,M-1,3,ok\n");
    let s = analyse(&t);
    assert_eq!(s["marks"]["count"], 2, "{}", s["marks"]);
    assert_eq!(s["marks"]["new_leader"], "y");
    assert_eq!(s["verdict"], "fragile");
}

#[test]
fn the_evidence_what_if_by_hand() {
    // One scale question, evidence optional, unevidenced credit 0.5 (set below).
    // X: level 3 with a policy → 75. Y: level 4, no evidence → 50; with full credit 100 > 75.
    let t = tender(&[("e", 1.0)], "");
    let toml = std::fs::read_to_string(t.path().join("tender.toml")).unwrap();
    t.file(
        "tender.toml",
        &toml.replace("unevidenced_credit = 1", "unevidenced_credit = 0.5"),
    );
    t.file(
        "rubrics/e/1.0.0.yaml",
        &rubric(
            "e",
            "E-1",
            "scale",
            "        evidence:\n          kinds: [policy]\n",
        ),
    );
    t.file("submissions/x/p.txt", "Our policy.\n");
    t.response("x", "supplier: X\nanswers:\n  E-1:\n    answer: 3\n    evidence:\n      - {file: p.txt, kind: policy, issued: 2026-09-01}\n");
    t.response("y", "supplier: Y\nanswers:\n  E-1:\n    answer: 4\n");
    let s = analyse(&t);
    let y = &s["evidence"][0];
    assert_eq!(y["folder"], "y");
    approx(&y["now"], 50.0);
    approx(&y["with_full_credit"], 100.0);
    assert_eq!(y["would_lead"], true);
    // The table says it too.
    let out = stdout(&t.run(&["sensitivity", "."]));
    assert!(
        out.contains("y                      50.0 → 100.0  would lead"),
        "{out}"
    );
}

// ---- the property, in-process through the library ----

fn leader_at(dir: &Path, weights: &[f64]) -> Vec<String> {
    let mut loaded = tenderscore::load::load_tender(dir, &[]).unwrap();
    for (r, w) in loaded.rubrics.iter_mut().zip(weights) {
        r.weight = *w;
    }
    let result = tenderscore::score::score_tender(loaded.scorable().unwrap());
    result
        .suppliers
        .iter()
        .filter(|s| s.rank == Some(1))
        .map(|s| s.folder.clone())
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 40, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn a_stable_leader_leads_across_its_weight_range(
        levels in proptest::collection::vec(proptest::collection::vec(0u8..5, 3), 2..5),
        weights in proptest::collection::vec(1u8..10, 3),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let write = |rel: &str, text: &str| {
            let p = root.join(rel);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, text).unwrap();
        };
        let mut toml = "id = \"S\"\ntitle = \"S\"\nrisk = \"low\"\nas_of = 2026-10-01\nrubric_dirs = [\"rubrics\"]\n".to_string();
        for (k, w) in weights.iter().enumerate() {
            toml.push_str(&format!("\n[[rubrics]]\nuse = \"r{k}@1.0.0\"\nweight = {w}\n"));
            write(&format!("rubrics/r{k}/1.0.0.yaml"), &rubric(&format!("r{k}"), &format!("R-{k}"), "scale", ""));
        }
        toml.push_str("\n[scoring]\nunevidenced_credit = 1\nmin_total = 0\nmin_rubric = 0\n");
        write("tender.toml", &toml);
        for (i, ls) in levels.iter().enumerate() {
            let mut y = format!("supplier: S{i}\nanswers:\n");
            for (k, l) in ls.iter().enumerate() {
                y.push_str(&format!("  R-{k}:\n    answer: {l}\n"));
            }
            write(&format!("submissions/s{i}/response.yaml"), &y);
        }
        let loaded = tenderscore::load::load_tender(root, &[]).unwrap();
        let result = tenderscore::score::score_tender(loaded.scorable().unwrap());
        let s = tenderscore::score::sensitivity::analyse(&loaded, &result);
        let Some(leader) = s.leader.clone() else { return Ok(()) };
        // A tie for first place has no single leader to keep: the property is about one.
        prop_assume!(result.suppliers.iter().filter(|x| x.rank == Some(1)).count() == 1);
        let base: Vec<f64> = weights.iter().map(|w| f64::from(*w)).collect();
        for (k, range) in s.weights.iter().enumerate() {
            let high = range.high.unwrap_or(range.value * 4.0 + 4.0);
            let eps = 1e-6 * (1.0 + high);
            for w in [range.low + eps, (range.low + high) / 2.0, high - eps] {
                if w < 0.0 { continue; }
                let mut ws = base.clone();
                ws[k] = w;
                let leaders = leader_at(root, &ws);
                prop_assert!(
                    leaders.contains(&leader),
                    "rubric {k} at {w} (range {} to {:?}): leaders {leaders:?}, not {leader}",
                    range.low, range.high
                );
            }
        }
    }
}
