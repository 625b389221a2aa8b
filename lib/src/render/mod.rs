//! Every document the tool writes, each a pure function from a result or view to text.
//! Supplier text is neutralised here, at the edge: `sanitize` for terminals and Markdown,
//! `sanitize::cell` for spreadsheets. Commands never format text themselves.

pub mod cells;
pub mod check;
pub mod clarify;
pub mod csv;
pub mod ledger;
pub mod markdown;
pub mod marksheet;
pub mod methodology;
pub mod ocds;
pub mod records;
pub mod renewals;
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

use crate::result::TenderResult;
pub use cells::{
    answer, frac, frac3, json, notes, pct, price_flags, rank, rubric_labels, shorten, to_json,
    DETAIL_HEADER,
};
use table::Style;

/// Output formats of `score`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Table,
    Csv,
    Json,
    Markdown,
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
