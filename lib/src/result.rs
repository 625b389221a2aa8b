//! The result of scoring a tender: what every renderer and `verify` work from, and the
//! JSON contract (docs/formats.md) (key names never change without raising `SCHEMA_VERSION`).

use crate::model::rubric::{Severity, Tier};
use crate::model::tender::Scoring;
use crate::model::value::Answer;
use schemars::JsonSchema;
use serde::Serialize;

pub const SCHEMA_VERSION: u32 = 1;

/// A scored tender.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
pub struct TenderResult {
    pub schema_version: u32,
    pub tool: Tool,
    pub tender: TenderInfo,
    pub rubrics: Vec<RubricInfo>,
    pub marks: Option<MarksInfo>,
    /// Scoring rules 2: the buyer's lists read (`verifiers.csv`, `certificates.csv`), hashed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub registers: Vec<RegisterInfo>,
    pub scoring: Scoring,
    /// `[award]`, when price is evaluated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub award: Option<crate::model::tender::Award>,
    /// Folders of the suppliers kept by `--supplier`; absent when the result covers every
    /// supplier. `verify` compares only these.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub selection: Vec<String>,
    /// In listing order: ranked suppliers, then `fail`, then `error`.
    pub suppliers: Vec<SupplierResult>,
    /// How robust the ranking is (`tenderscore sensitivity` gives the whole analysis);
    /// present under `[award]` or scoring rules 2.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sensitivity: Option<Verdict>,
    /// Whether the evaluation is final: no qualifying supplier has anything pending (see
    /// `pending`). Present under `[award]` or scoring rules 2.
    #[serde(rename = "final", default, skip_serializing_if = "Option::is_none")]
    pub is_final: Option<bool>,
    /// What keeps the evaluation provisional, one entry per matter.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pending: Vec<Pending>,
}

/// One matter the panel must settle before the evaluation is final.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
pub struct Pending {
    /// The supplier's folder.
    pub supplier: String,
    /// The question, where the matter is one question's.
    pub question: Option<String>,
    /// `marks` (awaiting marks or moderation), `contradiction`, `shared_evidence`,
    /// `panel_check` (evidence the panel must read) or `abnormally_low` (a price to look into).
    pub kind: String,
    pub what: String,
}

impl TenderResult {
    /// The first supplier ranked, when the evaluation is final: the most advantageous tender
    /// (under `[award]`), or the highest quality score.
    pub fn leader(&self) -> Option<&SupplierResult> {
        if self.is_final == Some(true) {
            self.suppliers.iter().find(|s| s.rank == Some(1))
        } else {
            None
        }
    }

    /// "Provisional: …" or "Final: …", the line every output starts with; none for a result
    /// that does not say (rules 1 without `[award]`).
    pub fn standing(&self) -> Option<String> {
        let is_final = self.is_final?;
        if is_final {
            let basis = if self.award.is_some() {
                "the most advantageous tender"
            } else {
                "the highest quality score"
            };
            Some(match self.suppliers.iter().find(|s| s.rank == Some(1)) {
                Some(s) => format!("Final: {basis} is {}.", s.shown_name()),
                None => "Final: no tender qualifies.".to_string(),
            })
        } else {
            let n = self.pending.len();
            let mut kinds: Vec<&str> = self.pending.iter().map(|p| p.kind.as_str()).collect();
            kinds.sort();
            kinds.dedup();
            Some(format!(
                "Provisional: {n} matter{} for the panel to settle before award ({}); no tender is named the most advantageous yet.",
                if n == 1 { "" } else { "s" },
                kinds.join(", ").replace('_', " ")
            ))
        }
    }
}

/// The one-line verdict of the sensitivity analysis.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
pub struct Verdict {
    /// `robust` or `fragile`.
    pub verdict: String,
    /// The nearest change that changes the leader.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nearest: Option<String>,
}

#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
pub struct Tool {
    pub name: String,
    pub version: String,
}

#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
pub struct TenderInfo {
    pub id: String,
    pub title: String,
    pub buyer: String,
    pub risk: Tier,
    pub as_of: String,
    /// The submission deadline, when the tender gives one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deadline: Option<String>,
    /// SHA-256 of `tender.toml`.
    pub sha256: String,
}

#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
pub struct RubricInfo {
    #[serde(rename = "ref")]
    pub reference: String,
    pub title: String,
    pub weight: f64,
    /// `participation` for a condition of participation (pass/fail, not in the total);
    /// absent for an award criterion.
    #[serde(skip_serializing_if = "crate::model::tender::Stage::is_award")]
    pub stage: crate::model::tender::Stage,
    /// SHA-256 of the rubric file.
    pub sha256: String,
    pub sections: Vec<SectionInfo>,
}

#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
pub struct SectionInfo {
    pub id: String,
    pub title: String,
    pub weight: f64,
}

#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
pub struct RegisterInfo {
    /// The file's name beside tender.toml.
    pub file: String,
    pub sha256: String,
}

#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
pub struct MarksInfo {
    /// SHA-256 of `marks.csv`.
    pub sha256: String,
}

/// The status of a supplier.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Pass,
    Incomplete,
    Fail,
    Error,
    /// `[award]`: the panel disregarded the tender for an abnormally low price (Procurement
    /// Act 2023 s.19(3)(c)), by a `disregard_price` decision: not ranked, and left out of
    /// every price score and of the abnormally-low medians.
    Disregarded,
}

/// A map that keeps insertion order (rubric and section order of the files).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Figures(pub Vec<(String, Option<f64>)>);

impl Figures {
    pub fn get(&self, key: &str) -> Option<f64> {
        self.0.iter().find(|(k, _)| k == key).and_then(|(_, v)| *v)
    }
}

impl Serialize for Figures {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            m.serialize_entry(k, v)?;
        }
        m.end()
    }
}

impl JsonSchema for Figures {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Figures".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "object",
            "description": "Percentages 0-100 by rubric ref or rubric/section; null when nothing in it applies",
            "additionalProperties": {"type": ["number", "null"]}
        })
    }
}

/// One supplier's scores.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
pub struct SupplierResult {
    pub supplier: String,
    pub folder: String,
    pub status: Status,
    pub reasons: Vec<String>,
    pub rank: Option<u32>,
    /// Percentage 0-100; null for `error`.
    pub total: Option<f64>,
    pub rubrics: Option<Figures>,
    pub sections: Option<Figures>,
    pub response_sha256: Option<String>,
    /// The response's file name, when it is not `response.yaml` (`response.xlsx`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response_file: Option<String>,
    /// The response's `company_number` (its unique identifier), when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub company_number: Option<String>,
    /// The response's registered `address`, when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    /// The response's contact `email`, when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// `[award]`: the SHA-256 of the supplier's `price.yaml`, when it could be read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub price_sha256: Option<String>,
    pub evidence_files: Vec<EvidenceHash>,
    pub counts: Option<Counts>,
    pub questions: Vec<QuestionResult>,
    /// Flags about the supplier as a whole (for example a display name another folder also
    /// gives); absent when there are none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub flags: Vec<Flag>,
    /// Scoring rules 2: the panel's decisions on this supplier, applied or not (a decision
    /// made on a response that has since changed is stale and not applied).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub decisions: Vec<DecisionRecord>,
    /// `[award]`: the supplier's price and price score.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub price: Option<PriceInfo>,
    /// `[award]`: (quality weight × quality total + price weight × price score) / both weights.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub award_score: Option<f64>,
}

/// A supplier's price under `[award]`.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
pub struct PriceInfo {
    pub currency: String,
    pub whole_life_cost: f64,
    /// Cost id → amount, as `[award]` lists them.
    pub costs: Figures,
    /// 0-100; null for a tender that does not qualify (below the quality threshold, over the
    /// budget, failed or in error).
    pub score: Option<f64>,
}

/// A panel decision from `decisions.csv`, as applied to a supplier.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
pub struct DecisionRecord {
    pub question: String,
    pub decision: crate::model::decision::DecisionKind,
    pub reason: String,
    pub approved_by: String,
    /// The response hash (prefix) the decision was made on.
    pub response_sha256: String,
    /// For an evidence decision, the hash (prefix) of the file judged.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file_sha256: Option<String>,
    pub applied: bool,
    /// Why a decision was not applied.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl SupplierResult {
    /// The name to show a reader: the display name, with the folder added when another
    /// response gives the same name (so the two rows can be told apart).
    pub fn shown_name(&self) -> String {
        if self.flags.iter().any(|f| f.kind == FlagKind::DuplicateName) {
            format!("{} [{}]", self.supplier, self.folder)
        } else {
            self.supplier.clone()
        }
    }
}

#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
#[schemars(rename = "EvidenceFile")]
pub struct EvidenceHash {
    pub file: String,
    /// Null when the file is missing, outside the folder or unreadable.
    pub sha256: Option<String>,
    /// Scoring rules 2: whether the file's text could be read and checked.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub content: Option<Content>,
    /// Why the file is unchecked or unreadable.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub content_note: Option<String>,
    /// Scoring rules 2: the content checks this file passed, each with its question.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub passed: Vec<String>,
    /// Scoring rules 2: the content checks this file failed, each with its question.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub failed: Vec<String>,
    /// Scoring rules 2: each phrase of `must_show` or `must_not_show` found in this file, with
    /// the sentence it stands in, so the panel reads the words rather than a tick.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub found: Vec<Found>,
}

/// A phrase the rubric looks for, found in an evidence file (scoring rules 2).
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
pub struct Found {
    /// The question whose rubric entry looked for it.
    pub question: String,
    /// `must_show` (the evidence bears the claim out) or `must_not_show` (it says what the
    /// rubric rules out).
    pub check: FoundCheck,
    /// The rubric entry's label: "the standard certified".
    pub label: String,
    /// The sentence it stands in, at most 240 characters (`…` where cut).
    pub quote: String,
    /// For a PDF, the page (1 for the first); null for other formats.
    pub page: Option<u32>,
}

/// Which rubric list a phrase found belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum FoundCheck {
    MustShow,
    MustNotShow,
}

impl Found {
    /// `GDPR-13: shows the standard certified: “…” (p. 2)`, as the panel reads it.
    pub fn describe(&self, file: &str) -> String {
        let page = self.page.map(|p| format!(" (p. {p})")).unwrap_or_default();
        let what = match self.check {
            FoundCheck::MustShow => "shows",
            FoundCheck::MustNotShow => "shows what it must not:",
        };
        format!("{file}{page} {what} {}: “{}”", self.label, self.quote)
    }
}

pub use crate::model::response::Content;

#[derive(Debug, Clone, Default, Serialize, JsonSchema, PartialEq)]
pub struct Counts {
    /// Answers that earn credit (raw score above 0).
    pub claims: u32,
    /// Claims with no evidence listed.
    pub unevidenced: u32,
    /// Answers whose evidence is invalid.
    pub invalid_evidence: u32,
    pub unanswered: u32,
    pub flags: u32,
    /// Scoring rules 2: claims whose evidence does not bear them out.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unconfirmed: Option<u32>,
}

/// Evidence status of an answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum EvidenceStatus {
    NotNeeded,
    None,
    /// Scoring rules 2: the files are valid, but their content does not bear out the claim.
    Unconfirmed,
    Invalid,
    Attached,
    Verified,
}

/// Where a question's score came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ScoreSource {
    /// Computed from the answer.
    Auto,
    /// From evaluators' marks (text questions).
    Marks,
    /// From a `moderated` mark.
    Moderated,
    /// A text question no evaluator has marked yet: counts 0, provisionally.
    AwaitingMarks,
}

/// Why a flag was raised.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum FlagKind {
    /// The rubric flags this answer.
    Answer,
    /// The evidence is invalid.
    Evidence,
    /// Evaluators' marks are too far apart.
    Moderation,
    /// A gate question failed.
    Gate,
    /// Another response in the tender gives the same display name.
    DuplicateName,
    /// Scoring rules 2 before 0.2.0: an evidence file could not be read, so the panel checks
    /// it by hand. No longer raised (see `PanelCheck`); kept so older results still match the
    /// schema.
    Content,
    /// Scoring rules 2: two answers cannot both be true.
    Contradiction,
    /// Scoring rules 2: a decision of the panel, from `decisions.csv`, applied here.
    Decision,
    /// `[award]`: a price far below the others', to investigate before award.
    AbnormallyLow,
    /// `[award]`: the order of two tenders depends on a third one's price.
    RankDependsOnOthers,
    /// Scoring rules 2: a file the tool cannot read earns nothing until the panel has read it
    /// and recorded `confirm_evidence`.
    PanelCheck,
    /// Scoring rules 2: a certificate matched through a legal name that is not the display
    /// name; the panel confirms from the company register that the two are one company.
    Identity,
    /// Scoring rules 2: the same certificate number or evidence file cited by two suppliers.
    SharedEvidence,
    /// Scoring rules 2: an evidence file says what the rubric's `must_not_show` rules out.
    MustNotShow,
    /// `--ledger`: another council's ledger recorded a different answer to the same question,
    /// or evidence (a file, a certificate number) it found wanting. A question for the panel
    /// to ask; it never changes a score.
    Ledger,
}

#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
pub struct Flag {
    pub severity: Severity,
    pub kind: FlagKind,
    pub message: String,
}

/// One evaluator's mark, kept in the detail.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
pub struct MarkDetail {
    pub evaluator: String,
    pub mark: u32,
    pub reason: String,
}

/// One question's score for one supplier.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
pub struct QuestionResult {
    pub id: String,
    pub rubric: String,
    pub section: String,
    /// Null when unanswered; "n/a" when not applicable.
    pub answer: Option<Answer>,
    /// 0-1; null for n/a and for text awaiting marks.
    pub raw: Option<f64>,
    pub evidence: EvidenceStatus,
    pub evidence_reasons: Vec<String>,
    /// Null for n/a and for text awaiting marks.
    pub credit: Option<f64>,
    /// raw × credit, 0-1; null for n/a (left out of the sums).
    pub score: Option<f64>,
    pub weight: f64,
    pub source: ScoreSource,
    pub flags: Vec<Flag>,
    pub gate: bool,
    /// With a moderated override: the automatic raw score it replaced.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auto_raw: Option<f64>,
    /// Every mark for this question, moderated last.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub marks: Vec<MarkDetail>,
    /// Scoring rules 2: the phrases found in this answer's evidence files, by file, for the
    /// detail and the report (the JSON gives them per file, under `evidence_files`).
    #[serde(skip)]
    #[schemars(skip)]
    pub found: Vec<(String, Found)>,
}

crate::display_as_serde!(Status, EvidenceStatus, ScoreSource, FlagKind, FoundCheck);
