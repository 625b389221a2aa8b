//! The panel's decisions, each bound to the file it judged, and the contradictions between a
//! supplier's answers.

use super::evidence::{credit, Ctx};
use super::question::push_gate_flag;
use crate::load::{LoadedTender, Scorable};
use crate::model::decision::{Decision, DecisionKind};
use crate::model::response::GivenAnswer;
use crate::model::rubric::{Question, Severity};
use crate::model::value::Answer;
use crate::result::*;

/// The panel's decisions of one kind on suppliers' prices (`question` = `price`), each bound
/// to the `price.yaml` it judged: `disregard_price` leaves the tender out (status
/// `disregarded`), `accept_price` closes its abnormally-low flag. A decision on a price file
/// that has changed since is stale: recorded, not applied.
pub(crate) fn price_decisions(t: &Scorable, suppliers: &mut [SupplierResult], kind: DecisionKind) {
    for d in t.decisions.iter().filter(|d| d.kind == kind) {
        let Some(s) = suppliers.iter_mut().find(|s| s.folder == d.folder) else {
            continue;
        };
        let now = t
            .submissions
            .iter()
            .find(|x| x.folder == d.folder)
            .and_then(|x| x.price_sha256.as_deref())
            .unwrap_or("");
        if !now.starts_with(&d.response_sha256) {
            s.decisions.push(record(
                d,
                Some(format!(
                    "stale: made on price.yaml {}…, which has changed since (now {}…); review it and record it again",
                    &d.response_sha256[..12.min(d.response_sha256.len())],
                    now.get(..12).unwrap_or(now)
                )),
            ));
            continue;
        }
        match kind {
            DecisionKind::DisregardPrice if matches!(s.status, Status::Pass | Status::Incomplete) => {
                s.status = Status::Disregarded;
                s.reasons.push(format!(
                    "tender disregarded by the panel for an abnormally low price (Procurement Act 2023 s.19(3)(c)): {}",
                    d.reason
                ));
                s.decisions.push(record(d, None));
            }
            DecisionKind::AcceptPrice
                if s.flags.iter().any(|f| f.kind == FlagKind::AbnormallyLow) =>
            {
                s.flags.retain(|f| f.kind != FlagKind::AbnormallyLow);
                s.flags.push(Flag {
                    severity: Severity::Info,
                    kind: FlagKind::Decision,
                    message: format!(
                        "panel decision (accept_price, approved by {}): {}",
                        d.approved_by, d.reason
                    ),
                });
                s.decisions.push(record(d, None));
            }
            _ => s.decisions.push(record(
                d,
                Some(format!(
                    "not applied: {} applies to a qualifying tender whose price is flagged as abnormally low",
                    d.kind
                )),
            )),
        }
    }
}

pub(crate) fn record(d: &Decision, note: Option<String>) -> DecisionRecord {
    DecisionRecord {
        question: d.question.clone(),
        decision: d.kind,
        reason: d.reason.clone(),
        approved_by: d.approved_by.clone(),
        response_sha256: d.response_sha256.clone(),
        file_sha256: d.file_sha256.clone(),
        applied: note.is_none(),
        note,
    }
}

/// Scoring rules 2: the panel's evidence decisions on one question. `confirm_evidence` turns
/// evidence the content checks could not bear out, or could not read, into `attached` (or
/// `verified` when the reason names the item's verifier); `reject_evidence` makes it
/// `invalid`. The credit and score follow the new status.
pub(crate) fn apply_decisions(
    ctx: &Ctx,
    q: &Question,
    given: Option<&GivenAnswer>,
    out: &mut QuestionResult,
    decisions: &[&Decision],
) -> Vec<DecisionRecord> {
    let mut records = Vec::new();
    for d in decisions {
        // An evidence decision judged one file: it applies while the answer cites that file.
        if let Some(file) = &d.file_sha256 {
            let cited = given.is_some_and(|g| {
                g.evidence.iter().any(|e| {
                    e.facts
                        .sha256()
                        .is_some_and(|h| h.starts_with(file.as_str()))
                })
            });
            if !cited {
                records.push(record(
                    d,
                    Some(format!(
                        "stale: made on evidence file {}…, which the answer to {} no longer cites (the file was replaced or changed); review it and record it again",
                        &file[..12.min(file.len())],
                        q.id
                    )),
                ));
                continue;
            }
        }
        let before = out.evidence;
        let after = match (d.kind, before) {
            (_, EvidenceStatus::NotNeeded) => None,
            (DecisionKind::RejectEvidence, EvidenceStatus::None) => None,
            (DecisionKind::RejectEvidence, _) => Some(EvidenceStatus::Invalid),
            (
                DecisionKind::ConfirmEvidence,
                EvidenceStatus::Unconfirmed | EvidenceStatus::Attached | EvidenceStatus::Verified,
            ) => {
                let names_verifier = given.is_some_and(|g| {
                    g.evidence
                        .iter()
                        .filter_map(|e| e.verified_by.as_deref())
                        .any(|v| {
                            let v = crate::load::doctext::name_words(
                                crate::load::names::verifier_name(v),
                            );
                            crate::load::doctext::contains_phrase(
                                &crate::load::doctext::name_words(&d.reason),
                                &v,
                            )
                        })
                });
                Some(if before == EvidenceStatus::Verified || names_verifier {
                    EvidenceStatus::Verified
                } else {
                    EvidenceStatus::Attached
                })
            }
            (DecisionKind::ConfirmEvidence, _) => None,
            (
                DecisionKind::ResolveContradiction
                | DecisionKind::ResolveSharedEvidence
                | DecisionKind::AcceptPrice
                | DecisionKind::DisregardPrice,
                _,
            ) => None,
        };
        let Some(after) = after else {
            records.push(record(
                d,
                Some(format!(
                    "not applied: the evidence of {} is {before}, which this decision cannot change",
                    q.id
                )),
            ));
            continue;
        };
        out.evidence = after;
        out.flags.retain(|f| {
            !(f.kind == FlagKind::PanelCheck
                || (matches!(f.kind, FlagKind::Evidence | FlagKind::MustNotShow)
                    && after != EvidenceStatus::Invalid))
        });
        out.flags.push(Flag {
            severity: if after == EvidenceStatus::Invalid {
                Severity::Warning
            } else {
                Severity::Info
            },
            kind: FlagKind::Decision,
            message: format!(
                "panel decision ({}, approved by {}): {}",
                d.kind, d.approved_by, d.reason
            ),
        });
        if after == EvidenceStatus::Invalid {
            out.evidence_reasons
                .push(format!("rejected by the panel: {}", d.reason));
        }
        if out.source == ScoreSource::Auto {
            if let Some(raw) = out.raw {
                let c = credit(ctx, q, after);
                out.credit = Some(c);
                out.score = Some(raw * c);
            }
        }
        // The gate is judged again on the evidence as the panel found it.
        out.flags.retain(|f| f.kind != FlagKind::Gate);
        push_gate_flag(q, out);
        records.push(record(d, None));
    }
    records
}

/// Scoring rules 2: each rule whose questions the tender all asks, checked against the
/// answers. A contradiction flags every question it names (critical) and the supplier, which
/// stays `incomplete` until the panel resolves it with a `resolve_contradiction` decision on
/// one of those questions.
pub(crate) fn contradictions(
    t: &LoadedTender,
    questions: &mut [QuestionResult],
    fresh: &[&Decision],
    records: &mut Vec<DecisionRecord>,
) -> Vec<Flag> {
    let mut supplier_flags = Vec::new();
    for rule in &t.contradictions {
        let answer_of = |id: &str| {
            questions
                .iter()
                .find(|q| q.id == id)
                .map(|q| q.answer.clone())
        };
        // Applies only when the tender asks every question the rule names.
        if rule.questions().any(|id| answer_of(id).is_none()) {
            continue;
        }
        let holds = |side: &[(String, Vec<Answer>)]| {
            side.iter().all(|(id, answers)| {
                answer_of(id)
                    .flatten()
                    .is_some_and(|a| answers.contains(&a))
            })
        };
        if !(holds(&rule.when) && holds(&rule.then_not)) {
            continue;
        }
        let quoted: Vec<String> = rule
            .questions()
            .map(|id| {
                let a = answer_of(id)
                    .flatten()
                    .map(|a| a.display())
                    .unwrap_or_default();
                format!("{id} answered `{a}`")
            })
            .collect();
        let resolution = fresh.iter().find(|d| {
            d.kind == DecisionKind::ResolveContradiction
                && rule.questions().any(|id| id == d.question)
        });
        let (severity, message) = match resolution {
            Some(d) => (
                Severity::Info,
                format!(
                    "contradiction {} resolved by the panel ({}): {}",
                    rule.id, d.approved_by, d.reason
                ),
            ),
            None => (
                Severity::Critical,
                format!(
                    "contradiction {}: {} ({})",
                    rule.id,
                    rule.message,
                    quoted.join("; ")
                ),
            ),
        };
        for q in questions.iter_mut() {
            if rule.questions().any(|id| id == q.id) {
                q.flags.push(Flag {
                    severity,
                    kind: FlagKind::Contradiction,
                    message: message.clone(),
                });
            }
        }
        match resolution {
            Some(d) => {
                if !records.iter().any(|r| {
                    r.question == d.question && r.decision == DecisionKind::ResolveContradiction
                }) {
                    records.push(record(d, None));
                }
            }
            None => supplier_flags.push(Flag {
                severity: Severity::Critical,
                kind: FlagKind::Contradiction,
                message: format!(
                    "contradiction {} needs the panel's decision: {}",
                    rule.id, rule.message
                ),
            }),
        }
    }
    // Resolve decisions that matched no contradiction are kept on record, not applied.
    for d in fresh
        .iter()
        .filter(|d| d.kind == DecisionKind::ResolveContradiction)
    {
        if !records
            .iter()
            .any(|r| r.question == d.question && r.decision == d.kind)
        {
            records.push(record(
                d,
                Some(format!(
                    "not applied: no contradiction involving {} was found in this response",
                    d.question
                )),
            ));
        }
    }
    supplier_flags
}
