//! A supplier's section and rubric figures, its status (pass, fail, incomplete), what is still
//! pending, its counts, and the ranking.

use super::evidence::Ctx;
use crate::load::LoadedTender;
use crate::model::rubric::Severity;
use crate::result::*;

/// What keeps an evaluation provisional: for each qualifying supplier (`pass` or
/// `incomplete`), marks awaited or to moderate, evidence the panel must read, an unresolved
/// contradiction or shared evidence, and a price flagged as abnormally low.
pub(crate) fn pending(suppliers: &[SupplierResult]) -> Vec<crate::result::Pending> {
    use crate::result::Pending;
    let mut out = Vec::new();
    for s in suppliers
        .iter()
        .filter(|s| matches!(s.status, Status::Pass | Status::Incomplete))
    {
        let mut add = |question: Option<&str>, kind: &str, what: &str| {
            out.push(Pending {
                supplier: s.folder.clone(),
                question: question.map(str::to_string),
                kind: kind.to_string(),
                what: what.to_string(),
            })
        };
        for q in &s.questions {
            if q.source == ScoreSource::AwaitingMarks {
                add(
                    Some(&q.id),
                    "marks",
                    "the written answer awaits evaluators' marks",
                );
            }
            for f in &q.flags {
                match f.kind {
                    FlagKind::Moderation => add(Some(&q.id), "marks", &f.message),
                    FlagKind::PanelCheck => add(Some(&q.id), "panel_check", &f.message),
                    _ => {}
                }
            }
        }
        for f in &s.flags {
            match (f.kind, f.severity) {
                (FlagKind::Contradiction, Severity::Critical) => {
                    add(None, "contradiction", &f.message)
                }
                (FlagKind::SharedEvidence, Severity::Critical) => {
                    add(None, "shared_evidence", &f.message)
                }
                (FlagKind::AbnormallyLow, _) => add(None, "abnormally_low", &f.message),
                _ => {}
            }
        }
    }
    out
}

/// §3.3: section % over the questions that count (not n/a).
pub(crate) fn section_percent(questions: &[QuestionResult]) -> Option<f64> {
    let mut num = 0.0;
    let mut den = 0.0;
    for q in questions {
        if let Some(score) = q.score {
            num += q.weight * score;
            den += q.weight;
        }
    }
    (den > 0.0).then(|| 100.0 * num / den)
}

/// §3.3: weighted mean of the parts that have a figure; `None` when none has.
pub(crate) fn weighted_mean(parts: &[(f64, Option<f64>)]) -> Option<f64> {
    let mut num = 0.0;
    let mut den = 0.0;
    for (w, v) in parts {
        if let Some(v) = v {
            num += w * v;
            den += w;
        }
    }
    (den > 0.0).then(|| num / den)
}

/// §3.4: the first status that holds, with every reason.
pub(crate) fn supplier_status(
    ctx: &Ctx,
    t: &LoadedTender,
    questions: &[QuestionResult],
    rubrics: &Figures,
    total: f64,
    supplier_flags: &[Flag],
) -> (Status, Vec<String>) {
    let mut fail = Vec::new();
    for q in questions {
        fail.extend(
            q.flags
                .iter()
                .filter(|f| f.kind == FlagKind::Gate)
                .map(|f| f.message.clone()),
        );
    }
    if total < ctx.scoring.min_total {
        fail.push(format!(
            "total {total:.1} is below the minimum of {}",
            crate::model::number::format_number(ctx.scoring.min_total)
        ));
    }
    for (r, (reference, pct)) in t.rubrics.iter().zip(&rubrics.0) {
        if r.weight == 0.0 {
            continue;
        }
        if let Some(p) = pct {
            let min = r.min.unwrap_or(ctx.scoring.min_rubric);
            if *p < min {
                fail.push(format!(
                    "{reference} scored {p:.1}, below the minimum of {} {}",
                    crate::model::number::format_number(min),
                    if r.min.is_some() {
                        "set for this rubric"
                    } else {
                        "per rubric"
                    }
                ));
            }
        }
    }
    let (incomplete, identity_items) = pending_reasons(questions, supplier_flags);
    if !fail.is_empty() {
        let provisional = incomplete.len() > identity_items;
        fail.extend(incomplete);
        if provisional {
            fail.push(PROVISIONAL.into());
        }
        (Status::Fail, fail)
    } else if !incomplete.is_empty() {
        (Status::Incomplete, incomplete)
    } else {
        (Status::Pass, Vec::new())
    }
}

/// §3.4: what keeps a supplier `incomplete` — a name shared with another bid, a
/// contradiction awaiting the panel, text answers awaiting marks, marks to moderate — and how
/// many of those are about the bid's identity or consistency rather than marking. The one
/// place these reasons are worded: the summary lists them apart from pass/fail criteria.
pub fn pending_reasons(
    questions: &[QuestionResult],
    supplier_flags: &[Flag],
) -> (Vec<String>, usize) {
    let awaiting: Vec<&str> = questions
        .iter()
        .filter(|q| q.source == ScoreSource::AwaitingMarks)
        .map(|q| q.id.as_str())
        .collect();
    let disputed: Vec<&str> = questions
        .iter()
        .filter(|q| q.flags.iter().any(|f| f.kind == FlagKind::Moderation))
        .map(|q| q.id.as_str())
        .collect();
    let mut incomplete: Vec<String> = supplier_flags
        .iter()
        .filter(|f| {
            matches!(
                f.kind,
                FlagKind::DuplicateName | FlagKind::Contradiction | FlagKind::SharedEvidence
            )
        })
        .map(|f| f.message.clone())
        .collect();
    let identity_items = incomplete.len();
    match awaiting.as_slice() {
        [] => {}
        [one] => incomplete.push(format!("{one} awaits evaluators' marks")),
        many => incomplete.push(format!(
            "{} text answers await evaluators' marks: {}",
            many.len(),
            many.join(", ")
        )),
    }
    match disputed.as_slice() {
        [] => {}
        [one] => incomplete.push(format!(
            "{one} needs a moderated mark (evaluators disagree)"
        )),
        many => incomplete.push(format!(
            "{} answers need a moderated mark (evaluators disagree): {}",
            many.len(),
            many.join(", ")
        )),
    }
    (incomplete, identity_items)
}

/// The last reason of a failed supplier whose marking is not finished.
pub const PROVISIONAL: &str = "figures are provisional until marking is complete";

/// Whether a question asks the supplier to accept one of the council's own clauses (a
/// pass/fail question of no weight that asks for no evidence, as rubrics 1.2.0 have): its
/// "yes" is not a claim to evidence.
pub fn is_acceptance(x: &crate::model::rubric::Question) -> bool {
    x.gate && x.weight == 0.0 && !x.evidence.required && x.evidence.kinds.is_empty()
}

pub(crate) fn counts(t: &LoadedTender, questions: &[QuestionResult]) -> Counts {
    // Acceptances are found once per supplier, not looked up question by question.
    let acceptances: std::collections::HashSet<&str> = t
        .rubrics
        .iter()
        .flat_map(|r| r.rubric.questions())
        .map(|(_, x)| x)
        .filter(|x| is_acceptance(x))
        .map(|x| x.id.as_str())
        .collect();
    let mut c = Counts::default();
    for q in questions {
        let acceptance = acceptances.contains(q.id.as_str());
        let claim = q.raw.is_some_and(|r| r > 0.0) && q.score.is_some() && !acceptance;
        c.claims += u32::from(claim);
        // Only where the missing evidence cost credit: a mark already judges the whole answer.
        c.unevidenced +=
            u32::from(claim && q.evidence == EvidenceStatus::None && q.source == ScoreSource::Auto);
        c.invalid_evidence += u32::from(q.evidence == EvidenceStatus::Invalid);
        c.unanswered += u32::from(q.answer.is_none());
        c.flags += q.flags.len() as u32;
    }
    c
}

/// §3.4 ranking: `pass` and `incomplete` ranked by total with shared ranks (1, 2, 2, 4) and
/// listed first; then `fail` by total; then `error`. Equal totals are listed by name.
pub(crate) fn rank(suppliers: &mut [SupplierResult]) {
    let group = |s: &SupplierResult| match s.status {
        Status::Pass | Status::Incomplete => 0,
        Status::Fail => 1,
        Status::Error => 2,
        Status::Disregarded => 1,
    };
    suppliers.sort_by(|a, b| {
        group(a)
            .cmp(&group(b))
            .then_with(|| {
                let (x, y) = (
                    a.award_score.or(a.total).unwrap_or(f64::NEG_INFINITY),
                    b.award_score.or(b.total).unwrap_or(f64::NEG_INFINITY),
                );
                y.total_cmp(&x)
            })
            .then_with(|| a.supplier.cmp(&b.supplier))
            .then_with(|| a.folder.cmp(&b.folder))
    });
    let mut prev: Option<(f64, u32)> = None;
    for (i, s) in suppliers.iter_mut().enumerate() {
        if group(s) != 0 {
            s.rank = None;
            continue;
        }
        // Under [award] tenders rank by award score, else by quality total.
        let total = s.award_score.or(s.total).unwrap_or(0.0);
        let r = match prev {
            Some((t, r)) if t == total => r,
            _ => i as u32 + 1,
        };
        s.rank = Some(r);
        prev = Some((total, r));
    }
}
