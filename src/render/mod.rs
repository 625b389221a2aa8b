//! Results → text: table, CSV, JSON, Markdown. Supplier text is neutralised here, at the edge.

pub mod csv;
pub mod markdown;
pub mod table;

use crate::result::{QuestionResult, SupplierResult, TenderResult};

/// Output formats of `score`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
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
    if let Some(a) = q.auto_raw {
        out.push(format!("moderated; automatic raw score was {a}"));
    }
    out
}

/// JSON with a trailing newline; keys in struct order, so output is byte-stable.
pub fn json(r: &TenderResult) -> String {
    let mut s = serde_json::to_string_pretty(r).expect("results always serialise");
    s.push('\n');
    s
}
