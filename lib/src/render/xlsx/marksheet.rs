//! An evaluator's marking sheet as a workbook.

use super::sheets::*;
use crate::problem::Problem;
use rust_xlsxwriter::XlsxError;

/// An evaluator's marking sheet (`marksheet -o E1.xlsx`): sheet `Marks` with one row per
/// supplier × question, every column locked but `mark` (a drop-down-free whole number from 0
/// to the marks scale, checked as it is typed) and `reason`; the sheet is protected without a
/// password, so a slip cannot change a supplier or question id. Sheet `How to mark` says
/// what to do.
pub fn marksheet(s: &crate::review::marksheet::Sheet) -> Result<Vec<u8>, Problem> {
    build_marksheet(s).map_err(cannot_write)
}

fn build_marksheet(s: &crate::review::marksheet::Sheet) -> Result<Vec<u8>, XlsxError> {
    use crate::review::marksheet::COLUMNS;
    use rust_xlsxwriter::{DataValidation, DataValidationRule};
    let mut wb = workbook(
        &s.as_of,
        &format!("{} marking sheet for {}", s.tender, s.evaluator),
    );
    let ws = wb.add_worksheet();
    ws.set_name("Marks")?;
    let (bold, locked, open) = super::sheets::form_formats();
    let widths = [10.0, 18.0, 24.0, 11.0, 40.0, 40.0, 60.0, 28.0, 7.0, 40.0];
    for (c, (h, w)) in COLUMNS.iter().zip(widths).enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &bold)?;
        ws.set_column_width(c as u16, w)?;
    }
    for (i, row) in s.rows.iter().enumerate() {
        let r = i as u32 + 1;
        let cells = [
            &row.evaluator,
            &row.supplier,
            &row.supplier_name,
            &row.question,
            &row.question_text,
            &row.guidance,
            &row.answer,
            &row.evidence,
        ];
        let mut lines = 1;
        for (c, v) in cells.iter().enumerate() {
            lines = lines.max(lines_needed(v, widths[c]));
            ws.write_string_with_format(r, c as u16, text(v), &locked)?;
        }
        // Set, so wrapped text never overlaps in LibreOffice; a long answer is cut off at
        // Excel's row limit but stays whole in the cell.
        ws.set_row_height(r, row_height(lines))?;
        ws.write_blank(r, 8, &open)?;
        ws.write_blank(r, 9, &open)?;
    }
    if !s.rows.is_empty() {
        let last = s.rows.len() as u32;
        let scale = i32::try_from(s.marks_scale).unwrap_or(i32::MAX);
        let v = DataValidation::new()
            .allow_whole_number(DataValidationRule::Between(0, scale))
            .set_input_title(format!("Mark 0-{scale}"))?
            .set_input_message(format!(
                "A whole number from 0 to {scale}; say why in `reason`."
            ))?
            .set_error_title("Not a mark")?
            .set_error_message(format!("A mark is a whole number from 0 to {scale}."))?;
        ws.add_data_validation(1, 8, last, 8, &v)?;
    }
    ws.set_freeze_panes(1, 0)?;
    print_setup(ws, 1)?;
    ws.autofilter(0, 0, s.rows.len() as u32, COLUMNS.len() as u16 - 1)?;
    let options = rust_xlsxwriter::ProtectionOptions {
        use_autofilter: true,
        format_columns: true,
        format_rows: true,
        ..Default::default()
    };
    ws.protect_with_options(&options);

    let how = wb.add_worksheet();
    how.set_name("How to mark")?;
    how.set_column_width(0, 100)?;
    let lines = [
        format!("Marking sheet for tender {}, evaluator {}.", s.tender, s.evaluator),
        String::new(),
        format!(
            "On the Marks sheet, give each answer a whole-number mark from 0 to {} in the yellow `mark` column, and say why in `reason`.",
            s.marks_scale
        ),
        "Mark each answer on its own, against the question and its guidance, before any moderation meeting.".into(),
        "Leave a row's mark empty if you have not marked it yet: `marks import` leaves such rows out and says how many.".into(),
        "The other columns are locked so that a supplier or question id cannot be changed by mistake.".into(),
        String::new(),
        "When done, return the file; the panel runs:  tenderscore marks import <TENDER> <this file>".into(),
    ];
    for (i, l) in lines.iter().enumerate() {
        how.write_string(i as u32, 0, text(l))?;
    }
    wb.save_to_buffer()
}
