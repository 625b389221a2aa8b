//! How a figure, an answer, a note and a flag read in every document: the small pieces the
//! table, CSV, Markdown, report and workbook writers share.

use crate::result::{EvidenceStatus, QuestionResult, SupplierResult, TenderResult};

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
pub(crate) fn buyer(
    r: &TenderResult,
    escape: fn(&str) -> String,
    before: &str,
    after: &str,
) -> String {
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
pub(crate) fn detail_cells(
    q: &QuestionResult,
    unevidenced_credit: f64,
    escape: fn(&str) -> String,
    answer_width: usize,
    sep: &str,
) -> Vec<String> {
    let notes: Vec<String> = credit_reason(q, unevidenced_credit)
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

/// Why a question kept less than its whole raw score, in words; `None` at full credit.
pub fn credit_reason(q: &QuestionResult, unevidenced_credit: f64) -> Option<String> {
    let credit = q.credit.filter(|c| *c < 1.0)?;
    let c = frac3(Some(credit));
    let required = credit <= 0.0 && unevidenced_credit > 0.0;
    Some(match q.evidence {
        EvidenceStatus::Attached => format!(
            "credit {c}: evidence attached but not independently verified, which this question needs at the tender's risk tier"
        ),
        EvidenceStatus::None if required => {
            "credit 0: the question requires evidence and none was given".to_string()
        }
        EvidenceStatus::None => format!("credit {c}: the claim is made without evidence"),
        EvidenceStatus::Invalid if required => {
            "credit 0: the question requires evidence and what was given is invalid (see below)"
                .to_string()
        }
        EvidenceStatus::Invalid => {
            format!("credit {c}: the evidence given is invalid, so the claim counts as unevidenced")
        }
        EvidenceStatus::Unconfirmed if required => {
            "credit 0: the question requires evidence and the files given do not bear out the claim"
                .to_string()
        }
        EvidenceStatus::Unconfirmed => format!(
            "credit {c}: the evidence files do not bear out the claim, so it counts as unevidenced"
        ),
        EvidenceStatus::NotNeeded | EvidenceStatus::Verified => format!("credit {c}"),
    })
}
