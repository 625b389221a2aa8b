//! `tenderscore marksheet`: an evaluator's marking sheet.

use crate::cli::{Global, MarksheetArgs, MarksheetFormat};
use anyhow::{bail, Result};
use std::io::IsTerminal;
use tenderscore::render;
use tenderscore::review::marksheet;

pub fn run(args: &MarksheetArgs, global: &Global) -> Result<u8> {
    let format = args.format.resolve(&args.output);
    if format == MarksheetFormat::Xlsx
        && args.output.output.is_none()
        && std::io::stdout().is_terminal()
    {
        bail!("a workbook is not for the terminal: give -o FILE.xlsx (or --format csv)");
    }
    let bom = args.bom.prefix(format == MarksheetFormat::Csv)?;
    let loaded = super::load(&args.tender, global)?;
    let sheet = marksheet::build(&loaded, &args.evaluator, &args.questions)
        .map_err(|p| super::Reported(tenderscore::problem::Problems(p)))?;
    if sheet.rows.is_empty() {
        global
            .note("no rows: this tender has no text question to mark (add one with --question ID)");
    }
    let bytes = match format {
        MarksheetFormat::Csv => [bom, render::marksheet::csv(&sheet).as_bytes()].concat(),
        MarksheetFormat::Xlsx => render::xlsx::marksheet(&sheet)?,
    };
    super::write_output(&args.output, &bytes, |p| loaded.reads_file(p))?;
    Ok(super::OK)
}
