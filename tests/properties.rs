//! Invariants of the scorer over many generated responses (a fixed-seed generator, so every
//! run checks the same cases): scores stay within 0-100, the order of answers in a file does
//! not matter, and adding valid evidence never lowers a score.

mod common;
use common::*;

/// A small deterministic generator (xorshift), so failures are reproducible.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn pick(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// Answers for the test rubric: (id, yaml of the answer body), with evidence or not.
fn answers(rng: &mut Rng) -> Vec<(String, String, bool)> {
    let mut out = Vec::new();
    let ev = |rng: &mut Rng, kind: &str| -> (String, bool) {
        if rng.pick(2) == 0 {
            (
                format!(
                    "\n    evidence:\n      - {{file: e.txt, kind: {kind}, issued: 2026-06-01}}"
                ),
                true,
            )
        } else {
            (String::new(), false)
        }
    };
    if rng.pick(4) > 0 {
        let (e, has) = ev(rng, "policy");
        out.push(("T-1".into(), format!("answer: {}{e}", rng.pick(5)), has));
    }
    if rng.pick(4) > 0 {
        let (e, has) = ev(rng, "contract_clause");
        out.push((
            "T-2".into(),
            format!("answer: {}{e}", ["yes", "no"][rng.pick(2) as usize]),
            has,
        ));
    }
    if rng.pick(4) > 0 {
        let (e, has) = ev(rng, "test_report");
        out.push((
            "T-3".into(),
            format!(
                "answer: {}{e}",
                ["full", "part", "none"][rng.pick(3) as usize]
            ),
            has,
        ));
    }
    if rng.pick(4) > 0 {
        let (e, has) = ev(rng, "procedure");
        out.push(("T-4".into(), format!("answer: {}{e}", rng.pick(100)), has));
    }
    out
}

fn response(name: &str, a: &[(String, String, bool)]) -> String {
    let mut s = format!("supplier: {name}\nanswers:\n");
    for (id, body, _) in a {
        s.push_str(&format!("  {id}:\n    {body}\n"));
    }
    s
}

fn figures(s: &serde_json::Value) -> serde_json::Value {
    let mut s = s.clone();
    let o = s.as_object_mut().unwrap();
    o.remove("response_sha256");
    o.remove("evidence_files");
    s
}

#[test]
fn scores_stay_in_range_and_answer_order_does_not_matter() {
    let mut rng = Rng(0x5eed_1234_abcd_0001);
    for case in 0..25 {
        let t = Tender::new(&toml(
            ["low", "medium", "high"][case % 3],
            "[scoring]\nmin_total = 0\nmin_rubric = 0\n",
        ));
        let a = answers(&mut rng);
        let mut reversed = a.clone();
        reversed.reverse();
        t.response("a", &response("A", &a));
        t.response("b", &response("B", &reversed));
        t.file("submissions/a/e.txt", "evidence\n")
            .file("submissions/b/e.txt", "evidence\n");
        let j = t.json();
        for s in j["suppliers"].as_array().unwrap() {
            let total = s["total"].as_f64().unwrap();
            assert!((0.0..=100.0).contains(&total), "case {case}: total {total}");
            for (_, v) in s["sections"].as_object().unwrap() {
                if let Some(v) = v.as_f64() {
                    assert!((0.0..=100.0).contains(&v), "case {case}: section {v}");
                }
            }
            for q in s["questions"].as_array().unwrap() {
                if let Some(score) = q["score"].as_f64() {
                    assert!((0.0..=1.0).contains(&score), "case {case}: {q}");
                }
            }
        }
        let (mut x, mut y) = (figures(supplier(&j, "A")), figures(supplier(&j, "B")));
        for v in [&mut x, &mut y] {
            let o = v.as_object_mut().unwrap();
            o.remove("supplier");
            o.remove("folder");
            o.remove("rank");
        }
        assert_eq!(x, y, "case {case}: answer order changed the figures");
    }
}

#[test]
fn adding_valid_evidence_never_lowers_a_score() {
    let mut rng = Rng(0x0dd_ba11_cafe_0002);
    for case in 0..25 {
        let t = Tender::new(&toml(
            ["low", "medium", "high"][case % 3],
            "[scoring]\nmin_total = 0\nmin_rubric = 0\n",
        ));
        let without: Vec<_> = answers(&mut rng)
            .into_iter()
            .map(|(id, body, _)| {
                (
                    id,
                    body.split("\n    evidence:").next().unwrap().to_string(),
                    false,
                )
            })
            .collect();
        let kinds = [
            ("T-1", "policy"),
            ("T-2", "contract_clause"),
            ("T-3", "test_report"),
            ("T-4", "procedure"),
        ];
        let with: Vec<_> = without
            .iter()
            .map(|(id, body, _)| {
                let kind = kinds.iter().find(|k| k.0 == id).unwrap().1;
                let verified = if rng.pick(2) == 0 { ", verified_by: Assure Ltd" } else { "" };
                (id.clone(), format!("{body}\n    evidence:\n      - {{file: e.txt, kind: {kind}, issued: 2026-06-01{verified}}}"), true)
            })
            .collect();
        t.response("a", &response("Without", &without));
        t.response("b", &response("With", &with));
        t.file("submissions/b/e.txt", "evidence\n");
        let j = t.json();
        let (a, b) = (supplier(&j, "Without"), supplier(&j, "With"));
        assert!(b["total"].as_f64() >= a["total"].as_f64(), "case {case}");
        for q in a["questions"].as_array().unwrap() {
            let id = q["id"].as_str().unwrap();
            let after = question(b, id);
            assert!(
                after["score"].as_f64() >= q["score"].as_f64(),
                "case {case} {id}: {q} -> {after}"
            );
        }
    }
}
