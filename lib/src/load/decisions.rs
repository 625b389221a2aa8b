//! The panel's decisions, `decisions.csv` beside tender.toml (scoring rules 2): columns
//! `supplier,question,decision,reason,approved_by,response_sha256`, every row checked.

use super::marks::{resolve, MarkTargets, Named};
use crate::model::decision::{Decision, DecisionKind};
use crate::problem::{did_you_mean, Problem};
use std::path::Path;

const HEADER: [&str; 6] = [
    "supplier",
    "question",
    "decision",
    "reason",
    "approved_by",
    "response_sha256",
];

/// Parses and checks `decisions.csv`: the supplier by folder (or a display name only one
/// response gives), a question the tender asks, a known decision, a reason and an approver,
/// and the response's hash (a prefix of 12 or more hex digits) the decision was made on.
pub fn parse(path: &Path, text: &str, t: &MarkTargets) -> Result<Vec<Decision>, Vec<Problem>> {
    let mut out = Vec::new();
    let mut problems = Vec::new();
    for (line, row) in super::registers::rows(path, text, &HEADER).map_err(|p| p.0)? {
        let at = |msg: String| Problem::at(path, line as u32, 0, msg);
        let before = problems.len();
        let folder = match resolve(t, &row[0]) {
            Named::Folder(f) => f.to_string(),
            Named::Broken => {
                problems.push(at(format!(
                    "supplier `{}`: its response could not be read, so no decision can apply to it",
                    &row[0]
                )));
                String::new()
            }
            Named::Ambiguous(folders) => {
                problems.push(at(format!(
                    "supplier `{}` is the display name of several responses ({}); name the folder",
                    &row[0],
                    folders.join(", ")
                )));
                String::new()
            }
            Named::Unknown => {
                problems.push(at(format!(
                    "no supplier `{}` in this tender{}",
                    &row[0],
                    did_you_mean(&row[0], t.suppliers.iter().map(|(_, f)| *f))
                )));
                String::new()
            }
        };
        let question = row[1].to_string();
        if !t.questions.contains(&question.as_str()) {
            problems.push(at(format!(
                "{question} is not a question this tender asks{}",
                did_you_mean(&question, t.questions.iter().copied())
            )));
        }
        let kind = match row[2].as_str() {
            "confirm_evidence" => Some(DecisionKind::ConfirmEvidence),
            "reject_evidence" => Some(DecisionKind::RejectEvidence),
            "resolve_contradiction" => Some(DecisionKind::ResolveContradiction),
            "resolve_shared_evidence" => Some(DecisionKind::ResolveSharedEvidence),
            other => {
                problems.push(at(format!(
                    "decision `{other}` is not one of confirm_evidence, reject_evidence, resolve_contradiction{}",
                    did_you_mean(
                        other,
                        ["confirm_evidence", "reject_evidence", "resolve_contradiction"]
                    )
                )));
                None
            }
        };
        for (i, what) in [(3, "reason"), (4, "approved_by")] {
            if row[i].is_empty() {
                problems.push(at(format!(
                    "{what} is required: a decision on record says why, and who approved it"
                )));
            }
        }
        let sha = row[5].to_ascii_lowercase();
        if sha.len() < 12 || sha.len() > 64 || !sha.bytes().all(|b| b.is_ascii_hexdigit()) {
            problems.push(at(
                "response_sha256 must be the response's SHA-256 (at least its first 12 hex digits), as `score --format json` gives it".into(),
            ));
        }
        if problems.len() > before {
            continue;
        }
        let Some(kind) = kind else { continue };
        if out
            .iter()
            .any(|d: &Decision| d.folder == folder && d.question == question && d.kind == kind)
        {
            problems.push(at(format!(
                "a {kind} decision on {question} for {folder} is already recorded above"
            )));
            continue;
        }
        out.push(Decision {
            line,
            folder,
            question,
            kind,
            reason: row[3].to_string(),
            approved_by: row[4].to_string(),
            response_sha256: sha,
        });
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(problems)
    }
}
