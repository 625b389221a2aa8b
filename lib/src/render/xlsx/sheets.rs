//! What every workbook shares: text cells, column kinds and widths, row heights from wrapped
//! text, print setup, a sheet of rows under a header, fixed metadata, sheet names, errors.

use crate::problem::Problem;
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
pub(crate) fn numbers<'a>(header: &'a str, width: f64, number: &'static str) -> Column<'a> {
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

/// The writer's failure as the library's error.
/// The formats of a sheet a person fills in: bold labels, locked wrapped text, and the
/// unlocked, shaded cells to fill.
pub(crate) fn form_formats() -> (Format, Format, Format) {
    let top = FormatAlign::Top;
    let bold = Format::new().set_bold().set_align(top);
    let locked = Format::new().set_text_wrap().set_align(top);
    let open = Format::new()
        .set_unlocked()
        .set_text_wrap()
        .set_align(top)
        .set_background_color("#FFF2CC");
    (bold, locked, open)
}

pub(crate) fn cannot_write(e: XlsxError) -> Problem {
    Problem::asked(format!("cannot write the workbook: {e}"))
}
