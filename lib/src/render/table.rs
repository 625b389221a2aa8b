//! The comparison table for a terminal.

use super::{pct, rank, rubric_labels};
use crate::result::{Status, TenderResult};
use crate::sanitize::cell;
use comfy_table::{presets::UTF8_FULL_CONDENSED, Cell, Color, ContentArrangement, Table};

/// How the table is drawn.
#[derive(Debug, Clone, Copy, Default)]
pub struct Style {
    pub color: bool,
    /// Fit the terminal's width; when piped, tables wrap at a fixed [`PIPED_WIDTH`] columns,
    /// so the output is the same everywhere.
    pub wrap: bool,
}

/// Width of tables written to a pipe or file.
pub const PIPED_WIDTH: u16 = 160;

fn new_table(style: Style) -> Table {
    let mut t = Table::new();
    t.load_preset(UTF8_FULL_CONDENSED);
    t.set_content_arrangement(ContentArrangement::Dynamic);
    if !style.wrap {
        t.set_width(PIPED_WIDTH);
    }
    if style.color {
        t.enforce_styling();
    } else {
        t.force_no_tty();
    }
    t
}

fn status_cell(status: Status, style: Style) -> Cell {
    let c = Cell::new(status.to_string());
    if !style.color {
        return c;
    }
    c.fg(match status {
        Status::Pass => Color::Green,
        Status::Incomplete => Color::Yellow,
        Status::Fail => Color::Red,
        Status::Error => Color::Magenta,
    })
}

/// The ranked comparison: one row per supplier.
pub fn summary(r: &TenderResult, style: Style) -> String {
    let labels = rubric_labels(r);
    let mut t = new_table(style);
    let mut header = vec!["Rank".to_string(), "Supplier".into()];
    header.extend(labels.iter().map(|(_, l)| l.clone()));
    let rules2 = r.scoring.rules >= 2;
    let award = r.award.is_some();
    header.push("Total".into());
    if award {
        header.extend(["Price", "Award"].map(String::from));
    }
    header.extend(["Status", "Unevidenced", "Invalid ev."].map(String::from));
    if rules2 {
        header.push("Unconfirmed".into());
    }
    header.extend(["Flags", "Reasons"].map(String::from));
    t.set_header(header);
    for s in &r.suppliers {
        let mut row = vec![Cell::new(rank(s)), Cell::new(cell(&s.shown_name()))];
        for (reference, _) in &labels {
            row.push(Cell::new(pct(s
                .rubrics
                .as_ref()
                .and_then(|f| f.get(reference)))));
        }
        row.push(Cell::new(pct(s.total)));
        if award {
            row.push(Cell::new(pct(s.price.as_ref().and_then(|p| p.score))));
            row.push(Cell::new(pct(s.award_score)));
        }
        row.push(status_cell(s.status, style));
        let c = s.counts.clone().unwrap_or_default();
        let n = |v: u32| {
            if s.counts.is_some() {
                v.to_string()
            } else {
                "–".into()
            }
        };
        row.push(Cell::new(n(c.unevidenced)));
        row.push(Cell::new(n(c.invalid_evidence)));
        if rules2 {
            row.push(Cell::new(n(c.unconfirmed.unwrap_or(0))));
        }
        row.push(Cell::new(n(c.flags)));
        let reasons: Vec<String> = s.reasons.iter().map(|x| cell(x)).collect();
        row.push(Cell::new(reasons.join("\n")));
        t.add_row(row);
    }
    let (id, title) = (cell(&r.tender.id), cell(&r.tender.title));
    let buyer = super::buyer(r, cell, "", ", ");
    let (risk, as_of) = (r.tender.risk, &r.tender.as_of);
    let mut out = format!("{id} — {title}\n{buyer}risk {risk}, as of {as_of}\n");
    out.push_str(&t.to_string());
    out.push('\n');
    out
}

/// One row per supplier × question, explaining every figure.
pub fn detail(r: &TenderResult, style: Style) -> String {
    let mut out = String::new();
    for s in &r.suppliers {
        out.push_str(&format!(
            "{} ({}) — {}{}, total {}{}\n",
            cell(&s.supplier),
            cell(&s.folder),
            s.status,
            s.rank.map(|r| format!(", rank {r}")).unwrap_or_default(),
            pct(s.total),
            s.award_score
                .map(|a| format!(", award score {}", pct(Some(a))))
                .unwrap_or_default()
        ));
        for reason in &s.reasons {
            out.push_str(&format!("  - {}\n", cell(reason)));
        }
        for f in super::price_flags(s) {
            out.push_str(&format!("  - {}: {}\n", f.severity, cell(&f.message)));
        }
        if s.questions.is_empty() {
            out.push('\n');
            continue;
        }
        let mut t = new_table(style);
        t.set_header(super::DETAIL_HEADER);
        for q in &s.questions {
            t.add_row(super::detail_cells(q, cell, 40, "\n"));
        }
        out.push_str(&t.to_string());
        out.push_str("\n\n");
    }
    out
}
