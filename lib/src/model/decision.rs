//! The panel's decisions on record, `decisions.csv` (scoring rules 2), and the contradiction
//! rules they may resolve.

use super::value::Answer;
use schemars::JsonSchema;
use serde::Serialize;

/// What the panel decided about one supplier's answer.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, serde::Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum DecisionKind {
    /// The panel read an unchecked or unconfirmed item and confirms it: `attached`, or
    /// `verified` when the reason names the item's verifier.
    ConfirmEvidence,
    /// The panel rejects the evidence: `invalid`, with the reason.
    RejectEvidence,
    /// The panel has looked into a contradiction involving this question and resolved it.
    ResolveContradiction,
    /// The panel has looked into a certificate or file this supplier shares with another
    /// (a group company's certificate, say) and accepts it.
    ResolveSharedEvidence,
    /// `[award]`, question `price`: the supplier's explanation of a price flagged as
    /// abnormally low satisfied the panel (Procurement Act 2023 s.19(4)).
    AcceptPrice,
    /// `[award]`, question `price`: the panel disregards the tender for an abnormally low
    /// price (Procurement Act 2023 s.19(3)(c)).
    DisregardPrice,
}

impl DecisionKind {
    /// A decision about the supplier's price (`question` = `price`, bound to `price.yaml`).
    pub fn is_price(self) -> bool {
        matches!(
            self,
            DecisionKind::AcceptPrice | DecisionKind::DisregardPrice
        )
    }
}

crate::display_as_serde!(DecisionKind);

/// One row of `decisions.csv`, validated.
#[derive(Debug, Clone, PartialEq)]
pub struct Decision {
    pub line: u64,
    /// The supplier's folder, whatever name the row used.
    pub folder: String,
    pub question: String,
    pub kind: DecisionKind,
    pub reason: String,
    pub approved_by: String,
    /// A prefix (16 or more hex digits, lower case) of the SHA-256 of the response the
    /// decision was made on: a changed response voids the decision.
    pub response_sha256: String,
    /// For `confirm_evidence` and `reject_evidence`: a prefix (16 or more hex digits) of the
    /// SHA-256 of the evidence file judged; the decision applies while the answer cites that
    /// very file.
    pub file_sha256: Option<String>,
}

impl Decision {
    /// Whether `evidence` still cites the file this decision judged (always, for a decision
    /// that judged no file).
    pub fn judged_file_cited(&self, evidence: &[super::response::Evidence]) -> bool {
        self.file_sha256.as_deref().is_none_or(|file| {
            evidence
                .iter()
                .any(|e| e.facts.sha256().is_some_and(|h| h.starts_with(file)))
        })
    }
}

/// A contradiction rule, its answers checked against the questions it names.
#[derive(Debug, Clone, PartialEq)]
pub struct Contradiction {
    pub id: String,
    /// Where the rule is written: `gdpr@1.1.0` or `tender.toml`.
    pub from: String,
    pub message: String,
    /// Question → answers, every one of which must hold…
    pub when: Vec<(String, Vec<Answer>)>,
    /// …with every one of these, for a contradiction.
    pub then_not: Vec<(String, Vec<Answer>)>,
}

impl Contradiction {
    /// Every question the rule names, `when` first.
    pub fn questions(&self) -> impl Iterator<Item = &str> {
        self.when
            .iter()
            .chain(&self.then_not)
            .map(|(q, _)| q.as_str())
    }
}
