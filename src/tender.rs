//! The tender file, `tender.toml` (docs/formats.md, "Tender").

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

/// The largest weight accepted anywhere (rubric, section, question): far beyond any real
/// tender, and small enough that no sum of weights can overflow to infinity.
pub const MAX_WEIGHT: f64 = 1_000_000.0;
/// The largest `marks_scale` accepted.
pub const MAX_MARKS_SCALE: u32 = 1000;

/// A weight must be a finite number from 0 to [`MAX_WEIGHT`]; the error completes "weight …".
pub fn check_weight(w: f64) -> Result<(), String> {
    if w.is_finite() && (0.0..=MAX_WEIGHT).contains(&w) {
        Ok(())
    } else {
        Err(format!(
            "must be a number from 0 to {}, found {}",
            MAX_WEIGHT as u64,
            show_number(w)
        ))
    }
}

/// A number as read, short even when absurd (`1.7e308`, not 309 digits).
pub fn show_number(v: f64) -> String {
    if v.is_finite() && v.abs() >= 1e9 {
        format!("{v:e}")
    } else {
        format!("{v}")
    }
}

/// One step of a path into a TOML document.
enum Seg<'a> {
    Key(&'a str),
    Index(usize),
}

/// Line and column of the value at `path`, from the TOML parser's spans.
fn locate(text: &str, path: &[Seg]) -> Option<(u32, u32)> {
    use toml::de::{DeTable, DeValue};
    let doc = DeTable::parse(text).ok()?;
    let table: &DeTable = doc.get_ref();
    let mut value: Option<&DeValue> = None;
    let mut span = None;
    for seg in path {
        let (next_span, next): (std::ops::Range<usize>, &DeValue) = match (seg, value) {
            (Seg::Key(k), None) => {
                let (_, v) = table.iter().find(|(key, _)| key.get_ref().as_ref() == *k)?;
                (v.span(), v.get_ref())
            }
            (Seg::Key(k), Some(v)) => {
                let t = v.as_table()?;
                let (_, v) = t.iter().find(|(key, _)| key.get_ref().as_ref() == *k)?;
                (v.span(), v.get_ref())
            }
            (Seg::Index(i), Some(v)) => {
                let item = v.as_array()?.get(*i)?;
                (item.span(), item.get_ref())
            }
            (Seg::Index(_), None) => return None,
        };
        span = Some(next_span);
        value = Some(next);
    }
    span.map(|s| line_col(text, s.start))
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
    // Locate a value for messages by its path in the document, from the parser's spans.
    let at = |where_: &[Seg], msg: String| {
        let (line, col) = locate(text, where_).unwrap_or((0, 0));
        Problem::at(path, line, col, msg)
    };
    use Seg::{Index as I, Key as K};
    if file.id.trim().is_empty() {
        problems.push(at(&[K("id")], "id must not be empty".into()));
    }
    let as_of = match (file.as_of.date, file.as_of.time) {
        (Some(d), None) => Date::new(d.year as i16, d.month as i8, d.day as i8).ok(),
        _ => None,
    };
    if as_of.is_none() {
        problems.push(at(
            &[K("as_of")],
            "as_of must be a date such as 2026-10-01 (no time)".into(),
        ));
    }
    if file.rubrics.is_empty() {
        problems.push(Problem::file(
            path,
            "a tender needs at least one [[rubrics]] table",
        ));
    }
    for (i, r) in file.rubrics.iter().enumerate() {
        if let Err(why) = check_weight(r.weight) {
            problems.push(at(
                &[K("rubrics"), I(i), K("weight")],
                format!("{}: weight {why}", r.use_),
            ));
        }
        for (q, w) in &r.weights {
            if let Err(why) = check_weight(*w) {
                problems.push(at(
                    &[K("rubrics"), I(i), K("weights"), K(q)],
                    format!("{}: weight of {q} {why}", r.use_),
                ));
            }
        }
    }
    if !file.rubrics.is_empty() && file.rubrics.iter().all(|r| r.weight == 0.0) {
        problems.push(at(
            &[K("rubrics"), I(0), K("weight")],
            "at least one rubric needs a weight above 0".into(),
        ));
    }
    let s = &file.scoring;
    for (name, v) in [
        ("unevidenced_credit", s.unevidenced_credit),
        ("unverified_credit", s.unverified_credit),
    ] {
        if !(0.0..=1.0).contains(&v) {
            problems.push(at(
                &[K("scoring"), K(name)],
                format!("{name} must be from 0 to 1, found {}", show_number(v)),
            ));
        }
    }
    for (name, v) in [("min_total", s.min_total), ("min_rubric", s.min_rubric)] {
        if !(0.0..=100.0).contains(&v) {
            problems.push(at(
                &[K("scoring"), K(name)],
                format!("{name} must be from 0 to 100, found {}", show_number(v)),
            ));
        }
    }
    if !(1..=MAX_MARKS_SCALE).contains(&s.marks_scale) {
        problems.push(at(
            &[K("scoring"), K("marks_scale")],
            format!(
                "marks_scale must be a whole number from 1 to {MAX_MARKS_SCALE}, found {}",
                s.marks_scale
            ),
        ));
    }
    if !(s.max_mark_spread.is_finite()
        && (0.0..=f64::from(MAX_MARKS_SCALE)).contains(&s.max_mark_spread))
    {
        problems.push(at(
            &[K("scoring"), K("max_mark_spread")],
            format!(
                "max_mark_spread must be a number from 0 to {MAX_MARKS_SCALE}, found {}",
                show_number(s.max_mark_spread)
            ),
        ));
    }
    let submissions_dir = dir.join(&file.submissions);
    if !inside(Path::new(&file.submissions)) {
        problems.push(at(
            &[K("submissions")],
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
