//! Documents a council can send and defend (docs/formats.md §3.8, §4): an evaluation is final
//! or provisional and every output says which; an assessment summary is refused while it is
//! provisional (or drafted, marked not for sending), and for a tender that was not assessed;
//! summaries carry no panel note and, by default, not the winner's cost; clarification
//! letters never ask for new evidence, verification or a changed answer. Each test fails on
//! 0.1.

mod common;
use common::*;
use std::path::Path;

fn example_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&example(), dir.path());
    dir
}

fn json(dir: &Path) -> serde_json::Value {
    let o = run_in(dir, &["score", ".", "--format", "json"]);
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("{e}: {}", stderr(&o)))
}

#[test]
fn the_example_is_provisional_and_every_output_says_so_first() {
    let j = json(&example());
    assert_eq!(j["final"], false);
    let pending = j["pending"].as_array().unwrap();
    let kinds: Vec<&str> = pending
        .iter()
        .map(|p| p["kind"].as_str().unwrap())
        .collect();
    assert!(kinds.contains(&"abnormally_low"), "{kinds:?}");
    assert!(kinds.contains(&"marks"), "{kinds:?}");
    assert!(pending
        .iter()
        .any(|p| p["supplier"] == "meadowbank-analytics" && p["question"] == "CONTRACT-7"));
    let table = stdout(&run_in(&example(), &["score", "."]));
    let third = table.lines().nth(2).unwrap();
    assert!(third.starts_with("Provisional:"), "{table}");
}

#[test]
fn a_provisional_evaluation_has_no_summary_but_a_draft() {
    let o = run_in(&example(), &["summary", ".", "--supplier", "quillon-ai"]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("provisional") && err.contains("CONTRACT-7"),
        "{err}"
    );
    assert!(stdout(&o).is_empty());
    let o = run_in(
        &example(),
        &["summary", ".", "--supplier", "quillon-ai", "--draft"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let draft = stdout(&o);
    assert!(
        draft.starts_with("**DRAFT — provisional, not for sending.**"),
        "{draft}"
    );
    assert!(
        !draft.contains("most advantageous tender was submitted by"),
        "{draft}"
    );
    assert!(
        !draft.contains("Pennine"),
        "a draft names no leader: {draft}"
    );
}

#[test]
fn a_final_summary_names_the_winner_without_its_cost_or_any_panel_note() {
    let dir = final_example();
    let j = json(dir.path());
    assert_eq!(j["final"], true, "{}", j["pending"]);
    let table = stdout(&run_in(dir.path(), &["score", "."]));
    assert!(
        table.contains("Final: the most advantageous tender is Pennine Care Data Ltd."),
        "{table}"
    );
    let o = run_in(dir.path(), &["summary", ".", "--supplier", "quillon-ai"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let s = stdout(&o);
    assert!(s.contains("submitted by **Pennine Care Data Ltd**"), "{s}");
    assert!(
        !s.contains("300,000"),
        "the winner's cost is not disclosed: {s}"
    );
    assert!(s.contains("not disclosed"), "{s}");
    assert!(!s.contains("For the panel") && !s.contains("leader"), "{s}");
    // Disclosed when the tender says so.
    let toml = std::fs::read_to_string(dir.path().join("tender.toml")).unwrap();
    std::fs::write(
        dir.path().join("tender.toml"),
        format!("{toml}\n[summary]\ndisclose_winning_price = true\n"),
    )
    .unwrap();
    let s = stdout(&run_in(
        dir.path(),
        &["summary", ".", "--supplier", "quillon-ai"],
    ));
    assert!(s.contains("GBP 300,000"), "{s}");
}

#[test]
fn no_summary_for_a_tender_that_failed_a_condition_of_participation() {
    let dir = final_example();
    let o = run_in(
        dir.path(),
        &["summary", ".", "--supplier", "cobalt-analytics"],
    );
    assert_eq!(o.status.code(), Some(2), "{}", stdout(&o));
    assert!(
        stderr(&o).contains("failed a condition of participation (gate AIME-1.1 failed"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn letters_never_ask_for_new_evidence_verification_or_a_changed_answer() {
    let dir = tempfile::tempdir().unwrap();
    let letters = dir.path().join("letters");
    let o = run_in(
        &example(),
        &["clarify", ".", "--letters", letters.to_str().unwrap()],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    for entry in std::fs::read_dir(&letters).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        let items: String = text
            .lines()
            .filter(|l| {
                l.split_once(". ")
                    .is_some_and(|(n, _)| n.parse::<u32>().is_ok())
            })
            .collect::<Vec<_>>()
            .join("\n");
        for forbidden in [
            "Can you provide",
            "send evidence",
            "independent verification",
            "confirm that we have read your answer",
            "Which answer is right",
            "instead?",
        ] {
            assert!(!items.contains(forbidden), "{forbidden}: {items}");
        }
        if !items.is_empty() {
            assert!(
                text.contains("evidence issued after the tender deadline"),
                "{text}"
            );
            assert!(
                text.contains("pass/fail questions will not be revisited"),
                "{text}"
            );
        }
    }
    // The failed gates go to the panel instead.
    let panel = stdout(&run_in(&example(), &["clarify", ".", "--panel"]));
    assert!(
        panel.contains("GDPR-10 (for the panel): a pass/fail question"),
        "{panel}"
    );
}

#[test]
fn the_abnormally_low_flag_cites_section_19_and_the_estimate_counts_too() {
    let j = json(&example());
    let flags = by_folder(&j, "pennine-care-data")["flags"].to_string();
    assert!(flags.contains("Procurement Act 2023 s.19(3)(c)"), "{flags}");
    assert!(!flags.contains("s.34"));
    let dir = example_copy();
    let toml = std::fs::read_to_string(dir.path().join("tender.toml"))
        .unwrap()
        .replace(
            "abnormally_low = 0.7",
            "abnormally_low = 0.7\nabnormally_low_estimate = 1000000",
        );
    assert!(toml.contains("abnormally_low_estimate"));
    std::fs::write(dir.path().join("tender.toml"), toml).unwrap();
    let j = json(dir.path());
    let flags = by_folder(&j, "meadowbank-analytics")["flags"].to_string();
    assert!(
        flags.contains("below 0.7 of the pre-tender estimate"),
        "{flags}"
    );
}

#[test]
fn rubric_minimums_are_the_councils_choice() {
    // Under rules 2 an absent min_rubric means none; `min` on a rubric sets its own.
    let dir = final_example();
    let toml = std::fs::read_to_string(dir.path().join("tender.toml")).unwrap();
    let without: String = toml
        .lines()
        .filter(|l| !l.trim_start().starts_with("min_rubric"))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(dir.path().join("tender.toml"), &without).unwrap();
    let j = json(dir.path());
    let reasons = by_folder(&j, "brindleworth-digital")["reasons"].to_string();
    assert!(!reasons.contains("per rubric"), "{reasons}");
    let with_min = without.replace(
        "use = \"social-value@1.2.0\"",
        "use = \"social-value@1.2.0\"\nmin = 45",
    );
    std::fs::write(dir.path().join("tender.toml"), with_min).unwrap();
    let j = json(dir.path());
    let reasons = by_folder(&j, "brindleworth-digital")["reasons"].to_string();
    assert!(
        reasons.contains(
            "social-value@1.2.0 scored 39.7, below the minimum of 45 set for this rubric"
        ),
        "{reasons}"
    );
}

#[test]
fn the_report_opens_with_whether_the_evaluation_is_final() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("r.html");
    let o = run_in(&example(), &["report", ".", "-o", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let html = std::fs::read_to_string(&out).unwrap();
    let decision = html.find("id=\"decision\"").expect("a decision box");
    assert!(decision < html.find("id=\"ranking\"").unwrap());
    assert!(
        html.contains("<h2>Provisional</h2>")
            && html.contains("<li><strong>Meadowbank Analytics Ltd</strong>, CONTRACT-7:"),
        "no provisional box with what is pending"
    );
    let done = final_example();
    let o = run_in(done.path(), &["report", ".", "-o", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let html = std::fs::read_to_string(&out).unwrap();
    // Pennine 75.2 leads Larkspur 74.3 by 0.9 (figures from the JSON, rounded as shown).
    assert!(
        html.contains(
            "<h2>Final</h2>\n<p>The most advantageous tender: <strong>Pennine Care Data Ltd</strong>, award score <strong>75.2</strong>, 0.9 points ahead of Larkspur Health Intelligence Ltd (74.3).</p>"
        ),
        "no final decision box: {}",
        &html[html.find("id=\"decision\"").unwrap()..][..400]
    );
}

/// Adds a price decision about Pennine, bound to its price.yaml, to the copy's decisions.
fn price_decision(dir: &Path, kind: &str) {
    let j = json(dir);
    let hash = by_folder(&j, "pennine-care-data")["price_sha256"]
        .as_str()
        .unwrap()
        .to_string();
    let csv = dir.join("decisions.csv");
    let mut text = std::fs::read_to_string(&csv).unwrap();
    text.push_str(&format!(
        "pennine-care-data,price,{kind},\"Explanation of 2026-10-08 read by the panel\",J. Patel (Head of Procurement),{},\n",
        &hash[..16]
    ));
    std::fs::write(csv, text).unwrap();
}

#[test]
fn a_disregarded_price_reranks_and_rescores_without_that_tender() {
    let dir = example_copy();
    let before = json(dir.path());
    assert_eq!(
        by_folder(&before, "meadowbank-analytics")["price"]["score"],
        50.0
    );
    price_decision(dir.path(), "disregard_price");
    let j = json(dir.path());
    let pennine = by_folder(&j, "pennine-care-data");
    assert_eq!(pennine["status"], "disregarded");
    assert!(pennine["rank"].is_null());
    assert!(pennine["reasons"].to_string().contains("s.19(3)(c)"));
    // Meadowbank's 600,000 is now the lowest qualifying cost.
    assert_eq!(
        by_folder(&j, "meadowbank-analytics")["price"]["score"],
        100.0
    );
    assert_eq!(by_folder(&j, "larkspur")["rank"], 1);
    // Pennine is no longer pending; among the two left, Meadowbank's 600,000 is now below 0.7
    // of Larkspur's 900,000, and is flagged in its turn.
    let pending = j["pending"].as_array().unwrap();
    assert!(!pending.iter().any(|p| p["supplier"] == "pennine-care-data"));
    assert!(pending
        .iter()
        .any(|p| p["supplier"] == "meadowbank-analytics" && p["kind"] == "abnormally_low"));
    let o = run_in(
        dir.path(),
        &["summary", ".", "--supplier", "pennine-care-data", "--draft"],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("disregarded"), "{}", stderr(&o));
}

#[test]
fn an_accepted_price_closes_the_flag_and_the_letter_asks_first() {
    // Before the panel decides, Pennine's letter asks it to explain its price.
    let letter = stdout(&run_in(
        &example(),
        &["clarify", ".", "--supplier", "pennine-care-data"],
    ));
    assert!(
        letter.contains("## Your price") && letter.contains("s.19(4)"),
        "{letter}"
    );
    let dir = example_copy();
    price_decision(dir.path(), "accept_price");
    let j = json(dir.path());
    let pennine = by_folder(&j, "pennine-care-data");
    assert_eq!(pennine["status"], "pass");
    assert!(!pennine["flags"].to_string().contains("abnormally_low"));
    assert!(pennine["flags"]
        .to_string()
        .contains("panel decision (accept_price"));
    let kinds: Vec<&str> = j["pending"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["marks"]);
    // A changed price.yaml makes the decision stale.
    let p = dir.path().join("submissions/pennine-care-data/price.yaml");
    let text = std::fs::read_to_string(&p).unwrap();
    std::fs::write(&p, format!("# revised\n{text}")).unwrap();
    let j = json(dir.path());
    let d = &by_folder(&j, "pennine-care-data")["decisions"];
    assert!(d.to_string().contains("stale: made on price.yaml"), "{d}");
}

#[test]
fn the_methodology_gives_every_criterions_share_of_the_award_summing_to_100() {
    let o = run_in(&example(), &["methodology", "."]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let md = stdout(&o);
    // The share table: each award criterion and price, then the total.
    let shares: Vec<f64> = md
        .lines()
        .skip_while(|l| !l.starts_with("| Award criterion"))
        .skip(2)
        .take_while(|l| l.starts_with('|') && !l.contains("**Total**"))
        .map(|l| {
            let cell = l.trim_end_matches('|').rsplit('|').next().unwrap().trim();
            cell.trim_end_matches('%').parse::<f64>().unwrap()
        })
        .collect();
    assert_eq!(shares.len(), 5, "four award criteria and price: {md}");
    assert!(
        (shares.iter().sum::<f64>() - 100.0).abs() < 0.25,
        "{shares:?}"
    );
    assert!(md.contains("| **Total** | **100.0%** |"), "{md}");
    assert!(md.contains("| Price | 30.0% |"), "{md}");
    // The condition of participation is pass/fail, not a share of the award.
    assert!(md.contains("## Conditions of participation"), "{md}");
    assert!(md.contains("Worked example:"), "{md}");
    assert!(md.contains("s.19(3)(c)"), "{md}");
    assert!(
        md.contains("**GDPR-2**") && md.contains("**pass/fail**"),
        "{md}"
    );
    // Deterministic, and the HTML is one page without scripts.
    assert_eq!(md, stdout(&run_in(&example(), &["methodology", "."])));
    let html = stdout(&run_in(
        &example(),
        &["methodology", ".", "--format", "html"],
    ));
    assert!(html.starts_with("<!DOCTYPE html>") && !html.contains("<script"));
    assert!(html.contains("<table id=\"shares\">"));
    insta::assert_snapshot!(
        "methodology_head",
        md.lines().take(40).collect::<Vec<_>>().join("\n")
    );
}

/// The README's walkthrough: the panel accepts Pennine's explanation of its price and agrees
/// Meadowbank's moderated mark; the evaluation is final and the summaries follow reg 31.
fn settled_example() -> tempfile::TempDir {
    let dir = example_copy();
    price_decision(dir.path(), "accept_price");
    let marks = dir.path().join("marks.csv");
    let mut m = std::fs::read_to_string(&marks).unwrap();
    m.push_str("moderated,meadowbank-analytics,CONTRACT-7,3,Moderated by the panel\n");
    std::fs::write(&marks, m).unwrap();
    dir
}

#[test]
fn a_final_summary_gives_what_regulation_31_asks_for() {
    let dir = settled_example();
    let j = json(dir.path());
    assert_eq!(j["final"], true, "{}", j["pending"]);
    let o = run_in(dir.path(), &["summary", ".", "--supplier", "larkspur"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let s = stdout(&o);
    // The winner's name, unique identifier, postal address and email (reg 31(2)(a)-(c)).
    assert!(
        s.contains("submitted by **Pennine Care Data Ltd** (company number 11928374, address Unit 4 Bridge Mill, Hebden Bridge, West Yorkshire HX7 8EX, email bids@penninecaredata.example)"),
        "{s}"
    );
    // Each criterion's share of the whole award, price included.
    assert!(
        s.contains("(psed@1.2.0) | 17.5% of the award | **84.6** | **61.2** |"),
        "{s}"
    );
    assert!(
        s.contains("| **Price** | 30% of the award | **33.3** | **100.0** |"),
        "{s}"
    );
    // Scales and thresholds.
    assert!(s.contains("## How tenders were scored"), "{s}");
    assert!(s.contains("marked 0 to 5 by each evaluator"), "{s}");
    assert!(
        s.contains("A tender fails if its quality total is below 60"),
        "{s}"
    );
    assert!(
        s.contains("Price score = 100 × the lowest qualifying whole-life cost"),
        "{s}"
    );
    // Cobalt failed the condition of participation: not an assessed tender.
    assert!(s.contains("ranked **2** of 5 tenders assessed"), "{s}");
    assert!(!s.contains("J. Patel"), "{s}");
    // A panel decision in fixed words: neither its reason nor who approved it (the panel
    // confirmed Pennine's scanned certificate).
    let p = stdout(&run_in(
        dir.path(),
        &["summary", ".", "--supplier", "pennine-care-data"],
    ));
    assert!(
        p.contains("(75% of the marks); the evaluation panel read the evidence and accepted that it bears out the answer"),
        "{p}"
    );
    assert!(
        !p.contains("J. Patel") && !p.contains("Scanned certificate read by the panel"),
        "{p}"
    );

    let o = run_in(
        dir.path(),
        &["summary", ".", "--supplier", "larkspur", "--format", "json"],
    );
    let a: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let shares: f64 = a["criteria"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["award_percent"].as_f64().unwrap())
        .sum::<f64>()
        + a["price_percent"].as_f64().unwrap();
    assert!((shares - 100.0).abs() < 1e-9, "{shares}");
    assert_eq!(a["most_advantageous"]["company_number"], "11928374");
    // The winner's own summary names it, with the details from its response.
    let o = run_in(
        dir.path(),
        &[
            "summary",
            ".",
            "--supplier",
            "pennine-care-data",
            "--format",
            "json",
        ],
    );
    let a: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(a["is_most_advantageous"], true);
    assert_eq!(
        a["most_advantageous"]["email"],
        "bids@penninecaredata.example"
    );
}

#[test]
fn identity_fields_are_checked_at_their_lines() {
    let dir = example_copy();
    let p = dir.path().join("submissions/quillon-ai/response.yaml");
    let text = std::fs::read_to_string(&p).unwrap();
    let bad = text
        .replace("email: uk-public@quillon.example", "email: not an address")
        .replace(
            "company_number: \"13579246\"",
            &format!("company_number: \"{}\"", "1".repeat(41)),
        );
    assert_ne!(bad, text);
    std::fs::write(&p, bad).unwrap();
    let out = stdout(&run_in(dir.path(), &["check", "."]));
    assert!(
        out.contains("quillon-ai/response.yaml:4:17: company_number is longer than 40 characters"),
        "{out}"
    );
    assert!(
        out.contains(
            "quillon-ai/response.yaml:6:8: email `not an address` is not an email address"
        ),
        "{out}"
    );
    // A terminal escape in an address is refused, not printed.
    let text = text.replace(
        "address: 30 Finsbury Square, London EC2A 1AG",
        "address: \"30 Finsbury Square\\e[2J\"",
    );
    std::fs::write(&p, text).unwrap();
    let out = stdout(&run_in(dir.path(), &["check", "."]));
    assert!(
        out.contains("quillon-ai/response.yaml:5:10: address must be printable text"),
        "{out}"
    );
}

#[test]
fn the_response_workbook_carries_the_identity_fields() {
    let dir = tempfile::tempdir().unwrap();
    let yaml = example().join("submissions/pennine-care-data/response.yaml");
    let xlsx = dir.path().join("response.xlsx");
    let o = run_in(
        &example(),
        &[
            "convert",
            yaml.to_str().unwrap(),
            "-o",
            xlsx.to_str().unwrap(),
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let back = dir.path().join("back.yaml");
    let o = run_in(
        &example(),
        &[
            "convert",
            xlsx.to_str().unwrap(),
            "-o",
            back.to_str().unwrap(),
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = std::fs::read_to_string(back).unwrap();
    for line in [
        "company_number: \"11928374\"",
        "address: \"Unit 4 Bridge Mill, Hebden Bridge, West Yorkshire HX7 8EX\"",
        "email: \"bids@penninecaredata.example\"",
    ] {
        assert!(text.contains(line), "{line}\n{text}");
    }
}
