//! An evaluator's marking sheet as CSV (the workbook form is in [`super::xlsx::marksheet`]).

use crate::review::marksheet::{Sheet, COLUMNS};
use crate::sanitize::cell;

/// The sheet as CSV, with empty `mark` and `reason` columns; text neutralised against
/// formula injection.
pub fn csv(s: &Sheet) -> String {
    let mut w = super::csv::writer();
    let _ = w.write_record(COLUMNS);
    for r in &s.rows {
        let _ = w.write_record([
            cell(&r.evaluator),
            cell(&r.supplier),
            cell(&r.supplier_name),
            cell(&r.question),
            cell(&r.question_text),
            cell(&r.guidance),
            cell(&r.answer),
            cell(&r.evidence),
            String::new(),
            String::new(),
        ]);
    }
    super::csv::finish(w)
}

/// `marks.csv` with `new` rows added after what it held (`existing`, kept byte for byte), or
/// a new file with its header.
pub fn marks_csv(existing: Option<&str>, new: &[crate::model::marks::Mark]) -> String {
    let mut out = match existing {
        Some(text) if !text.trim().is_empty() => {
            let mut t = text.to_string();
            if !t.ends_with('\n') {
                t.push('\n');
            }
            t
        }
        _ => "evaluator,supplier,question,mark,reason\n".to_string(),
    };
    let mut w = super::csv::writer();
    for m in new {
        let _ = w.write_record([
            m.evaluator.as_str(),
            m.folder.as_str(),
            m.question.as_str(),
            &m.mark.to_string(),
            m.reason.as_str(),
        ]);
    }
    out.push_str(&super::csv::finish(w));
    out
}
