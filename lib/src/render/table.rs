//! The comparison tables for a terminal: narrow enough for an 80-column terminal (the
//! summary) and a 100-column one (the detail), with long text listed under each table and
//! wrapped to the width instead of squeezed into cells.

use super::cells::{credit_reason, pct, rank, rubric_labels};
use crate::result::{Status, SupplierResult, TenderResult};
use crate::sanitize::cell;
use comfy_table::{
    presets::UTF8_FULL_CONDENSED, Cell, CellAlignment, Color, ColumnConstraint, ContentArrangement,
    Table,
};

/// How the table is drawn.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub color: bool,
    /// Columns available: the terminal's width, or `COLUMNS`, or [`PIPED_WIDTH`] when the
    /// output goes to a pipe or a file (so the output is the same everywhere).
    pub width: u16,
}

impl Default for Style {
    fn default() -> Style {
        Style {
            color: false,
            width: PIPED_WIDTH,
        }
    }
}

/// Width of tables written to a pipe or file, unless `COLUMNS` says otherwise.
pub const PIPED_WIDTH: u16 = 100;

/// Narrowest width tables are laid out for.
const MIN_WIDTH: u16 = 40;

pub(crate) fn new_table(style: Style) -> Table {
    let mut t = Table::new();
    t.load_preset(UTF8_FULL_CONDENSED);
    t.set_content_arrangement(ContentArrangement::Dynamic);
    t.set_width(style.width.max(MIN_WIDTH));
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
        Status::Disregarded => Color::Red,
    })
}

/// Keeps every column at least as wide as its longest word (up to `cap`), so a narrow
/// terminal wraps cells between words and never inside a token such as `named_senior`.
/// Below 100 columns the cells lose their padding, so the words still fit in 80.
pub(crate) fn keep_words(t: &mut Table, rows: &[Vec<String>], cap: usize, width: u16) {
    let tight = width < 100;
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    for c in 0..columns {
        let longest = rows
            .iter()
            .filter_map(|r| r.get(c))
            .flat_map(|cell| cell.split_whitespace())
            .map(|w| w.chars().count())
            .max()
            .unwrap_or(0)
            .min(cap);
        if let Some(column) = t.column_mut(c) {
            // The width counts the cell's padding, a space each side unless tight.
            let pad = if tight {
                column.set_padding((0, 0));
                0
            } else {
                2
            };
            column.set_constraint(ColumnConstraint::LowerBoundary(comfy_table::Width::Fixed(
                longest as u16 + pad,
            )));
        }
    }
}

/// Text for a terminal of `width` columns: each longer line wrapped between words, the
/// continuation indented four spaces past the line's own indent.
pub fn fit(text: &str, width: u16) -> String {
    let width = usize::from(width.max(MIN_WIDTH));
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        if line.chars().count() <= width {
            out.push_str(line);
            out.push('\n');
            continue;
        }
        let lead = line.len() - line.trim_start().len();
        let first = " ".repeat(lead);
        let rest = " ".repeat(lead + 4);
        let options = textwrap::Options::new(width)
            .initial_indent(&first)
            .subsequent_indent(&rest)
            .break_words(false)
            .word_splitter(textwrap::WordSplitter::NoHyphenation);
        out.push_str(&textwrap::fill(line.trim_start(), options));
        out.push('\n');
    }
    out
}

/// `text` wrapped to `width` columns, the first line after `first`, the rest indented by
/// `indent` spaces.
fn wrapped(text: &str, first: &str, indent: usize, width: u16) -> String {
    let rest = " ".repeat(indent);
    let options = textwrap::Options::new(usize::from(width.max(MIN_WIDTH)))
        .initial_indent(first)
        .subsequent_indent(&rest)
        .break_words(false)
        // Never inside a token: `equality-and-fairness-policy.txt` stays whole.
        .word_splitter(textwrap::WordSplitter::NoHyphenation);
    let mut out = textwrap::fill(text, options);
    out.push('\n');
    out
}

/// The ranked comparison: one row per supplier with its figures and counts; its rubric
/// figures in a second table; then the reasons behind each status, as a list.
pub fn summary(r: &TenderResult, style: Style) -> String {
    let rules2 = r.scoring.rules >= 2;
    let award = r.award.is_some();
    let mut t = new_table(style);
    let mut header = vec!["Rank", "Supplier", "Total"];
    if award {
        header.push("Award");
    }
    let status_column = header.len();
    header.extend(["Status", "Unev", "Inv"]);
    if rules2 {
        header.push("Unc");
    }
    header.push("Flags");
    let columns = header.len();
    t.set_header(header);
    for s in &r.suppliers {
        let mut row = vec![
            Cell::new(rank(s)),
            Cell::new(cell(&s.shown_name())),
            Cell::new(pct(s.total)),
        ];
        if award {
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
        t.add_row(row);
    }
    // Figures and counts never wrap (and sit on the right); the supplier's name takes what
    // is left.
    for i in (0..columns).filter(|i| *i != 1) {
        if let Some(c) = t.column_mut(i) {
            c.set_constraint(ColumnConstraint::ContentWidth);
            if i != status_column {
                c.set_cell_alignment(CellAlignment::Right);
            }
        }
    }
    let (id, title) = (cell(&r.tender.id), cell(&r.tender.title));
    let buyer = super::cells::buyer(r, cell, "", ", ");
    let (risk, as_of) = (r.tender.risk, &r.tender.as_of);
    let mut out = format!("{id} — {title}\n{buyer}risk {risk}, as of {as_of}\n");
    if let Some(line) = r.standing() {
        out.push_str(&wrapped(&cell(&line), "", 0, style.width));
    }
    out.push_str(&t.to_string());
    out.push('\n');
    let mut legend = String::from(if award {
        "Total is the quality score (% of the marks available), Award the award score (quality and price weighed); ranked by Award. "
    } else {
        "Total is the quality score, as a percentage of the marks available. "
    });
    legend.push_str("Counts of answers: Unev claims without evidence, Inv with invalid evidence, ");
    if rules2 {
        legend.push_str("Unc with evidence that does not bear out the claim, ");
    }
    legend.push_str(
        "Flags with findings of any severity, info included (score --detail lists them).",
    );
    out.push_str(&wrapped(&legend, "", 0, style.width));

    out.push_str(if award {
        "\nBy rubric, and the price score\n"
    } else {
        "\nBy rubric\n"
    });
    let labels = rubric_labels(r);
    let mut t = new_table(style);
    let mut header = vec!["Supplier".to_string()];
    header.extend(labels.iter().map(|(_, l)| l.clone()));
    if award {
        header.push("Price".into());
    }
    let columns = header.len();
    t.set_header(header);
    for s in &r.suppliers {
        let mut row = vec![cell(&s.shown_name())];
        for (reference, _) in &labels {
            row.push(pct(s.rubrics.as_ref().and_then(|f| f.get(reference))));
        }
        if award {
            row.push(pct(s.price.as_ref().and_then(|p| p.score)));
        }
        t.add_row(row);
    }
    for i in 1..columns {
        if let Some(c) = t.column_mut(i) {
            c.set_constraint(ColumnConstraint::ContentWidth);
            c.set_cell_alignment(CellAlignment::Right);
        }
    }
    out.push_str(&t.to_string());
    out.push('\n');

    let with_reasons: Vec<&SupplierResult> = r
        .suppliers
        .iter()
        .filter(|s| !s.reasons.is_empty())
        .collect();
    if !with_reasons.is_empty() {
        out.push_str("\nReasons\n");
        for s in with_reasons {
            out.push_str(&format!("{} ({}):\n", cell(&s.shown_name()), s.status));
            for reason in &s.reasons {
                out.push_str(&wrapped(&cell(reason), "  - ", 4, style.width));
            }
        }
    }
    out
}

/// Per supplier, one row per question with its figures (the answer cut short), then every
/// note — why a credit is below 1, flags, evidence reasons — listed under the table.
pub fn detail(r: &TenderResult, style: Style) -> String {
    let mut out = String::new();
    for s in &r.suppliers {
        out.push_str(&wrapped(
            &format!(
                "{} ({}) — {}{}, total {}{}",
                cell(&s.supplier),
                cell(&s.folder),
                s.status,
                s.rank.map(|r| format!(", rank {r}")).unwrap_or_default(),
                pct(s.total),
                s.award_score
                    .map(|a| format!(", award score {}", pct(Some(a))))
                    .unwrap_or_default()
            ),
            "",
            2,
            style.width,
        ));
        for reason in &s.reasons {
            out.push_str(&wrapped(&cell(reason), "  - ", 4, style.width));
        }
        for f in super::cells::price_flags(s) {
            out.push_str(&wrapped(
                &format!("{}: {}", f.severity, cell(&f.message)),
                "  - ",
                4,
                style.width,
            ));
        }
        if s.questions.is_empty() {
            out.push('\n');
            continue;
        }
        // Below 100 columns an answer is cut to 20 characters, so its longest word still fits
        // its column whole.
        let answer_cap = if style.width < 100 { 20 } else { 24 };
        let mut t = new_table(style);
        let header = [
            "Question", "Answer", "Evidence", "Raw", "Credit", "Score", "Weight", "Source",
        ];
        t.set_header(header);
        let mut rows: Vec<Vec<String>> = vec![header.iter().map(|h| h.to_string()).collect()];
        for q in &s.questions {
            let row = vec![
                q.id.clone(),
                cell(&super::cells::shorten(&super::cells::answer(q), answer_cap)),
                q.evidence.to_string(),
                super::cells::frac3(q.raw),
                super::cells::frac3(q.credit),
                super::cells::frac3(q.score),
                super::cells::frac3(Some(q.weight)),
                q.source.to_string(),
            ];
            t.add_row(row.clone());
            rows.push(row);
        }
        keep_words(&mut t, &rows, answer_cap, style.width);
        out.push_str(&t.to_string());
        out.push('\n');
        let mut notes = String::new();
        for q in &s.questions {
            let mut lines: Vec<String> = credit_reason(q, r.scoring.unevidenced_credit)
                .into_iter()
                .collect();
            lines.extend(super::cells::notes(q));
            for line in lines {
                notes.push_str(&wrapped(
                    &cell(&line),
                    &format!("  {}: ", q.id),
                    6,
                    style.width,
                ));
            }
        }
        if !notes.is_empty() {
            out.push_str("Notes\n");
            out.push_str(&notes);
        }
        out.push('\n');
    }
    out
}
