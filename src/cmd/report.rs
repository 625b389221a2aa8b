//! `tenderscore report`: the panel's HTML report.

use crate::cli::{Global, ReportArgs};
use anyhow::Result;

pub fn run(args: &ReportArgs, global: &Global) -> Result<u8> {
    let ledgers = super::start_reading_ledgers(&args.ledger);
    let loaded = super::load(&args.tender, global)?;
    let ledgers = ledgers.finish(Some(&loaded), global)?;
    let mut result = tenderscore::score::score_tender(loaded.scorable().map_err(super::Reported)?);
    if !ledgers.is_empty() {
        let findings = tenderscore::review::ledger::cross_check(&loaded, Some(&result), &ledgers);
        tenderscore::review::ledger::flag(&mut result, &findings);
    }
    let s = tenderscore::score::sensitivity::analyse(&loaded, &result);
    let html = tenderscore::render::report::html(&result, Some(&s));
    super::write_output(&args.output, html.as_bytes(), |p| loaded.reads_file(p))?;
    Ok(super::OK)
}
