//! The buyer's lists beside `tender.toml`, read under scoring rules 2: `verifiers.csv` (the
//! verifiers it accepts, one per row, column `name`) and `certificates.csv` (its certificate
//! register, columns `number,holder,standard,issuer,status,expires`, as a certification
//! search service exports it).

use crate::model::tender::Certificate;
use crate::problem::{Problem, Problems};
use std::path::Path;

/// The rows of a CSV with the named columns (any order, letter case ignored), each with its
/// line; a missing column or a malformed row is a located problem. Shared by the buyer's
/// files read under rules 2 (`verifiers.csv`, `certificates.csv`, `decisions.csv`).
pub(super) fn rows(
    path: &Path,
    text: &str,
    wanted: &[&str],
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
    let mut index = Vec::new();
    for w in wanted {
        match header.iter().position(|h| h == w) {
            Some(i) => index.push(i),
            None => {
                return Err(Problem::at(
                    path,
                    1,
                    0,
                    format!(
                        "no `{w}` column; the header must name {}",
                        wanted.join(", ")
                    ),
                )
                .into())
            }
        }
    }
    let mut out = Vec::new();
    let mut problems = Vec::new();
    let mut lines = super::read::CsvLines::new(text);
    for row in r.records() {
        match row {
            Ok(row) => {
                let line = row.position().map_or(0, |p| lines.line(p));
                out.push((line, index.iter().map(|&i| row[i].to_string()).collect()));
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
pub fn verifiers(path: &Path, text: &str) -> Result<Vec<String>, Problems> {
    Ok(rows(path, text, &["name"])?
        .into_iter()
        .map(|(_, v)| v[0].clone())
        .filter(|n| !n.is_empty())
        .collect())
}

/// The rows of `certificates.csv`.
pub fn certificates(path: &Path, text: &str) -> Result<Vec<Certificate>, Problems> {
    let wanted = [
        "number", "holder", "standard", "issuer", "status", "expires",
    ];
    let mut out = Vec::new();
    let mut problems = Vec::new();
    for (line, v) in rows(path, text, &wanted)? {
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
