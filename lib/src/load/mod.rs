//! Loading a tender folder: files → typed, validated models. All file I/O of scoring lives
//! here; every supplier file is read as untrusted (see `read`).

pub mod archive;
pub(crate) mod consistency;
pub(crate) mod decisions;
pub mod doctext;
pub(crate) mod evidence;
pub mod fastyaml;
#[doc(hidden)]
pub mod fuzzing;
pub(crate) mod marks;
pub mod marksheet;
pub(crate) mod price;
pub(crate) mod read;
pub mod readers;
pub(crate) mod registers;
pub mod registry;
pub(crate) mod response;
pub(crate) mod rubric;
pub mod sandbox;
pub mod saved;
pub(crate) mod tender;
pub(crate) mod text;
pub mod workbook;

use crate::model::decision::{Contradiction, Decision};
use crate::model::marks::Mark;
use crate::model::response::{QuestionLookup, Response};
use crate::model::rubric::{Question, Rubric, Section, Tier};
use crate::model::tender::{Certificate, Tender};
use crate::problem::{did_you_mean, Problem, Problems};
use marks::MarkTargets;
use rayon::prelude::*;
use read as yaml;
use registry::Registry;
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

/// Loads the tender in `dir`. Fails only when `tender.toml` or a rubric is unusable; problems
/// in one response or in the marks are kept in the result so the rest can still be scored.
pub fn load_tender(dir: &Path, extra_rubric_dirs: &[PathBuf]) -> Result<LoadedTender, Problems> {
    let tender_path = dir.join("tender.toml");
    if !tender_path.is_file() {
        return Err(Problem::file(
            &tender_path,
            "no tender.toml here: is this a tender folder?",
        )
        .into());
    }
    let (text, tender_sha256) = yaml::read_text(&tender_path, yaml::MAX_TENDER_BYTES)?;
    let mut tender = tender::parse(&tender_path, &text, dir).map_err(Problems)?;
    let mut registers = Vec::new();
    let mut certificates = None;
    if tender.scoring.rules >= 2 {
        let path = dir.join("verifiers.csv");
        if path.exists() {
            let (text, sha256) = yaml::read_text(&path, yaml::MAX_MARKS_BYTES)?;
            for (name, aliases) in registers::verifiers(&path, &text)? {
                if !aliases.is_empty() {
                    tender.evidence.aliases.push((name.clone(), aliases));
                }
                tender.evidence.verifiers.push(name);
            }
            registers.push(RegisterFile { path, sha256 });
        }
        let path = dir.join("certificates.csv");
        if path.exists() {
            let (text, sha256) = yaml::read_text(&path, yaml::MAX_MARKS_BYTES)?;
            certificates = Some(registers::certificates(&path, &text)?);
            registers.push(RegisterFile { path, sha256 });
        }
    }
    let mut dirs = extra_rubric_dirs.to_vec();
    dirs.extend(tender.rubric_dirs.iter().cloned());
    let registry = Registry::new(&dirs)?;
    let rubrics = resolve_rubrics(&tender_path, &text, &tender, &registry)?;
    let contradictions = if tender.scoring.rules >= 2 {
        consistency::resolve(
            &tender_path,
            &text,
            &tender.consistency,
            &rubrics,
            &registry,
        )
        .map_err(Problems)?
    } else {
        Vec::new()
    };
    let submissions = load_submissions(&tender, &rubrics)?;
    let mut loaded = LoadedTender {
        dir: dir.to_path_buf(),
        tender_path,
        tender,
        tender_sha256,
        rubrics,
        submissions,
        marks: None,
        marks_problems: Vec::new(),
        marks_notes: Vec::new(),
        registers,
        certificates,
        contradictions,
        decisions: Vec::new(),
        decision_problems: Vec::new(),
    };
    load_marks(&mut loaded);
    if loaded.tender.scoring.rules >= 2 {
        load_decisions(&mut loaded);
    }
    Ok(loaded)
}

fn resolve_rubrics(
    path: &Path,
    text: &str,
    tender: &Tender,
    registry: &Registry,
) -> Result<Vec<TenderRubric>, Problems> {
    let mut problems = Vec::new();
    let mut used = Vec::new();
    let line_of = |needle: &str| {
        text.lines()
            .position(|l| l.contains(needle))
            .map_or(0, |i| i as u32 + 1)
    };
    // The rubrics a tender names are parsed side by side first (each parse is kept for the
    // process), so a cold run waits for the largest, not for all of them in turn. Errors are
    // reported in the loop below, in the tender's order.
    let files: Vec<_> = tender
        .rubrics
        .iter()
        .filter_map(|u| registry.find(&u.use_).ok())
        .collect();
    if files.len() > 1 {
        files.par_iter().for_each(|f| {
            let _ = f.parse();
        });
    }
    for u in &tender.rubrics {
        let at = |msg: String| Problem::at(path, line_of(&u.use_), 0, msg);
        if !u.use_.contains('@') {
            problems.push(at(format!(
                "use = \"{}\" must name an exact version, e.g. \"{}@1.0.0\": a tender never floats to a newer rubric",
                u.use_, u.use_
            )));
            continue;
        }
        if used.iter().any(|r: &TenderRubric| r.reference == u.use_) {
            problems.push(at(format!("{} is used twice", u.use_)));
            continue;
        }
        let file = match registry.find(&u.use_) {
            Ok(f) => f,
            Err(p) => {
                problems.push(at(p.message));
                continue;
            }
        };
        let rubric = match file.parse() {
            Ok(r) => r,
            Err(p) => {
                problems.extend(p.0);
                continue;
            }
        };
        let ids: Vec<&str> = rubric.questions().map(|(_, q)| q.id.as_str()).collect();
        for id in u.exclude.iter().chain(u.weights.keys()) {
            if !ids.contains(&id.as_str()) {
                problems.push(Problem::at(
                    path,
                    line_of(id),
                    0,
                    format!(
                        "{id} is not a question of {}{}",
                        u.use_,
                        did_you_mean(id, ids.iter().copied())
                    ),
                ));
            }
        }
        used.push(TenderRubric {
            reference: file.reference(),
            path: file.path.clone(),
            sha256: file.sha256.clone(),
            weight: u.weight,
            exclude: u.exclude.iter().cloned().collect(),
            weights: u.weights.clone(),
            stage: u.stage,
            min: u.min,
            rubric,
        });
    }
    let mut owner: BTreeMap<&str, &str> = BTreeMap::new();
    for r in &used {
        for (_, q) in r.rubric.questions() {
            if let Some(other) = owner.insert(&q.id, &r.reference) {
                problems.push(Problem::file(
                    &r.path,
                    format!(
                        "question id {} is also used by {other}; ids must be unique across rubrics",
                        q.id
                    ),
                ));
            }
        }
    }
    if problems.is_empty() {
        Ok(used)
    } else {
        Err(Problems(problems))
    }
}

/// What stands in the submissions folder under one name.
enum Entry {
    /// A real folder: a supplier's submission.
    Folder(String),
    /// Something that must be reported, never skipped: the supplier is put in `error`.
    Refused(String, String),
}

fn load_submissions(
    tender: &Tender,
    rubrics: &[TenderRubric],
) -> Result<Vec<Submission>, Problems> {
    let dir = &tender.submissions_dir;
    if std::fs::symlink_metadata(dir).is_ok_and(|m| m.file_type().is_symlink()) {
        return Err(Problem::file(
            dir,
            "the submissions folder is a symbolic link; it must be a real folder inside the tender",
        )
        .into());
    }
    let entries = std::fs::read_dir(dir)
        .map_err(|e| Problem::file(dir, format!("cannot read the submissions folder: {e}")))?;
    let mut found: Vec<Entry> = Vec::new();
    for e in entries {
        let e =
            e.map_err(|e| Problem::file(dir, format!("cannot read the submissions folder: {e}")))?;
        let raw = e.file_name();
        let Ok(kind) = e.file_type() else { continue };
        let Some(name) = raw.to_str() else {
            // A Latin-1 name from a Windows zip: reported, never silently skipped.
            if kind.is_dir() || kind.is_symlink() {
                let shown = raw.to_string_lossy().into_owned();
                found.push(Entry::Refused(
                    shown,
                    "this folder's name is not valid UTF-8 text, so it cannot be named in marks or results; rename it (for example with `convmv` or by hand) and score again".into(),
                ));
            }
            continue;
        };
        if name.starts_with('.') {
            continue;
        }
        if kind.is_symlink() {
            found.push(Entry::Refused(
                name.to_string(),
                "is a symbolic link; a supplier folder must be a real folder inside the tender (a link could clone another bid)".into(),
            ));
        } else if kind.is_dir() {
            found.push(Entry::Folder(name.to_string()));
        }
    }
    found.sort_by(|a, b| {
        let key = |e: &Entry| match e {
            Entry::Folder(n) | Entry::Refused(n, _) => n.clone(),
        };
        key(a).cmp(&key(b))
    });
    let catalog = Catalog::new(&tender.id, rubrics);
    let mut subs: Vec<Submission> = found
        .par_iter()
        .map(|entry| match entry {
            Entry::Folder(folder) => load_submission(
                &dir.join(folder),
                folder,
                &catalog,
                tender.scoring.rules >= 2,
            ),
            Entry::Refused(folder, why) => {
                let path = dir.join(folder);
                Submission {
                    folder: folder.clone(),
                    dir: path.clone(),
                    response_path: path.join("response.yaml"),
                    response_sha256: None,
                    response: Err(vec![Problem::file(&path, why.clone())]),
                    shares_name_with: Vec::new(),
                    shares_evidence_with: Vec::new(),
                    price: None,
                    price_sha256: None,
                    warnings: Vec::new(),
                    invisible_in_names: Vec::new(),
                    cells: workbook::AsYaml::default(),
                }
            }
        })
        .collect();
    let rules2 = tender.scoring.rules >= 2;
    let keys: Vec<Vec<String>> = subs
        .iter()
        .map(|s| match &s.response {
            Ok(r) => name_keys(r, rules2),
            Err(_) => Vec::new(),
        })
        .collect();
    let mut by_name: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (s, keys) in subs.iter().zip(&keys) {
        for k in keys {
            by_name.entry(k).or_default().push(&s.folder);
        }
    }
    let others: Vec<Vec<String>> = subs
        .iter()
        .zip(&keys)
        .map(|(s, keys)| {
            let mut others: Vec<String> = keys
                .iter()
                .flat_map(|k| &by_name[k.as_str()])
                .filter(|f| **f != s.folder)
                .map(|f| f.to_string())
                .collect();
            others.sort();
            others.dedup();
            others
        })
        .collect();
    for (s, others) in subs.iter_mut().zip(others) {
        s.shares_name_with = others;
    }
    if rules2 {
        shared_evidence(&mut subs);
    }
    if let Some(award) = &tender.award {
        for s in subs.iter_mut().filter(|s| s.response.is_ok()) {
            let (price, sha256) = price::load_for(&s.dir, &s.response_path, award);
            s.price = Some(price);
            s.price_sha256 = sha256;
        }
    }
    Ok(subs)
}

/// The names a response goes by, as compared for duplicates: under rules 1 its display name
/// exactly; under rules 2 its display and legal names by what they look like
/// ([`text::identity_key`]: UTS #39 skeleton, invisible characters removed, company forms aside).
fn name_keys(r: &Response, rules2: bool) -> Vec<String> {
    if !rules2 {
        return vec![r.supplier.clone()];
    }
    let mut keys: Vec<String> = std::iter::once(&r.supplier)
        .chain(&r.legal_names)
        .map(|n| text::identity_key(n))
        .filter(|k| !k.is_empty())
        .collect();
    keys.sort();
    keys.dedup();
    keys
}

/// Scoring rules 2: a certificate number, or an evidence file (by SHA-256), cited by two
/// suppliers. A group company's certificate may be legitimate, so it is the panel's to
/// resolve; until then both are incomplete.
fn shared_evidence(subs: &mut [Submission]) {
    let cited: Vec<BTreeMap<String, String>> = subs
        .iter()
        .map(|s| s.response.as_ref().map(citations).unwrap_or_default())
        .collect();
    let mut by_key: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (s, c) in subs.iter().zip(&cited) {
        for k in c.keys() {
            by_key.entry(k).or_default().push(&s.folder);
        }
    }
    let lines: Vec<Vec<String>> = subs
        .iter()
        .zip(&cited)
        .map(|(s, c)| {
            c.iter()
                .filter_map(|(k, what)| {
                    let others: Vec<String> = by_key[k.as_str()]
                        .iter()
                        .filter(|f| **f != s.folder)
                        .map(|f| format!("`{f}`"))
                        .collect();
                    (!others.is_empty())
                        .then(|| format!("{what} the supplier in folder {}", others.join(" and ")))
                })
                .collect()
        })
        .collect();
    for (s, lines) in subs.iter_mut().zip(lines) {
        s.shares_evidence_with = lines;
    }
}

/// What a response cites that another response could cite too, keyed for comparison
/// (certificate numbers as [`text::certificate_key`], files by SHA-256; certificates sort
/// first), each with the words that say so.
fn citations(r: &Response) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for e in r.answers.values().flat_map(|a| &a.evidence) {
        if let Some(n) = &e.certificate {
            let key = text::certificate_key(n);
            if !key.is_empty() {
                out.entry(format!("certificate {key}"))
                    .or_insert_with(|| format!("certificate {n} is also cited by"));
            }
        }
        if let Some(sha) = e.facts.sha256() {
            out.entry(format!("sha256 {sha}")).or_insert_with(|| {
                format!(
                    "{} (SHA-256 {}…) is the same file as one cited by",
                    e.file,
                    &sha[..16.min(sha.len())]
                )
            });
        }
    }
    out
}

/// Loads one supplier folder; never fails, a broken response is kept as its problems. With
/// `read_text` (scoring rules 2) the text of every evidence file present is read too, once
/// per file.
fn load_submission(dir: &Path, folder: &str, catalog: &Catalog, read_text: bool) -> Submission {
    let yaml_path = dir.join("response.yaml");
    let xlsx_path = dir.join("response.xlsx");
    let has_yaml = std::fs::symlink_metadata(&yaml_path).is_ok();
    let has_xlsx = std::fs::symlink_metadata(&xlsx_path).is_ok();
    let response_path = if has_xlsx && !has_yaml {
        xlsx_path.clone()
    } else {
        yaml_path.clone()
    };
    let mut sub = Submission {
        folder: folder.to_string(),
        dir: dir.to_path_buf(),
        response_path: response_path.clone(),
        response_sha256: None,
        response: Err(Vec::new()),
        shares_name_with: Vec::new(),
        shares_evidence_with: Vec::new(),
        price: None,
        price_sha256: None,
        warnings: Vec::new(),
        invisible_in_names: Vec::new(),
        cells: workbook::AsYaml::default(),
    };
    if has_yaml && has_xlsx {
        sub.response = Err(vec![Problem::file(
            &xlsx_path,
            "this folder holds both response.yaml and response.xlsx: keep the one the supplier submitted",
        )]);
        return sub;
    }
    if !has_yaml && !has_xlsx {
        sub.response = Err(vec![Problem::file(
            &yaml_path,
            "no response.yaml (or response.xlsx) in this supplier folder",
        )]);
        return sub;
    }
    // The text to parse, and for a workbook where each of its lines came from.
    let read: Result<(String, String, Option<workbook::AsYaml>), Vec<Problem>> = if has_xlsx {
        yaml::read_bytes_with(&xlsx_path, yaml::MAX_RESPONSE_BYTES, yaml::Links::Refuse)
            .map_err(|p| vec![p])
            .and_then(|bytes| {
                let sha256 = yaml::sha256_hex(&bytes);
                let book = workbook::read(&xlsx_path, &bytes)?;
                Ok((book.yaml.clone(), sha256, Some(book)))
            })
    } else {
        yaml::read_text_with(&yaml_path, yaml::MAX_RESPONSE_BYTES, yaml::Links::Refuse)
            .map(|(text, sha)| (text, sha, None))
            .map_err(|p| vec![p])
    };
    sub.response = match read {
        Err(p) => Err(p),
        Ok((text, sha256, book)) => {
            sub.response_sha256 = Some(sha256);
            if let Some(b) = &book {
                sub.cells = workbook::AsYaml {
                    yaml: String::new(),
                    cells: b.cells.clone(),
                    warnings: Vec::new(),
                };
                sub.warnings = b
                    .warnings
                    .iter()
                    .map(|w| Problem::file(&response_path, w.clone()))
                    .collect();
            }
            let mut cache: BTreeMap<String, crate::model::response::FileFacts> = BTreeMap::new();
            let root = dir.canonicalize().ok();
            let parsed = response::parse(&response_path, &text, catalog, |rel| {
                cache
                    .entry(rel.to_string())
                    .or_insert_with(|| evidence::inspect(dir, root.as_deref(), rel))
                    .clone()
            })
            .map_err(|p| match &book {
                Some(b) => Problems(
                    p.0.into_iter()
                        .map(|x| b.locate(&response_path, x))
                        .collect(),
                ),
                None => p,
            });
            match parsed {
                Ok(mut r) if read_text => {
                    let generic = generic_legal_names(&r, &text, &response_path);
                    if !generic.is_empty() {
                        Err(generic)
                    } else {
                        if let Some(root) = &root {
                            read_evidence_text(&mut r, root);
                        }
                        for name in std::iter::once(&mut r.supplier).chain(&mut r.legal_names) {
                            if name.chars().any(text::is_invisible) {
                                let shown: String = name
                                    .chars()
                                    .map(|c| {
                                        if text::is_invisible(c) {
                                            format!("<U+{:04X}>", c as u32)
                                        } else {
                                            c.to_string()
                                        }
                                    })
                                    .collect();
                                name.retain(|c| !text::is_invisible(c));
                                sub.warnings.push(Problem::file(
                                    &response_path,
                                    format!(
                                        "the name `{shown}` holds invisible characters; they are removed, and it is shown as `{name}`"
                                    ),
                                ));
                                sub.invisible_in_names.push(shown);
                            }
                        }
                        Ok(r)
                    }
                }
                parsed => parsed.map_err(|p| p.0),
            }
        }
    };
    sub
}

/// Scoring rules 2: a problem for each legal name that names nobody in particular (`Ltd`,
/// `Services Limited`), at the line it is on.
fn generic_legal_names(r: &Response, text: &str, path: &Path) -> Vec<Problem> {
    let from = text.lines().position(|l| l.contains("legal_names"));
    r.legal_names
        .iter()
        .filter(|n| !text::distinctive(n))
        .map(|n| {
            let line = from
                .and_then(|from| {
                    text.lines()
                        .enumerate()
                        .skip(from)
                        .find(|(_, l)| l.contains(n.as_str()))
                })
                .map_or(0, |(i, _)| i as u32 + 1);
            Problem::at(
                path,
                line,
                0,
                format!(
                    "legal_names: `{n}` names no particular company (only company forms and generic words); give the registered name as on the company register, or remove it"
                ),
            )
        })
        .collect()
}

/// Reads the text of every evidence file present, once per distinct file (by SHA-256 and
/// extension: the same bytes under two names are read once), for the content checks, in the order the response
/// cites them, within the supplier's reading budget ([`text::SUPPLIER_BUDGET`]).
fn read_evidence_text(r: &mut Response, root: &Path) {
    use crate::model::response::{FileFacts, TextFacts};
    use std::sync::Arc;
    let mut texts: BTreeMap<String, Arc<TextFacts>> = BTreeMap::new();
    let mut budget = text::SUPPLIER_BUDGET;
    for e in r.answers.values_mut().flat_map(|a| a.evidence.iter_mut()) {
        let FileFacts::Present { size, sha256 } = &e.facts else {
            continue;
        };
        // The extension decides the reader: the same bytes named `.txt` and `.pdf` are two
        // readings.
        let ext = Path::new(&e.file)
            .extension()
            .map(|x| x.to_string_lossy().to_ascii_lowercase())
            .unwrap_or_default();
        let text = texts.entry(format!("{sha256}.{ext}")).or_insert_with(|| {
            // The file was found inside the folder when it was hashed; look again, so a
            // file swapped for a link since then is not read.
            let real = root.join(&e.file).canonicalize();
            Arc::new(match real {
                Ok(p) if p.starts_with(root) => text::extract(&p, *size, sha256, &mut budget),
                _ => TextFacts::Unreadable("the file moved while it was being read".into()),
            })
        });
        e.text = Some(Arc::clone(text));
    }
}

fn load_marks(t: &mut LoadedTender) {
    let path = t.dir.join("marks.csv");
    if !path.exists() {
        return;
    }
    let (text, sha256) = match yaml::read_text(&path, yaml::MAX_MARKS_BYTES) {
        Ok(x) => x,
        Err(p) => {
            t.marks_problems.push(p);
            return;
        }
    };
    let mut notes = Vec::new();
    let parsed = marks::parse(&path, &text, &mark_targets(t), &mut notes);
    t.marks_notes = notes;
    match parsed {
        Ok(rows) => t.marks = Some(MarksFile { path, sha256, rows }),
        Err(p) => t.marks_problems = p,
    }
}

/// Scoring rules 2: the panel's decisions, `decisions.csv`, when the tender has one.
fn load_decisions(t: &mut LoadedTender) {
    let path = t.dir.join("decisions.csv");
    if !path.exists() {
        return;
    }
    let (text, sha256) = match yaml::read_text(&path, yaml::MAX_MARKS_BYTES) {
        Ok(x) => x,
        Err(p) => {
            t.decision_problems.push(p);
            return;
        }
    };
    let mut notes = Vec::new();
    let parsed = decisions::parse(&path, &text, &mark_targets(t), &mut notes);
    t.marks_notes.extend(notes);
    match parsed {
        Ok(rows) => t.decisions = rows,
        Err(p) => t.decision_problems = p,
    }
    t.registers.push(RegisterFile { path, sha256 });
}

/// What a buyer's file (marks, decisions) may name: suppliers and questions.
fn mark_targets(t: &LoadedTender) -> MarkTargets<'_> {
    let risk = t.tender.risk;
    let mut questions = Vec::new();
    let mut not_asked = Vec::new();
    for r in &t.rubrics {
        for (_, q) in r.rubric.questions() {
            if r.asks(q, risk) {
                questions.push(q.id.as_str());
            } else {
                not_asked.push(q.id.as_str());
            }
        }
    }
    MarkTargets {
        suppliers: t
            .submissions
            .iter()
            .filter_map(|s| {
                s.response
                    .as_ref()
                    .ok()
                    .map(|r| (r.supplier.as_str(), s.folder.as_str()))
            })
            .collect(),
        broken_folders: t
            .submissions
            .iter()
            .filter(|s| s.response.is_err())
            .map(|s| s.folder.as_str())
            .collect(),
        questions,
        not_asked,
        marks_scale: t.tender.scoring.marks_scale,
    }
}
