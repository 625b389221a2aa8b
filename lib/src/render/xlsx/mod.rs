//! Excel workbooks (`score --format xlsx`): the summary, the detail and one sheet per rubric.
//! Figures are numbers (never text), text is written as text (never a formula, whatever it
//! starts with) after control and bidi characters are neutralised, every sheet has a frozen
//! header row, a filter and set column widths. The same result always gives the same bytes:
//! the workbook's creation date is the tender's as-of date, never the clock.

mod marksheet;
mod response;
mod sheets;

use crate::problem::Problem;
use crate::render::cells::{answer, rubric_labels};
use crate::result::TenderResult;
pub use marksheet::marksheet;
pub use response::response;
use rust_xlsxwriter::XlsxError;
pub(crate) use sheets::*;

/// What the Summary sheet says, below its table, about the hidden Detail sheet.
pub const DETAIL_NOTE: &str = "The Detail sheet (one row per supplier and question, with each \
answer, its scores and notes) is hidden, so that printing the workbook gives this summary and a \
page per rubric. To see it: right-click any sheet tab, then Unhide (Excel) or Show Sheet \
(LibreOffice).";

/// The scored tender as a workbook: `Summary`, `Detail` (hidden), then one sheet per rubric.
pub fn score(r: &TenderResult) -> Result<Vec<u8>, Problem> {
    build(r).map_err(cannot_write)
}

fn build(r: &TenderResult) -> Result<Vec<u8>, XlsxError> {
    let mut wb = workbook(
        &r.tender.as_of,
        &format!("{} {}", r.tender.id, r.tender.title),
    );
    let labels = rubric_labels(r);
    let rules2 = r.scoring.rules >= 2;
    let award = r.award.is_some();
    let mut taken = vec!["Summary".to_string(), "Detail".to_string()];

    // Summary: one row per supplier.
    let mut columns = vec![
        count_col("Rank", 6.0),
        wrap_col("Supplier", 26.0),
        col("Folder", 18.0),
        col("Status", 11.0),
        figure_col("Quality total", 9.0),
    ];
    if award {
        columns.extend([
            money_col("Whole-life cost", 13.0),
            figure_col("Price score", 9.0),
            figure_col("Award score", 9.0),
        ]);
    }
    for (_, label) in &labels {
        columns.push(Column {
            wrap: true,
            ..figure_col(label, 11.0)
        });
    }
    columns.extend([
        count_col("Claims", 8.0),
        count_col("Without evidence", 10.0),
        count_col("Invalid evidence", 10.0),
        count_col("Unanswered", 11.0),
        count_col("Flags", 7.0),
    ]);
    if rules2 {
        columns.push(count_col("Unconfirmed", 12.0));
    }
    columns.push(wrap_col("Reasons", 60.0));
    let rows: Vec<Vec<V>> = r
        .suppliers
        .iter()
        .map(|s| {
            let mut row = vec![
                V::from(s.rank.map(f64::from)),
                V::from(s.supplier.as_str()),
                V::from(s.folder.as_str()),
                V::Text(s.status.to_string()),
                V::from(s.total),
            ];
            if award {
                row.push(V::from(s.price.as_ref().map(|p| p.whole_life_cost)));
                row.push(V::from(s.price.as_ref().and_then(|p| p.score)));
                row.push(V::from(s.award_score));
            }
            for (reference, _) in &labels {
                row.push(V::from(s.rubrics.as_ref().and_then(|f| f.get(reference))));
            }
            let c = s.counts.as_ref();
            let n = |f: fn(&crate::result::Counts) -> u32| V::from(c.map(|c| f64::from(f(c))));
            row.extend([
                n(|c| c.claims),
                n(|c| c.unevidenced),
                n(|c| c.invalid_evidence),
                n(|c| c.unanswered),
                n(|c| c.flags),
            ]);
            if rules2 {
                row.push(n(|c| c.unconfirmed.unwrap_or(0)));
            }
            row.push(V::Text(s.reasons.join("\n")));
            row
        })
        .collect();
    // Final or provisional, first (on a row of its own above the header).
    let standing = r.standing();
    let summary = wb.add_worksheet();
    titled_sheet(summary, "Summary", standing.as_deref(), &columns, &rows)?;
    // Below the table (row 0 the standing, row 1 the header, one blank row): where the detail is.
    summary.write_string(
        u32::try_from(rows.len()).unwrap_or(u32::MAX - 4) + 3,
        0,
        DETAIL_NOTE,
    )?;

    // Detail: one row per supplier × question.
    let columns = [
        wrap_col("Supplier", 24.0),
        col("Folder", 18.0),
        col("Rubric", 16.0),
        col("Section", 10.0),
        col("Question", 12.0),
        wrap_col("Answer", 40.0),
        col("Evidence", 11.0),
        fraction_col("Raw score", 7.0),
        fraction_col("Credit", 7.0),
        fraction_col("Score", 7.0),
        col("Weight", 7.0),
        col("Source", 10.0),
        wrap_col("Notes", 60.0),
    ];
    let mut rows = Vec::new();
    for s in &r.suppliers {
        for q in &s.questions {
            let notes: Vec<String> =
                crate::render::cells::credit_reason(q, r.scoring.unevidenced_credit)
                    .into_iter()
                    .chain(crate::render::cells::notes(q))
                    .collect();
            rows.push(vec![
                V::from(s.supplier.as_str()),
                V::from(s.folder.as_str()),
                V::from(q.rubric.as_str()),
                V::from(q.section.as_str()),
                V::from(q.id.as_str()),
                V::Text(answer(q)),
                V::Text(q.evidence.to_string()),
                V::from(q.raw),
                V::from(q.credit),
                V::from(q.score),
                V::Num(q.weight),
                V::Text(q.source.to_string()),
                V::Text(notes.join("\n")),
            ]);
        }
    }
    let detail = wb.add_worksheet();
    sheet(detail, "Detail", &columns, &rows)?;
    // Hidden, so that printing the whole workbook gives the pack (the summary and a page per
    // rubric) rather than hundreds of rows; it is there for sorting and filtering on screen.
    detail.set_hidden(true);

    // One sheet per rubric: its figure and each section's, per supplier.
    for (info, (reference, label)) in r.rubrics.iter().zip(&labels) {
        let name = sheet_name(label, &mut taken);
        let mut columns = vec![wrap_col("Supplier", 30.0), figure_col(reference, 14.0)];
        for section in &info.sections {
            columns.push(Column {
                wrap: true,
                ..figure_col(&section.title, 16.0)
            });
        }
        let rows: Vec<Vec<V>> = r
            .suppliers
            .iter()
            .map(|s| {
                let mut row = vec![
                    V::from(s.supplier.as_str()),
                    V::from(s.rubrics.as_ref().and_then(|f| f.get(reference))),
                ];
                for section in &info.sections {
                    let key = format!("{reference}/{}", section.id);
                    row.push(V::from(s.sections.as_ref().and_then(|f| f.get(&key))));
                }
                row
            })
            .collect();
        sheet(wb.add_worksheet(), &name, &columns, &rows)?;
    }
    wb.save_to_buffer()
}
