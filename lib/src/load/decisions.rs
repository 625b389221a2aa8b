//! The panel's decisions, `decisions.csv` beside tender.toml (scoring rules 2): columns
//! `supplier,question,decision,reason,approved_by,response_sha256`, and `file_sha256` for the
//! decisions about an evidence file; every row checked.

use super::marks::{resolve, MarkTargets, Named};
use super::registers::Column;
use crate::model::decision::{Decision, DecisionKind};
use crate::problem::{did_you_mean, Problem};
use std::path::Path;

const COLUMNS: [Column; 7] = [
    Column::Needed(&["supplier"]),
    Column::Needed(&["question"]),
    Column::Needed(&["decision"]),
    Column::Needed(&["reason"]),
    Column::Needed(&["approved_by"]),
    Column::Needed(&["response_sha256"]),
    Column::Optional(&["file_sha256"]),
];

/// Hash prefixes shorter than this are refused: 16 hex digits (64 bits) cannot be matched by
/// a file made to collide, 12 could be by a determined supplier.
pub const MIN_PREFIX: usize = 16;

/// Whether `s` is a SHA-256 or a prefix of one with at least [`MIN_PREFIX`] hex digits.
fn is_hash_prefix(s: &str) -> bool {
    (MIN_PREFIX..=64).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_hexdigit())
}

/// Parses and checks `decisions.csv`: the supplier by folder (or a display name only one
/// response gives), a question the tender asks, a known decision, a reason and an approver,
/// the response's hash (a prefix of 16 or more hex digits) the decision was made on, and for
/// `confirm_evidence` and `reject_evidence` the hash of the evidence file judged. A row about
/// a supplier whose response cannot be read is set aside with a note in `notes`: one
/// supplier's broken file never stops the evaluation of the others.
pub fn parse(
    path: &Path,
    text: &str,
    t: &MarkTargets,
    notes: &mut Vec<Problem>,
) -> Result<Vec<Decision>, Vec<Problem>> {
    let mut out = Vec::new();
    let mut problems = Vec::new();
    for (line, row) in super::registers::rows_of(path, text, &COLUMNS).map_err(|p| p.0)? {
        let at = |msg: String| Problem::at(path, line as u32, 0, msg);
        let before = problems.len();
        let folder = match resolve(t, &row[0]) {
            Named::Folder(f) => f.to_string(),
            Named::Broken => {
                notes.push(at(format!(
                    "the {} decision on {} for `{}` is not applied: that supplier's response cannot be read (see its error); review the decision once it can",
                    &row[2], &row[1], &row[0]
                )));
                continue;
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
        const KINDS: [&str; 6] = [
            "confirm_evidence",
            "reject_evidence",
            "resolve_contradiction",
            "resolve_shared_evidence",
            "accept_price",
            "disregard_price",
        ];
        let kind = match row[2].as_str() {
            "confirm_evidence" => Some(DecisionKind::ConfirmEvidence),
            "reject_evidence" => Some(DecisionKind::RejectEvidence),
            "resolve_contradiction" => Some(DecisionKind::ResolveContradiction),
            "resolve_shared_evidence" => Some(DecisionKind::ResolveSharedEvidence),
            "accept_price" => Some(DecisionKind::AcceptPrice),
            "disregard_price" => Some(DecisionKind::DisregardPrice),
            other => {
                problems.push(at(format!(
                    "decision `{other}` is not one of {}{}",
                    KINDS.join(", "),
                    did_you_mean(other, KINDS)
                )));
                None
            }
        };
        let price = kind.is_some_and(DecisionKind::is_price);
        if price && question != "price" {
            problems.push(at(format!(
                "a {} decision is about the supplier's price: its question is `price`, and its response_sha256 the SHA-256 of the supplier's price.yaml",
                &row[2]
            )));
        } else if !price && !t.questions.contains(&question.as_str()) {
            problems.push(at(format!(
                "{question} is not a question this tender asks{}",
                did_you_mean(&question, t.questions.iter().copied())
            )));
        }
        for (i, what) in [(3, "reason"), (4, "approved_by")] {
            if row[i].is_empty() {
                problems.push(at(format!(
                    "{what} is required: a decision on record says why, and who approved it"
                )));
            }
        }
        let sha = row[5].to_ascii_lowercase();
        if !is_hash_prefix(&sha) {
            problems.push(at(format!(
                "response_sha256 must be the response's SHA-256 (at least its first {MIN_PREFIX} hex digits), as `score --format json` gives it"
            )));
        }
        let file_sha = row[6].to_ascii_lowercase();
        let about_a_file = matches!(
            kind,
            Some(DecisionKind::ConfirmEvidence | DecisionKind::RejectEvidence)
        );
        if about_a_file && !is_hash_prefix(&file_sha) {
            problems.push(at(format!(
                "file_sha256 is required for {}: the SHA-256 (at least its first {MIN_PREFIX} hex digits) of the evidence file the panel read, as `score --format json` gives it under evidence_files; the decision applies to that file only",
                &row[2]
            )));
        } else if !file_sha.is_empty() && !is_hash_prefix(&file_sha) {
            problems.push(at(format!(
                "file_sha256 must be a SHA-256 (at least its first {MIN_PREFIX} hex digits), or empty"
            )));
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
            file_sha256: (!file_sha.is_empty()).then_some(file_sha),
        });
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(problems)
    }
}
