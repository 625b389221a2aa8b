//! Scoring: loaded models in, results out. No I/O, no clock: evidence is judged at the
//! tender's as-of date, and every sum runs in the files' order so figures are identical on
//! every machine. Each scoring rule (docs/formats.md, "Scoring") has one function here,
//! named after it.

pub(crate) mod award;
mod content;
mod decisions;
mod evidence;
mod items;
mod question;
mod select;
pub mod sensitivity;
mod status;
pub use award::money;
pub use evidence::{content_findings, found_in};
pub(crate) use evidence::{invalid_reasons, Dates};
pub use items::{item_standings, ItemStanding};
pub use select::{find, select};
pub use status::{is_acceptance, pending_reasons, PROVISIONAL};

use decisions::*;
use evidence::*;
use question::*;
use status::*;

use crate::load::{LoadedTender, Scorable, Submission};
use crate::model::decision::{Decision, DecisionKind};
use crate::model::marks::Mark;
use crate::model::response::Response;
use crate::model::rubric::Severity;
use crate::result::*;

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
