//! Clarification questions to send back to suppliers: built from a scored tender, no I/O.

use crate::load::LoadedTender;
use crate::model::rubric::{Question, Severity};
use crate::model::value::Answer;
use crate::result::{
    EvidenceStatus, FlagKind, QuestionResult, ScoreSource, Status, SupplierResult, TenderResult,
};
use schemars::JsonSchema;
use serde::Serialize;

/// Why a clarification is asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// The response could not be read at all.
    Unreadable,
    /// `[award]`: a price flagged as abnormally low, which the supplier is asked to explain
    /// (Procurement Act 2023 s.19(4)).
    Price,
    /// A pass/fail question failed.
    Gate,
    /// Scoring rules 2: two answers cannot both be true.
    Contradiction,
    /// A claim with no evidence.
    Unevidenced,
    /// Evidence that is not valid at the as-of date.
    InvalidEvidence,
    /// Scoring rules 2: evidence whose content does not bear out the claim.
    Unconfirmed,
    /// Evidence without the third-party verification this risk tier needs.
    Unverified,
    /// A question left unanswered.
    Unanswered,
    /// An answer the rubric flags as a concern.
    Flag,
    /// For the evaluation panel: a text answer not yet marked, or marks to moderate.
    Marking,
}

/// One question to put to a supplier (or, for `Marking`, to the panel).
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Clarification {
    pub question: Option<String>,
    pub category: Category,
    /// Share of the total this question carries (0-1), to put what matters first.
    pub weight_share: f64,
    pub text: String,
}

/// The clarifications for one supplier.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct SupplierClarifications {
    pub supplier: String,
    pub folder: String,
    pub status: Status,
    pub clarifications: Vec<Clarification>,
}

fn evidence_wanted(t: &LoadedTender, q: &Question, verify: bool) -> String {
    let mut s = if q.evidence.kinds.is_empty() {
        "evidence".to_string()
    } else {
        let kinds: Vec<String> = q
            .evidence
            .kinds
            .iter()
            .map(|k| k.to_string().replace('_', " "))
            .collect();
        format!("evidence ({})", kinds.join(" or "))
    };
    let mut conditions = Vec::new();
    if let Some(d) = q.evidence.max_age_days {
        conditions.push(format!("issued within {d} days before {}", t.tender.as_of));
    }
    if verify {
        conditions.push("verified by an independent third party".to_string());
    }
    if !conditions.is_empty() {
        s.push(' ');
        s.push_str(&conditions.join(" and "));
    }
    s
}

/// Every clarification for one supplier, most important first within each category.
pub fn for_supplier(t: &LoadedTender, s: &SupplierResult) -> SupplierClarifications {
    let mut out = Vec::new();
    if s.status == Status::Error {
        // The council's own folders are no business of the supplier's: name files from the
        // submission folder down.
        let local = [
            t.tender.submissions_dir.join(&s.folder),
            t.tender.submissions_dir.clone(),
            t.dir.clone(),
        ];
        let reasons: Vec<String> = s
            .reasons
            .iter()
            .map(|r| {
                local.iter().fold(r.clone(), |r, dir| {
                    r.replace(
                        &format!("{}{}", dir.display(), std::path::MAIN_SEPARATOR),
                        "",
                    )
                })
            })
            .collect();
        out.push(Clarification {
            question: None,
            category: Category::Unreadable,
            weight_share: 1.0,
            text: format!(
                "Your response could not be read as we received it ({}). Can you confirm that this is the file you submitted? A replacement can be considered only if it corrects the file's form without changing what your tender says.",
                reasons.join("; ")
            ),
        });
    }
    for r in &s.questions {
        let Some((_, _, q)) = t.find_question(&r.id) else {
            continue;
        };
        let share = t.share_of_total(&r.id);
        let mut push = |category, text: String| {
            out.push(Clarification {
                question: Some(r.id.clone()),
                category,
                weight_share: share,
                text,
            })
        };
        for c in question_clarifications(t, q, r) {
            push(c.0, c.1);
        }
    }
    // An abnormally low price: the supplier is asked to explain it before anything is
    // decided (Procurement Act 2023 s.19(4)).
    if s.flags.iter().any(|f| f.kind == FlagKind::AbnormallyLow) {
        let cost = s
            .price
            .as_ref()
            .map(|p| format!("{} {}", p.currency, crate::score::money(p.whole_life_cost)))
            .unwrap_or_default();
        out.push(Clarification {
            question: None,
            category: Category::Price,
            weight_share: 1.0,
            text: format!(
                "Your whole-life price of {cost} is low compared with the other tenders and with what the contract requires. Can you explain how it is made up and how you will deliver the contract at that price, by the date in our covering message (Procurement Act 2023 s.19(4))?"
            ),
        });
    }
    // `[award]` flags are for the panel to look into before award.
    for f in s.flags.iter().filter(|f| {
        matches!(
            f.kind,
            FlagKind::AbnormallyLow | FlagKind::RankDependsOnOthers
        )
    }) {
        out.push(Clarification {
            question: None,
            category: Category::Marking,
            weight_share: 1.0,
            text: format!(
                "(for the panel) {}. Can the panel look into it before award?",
                f.message.trim_end_matches('.')
            ),
        });
    }
    // A contradiction is one question to the supplier, however many answers it involves.
    for f in s
        .flags
        .iter()
        .filter(|f| f.kind == FlagKind::Contradiction && f.severity == Severity::Critical)
    {
        let id = f
            .message
            .strip_prefix("contradiction ")
            .and_then(|m| m.split(' ').next())
            .unwrap_or("");
        let Some(rule) = t.contradictions.iter().find(|r| r.id == id) else {
            continue;
        };
        let quoted: Vec<String> = rule
            .questions()
            .map(|qid| {
                let said = s
                    .questions
                    .iter()
                    .find(|q| q.id == qid)
                    .and_then(|q| q.answer.as_ref())
                    .map(|a| match t.find_question(qid) {
                        Some((_, _, q)) => crate::model::answer::describe(q, a),
                        None => a.display(),
                    })
                    .unwrap_or_default();
                format!("to {qid} you answered {said}")
            })
            .collect();
        out.push(Clarification {
            question: rule.questions().next().map(String::from),
            category: Category::Contradiction,
            weight_share: 1.0,
            text: format!(
                "Your answers appear to contradict each other: {} ({}). Can you explain how both hold in the tender you submitted?",
                ensure_stop(&rule.message).trim_end_matches('.'),
                quoted.join("; ")
            ),
        });
    }
    out.sort_by(|a, b| {
        a.category
            .cmp(&b.category)
            .then(b.weight_share.total_cmp(&a.weight_share))
            .then(a.question.cmp(&b.question))
    });
    SupplierClarifications {
        supplier: s.supplier.clone(),
        folder: s.folder.clone(),
        status: s.status,
        clarifications: out,
    }
}

fn question_clarifications(
    t: &LoadedTender,
    q: &Question,
    r: &QuestionResult,
) -> Vec<(Category, String)> {
    let mut out = Vec::new();
    let id = &q.id;
    let Some(answer) = &r.answer else {
        out.push((
            Category::Unanswered,
            format!(
                "{id} was not answered: \"{}\" An answer cannot be added now; if your tender answers it elsewhere, can you tell us where?",
                q.text.trim()
            ),
        ));
        return out;
    };
    if *answer == Answer::NotApplicable {
        return out;
    }
    let you = crate::model::answer::describe(q, answer);
    for f in &r.flags {
        match f.kind {
            // A failed pass/fail question is the panel's to record, not to re-open with the
            // supplier (a tender may not be changed after the deadline).
            FlagKind::Gate => out.push((
                Category::Marking,
                format!(
                    "{id} (for the panel): a pass/fail question the answer {you} does not meet ({}); it is not re-opened with the supplier. Has the panel checked the answer was read correctly?",
                    f.message
                ),
            )),
            FlagKind::Answer if f.severity >= Severity::Warning => out.push((
                Category::Flag,
                format!(
                    "{id}: your answer, {you}, raises a {}concern: {} Can you explain your answer on this point?",
                    if f.severity >= Severity::Critical { "serious " } else { "" },
                    ensure_stop(&f.message)
                ),
            )),
            FlagKind::PanelCheck => out.push((
                Category::Marking,
                format!(
                    "{id} (for the panel): {}. Can the panel read it and record confirm_evidence or reject_evidence?",
                    f.message.trim_end_matches(
                        "; the panel must read it and record confirm_evidence before it counts"
                    )
                ),
            )),
            FlagKind::Identity => out.push((
                Category::Marking,
                format!("{id} (for the panel): {}.", f.message.trim_end_matches('.')),
            )),
            FlagKind::Moderation => out.push((
                Category::Marking,
                format!("{id} (for the panel): {}. Can the panel agree a moderated mark?", f.message),
            )),
            _ => {}
        }
    }
    if r.source == ScoreSource::AwaitingMarks {
        out.push((
            Category::Marking,
            format!("{id} (for the panel): the written answer has not been marked yet. Can the evaluators mark it?"),
        ));
    }
    if r.source != ScoreSource::Auto {
        return out; // a mark judges the whole answer, evidence included
    }
    let claim = r.raw.is_some_and(|x| x > 0.0);
    // The supplier is asked only to explain or point to what its tender already holds: never
    // for missing evidence, new documents or verification, which would change the tender.
    match r.evidence {
        EvidenceStatus::None if claim && q.evidence.required => out.push((
            Category::Unevidenced,
            format!(
                "{id}: you answered {you} and listed no evidence, which this question requires ({}); the answer is scored on that basis. If the tender you submitted holds that evidence under another question, can you tell us where?",
                evidence_wanted(t, q, false)
            ),
        )),
        EvidenceStatus::Invalid => out.push((
            Category::InvalidEvidence,
            format!(
                "{id}: we read the evidence for your answer ({you}) as not valid as of {}: {}. If we have misread a document you submitted, can you tell us where it shows otherwise?",
                t.tender.as_of,
                r.evidence_reasons.join("; ")
            ),
        )),
        EvidenceStatus::Unconfirmed if claim => out.push((
            Category::Unconfirmed,
            format!(
                "{id}: we could not find in the evidence you submitted what bears out your answer ({you}): {}. Can you tell us where in those documents it is shown?",
                r.evidence_reasons.join("; ")
            ),
        )),
        _ => {}
    }
    out
}

fn ensure_stop(s: &str) -> String {
    let s = s.trim();
    if s.ends_with(['.', '!', '?']) {
        s.to_string()
    } else {
        format!("{s}.")
    }
}

/// What is sent to one supplier, and apart from it what only the panel reads.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Letter {
    pub supplier: String,
    pub folder: String,
    /// The questions to the supplier, each tender question once: when one question needs
    /// several clarifications (a failed gate whose evidence is also missing), they are one
    /// item, in the place of the first.
    pub items: Vec<Clarification>,
    /// Marks to agree, answers to check by hand, prices to look into: never sent.
    pub panel: Vec<Clarification>,
}

/// The letter to one supplier and the panel's notes on it.
pub fn letter(s: &SupplierClarifications) -> Letter {
    let mut items: Vec<Clarification> = Vec::new();
    let mut panel = Vec::new();
    for c in &s.clarifications {
        if c.category == Category::Marking {
            panel.push(c.clone());
            continue;
        }
        let earlier = c
            .question
            .as_ref()
            .and_then(|id| items.iter_mut().find(|i| i.question.as_ref() == Some(id)));
        match earlier {
            Some(first) => {
                let id = c.question.as_deref().unwrap_or_default();
                let rest = c
                    .text
                    .strip_prefix(&format!("{id}: "))
                    .or_else(|| c.text.strip_prefix(&format!("{id} ")))
                    .unwrap_or(&c.text);
                first.text.push_str(" Also: ");
                first.text.push_str(rest);
            }
            None => items.push(c.clone()),
        }
    }
    Letter {
        supplier: s.supplier.clone(),
        folder: s.folder.clone(),
        items,
        panel,
    }
}

/// Clarifications for every listed supplier of a result.
pub fn for_tender(t: &LoadedTender, result: &TenderResult) -> Vec<SupplierClarifications> {
    result
        .suppliers
        .iter()
        .map(|s| for_supplier(t, s))
        .collect()
}

crate::display_as_serde!(Category);
