//! What `check` lists for a loaded tender: every problem in marks, responses and evidence,
//! the evidence judged at the tender's as-of date by the same rules that score it.

use crate::load::{Catalog, LoadedTender};
use crate::model::response::QuestionLookup;
use crate::problem::Problem;

/// Every problem in a loaded tender: marks, responses, and evidence judged at the as-of date.
pub fn problems(t: &LoadedTender) -> Vec<Problem> {
    let mut out = t.marks_problems.clone();
    out.extend(t.marks_notes.iter().cloned());
    out.extend(t.decision_problems.iter().cloned());
    // Scoring rules 2: a decision made on a response that has changed since no longer applies.
    let decisions_csv = t.dir.join("decisions.csv");
    for d in &t.decisions {
        let Some(s) = t.submissions.iter().find(|s| s.folder == d.folder) else {
            continue;
        };
        let mut stale = |why: String| {
            out.push(Problem::at(
                &decisions_csv,
                d.line as u32,
                0,
                format!("{why}: it no longer applies; review it and record it again"),
            ))
        };
        if d.kind.is_price() {
            let now = s.price_sha256.as_deref().unwrap_or("");
            if !now.starts_with(&d.response_sha256) {
                stale(format!(
                    "the {} decision for {} was made on price.yaml {}…, which has changed since (now {}…)",
                    d.kind,
                    d.folder,
                    &d.response_sha256[..12],
                    now.get(..12).unwrap_or(now)
                ));
            }
            continue;
        }
        if let (Some(file), Ok(r)) = (&d.file_sha256, &s.response) {
            let cited = r
                .answers
                .get(&d.question)
                .is_some_and(|a| d.judged_file_cited(&a.evidence));
            if !cited {
                stale(format!(
                    "the {} decision on {} for {} was made on evidence file {}…, which the answer no longer cites (the file was replaced or changed)",
                    d.kind,
                    d.question,
                    d.folder,
                    &file[..12.min(file.len())]
                ));
            }
        }
        let now = s.response_sha256.as_deref().unwrap_or("");
        if !now.starts_with(&d.response_sha256) {
            stale(format!(
                "the {} decision on {} for {} was made on response {}…, which has changed since (now {}…)",
                d.kind,
                d.question,
                d.folder,
                &d.response_sha256[..12],
                now.get(..12).unwrap_or(now)
            ));
        }
    }
    let catalog = Catalog::new(&t.tender.id, &t.rubrics);
    for s in &t.submissions {
        if let Some(Err(p)) = &s.price {
            out.extend(p.iter().cloned());
        }
        // A workbook's formula cells: read by their cached values, for the panel to know.
        out.extend(s.warnings.iter().cloned());
        match &s.response {
            Err(p) => out.extend(p.iter().cloned()),
            Ok(r) => {
                for other in &s.shares_name_with {
                    out.push(Problem::file(
                        &s.response_path,
                        format!(
                            "supplier `{}` is also the display name given in folder `{other}`: both bids are scored and flagged; confirm which organisation sent each",
                            r.supplier
                        ),
                    ));
                }
                let mut answers: Vec<_> = r.answers.iter().collect();
                answers.sort_by_key(|(_, a)| (a.line, a.column));
                for (id, a) in answers {
                    let Some(q) = catalog.question(id) else {
                        continue;
                    };
                    for e in &a.evidence {
                        for reason in
                            crate::score::invalid_reasons(crate::score::Dates::of(&t.tender), q, e)
                        {
                            out.push(Problem::at(
                                &s.response_path,
                                e.line,
                                e.column,
                                format!("{id}: evidence {reason}"),
                            ));
                        }
                    }
                    for (i, reason) in crate::score::content_findings(t, r, q, &a.evidence) {
                        let e = &a.evidence[i];
                        out.push(Problem::at(
                            &s.response_path,
                            e.line,
                            e.column,
                            format!("{id}: evidence {reason}"),
                        ));
                    }
                }
            }
        }
    }
    // A workbook's problems are placed at their cells, not at lines of the YAML it was read as.
    for sub in t.submissions.iter().filter(|s| !s.cells.is_empty()) {
        for p in out.iter_mut() {
            if p.file.as_deref() == Some(sub.response_path.as_path()) && p.line.is_some() {
                *p = sub.cells.locate(&sub.response_path, p.clone());
            }
        }
    }
    out
}

/// Scoring rules 2: notes for the panel, not problems (they do not change `check`'s exit
/// code): a warning when the tender names no accepted verifiers, and each phrase of
/// `must_show` and `must_not_show` found in the evidence, with its sentence and page, placed
/// at the evidence item that cites the file, for the panel to read before relying on a tick.
pub fn found(t: &LoadedTender) -> Vec<Problem> {
    let mut out = Vec::new();
    if t.tender.scoring.rules < 2 {
        return out;
    }
    // Without a list, any verifier with a distinctive name counts.
    if t.tender.evidence.verifiers.is_empty() {
        out.push(Problem::file(
            &t.dir.join("tender.toml"),
            "warning: the tender names no accepted verifiers, so any `verified_by` with a distinctive name that the document also names counts as independent verification; list the verifiers you accept in [evidence] verifiers or verifiers.csv",
        ));
    }
    let catalog = Catalog::new(&t.tender.id, &t.rubrics);
    for s in &t.submissions {
        let Ok(r) = &s.response else { continue };
        let mut answers: Vec<_> = r.answers.iter().collect();
        answers.sort_by_key(|(_, a)| (a.line, a.column));
        for (id, a) in answers {
            let Some(q) = catalog.question(id) else {
                continue;
            };
            for (file, f) in crate::score::found_in(t, r, q, &a.evidence) {
                let e = a.evidence.iter().find(|e| e.file == file);
                let (line, column) = e.map_or((a.line, a.column), |e| (e.line, e.column));
                out.push(Problem::at(
                    &s.response_path,
                    line,
                    column,
                    format!("note: {id}: {}", f.describe(&file)),
                ));
            }
        }
        if !s.cells.is_empty() {
            for p in out.iter_mut() {
                if p.file.as_deref() == Some(s.response_path.as_path()) && p.line.is_some() {
                    *p = s.cells.locate(&s.response_path, p.clone());
                }
            }
        }
    }
    out
}
