//! `marks import`: filled marking sheets (`.xlsx` or `.csv`, as `marksheet` wrote them) read,
//! every row checked as `marks.csv` rows are (supplier, question, mark within the scale), then
//! checked against each other and against the rows `marks.csv` already holds.

use super::loaded::LoadedTender;
use super::marks::{check_row, MarkTargets};
use crate::model::marks::Mark;
use crate::problem::Problem;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Largest marking sheet read, in bytes.
pub const MAX_SHEET_BYTES: u64 = 32 * 1024 * 1024;

/// What an import adds.
#[derive(Debug, Clone, Default)]
pub struct Imported {
    /// New rows for `marks.csv`, in the order read.
    pub marks: Vec<Mark>,
    /// Rows left without a mark (and without a reason): not imported.
    pub unmarked: usize,
    /// Rows `marks.csv` already holds, identical: not imported twice.
    pub already: usize,
}

/// One row of a sheet, its cells by column name, and where it is.
struct Row {
    /// `Marks!row 12` or a CSV line.
    place: Place,
    cells: BTreeMap<&'static str, String>,
}

#[derive(Clone)]
enum Place {
    Line(u32),
    /// Sheet name and 0-based row.
    Cell(String, u32),
}

const WANTED: [&str; 5] = ["evaluator", "supplier", "question", "mark", "reason"];

/// Undoes the apostrophe `marksheet` puts before text that a spreadsheet would take for a
/// formula.
fn unneutralise(s: &str) -> String {
    match s.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@']) => rest.to_string(),
        _ => s.to_string(),
    }
}

fn read_csv(path: &Path, bytes: &[u8]) -> Result<Vec<Row>, Vec<Problem>> {
    let text = std::str::from_utf8(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)).map_err(
        |_| {
            vec![Problem::file(
                path,
                "not UTF-8 text: save the sheet as CSV UTF-8",
            )]
        },
    )?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .map_err(|e| {
            vec![Problem::at(
                path,
                1,
                1,
                format!("cannot read the header: {e}"),
            )]
        })?
        .iter()
        .map(|h| h.trim().to_lowercase())
        .collect();
    let index = columns(path, &header)?;
    let mut rows = Vec::new();
    let mut problems = Vec::new();
    let mut lines = super::read::CsvLines::new(text);
    for record in reader.records() {
        match record {
            Ok(r) => {
                let line = r.position().map_or(0, |p| lines.line(p)) as u32;
                let cells = WANTED
                    .iter()
                    .zip(&index)
                    .map(|(name, i)| (*name, unneutralise(r.get(*i).unwrap_or("").trim())))
                    .collect();
                rows.push(Row {
                    place: Place::Line(line),
                    cells,
                });
            }
            Err(e) => {
                let line = e.position().map_or(0, |p| lines.line(p)) as u32;
                problems.push(Problem::at(path, line, 0, e.to_string()));
            }
        }
    }
    if problems.is_empty() {
        Ok(rows)
    } else {
        Err(problems)
    }
}

/// The position of each wanted column in a header, or what is missing.
fn columns(path: &Path, header: &[String]) -> Result<Vec<usize>, Vec<Problem>> {
    let mut index = Vec::new();
    let mut missing = Vec::new();
    for name in WANTED {
        match header.iter().position(|h| h == name) {
            Some(i) => index.push(i),
            None => missing.push(format!("`{name}`")),
        }
    }
    if missing.is_empty() {
        Ok(index)
    } else {
        Err(vec![Problem::file(
            path,
            format!(
                "no {} column in the header row: is this a marking sheet written by `tenderscore marksheet`?",
                missing.join(", ")
            ),
        )])
    }
}

fn read_xlsx(path: &Path, bytes: Vec<u8>) -> Result<Vec<Row>, Vec<Problem>> {
    use calamine::{Data, Reader, Xlsx};
    let mut wb: Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).map_err(|e| {
            vec![Problem::file(
                path,
                format!("not a readable .xlsx workbook: {e}"),
            )]
        })?;
    let name = wb
        .sheet_names()
        .into_iter()
        .find(|n| n == "Marks")
        .ok_or_else(|| {
            vec![Problem::file(
                path,
                "no sheet named `Marks`: is this a marking sheet written by `tenderscore marksheet`?",
            )]
        })?;
    let range = wb.worksheet_range(&name).map_err(|e| {
        vec![Problem::file(
            path,
            format!("cannot read sheet `{name}`: {e}"),
        )]
    })?;
    let (top, left) = range.start().unwrap_or((0, 0));
    let text = |d: &Data| -> String {
        match d {
            Data::Empty => String::new(),
            Data::String(s) => s.trim().to_string(),
            Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
            Data::Int(i) => i.to_string(),
            other => other.to_string(),
        }
    };
    let mut iter = range.rows();
    let header: Vec<String> = iter
        .next()
        .map(|r| r.iter().map(|c| text(c).to_lowercase()).collect())
        .unwrap_or_default();
    let index = columns(path, &header)?;
    let mark_column = index[3] + left as usize;
    let mut rows = Vec::new();
    for (i, r) in iter.enumerate() {
        let cells = WANTED
            .iter()
            .zip(&index)
            .map(|(name, c)| {
                (
                    *name,
                    unneutralise(&r.get(*c).map(text).unwrap_or_default()),
                )
            })
            .collect();
        rows.push(Row {
            place: Place::Cell(
                format!("{name}!{}", super::workbook::column_name(mark_column)),
                top + 1 + i as u32,
            ),
            cells,
        });
    }
    Ok(rows)
}

fn problem(path: &Path, place: &Place, message: String) -> Problem {
    match place {
        Place::Line(line) => Problem::at(path, *line, 0, message),
        Place::Cell(cell, row) => Problem::file(path, format!("{cell}{}: {message}", row + 1)),
    }
}

fn describe(path: &Path, place: &Place) -> String {
    let file = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    match place {
        Place::Line(line) => format!("{file} line {line}"),
        Place::Cell(cell, row) => format!("{file} {cell}{}", row + 1),
    }
}

/// Reads every sheet and checks every row; all problems are reported together, and nothing
/// is imported while there is one.
pub fn import(t: &LoadedTender, files: &[PathBuf]) -> Result<Imported, Vec<Problem>> {
    if !t.marks_problems.is_empty() {
        return Err(t.marks_problems.clone());
    }
    let targets: MarkTargets = super::mark_targets(t);
    let existing: &[Mark] = t.marks.as_ref().map_or(&[], |m| &m.rows);
    let mut out = Imported::default();
    let mut problems = Vec::new();
    let mut seen: BTreeMap<(String, String, String), String> = BTreeMap::new();
    let mut notes = Vec::new();
    for path in files {
        let bytes = match read_bounded(path) {
            Ok(b) => b,
            Err(p) => {
                problems.push(p);
                continue;
            }
        };
        let is_xlsx = bytes.starts_with(b"PK\x03\x04");
        let rows = if is_xlsx {
            read_xlsx(path, bytes)
        } else {
            read_csv(path, &bytes)
        };
        let rows = match rows {
            Ok(r) => r,
            Err(mut p) => {
                problems.append(&mut p);
                continue;
            }
        };
        for row in rows {
            let get = |k: &str| row.cells.get(k).cloned().unwrap_or_default();
            let (evaluator, supplier, question, mark, reason) = (
                get("evaluator"),
                get("supplier"),
                get("question"),
                get("mark"),
                get("reason"),
            );
            if evaluator.is_empty() && supplier.is_empty() && question.is_empty() {
                continue; // a blank row
            }
            if mark.is_empty() {
                if reason.is_empty() {
                    out.unmarked += 1;
                } else {
                    problems.push(problem(
                        path,
                        &row.place,
                        format!("{supplier} on {question} has a reason but no mark: give a mark from 0 to {}", targets.marks_scale),
                    ));
                }
                continue;
            }
            let at = |m: String| problem(path, &row.place, m);
            let (folder, value) = match check_row(
                &targets, &evaluator, &supplier, &question, &mark, &at, &mut notes,
            ) {
                Ok(Some(x)) => x,
                Ok(None) => {
                    problems.push(at(format!(
                        "supplier `{supplier}`'s response cannot be read, so it cannot be marked"
                    )));
                    continue;
                }
                Err(p) => {
                    problems.push(p);
                    continue;
                }
            };
            let key = (
                evaluator.to_lowercase(),
                folder.to_string(),
                question.clone(),
            );
            if let Some(first) = seen.get(&key) {
                problems.push(at(format!(
                    "{evaluator} has already marked {folder} on {question} in {first}"
                )));
                continue;
            }
            seen.insert(key, describe(path, &row.place));
            if let Some(old) = existing.iter().find(|m| {
                m.evaluator.eq_ignore_ascii_case(&evaluator)
                    && m.folder == folder
                    && m.question == question
            }) {
                if old.mark == value && old.reason == reason {
                    out.already += 1;
                } else {
                    problems.push(at(format!(
                        "marks.csv already has {}'s mark for {folder} on {question} ({}, \"{}\"): a sheet does not overwrite a mark; change marks.csv by hand if this one should replace it",
                        old.evaluator, old.mark, old.reason
                    )));
                }
                continue;
            }
            out.marks.push(Mark {
                evaluator,
                folder: folder.to_string(),
                question,
                mark: value,
                reason,
            });
        }
    }
    problems.extend(notes);
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(problems)
    }
}

fn read_bounded(path: &Path) -> Result<Vec<u8>, Problem> {
    use std::io::Read;
    let file =
        std::fs::File::open(path).map_err(|e| Problem::file(path, format!("cannot open: {e}")))?;
    let mut bytes = Vec::new();
    file.take(MAX_SHEET_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Problem::file(path, format!("cannot read: {e}")))?;
    if bytes.len() as u64 > MAX_SHEET_BYTES {
        return Err(Problem::file(
            path,
            format!(
                "larger than {} MB: not a marking sheet",
                MAX_SHEET_BYTES / 1024 / 1024
            ),
        ));
    }
    Ok(bytes)
}
