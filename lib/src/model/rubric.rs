//! Rubrics: versioned sets of sections and questions, each with its kind, weight, evidence
//! rules and flags. `load::rubric` builds and validates them.

use super::value::{Answer, RawValue};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_saphyr::Spanned;
use std::fmt;

/// Risk tier of a tender, and the tier from which a question applies or verification is needed.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Tier {
    Low,
    Medium,
    High,
}

/// The five kinds of question and how they are answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    YesNo,
    Choice,
    Scale,
    Number,
    Text,
}

/// How serious a flag is.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Critical,
}

/// The kinds of evidence document a supplier can attach.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum EvidenceKind {
    Policy,
    Register,
    Procedure,
    Certificate,
    AuditReport,
    TestReport,
    Dpia,
    Eqia,
    AtrsRecord,
    ModelCard,
    DataSheet,
    ContractClause,
    CaseStudy,
    Other,
}

crate::display_as_serde!(Tier, Kind, Severity, EvidenceKind);

impl EvidenceKind {
    /// Every evidence kind, in the order the docs list them: the one list the fast YAML
    /// reader and the response workbook's drop-down use, so a new kind reaches both.
    pub const ALL: [EvidenceKind; 14] = [
        EvidenceKind::Policy,
        EvidenceKind::Register,
        EvidenceKind::Procedure,
        EvidenceKind::Certificate,
        EvidenceKind::AuditReport,
        EvidenceKind::TestReport,
        EvidenceKind::Dpia,
        EvidenceKind::Eqia,
        EvidenceKind::AtrsRecord,
        EvidenceKind::ModelCard,
        EvidenceKind::DataSheet,
        EvidenceKind::ContractClause,
        EvidenceKind::CaseStudy,
        EvidenceKind::Other,
    ];
}

/// A document a rubric's questions come from.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// A versioned rubric, as in `rubrics/<id>/<version>.yaml`.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Rubric {
    /// `[a-z][a-z0-9-]*`, equal to the folder name.
    pub id: String,
    /// `MAJOR.MINOR.PATCH`, equal to the file name.
    pub version: String,
    pub title: String,
    #[serde(default)]
    pub summary: String,
    #[serde(default)]
    pub sources: Vec<Source>,
    pub sections: Vec<Section>,
    /// Answers that cannot both be true (scoring rules 2), across rubrics.
    #[serde(default)]
    #[schemars(with = "Vec<ConsistencyRule>")]
    pub consistency: Vec<Spanned<ConsistencyRule>>,
}

impl ConsistencyRule {
    /// The rule in words: "if GDPR-2 is no, then AIME-6.3 is not opt_out or shared_training".
    pub fn words(&self) -> String {
        let side = |m: &std::collections::BTreeMap<String, Vec<RawValue>>| {
            m.iter()
                .map(|(q, v)| {
                    let v: Vec<String> = v.iter().map(RawValue::shown).collect();
                    format!("{q} is {}", v.join(" or "))
                })
                .collect::<Vec<_>>()
                .join(" and ")
        };
        format!("if {}, then not: {}", side(&self.if_), side(&self.then_not))
    }
}

/// Answers that cannot both be true (scoring rules 2): a response that gives one of the `if`
/// answers to every question there, and one of the `then_not` answers to every question
/// there, contradicts itself, and each question named is flagged.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ConsistencyRule {
    /// Unique across the tender's rubrics and tender.toml, such as `TRAINING-USE`.
    pub id: String,
    /// Question id → answers; every question must have one of its answers.
    #[serde(rename = "if")]
    pub if_: std::collections::BTreeMap<String, Vec<RawValue>>,
    /// Question id → answers that contradict the `if` side.
    pub then_not: std::collections::BTreeMap<String, Vec<RawValue>>,
    /// What is wrong, in words, quoted in flags and clarification questions.
    pub message: String,
}

/// A group of questions with a relative weight inside its rubric.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Section {
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    pub title: String,
    #[serde(default = "one")]
    pub weight: f64,
    #[schemars(with = "Vec<Question>")]
    pub questions: Vec<Spanned<Question>>,
}

fn one() -> f64 {
    1.0
}

/// One question put to suppliers.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Question {
    /// `[A-Z]+(-[A-Z]+)*-[0-9]+(\.[0-9]+)*`, unique across every rubric.
    pub id: String,
    pub text: String,
    #[serde(default)]
    pub guidance: String,
    pub kind: Kind,
    #[serde(default = "one")]
    pub weight: f64,
    /// Scale: descriptors of levels 0..N.
    #[serde(default)]
    pub levels: Vec<String>,
    /// Choice: the options.
    #[serde(default)]
    pub options: Vec<ChoiceOption>,
    /// Yes/no: the answer that earns credit (default yes).
    #[serde(default)]
    pub expect: Option<RawValue>,
    /// Number: the unit of the answer.
    #[serde(default)]
    pub unit: Option<String>,
    /// Number: bands, the first one met gives the score.
    #[serde(default)]
    pub bands: Vec<Band>,
    #[serde(default)]
    pub evidence: EvidenceRule,
    #[serde(default = "low")]
    pub applies_from: Tier,
    #[serde(default)]
    pub na: bool,
    #[serde(default)]
    pub gate: bool,
    #[serde(default)]
    pub flags: Vec<FlagRule>,
    #[serde(default)]
    pub refs: Vec<String>,
}

fn low() -> Tier {
    Tier::Low
}

/// An option of a choice question.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ChoiceOption {
    pub value: String,
    pub label: String,
    pub score: f64,
}

/// A band of a number question: met when the answer is at most `max` (or at least `min`).
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Band {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<f64>,
    pub score: f64,
}

/// What evidence a question accepts and needs.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct EvidenceRule {
    /// A claim without valid evidence earns 0.
    #[serde(default)]
    pub required: bool,
    /// Accepted kinds; empty accepts any kind.
    #[serde(default)]
    pub kinds: Vec<EvidenceKind>,
    /// Evidence issued longer ago than this before as-of is stale.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_age_days: Option<u32>,
    /// At this risk tier and above, evidence must be third-party verified.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verify_at: Option<Tier>,
    /// What the evidence itself must show, checked under scoring rules 2 (ignored under
    /// rules 1). Each entry is met when an evidence document of the answer shows it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub must_show: Option<Vec<MustShow>>,
    /// What the evidence must not show, checked under scoring rules 2 (ignored under rules
    /// 1): each entry lists phrases; one found in an evidence document, with no negation
    /// before it in its sentence, makes the evidence `unconfirmed` and raises a critical flag
    /// quoting the sentence.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub must_not_show: Option<Vec<MustShow>>,
}

impl EvidenceRule {
    /// The `must_show` entries, none when the field is absent.
    pub fn must_show(&self) -> &[MustShow] {
        self.must_show.as_deref().unwrap_or_default()
    }

    /// The `must_not_show` entries, none when the field is absent.
    pub fn must_not_show(&self) -> &[MustShow] {
        self.must_not_show.as_deref().unwrap_or_default()
    }

    /// The `must_show` entries in words: "the standard certified (ISO/IEC 42001 or ISO
    /// 42001); the certified organisation (the supplier's name)".
    pub fn must_show_words(&self) -> Option<String> {
        words(self.must_show())
    }

    /// The `must_not_show` entries in words, as [`EvidenceRule::must_show_words`].
    pub fn must_not_show_words(&self) -> Option<String> {
        words(self.must_not_show())
    }
}

fn words(list: &[MustShow]) -> Option<String> {
    (!list.is_empty()).then(|| {
        list.iter()
            .map(|m| {
                let negation = match m.negation {
                    Negation::Reject => "",
                    Negation::Require => ", after a negation such as \"shall not\"",
                    Negation::Ignore => ", negated or not",
                };
                if m.supplier {
                    format!("{} (the supplier's name)", m.label)
                } else {
                    format!("{} ({}{negation})", m.label, m.any.join(" or "))
                }
            })
            .collect::<Vec<_>>()
            .join("; ")
    })
}

/// One thing the evidence must show: any one of some phrases, or the supplier's own name.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct MustShow {
    /// What is looked for, in words: "the standard certified".
    pub label: String,
    /// Phrases, any one of which must appear (matched without letter case or spacing).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub any: Vec<String>,
    /// The response's `supplier` name, or one of its `legal_names`, must appear.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub supplier: bool,
    /// How a negation before the phrase in its sentence is read (`must_show` only): `reject`
    /// (the default: "is not certified to ISO/IEC 42001" does not show ISO/IEC 42001),
    /// `require` (the entry looks for a prohibition, which is written as one: "shall not use
    /// Council Data to train" shows a restriction on training, "may use it to train" does not)
    /// or `ignore` (either way is what the entry looks for: "no automatic renewal" is a
    /// renewal term).
    #[serde(default, skip_serializing_if = "Negation::is_default")]
    pub negation: Negation,
}

/// How a `must_show` entry reads a negation before its phrase, in the same sentence.
#[derive(Debug, Clone, Copy, Default, Deserialize, Serialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Negation {
    /// A negated phrase does not count.
    #[default]
    Reject,
    /// Only a negated phrase counts.
    Require,
    /// Negated or not, the phrase counts.
    Ignore,
}

impl Negation {
    fn is_default(&self) -> bool {
        *self == Negation::Reject
    }

    /// Whether a phrase found with (`negated`) or without a negation before it counts.
    pub fn counts(self, negated: bool) -> bool {
        match self {
            Negation::Reject => !negated,
            Negation::Require => negated,
            Negation::Ignore => true,
        }
    }
}

crate::display_as_serde!(Negation);

/// An answer that raises a flag for evaluators.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FlagRule {
    pub when: Vec<RawValue>,
    pub severity: Severity,
    pub message: String,
    /// `when`, checked against the question's kind on load.
    #[serde(skip)]
    #[schemars(skip)]
    pub answers: Vec<Answer>,
}

impl Question {
    /// The answer a yes/no question expects (validated on load).
    pub fn expects_yes(&self) -> bool {
        !matches!(&self.expect, Some(RawValue::Bool(false)))
            && !matches!(&self.expect, Some(RawValue::Str(s)) if s == "no")
    }

    /// The highest score of a choice question's options.
    pub fn max_option_score(&self) -> f64 {
        self.options.iter().map(|o| o.score).fold(0.0, f64::max)
    }

    /// The answers this question takes and what each scores, one line each.
    pub fn answer_lines(&self) -> Vec<String> {
        let q = self;
        match q.kind {
            Kind::Scale => q
                .levels
                .iter()
                .enumerate()
                .map(|(i, l)| format!("{i}: {l}"))
                .collect(),
            Kind::Choice => q
                .options
                .iter()
                .map(|o| {
                    format!(
                        "{}: {} (score {})",
                        o.value,
                        o.label,
                        crate::model::number::format_number(o.score)
                    )
                })
                .collect(),
            Kind::YesNo => vec![format!(
                "yes or no; credit for `{}`",
                if q.expects_yes() { "yes" } else { "no" }
            )],
            Kind::Number => {
                let mut v = vec![format!(
                    "a number{}",
                    q.unit
                        .as_ref()
                        .map(|u| format!(" in {u}"))
                        .unwrap_or_default()
                )];
                for b in &q.bands {
                    let cond = match (b.max, b.min) {
                        (Some(m), _) => {
                            format!("at most {}", crate::model::number::format_number(m))
                        }
                        (_, Some(m)) => {
                            format!("at least {}", crate::model::number::format_number(m))
                        }
                        _ => String::new(),
                    };
                    v.push(format!(
                        "{cond}: score {}",
                        crate::model::number::format_number(b.score)
                    ));
                }
                v
            }
            Kind::Text => vec!["free text, marked by evaluators".into()],
        }
    }
}

impl Rubric {
    /// `id@version`.
    pub fn reference(&self) -> String {
        format!("{}@{}", self.id, self.version)
    }

    /// Every question, in file order, with its section.
    pub fn questions(&self) -> impl Iterator<Item = (&Section, &Question)> {
        self.sections
            .iter()
            .flat_map(|s| s.questions.iter().map(move |q| (s, &q.value)))
    }

    pub fn question_count(&self) -> usize {
        self.sections.iter().map(|s| s.questions.len()).sum()
    }
}

/// A semantic version `MAJOR.MINOR.PATCH`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Version(pub u64, pub u64, pub u64);

impl Version {
    pub fn parse(s: &str) -> Option<Version> {
        let mut parts = s.split('.');
        let mut next = || -> Option<u64> {
            let p = parts.next()?;
            if p.is_empty()
                || !p.bytes().all(|b| b.is_ascii_digit())
                || (p.len() > 1 && p.starts_with('0'))
            {
                return None;
            }
            p.parse().ok()
        };
        let v = Version(next()?, next()?, next()?);
        parts.next().is_none().then_some(v)
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}.{}", self.0, self.1, self.2)
    }
}

pub fn valid_rubric_id(s: &str) -> bool {
    let mut b = s.bytes();
    matches!(b.next(), Some(c) if c.is_ascii_lowercase())
        && b.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'-')
}

/// `[A-Z]+(-[A-Z]+)*-[0-9]+(\.[0-9]+)*`
pub fn valid_question_id(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    if parts.len() < 2 {
        return false;
    }
    let (num, letters) = parts.split_last().unwrap_or((&"", &[]));
    letters
        .iter()
        .all(|p| !p.is_empty() && p.bytes().all(|c| c.is_ascii_uppercase()))
        && num
            .split('.')
            .all(|p| !p.is_empty() && p.bytes().all(|c| c.is_ascii_digit()))
}

#[cfg(test)]
mod all_kinds {
    use super::EvidenceKind;

    /// `EvidenceKind::ALL` lists every variant: the schema (derived from the enum itself)
    /// names no kind it lacks.
    #[test]
    fn all_lists_every_evidence_kind() {
        let schema = serde_json::to_value(schemars::schema_for!(EvidenceKind)).unwrap();
        let named: Vec<String> = schema["enum"]
            .as_array()
            .or_else(|| schema["oneOf"].as_array())
            .unwrap()
            .iter()
            .map(|v| {
                v.as_str()
                    .map(str::to_string)
                    .or_else(|| v["const"].as_str().map(str::to_string))
                    .or_else(|| v["enum"][0].as_str().map(str::to_string))
                    .unwrap()
            })
            .collect();
        let all: Vec<String> = EvidenceKind::ALL.iter().map(|k| k.to_string()).collect();
        assert_eq!(named, all);
    }
}
