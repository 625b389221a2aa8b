//! The `sensitivity` report: how far the weights, marks and evidence could move before the
//! leader changes, as text, Markdown or JSON.

use super::cells::pct;
use crate::result::TenderResult;
use crate::sanitize::{inline, markdown as md};
use crate::score::sensitivity::Sensitivity;
use std::fmt::Write as _;

fn number(v: f64) -> String {
    crate::model::number::format_number((v * 100.0).round() / 100.0)
}

fn range_text(w: &crate::score::sensitivity::WeightRange) -> String {
    let high = w.high.map_or("no limit".to_string(), number);
    let change = match (w.nearest_change, &w.new_leader) {
        (Some(c), Some(who)) => format!(
            "; {}{:.0}% makes {} the leader",
            if c > 0.0 { "+" } else { "" },
            c * 100.0,
            who
        ),
        _ => "; no change of this weight alone changes the leader".into(),
    };
    format!(
        "{} (from {} to {}){change}",
        number(w.value),
        number(w.low),
        high
    )
}

/// The report for a terminal or a file.
pub fn text(r: &TenderResult, s: &Sensitivity) -> String {
    let mut out = format!("{} — {}\n", inline(&r.tender.id), inline(&r.tender.title));
    let Some(leader) = &s.leader else {
        out.push_str("No tender qualifies, so there is no leader to test.\n");
        return out;
    };
    let _ = writeln!(
        out,
        "Leader: {} (by {})\n",
        inline(leader),
        if s.basis == "award" {
            "award score"
        } else {
            "quality total"
        }
    );
    out.push_str("Weights, each on its own (the leader stays the leader over the range):\n");
    for w in &s.weights {
        let _ = writeln!(out, "  {:<22} {}", inline(&w.weight), range_text(w));
    }
    out.push_str("\nMarks: ");
    match &s.marks {
        Some(m) => {
            let _ = writeln!(
                out,
                "{} one-point change(s) make {} the leader:",
                m.count,
                inline(&m.new_leader)
            );
            for mv in &m.moves {
                let _ = writeln!(out, "  {}", inline(mv));
            }
        }
        None => out.push_str("no change of evaluators' marks changes the leader.\n"),
    }
    out.push_str(
        "\nEvidence (full credit for each supplier's unevidenced and unconfirmed claims):\n",
    );
    for e in &s.evidence {
        let _ = writeln!(
            out,
            "  {:<22} {} → {}{}",
            inline(&e.folder),
            pct(Some(e.now)),
            pct(Some(e.with_full_credit)),
            if e.would_lead { "  would lead" } else { "" }
        );
    }
    let _ = writeln!(
        out,
        "\nVerdict: {}{}",
        s.verdict,
        s.nearest
            .as_ref()
            .map(|n| format!(" ({})", inline(n)))
            .unwrap_or_default()
    );
    out
}

/// The report as Markdown.
pub fn markdown(r: &TenderResult, s: &Sensitivity) -> String {
    let mut out = format!(
        "# How robust the ranking is — {} {}\n\n",
        md(&r.tender.id),
        md(&r.tender.title)
    );
    let Some(leader) = &s.leader else {
        out.push_str("No tender qualifies, so there is no leader to test.\n");
        return out;
    };
    let _ = writeln!(
        out,
        "**Verdict: {}**{}\n\nLeader: **{}** (by {}).\n",
        s.verdict,
        s.nearest
            .as_ref()
            .map(|n| format!(": {}", md(n)))
            .unwrap_or_default(),
        md(leader),
        if s.basis == "award" {
            "award score"
        } else {
            "quality total"
        }
    );
    out.push_str(
        "| weight | value | leader stays from | to | nearest change |\n|---|---:|---:|---:|---|\n",
    );
    for w in &s.weights {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} |",
            md(&w.weight),
            number(w.value),
            number(w.low),
            w.high.map_or("no limit".into(), number),
            match (w.nearest_change, &w.new_leader) {
                (Some(c), Some(who)) => format!(
                    "{}{:.0}%: {}",
                    if c > 0.0 { "+" } else { "" },
                    c * 100.0,
                    md(who)
                ),
                _ => "none".into(),
            }
        );
    }
    match &s.marks {
        Some(m) => {
            let _ = writeln!(
                out,
                "\n**Marks:** {} one-point change(s) make {} the leader: {}.",
                m.count,
                md(&m.new_leader),
                m.moves.iter().map(|x| md(x)).collect::<Vec<_>>().join("; ")
            );
        }
        None => out.push_str("\n**Marks:** no change of evaluators' marks changes the leader.\n"),
    }
    out.push_str(
        "\n| supplier | now | with full evidence credit | would lead |\n|---|---:|---:|---|\n",
    );
    for e in &s.evidence {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} |",
            md(&e.folder),
            pct(Some(e.now)),
            pct(Some(e.with_full_credit)),
            if e.would_lead { "yes" } else { "" }
        );
    }
    out
}
