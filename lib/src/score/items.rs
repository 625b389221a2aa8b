//! Each evidence item's standing at the end of an evaluation, once checked and decided on:
//! what a ledger (`tenderscore ledger`) records of it. The rules are the scoring rules': an
//! item is invalid for the reasons `evidence_status` gives and, under scoring rules 2, for
//! what the content checks and the certificate register find; the panel's decisions then
//! confirm or reject it.

use super::content;
use super::evidence::{invalid_reasons, Dates};
use crate::load::LoadedTender;
use crate::model::decision::DecisionKind;
use crate::model::ledger::{ItemStatus, RegisterFinding};
use crate::model::response::{Evidence, Response};
use crate::model::rubric::Question;
use crate::result::SupplierResult;

/// How one evidence item stood.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemStanding {
    pub status: ItemStatus,
    /// What the certificate register said of its number (scoring rules 2).
    pub register: Vec<RegisterFinding>,
}

/// The standing of each item of `items`, the evidence `response` cites for `q`, given the
/// supplier's scored result `scored` (for the panel's decisions applied to it).
pub fn item_standings(
    t: &LoadedTender,
    response: &Response,
    scored: &SupplierResult,
    q: &Question,
    items: &[Evidence],
) -> Vec<ItemStanding> {
    let names: Vec<String> = std::iter::once(response.supplier.clone())
        .chain(response.legal_names.iter().cloned())
        .collect();
    let checks = (t.tender.scoring.rules >= 2).then(|| content::Checks {
        as_of: t.tender.as_of,
        names: &names,
        verifiers: &t.tender.evidence.verifiers,
        aliases: &t.tender.evidence.aliases,
        certificates: t.certificates.as_deref(),
    });
    // A decision on this question that was applied, judging this file (or, with no file
    // named, every file of the answer).
    let decided = |e: &Evidence, kind: DecisionKind| {
        scored.decisions.iter().any(|d| {
            d.applied
                && d.decision == kind
                && d.question == q.id
                && d.file_sha256
                    .as_deref()
                    .is_none_or(|h| e.facts.sha256().is_some_and(|s| s.starts_with(h)))
        })
    };
    items
        .iter()
        .map(|e| {
            let invalid = !invalid_reasons(Dates::of(&t.tender), q, e).is_empty();
            let outcome = checks.as_ref().map(|c| content::check_item(c, q, e));
            let status = if decided(e, DecisionKind::RejectEvidence) {
                ItemStatus::Rejected
            } else if invalid || outcome.as_ref().is_some_and(|o| !o.invalid.is_empty()) {
                ItemStatus::Invalid
            } else if decided(e, DecisionKind::ConfirmEvidence) {
                ItemStatus::Confirmed
            } else if outcome.as_ref().is_some_and(|o| !o.unconfirmed.is_empty()) {
                ItemStatus::Unconfirmed
            } else if match &outcome {
                Some(o) => o.verified,
                None => e.verified_by.is_some(),
            } {
                ItemStatus::Verified
            } else {
                ItemStatus::Attached
            };
            ItemStanding {
                status,
                register: outcome.map(|o| o.register).unwrap_or_default(),
            }
        })
        .collect()
}
