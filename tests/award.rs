//! `[award]`: price weighed with quality. Figures worked out by hand in the comments, on a
//! one-question rubric whose quality total is simply 25 × the level answered.

mod common;
use common::*;
use serde_json::Value;

const RUBRIC: &str = "id: p\nversion: 1.0.0\ntitle: P\nsources:\n  - title: tests\nsections:\n  - id: a\n    title: A\n    questions:\n      - id: P-1\n        text: How good?\n        kind: scale\n        levels: [0, 1, 2, 3, 4]\n        refs: [TEST]\n";

/// Quality weight 50, price weight 50, threshold 20, `lowest`, budget 1,000, two years.
fn tender(method: &str) -> Tender {
    let t = Tender::new(&format!(
        "id = \"A-1\"\ntitle = \"Award\"\nrisk = \"low\"\nas_of = 2026-10-01\nrubric_dirs = [\"rubrics\"]\n\n[[rubrics]]\nuse = \"p@1.0.0\"\n\n[scoring]\nunevidenced_credit = 1\nmin_total = 0\nmin_rubric = 0\n\n[award]\nquality_weight = 50\nprice_weight = 50\nquality_threshold = 20\nprice_method = \"{method}\"\nbudget = 1000\nyears = 2\nabnormally_low = 0.7\n\n[[award.costs]]\nid = \"implementation\"\nlabel = \"Implementation\"\n\n[[award.costs]]\nid = \"licence\"\nlabel = \"Licence\"\nper_year = true\n"
    ));
    t.file("rubrics/p/1.0.0.yaml", RUBRIC);
    // (folder, level, implementation, licence): whole-life cost = implementation + 2 × licence
    for (folder, level, once, yearly) in [
        ("a", 4, 100, 100),  // quality 100, cost 300
        ("b", 3, 50, 50),    // quality 75, cost 150
        ("c", 1, 10, 20),    // quality 25, cost 50: the lowest
        ("d", 0, 100, 0),    // quality 0: below the threshold of 20
        ("e", 4, 1000, 500), // cost 2,000: over the budget of 1,000
    ] {
        t.response(
            folder,
            &format!(
                "supplier: {}\nanswers:\n  P-1:\n    answer: {level}\n",
                folder.to_uppercase()
            ),
        );
        t.file(
            &format!("submissions/{folder}/price.yaml"),
            &format!("currency: GBP\ncosts:\n  implementation: {once}\n  licence: {yearly}\n"),
        );
    }
    t
}

fn s<'a>(j: &'a Value, folder: &str) -> &'a Value {
    by_folder(j, folder)
}

#[test]
fn lowest_price_scores_award_scores_threshold_budget_and_ranking() {
    let j = tender("lowest").json();
    // Qualifying: a, b, c (d is below the threshold, e over the budget). Lowest cost 50.
    // Price: a 100 × 50/300 = 16.67; b 100 × 50/150 = 33.33; c 100.
    // Award (50/50): a (100 + 16.67)/2 = 58.33; b (75 + 33.33)/2 = 54.17; c (25 + 100)/2 = 62.5.
    approx(&s(&j, "a")["price"]["score"], 100.0 * 50.0 / 300.0);
    approx(&s(&j, "b")["price"]["score"], 100.0 * 50.0 / 150.0);
    approx(&s(&j, "c")["price"]["score"], 100.0);
    approx(
        &s(&j, "a")["award_score"],
        (100.0 + 100.0 * 50.0 / 300.0) / 2.0,
    );
    approx(&s(&j, "c")["award_score"], 62.5);
    approx(&s(&j, "a")["price"]["whole_life_cost"], 300.0);
    // Ranked by award score: c, a, b; the quality leader (a) is not the award leader.
    assert_eq!(s(&j, "c")["rank"], 1);
    assert_eq!(s(&j, "a")["rank"], 2);
    assert_eq!(s(&j, "b")["rank"], 3);
    assert_eq!(s(&j, "d")["status"], "fail");
    assert!(s(&j, "d")["reasons"][0]
        .as_str()
        .unwrap()
        .starts_with("quality total 0.0 is below the quality threshold of 20"));
    assert_eq!(s(&j, "e")["status"], "fail");
    assert!(s(&j, "e")["reasons"]
        .to_string()
        .contains("whole-life cost 2,000 is above the budget of 1,000"));
    assert!(s(&j, "d")["price"]["score"].is_null());
    assert_eq!(j["award"]["price_method"], "lowest");
}

#[test]
fn linear_and_budget_methods() {
    let j = tender("linear").json();
    // linear: b 100 × (1 − (150 − 50)/50) < 0 → 0; a likewise 0; c 100.
    approx(&s(&j, "b")["price"]["score"], 0.0);
    approx(&s(&j, "c")["price"]["score"], 100.0);
    // And where it does not clamp: lowest 50; 60 scores 100 × (1 − 10/50) = 80, 80 scores 40.
    let j = three("linear", 1, [("a", 4, 60), ("b", 3, 50), ("c", 1, 80)]).json();
    approx(&s(&j, "a")["price"]["score"], 80.0);
    approx(&s(&j, "b")["price"]["score"], 100.0);
    approx(&s(&j, "c")["price"]["score"], 40.0);
    let j = tender("budget").json();
    // budget 1,000: a 100 × (1000 − 300)/(1000 − 50) = 73.68; b 100 × 850/950 = 89.47.
    approx(&s(&j, "a")["price"]["score"], 100.0 * 700.0 / 950.0);
    approx(&s(&j, "b")["price"]["score"], 100.0 * 850.0 / 950.0);
}

#[test]
fn an_abnormally_low_price_is_flagged_never_excluded() {
    let j = tender("lowest").json();
    // c: 50 against the median of a and b (300, 150) = 225; 0.7 × 225 = 157.5 > 50.
    let flags = s(&j, "c")["flags"].to_string();
    assert!(flags.contains("abnormally_low"), "{flags}");
    assert!(flags.contains(
        "whole-life cost 50 is below 0.7 of the median of the other qualifying tenders (225)"
    ));
    assert_eq!(s(&j, "c")["rank"], 1, "flagged, not excluded");
    // b: 150 against the median of (300, 50) = 175; 0.7 × 175 = 122.5 < 150: not flagged.
    assert!(!s(&j, "b")["flags"].to_string().contains("abnormally_low"));
}

#[test]
fn a_rank_reversal_caused_by_a_third_tender_is_flagged_on_both() {
    let j = tender("lowest").json();
    // Without c the lowest cost is 150: a (100 + 50)/2 = 75 and b (75 + 100)/2 = 87.5, so b
    // would lead a; with c, a (58.33) leads b (54.17).
    for folder in ["a", "b"] {
        let flags = s(&j, folder)["flags"].to_string();
        assert!(
            flags.contains("the order of A and B would change if C's tender were left out"),
            "{folder}: {flags}"
        );
    }
    // The budget method scores against the budget, not the lowest: no reversal.
    let j = tender("budget").json();
    assert!(!j.to_string().contains("rank_depends_on_others"));
}

/// Three tenders (folder, level, whole-life cost) under `method`, scoring rules `rules`.
fn three(method: &str, rules: u32, bids: [(&str, u32, u32); 3]) -> Tender {
    let t = Tender::new(&format!(
        "id = \"A-2\"\ntitle = \"Award\"\nrisk = \"low\"\nas_of = 2026-10-01\nrubric_dirs = [\"rubrics\"]\n\n[[rubrics]]\nuse = \"p@1.0.0\"\n\n[scoring]\nrules = {rules}\nunevidenced_credit = 1\nmin_total = 0\nmin_rubric = 0\n\n[award]\nquality_weight = 50\nprice_weight = 50\nquality_threshold = 20\nprice_method = \"{method}\"\nbudget = 1000\nyears = 2\n\n[[award.costs]]\nid = \"implementation\"\nlabel = \"Implementation\"\n"
    ));
    t.file("rubrics/p/1.0.0.yaml", RUBRIC);
    for (folder, level, cost) in bids {
        t.response(
            folder,
            &format!(
                "supplier: {}\nanswers:\n  P-1:\n    answer: {level}\n",
                folder.to_uppercase()
            ),
        );
        t.file(
            &format!("submissions/{folder}/price.yaml"),
            &format!("currency: GBP\ncosts:\n  implementation: {cost}\n"),
        );
    }
    t
}

fn reversal_flags(j: &Value, folder: &str) -> Vec<String> {
    s(j, folder)["flags"]
        .as_array()
        .map(|f| {
            f.iter()
                .filter(|f| f["kind"] == "rank_depends_on_others")
                .map(|f| f["message"].as_str().unwrap().to_string())
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn under_rules_2_a_budget_price_can_reverse_ranks_and_is_flagged() {
    // budget 1,000. a: quality 75, cost 200; b: quality 100, cost 420; c: quality 25, cost 10.
    // With c: a price 100 × 800/990 = 80.81, award 77.90; b 100 × 580/990 = 58.59, award
    // 79.29: b leads a. Without c the lowest is a's 200: a 100, award 87.5; b 100 × 580/800 =
    // 72.5, award 86.25: a leads b. Leaving c out reverses them.
    let bids = [("a", 3, 200), ("b", 4, 420), ("c", 1, 10)];
    let j = three("budget", 2, bids).json();
    assert_eq!(s(&j, "b")["rank"], 1);
    assert_eq!(s(&j, "a")["rank"], 2);
    for folder in ["a", "b"] {
        assert_eq!(
            reversal_flags(&j, folder),
            ["the order of A and B would change if C's tender were left out: the price method scores each price against the lowest"],
            "{folder}"
        );
    }
    assert!(reversal_flags(&j, "c").is_empty());
    // Rules 1 keeps its results as they were: budget is not checked.
    let j = three("budget", 1, bids).json();
    assert!(!j.to_string().contains("rank_depends_on_others"));
    // Where leaving any one tender out keeps every order, nothing is flagged: c at 900 is not
    // the lowest, and leaving a (the lowest) out keeps b ahead of c.
    let j = three("budget", 2, [("a", 3, 200), ("b", 4, 420), ("c", 1, 900)]).json();
    assert!(!j.to_string().contains("rank_depends_on_others"), "{j}");
}

#[test]
fn under_rules_2_a_tie_that_a_third_tender_decides_is_flagged() {
    // lowest. a: quality 100, cost 200; b: quality 75, cost 100; c: quality 25, cost 50.
    // With c: a price 25, award 62.5; b price 50, award 62.5: a tie, both rank 1. Without c
    // the lowest is 100: a 50 → 75, b 100 → 87.5: b leads. Exact: the tie is a rank.
    let bids = [("a", 4, 200), ("b", 3, 100), ("c", 1, 50)];
    let j = three("lowest", 2, bids).json();
    assert_eq!(s(&j, "a")["rank"], 1);
    assert_eq!(s(&j, "b")["rank"], 1);
    assert_eq!(reversal_flags(&j, "a").len(), 1, "{j}");
    assert_eq!(reversal_flags(&j, "b").len(), 1);
    // Rules 1 flagged only a strict reversal, and still does.
    let j = three("lowest", 1, bids).json();
    assert!(reversal_flags(&j, "a").is_empty());
}

#[test]
fn price_files_are_checked_at_their_lines() {
    let t = tender("lowest");
    t.file(
        "submissions/a/price.yaml",
        "currency: EUR\ncosts:\n  implementation: -5\n  license: 100\n",
    );
    std::fs::remove_file(t.path().join("submissions/b/price.yaml")).unwrap();
    let out = stdout(&t.run(&["check", "."]));
    for expected in [
        "submissions/a/price.yaml:1:11: currency `EUR`: this tender is priced in GBP",
        "submissions/a/price.yaml:3:19: `implementation` must be 0 (nothing charged) or an amount from 0.01 to 1,000,000,000,000, found -5",
        "submissions/a/price.yaml:4:12: `license` is not a cost line of this tender (did you mean `licence`?)",
        "submissions/a/price.yaml: costs: `licence` (Licence) is missing",
        "submissions/b/price.yaml: no price.yaml in this supplier folder",
    ] {
        assert!(out.contains(expected), "{expected} not in {out}");
    }
    // Those suppliers are in error; the others are still scored and ranked.
    let j = t.json_with_code(2);
    assert_eq!(s(&j, "a")["status"], "error");
    assert_eq!(s(&j, "c")["rank"], 1);
}

#[test]
fn summary_names_the_most_advantageous_tender_only_under_award() {
    let t = tender("lowest");
    // C's price is flagged as abnormally low: the evaluation is provisional, so there is no
    // summary to send until the panel has looked into it.
    let o = t.run(&["summary", ".", "--supplier", "a"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("abnormally low"), "{}", stderr(&o));
    let toml = std::fs::read_to_string(t.path().join("tender.toml")).unwrap();
    t.file("tender.toml", &toml.replace("abnormally_low = 0.7\n", ""));
    let out = stdout(&t.run(&["summary", ".", "--supplier", "a"]));
    assert!(
        out.contains("The most advantageous tender was submitted by **C**"),
        "{out}"
    );
    assert!(
        out.contains("| Your tender | GBP 300 | 16.7 | 58.3 |"),
        "{out}"
    );
    // The winner's whole-life cost is commercially sensitive: not disclosed by default.
    assert!(
        out.contains("| Most advantageous tender (C) | not disclosed | 100.0 | 62.5 |"),
        "{out}"
    );
    // No panel note in a document for the supplier.
    assert!(!out.contains("For the panel"), "{out}");
    let j = t.json();
    assert!(j["sensitivity"]["verdict"] == "robust" || j["sensitivity"]["verdict"] == "fragile");
    // Without [award] nobody is called the most advantageous tender.
    let toml = std::fs::read_to_string(t.path().join("tender.toml")).unwrap();
    t.file("tender.toml", &toml[..toml.find("[award]").unwrap()]);
    let out = stdout(&t.run(&["summary", ".", "--supplier", "b"]));
    assert!(!out.contains("most advantageous tender was"), "{out}");
    assert!(
        out.contains("The highest quality score was achieved by **A**, with a total score of **100.0**. No price was evaluated, so the tool names no most advantageous tender."),
        "{out}"
    );
}

#[test]
fn template_writes_a_blank_price_file_and_init_an_award_table() {
    let t = tender("lowest");
    let o = t.run(&["template", ".", "--price"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let blank = stdout(&o);
    assert!(blank.contains("currency: \"GBP\"\ncosts:\n"), "{blank}");
    assert!(
        blank.contains("  # Licence (every year)\n  licence:\n"),
        "{blank}"
    );
    let tmp = tempfile::tempdir().unwrap();
    let o = run_in(
        tmp.path(),
        &["init", "n", "--award", "--as-of", "2026-10-01"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let toml = std::fs::read_to_string(tmp.path().join("n/tender.toml")).unwrap();
    assert!(toml.contains("[award]\nquality_weight = 70"));
    assert_eq!(run_in(tmp.path(), &["check", "n"]).status.code(), Some(0));
}
