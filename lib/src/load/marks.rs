//! Reading `marks.csv`: every row checked against the tender (supplier by folder, question,
//! mark within the scale) and resolved to a [`Mark`].

use crate::model::marks::Mark;
use crate::problem::{did_you_mean, Problem};
use std::collections::BTreeSet;
use std::path::Path;

/// What a marks file may refer to.
pub struct MarkTargets<'a> {
    /// Suppliers whose responses loaded: (display name, folder).
    pub suppliers: Vec<(&'a str, &'a str)>,
    /// Folders whose responses could not be read: rows for them are kept aside, not errors.
    pub broken_folders: Vec<&'a str>,
    /// Questions the tender asks (after `exclude` and risk tier).
    pub questions: Vec<&'a str>,
    /// Questions of the tender's rubrics that this tender does not ask.
    pub not_asked: Vec<&'a str>,
    pub marks_scale: u32,
}

/// Which supplier a row names. A supplier's identity is its folder: a folder name always wins,
/// and a display name is accepted only when exactly one folder gives it (a supplier cannot
/// take a competitor's marks by calling itself by the competitor's folder name).
pub(crate) enum Named<'a> {
    Folder(&'a str),
    Broken,
    Ambiguous(Vec<&'a str>),
    Unknown,
}

pub(crate) fn resolve<'a>(t: &MarkTargets<'a>, supplier: &str) -> Named<'a> {
    if let Some((_, f)) = t.suppliers.iter().find(|(_, f)| *f == supplier) {
        return Named::Folder(f);
    }
    if t.broken_folders.contains(&supplier) {
        return Named::Broken;
    }
    let by_name: Vec<&str> = t
        .suppliers
        .iter()
        .filter(|(n, _)| *n == supplier)
        .map(|(_, f)| *f)
        .collect();
    match by_name.as_slice() {
        [] => Named::Unknown,
        [one] => Named::Folder(one),
        _ => Named::Ambiguous(by_name),
    }
}

/// One row checked against the tender: `(folder, mark)`, or `None` for a row set aside (a
/// supplier in error; or, while some response is unreadable, an unknown one, noted in
/// `notes`), or the problem with it.
pub(crate) fn check_row<'a>(
    t: &MarkTargets<'a>,
    evaluator: &str,
    supplier: &str,
    question: &str,
    mark: &str,
    at: &dyn Fn(String) -> Problem,
    notes: &mut Vec<Problem>,
) -> Result<Option<(&'a str, u32)>, Problem> {
    if evaluator.is_empty() {
        return Err(at("evaluator must not be empty".into()));
    }
    // Suggest a folder (a supplier's identity) first; a display name only when no folder
    // is near.
    let suggest = |wanted: &str| {
        let folders = t
            .suppliers
            .iter()
            .map(|(_, f)| *f)
            .chain(t.broken_folders.iter().copied());
        match did_you_mean(wanted, folders) {
            s if s.is_empty() => did_you_mean(wanted, t.suppliers.iter().map(|(n, _)| *n)),
            s => s,
        }
    };
    let folder = match resolve(t, supplier) {
        Named::Folder(f) => f,
        Named::Broken => return Ok(None), // marks for a supplier in error: nothing to score
        Named::Ambiguous(folders) => {
            return Err(at(format!(
                    "supplier `{supplier}` is ambiguous: it is the display name given by the responses in folders {}; name the supplier by its folder instead",
                    folders.iter().map(|f| format!("`{f}`")).collect::<Vec<_>>().join(" and ")
                )));
        }
        Named::Unknown if !t.broken_folders.is_empty() => {
            notes.push(at(format!(
                    "unknown supplier `{supplier}`{}; set aside, as it may be the supplier whose response could not be read",
                    suggest(supplier)
                )));
            return Ok(None);
        }
        Named::Unknown => {
            return Err(at(format!(
                "unknown supplier `{supplier}`{}; name a supplier by its folder under submissions/",
                suggest(supplier)
            )));
        }
    };
    if !t.questions.contains(&question) {
        if t.not_asked.contains(&question) {
            return Err(at(format!(
                "{question} is not asked in this tender (excluded, or above its risk tier)"
            )));
        } else {
            return Err(at(format!(
                "unknown question `{question}`{}",
                did_you_mean(question, t.questions.iter().copied())
            )));
        }
    }
    let mark: u32 = match mark.parse::<u32>() {
        Ok(m) if m <= t.marks_scale => m,
        _ => {
            return Err(at(format!(
                "mark must be a whole number from 0 to {} (marks_scale), found `{mark}`",
                t.marks_scale
            )));
        }
    };
    Ok(Some((folder, mark)))
}

/// Parses and validates `marks.csv`; each row is tied to a supplier folder (see [`resolve`]).
/// Rows that cannot be matched while some response is unreadable are set aside in `notes`
/// (they may belong to that supplier): `check` reports them, scoring does not stop for them.
pub fn parse(
    path: &Path,
    text: &str,
    t: &MarkTargets,
    notes: &mut Vec<Problem>,
) -> Result<Vec<Mark>, Vec<Problem>> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(false)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let mut problems = Vec::new();
    let expected = ["evaluator", "supplier", "question", "mark", "reason"];
    match reader.headers() {
        Ok(h) => {
            let got: Vec<String> = h.iter().map(str::to_lowercase).collect();
            if got != expected {
                return Err(vec![Problem::at(
                    path,
                    1,
                    1,
                    format!(
                        "the header must be `{}`, found `{}`",
                        expected.join(","),
                        got.join(",")
                    ),
                )]);
            }
        }
        Err(e) => {
            return Err(vec![Problem::at(
                path,
                1,
                1,
                format!("cannot read the header: {e}"),
            )])
        }
    }
    let mut marks = Vec::new();
    let mut seen = BTreeSet::new();
    let mut lines = super::read::CsvLines::new(text);
    for row in reader.records() {
        let row = match row {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, |p| lines.line(p));
                problems.push(Problem::at(path, line as u32, 0, format!("{e}")));
                continue;
            }
        };
        let line = row.position().map_or(0, |p| lines.line(p));
        let at = |msg: String| Problem::at(path, line as u32, 0, msg);
        let (evaluator, supplier, question, mark, reason) =
            (&row[0], &row[1], &row[2], &row[3], &row[4]);
        let (folder, mark) = match check_row(t, evaluator, supplier, question, mark, &at, notes) {
            Ok(Some(m)) => m,
            Ok(None) => continue,
            Err(p) => {
                problems.push(p);
                continue;
            }
        };
        let key = (
            evaluator.to_lowercase(),
            folder.to_string(),
            question.to_string(),
        );
        if !seen.insert(key) {
            problems.push(at(format!(
                "duplicate row: {evaluator} has already marked {supplier} on {question}"
            )));
            continue;
        }
        marks.push(Mark {
            evaluator: evaluator.to_string(),
            folder: folder.to_string(),
            question: question.to_string(),
            mark,
            reason: reason.to_string(),
        });
    }
    if problems.is_empty() {
        Ok(marks)
    } else {
        Err(problems)
    }
}
