//! `tenderscore clarify`: per supplier, the clarification questions to send back.

use crate::cli::{ClarifyArgs, ClarifyFormat, Global};
use anyhow::Result;
use tenderscore::render::clarify as doc;
use tenderscore::review::clarify;

pub fn run(args: &ClarifyArgs, global: &Global) -> Result<u8> {
    let loaded = super::load(&args.tender, global)?;
    let mut result = tenderscore::score::score_tender(loaded.scorable().map_err(super::Reported)?);
    tenderscore::score::select(&mut result, &args.supplier.supplier)
        .map_err(super::Reported::from)?;
    let all = clarify::for_tender(&loaded, &result);
    let text = match args.format.resolve(&args.output) {
        ClarifyFormat::Markdown => doc::markdown(&result, &all),
        ClarifyFormat::Csv => doc::csv(&all),
        ClarifyFormat::Json => doc::json(&result, &all),
    };
    super::write_output(&args.output, text.as_bytes(), |p| loaded.reads_file(p))?;
    Ok(super::OK)
}
