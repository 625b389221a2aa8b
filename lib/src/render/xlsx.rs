//! Excel workbooks (`score --format xlsx`): the summary, the detail and one sheet per rubric.
//! Figures are numbers (never text), text is written as text (never a formula, whatever it
//! starts with) after control and bidi characters are neutralised, every sheet has a frozen
//! header row, a filter and set column widths. The same result always gives the same bytes:
//! the workbook's creation date is the tender's as-of date, never the clock.

use super::cells::{answer, rubric_labels};
use crate::result::TenderResult;
use rust_xlsxwriter::{
    DocProperties, ExcelDateTime, Format, FormatAlign, Workbook, Worksheet, XlsxError,
};

/// Excel's limit on the characters in one cell.
const CELL_LIMIT: usize = 32_767;

/// Text for a cell: controls and bidi characters neutralised (line breaks kept: a cell may
/// hold paragraphs), cut to Excel's limit.
pub(crate) fn text(s: &str) -> String {
    let s = crate::sanitize::inline_keep_lines(s);
    if s.chars().count() > CELL_LIMIT {
        s.chars().take(CELL_LIMIT - 1).chain(['…']).collect()
    } else {
        s
    }
}

/// One column: its header, its width (characters), whether it wraps, and the number format
/// of its figures (Excel's codes: `0.0` one decimal, `#,##0` whole units with thousands
/// separators, `0` a count).
pub(crate) struct Column<'a> {
    pub header: &'a str,
    pub width: f64,
    pub wrap: bool,
    pub number: &'static str,
}

pub(crate) fn col(header: &str, width: f64) -> Column<'_> {
    Column {
        header,
        width,
        wrap: false,
        number: "General",
    }
}

pub(crate) fn wrap_col(header: &str, width: f64) -> Column<'_> {
    Column {
        wrap: true,
        ..col(header, width)
    }
}

/// A column of numbers shown in `number`, Excel's format code.
fn numbers<'a>(header: &'a str, width: f64, number: &'static str) -> Column<'a> {
    Column {
        number,
        ..col(header, width)
    }
}

/// A column of figures (percentages 0-100): one decimal.
pub(crate) fn figure_col(header: &str, width: f64) -> Column<'_> {
    numbers(header, width, "0.0")
}

/// A column of money: whole units, thousands separated.
pub(crate) fn money_col(header: &str, width: f64) -> Column<'_> {
    numbers(header, width, "#,##0")
}

/// A column of whole numbers (ranks, counts).
pub(crate) fn count_col(header: &str, width: f64) -> Column<'_> {
    numbers(header, width, "0")
}

/// A column of fractions 0-1 (raw score, credit): two decimals.
pub(crate) fn fraction_col(header: &str, width: f64) -> Column<'_> {
    numbers(header, width, "0.00")
}

/// Rows a wrapped cell needs: its text over the column width (characters), by line.
pub(crate) fn lines_needed(text: &str, width: f64) -> u32 {
    let per_line = (width * 1.1).max(1.0) as usize;
    text.split('\n')
        .map(|l| l.chars().count().div_ceil(per_line).max(1) as u32)
        .sum()
}

/// A row height (points) for `lines` lines of 11-point text, within Excel's limit.
pub(crate) fn row_height(lines: u32) -> f64 {
    (15.0 * f64::from(lines.max(1))).min(409.0)
}

/// Print setup for a sheet of tables: A4 landscape, one page wide, the header rows repeated
/// on every page.
pub(crate) fn print_setup(ws: &mut Worksheet, header_rows: u32) -> Result<(), XlsxError> {
    ws.set_landscape();
    ws.set_paper_size(9);
    ws.set_print_fit_to_pages(1, 0);
    ws.set_margins(0.4, 0.4, 0.5, 0.5, 0.3, 0.3);
    ws.set_footer("&L&A&RPage &P of &N");
    if header_rows > 0 {
        ws.set_repeat_rows(0, header_rows - 1)?;
    }
    Ok(())
}

/// A cell value.
pub(crate) enum V {
    Text(String),
    Num(f64),
    Empty,
}

impl From<Option<f64>> for V {
    fn from(v: Option<f64>) -> V {
        v.filter(|v| v.is_finite()).map_or(V::Empty, V::Num)
    }
}

impl From<String> for V {
    fn from(s: String) -> V {
        V::Text(s)
    }
}

impl From<&str> for V {
    fn from(s: &str) -> V {
        V::Text(s.to_string())
    }
}

/// A sheet: header row in bold, frozen; a filter over the data; column widths.
pub(crate) fn sheet(
    ws: &mut Worksheet,
    name: &str,
    columns: &[Column],
    rows: &[Vec<V>],
) -> Result<(), XlsxError> {
    titled_sheet(ws, name, None, columns, rows)
}

/// A sheet of `rows` under a header row; with a `title`, the title first on a row of its own
/// (the Summary sheet's final or provisional headline), then the header.
pub(crate) fn titled_sheet(
    ws: &mut Worksheet,
    name: &str,
    title: Option<&str>,
    columns: &[Column],
    rows: &[Vec<V>],
) -> Result<(), XlsxError> {
    ws.set_name(name)?;
    let bold = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Top);
    let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    let plain = Format::new().set_align(FormatAlign::Top);
    let top = u32::from(title.is_some());
    if let Some(title) = title {
        let headline = Format::new()
            .set_bold()
            .set_text_wrap()
            .set_align(FormatAlign::Top);
        let last = columns.len().saturating_sub(1).min(12) as u16;
        if last > 0 {
            ws.merge_range(0, 0, 0, last, &text(title), &headline)?;
        } else {
            ws.write_string_with_format(0, 0, text(title), &headline)?;
        }
        ws.set_row_height(0, 32)?;
    }
    for (c, column) in columns.iter().enumerate() {
        let c = c as u16;
        ws.write_string_with_format(top, c, column.header, &bold)?;
        ws.set_column_width(c, column.width)?;
    }
    // A header wraps onto as many lines as its longest word needs.
    let header_lines = columns
        .iter()
        .map(|c| lines_needed(c.header, c.width))
        .max()
        .unwrap_or(1);
    ws.set_row_height(top, row_height(header_lines))?;
    for (r, row) in rows.iter().enumerate() {
        let r = r as u32 + 1 + top;
        let mut lines = 1;
        for (c, value) in row.iter().enumerate() {
            let column = columns.get(c);
            let format = if column.is_some_and(|x| x.wrap) {
                &wrap
            } else {
                &plain
            };
            let c = c as u16;
            match value {
                V::Text(s) => {
                    if let Some(column) = column.filter(|x| x.wrap) {
                        lines = lines.max(lines_needed(s, column.width));
                    }
                    ws.write_string_with_format(r, c, text(s), format)?;
                }
                V::Num(n) => {
                    let number = column.map_or("General", |x| x.number);
                    let format = format.clone().set_num_format(number);
                    ws.write_number_with_format(r, c, *n, &format)?;
                }
                V::Empty => {}
            }
        }
        // Row heights set, so wrapped text never overlaps in LibreOffice (which does not
        // grow rows to fit on opening).
        ws.set_row_height(r, row_height(lines))?;
    }
    ws.set_freeze_panes(top + 1, 0)?;
    print_setup(ws, top + 1)?;
    if !columns.is_empty() {
        ws.autofilter(top, 0, top + rows.len() as u32, columns.len() as u16 - 1)?;
    }
    Ok(())
}

/// A workbook whose metadata is fixed by `as_of` (`YYYY-MM-DD`), so its bytes are too.
pub(crate) fn workbook(as_of: &str, title: &str) -> Workbook {
    let mut wb = Workbook::new();
    let date = ExcelDateTime::parse_from_str(as_of)
        .or_else(|_| ExcelDateTime::from_ymd(2000, 1, 1))
        .expect("a fixed date is valid");
    let props = DocProperties::new()
        .set_title(text(title))
        .set_author("tenderscore")
        .set_creation_datetime(&date);
    wb.set_properties(&props);
    wb
}

/// Sheet names: at most 31 characters, none of `[]:*?/\`, unique (case-insensitively).
pub(crate) fn sheet_name(wanted: &str, taken: &mut Vec<String>) -> String {
    let clean: String = wanted
        .chars()
        .map(|c| if "[]:*?/\\'".contains(c) { '-' } else { c })
        .filter(|c| !c.is_control())
        .take(31)
        .collect();
    let mut name = if clean.is_empty() {
        "Sheet".to_string()
    } else {
        clean
    };
    let mut n = 2;
    while taken.iter().any(|t| t.eq_ignore_ascii_case(&name)) {
        let suffix = format!(" ({n})");
        name = name
            .chars()
            .take(31 - suffix.chars().count())
            .collect::<String>()
            + &suffix;
        n += 1;
    }
    taken.push(name.clone());
    name
}

/// The scored tender as a workbook: `Summary`, `Detail`, then one sheet per rubric.
pub fn score(r: &TenderResult) -> Result<Vec<u8>, String> {
    build(r).map_err(|e| format!("cannot write the workbook: {e}"))
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
    titled_sheet(
        wb.add_worksheet(),
        "Summary",
        standing.as_deref(),
        &columns,
        &rows,
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
            let notes: Vec<String> = super::cells::credit_reason(q, r.scoring.unevidenced_credit)
                .into_iter()
                .chain(super::cells::notes(q))
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
    sheet(wb.add_worksheet(), "Detail", &columns, &rows)?;

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

/// An evaluator's marking sheet (`marksheet -o E1.xlsx`): sheet `Marks` with one row per
/// supplier × question, every column locked but `mark` (a drop-down-free whole number from 0
/// to the marks scale, checked as it is typed) and `reason`; the sheet is protected without a
/// password, so a slip cannot change a supplier or question id. Sheet `How to mark` says
/// what to do.
pub fn marksheet(s: &crate::review::marksheet::Sheet) -> Result<Vec<u8>, String> {
    build_marksheet(s).map_err(|e| format!("cannot write the workbook: {e}"))
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
    let bold = Format::new().set_bold().set_align(FormatAlign::Top);
    let locked = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    let open = Format::new()
        .set_unlocked()
        .set_text_wrap()
        .set_align(FormatAlign::Top)
        .set_background_color("#FFF2CC");
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

/// The response workbook a supplier fills in (`template --format xlsx`), or the same filled
/// with a response's content (`convert response.yaml -o response.xlsx`): sheets `Supplier`,
/// `Answers` (one row per question that applies, a drop-down of the allowed answers for
/// scale, choice and yes/no questions, the supplier's columns unlocked and the rest
/// protected without a password) and `Evidence` (one row per item, a drop-down of the
/// evidence kinds). The same plan and content give the same bytes.
pub fn response(
    plan: &super::template::Plan,
    filled: Option<&crate::load::workbook::Filled>,
    as_of: &str,
) -> Result<Vec<u8>, String> {
    build_response(plan, filled, as_of).map_err(|e| format!("cannot write the workbook: {e}"))
}

/// The drop-down values of a question's answer, or none (numbers and text).
fn allowed_values(q: &crate::model::rubric::Question) -> Vec<String> {
    use crate::model::rubric::Kind;
    let mut v: Vec<String> = match q.kind {
        Kind::Scale => (0..q.levels.len()).map(|i| i.to_string()).collect(),
        Kind::Choice => q.options.iter().map(|o| o.value.clone()).collect(),
        Kind::YesNo => vec!["yes".into(), "no".into()],
        Kind::Number | Kind::Text => return Vec::new(),
    };
    if q.na {
        v.push("n/a".into());
    }
    v
}

fn build_response(
    plan: &super::template::Plan,
    filled: Option<&crate::load::workbook::Filled>,
    as_of: &str,
) -> Result<Vec<u8>, XlsxError> {
    use crate::load::workbook::{ANSWERS, ANSWER_COLUMNS, EVIDENCE, EVIDENCE_COLUMNS, SUPPLIER};
    use crate::model::value::RawValue;
    use rust_xlsxwriter::{DataValidation, DataValidationErrorStyle, ProtectionOptions};
    let mut wb = workbook(as_of, &format!("Response: {}", plan.title));
    let bold = Format::new().set_bold().set_align(FormatAlign::Top);
    let locked = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    let open = Format::new()
        .set_unlocked()
        .set_text_wrap()
        .set_align(FormatAlign::Top)
        .set_background_color("#FFF2CC");
    let date = Format::new()
        .set_unlocked()
        .set_align(FormatAlign::Top)
        .set_background_color("#FFF2CC");

    // Supplier: a note, then label/value rows.
    let ws = wb.add_worksheet();
    ws.set_name(SUPPLIER)?;
    ws.set_column_width(0, 16)?;
    for c in 1..6 {
        ws.set_column_width(c, 36)?;
    }
    let note = [
        format!("Response workbook: {}", text(&plan.title)),
        "How to fill this in: write your organisation's name below (and its company number, address and contact email); answer every question on the Answers sheet in the yellow columns (pick from the drop-down where there is one); list each evidence file on the Evidence sheet, one row per file, with the question it supports.".to_string(),
        "Evidence files go in the same folder as this workbook (or a sub-folder such as evidence/); give their paths relative to it. Dates as YYYY-MM-DD or as spreadsheet dates. A question left blank is scored as unanswered.".to_string(),
    ];
    let wrapped = plain_format();
    for (i, line) in note.iter().enumerate() {
        let format = if i == 0 { &bold } else { &wrapped };
        ws.merge_range(i as u32, 0, i as u32, 5, line, format)?;
        if i > 0 {
            ws.set_row_height(i as u32, 32)?;
        }
    }
    let first = note.len() as u32 + 1;
    let f = filled;
    ws.write_string_with_format(first, 0, "supplier", &bold)?;
    ws.write_string_with_format(first, 1, text(f.map_or("", |f| f.supplier.as_str())), &open)?;
    ws.write_string_with_format(first + 1, 0, "legal_names", &bold)?;
    let names: Vec<&str> = f.map_or(Vec::new(), |f| {
        f.legal_names.iter().map(String::as_str).collect()
    });
    for c in 0..names.len().max(4) {
        let v = names.get(c).copied().unwrap_or("");
        ws.write_string_with_format(first + 1, 1 + c as u16, text(v), &open)?;
    }
    ws.write_string_with_format(first + 2, 0, "tender", &bold)?;
    let tender = f
        .and_then(|f| f.tender.clone())
        .or_else(|| plan.tender_id.clone())
        .unwrap_or_default();
    ws.write_string_with_format(first + 2, 1, text(&tender), &locked)?;
    ws.write_string_with_format(first + 3, 0, "submitted", &bold)?;
    ws.write_string_with_format(
        first + 3,
        1,
        text(f.and_then(|f| f.submitted.as_deref()).unwrap_or("")),
        &date,
    )?;
    // Named in assessment summaries when the tender wins (Procurement Regulations 2024
    // reg 31): optional.
    for (i, (label, value)) in [
        (
            "company_number",
            f.and_then(|f| f.company_number.as_deref()),
        ),
        ("address", f.and_then(|f| f.address.as_deref())),
        ("email", f.and_then(|f| f.email.as_deref())),
    ]
    .into_iter()
    .enumerate()
    {
        let row = first + 4 + i as u32;
        ws.write_string_with_format(row, 0, label, &bold)?;
        ws.write_string_with_format(row, 1, text(value.unwrap_or("")), &open)?;
    }
    print_setup(ws, 0)?;
    ws.protect_with_options(&ProtectionOptions {
        format_columns: true,
        format_rows: true,
        ..Default::default()
    });

    // Answers.
    let ws = wb.add_worksheet();
    ws.set_name(ANSWERS)?;
    let widths = [11.0, 12.0, 18.0, 36.0, 44.0, 44.0, 16.0, 44.0, 28.0];
    for (c, (h, w)) in ANSWER_COLUMNS.iter().zip(widths).enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &bold)?;
        ws.set_column_width(c as u16, w)?;
    }
    let mut r = 1u32;
    let mut listed = Vec::new();
    for used in &plan.rubrics {
        for s in &used.rubric.sections {
            for q in s.questions.iter().map(|q| &q.value) {
                if !used.asks(q, plan.risk) {
                    continue;
                }
                listed.push(q.id.clone());
                let given = f.and_then(|f| f.answers.iter().find(|a| a.question == q.id));
                let allowed = super::rubric::answer_lines(q).join("\n");
                let cells = [
                    q.id.as_str(),
                    used.reference.as_str(),
                    s.title.as_str(),
                    q.text.trim(),
                    q.guidance.trim(),
                    allowed.as_str(),
                ];
                for (c, v) in cells.iter().enumerate() {
                    ws.write_string_with_format(r, c as u16, text(v), &locked)?;
                }
                match given.and_then(|g| g.answer.as_ref()) {
                    Some(RawValue::Int(i)) => {
                        ws.write_number_with_format(r, 6, *i as f64, &open)?;
                    }
                    Some(RawValue::Float(x)) => {
                        ws.write_number_with_format(r, 6, *x, &open)?;
                    }
                    Some(RawValue::Bool(b)) => {
                        ws.write_string_with_format(r, 6, if *b { "yes" } else { "no" }, &open)?;
                    }
                    Some(RawValue::Str(s)) => {
                        ws.write_string_with_format(r, 6, text(s), &open)?;
                    }
                    _ => {
                        ws.write_blank(r, 6, &open)?;
                    }
                }
                for (c, v) in [
                    (7u16, given.and_then(|g| g.comment.as_deref())),
                    (8, given.and_then(|g| g.justification.as_deref())),
                ] {
                    match v {
                        Some(v) => ws.write_string_with_format(r, c, text(v), &open)?,
                        None => ws.write_blank(r, c, &open)?,
                    };
                }
                // Tall enough to read the wrapped question, guidance and allowed answers.
                let lines = |t: &str, width: usize| -> usize {
                    t.lines()
                        .map(|l| l.chars().count().div_ceil(width).max(1))
                        .sum::<usize>()
                };
                let tallest = lines(q.text.trim(), 36)
                    .max(lines(q.guidance.trim(), 44))
                    .max(lines(&allowed, 44))
                    .clamp(1, 20);
                ws.set_row_height(r, 15.0 * tallest as f64)?;
                let values = allowed_values(q);
                if !values.is_empty() && values.iter().map(|v| v.len() + 1).sum::<usize>() < 255 {
                    let v = DataValidation::new()
                        .allow_list_strings(&values)?
                        .set_error_style(DataValidationErrorStyle::Stop)
                        .set_error_title("Not an allowed answer")?
                        .set_error_message(format!(
                            "{} takes one of: {}",
                            q.id,
                            values.join(", ")
                        ))?;
                    ws.add_data_validation(r, 6, r, 6, &v)?;
                }
                r += 1;
            }
        }
    }
    // Answers to questions this tender does not list stay in the file, so nothing is lost
    // in a conversion (the scorer reports them).
    if let Some(f) = f {
        for a in f.answers.iter().filter(|a| !listed.contains(&a.question)) {
            ws.write_string_with_format(r, 0, text(&a.question), &locked)?;
            if let Some(v) = &a.answer {
                ws.write_string_with_format(r, 6, text(&v.shown()), &open)?;
            }
            r += 1;
        }
    }
    ws.set_freeze_panes(1, 1)?;
    print_setup(ws, 1)?;
    ws.autofilter(
        0,
        0,
        r.saturating_sub(1).max(1),
        ANSWER_COLUMNS.len() as u16 - 1,
    )?;
    ws.protect_with_options(&ProtectionOptions {
        use_autofilter: true,
        format_columns: true,
        format_rows: true,
        ..Default::default()
    });

    // Evidence: one row per item; spare rows to fill.
    let ws = wb.add_worksheet();
    ws.set_name(EVIDENCE)?;
    let widths = [12.0, 40.0, 16.0, 12.0, 12.0, 28.0, 22.0, 30.0];
    for (c, (h, w)) in EVIDENCE_COLUMNS.iter().zip(widths).enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &bold)?;
        ws.set_column_width(c as u16, w)?;
    }
    let mut r = 1u32;
    if let Some(f) = f {
        for a in &f.answers {
            for e in &a.evidence {
                let cells = [
                    Some(a.question.as_str()),
                    Some(e.file.as_str()),
                    Some(e.kind.as_str()),
                    e.issued.as_deref(),
                    e.expires.as_deref(),
                    e.verified_by.as_deref(),
                    e.certificate.as_deref(),
                    e.sha256.as_deref(),
                ];
                for (c, v) in cells.iter().enumerate() {
                    if let Some(v) = v {
                        ws.write_string(r, c as u16, text(v))?;
                    }
                }
                r += 1;
            }
        }
    }
    let last = r.max(1) + 200;
    let kinds: Vec<String> = crate::model::rubric::EvidenceKind::ALL
        .iter()
        .map(|k| k.to_string())
        .collect();
    let v = DataValidation::new()
        .allow_list_strings(&kinds)?
        .set_error_title("Not an evidence kind")?
        .set_error_message("Pick the kind of document from the list.")?;
    ws.add_data_validation(1, 2, last, 2, &v)?;
    ws.set_freeze_panes(1, 0)?;
    print_setup(ws, 1)?;

    // Price: with `[award]`, one row per cost line, the amount typed in (a number from 0 to
    // 10^12, checked as it is typed); read exactly like price.yaml.
    if let Some(award) = &plan.award {
        use crate::load::workbook::{PRICE, PRICE_COLUMNS};
        let ws = wb.add_worksheet();
        ws.set_name(PRICE)?;
        for (c, w) in [18.0, 44.0, 10.0, 18.0].into_iter().enumerate() {
            ws.set_column_width(c as u16, w)?;
        }
        let note = format!(
            "Your price, in {}: the amount of each cost line (a yearly line is the amount for one year; the contract runs {} years). 0 means nothing is charged. Fill in this sheet or send price.yaml, not both.",
            award.currency, award.years
        );
        let wrapped = plain_format();
        ws.merge_range(0, 0, 0, 3, &text(&note), &wrapped)?;
        ws.set_row_height(0, 48)?;
        ws.write_string_with_format(1, 0, "currency", &bold)?;
        ws.write_string_with_format(1, 1, text(&award.currency), &locked)?;
        for (c, h) in PRICE_COLUMNS.iter().enumerate() {
            ws.write_string_with_format(3, c as u16, *h, &bold)?;
        }
        let money = Format::new()
            .set_unlocked()
            .set_align(FormatAlign::Top)
            .set_background_color("#FFF2CC")
            .set_num_format("#,##0.00");
        let given = filled.and_then(|f| f.price.as_ref());
        for (i, line) in award.costs.iter().enumerate() {
            let r = 4 + i as u32;
            ws.write_string_with_format(r, 0, text(&line.id), &locked)?;
            ws.write_string_with_format(r, 1, text(&line.label), &locked)?;
            ws.write_string_with_format(r, 2, if line.per_year { "yes" } else { "no" }, &locked)?;
            match given.and_then(|p| p.costs.iter().find(|(id, _)| *id == line.id)) {
                Some((_, amount)) => ws.write_number_with_format(r, 3, *amount, &money)?,
                None => ws.write_blank(r, 3, &money)?,
            };
        }
        if !award.costs.is_empty() {
            let last = 4 + award.costs.len() as u32 - 1;
            let v = DataValidation::new()
                .allow_decimal_number(rust_xlsxwriter::DataValidationRule::Between(
                    0.0,
                    crate::load::price::MAX_AMOUNT,
                ))
                .set_error_title("Not an amount")?
                .set_error_message(
                    "An amount is a number from 0 (nothing charged) to 1,000,000,000,000.",
                )?;
            ws.add_data_validation(4, 3, last, 3, &v)?;
        }
        ws.set_freeze_panes(4, 0)?;
        print_setup(ws, 4)?;
        ws.protect_with_options(&ProtectionOptions {
            format_columns: true,
            format_rows: true,
            ..Default::default()
        });
    }
    wb.save_to_buffer()
}

fn plain_format() -> Format {
    Format::new().set_text_wrap().set_align(FormatAlign::Top)
}
