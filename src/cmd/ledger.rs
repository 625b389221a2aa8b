//! `tenderscore ledger`: the tender's ledger, to share with other councils.

use crate::cli::{Global, LedgerArgs};
use anyhow::Result;

pub fn run(args: &LedgerArgs, global: &Global) -> Result<u8> {
    let loaded = super::load(&args.tender, global)?;
    let result = tenderscore::score::score_tender(loaded.scorable().map_err(super::Reported)?);
    if result.is_final == Some(false) {
        global.note(&format!(
            "note: the evaluation is provisional ({} matter(s) pending): the ledger records evidence as it stands now; share the one written once the evaluation is final",
            result.pending.len()
        ));
    }
    let lines = tenderscore::review::ledger::lines(&loaded, &result);
    let text = tenderscore::render::ledger::jsonl(&lines);
    super::write_output(&args.output, text.as_bytes(), |p| loaded.reads_file(p))?;
    Ok(super::OK)
}
