//! CSV for spreadsheets and pipelines: text cells neutralised against formula injection,
//! figures written as plain numbers.

use super::cells::{answer, frac, pct, rank};
use crate::result::TenderResult;
use crate::sanitize::cell;

/// An in-memory CSV writer with `\n` line ends, shared by every command that writes CSV.
pub fn writer() -> csv::Writer<Vec<u8>> {
    csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new())
}

/// The text a [`writer`] holds.
pub fn finish(w: csv::Writer<Vec<u8>>) -> String {
    String::from_utf8(w.into_inner().expect("in-memory writer")).expect("UTF-8 in, UTF-8 out")
}

/// Column names of the summary CSV (after the rubric columns are added).
pub fn summary_header(r: &TenderResult) -> Vec<String> {
    let mut h: Vec<String> = ["rank", "supplier", "folder", "status", "total"]
        .map(String::from)
        .to_vec();
    // Keyed by rubric id, so scripts survive a rubric upgrade (the version is in the JSON);
    // `id@version` only where a tender uses two versions of one rubric.
    h.extend(
        super::cells::rubric_labels(r)
            .into_iter()
            .map(|(_, label)| label),
    );
    h.extend(
        [
            "claims",
            "unevidenced",
            "invalid_evidence",
            "unanswered",
            "flags",
        ]
        .map(String::from),
    );
    // Scoring rules 2 adds a column; rules 1 keeps the columns it always had.
    if r.scoring.rules >= 2 {
        h.push("unconfirmed".into());
    }
    // `[award]` adds price columns; a tender without it keeps the columns it always had.
    if r.award.is_some() {
        h.extend(["whole_life_cost", "price_score", "award_score"].map(String::from));
    }
    h.push("reasons".into());
    h
}

/// The summary rows (without header), for `score` and `rescore`.
pub fn summary_rows(r: &TenderResult) -> Vec<Vec<String>> {
    r.suppliers
        .iter()
        .map(|s| {
            let mut row = vec![
                if s.rank.is_some() {
                    rank(s)
                } else {
                    String::new()
                },
                cell(&s.supplier),
                cell(&s.folder),
                s.status.to_string(),
                s.total.map(|_| pct(s.total)).unwrap_or_default(),
            ];
            for info in &r.rubrics {
                row.push(
                    s.rubrics
                        .as_ref()
                        .and_then(|f| f.get(&info.reference))
                        .map(|v| pct(Some(v)))
                        .unwrap_or_default(),
                );
            }
            let c = s.counts.clone();
            for v in [
                c.as_ref().map(|c| c.claims),
                c.as_ref().map(|c| c.unevidenced),
                c.as_ref().map(|c| c.invalid_evidence),
                c.as_ref().map(|c| c.unanswered),
                c.as_ref().map(|c| c.flags),
            ] {
                row.push(v.map(|v| v.to_string()).unwrap_or_default());
            }
            if r.scoring.rules >= 2 {
                row.push(
                    c.as_ref()
                        .and_then(|c| c.unconfirmed)
                        .map(|v| v.to_string())
                        .unwrap_or_default(),
                );
            }
            if r.award.is_some() {
                let p = s.price.as_ref();
                row.push(
                    p.map(|p| format!("{}", p.whole_life_cost))
                        .unwrap_or_default(),
                );
                row.push(
                    p.and_then(|p| p.score)
                        .map(|v| pct(Some(v)))
                        .unwrap_or_default(),
                );
                row.push(s.award_score.map(|v| pct(Some(v))).unwrap_or_default());
            }
            row.push(cell(&s.reasons.join("; ")));
            row
        })
        .collect()
}

pub fn summary(r: &TenderResult) -> String {
    let mut w = writer();
    let _ = w.write_record(summary_header(r));
    for row in summary_rows(r) {
        let _ = w.write_record(row);
    }
    finish(w)
}

pub fn detail(r: &TenderResult) -> String {
    let mut w = writer();
    let _ = w.write_record([
        "supplier",
        "folder",
        "status",
        "rubric",
        "section",
        "question",
        "answer",
        "evidence",
        "evidence_reasons",
        "raw",
        "credit",
        "score",
        "weight",
        "source",
        "flags",
    ]);
    for s in &r.suppliers {
        for q in &s.questions {
            let flags: Vec<String> = q
                .flags
                .iter()
                .map(|f| format!("{}: {}", f.severity, f.message))
                .collect();
            let answer = match &q.answer {
                Some(crate::model::value::Answer::Number(n)) => {
                    crate::model::number::format_number(*n)
                }
                Some(crate::model::value::Answer::Level(l)) => l.to_string(),
                _ => cell(&answer(q)),
            };
            let _ = w.write_record([
                cell(&s.supplier),
                cell(&s.folder),
                s.status.to_string(),
                q.rubric.clone(),
                q.section.clone(),
                q.id.clone(),
                answer,
                q.evidence.to_string(),
                cell(&q.evidence_reasons.join("; ")),
                frac(q.raw),
                frac(q.credit),
                frac(q.score),
                frac(Some(q.weight)),
                q.source.to_string(),
                cell(&flags.join("; ")),
            ]);
        }
    }
    finish(w)
}
