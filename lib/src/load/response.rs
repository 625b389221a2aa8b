//! A supplier's `response.yaml` (docs/formats.md): parsed strictly, then checked against the
//! tender's questions.

use super::written::*;
use crate::model::answer;
use crate::model::response::{Evidence, FileFacts, GivenAnswer, QuestionLookup, Response};
use crate::model::value::Answer;
use crate::problem::{did_you_mean, Problem, Problems};
use jiff::civil::Date;
use serde_saphyr::Spanned;
use std::collections::BTreeMap;
use std::path::Path;

fn date(path: &Path, s: &Spanned<String>, what: &str, out: &mut Vec<Problem>) -> Option<Date> {
    match parse_date(&s.value) {
        Ok(d) => Some(d),
        Err(why) => {
            out.push(Problem::at_loc(
                path,
                &s.referenced,
                format!("{what}: {why}"),
            ));
            None
        }
    }
}

/// A `YYYY-MM-DD` date, or a message that says what was found and how to write it.
pub fn parse_date(text: &str) -> Result<Date, Problem> {
    let t = text.trim();
    let shaped = t.len() == 10
        && t.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    if !shaped {
        return Err(Problem::asked(format!(
            "expected a date YYYY-MM-DD (for example 2026-03-01), found `{t}`"
        )));
    }
    let n = |r: std::ops::Range<usize>| t[r].parse::<i16>().unwrap_or(0);
    let (y, m, d) = (n(0..4), n(5..7), n(8..10));
    if !(1..=12).contains(&m) {
        return Err(Problem::asked(format!(
            "`{t}` is not a date: month {m} does not exist; write YYYY-MM-DD with a month from 01 to 12"
        )));
    }
    Date::new(y, m as i8, d as i8).map_err(|_| {
        let last = Date::new(y, m as i8, 1)
            .map(|first| first.days_in_month())
            .unwrap_or(31);
        Problem::asked(format!(
            "`{t}` is not a date: that month has {last} days; check the day"
        ))
    })
}

/// Parses and validates a response; evidence facts are filled in by `facts`.
pub fn parse(
    path: &Path,
    text: &str,
    questions: &dyn QuestionLookup,
    mut facts: impl FnMut(&str) -> FileFacts,
) -> Result<Response, Problems> {
    // The fast reader takes what it fully understands; everything else, and every error, is
    // serde-saphyr's (load/fastyaml.rs).
    let file: ResponseFile = match super::fastyaml::parse(text) {
        Some(f) => f,
        None => crate::load::read::parse(path, text)?,
    };
    let mut out = Vec::new();
    let supplier = file.supplier.value.trim().to_string();
    if supplier.is_empty() {
        out.push(Problem::at_loc(
            path,
            &file.supplier.referenced,
            "supplier must not be empty",
        ));
    }
    if let Some(t) = &file.tender {
        if t.value != questions.tender_id() {
            out.push(Problem::at_loc(
                path,
                &t.referenced,
                format!(
                    "tender is `{}`, but this tender is `{}`: is this response in the right folder?",
                    t.value,
                    questions.tender_id()
                ),
            ));
        }
    }
    // Checked so a mistyped date is reported, but not kept: no rule uses it.
    if let Some(s) = &file.submitted {
        date(path, s, "submitted", &mut out);
    }
    let address = identity(path, file.address.as_ref(), "address", 300, &mut out);
    let company_number = identity(
        path,
        file.company_number.as_ref(),
        "company_number",
        40,
        &mut out,
    );
    let email = identity(path, file.email.as_ref(), "email", 254, &mut out);
    if let (Some(e), Some(at)) = (&email, &file.email) {
        let ok = e.split_once('@').is_some_and(|(l, d)| {
            !l.is_empty() && d.contains('.') && !e.contains(char::is_whitespace)
        });
        if !ok {
            out.push(Problem::at_loc(
                path,
                &at.referenced,
                format!("email `{e}` is not an email address (name@example.org)"),
            ));
        }
    }
    let mut answers = BTreeMap::new();
    for (key, value) in &file.answers.0 {
        let id = key.value.trim();
        let kloc = &key.referenced;
        let Some(q) = questions.question(id) else {
            out.push(Problem::at_loc(
                path,
                kloc,
                format!(
                    "`{id}` is not a question of this tender's rubrics{}",
                    did_you_mean(id, questions.ids())
                ),
            ));
            continue;
        };
        // A blank answer is unanswered, exactly as if the question were left out.
        let Some(a) = &value.value else {
            continue;
        };
        let Some(given) = a.answer.as_ref().filter(|g| !g.value.is_blank()) else {
            continue;
        };
        let aloc = &given.referenced;
        let answer = if given.value.is_na() {
            if !q.na {
                out.push(Problem::at_loc(
                    path,
                    aloc,
                    format!(
                        "{id} cannot be answered n/a; it expects {}",
                        answer::expected(q)
                    ),
                ));
                continue;
            }
            if a.justification
                .as_deref()
                .is_none_or(|j| j.trim().is_empty())
            {
                out.push(Problem::at_loc(
                    path,
                    aloc,
                    format!("{id} is answered n/a, which needs a `justification`"),
                ));
                continue;
            }
            Answer::NotApplicable
        } else {
            match answer::check(q, &given.value) {
                Ok(v) => v,
                Err(msg) => {
                    out.push(Problem::at_loc(path, aloc, msg.message));
                    continue;
                }
            }
        };
        let mut evidence = Vec::new();
        for item in a.evidence.iter().flatten() {
            let e = &item.value;
            let before = out.len();
            let issued = e
                .issued
                .as_ref()
                .and_then(|s| date(path, s, "issued", &mut out));
            let expires = e
                .expires
                .as_ref()
                .and_then(|s| date(path, s, "expires", &mut out));
            let sha256 = e.sha256.as_ref().and_then(|s| {
                let v = s.value.trim().to_ascii_lowercase();
                if v.len() == 64 && v.bytes().all(|b| b.is_ascii_hexdigit()) {
                    Some(v)
                } else {
                    out.push(Problem::at_loc(
                        path,
                        &s.referenced,
                        "sha256: expected 64 hexadecimal digits",
                    ));
                    None
                }
            });
            if e.file.trim().is_empty() {
                out.push(Problem::at_loc(
                    path,
                    &item.referenced,
                    "evidence file must not be empty",
                ));
            }
            if out.len() > before {
                continue;
            }
            evidence.push(Evidence {
                file: e.file.clone(),
                kind: e.kind,
                issued,
                expires,
                verified_by: e.verified_by.clone().filter(|v| !v.trim().is_empty()),
                sha256,
                certificate: e
                    .certificate
                    .as_ref()
                    .map(|c| c.trim().to_string())
                    .filter(|c| !c.is_empty()),
                facts: facts(&e.file),
                text: None,
                line: item.referenced.line() as u32,
                column: item.referenced.column() as u32,
            });
        }
        answers.insert(
            q.id.clone(),
            GivenAnswer {
                value: answer,
                comment: a.comment.clone(),
                justification: a.justification.clone(),
                evidence,
                line: kloc.line() as u32,
                column: kloc.column() as u32,
            },
        );
    }
    if out.is_empty() {
        let legal_names = file
            .legal_names
            .iter()
            .map(|n| n.trim().to_string())
            .filter(|n| !n.is_empty())
            .collect();
        Ok(Response {
            supplier,
            legal_names,
            address,
            company_number,
            email,
            answers,
        })
    } else {
        Err(Problems(out))
    }
}

/// `address` or `company_number`: one line of printable text (a line break becomes `, `),
/// at most `max` characters, or absent when blank.
fn identity(
    path: &Path,
    v: Option<&Spanned<String>>,
    field: &str,
    max: usize,
    out: &mut Vec<Problem>,
) -> Option<String> {
    let v = v?;
    let text = v
        .value
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(", ");
    if text.is_empty() {
        return None;
    }
    if text.chars().any(char::is_control) {
        out.push(Problem::at_loc(
            path,
            &v.referenced,
            format!("{field} must be printable text, without control characters"),
        ));
        return None;
    }
    if text.chars().count() > max {
        out.push(Problem::at_loc(
            path,
            &v.referenced,
            format!("{field} is longer than {max} characters; give it as on the company register"),
        ));
        return None;
    }
    Some(text)
}
