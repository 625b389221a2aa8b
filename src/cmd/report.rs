//! `tenderscore report`: the panel's HTML report.

use crate::cli::{Global, ReportArgs};
use anyhow::Result;

pub fn run(args: &ReportArgs, global: &Global) -> Result<u8> {
    let ledgers = super::start_reading_ledgers(&args.ledger);
    let loaded = super::load(&args.tender, global)?;
    let scorable = loaded.scorable().map_err(super::Reported)?;
    let result = super::score_with_ledgers(&loaded, scorable, ledgers, global)?;
    let s = tenderscore::score::sensitivity::analyse(&loaded, &result);
    let html = tenderscore::render::report::html(&result, Some(&s));
    super::write_output(&args.output, html.as_bytes(), |p| loaded.reads_file(p))?;
    Ok(super::OK)
}
