//! Loading a tender folder: files → typed, validated models. All file I/O of scoring lives
//! here; every supplier file is read as untrusted (see `read`).

pub mod archive;
pub(crate) mod consistency;
pub(crate) mod dates;
pub(crate) mod decisions;
pub mod doctext;
pub mod document;
pub(crate) mod evidence;
pub mod fastyaml;
#[doc(hidden)]
pub mod fuzzing;
pub mod ledger;
pub mod ledger_index;
pub mod ledger_reading;
pub(crate) mod ledger_triage;
mod loaded;
pub(crate) mod marks;
pub mod marksheet;
pub mod names;
pub(crate) mod positioned;
pub(crate) mod price;
pub(crate) mod read;
pub mod readers;
pub(crate) mod registers;
pub mod registry;
pub(crate) mod response;
pub(crate) mod rubric;
pub mod sandbox;
pub mod saved;
mod submissions;
pub(crate) mod tender;
pub(crate) mod text;
pub mod workbook;
pub(crate) mod written;

use crate::model::tender::Tender;
use crate::problem::{did_you_mean, Problem, Problems};
pub use loaded::{
    Catalog, LoadedTender, MarksFile, RegisterFile, Scorable, Submission, TenderRubric,
};
use marks::MarkTargets;
use rayon::prelude::*;
use read as yaml;
use registry::Registry;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use submissions::load_submissions;

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
