//! `rescore` output: a CSV row per supplier, or a JSON line per tender, labelled with the
//! tender's path in the archive; a tender that cannot be scored gets a row saying why.

use super::cells::pct;
use crate::result::TenderResult;
use crate::sanitize::cell;

/// Column names of the rescore CSV: those of `score --format csv` in the same order, with
/// the tender's path and id first, the rubric figures in one `rubrics` column (`id=figure`
/// pairs: the tenders of an archive use different rubrics), and the hashes last.
pub const CSV_HEADER: [&str; 21] = [
    "path",
    "tender",
    "rank",
    "supplier",
    "folder",
    "status",
    "total",
    "rubrics",
    "claims",
    "unevidenced",
    "invalid_evidence",
    "unanswered",
    "flags",
    // Scoring rules 2; empty under rules 1.
    "unconfirmed",
    // `[award]`: empty for a tender that evaluates no price.
    "whole_life_cost",
    "price_score",
    "award_score",
    "reasons",
    "tender_sha256",
    "response_sha256",
    // `[award]`: the supplier's price.yaml.
    "price_sha256",
];

const STATUS: usize = 5;
const REASONS: usize = 17;

/// One CSV row per supplier of a scored tender.
pub fn csv_rows(path: &str, r: &TenderResult) -> String {
    let labels = super::cells::rubric_labels(r);
    let mut w = super::csv::writer();
    for s in &r.suppliers {
        let c = s.counts.clone();
        let n = |v: Option<u32>| v.map(|v| v.to_string()).unwrap_or_default();
        let rubrics: Vec<String> = labels
            .iter()
            .filter_map(|(reference, label)| {
                s.rubrics
                    .as_ref()
                    .and_then(|f| f.get(reference))
                    .map(|v| format!("{label}={}", pct(Some(v))))
            })
            .collect();
        let _ = w.write_record([
            cell(path),
            cell(&r.tender.id),
            s.rank.map(|x| x.to_string()).unwrap_or_default(),
            cell(&s.supplier),
            cell(&s.folder),
            s.status.to_string(),
            s.total.map(|t| pct(Some(t))).unwrap_or_default(),
            rubrics.join("; "),
            n(c.as_ref().map(|c| c.claims)),
            n(c.as_ref().map(|c| c.unevidenced)),
            n(c.as_ref().map(|c| c.invalid_evidence)),
            n(c.as_ref().map(|c| c.unanswered)),
            n(c.as_ref().map(|c| c.flags)),
            n(c.as_ref().and_then(|c| c.unconfirmed)),
            s.price
                .as_ref()
                .map(|p| format!("{}", p.whole_life_cost))
                .unwrap_or_default(),
            s.price
                .as_ref()
                .and_then(|p| p.score)
                .map(|v| pct(Some(v)))
                .unwrap_or_default(),
            s.award_score.map(|v| pct(Some(v))).unwrap_or_default(),
            cell(&s.reasons.join("; ")),
            r.tender.sha256.clone(),
            s.response_sha256.clone().unwrap_or_default(),
            s.price_sha256.clone().unwrap_or_default(),
        ]);
    }
    super::csv::finish(w)
}

/// The one CSV row of a tender that could not be scored, with the reason.
pub fn broken_csv(path: &str, message: &str) -> String {
    let mut w = super::csv::writer();
    let mut row = vec![String::new(); CSV_HEADER.len()];
    row[0] = cell(path);
    row[STATUS] = "error".into();
    row[REASONS] = cell(message);
    let _ = w.write_record(row);
    super::csv::finish(w)
}

/// One JSON line: the object `score --format json` prints, with `path` first.
pub fn jsonl(path: &str, r: &TenderResult) -> String {
    let mut v = serde_json::Map::new();
    v.insert("path".into(), path.into());
    if let Ok(serde_json::Value::Object(m)) = serde_json::to_value(r) {
        v.extend(m);
    }
    let mut s = serde_json::Value::Object(v).to_string();
    s.push('\n');
    s
}

/// The JSON line of a tender that could not be scored.
pub fn broken_jsonl(path: &str, message: &str) -> String {
    let mut s = serde_json::json!({"path": path, "error": message}).to_string();
    s.push('\n');
    s
}
