//! The renewal calendar of one supplier: for every dated piece of its evidence, the day it
//! stops counting and how that day was found. For the contract manager, after the award:
//! when to ask for a renewed certificate, test or assessment. Pure.

use crate::load::{LoadedTender, Submission};
use crate::model::response::{FileFacts, TextFacts};
use crate::result::TenderResult;
use jiff::civil::Date;
use jiff::ToSpan;
use serde::Serialize;

/// How a day an item stops counting was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// The `expires` the supplier gave.
    ClaimedExpiry,
    /// An expiry date the document itself states ("valid until …").
    DocumentExpiry,
    /// `issued` plus the question's `max_age_days`.
    MaximumAge,
}

impl Source {
    /// As JSON and CSV name it.
    pub fn code(self) -> &'static str {
        match self {
            Source::ClaimedExpiry => "claimed_expiry",
            Source::DocumentExpiry => "document_expiry",
            Source::MaximumAge => "maximum_age",
        }
    }

    /// In words, for a table or a calendar entry.
    pub fn words(self) -> &'static str {
        match self {
            Source::ClaimedExpiry => "the expiry date the supplier gave",
            Source::DocumentExpiry => "the expiry date the document states",
            Source::MaximumAge => "the issue date plus the question's maximum age",
        }
    }
}

/// One dated evidence item.
#[derive(Debug, Clone, Serialize)]
pub struct Renewal {
    pub question: String,
    /// `rubric@version`.
    pub rubric: String,
    pub file: String,
    pub kind: String,
    /// The file's SHA-256 as found on disk, when it was found.
    pub sha256: Option<String>,
    /// The day it stops counting: the earliest of the dates found.
    pub stops: String,
    /// Which dates give that day (more than one when they agree).
    pub found_by: Vec<Source>,
    /// How that day was found, in words (with the dates that were not the earliest).
    pub how: String,
    /// Whether that day is on or before the tender's as-of date (it already no longer counts).
    pub lapsed: bool,
}

/// A supplier's renewal calendar.
#[derive(Debug, Clone, Serialize)]
pub struct Calendar {
    pub tender: String,
    pub buyer: String,
    pub as_of: String,
    pub supplier: String,
    pub folder: String,
    /// Earliest first; then by question and file.
    pub items: Vec<Renewal>,
    /// Evidence items with no date to go by (no expiry claimed or stated, no maximum age).
    pub undated: usize,
}

/// The calendar of the supplier in `folder`, from its response as loaded (`None` when that
/// response could not be read).
pub fn calendar(t: &LoadedTender, result: &TenderResult, folder: &str) -> Option<Calendar> {
    let sub: &Submission = t.submissions.iter().find(|s| s.folder == folder)?;
    let response = sub.response.as_ref().ok()?;
    let shown = result
        .suppliers
        .iter()
        .find(|s| s.folder == folder)
        .map_or_else(|| response.supplier.clone(), |s| s.shown_name());
    let mut items = Vec::new();
    let mut undated = 0;
    for (id, given) in &response.answers {
        let Some((rubric, _, q)) = t.find_question(id) else {
            continue;
        };
        for e in &given.evidence {
            let mut dates: Vec<(Date, Source)> = Vec::new();
            if let Some(d) = e.expires {
                dates.push((d, Source::ClaimedExpiry));
            }
            if let Some(TextFacts::Text(doc)) = e.text.as_deref() {
                if let Some(d) = doc.after_expiry.iter().min() {
                    dates.push((*d, Source::DocumentExpiry));
                }
            }
            if let (Some(issued), Some(max)) = (e.issued, q.evidence.max_age_days) {
                if let Ok(d) = issued.checked_add(i64::from(max).days()) {
                    dates.push((d, Source::MaximumAge));
                }
            }
            let Some(&(stops, _)) = dates.iter().min() else {
                undated += 1;
                continue;
            };
            let found_by: Vec<Source> = dates
                .iter()
                .filter(|(d, _)| *d == stops)
                .map(|(_, s)| *s)
                .collect();
            let mut how: Vec<String> = found_by.iter().map(|s| s.words().to_string()).collect();
            let later: Vec<String> = dates
                .iter()
                .filter(|(d, _)| *d > stops)
                .map(|(d, s)| format!("{} {d}", s.words()))
                .collect();
            if !later.is_empty() {
                how.push(format!("later: {}", later.join("; ")));
            }
            items.push(Renewal {
                question: id.clone(),
                rubric: rubric.reference.clone(),
                file: e.file.clone(),
                kind: e.kind.to_string(),
                sha256: match &e.facts {
                    FileFacts::Present { sha256, .. } => Some(sha256.clone()),
                    _ => None,
                },
                stops: stops.to_string(),
                found_by,
                how: how.join("; "),
                lapsed: stops <= t.tender.as_of,
            });
        }
    }
    items.sort_by(|a, b| (&a.stops, &a.question, &a.file).cmp(&(&b.stops, &b.question, &b.file)));
    Some(Calendar {
        tender: t.tender.id.clone(),
        buyer: t.tender.buyer.clone(),
        as_of: t.tender.as_of.to_string(),
        supplier: shown,
        folder: folder.to_string(),
        items,
        undated,
    })
}
