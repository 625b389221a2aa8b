//! A tender once validated: what it asks, at which risk tier and date, and its scoring settings.

use super::rubric::Tier;
use jiff::civil::Date;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::PathBuf;

/// How a tender uses a rubric (Procurement Act 2023): an award criterion assesses the tender
/// and is summed into the total; a condition of participation assesses the supplier and is
/// pass/fail (its gates and the minimum per rubric apply), never summed into the total.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    #[default]
    Award,
    Participation,
}

impl Stage {
    pub fn is_award(&self) -> bool {
        *self == Stage::Award
    }
}

crate::display_as_serde!(Stage);

/// One rubric a tender uses, with its weight in the total.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "RubricUse")]
pub struct RubricEntry {
    /// Exact `id@version`.
    #[serde(rename = "use")]
    pub use_: String,
    #[serde(default = "one")]
    pub weight: f64,
    /// Questions the buyer leaves out.
    #[serde(default)]
    pub exclude: Vec<String>,
    /// Question weight overrides.
    #[serde(default)]
    pub weights: BTreeMap<String, f64>,
    /// `award` (the default: summed into the total) or `participation` (pass/fail only).
    #[serde(default, skip_serializing_if = "Stage::is_award")]
    pub stage: Stage,
    /// A minimum for this rubric (0-100), overriding `[scoring] min_rubric`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<f64>,
}

fn one() -> f64 {
    1.0
}

/// Scoring settings of a tender.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct Scoring {
    /// Share of a claim's score kept when it has no valid evidence.
    pub unevidenced_credit: f64,
    /// Share kept when verification is needed at this risk tier but absent.
    pub unverified_credit: f64,
    /// Below this total a supplier fails.
    pub min_total: f64,
    /// Below this in any one rubric a supplier fails.
    pub min_rubric: f64,
    /// Evaluators mark text questions 0..marks_scale.
    pub marks_scale: u32,
    /// A wider spread between evaluators raises a moderation flag.
    pub max_mark_spread: f64,
    /// The scoring rules version: 1 (absent) takes evidence on trust as first published; 2
    /// also reads each evidence file and checks the claims against it. Written in results
    /// only when it is not 1, so results of rules 1 tenders keep their bytes.
    #[serde(skip_serializing_if = "is_first_rules")]
    pub rules: u32,
}

/// The latest scoring rules version, which `init` writes.
pub const LATEST_RULES: u32 = 2;

fn is_first_rules(rules: &u32) -> bool {
    *rules == 1
}

/// `[evidence]`: what a tender accepts as verification (scoring rules 2).
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct EvidenceSettings {
    /// Verifiers accepted for `verified_by` (whole names, matched without letter case or
    /// punctuation). Empty: any verifier with a distinctive name, named in the document,
    /// counts. `verifiers.csv` beside tender.toml adds to it.
    pub verifiers: Vec<String>,
    /// Other names of accepted verifiers, from `verifiers.csv`'s `aliases` column.
    #[serde(skip)]
    #[schemars(skip)]
    pub aliases: Vec<(String, Vec<String>)>,
}

impl Default for Scoring {
    fn default() -> Self {
        Scoring {
            unevidenced_credit: 0.5,
            unverified_credit: 0.75,
            min_total: 60.0,
            min_rubric: 40.0,
            marks_scale: 5,
            max_mark_spread: 2.0,
            rules: 1,
        }
    }
}

/// A validated tender.
#[derive(Debug, Clone)]
pub struct Tender {
    pub id: String,
    pub title: String,
    pub buyer: String,
    pub risk: Tier,
    pub as_of: Date,
    /// The submission deadline: evidence issued after it is invalid. None: not checked.
    pub deadline: Option<Date>,
    pub submissions_dir: PathBuf,
    pub rubric_dirs: Vec<PathBuf>,
    pub rubrics: Vec<RubricEntry>,
    pub scoring: Scoring,
    pub evidence: EvidenceSettings,
    /// `[award]`, when price is evaluated.
    pub award: Option<Award>,
    /// Where the evaluation methodology is published (`methodology_url`), for summaries.
    pub methodology_url: Option<String>,
    /// `[summary]`: what assessment summaries disclose.
    pub summary: SummarySettings,
    /// `[publish]`: how the award is published as open contracting data.
    pub publish: Option<PublishSettings>,
    /// `[[consistency]]` rules, as written (checked against the questions when the tender's
    /// rubrics are known).
    pub consistency: Vec<crate::model::rubric::ConsistencyRule>,
}

/// `[summary]`: what an assessment summary may disclose.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct SummarySettings {
    /// Give the most advantageous tender's whole-life cost in other suppliers' summaries
    /// (default false: commercially sensitive, and not required; its price and award scores
    /// are always given).
    pub disclose_winning_price: bool,
}

/// `[publish]`: how `tenderscore publish` identifies the contracting process.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct PublishSettings {
    /// The publisher's OCDS prefix (`ocds-` and six letters or digits, registered with the
    /// Open Contracting Partnership); the ocid is this prefix, a hyphen and the tender id.
    pub ocid_prefix: String,
}

impl PublishSettings {
    /// Whether `p` has the shape of an OCDS prefix: `ocds-` and six letters or digits.
    pub fn prefix_ok(p: &str) -> bool {
        p.strip_prefix("ocds-")
            .is_some_and(|rest| rest.len() == 6 && rest.bytes().all(|b| b.is_ascii_alphanumeric()))
    }
}

/// One row of the buyer's certificate register, `certificates.csv` (scoring rules 2).
#[derive(Debug, Clone, PartialEq)]
pub struct Certificate {
    pub number: String,
    pub holder: String,
    pub standard: String,
    pub issuer: String,
    /// As the certification body lists it: `valid`, `withdrawn`, `suspended`, `expired`….
    pub status: String,
    pub expires: Option<Date>,
}

/// `[award]`: how price joins quality to find the most advantageous tender (Procurement Act
/// 2023 s.19(2): the tender that best satisfies the award criteria). Without it, tenders are
/// ranked by quality alone.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Award {
    pub quality_weight: f64,
    pub price_weight: f64,
    /// A tender below this quality total gets no price score and fails.
    #[serde(default)]
    pub quality_threshold: f64,
    pub price_method: PriceMethod,
    /// Whole-life cost ceiling: a tender above it fails.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub budget: Option<f64>,
    /// Contract years, for the whole-life cost.
    #[serde(default = "one_year")]
    pub years: u32,
    /// Flag a cost below this share of the median of the other qualifying costs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub abnormally_low: Option<f64>,
    /// The buyer's pre-tender estimate of the whole-life cost: a cost below `abnormally_low`
    /// × this is flagged too (with few tenders the median of the others says little).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub abnormally_low_estimate: Option<f64>,
    #[serde(default = "gbp")]
    pub currency: String,
    /// The cost lines every `price.yaml` must give.
    pub costs: Vec<CostLine>,
}

fn one_year() -> u32 {
    1
}

fn gbp() -> String {
    "GBP".into()
}

/// How price scores are computed over the qualifying tenders.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum PriceMethod {
    /// 100 × lowest cost / this cost.
    Lowest,
    /// max(0, 100 × (1 − (this cost − lowest) / lowest)).
    Linear,
    /// max(0, 100 × (budget − this cost) / (budget − lowest)).
    Budget,
}

crate::display_as_serde!(PriceMethod);

/// One cost line of `[award]`.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct CostLine {
    pub id: String,
    pub label: String,
    /// Paid every contract year (else once).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub per_year: bool,
}

/// A supplier's price, from its `price.yaml`, checked against `[award]`.
#[derive(Debug, Clone, PartialEq)]
pub struct Price {
    pub currency: String,
    /// Cost id → amount, in `[award]` order.
    pub costs: Vec<(String, f64)>,
    /// One-off costs plus `years` × yearly costs.
    pub whole_life_cost: f64,
}
