//! One question for one supplier: the raw score from the answer or the panel's marks, the
//! evidence, the credit, and whether a gate fails.

use super::evidence::*;
use crate::load::TenderRubric;
use crate::model::marks::Mark;
use crate::model::response::GivenAnswer;
use crate::model::rubric::{Kind, Question, Severity};
use crate::model::tender::Scoring;
use crate::model::value::Answer;
use crate::result::*;

/// One question for one supplier: raw score, evidence, credit, marks, flags.
pub(crate) fn score_question(
    ctx: &Ctx,
    r: &TenderRubric,
    section: &str,
    q: &Question,
    given: Option<&GivenAnswer>,
    marks: &[&Mark],
    log: &mut FileLog,
) -> QuestionResult {
    let mut out = QuestionResult {
        id: q.id.clone(),
        rubric: r.reference.clone(),
        section: section.to_string(),
        answer: None,
        raw: Some(0.0),
        evidence: EvidenceStatus::NotNeeded,
        evidence_reasons: Vec::new(),
        credit: Some(1.0),
        score: Some(0.0),
        weight: r.weight_of(q),
        source: ScoreSource::Auto,
        flags: Vec::new(),
        gate: q.gate,
        auto_raw: None,
        marks: marks
            .iter()
            .filter(|m| !m.is_moderated())
            .chain(marks.iter().filter(|m| m.is_moderated()))
            .map(|m| MarkDetail {
                evaluator: m.evaluator.clone(),
                mark: m.mark,
                reason: m.reason.clone(),
            })
            .collect(),
        found: Vec::new(),
    };
    let Some(given) = given else {
        // Unanswered: counts 0 (docs/formats.md §3.3); a gate left unanswered fails.
        push_gate_flag(q, &mut out);
        return out;
    };
    out.answer = Some(given.value.clone());
    if given.value == Answer::NotApplicable {
        // §3.2: n/a leaves the question out of the sums.
        out.raw = None;
        out.credit = None;
        out.score = None;
        return out;
    }
    for rule in &q.flags {
        if rule.answers.contains(&given.value) {
            out.flags.push(Flag {
                severity: rule.severity,
                kind: FlagKind::Answer,
                message: rule.message.clone(),
            });
        }
    }
    let auto = auto_raw(q, &given.value);
    let from_marks = raw_from_marks(ctx.scoring, q, marks);
    let raw = match (&from_marks, auto) {
        (Some(m), a) => {
            out.source = m.source;
            if m.source == ScoreSource::Moderated && q.kind != Kind::Text {
                out.auto_raw = a;
            }
            if let Some(msg) = &m.moderation {
                out.flags.push(Flag {
                    severity: Severity::Warning,
                    kind: FlagKind::Moderation,
                    message: msg.clone(),
                });
            }
            Some(m.raw)
        }
        (None, Some(a)) => Some(a),
        (None, None) => {
            out.source = ScoreSource::AwaitingMarks;
            None
        }
    };
    let (status, reasons) = match &ctx.content {
        None => evidence_status(ctx.dates, q, raw, &given.evidence),
        Some(checks) => {
            let c = checked_status(ctx, checks, q, raw, &given.evidence, log);
            if c.status != EvidenceStatus::NotNeeded {
                out.flags.extend(content_flags(&given.evidence));
                out.flags.extend(c.identity.into_iter().map(|message| Flag {
                    severity: Severity::Warning,
                    kind: FlagKind::Identity,
                    message,
                }));
                out.flags
                    .extend(c.forbidden.into_iter().map(|message| Flag {
                        severity: Severity::Critical,
                        kind: FlagKind::MustNotShow,
                        message,
                    }));
                out.found = c.found;
            }
            (c.status, c.reasons)
        }
    };
    out.evidence = status;
    out.evidence_reasons = reasons;
    if status == EvidenceStatus::Invalid {
        out.flags.push(Flag {
            severity: Severity::Warning,
            kind: FlagKind::Evidence,
            message: format!("invalid evidence: {}", out.evidence_reasons.join("; ")),
        });
    }
    if status == EvidenceStatus::Unconfirmed {
        out.flags.push(Flag {
            severity: Severity::Warning,
            kind: FlagKind::Evidence,
            message: format!(
                "the evidence does not bear out the claim: {}",
                out.evidence_reasons.join("; ")
            ),
        });
    }
    // §3.5: a score from marks is the evaluators' judgement of the whole answer: credit 1.
    let credit = match (raw, from_marks.is_some()) {
        (None, _) => None,
        (Some(_), true) => Some(1.0),
        (Some(_), false) => Some(credit(ctx, q, status)),
    };
    out.raw = raw;
    out.credit = credit;
    out.score = Some(match (raw, credit) {
        (Some(r), Some(c)) => r * c,
        _ => 0.0, // awaiting marks: counts 0 in the provisional figures
    });
    push_gate_flag(q, &mut out);
    out
}

pub(crate) fn push_gate_flag(q: &Question, out: &mut QuestionResult) {
    if let Some(why) = gate_failure(q, out) {
        out.flags.push(Flag {
            severity: Severity::Critical,
            kind: FlagKind::Gate,
            message: why,
        });
    }
}

/// Raw score of an answer by the question's kind; `None` for text.
pub(crate) fn auto_raw(q: &Question, a: &Answer) -> Option<f64> {
    Some(match (q.kind, a) {
        (Kind::YesNo, Answer::YesNo(yes)) => f64::from(u8::from(*yes == q.expects_yes())),
        (Kind::Choice, Answer::Choice(v)) => {
            let max = q.max_option_score();
            q.options.iter().find(|o| &o.value == v).map_or(0.0, |o| {
                if max > 0.0 {
                    o.score / max
                } else {
                    0.0
                }
            })
        }
        (Kind::Scale, Answer::Level(l)) => f64::from(*l) / (q.levels.len() as f64 - 1.0),
        (Kind::Number, Answer::Number(n)) => q
            .bands
            .iter()
            .find(|b| b.max.is_some_and(|m| *n <= m) || b.min.is_some_and(|m| *n >= m))
            .map_or(0.0, |b| b.score),
        _ => return None,
    })
}

pub(crate) struct FromMarks {
    pub(crate) raw: f64,
    pub(crate) source: ScoreSource,
    pub(crate) moderation: Option<String>,
}

/// §3.5: the moderated mark wins; otherwise, for text questions, the evaluators' mean, with a
/// moderation flag when their spread is too wide. Evaluators' marks on other kinds are kept in
/// the detail but only a moderated mark overrides an automatic score.
pub(crate) fn raw_from_marks(s: &Scoring, q: &Question, marks: &[&Mark]) -> Option<FromMarks> {
    let scale = f64::from(s.marks_scale);
    if let Some(m) = marks.iter().find(|m| m.is_moderated()) {
        return Some(FromMarks {
            raw: f64::from(m.mark) / scale,
            source: ScoreSource::Moderated,
            moderation: None,
        });
    }
    if q.kind != Kind::Text || marks.is_empty() {
        return None;
    }
    let values: Vec<u32> = marks.iter().map(|m| m.mark).collect();
    let mean = values.iter().map(|v| f64::from(*v)).sum::<f64>() / values.len() as f64;
    let (lo, hi) = (
        values.iter().min().copied().unwrap_or(0),
        values.iter().max().copied().unwrap_or(0),
    );
    let spread = f64::from(hi - lo);
    Some(FromMarks {
        raw: mean / scale,
        source: ScoreSource::Marks,
        moderation: (spread > s.max_mark_spread).then(|| {
            format!(
                "evaluators' marks range from {lo} to {hi}, a spread above {}: add a moderated mark",
                crate::model::number::format_number(s.max_mark_spread)
            )
        }),
    })
}

/// §3.4: a gate fails when its raw score is below 1 or required evidence zeroed its credit.
pub(crate) fn gate_failure(q: &Question, r: &QuestionResult) -> Option<String> {
    if !q.gate || r.answer == Some(Answer::NotApplicable) {
        return None;
    }
    match (r.answer.as_ref(), r.raw, r.credit) {
        (None, _, _) => Some(format!("gate {} is unanswered", q.id)),
        (Some(a), Some(raw), _) if raw < 1.0 => Some(format!(
            "gate {} failed: answered `{}`",
            q.id,
            crate::sanitize::inline(&a.display())
        )),
        (_, _, Some(c)) if c <= 0.0 => Some(format!(
            "gate {} failed: required evidence is {}",
            q.id,
            if r.evidence == EvidenceStatus::Invalid {
                "invalid"
            } else {
                "missing"
            }
        )),
        _ => None,
    }
}
