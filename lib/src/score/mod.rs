//! Scoring: loaded models in, results out. No I/O, no clock: evidence is judged at the
//! tender's as-of date, and every sum runs in the files' order so figures are identical on
//! every machine. Each scoring rule (docs/formats.md, "Scoring") has one function here,
//! named after it.

pub(crate) mod award;
mod content;
mod select;
pub mod sensitivity;
pub use award::money;
pub use select::{find, select};

use crate::load::{LoadedTender, Scorable, Submission, TenderRubric};
use crate::model::decision::{Decision, DecisionKind};
use crate::model::marks::Mark;
use crate::model::response::{Evidence, FileFacts, GivenAnswer, Response};
use crate::model::rubric::{Kind, Question, Severity, Tier};
use crate::model::tender::Scoring;
use crate::model::value::Answer;
use crate::result::*;
use jiff::civil::Date;

/// Scores every submission of a tender whose files, marks included, are all valid.
pub fn score_tender(t: Scorable) -> TenderResult {
    let marks: &[Mark] = t.marks.as_ref().map_or(&[], |m| &m.rows);
    let mut suppliers: Vec<SupplierResult> = t
        .submissions
        .iter()
        .map(|s| score_submission(&t, s, marks))
        .map(guard_finite)
        .collect();
    if let Some(award) = &t.tender.award {
        // A tender the panel disregarded for an abnormally low price is out before any price
        // score is computed: the others are scored among themselves.
        price_decisions(&t, &mut suppliers, DecisionKind::DisregardPrice);
        award::apply(
            award,
            &t.submissions,
            &mut suppliers,
            t.tender.scoring.rules,
        );
        price_decisions(&t, &mut suppliers, DecisionKind::AcceptPrice);
    }
    rank(&mut suppliers);
    let mut result = TenderResult {
        schema_version: SCHEMA_VERSION,
        tool: Tool {
            name: "tenderscore".into(),
            version: env!("CARGO_PKG_VERSION").into(),
        },
        tender: TenderInfo {
            id: t.tender.id.clone(),
            title: t.tender.title.clone(),
            buyer: t.tender.buyer.clone(),
            risk: t.tender.risk,
            as_of: t.tender.as_of.to_string(),
            deadline: t.tender.deadline.map(|d| d.to_string()),
            sha256: t.tender_sha256.clone(),
        },
        rubrics: t
            .rubrics
            .iter()
            .map(|r| RubricInfo {
                reference: r.reference.clone(),
                title: r.rubric.title.clone(),
                weight: r.weight,
                stage: r.stage,
                sha256: r.sha256.clone(),
                sections: r
                    .rubric
                    .sections
                    .iter()
                    .map(|s| SectionInfo {
                        id: s.id.value.clone(),
                        title: s.title.clone(),
                        weight: s.weight,
                    })
                    .collect(),
            })
            .collect(),
        marks: t.marks.as_ref().map(|m| MarksInfo {
            sha256: m.sha256.clone(),
        }),
        registers: t
            .registers
            .iter()
            .map(|r| RegisterInfo {
                file: r
                    .path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default(),
                sha256: r.sha256.clone(),
            })
            .collect(),
        scoring: t.tender.scoring.clone(),
        award: t.tender.award.clone(),
        selection: Vec::new(),
        suppliers,
        sensitivity: None,
        is_final: None,
        pending: Vec::new(),
    };
    // The verdict goes into results that already differ from the first edition's (rules 2,
    // or a price evaluated), so a rules 1 result keeps its bytes.
    if t.tender.award.is_some() || t.tender.scoring.rules >= 2 {
        let s = sensitivity::analyse(&t, &result);
        result.sensitivity = Some(Verdict {
            verdict: s.verdict,
            nearest: s.nearest,
        });
        result.pending = pending(&result.suppliers);
        result.is_final = Some(result.pending.is_empty());
    }
    result
}

/// The panel's decisions of one kind on suppliers' prices (`question` = `price`), each bound
/// to the `price.yaml` it judged: `disregard_price` leaves the tender out (status
/// `disregarded`), `accept_price` closes its abnormally-low flag. A decision on a price file
/// that has changed since is stale: recorded, not applied.
fn price_decisions(t: &Scorable, suppliers: &mut [SupplierResult], kind: DecisionKind) {
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

/// What keeps an evaluation provisional: for each qualifying supplier (`pass` or
/// `incomplete`), marks awaited or to moderate, evidence the panel must read, an unresolved
/// contradiction or shared evidence, and a price flagged as abnormally low.
fn pending(suppliers: &[SupplierResult]) -> Vec<crate::result::Pending> {
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

fn score_submission(t: &LoadedTender, sub: &Submission, marks: &[Mark]) -> SupplierResult {
    let response = match &sub.response {
        Ok(r) => r,
        Err(problems) => {
            return SupplierResult {
                supplier: sub.folder.clone(),
                folder: sub.folder.clone(),
                status: Status::Error,
                reasons: problems.iter().map(|p| p.to_string()).collect(),
                rank: None,
                total: None,
                rubrics: None,
                sections: None,
                response_sha256: sub.response_sha256.clone(),
                response_file: response_file(sub),
                company_number: None,
                address: None,
                email: None,
                price_sha256: sub.price_sha256.clone(),
                evidence_files: Vec::new(),
                counts: None,
                questions: Vec::new(),
                flags: Vec::new(),
                decisions: Vec::new(),
                price: None,
                award_score: None,
            }
        }
    };
    let names: Vec<String> = std::iter::once(response.supplier.clone())
        .chain(response.legal_names.iter().cloned())
        .collect();
    let ctx = Ctx {
        risk: t.tender.risk,
        dates: Dates::of(&t.tender),
        scoring: &t.tender.scoring,
        content: (t.tender.scoring.rules >= 2).then(|| content::Checks {
            as_of: t.tender.as_of,
            names: &names,
            verifiers: &t.tender.evidence.verifiers,
            aliases: &t.tender.evidence.aliases,
            certificates: t.certificates.as_deref(),
        }),
    };
    let mut log = FileLog::new();
    // Scoring rules 2: the panel's decisions on this supplier, those made on this very
    // response (its hash starts with the one recorded) and the stale ones.
    let mut records: Vec<DecisionRecord> = Vec::new();
    let mut fresh: Vec<&Decision> = Vec::new();
    for d in t
        .decisions
        .iter()
        .filter(|d| d.folder == sub.folder && !d.kind.is_price())
    {
        let current = sub.response_sha256.as_deref().unwrap_or("");
        if current.starts_with(&d.response_sha256) {
            fresh.push(d);
        } else {
            records.push(record(
                d,
                Some(format!(
                    "stale: made on response {}…, which has changed since (now {}…); review it and record it again",
                    &d.response_sha256[..12],
                    current.get(..12).unwrap_or(current)
                )),
            ));
        }
    }
    let my_marks: Vec<&Mark> = marks.iter().filter(|m| m.folder == sub.folder).collect();
    let mut questions = Vec::new();
    let mut rubric_figures = Figures::default();
    let mut section_figures = Figures::default();
    for r in &t.rubrics {
        let mut section_pcts = Vec::new();
        for s in &r.rubric.sections {
            let start = questions.len();
            for q in s
                .questions
                .iter()
                .map(|q| &q.value)
                .filter(|q| r.asks(q, ctx.risk))
            {
                let qm: Vec<&Mark> = my_marks
                    .iter()
                    .copied()
                    .filter(|m| m.question == q.id)
                    .collect();
                questions.push(score_question(
                    &ctx,
                    r,
                    &s.id.value,
                    q,
                    response.answers.get(&q.id),
                    &qm,
                    &mut log,
                ));
                let qd: Vec<&Decision> = fresh
                    .iter()
                    .copied()
                    .filter(|d| {
                        d.question == q.id
                            && !matches!(
                                d.kind,
                                DecisionKind::ResolveContradiction
                                    | DecisionKind::ResolveSharedEvidence
                            )
                    })
                    .collect();
                if let Some(last) = questions.last_mut() {
                    records.extend(apply_decisions(
                        &ctx,
                        q,
                        response.answers.get(&q.id),
                        last,
                        &qd,
                    ));
                }
            }
            let pct = section_percent(&questions[start..]);
            section_figures
                .0
                .push((format!("{}/{}", r.reference, s.id.value), pct));
            section_pcts.push((s.weight, pct));
        }
        rubric_figures
            .0
            .push((r.reference.clone(), weighted_mean(&section_pcts)));
    }
    // Conditions of participation are pass/fail: only award criteria make the total.
    let rubric_pcts: Vec<(f64, Option<f64>)> = t
        .rubrics
        .iter()
        .zip(&rubric_figures.0)
        .filter(|(r, _)| r.stage.is_award())
        .map(|(r, (_, pct))| (r.weight, *pct))
        .collect();
    let total = weighted_mean(&rubric_pcts).unwrap_or(0.0);
    let mut flags = identity_flags(response, sub);
    if ctx.content.is_some() {
        flags.extend(contradictions(t, &mut questions, &fresh, &mut records));
        flags.extend(shared_evidence_flags(sub, &fresh, &mut records));
    }
    let (status, reasons) = supplier_status(&ctx, t, &questions, &rubric_figures, total, &flags);
    SupplierResult {
        supplier: response.supplier.clone(),
        folder: sub.folder.clone(),
        status,
        reasons,
        rank: None,
        total: Some(total),
        rubrics: Some(rubric_figures),
        sections: Some(section_figures),
        response_sha256: sub.response_sha256.clone(),
        response_file: response_file(sub),
        company_number: response.company_number.clone(),
        address: response.address.clone(),
        email: response.email.clone(),
        price_sha256: sub.price_sha256.clone(),
        evidence_files: evidence_files(response, ctx.content.is_some(), &log),
        counts: Some({
            let c = counts(t, &questions);
            Counts {
                flags: c.flags + flags.len() as u32,
                unconfirmed: ctx.content.is_some().then(|| {
                    questions
                        .iter()
                        .filter(|q| q.evidence == EvidenceStatus::Unconfirmed)
                        .count() as u32
                }),
                ..c
            }
        }),
        questions,
        flags,
        decisions: records,
        price: None,
        award_score: None,
    }
}

/// The response's file name when it is not `response.yaml` (a workbook), so `verify` names
/// the file the supplier actually sent.
fn response_file(sub: &Submission) -> Option<String> {
    sub.response_path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .filter(|n| n != "response.yaml")
}

fn record(d: &Decision, note: Option<String>) -> DecisionRecord {
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
fn apply_decisions(
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
                            let v =
                                crate::load::text::name_words(crate::load::text::verifier_name(v));
                            crate::load::text::contains_phrase(
                                &crate::load::text::name_words(&d.reason),
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
fn contradictions(
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

/// No figure may ever be NaN or infinite: loading bounds every number read, so this never
/// fires; if it did, the supplier is put in `error` rather than ranked on a figure that
/// compares false with every threshold (a NaN total would otherwise escape `min_total`).
fn guard_finite(mut s: SupplierResult) -> SupplierResult {
    let mut figures = s.total.into_iter().collect::<Vec<f64>>();
    for f in s.rubrics.iter().chain(s.sections.iter()) {
        figures.extend(f.0.iter().filter_map(|(_, v)| *v));
    }
    for q in &s.questions {
        figures.extend([q.raw, q.credit, q.score].into_iter().flatten());
        figures.push(q.weight);
    }
    if figures.iter().all(|v| v.is_finite()) {
        return s;
    }
    debug_assert!(false, "a figure of {} is not finite", s.folder);
    s.status = Status::Error;
    s.reasons = vec!["a figure could not be computed (it is not a finite number); check the weights in tender.toml and the rubrics".into()];
    s.total = None;
    s
}

/// A display name that another folder's response also gives: the panel must establish which
/// organisation sent each bid before award, so both bids are flagged (and neither is dropped).
fn identity_flags(response: &Response, sub: &Submission) -> Vec<Flag> {
    // Scoring rules 2: a name written with invisible characters, shown without them.
    let mut out: Vec<Flag> = sub
        .invisible_in_names
        .iter()
        .map(|shown| Flag {
            severity: Severity::Warning,
            kind: FlagKind::Identity,
            message: format!(
                "the name `{shown}` holds invisible characters, removed from every output: a name can look like another's and not be it; confirm the company from the company register"
            ),
        })
        .collect();
    if sub.shares_name_with.is_empty() {
        return out;
    }
    let others: Vec<String> = sub
        .shares_name_with
        .iter()
        .map(|f| format!("`{f}`"))
        .collect();
    out.push(Flag {
        severity: Severity::Critical,
        kind: FlagKind::DuplicateName,
        message: format!(
            "the display name `{}` is also given by the response in folder {}: confirm which organisation sent each bid",
            response.supplier,
            others.join(" and ")
        ),
    });
    out
}

/// Scoring rules 2: a critical `shared_evidence` flag for each certificate or file this
/// supplier shares with another, until the panel records `resolve_shared_evidence`.
fn shared_evidence_flags(
    sub: &Submission,
    fresh: &[&Decision],
    records: &mut Vec<DecisionRecord>,
) -> Vec<Flag> {
    let resolved: Vec<&&Decision> = fresh
        .iter()
        .filter(|d| d.kind == DecisionKind::ResolveSharedEvidence)
        .collect();
    for d in &resolved {
        records.push(record(
            d,
            sub.shares_evidence_with
                .is_empty()
                .then(|| "not applied: this supplier shares no evidence with another".into()),
        ));
    }
    if !resolved.is_empty() {
        return Vec::new();
    }
    sub.shares_evidence_with
        .iter()
        .map(|line| Flag {
            severity: Severity::Critical,
            kind: FlagKind::SharedEvidence,
            message: format!(
                "shared evidence needs the panel's decision: {line}; a group company's certificate may be legitimate, a rival's is not"
            ),
        })
        .collect()
}

pub(crate) struct Ctx<'a> {
    pub risk: Tier,
    pub dates: Dates,
    pub scoring: &'a Scoring,
    /// Scoring rules 2: what the content checks need; none under rules 1.
    pub content: Option<content::Checks<'a>>,
}

/// Per evidence file, the content checks it passed and failed, each with its question, and
/// the phrases found in it.
type FileLog = std::collections::BTreeMap<String, FileChecks>;

#[derive(Debug, Default, Clone)]
struct FileChecks {
    passed: Vec<String>,
    failed: Vec<String>,
    found: Vec<crate::result::Found>,
}

/// What the content checks of rules 2 make of an answer's evidence.
struct Checked {
    status: EvidenceStatus,
    reasons: Vec<String>,
    /// Warnings of kind `identity`.
    identity: Vec<String>,
    /// Critical flags of kind `must_not_show`.
    forbidden: Vec<String>,
    found: Vec<(String, crate::result::Found)>,
}

/// One question for one supplier: raw score, evidence, credit, marks, flags.
fn score_question(
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

fn push_gate_flag(q: &Question, out: &mut QuestionResult) {
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

struct FromMarks {
    raw: f64,
    source: ScoreSource,
    moderation: Option<String>,
}

/// §3.5: the moderated mark wins; otherwise, for text questions, the evaluators' mean, with a
/// moderation flag when their spread is too wide. Evaluators' marks on other kinds are kept in
/// the detail but only a moderated mark overrides an automatic score.
fn raw_from_marks(s: &Scoring, q: &Question, marks: &[&Mark]) -> Option<FromMarks> {
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

/// §3.1: evidence status at the as-of date, with every reason an item is invalid.
pub(crate) fn evidence_status(
    dates: Dates,
    q: &Question,
    raw: Option<f64>,
    items: &[Evidence],
) -> (EvidenceStatus, Vec<String>) {
    if raw == Some(0.0) {
        return (EvidenceStatus::NotNeeded, Vec::new());
    }
    if items.is_empty() {
        return (EvidenceStatus::None, Vec::new());
    }
    let reasons: Vec<String> = items
        .iter()
        .flat_map(|e| invalid_reasons(dates, q, e))
        .collect();
    if !reasons.is_empty() {
        (EvidenceStatus::Invalid, reasons)
    } else if items.iter().any(|e| e.verified_by.is_some()) {
        (EvidenceStatus::Verified, reasons)
    } else {
        (EvidenceStatus::Attached, reasons)
    }
}

/// Scoring rules 2: the status of an answer's evidence with its content checked against the
/// claims (docs/formats.md §3.6), and each file's passed and failed checks logged.
fn checked_status(
    ctx: &Ctx,
    checks: &content::Checks,
    q: &Question,
    raw: Option<f64>,
    items: &[Evidence],
    log: &mut FileLog,
) -> Checked {
    let rules1: Vec<String> = items
        .iter()
        .flat_map(|e| invalid_reasons(ctx.dates, q, e))
        .collect();
    let outcomes: Vec<content::ItemOutcome> = items
        .iter()
        .map(|e| content::check_item(checks, q, e))
        .collect();
    let phrases = content::phrases(checks, q, items);
    if raw != Some(0.0) {
        let mut note = |file: &str, text: &str, passed: bool| {
            let what = text.strip_prefix(&format!("{file}: ")).unwrap_or(text);
            let entry = log.entry(file.to_string()).or_default();
            let list = if passed {
                &mut entry.passed
            } else {
                &mut entry.failed
            };
            let line = format!("{}: {what}", q.id);
            if !list.contains(&line) {
                list.push(line);
            }
        };
        for (e, o) in items.iter().zip(&outcomes) {
            for p in &o.passed {
                note(&e.file, p, true);
            }
            for f in o.invalid.iter().chain(&o.unconfirmed).chain(&o.unverified) {
                note(&e.file, f, false);
            }
        }
        for s in &phrases.shown {
            if let Some((file, _)) = s.split_once(": ") {
                note(file, s, true);
            }
        }
        for m in &phrases.missing {
            if let Some((files, _)) = m.split_once(": ") {
                for file in files.split(", ") {
                    note(file, &format!("{file}: {}", &m[files.len() + 2..]), false);
                }
            }
        }
        for (file, why) in &phrases.forbidden {
            note(file, why, false);
        }
        for (file, f) in &phrases.found {
            let entry = log.entry(file.clone()).or_default();
            if !entry.found.contains(f) {
                entry.found.push(f.clone());
            }
        }
    }
    let identity = outcomes.iter().flat_map(|o| o.identity.clone()).collect();
    let (status, reasons) = content::status(raw, items.len(), rules1, &outcomes, &phrases);
    let found = if raw == Some(0.0) {
        Vec::new()
    } else {
        phrases.found
    };
    Checked {
        status,
        reasons,
        identity,
        forbidden: phrases.forbidden.into_iter().map(|(_, why)| why).collect(),
        found,
    }
}

/// Scoring rules 2: what `check` reports of an answer's evidence beyond the rules of §3.1,
/// item by item (index into `items`): a date or what the rubric asks for not shown, an expiry
/// the document or register states, a verifier that does not count, a file that cannot be
/// read. Empty under rules 1.
pub fn content_findings(
    t: &LoadedTender,
    r: &Response,
    q: &Question,
    items: &[Evidence],
) -> Vec<(usize, String)> {
    use crate::model::response::TextFacts;
    if t.tender.scoring.rules < 2 {
        return Vec::new();
    }
    let names = supplier_names(r);
    let checks = checks_for(t, &names);
    let mut out = Vec::new();
    for (i, e) in items.iter().enumerate() {
        let o = content::check_item(&checks, q, e);
        for reason in o.invalid.iter().chain(&o.unconfirmed).chain(&o.unverified) {
            out.push((i, reason.clone()));
        }
        if let Some(TextFacts::Unreadable(why)) = e.text.as_deref() {
            out.push((i, format!("{}: cannot be read ({why})", e.file)));
        }
    }
    let p = content::phrases(&checks, q, items);
    for m in p.missing {
        out.push((0, m));
    }
    for (file, why) in p.forbidden {
        let i = items.iter().position(|e| e.file == file).unwrap_or(0);
        out.push((i, why));
    }
    out
}

/// Scoring rules 2: the phrases of `must_show` and `must_not_show` found in an answer's
/// evidence, by file, as `check` lists them.
pub fn found_in(
    t: &LoadedTender,
    r: &Response,
    q: &Question,
    items: &[Evidence],
) -> Vec<(String, crate::result::Found)> {
    let names = supplier_names(r);
    content::phrases(&checks_for(t, &names), q, items).found
}

/// The supplier's display name, then its legal names.
fn supplier_names(r: &Response) -> Vec<String> {
    std::iter::once(r.supplier.clone())
        .chain(r.legal_names.iter().cloned())
        .collect()
}

/// What the content checks of rules 2 need from a loaded tender, for a supplier's `names`.
fn checks_for<'a>(t: &'a LoadedTender, names: &'a [String]) -> content::Checks<'a> {
    content::Checks {
        as_of: t.tender.as_of,
        names,
        verifiers: &t.tender.evidence.verifiers,
        aliases: &t.tender.evidence.aliases,
        certificates: t.certificates.as_deref(),
    }
}

/// Scoring rules 2: a `panel_check` warning for each file the tool cannot read (no text
/// layer, an image, a format not read, too big, or a file its reader could not parse): it
/// earns nothing until the panel has read it and recorded `confirm_evidence`.
fn content_flags(items: &[Evidence]) -> Vec<Flag> {
    use crate::model::response::TextFacts;
    let mut out: Vec<Flag> = Vec::new();
    let mut seen: Vec<&str> = Vec::new();
    for e in items {
        if seen.contains(&e.file.as_str()) {
            continue;
        }
        seen.push(&e.file);
        let why = match e.text.as_deref() {
            Some(TextFacts::NoText(why)) => format!("not checked: {why}"),
            Some(TextFacts::Unreadable(why)) => format!("cannot be read: {why}"),
            _ => continue,
        };
        out.push(Flag {
            severity: Severity::Warning,
            kind: FlagKind::PanelCheck,
            message: format!(
                "{}: {why}; the panel must read it and record confirm_evidence before it counts",
                e.file
            ),
        });
    }
    out
}

/// Every reason one evidence item is invalid, in the order the evidence rules list them.
/// The dates evidence is judged at: the evaluation date, and the submission deadline if the
/// tender gives one.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Dates {
    pub as_of: Date,
    pub deadline: Option<Date>,
}

impl Dates {
    pub(crate) fn of(t: &crate::model::tender::Tender) -> Dates {
        Dates {
            as_of: t.as_of,
            deadline: t.deadline,
        }
    }
}

pub(crate) fn invalid_reasons(dates: Dates, q: &Question, e: &Evidence) -> Vec<String> {
    let as_of = dates.as_of;
    let f = &e.file;
    let mut out = Vec::new();
    match &e.facts {
        FileFacts::Missing(None) => out.push(format!("{f}: file not found")),
        FileFacts::Missing(Some(near)) => out.push(format!(
            "{f}: file not found (did you mean `{near}`? paths use forward slashes, and letter case must match)"
        )),
        FileFacts::Outside => out.push(format!("{f}: lies outside the submission folder")),
        FileFacts::NotAFile => out.push(format!("{f}: not a regular file")),
        FileFacts::Unreadable(why) => out.push(format!("{f}: cannot be read ({why})")),
        FileFacts::Present { size: 0, .. } => out.push(format!("{f}: file is empty")),
        FileFacts::Present { .. } => {}
    }
    if !q.evidence.kinds.is_empty() && !q.evidence.kinds.contains(&e.kind) {
        let accepted: Vec<String> = q.evidence.kinds.iter().map(|k| k.to_string()).collect();
        out.push(format!(
            "{f}: kind `{}` is not accepted for {} (accepts {})",
            e.kind,
            q.id,
            accepted.join(", ")
        ));
    }
    if let (Some(listed), Some(actual)) = (&e.sha256, e.facts.sha256()) {
        if listed != actual {
            out.push(format!(
                "{f}: sha256 does not match the file (listed {}…, file is {}…)",
                &listed[..12],
                &actual[..12]
            ));
        }
    }
    if let Some(issued) = e.issued {
        if issued > as_of {
            out.push(format!(
                "{f}: issued {issued}, after the as-of date {as_of}"
            ));
        } else if let Some(deadline) = dates.deadline.filter(|d| issued > *d) {
            // A document written after the tenders were in is not part of the tender.
            out.push(format!(
                "{f}: issued {issued}, after the tender deadline {deadline}"
            ));
        }
    }
    if let Some(expires) = e.expires {
        if expires < as_of {
            out.push(format!(
                "{f}: expired {expires}, before the as-of date {as_of}"
            ));
        }
    }
    if let Some(max) = q.evidence.max_age_days {
        match e.issued {
            Some(issued) if issued <= as_of => {
                let age = i64::from((as_of - issued).get_days());
                if age > i64::from(max) {
                    out.push(format!(
                        "{f}: issued {issued}, {age} days before the as-of date; {} accepts evidence up to {max} days old",
                        q.id
                    ));
                }
            }
            Some(_) => {}
            None => out.push(format!(
                "{f}: no issued date, but {} needs evidence issued within {max} days of the as-of date",
                q.id
            )),
        }
    }
    out
}

/// §3.2: the share of a claim's raw score it keeps, given its evidence.
pub(crate) fn credit(ctx: &Ctx, q: &Question, status: EvidenceStatus) -> f64 {
    match status {
        EvidenceStatus::NotNeeded | EvidenceStatus::Verified => 1.0,
        EvidenceStatus::Attached => match q.evidence.verify_at {
            Some(tier) if tier <= ctx.risk => ctx.scoring.unverified_credit,
            _ => 1.0,
        },
        EvidenceStatus::None | EvidenceStatus::Unconfirmed | EvidenceStatus::Invalid => {
            if q.evidence.required {
                0.0
            } else {
                ctx.scoring.unevidenced_credit
            }
        }
    }
}

/// §3.4: a gate fails when its raw score is below 1 or required evidence zeroed its credit.
fn gate_failure(q: &Question, r: &QuestionResult) -> Option<String> {
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
fn supplier_status(
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

fn counts(t: &LoadedTender, questions: &[QuestionResult]) -> Counts {
    // Accepting one of the council's own clauses (a pass/fail question of no weight that asks
    // for no evidence, as rubrics 1.2.0 have) is not a claim to evidence. Found once per
    // supplier, not looked up question by question.
    let acceptances: std::collections::HashSet<&str> = t
        .rubrics
        .iter()
        .flat_map(|r| r.rubric.questions())
        .map(|(_, x)| x)
        .filter(|x| {
            x.gate && x.weight == 0.0 && !x.evidence.required && x.evidence.kinds.is_empty()
        })
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

fn evidence_files(r: &Response, rules2: bool, log: &FileLog) -> Vec<EvidenceHash> {
    use crate::model::response::TextFacts;
    let mut out: Vec<EvidenceHash> = Vec::new();
    for a in r.answers.values() {
        for e in &a.evidence {
            if out.iter().any(|f| f.file == e.file) {
                continue;
            }
            let (content, content_note) = match (rules2, e.text.as_deref()) {
                (false, _) | (true, None) => (None, None),
                (true, Some(TextFacts::Text(_))) => (Some(Content::Checked), None),
                (true, Some(TextFacts::NoText(why))) => {
                    (Some(Content::Unchecked), Some(why.clone()))
                }
                (true, Some(TextFacts::Unreadable(why))) => {
                    (Some(Content::Unreadable), Some(why.clone()))
                }
            };
            let checks = log.get(&e.file).cloned().unwrap_or_default();
            out.push(EvidenceHash {
                file: e.file.clone(),
                sha256: e.facts.sha256().map(str::to_string),
                content,
                content_note,
                passed: checks.passed,
                failed: checks.failed,
                found: checks.found,
            });
        }
    }
    out
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
