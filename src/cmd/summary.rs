//! `tenderscore summary`: the assessment summary for one supplier (Procurement Act 2023 s.50).

use crate::cli::{Global, SummaryArgs, SummaryFormat};
use anyhow::Result;
use tenderscore::render::summary as doc;

pub fn run(args: &SummaryArgs, global: &Global) -> Result<u8> {
    let loaded = super::load(&args.tender, global)?;
    let result = tenderscore::score::score_tender(loaded.scorable().map_err(super::Reported)?);
    let s = tenderscore::score::find(&result, &args.supplier).map_err(super::Reported::from)?;
    if let Some(why) = tenderscore::review::summary::refusal(&loaded, &result, s, args.draft) {
        global.error(&format!("tenderscore: {why}"));
        return Ok(super::FAILED);
    }
    let summary = tenderscore::review::summary::build(&loaded, &result, s);
    let text = match args.format.resolve(&args.output) {
        SummaryFormat::Markdown => doc::markdown(&summary),
        SummaryFormat::Json => doc::json(&summary),
    };
    super::write_output(&args.output, text.as_bytes(), |p| loaded.reads_file(p))?;
    Ok(super::OK)
}
