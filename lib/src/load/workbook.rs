//! `response.xlsx`: a supplier's answers in the workbook `template --format xlsx` writes,
//! read as `response.yaml` is. The workbook is turned into the YAML it stands for, one cell
//! per line, and that YAML goes through the one response parser: the same values, the same
//! checks, the same errors (a duplicated question row is a duplicate key), each error then
//! located at its cell (`response.xlsx: Answers!E12: …`).
//!
//! The workbook is untrusted: its size is bounded like a response's, its zip is expanded
//! under a bound before anything parses it, and a formula cell is read by its cached value
//! with a warning (a spreadsheet program computed it; tenderscore never evaluates formulas).

use crate::problem::Problem;
use calamine::{Data, Range, Reader, Xlsx};
use std::io::{Cursor, Read};
use std::path::Path;

/// Most bytes a response workbook may expand to.
pub const MAX_UNZIPPED_BYTES: u64 = 32 << 20;
/// Most entries in a response workbook's zip.
const MAX_ENTRIES: usize = 500;

/// The sheets of a response workbook.
pub const SUPPLIER: &str = "Supplier";
pub const ANSWERS: &str = "Answers";
pub const EVIDENCE: &str = "Evidence";

/// Columns of the `Answers` sheet, in the order the template writes them.
pub const ANSWER_COLUMNS: [&str; 9] = [
    "question",
    "rubric",
    "section",
    "text",
    "guidance",
    "allowed",
    "answer",
    "comment",
    "justification",
];

/// The optional `Price` sheet of a response workbook (a tender with `[award]`): a `currency`
/// row, then one row per cost line under the header [`PRICE_COLUMNS`].
pub const PRICE: &str = "Price";

/// Columns of the `Price` sheet: the cost line's id, its label and whether it is per year
/// (locked), and the supplier's amount.
pub const PRICE_COLUMNS: [&str; 4] = ["cost", "label", "per_year", "amount"];

/// Columns of the `Evidence` sheet.
pub const EVIDENCE_COLUMNS: [&str; 8] = [
    "question",
    "file",
    "kind",
    "issued",
    "expires",
    "verified_by",
    "certificate",
    "sha256",
];

/// A workbook read as the YAML it stands for.
#[derive(Debug, Clone, Default)]
pub struct AsYaml {
    pub yaml: String,
    /// For each line of `yaml` (0-based), the cell it came from (`Answers!E12`), if any.
    pub cells: Vec<String>,
    /// Formula cells read by their cached value.
    pub warnings: Vec<String>,
}

impl AsYaml {
    /// True for a `response.yaml` (no cells to place problems at).
    pub fn is_empty(&self) -> bool {
        self.cells.is_empty()
    }

    fn line(&mut self, text: String, cell: String) {
        self.yaml.push_str(&text);
        self.yaml.push('\n');
        self.cells.push(cell);
    }

    /// A problem found in the YAML, moved to the cell its line came from.
    pub fn locate(&self, path: &Path, p: Problem) -> Problem {
        let cell = p
            .line
            .and_then(|l| self.cells.get(l as usize - 1))
            .filter(|c| !c.is_empty());
        match cell {
            Some(c) => Problem::file(path, format!("{c}: {}", p.message)),
            None => Problem::file(path, p.message),
        }
    }
}

/// Excel's name of a 0-based column.
pub fn column_name(mut c: usize) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (c % 26) as u8);
        if c < 26 {
            break;
        }
        c = c / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

/// Checks the zip expands within bounds, reading every entry once.
fn check_zip(path: &Path, bytes: &[u8]) -> Result<(), Problem> {
    let not_workbook =
        |why: String| Problem::file(path, format!("not an Excel workbook (.xlsx): {why}"));
    let mut zip =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| not_workbook(e.to_string()))?;
    if zip.len() > MAX_ENTRIES {
        return Err(Problem::file(
            path,
            format!(
                "the workbook holds {} parts; a response has far fewer (at most {MAX_ENTRIES})",
                zip.len()
            ),
        ));
    }
    let mut total = 0u64;
    for i in 0..zip.len() {
        let entry = zip.by_index(i).map_err(|e| not_workbook(e.to_string()))?;
        let left = MAX_UNZIPPED_BYTES - total;
        let n = std::io::copy(&mut entry.take(left + 1), &mut std::io::sink())
            .map_err(|e| not_workbook(e.to_string()))?;
        total += n;
        if total > MAX_UNZIPPED_BYTES {
            return Err(Problem::file(
                path,
                format!(
                    "the workbook expands to more than {} MiB: refused (a response workbook is far smaller)",
                    MAX_UNZIPPED_BYTES >> 20
                ),
            ));
        }
    }
    Ok(())
}

/// A cell's text as a person reads it: whole numbers without `.0`.
fn text(d: &Data) -> String {
    match d {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => format!("{f}"),
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => if *b { "yes" } else { "no" }.to_string(),
        Data::DateTime(dt) => date_of(dt.as_f64()).unwrap_or_else(|| dt.to_string()),
        Data::DateTimeIso(s) => s.get(..10).unwrap_or(s).to_string(),
        Data::DurationIso(s) => s.clone(),
        Data::Error(e) => format!("#{e:?}"),
    }
}

/// A spreadsheet date serial (days since 1899-12-30) as `YYYY-MM-DD`.
fn date_of(serial: f64) -> Option<String> {
    if !(1.0..2_958_466.0).contains(&serial) {
        return None;
    }
    let base = jiff::civil::Date::new(1899, 12, 30).ok()?;
    let d = base
        .checked_add(jiff::Span::new().days(serial.floor() as i64))
        .ok()?;
    Some(d.to_string())
}

/// A JSON string is a YAML double-quoted scalar: any text, safely.
fn quoted(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

/// An answer as a person would type it in YAML: numbers and single words plain (so `3`, `yes`,
/// `n/a`, `in_progress` mean what they mean in response.yaml), anything else quoted.
fn answer_scalar(d: &Data) -> Option<String> {
    match d {
        Data::Empty => None,
        Data::Float(_) | Data::Int(_) | Data::Bool(_) => Some(text(d)),
        _ => {
            // Untrimmed: a written answer keeps its line breaks, as in YAML.
            let t = text(d);
            if t.trim().is_empty() {
                None
            } else if t == t.trim() && plain(&t) {
                Some(t)
            } else {
                Some(quoted(&t))
            }
        }
    }
}

fn plain(t: &str) -> bool {
    let mut chars = t.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphanumeric())
        && chars.all(|c| c.is_ascii_alphanumeric() || "_./+-".contains(c))
}

/// The header row of a sheet (the first row whose first cell is `question`), its index, and
/// the position of each column by name.
fn header(range: &Range<Data>) -> Option<(usize, Vec<String>)> {
    range.rows().enumerate().find_map(|(i, r)| {
        let names: Vec<String> = r.iter().map(|c| text(c).trim().to_lowercase()).collect();
        (names.first().map(String::as_str) == Some("question")).then_some((i, names))
    })
}

/// An Evidence row: its question, its `key: value` YAML lines with their cells, and the cell
/// of its question.
type EvidenceRow = (String, Vec<(String, String)>, String);

/// A response workbook opened for reading, once its zip is checked to expand within bounds.
fn open<'a>(path: &Path, bytes: &'a [u8]) -> Result<Xlsx<Cursor<&'a [u8]>>, Vec<Problem>> {
    check_zip(path, bytes).map_err(|p| vec![p])?;
    calamine::open_workbook_from_rs(Cursor::new(bytes)).map_err(|e| {
        vec![Problem::file(
            path,
            format!("not a readable Excel workbook (.xlsx): {e}"),
        )]
    })
}

/// Reads a response workbook into the YAML it stands for.
pub fn read(path: &Path, bytes: &[u8]) -> Result<AsYaml, Vec<Problem>> {
    let mut wb = open(path, bytes)?;
    let names = wb.sheet_names();
    // Every sheet is needed: a renamed Evidence sheet would otherwise drop every document
    // the supplier cited, and the bid would fail its gates with no error.
    for needed in [SUPPLIER, ANSWERS, EVIDENCE] {
        if !names.iter().any(|n| n == needed) {
            let found: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
            return Err(vec![Problem::file(
                path,
                format!(
                    "no sheet named `{needed}`{}: a response workbook has the sheets Supplier, Answers and Evidence that `tenderscore template --format xlsx` writes; this one has {}",
                    crate::problem::did_you_mean(needed, names.iter().map(String::as_str)),
                    if found.is_empty() { "none".to_string() } else { found.join(", ") }
                ),
            )]);
        }
    }
    let mut out = AsYaml::default();
    let mut problems = Vec::new();
    let sheet = |wb: &mut Xlsx<Cursor<&[u8]>>,
                 name: &str|
     -> Result<(Range<Data>, Range<String>), Problem> {
        let values = wb
            .worksheet_range(name)
            .map_err(|e| Problem::file(path, format!("cannot read sheet `{name}`: {e}")))?;
        let formulas = wb.worksheet_formula(name).unwrap_or_default();
        Ok((values, formulas))
    };
    // Formula cells: their cached values are used, with a warning.
    let mut warnings = Vec::new();
    let mut note_formulas = |name: &str, values: &Range<Data>, formulas: &Range<String>| {
        let (fr, fc) = formulas.start().unwrap_or((0, 0));
        for (r, c, f) in formulas.used_cells() {
            if f.is_empty() {
                continue;
            }
            let (row, col) = (fr + r as u32, fc + c as u32);
            let cached = values.get_value((row, col)).map(text).unwrap_or_default();
            warnings.push(format!(
                "{name}!{}{}: a formula (={f}); its value as last computed, `{cached}`, was used",
                column_name(col as usize),
                row + 1
            ));
        }
    };

    // Supplier: label/value rows.
    let (supplier, formulas) = sheet(&mut wb, SUPPLIER).map_err(|p| vec![p])?;
    note_formulas(SUPPLIER, &supplier, &formulas);
    let (s_top, s_left) = supplier.start().unwrap_or((0, 0));
    let cell_name = |sheet: &str, top: u32, left: u32, r: usize, c: usize| {
        format!(
            "{sheet}!{}{}",
            column_name(left as usize + c),
            top as usize + r + 1
        )
    };
    let mut legal: Vec<(String, String)> = Vec::new();
    for (r, row) in supplier.rows().enumerate() {
        let label = row
            .first()
            .map(|c| text(c).trim().to_lowercase())
            .unwrap_or_default();
        let value = |c: usize| row.get(c).map(text).unwrap_or_default();
        match label.as_str() {
            "supplier" | "tender" | "submitted" | "address" | "company_number" | "email" => {
                let v = value(1);
                if label == "supplier" || !v.trim().is_empty() {
                    out.line(
                        format!("{label}: {}", quoted(v.trim())),
                        cell_name(SUPPLIER, s_top, s_left, r, 1),
                    );
                }
            }
            "legal_names" => {
                for c in 1..row.len() {
                    let v = value(c);
                    if !v.trim().is_empty() {
                        legal.push((v, cell_name(SUPPLIER, s_top, s_left, r, c)));
                    }
                }
            }
            _ => {}
        }
    }
    if !legal.is_empty() {
        out.line("legal_names:".into(), String::new());
        for (v, cell) in legal {
            out.line(format!("  - {}", quoted(v.trim())), cell);
        }
    }

    // Evidence rows, by question, in sheet order.
    let mut evidence: Vec<EvidenceRow> = Vec::new();
    if names.iter().any(|n| n == EVIDENCE) {
        let (ev, formulas) = sheet(&mut wb, EVIDENCE).map_err(|p| vec![p])?;
        note_formulas(EVIDENCE, &ev, &formulas);
        let (top, left) = ev.start().unwrap_or((0, 0));
        if let Some((h, names)) = header(&ev) {
            let col = |n: &str| names.iter().position(|x| x == n);
            for (r, row) in ev.rows().enumerate().skip(h + 1) {
                let get = |n: &str| {
                    col(n)
                        .and_then(|c| row.get(c))
                        .map(text)
                        .unwrap_or_default()
                };
                let question = get("question").trim().to_string();
                let file = get("file");
                if question.is_empty() && file.trim().is_empty() {
                    continue;
                }
                if question.is_empty() {
                    problems.push(Problem::file(
                        path,
                        format!(
                            "{}: evidence `{}` names no question: put the question id in column A",
                            cell_name(EVIDENCE, top, left, r, 0),
                            file.trim()
                        ),
                    ));
                    continue;
                }
                let mut fields = Vec::new();
                for name in EVIDENCE_COLUMNS.iter().skip(1) {
                    let Some(c) = col(name) else { continue };
                    let v = row.get(c).map(text).unwrap_or_default();
                    let v = v.trim();
                    if v.is_empty() && *name != "file" && *name != "kind" {
                        continue;
                    }
                    let scalar = if *name == "kind" && plain(v) {
                        v.to_string()
                    } else {
                        quoted(v)
                    };
                    fields.push((
                        format!("{name}: {scalar}"),
                        cell_name(EVIDENCE, top, left, r, c),
                    ));
                }
                evidence.push((question, fields, cell_name(EVIDENCE, top, left, r, 0)));
            }
        }
    }

    // Answers: one row per question.
    let (answers, formulas) = sheet(&mut wb, ANSWERS).map_err(|p| vec![p])?;
    note_formulas(ANSWERS, &answers, &formulas);
    let (top, left) = answers.start().unwrap_or((0, 0));
    let Some((h, names)) = header(&answers) else {
        problems.push(Problem::file(
            path,
            "the Answers sheet has no header row starting with `question`",
        ));
        return Err(problems);
    };
    let col = |n: &str| names.iter().position(|x| x == n);
    if col("answer").is_none() {
        problems.push(Problem::file(
            path,
            "the Answers sheet has no `answer` column",
        ));
        return Err(problems);
    }
    out.line("answers:".into(), String::new());
    let mut answered = std::collections::BTreeSet::new();
    for (r, row) in answers.rows().enumerate().skip(h + 1) {
        let cell = |n: &str| col(n).and_then(|c| row.get(c));
        let question = cell("question")
            .map(text)
            .unwrap_or_default()
            .trim()
            .to_string();
        if question.is_empty() {
            continue;
        }
        answered.insert(question.clone());
        out.line(
            format!("  {}:", quoted(&question)),
            cell_name(ANSWERS, top, left, r, col("question").unwrap_or(0)),
        );
        let at = |n: &str| cell_name(ANSWERS, top, left, r, col(n).unwrap_or(0));
        if let Some(Data::Error(e)) = cell("answer") {
            problems.push(Problem::file(
                path,
                format!(
                    "{}: the cell shows a spreadsheet error (#{e:?}), not an answer",
                    at("answer")
                ),
            ));
        }
        match cell("answer").and_then(answer_scalar) {
            Some(v) => out.line(format!("    answer: {v}"), at("answer")),
            None => out.line("    answer:".into(), at("answer")),
        }
        for name in ["comment", "justification"] {
            let v = cell(name).map(text).unwrap_or_default();
            if !v.trim().is_empty() {
                out.line(format!("    {name}: {}", quoted(&v)), at(name));
            }
        }
        let items: Vec<_> = evidence.iter().filter(|(q, _, _)| *q == question).collect();
        if !items.is_empty() {
            out.line("    evidence:".into(), String::new());
            // Each field is located at its own cell: a finding about the document (not
            // found, unreadable) names the file cell, not the question cell beside it.
            for (_, fields, _) in items {
                for (i, (f, c)) in fields.iter().enumerate() {
                    let lead = if i == 0 { "      - " } else { "        " };
                    out.line(format!("{lead}{f}"), c.clone());
                }
            }
        }
    }
    for (q, _, cell) in &evidence {
        if !answered.contains(q) {
            problems.push(Problem::file(
                path,
                format!("{cell}: evidence for `{q}`, which has no row in the Answers sheet"),
            ));
        }
    }
    out.warnings = warnings;
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(problems)
    }
}

/// A response's content as written (before it is checked against a tender), to fill a
/// workbook with (`convert response.yaml -o response.xlsx`).
#[derive(Debug, Clone, Default)]
pub struct Filled {
    pub supplier: String,
    pub legal_names: Vec<String>,
    pub address: Option<String>,
    pub company_number: Option<String>,
    pub email: Option<String>,
    pub tender: Option<String>,
    pub submitted: Option<String>,
    pub answers: Vec<FilledAnswer>,
    /// The price to put in the Price sheet (from a `price.yaml` beside the response).
    pub price: Option<FilledPrice>,
}

/// A price as written: cost line id → amount.
#[derive(Debug, Clone, Default)]
pub struct FilledPrice {
    pub costs: Vec<(String, f64)>,
}

/// A `price.yaml`'s amounts as written (checked against the tender only when scored).
pub fn filled_price(path: &Path) -> Result<FilledPrice, Problem> {
    let (text, _) = super::read::read_text_with(
        path,
        super::read::MAX_RESPONSE_BYTES,
        super::read::Links::Refuse,
    )?;
    let file: super::written::PriceFile = super::read::parse(path, &text)?;
    Ok(FilledPrice {
        costs: file.costs.into_iter().map(|(k, v)| (k, v.value)).collect(),
    })
}

#[derive(Debug, Clone, Default)]
pub struct FilledAnswer {
    pub question: String,
    pub answer: Option<crate::model::value::RawValue>,
    pub comment: Option<String>,
    pub justification: Option<String>,
    pub evidence: Vec<FilledEvidence>,
}

#[derive(Debug, Clone, Default)]
pub struct FilledEvidence {
    pub file: String,
    pub kind: String,
    pub issued: Option<String>,
    pub expires: Option<String>,
    pub verified_by: Option<String>,
    pub certificate: Option<String>,
    pub sha256: Option<String>,
}

/// Reads a `response.yaml` as written (the YAML must parse; the answers are checked against
/// the tender only when the converted file is scored).
pub fn filled_from_yaml(path: &Path, text: &str) -> Result<Filled, Problem> {
    let file: super::written::ResponseFile = super::read::parse(path, text)?;
    Ok(Filled {
        supplier: file.supplier.value.clone(),
        legal_names: file.legal_names.clone(),
        address: file.address.as_ref().map(|t| t.value.clone()),
        company_number: file.company_number.as_ref().map(|t| t.value.clone()),
        email: file.email.as_ref().map(|t| t.value.clone()),
        tender: file.tender.as_ref().map(|t| t.value.clone()),
        submitted: file.submitted.as_ref().map(|t| t.value.clone()),
        answers: file
            .answers
            .0
            .iter()
            .map(|(k, v)| {
                let a = v.value.as_ref();
                FilledAnswer {
                    question: k.value.clone(),
                    answer: a.and_then(|a| a.answer.as_ref()).map(|x| x.value.clone()),
                    comment: a.and_then(|a| a.comment.clone()),
                    justification: a.and_then(|a| a.justification.clone()),
                    evidence: a
                        .and_then(|a| a.evidence.as_ref())
                        .map(|items| {
                            items
                                .iter()
                                .map(|i| {
                                    let e = &i.value;
                                    FilledEvidence {
                                        file: e.file.clone(),
                                        kind: e.kind.to_string(),
                                        issued: e.issued.as_ref().map(|s| s.value.clone()),
                                        expires: e.expires.as_ref().map(|s| s.value.clone()),
                                        verified_by: e.verified_by.clone(),
                                        certificate: e.certificate.clone(),
                                        sha256: e.sha256.as_ref().map(|s| s.value.clone()),
                                    }
                                })
                                .collect()
                        })
                        .unwrap_or_default(),
                }
            })
            .collect(),
        price: None,
    })
}

/// [`read`] on a file, bounded as a response is.
pub fn read_file(path: &Path) -> Result<AsYaml, Vec<Problem>> {
    let bytes = super::read::read_bytes_with(
        path,
        super::read::MAX_RESPONSE_BYTES,
        super::read::Links::Refuse,
    )
    .map_err(|p| vec![p])?;
    read(path, &bytes)
}

/// [`filled_from_yaml`] on a file, bounded as a response is.
pub fn filled_from_file(path: &Path) -> Result<Filled, Problem> {
    let (text, _) = super::read::read_text_with(
        path,
        super::read::MAX_RESPONSE_BYTES,
        super::read::Links::Refuse,
    )?;
    filled_from_yaml(path, &text)
}

/// The `Price` sheet of a response workbook, read as the `price.yaml` it stands for (each
/// line placed at its cell); `None` when there is no Price sheet or no amount is filled in.
pub fn read_price(path: &Path, bytes: &[u8]) -> Result<Option<AsYaml>, Vec<Problem>> {
    let mut wb = open(path, bytes)?;
    if !wb.sheet_names().iter().any(|n| n == PRICE) {
        return Ok(None);
    }
    let values = wb.worksheet_range(PRICE).map_err(|e| {
        vec![Problem::file(
            path,
            format!("cannot read sheet `{PRICE}`: {e}"),
        )]
    })?;
    let formulas = wb.worksheet_formula(PRICE).unwrap_or_default();
    let (top, left) = values.start().unwrap_or((0, 0));
    let cell = |r: usize, c: usize| {
        format!(
            "{PRICE}!{}{}",
            column_name(left as usize + c),
            top as usize + r + 1
        )
    };
    let mut out = AsYaml::default();
    // A price is not taken from a formula's cached value, which the supplier's spreadsheet
    // program may not have recomputed: each formula cell is an error at its cell.
    let mut formula_cells = Vec::new();
    for (r, c, f) in formulas.used_cells() {
        if !f.is_empty() {
            let (fr, fc) = formulas.start().unwrap_or((0, 0));
            formula_cells.push(Problem::file(
                path,
                format!(
                    "{PRICE}!{}{}: a formula (={f}): type the amount itself, as a number",
                    column_name((fc as usize) + c),
                    fr as usize + r + 1
                ),
            ));
        }
    }
    if !formula_cells.is_empty() {
        return Err(formula_cells);
    }
    let rows: Vec<&[Data]> = values.rows().collect();
    let label = |row: &[Data]| {
        row.first()
            .map(|d| text(d).trim().to_lowercase())
            .unwrap_or_default()
    };
    let Some(header) = rows.iter().position(|row| label(row) == PRICE_COLUMNS[0]) else {
        return Err(vec![Problem::file(
            path,
            format!("sheet `{PRICE}` has no header row starting `cost`: it is laid out as `tenderscore template --format xlsx` writes it"),
        )]);
    };
    let names: Vec<String> = rows[header]
        .iter()
        .map(|d| text(d).trim().to_lowercase())
        .collect();
    let Some(amount) = names.iter().position(|n| n == "amount") else {
        return Err(vec![Problem::file(
            path,
            format!(
                "sheet `{PRICE}`: no `amount` column in its header row ({})",
                cell(header, 0)
            ),
        )]);
    };
    let mut costs = Vec::new();
    for (r, row) in rows.iter().enumerate().skip(header + 1) {
        let id = label(row);
        let Some(v) = row.get(amount).filter(|d| !matches!(d, Data::Empty)) else {
            continue;
        };
        if id.is_empty() {
            continue;
        }
        let written = match v {
            Data::Float(x) => crate::model::number::show_number(*x),
            Data::Int(i) => i.to_string(),
            Data::String(s) if s.trim().is_empty() => continue,
            // Text where a number belongs: written as text, so the price check says so at
            // this cell.
            other => quoted(text(other).trim()),
        };
        costs.push((format!("  {}: {written}", quoted(&id)), cell(r, amount)));
    }
    if costs.is_empty() {
        return Ok(None);
    }
    if let Some(r) = rows[..header]
        .iter()
        .position(|row| label(row) == "currency")
    {
        let v = rows[r].get(1).map(text).unwrap_or_default();
        if !v.trim().is_empty() {
            out.line(format!("currency: {}", quoted(v.trim())), cell(r, 1));
        }
    }
    out.line("costs:".into(), String::new());
    for (line, at) in costs {
        out.line(line, at);
    }
    Ok(Some(out))
}
