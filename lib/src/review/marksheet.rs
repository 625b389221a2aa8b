//! An evaluator's marking sheet: one row per supplier × question to mark, with what the
//! evaluator needs beside it (the question, its guidance, the answer and its evidence list).

use crate::load::LoadedTender;
use crate::model::rubric::Kind;
use crate::problem::{did_you_mean, Problem};

/// One row to mark.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub evaluator: String,
    /// The supplier's folder: its identity in `marks.csv`.
    pub supplier: String,
    pub supplier_name: String,
    pub question: String,
    pub question_text: String,
    pub guidance: String,
    /// The answer as given, with the supplier's comment; empty when unanswered.
    pub answer: String,
    /// `file (kind)` per evidence item, one per line.
    pub evidence: String,
}

/// A marking sheet.
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    pub tender: String,
    pub as_of: String,
    pub evaluator: String,
    pub marks_scale: u32,
    pub rows: Vec<Row>,
}

/// The columns of a marking sheet, in order; `marks import` reads them by name.
pub const COLUMNS: [&str; 10] = [
    "evaluator",
    "supplier",
    "supplier_name",
    "question",
    "question_text",
    "guidance",
    "answer",
    "evidence",
    "mark",
    "reason",
];

/// The sheet for `evaluator`: every text question the tender asks, plus `extra` questions
/// the panel wants to mark, for every supplier whose response could be read.
pub fn build(t: &LoadedTender, evaluator: &str, extra: &[String]) -> Result<Sheet, Vec<Problem>> {
    let risk = t.tender.risk;
    let asked: Vec<&str> = t
        .rubrics
        .iter()
        .flat_map(|r| {
            r.rubric
                .questions()
                .filter(move |(_, q)| r.asks(q, risk))
                .map(|(_, q)| q.id.as_str())
        })
        .collect();
    let mut problems = Vec::new();
    for id in extra {
        if !asked.contains(&id.as_str()) {
            problems.push(Problem::asked(format!(
                "--question {id}: not a question this tender asks{}",
                did_you_mean(id, asked.iter().copied())
            )));
        }
    }
    if evaluator.trim().is_empty() || evaluator.eq_ignore_ascii_case("moderated") {
        problems.push(Problem::asked(
            "--evaluator must name an evaluator (E1, a name or initials); `moderated` is for the panel's agreed mark, written in marks.csv by hand",
        ));
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let mut rows = Vec::new();
    for sub in &t.submissions {
        let Ok(response) = &sub.response else {
            continue;
        };
        for r in &t.rubrics {
            for (_, q) in r.rubric.questions() {
                if !r.asks(q, risk) || !(q.kind == Kind::Text || extra.contains(&q.id)) {
                    continue;
                }
                let given = response.answers.get(&q.id);
                let mut answer = given.map(|g| g.value.display()).unwrap_or_default();
                if let Some(c) = given.and_then(|g| g.comment.as_deref()) {
                    answer.push_str(&format!("\n\nComment: {c}"));
                }
                let evidence: Vec<String> = given
                    .map(|g| {
                        g.evidence
                            .iter()
                            .map(|e| format!("{} ({})", e.file, e.kind))
                            .collect()
                    })
                    .unwrap_or_default();
                rows.push(Row {
                    evaluator: evaluator.to_string(),
                    supplier: sub.folder.clone(),
                    supplier_name: response.supplier.clone(),
                    question: q.id.clone(),
                    question_text: q.text.trim().to_string(),
                    guidance: q.guidance.trim().to_string(),
                    answer,
                    evidence: evidence.join("\n"),
                });
            }
        }
    }
    Ok(Sheet {
        tender: t.tender.id.clone(),
        as_of: t.tender.as_of.to_string(),
        evaluator: evaluator.to_string(),
        marks_scale: t.tender.scoring.marks_scale,
        rows,
    })
}
