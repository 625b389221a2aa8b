//! The buyer's lists beside `tender.toml`, read under scoring rules 2: `verifiers.csv` (the
//! verifiers it accepts, one per row, column `name`) and `certificates.csv` (its certificate
//! register, columns `number,holder,standard,issuer,status,expires`, as a certification
//! search service exports it).

use crate::model::tender::Certificate;
use crate::problem::{Problem, Problems};
use std::path::Path;

/// A column a register is read from: needed (under one of these headers) or optional.
pub(super) enum Column<'a> {
    Needed(&'a [&'a str]),
    Optional(&'a [&'a str]),
}

/// The rows of a register, each with the values of `columns` in order (an optional column
/// that is absent reads as empty), and the line each row starts on.
pub(super) fn rows_of(
    path: &Path,
    text: &str,
    columns: &[Column],
) -> Result<Vec<(u64, Vec<String>)>, Problems> {
    let mut r = csv::ReaderBuilder::new()
        .flexible(false)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let header: Vec<String> = r
        .headers()
        .map_err(|e| Problem::at(path, 1, 0, format!("cannot read the header: {e}")))?
        .iter()
        .map(str::to_ascii_lowercase)
        .collect();
    let mut index: Vec<Option<usize>> = Vec::new();
    for c in columns {
        let (names, needed) = match c {
            Column::Needed(n) => (n, true),
            Column::Optional(n) => (n, false),
        };
        let found = header.iter().position(|h| names.contains(&h.as_str()));
        if found.is_none() && needed {
            let all: Vec<&str> = columns
                .iter()
                .filter_map(|c| match c {
                    Column::Needed(n) => n.first().copied(),
                    Column::Optional(_) => None,
                })
                .collect();
            return Err(Problem::at(
                path,
                1,
                0,
                format!(
                    "no `{}` column; the header must name {}",
                    names[0],
                    all.join(", ")
                ),
            )
            .into());
        }
        index.push(found);
    }
    let mut out = Vec::new();
    let mut problems = Vec::new();
    let mut lines = super::read::CsvLines::new(text);
    for row in r.records() {
        match row {
            Ok(row) => {
                let line = row.position().map_or(0, |p| lines.line(p));
                out.push((
                    line,
                    index
                        .iter()
                        .map(|i| i.map_or(String::new(), |i| row[i].to_string()))
                        .collect(),
                ));
            }
            Err(e) => {
                let line = e.position().map_or(0, |p| lines.line(p));
                problems.push(Problem::at(path, line as u32, 0, format!("{e}")));
            }
        }
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(Problems(problems))
    }
}

/// The verifier names of `verifiers.csv`.
/// `verifiers.csv`: a `name` column and an optional `aliases` column (other names of the same
/// body, separated by `;`). Returns each name with its aliases.
pub fn verifiers(path: &Path, text: &str) -> Result<Vec<(String, Vec<String>)>, Problems> {
    let columns = [Column::Needed(&["name"]), Column::Optional(&["aliases"])];
    Ok(rows_of(path, text, &columns)?
        .into_iter()
        .filter(|(_, v)| !v[0].is_empty())
        .map(|(_, v)| {
            let aliases = v[1]
                .split(';')
                .map(str::trim)
                .filter(|a| !a.is_empty())
                .map(String::from)
                .collect();
            (v[0].clone(), aliases)
        })
        .collect())
}

/// `certificates.csv`: either this tool's columns (`number,holder,standard,issuer,status,
/// expires`) or the IAF CertSearch export's (`Certificate Number`, `Certified Entity Name`,
/// `Certification Standard` or `Certification Scope`, `Certification Body`, `Certification
/// Status`, `Expiry Date` as YYYYMMDD).
pub fn certificates(path: &Path, text: &str) -> Result<Vec<Certificate>, Problems> {
    let iaf = text
        .lines()
        .next()
        .is_some_and(|h| h.to_ascii_lowercase().contains("certificate number"));
    let columns: Vec<Column> = if iaf {
        vec![
            Column::Needed(&["certificate number"]),
            Column::Needed(&["certified entity name"]),
            Column::Needed(&[
                "certification standard",
                "standard",
                "standards",
                "certification scope",
            ]),
            Column::Optional(&["certification body", "certification body name", "issuer"]),
            Column::Needed(&["certification status"]),
            Column::Optional(&["expiry date"]),
        ]
    } else {
        [
            "number", "holder", "standard", "issuer", "status", "expires",
        ]
        .iter()
        .map(|w| Column::Needed(std::slice::from_ref(w)))
        .collect()
    };
    let mut out = Vec::new();
    let mut problems = Vec::new();
    for (line, mut v) in rows_of(path, text, &columns)? {
        // CertSearch writes dates as YYYYMMDD.
        if v[5].len() == 8 && v[5].bytes().all(|b| b.is_ascii_digit()) {
            v[5] = format!("{}-{}-{}", &v[5][..4], &v[5][4..6], &v[5][6..]);
        }
        let at = |msg: String| Problem::at(path, line as u32, 0, msg);
        if v[0].is_empty() {
            problems.push(at("number must not be empty".into()));
            continue;
        }
        let expires = if v[5].is_empty() {
            None
        } else {
            match super::response::parse_date(&v[5]) {
                Ok(d) => Some(d),
                Err(why) => {
                    problems.push(at(format!("expires: {why}")));
                    continue;
                }
            }
        };
        out.push(Certificate {
            number: v[0].clone(),
            holder: v[1].clone(),
            standard: v[2].clone(),
            issuer: v[3].clone(),
            status: v[4].clone(),
            expires,
        });
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(Problems(problems))
    }
}
