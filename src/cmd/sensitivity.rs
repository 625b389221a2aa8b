//! `tenderscore sensitivity`: how robust the ranking is.

use crate::cli::{Global, SensitivityArgs, SensitivityFormat};
use anyhow::Result;
use tenderscore::render::sensitivity as doc;

pub fn run(args: &SensitivityArgs, global: &Global) -> Result<u8> {
    let loaded = super::load(&args.tender, global)?;
    let result = tenderscore::score::score_tender(loaded.scorable().map_err(super::Reported)?);
    let s = tenderscore::score::sensitivity::analyse(&loaded, &result);
    let text = match args.format.resolve(&args.output) {
        SensitivityFormat::Table => {
            // Fits the terminal, or PIPED_WIDTH in a pipe or file, like every table.
            let width = if args.output.output.is_none() {
                global.table_width()
            } else {
                tenderscore::render::table::PIPED_WIDTH
            };
            tenderscore::render::table::fit(&doc::text(&result, &s), width)
        }
        SensitivityFormat::Json => tenderscore::render::to_json(&s),
        SensitivityFormat::Markdown => doc::markdown(&result, &s),
    };
    super::write_output(&args.output, text.as_bytes(), |p| loaded.reads_file(p))?;
    Ok(super::OK)
}
