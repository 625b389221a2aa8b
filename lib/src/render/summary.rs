//! The assessment summary (Procurement Act 2023 s.50) as Markdown or JSON.

use super::cells::pct as p;
use crate::result::Status;
use crate::review::summary::{AssessmentSummary, Basis, PriceLine};
use crate::sanitize::markdown as md;
use std::fmt::Write as _;

/// The summary as Markdown, ready to review and send.
pub fn markdown(a: &AssessmentSummary) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# Assessment summary — {} {}\n",
        md(&a.tender),
        md(&a.title)
    );
    let _ = writeln!(
        out,
        "**Supplier:** {}  \n**Contracting authority:** {}  \n**Evaluated as of:** {} (risk tier {})\n",
        md(&a.supplier),
        if a.buyer.is_empty() { "–".to_string() } else { md(&a.buyer) },
        a.as_of,
        a.risk
    );
    if a.draft {
        out.insert_str(
            0,
            "**DRAFT — provisional, not for sending.** The evaluation is not final: no most advantageous tender is named, and every figure may change.\n\n",
        );
    }
    let _ = writeln!(out, "> {}\n", a.notice);
    if a.provisional {
        let _ = writeln!(
            out,
            "> **Provisional.** The evaluation of this tender is not finished, so every figure below may still change. Do not send this summary until the panel has settled the points listed under \"Still to be settled\".\n"
        );
    }
    out.push_str("## Outcome\n\n");
    let mat_name = a.most_advantageous.as_ref().map(|m| md(&m.supplier));
    match (a.status, a.rank) {
        (Status::Error, _) => {
            let _ = writeln!(
                out,
                "Your tender could not be assessed: its response file could not be read."
            );
        }
        (_, Some(rank)) => {
            let _ = writeln!(
                out,
                "Your tender ranked **{rank}** of {} tenders assessed, with a total score of **{}** (status: {}).",
                a.assessed,
                p(a.total),
                a.status
            );
        }
        (_, None) => {
            let _ = writeln!(
                out,
                "Your tender was not ranked: it did not meet the pass/fail criteria or minimum scores (total score **{}**).",
                p(a.total)
            );
        }
    }
    let award = a.basis == Basis::Award;
    match (&a.most_advantageous, a.is_most_advantageous) {
        (_, true) if award => out.push_str("\nYours is the most advantageous tender.\n"),
        (_, true) => out.push_str("\nYours is the highest quality score. No price was evaluated, so the tool names no most advantageous tender.\n"),
        (Some(m), false) if award => {
            let _ = writeln!(
                out,
                "\nThe most advantageous tender was submitted by **{}**{}, with an award score of **{}** (quality score {}).",
                md(&m.supplier),
                identity(m),
                p(m.price.as_ref().and_then(|x| x.award_score)),
                p(m.total)
            );
        }
        (Some(m), false) => {
            let _ = writeln!(
                out,
                "\nThe highest quality score was achieved by **{}**, with a total score of **{}**. No price was evaluated, so the tool names no most advantageous tender.",
                md(&m.supplier),
                p(m.total)
            );
        }
        (None, _) if a.draft => out.push_str("\nThe most advantageous tender will be named when the evaluation is final.\n"),
        (None, _) => out.push_str("\nNo tender met every pass/fail criterion and minimum score.\n"),
    }
    if let Some(mine) = &a.price {
        out.push_str("\n## Price\n\n| | Whole-life cost | Price score | Award score |\n|---|---:|---:|---:|\n");
        let row = |who: &str, l: &PriceLine| {
            format!(
                "| {who} | {} | {} | {} |\n",
                l.whole_life_cost
                    .map_or("not disclosed".to_string(), |c| format!(
                        "{} {}",
                        l.currency,
                        crate::score::money(c)
                    )),
                p(l.price_score),
                p(l.award_score)
            )
        };
        out.push_str(&row("Your tender", mine));
        if let Some(m) = a
            .most_advantageous
            .as_ref()
            .filter(|_| !a.is_most_advantageous)
        {
            if let Some(l) = &m.price {
                out.push_str(&row(
                    &format!("Most advantageous tender ({})", md(&m.supplier)),
                    l,
                ));
            }
        }
    }

    if !a.reasons.is_empty() {
        out.push_str("\n## Pass/fail criteria and minimum scores\n\n");
        for r in &a.reasons {
            let _ = writeln!(out, "- {}", crate::sanitize::markdown_prose(r));
        }
    }
    if !a.pending.is_empty() {
        out.push_str("\n## Still to be settled by the panel\n\n");
        for r in &a.pending {
            let _ = writeln!(out, "- {}", crate::sanitize::markdown_prose(r));
        }
    }
    out.push_str("\n## Scores by award criterion\n\n");
    let mat_col = mat_name
        .map(|m| {
            if a.basis == Basis::Award {
                format!("Most advantageous tender ({m})")
            } else {
                format!("Highest quality score ({m})")
            }
        })
        .unwrap_or_else(|| {
            if a.basis == Basis::Award {
                "Most advantageous tender".into()
            } else {
                "Highest quality score".into()
            }
        });
    let _ = writeln!(
        out,
        "| Criterion | Weight | Your score | {mat_col} |\n|---|---:|---:|---:|"
    );
    for c in &a.criteria {
        let label = format!("**{}** ({})", md(&c.title), c.id);
        let (score, mat) = (
            format!("**{}**", p(c.score)),
            format!("**{}**", p(c.most_advantageous_score)),
        );
        let of = if award { "the award" } else { "total" };
        row(&mut out, &label, c.award_percent, of, &score, &mat);
        for s in &c.sections {
            let label = format!("&nbsp;&nbsp;{}", md(&s.title));
            let (score, mat) = (p(s.score), p(s.most_advantageous_score));
            row(
                &mut out,
                &label,
                s.weight_percent,
                "criterion",
                &score,
                &mat,
            );
        }
    }
    if let (Some(share), Some(mine)) = (a.price_percent, &a.price) {
        let mat = a
            .most_advantageous
            .as_ref()
            .and_then(|m| m.price.as_ref())
            .and_then(|l| l.price_score);
        row(
            &mut out,
            "**Price**",
            share,
            "the award",
            &format!("**{}**", p(mine.price_score)),
            &format!("**{}**", p(mat)),
        );
    }
    out.push_str("\nScores are percentages of the marks available. A criterion's share of the award is its weight among the award criteria times the quality weight; with price, the shares sum to 100%.\n");
    if !a.scoring.is_empty() {
        out.push_str("\n## How tenders were scored\n\n");
        for line in &a.scoring {
            let _ = writeln!(out, "- {}", crate::sanitize::markdown_prose(line));
        }
    }
    if let Some(url) = &a.methodology_url {
        let _ = writeln!(
            out,
            "\nThe evaluation methodology, with every question's scale, weight and threshold, is published at {}.",
            md(url)
        );
    }
    out.push_str("\n## Reasons for your scores\n");
    for c in &a.criteria {
        let _ = writeln!(out, "\n### {} ({})\n", md(&c.title), c.id);
        if c.findings.is_empty() {
            out.push_str("Full marks on every question, with valid evidence.\n");
        }
        for f in &c.findings {
            let _ = writeln!(out, "- {}", crate::sanitize::markdown_prose(f));
        }
    }
    out
}

/// The summary as JSON, the same fields as the Markdown.
pub fn json(a: &AssessmentSummary) -> String {
    super::cells::to_json(a)
}

/// One row of the scores table: a criterion or one of its sections.
fn row(out: &mut String, label: &str, share: f64, of: &str, score: &str, mat: &str) {
    // One decimal where the share is not whole (17.5%), so the shares add up as printed.
    let share = crate::model::number::format_number((share * 10.0).round() / 10.0);
    let _ = writeln!(out, "| {label} | {share}% of {of} | {score} | {mat} |");
}

/// ` (company number …, address …, email …)` when the response gave them (the Procurement
/// Regulations 2024, reg 31(2)(a)–(c)).
fn identity(m: &crate::review::summary::Tenderer) -> String {
    let parts: Vec<String> = [
        m.company_number
            .as_ref()
            .map(|n| format!("company number {}", md(n))),
        m.address.as_ref().map(|a| format!("address {}", md(a))),
        m.email.as_ref().map(|e| format!("email {}", md(e))),
    ]
    .into_iter()
    .flatten()
    .collect();
    if parts.is_empty() {
        String::new()
    } else {
        format!(" ({})", parts.join(", "))
    }
}
