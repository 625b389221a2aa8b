//! Every document the tool writes, each a pure function from a result or view to text.
//! Supplier text is neutralised here, at the edge: `sanitize` for terminals and Markdown,
//! `sanitize::cell` for spreadsheets. Commands never format text themselves.

pub mod check;
pub mod clarify;
pub mod csv;
pub mod markdown;
pub mod marksheet;
pub mod methodology;
pub mod report;
pub mod rescore;
pub mod rubric;
pub mod schema;
pub mod sensitivity;
pub mod summary;
pub mod table;
pub mod template;
pub mod tender;
pub mod verify;
pub mod xlsx;

use crate::result::{QuestionResult, SupplierResult, TenderResult};
use table::Style;

/// Output formats of `score`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Table,
    Csv,
    Json,
    Markdown,
}

/// A percentage with one decimal, or `–` when nothing applied.
pub fn pct(v: Option<f64>) -> String {
    match v {
        Some(v) => format!("{v:.1}"),
        None => "–".into(),
    }
}

/// A fraction 0-1 as the shortest exact decimal, or empty (for CSV: data keeps precision).
pub fn frac(v: Option<f64>) -> String {
    v.map(|v| format!("{v}")).unwrap_or_default()
}

/// A fraction rounded to three decimals for reading (0.44999999999999996 shows as 0.45).
pub fn frac3(v: Option<f64>) -> String {
    v.map(|v| {
        let s = format!("{v:.3}");
        let s = s.trim_end_matches('0').trim_end_matches('.');
        if s == "-0" {
            "0".to_string()
        } else {
            s.to_string()
        }
    })
    .unwrap_or_default()
}

/// Column labels for rubrics: the id where it is unique in the tender, else `id@version`.
pub fn rubric_labels(r: &TenderResult) -> Vec<(String, String)> {
    r.rubrics
        .iter()
        .map(|info| {
            let id = info.reference.split('@').next().unwrap_or(&info.reference);
            let unique = r
                .rubrics
                .iter()
                .filter(|o| o.reference.starts_with(&format!("{id}@")))
                .count()
                == 1;
            (
                info.reference.clone(),
                if unique {
                    id.to_string()
                } else {
                    info.reference.clone()
                },
            )
        })
        .collect()
}

/// A supplier's `[award]` flags (abnormally low, rank depends on others), shown under its
/// reasons in the detail: only tenders with `[award]` have them.
pub fn price_flags(s: &SupplierResult) -> impl Iterator<Item = &crate::result::Flag> {
    use crate::result::FlagKind;
    s.flags.iter().filter(|f| {
        matches!(
            f.kind,
            FlagKind::AbnormallyLow | FlagKind::RankDependsOnOthers
        )
    })
}

/// The buyer, escaped for the document and framed by `before` and `after`, or nothing when
/// the tender names none.
fn buyer(r: &TenderResult, escape: fn(&str) -> String, before: &str, after: &str) -> String {
    if r.tender.buyer.is_empty() {
        String::new()
    } else {
        format!("{before}{}{after}", escape(&r.tender.buyer))
    }
}

pub fn rank(s: &SupplierResult) -> String {
    s.rank.map(|r| r.to_string()).unwrap_or_else(|| "–".into())
}

/// The answer as text (raw supplier text: neutralise before printing).
pub fn answer(q: &QuestionResult) -> String {
    q.answer
        .as_ref()
        .map(|a| a.display())
        .unwrap_or_else(|| "(unanswered)".into())
}

/// Short form of long text for table cells.
pub fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(max.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

/// Flags and evidence reasons of a question, one per item.
pub fn notes(q: &QuestionResult) -> Vec<String> {
    let mut out: Vec<String> = q
        .flags
        .iter()
        .map(|f| format!("{}: {}", f.severity, f.message))
        .collect();
    if q.flags
        .iter()
        .all(|f| f.kind != crate::result::FlagKind::Evidence)
    {
        out.extend(q.evidence_reasons.iter().cloned());
    }
    // What the evidence says in its own words (a must_not_show finding is a flag already).
    out.extend(
        q.found
            .iter()
            .filter(|(_, f)| f.check == crate::result::FoundCheck::MustShow)
            .map(|(file, f)| f.describe(file)),
    );
    if let Some(a) = q.auto_raw {
        out.push(format!("moderated; automatic raw score was {a}"));
    }
    out
}

/// Column names of the detail table, in a terminal or Markdown.
pub const DETAIL_HEADER: [&str; 9] = [
    "Question", "Answer", "Evidence", "Raw", "Credit", "Score", "Weight", "Source", "Notes",
];

/// The detail cells of one question (the notes start with why its credit is below 1): supplier text escaped with `escape`, the answer cut to
/// `answer_width` characters, notes joined by `sep`.
fn detail_cells(
    q: &QuestionResult,
    unevidenced_credit: f64,
    escape: fn(&str) -> String,
    answer_width: usize,
    sep: &str,
) -> Vec<String> {
    let notes: Vec<String> = table::credit_reason(q, unevidenced_credit)
        .into_iter()
        .chain(notes(q))
        .map(|n| escape(&n))
        .collect();
    vec![
        q.id.clone(),
        escape(&shorten(&answer(q), answer_width)),
        q.evidence.to_string(),
        frac3(q.raw),
        frac3(q.credit),
        frac3(q.score),
        frac3(Some(q.weight)),
        q.source.to_string(),
        notes.join(sep),
    ]
}

/// Pretty JSON with a trailing newline; keys in struct order, so output is byte-stable.
pub fn to_json<T: serde::Serialize + ?Sized>(v: &T) -> String {
    let mut s = serde_json::to_string_pretty(v).expect("results and views always serialise");
    s.push('\n');
    s
}

/// The scored tender as JSON: the record `verify` and `rescore` read back.
pub fn json(r: &TenderResult) -> String {
    to_json(r)
}

/// The ranked comparison (`score`), or with `detail` one row per supplier × question.
pub fn score(result: &TenderResult, format: Format, detail: bool, style: Style) -> String {
    match (format, detail) {
        (Format::Table, false) => table::summary(result, style),
        (Format::Table, true) => table::detail(result, style),
        (Format::Csv, false) => csv::summary(result),
        (Format::Csv, true) => csv::detail(result),
        (Format::Json, _) => json(result),
        (Format::Markdown, false) => markdown::summary(result),
        (Format::Markdown, true) => markdown::detail(result),
    }
}
