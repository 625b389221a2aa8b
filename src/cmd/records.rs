//! `tenderscore records`: the council's DPIA, equality impact assessment or ATRS record,
//! drafted from one supplier's evaluated tender.

use crate::cli::{Global, RecordsArgs, RecordsFormat, RecordsKind};
use anyhow::{bail, Result};
use std::io::IsTerminal;
use tenderscore::render::records as doc;
use tenderscore::review::records::{draft, RecordKind};

pub fn run(args: &RecordsArgs, global: &Global) -> Result<u8> {
    let format = args.format.resolve(&args.output);
    if format == RecordsFormat::Docx
        && args.output.output.is_none()
        && std::io::stdout().is_terminal()
    {
        bail!("a Word document is not for the terminal: give -o FILE.docx (or --format markdown)");
    }
    let loaded = super::load(&args.tender, global)?;
    let result = tenderscore::score::score_tender(loaded.scorable().map_err(super::Reported)?);
    let folder = tenderscore::score::find(&result, &args.supplier)
        .map_err(super::Reported::from)?
        .folder
        .clone();
    let kind = match args.kind {
        RecordsKind::Dpia => RecordKind::Dpia,
        RecordsKind::Eqia => RecordKind::Eqia,
        RecordsKind::Atrs => RecordKind::Atrs,
    };
    let Some(record) = draft(&loaded, &result, &folder, kind) else {
        global.error(&format!(
            "tenderscore: the response of `{folder}` could not be read, so there is nothing to draft from (tenderscore check lists why)"
        ));
        return Ok(super::FAILED);
    };
    let bytes = match format {
        RecordsFormat::Markdown => doc::markdown(&record).into_bytes(),
        RecordsFormat::Json => doc::json(&record).into_bytes(),
        RecordsFormat::Docx => doc::docx(&record),
    };
    super::write_output(&args.output, &bytes, |p| loaded.reads_file(p))?;
    Ok(super::OK)
}
