//! The tender file, `tender.toml` (SPEC §2.2).

use crate::problem::Problem;
use crate::rubric::Tier;
use jiff::civil::Date;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// `tender.toml` as written.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TenderFile {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub buyer: String,
    pub risk: Tier,
    /// The evaluation date (a TOML date, e.g. 2026-10-01).
    #[schemars(with = "String")]
    pub as_of: toml::value::Datetime,
    #[serde(default = "default_submissions")]
    pub submissions: String,
    #[serde(default)]
    pub rubric_dirs: Vec<String>,
    pub rubrics: Vec<RubricUse>,
    #[serde(default)]
    pub scoring: Scoring,
}

fn default_submissions() -> String {
    "submissions".into()
}

/// One rubric a tender uses, with its weight in the total.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RubricUse {
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
    pub submissions_dir: PathBuf,
    pub rubric_dirs: Vec<PathBuf>,
    pub rubrics: Vec<RubricUse>,
    pub scoring: Scoring,
}

/// Line and column (1-based) of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (u32, u32) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() as u32 + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) as u32 + 1;
    (line, col)
}

/// Parses and checks `tender.toml` (rubric references are resolved later, by the loader).
pub fn parse(path: &Path, text: &str, dir: &Path) -> Result<Tender, Vec<Problem>> {
    let file: TenderFile = toml::from_str(text).map_err(|e| {
        let msg = e.message().trim().to_string();
        vec![match e.span() {
            Some(span) => {
                let (l, c) = line_col(text, span.start);
                Problem::at(path, l, c, msg)
            }
            None => Problem::file(path, msg),
        }]
    })?;
    let mut problems = Vec::new();
    // Locate a key for messages: the first line that starts with it.
    let at = |key: &str, msg: String| {
        let line = text
            .lines()
            .position(|l| l.trim_start().starts_with(key))
            .map_or(0, |i| i as u32 + 1);
        Problem::at(path, line, if line > 0 { 1 } else { 0 }, msg)
    };
    if file.id.trim().is_empty() {
        problems.push(at("id", "id must not be empty".into()));
    }
    let as_of = match (file.as_of.date, file.as_of.time) {
        (Some(d), None) => Date::new(d.year as i16, d.month as i8, d.day as i8).ok(),
        _ => None,
    };
    if as_of.is_none() {
        problems.push(at(
            "as_of",
            "as_of must be a date such as 2026-10-01 (no time)".into(),
        ));
    }
    if file.rubrics.is_empty() {
        problems.push(Problem::file(
            path,
            "a tender needs at least one [[rubrics]] table",
        ));
    }
    for r in &file.rubrics {
        if !(r.weight.is_finite() && r.weight >= 0.0) {
            problems.push(at(
                "weight",
                format!("{}: weight must be a number of 0 or more", r.use_),
            ));
        }
        for (q, w) in &r.weights {
            if !(w.is_finite() && *w >= 0.0) {
                problems.push(at(
                    "weights",
                    format!("{}: weight of {q} must be 0 or more", r.use_),
                ));
            }
        }
    }
    if !file.rubrics.is_empty() && file.rubrics.iter().all(|r| r.weight == 0.0) {
        problems.push(at(
            "weight",
            "at least one rubric needs a weight above 0".into(),
        ));
    }
    let s = &file.scoring;
    for (name, v) in [
        ("unevidenced_credit", s.unevidenced_credit),
        ("unverified_credit", s.unverified_credit),
    ] {
        if !(0.0..=1.0).contains(&v) {
            problems.push(at(name, format!("{name} must be from 0 to 1, found {v}")));
        }
    }
    for (name, v) in [("min_total", s.min_total), ("min_rubric", s.min_rubric)] {
        if !(0.0..=100.0).contains(&v) {
            problems.push(at(name, format!("{name} must be from 0 to 100, found {v}")));
        }
    }
    if s.marks_scale == 0 {
        problems.push(at("marks_scale", "marks_scale must be at least 1".into()));
    }
    if !(s.max_mark_spread.is_finite() && s.max_mark_spread >= 0.0) {
        problems.push(at(
            "max_mark_spread",
            "max_mark_spread must be 0 or more".into(),
        ));
    }
    let submissions_dir = dir.join(&file.submissions);
    if !inside(Path::new(&file.submissions)) {
        problems.push(at(
            "submissions",
            "submissions must be a folder inside the tender folder".into(),
        ));
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(Tender {
        id: file.id,
        title: file.title,
        buyer: file.buyer,
        risk: file.risk,
        as_of: as_of.expect("checked above"),
        submissions_dir,
        rubric_dirs: file.rubric_dirs.iter().map(|d| dir.join(d)).collect(),
        rubrics: file.rubrics,
        scoring: file.scoring,
    })
}

/// A relative path that does not climb out with `..`.
fn inside(p: &Path) -> bool {
    use std::path::Component;
    let mut depth = 0i32;
    for c in p.components() {
        match c {
            Component::Normal(_) => depth += 1,
            Component::CurDir => {}
            Component::ParentDir => {
                depth -= 1;
                if depth < 0 {
                    return false;
                }
            }
            _ => return false,
        }
    }
    true
}
