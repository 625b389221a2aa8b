//! Rubrics: versioned sets of questions, parsed strictly and validated once.

use crate::answer::{self, Answer, RawValue};
use crate::problem::{Problem, Problems};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_saphyr::Spanned;
use std::collections::BTreeSet;
use std::fmt;
use std::path::Path;

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

impl fmt::Display for Tier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Tier::Low => "low",
            Tier::Medium => "medium",
            Tier::High => "high",
        })
    }
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

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Kind::YesNo => "yes_no",
            Kind::Choice => "choice",
            Kind::Scale => "scale",
            Kind::Number => "number",
            Kind::Text => "text",
        })
    }
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

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Critical => "critical",
        })
    }
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

impl fmt::Display for EvidenceKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = serde_json::to_value(self).ok();
        f.write_str(s.as_ref().and_then(|v| v.as_str()).unwrap_or("other"))
    }
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
}

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

fn valid_option_value(s: &str) -> bool {
    let mut b = s.bytes();
    matches!(b.next(), Some(c) if c.is_ascii_lowercase() || c.is_ascii_digit())
        && b.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'_' || c == b'-')
}

/// Parses and validates a rubric file. `expect` is the `(id, version)` its path implies.
pub fn parse(path: &Path, text: &str, expect: Option<(&str, &str)>) -> Result<Rubric, Problems> {
    let mut rubric: Rubric = crate::yaml::parse(path, text)?;
    let mut problems = Vec::new();
    validate(path, &mut rubric, expect, &mut problems);
    if problems.is_empty() {
        Ok(rubric)
    } else {
        Err(Problems(problems))
    }
}

fn validate(path: &Path, r: &mut Rubric, expect: Option<(&str, &str)>, out: &mut Vec<Problem>) {
    let mut bad = |msg: String| out.push(Problem::file(path, msg));
    if !valid_rubric_id(&r.id) {
        bad(format!("id: `{}` must match [a-z][a-z0-9-]*", r.id));
    }
    if Version::parse(&r.version).is_none() {
        bad(format!(
            "version: `{}` must be MAJOR.MINOR.PATCH, e.g. 1.0.0",
            r.version
        ));
    }
    if let Some((id, version)) = expect {
        if r.id != id {
            bad(format!("id: `{}` must equal the folder name `{id}`", r.id));
        }
        if r.version != version {
            bad(format!(
                "version: `{}` must equal the file name `{version}`",
                r.version
            ));
        }
    }
    if r.title.trim().is_empty() {
        bad("title: must not be empty".into());
    }
    if r.sections.is_empty() {
        bad("sections: a rubric needs at least one section".into());
    }
    let mut section_ids = BTreeSet::new();
    let mut question_ids = BTreeSet::new();
    for section in &mut r.sections {
        let sid = section.id.value.clone();
        let here = |msg: String| Problem::at_loc(path, &section.id.referenced, msg);
        if !valid_rubric_id(&sid) {
            out.push(here(format!(
                "section id `{sid}` must match [a-z][a-z0-9-]*"
            )));
        }
        if !section_ids.insert(sid.clone()) {
            out.push(here(format!("section id `{sid}` is duplicated")));
        }
        if crate::tender::check_weight(section.weight).is_err() {
            out.push(here(format!(
                "section `{sid}`: weight must be a number of 0 or more (at most {}), found {}",
                crate::tender::MAX_WEIGHT as u64,
                crate::tender::show_number(section.weight)
            )));
        }
        if section.questions.is_empty() {
            out.push(here(format!("section `{sid}` has no questions")));
        }
        for q in &mut section.questions {
            let loc = q.referenced;
            let q = &mut q.value;
            let mut bad = |msg: String| {
                out.push(Problem::at_loc(
                    path,
                    &loc,
                    format!("question {}: {msg}", q_id_for(&q.id)),
                ))
            };
            if !valid_question_id(&q.id) {
                bad("id must match [A-Z]+(-[A-Z]+)*-[0-9]+(.[0-9]+)*".into());
            }
            if !question_ids.insert(q.id.clone()) {
                bad("id is duplicated".into());
            }
            if q.text.trim().is_empty() {
                bad("text must not be empty".into());
            }
            if crate::tender::check_weight(q.weight).is_err() {
                bad(format!(
                    "weight must be a number of 0 or more (at most {}), found {}",
                    crate::tender::MAX_WEIGHT as u64,
                    crate::tender::show_number(q.weight)
                ));
            }
            check_kind_fields(q, &mut bad);
            if let Some(days) = q.evidence.max_age_days {
                if days == 0 {
                    bad("evidence.max_age_days must be at least 1".into());
                }
            }
            if q.gate && q.kind == Kind::Text {
                bad("a text question cannot be a gate: it has no automatic pass mark".into());
            }
            let mut answers = Vec::new();
            for flag in &q.flags {
                if flag.when.is_empty() {
                    bad("a flag's `when` must name at least one answer".into());
                }
                let mut these = Vec::new();
                for w in &flag.when {
                    if q.kind == Kind::Text {
                        bad("flags on a text question cannot name an answer".into());
                        break;
                    }
                    match answer::check(q, w) {
                        Ok(a) => these.push(a),
                        Err(_) => bad(format!(
                            "a flag's `when` names {w:?}, which this question cannot take; it takes {}",
                            answer::expected(q)
                        )),
                    }
                }
                answers.push(these);
            }
            for (flag, these) in q.flags.iter_mut().zip(answers) {
                flag.answers = these;
            }
        }
    }
}

fn q_id_for(id: &str) -> &str {
    if id.is_empty() {
        "(no id)"
    } else {
        id
    }
}

fn check_kind_fields(q: &Question, bad: &mut impl FnMut(String)) {
    let k = q.kind;
    let only = |field: &str, kind: &str| format!("`{field}` is only for {kind} questions");
    if k != Kind::Scale && !q.levels.is_empty() {
        bad(only("levels", "scale"));
    }
    if k != Kind::Choice && !q.options.is_empty() {
        bad(only("options", "choice"));
    }
    if k != Kind::YesNo && q.expect.is_some() {
        bad(only("expect", "yes_no"));
    }
    if k != Kind::Number && (q.unit.is_some() || !q.bands.is_empty()) {
        bad(only("unit and bands", "number"));
    }
    match k {
        Kind::Scale if q.levels.len() < 2 => bad(format!(
            "a scale needs at least 2 levels, found {}",
            q.levels.len()
        )),
        Kind::Choice => {
            if q.options.is_empty() {
                bad("a choice question needs options".into());
            }
            let mut seen = BTreeSet::new();
            for o in &q.options {
                if !valid_option_value(&o.value) {
                    bad(format!(
                        "option value `{}` must match [a-z0-9][a-z0-9_-]*",
                        o.value
                    ));
                }
                if !seen.insert(o.value.as_str()) {
                    bad(format!("two options share the value `{}`", o.value));
                }
                if crate::tender::check_weight(o.score).is_err() {
                    bad(format!(
                        "option `{}`: score must be a number of 0 or more (at most {})",
                        o.value,
                        crate::tender::MAX_WEIGHT as u64
                    ));
                }
            }
            if !q.options.is_empty() && q.max_option_score() <= 0.0 {
                bad("at least one option must score above 0".into());
            }
        }
        Kind::YesNo => {
            if let Some(e) = &q.expect {
                if !matches!(e, RawValue::Bool(_))
                    && !matches!(e, RawValue::Str(s) if s == "yes" || s == "no")
                {
                    bad(format!("expect must be yes or no, found {e:?}"));
                }
            }
        }
        Kind::Number => {
            if q.bands.is_empty() {
                bad("a number question needs bands".into());
            }
            for b in &q.bands {
                if b.max.is_some() == b.min.is_some() {
                    bad("each band needs exactly one of `max` or `min`".into());
                }
                if b.max.or(b.min).is_some_and(|v| !v.is_finite()) {
                    bad("a band's `max` or `min` must be a finite number".into());
                }
                if !(b.score.is_finite() && (0.0..=1.0).contains(&b.score)) {
                    bad(format!(
                        "a band's score must be from 0 to 1, found {}",
                        b.score
                    ));
                }
            }
        }
        _ => {}
    }
}
