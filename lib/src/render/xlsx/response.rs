//! The response workbook a supplier fills in (`template --format xlsx`, `convert`).

use super::sheets::*;
use crate::problem::Problem;
use crate::render::{rubric, template};
use rust_xlsxwriter::{Format, FormatAlign, XlsxError};

/// The response workbook a supplier fills in (`template --format xlsx`), or the same filled
/// with a response's content (`convert response.yaml -o response.xlsx`): sheets `Supplier`,
/// `Answers` (one row per question that applies, a drop-down of the allowed answers for
/// scale, choice and yes/no questions, the supplier's columns unlocked and the rest
/// protected without a password) and `Evidence` (one row per item, a drop-down of the
/// evidence kinds). The same plan and content give the same bytes.
pub fn response(
    plan: &template::Plan,
    filled: Option<&crate::load::workbook::Filled>,
    as_of: &str,
) -> Result<Vec<u8>, Problem> {
    build_response(plan, filled, as_of).map_err(cannot_write)
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
    plan: &template::Plan,
    filled: Option<&crate::load::workbook::Filled>,
    as_of: &str,
) -> Result<Vec<u8>, XlsxError> {
    use crate::load::workbook::{ANSWERS, ANSWER_COLUMNS, EVIDENCE, EVIDENCE_COLUMNS, SUPPLIER};
    use crate::model::value::RawValue;
    use rust_xlsxwriter::{DataValidation, DataValidationErrorStyle, ProtectionOptions};
    let mut wb = workbook(as_of, &format!("Response: {}", plan.title));
    let (bold, locked, open) = super::sheets::form_formats();
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
                let allowed = rubric::answer_lines(q).join("\n");
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
