//! `tenderscore score`: the ranked comparison.

use crate::cli::{Global, ScoreArgs, ScoreFormat};
use crate::output::{write_to, Target};
use anyhow::{bail, Result};
use std::io::IsTerminal;
use tenderscore::render::{self, table::Style, Format};
use tenderscore::result::Status;
use tenderscore::sanitize::inline;

/// The text format, or `None` for a workbook.
fn text_format(f: ScoreFormat) -> Option<Format> {
    match f {
        ScoreFormat::Table => Some(Format::Table),
        ScoreFormat::Csv => Some(Format::Csv),
        ScoreFormat::Json => Some(Format::Json),
        ScoreFormat::Markdown => Some(Format::Markdown),
        ScoreFormat::Xlsx => None,
    }
}

pub fn run(args: &ScoreArgs, global: &Global) -> Result<u8> {
    let format = args.format.resolve(&args.output);
    if format == ScoreFormat::Xlsx
        && args.output.output.is_none()
        && std::io::stdout().is_terminal()
    {
        bail!("a workbook is not for the terminal: give -o FILE.xlsx (or pipe it)");
    }
    let target = args.output.output.as_deref().map(Target::new).transpose()?;
    let ledgers = super::start_reading_ledgers(&args.ledger);
    let loaded = super::load(&args.tender, global)?;
    let scorable = loaded.scorable().map_err(super::Reported)?;
    if let Some(t) = &target {
        t.refuse_input(|p| loaded.reads_file(p))?;
    }
    if loaded.submissions.is_empty() {
        bail!(
            "{}: no submissions to score: put one folder per supplier, each with a response.yaml, in {}",
            args.tender.display(),
            loaded.tender.submissions_dir.display()
        );
    }
    let mut result = super::score_with_ledgers(&loaded, scorable, ledgers, global)?;
    tenderscore::score::select(&mut result, &args.supplier.supplier)
        .map_err(super::Reported::from)?;
    let to_terminal = args.output.output.is_none();
    let style = Style {
        color: to_terminal && global.color_stdout(),
        width: if to_terminal {
            global.table_width()
        } else {
            render::table::PIPED_WIDTH
        },
    };
    let bom = args.bom.prefix(format == ScoreFormat::Csv)?;
    let mut bytes = bom.to_vec();
    bytes.extend(match text_format(format) {
        Some(format) => render::score(&result, format, args.detail, style).into_bytes(),
        None => render::xlsx::score(&result)?,
    });
    match &target {
        Some(t) => write_to(t, &bytes)?,
        None => crate::output::emit(None, &bytes)?,
    }
    let errors: Vec<_> = result
        .suppliers
        .iter()
        .filter(|s| s.status == Status::Error)
        .collect();
    for s in &errors {
        global.error(&format!(
            "error: the response in `{}` could not be read:",
            inline(&s.folder)
        ));
        for r in &s.reasons {
            global.error(&format!("  {}", inline(r)));
        }
    }
    if !errors.is_empty() {
        return Ok(super::FAILED);
    }
    if args.strict && result.suppliers.iter().any(|s| s.status != Status::Pass) {
        return Ok(super::FOUND);
    }
    Ok(super::OK)
}
