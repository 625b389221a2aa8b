//! A tender as loaded: its rubrics, submissions, marks and registers, validated once.

use super::{registry, workbook};
use crate::model::decision::{Contradiction, Decision};
use crate::model::marks::Mark;
use crate::model::response::{QuestionLookup, Response};
use crate::model::rubric::{Question, Rubric, Section, Tier};
use crate::model::tender::{Certificate, Tender};
use crate::problem::{Problem, Problems};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// A rubric as a tender uses it: parsed, with the weight, exclusions and question weight
/// overrides its `[[rubrics]]` entry gives.
#[derive(Debug, Clone)]
pub struct TenderRubric {
    pub reference: String,
    pub rubric: Rubric,
    pub path: PathBuf,
    pub sha256: String,
    pub weight: f64,
    pub exclude: BTreeSet<String>,
    pub weights: BTreeMap<String, f64>,
    pub stage: crate::model::tender::Stage,
    /// `[[rubrics]] min`: this rubric's own minimum, overriding `[scoring] min_rubric`.
    pub min: Option<f64>,
}

impl TenderRubric {
    /// A rubric used whole, as when `template` is given rubric references and no tender.
    pub fn whole(file: &registry::RubricFile) -> Result<TenderRubric, Problems> {
        Ok(TenderRubric {
            reference: file.reference(),
            rubric: file.parse()?,
            path: file.path.clone(),
            sha256: file.sha256.clone(),
            weight: 1.0,
            exclude: BTreeSet::new(),
            weights: BTreeMap::new(),
            stage: Default::default(),
            min: None,
        })
    }

    /// Whether the tender asks this question: it applies at the risk tier and is not excluded.
    pub fn asks(&self, q: &Question, risk: Tier) -> bool {
        q.applies_from <= risk && !self.exclude.contains(&q.id)
    }

    /// The question's weight in this tender (overrides first).
    pub fn weight_of(&self, q: &Question) -> f64 {
        self.weights.get(&q.id).copied().unwrap_or(q.weight)
    }

    /// The questions this tender asks, in file order, with their sections.
    pub fn asked(&self, risk: Tier) -> impl Iterator<Item = (&Section, &Question)> {
        self.rubric
            .questions()
            .filter(move |(_, q)| self.asks(q, risk))
    }
}

/// `marks.csv` once read.
#[derive(Debug, Clone)]
pub struct MarksFile {
    pub path: PathBuf,
    pub sha256: String,
    pub rows: Vec<Mark>,
}

/// One supplier folder.
#[derive(Debug, Clone)]
pub struct Submission {
    pub folder: String,
    pub dir: PathBuf,
    pub response_path: PathBuf,
    pub response_sha256: Option<String>,
    pub response: Result<Response, Vec<Problem>>,
    /// Other folders whose responses give the same display name: both are scored, and both
    /// are flagged for the panel, since a name proves nothing about who sent a bid.
    pub shares_name_with: Vec<String>,
    /// Scoring rules 2: what this response cites that another supplier's cites too (the same
    /// certificate number, or an evidence file with the same SHA-256), one line each naming
    /// the other folder.
    pub shares_evidence_with: Vec<String>,
    /// Its `price.yaml`, when the tender has `[award]`.
    pub price: Option<Result<crate::model::tender::Price, Vec<Problem>>>,
    /// The SHA-256 of its `price.yaml`, when the tender has `[award]` and the file could be
    /// read (whether or not its figures are valid).
    pub price_sha256: Option<String>,
    /// Things to know that do not stop scoring: in a `response.xlsx`, formula cells read by
    /// their cached value. `check` lists them.
    pub warnings: Vec<Problem>,
    /// Scoring rules 2: the names (display and legal) that held invisible characters, as
    /// written with those characters shown as `U+200B`; they are removed from the response.
    pub invisible_in_names: Vec<String>,
    /// For a `response.xlsx`, the cell each line of the YAML it was read as came from (empty
    /// for `response.yaml`), so later findings name a cell, not a line.
    pub cells: workbook::AsYaml,
}

impl Submission {
    /// The supplier's name, or its folder when the response could not be read.
    pub fn name(&self) -> &str {
        match &self.response {
            Ok(r) => &r.supplier,
            Err(_) => &self.folder,
        }
    }
}

/// A tender folder, loaded and validated.
#[derive(Debug, Clone)]
pub struct LoadedTender {
    pub dir: PathBuf,
    pub tender_path: PathBuf,
    pub tender: Tender,
    pub tender_sha256: String,
    pub rubrics: Vec<TenderRubric>,
    pub submissions: Vec<Submission>,
    pub marks: Option<MarksFile>,
    /// Problems in `marks.csv`; the tender cannot be scored while there are any.
    pub marks_problems: Vec<Problem>,
    /// Rows of `marks.csv` set aside because they may belong to an unreadable response.
    pub marks_notes: Vec<Problem>,
    /// The buyer's lists read under scoring rules 2, `certificates.csv` and `verifiers.csv`.
    pub registers: Vec<RegisterFile>,
    /// The rows of `certificates.csv`, when the tender has one (rules 2).
    pub certificates: Option<Vec<Certificate>>,
    /// Contradiction rules of the tender's rubrics and tender.toml, checked (rules 2).
    pub contradictions: Vec<Contradiction>,
    /// The panel's decisions, `decisions.csv` (rules 2).
    pub decisions: Vec<Decision>,
    /// Problems in `decisions.csv`; the tender cannot be scored while there are any.
    pub decision_problems: Vec<Problem>,
}

/// A buyer's list beside `tender.toml`, as read: its name and hash, for `verify`.
#[derive(Debug, Clone)]
pub struct RegisterFile {
    pub path: PathBuf,
    pub sha256: String,
}

/// A loaded tender that can be scored: its `marks.csv`, if any, fits it. The only way to
/// get one is [`LoadedTender::scorable`], so scoring never sees marks with problems.
#[derive(Debug, Clone, Copy)]
pub struct Scorable<'a>(&'a LoadedTender);

impl std::ops::Deref for Scorable<'_> {
    type Target = LoadedTender;
    fn deref(&self) -> &LoadedTender {
        self.0
    }
}

impl LoadedTender {
    /// The tender, ready to score, or the problems in `marks.csv` that stop it.
    pub fn scorable(&self) -> Result<Scorable<'_>, Problems> {
        if self.marks_problems.is_empty() && self.decision_problems.is_empty() {
            Ok(Scorable(self))
        } else {
            Err(Problems(
                self.marks_problems
                    .iter()
                    .chain(&self.decision_problems)
                    .cloned()
                    .collect(),
            ))
        }
    }

    /// Whether `target`, the canonical path of an existing file, is one the tender reads:
    /// `tender.toml`, a rubric file, `marks.csv`, a response or an evidence file. Used to
    /// refuse `-o` over an input.
    pub fn reads_file(&self, target: &Path) -> bool {
        let same = |p: &Path| p.canonicalize().is_ok_and(|c| c == target);
        if self.rubrics.iter().any(|r| same(&r.path)) {
            return true;
        }
        // Everything else lies inside the tender folder: nothing to compare when outside.
        if !self.dir.canonicalize().is_ok_and(|d| target.starts_with(d)) {
            return false;
        }
        same(&self.tender_path)
            || same(&self.dir.join("marks.csv"))
            || self.registers.iter().any(|r| same(&r.path))
            || self.submissions.iter().any(|s| {
                same(&s.response_path)
                    || same(&s.dir.join("price.yaml"))
                    || s.response.as_ref().is_ok_and(|r| {
                        r.answers
                            .values()
                            .flat_map(|a| &a.evidence)
                            .any(|e| same(&s.dir.join(&e.file)))
                    })
            })
    }

    /// A question of the tender's rubrics by id, with its rubric and section.
    pub fn find_question(&self, id: &str) -> Option<(&TenderRubric, &Section, &Question)> {
        self.rubrics.iter().find_map(|r| {
            r.rubric
                .questions()
                .find(|(_, q)| q.id == id)
                .map(|(s, q)| (r, s, q))
        })
    }

    /// A question's share of the total (0-1) in this tender: its weight in its section, the
    /// section's in its rubric, the rubric's in the tender. Used to put what matters first.
    pub fn share_of_total(&self, id: &str) -> f64 {
        let Some((r, s, q)) = self.find_question(id) else {
            return 0.0;
        };
        let risk = self.tender.risk;
        let sum_r: f64 = self.rubrics.iter().map(|r| r.weight).sum();
        let sum_s: f64 = r.rubric.sections.iter().map(|s| s.weight).sum();
        let sum_q: f64 = s
            .questions
            .iter()
            .filter(|x| r.asks(&x.value, risk))
            .map(|x| r.weight_of(&x.value))
            .sum();
        let part = |a: f64, b: f64| if b > 0.0 { a / b } else { 0.0 };
        part(r.weight, sum_r) * part(s.weight, sum_s) * part(r.weight_of(q), sum_q)
    }
}

/// Question lookup over the rubrics a tender uses.
pub struct Catalog<'a> {
    by_id: BTreeMap<&'a str, &'a Question>,
    tender_id: &'a str,
}

impl<'a> Catalog<'a> {
    pub fn new(tender_id: &'a str, rubrics: &'a [TenderRubric]) -> Self {
        let by_id = rubrics
            .iter()
            .flat_map(|r| r.rubric.questions().map(|(_, q)| (q.id.as_str(), q)))
            .collect();
        Catalog { by_id, tender_id }
    }
}

impl QuestionLookup for Catalog<'_> {
    fn question(&self, id: &str) -> Option<&Question> {
        self.by_id.get(id).copied()
    }
    fn ids(&self) -> Vec<&str> {
        self.by_id.keys().copied().collect()
    }
    fn tender_id(&self) -> &str {
        self.tender_id
    }
}
