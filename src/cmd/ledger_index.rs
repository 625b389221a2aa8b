//! `tenderscore ledger-index`: an index beside each ledger, for `--ledger` to read through.

use crate::cli::{Global, LedgerIndexArgs};
use anyhow::Result;
use tenderscore::load::ledger::{parse, read_raw};
use tenderscore::load::ledger_index::{build, index_path};
use tenderscore::problem::Problems;

pub fn run(args: &LedgerIndexArgs, global: &Global) -> Result<u8> {
    // Every ledger read and checked first: nothing is written unless all are sound.
    let mut problems = Problems::default();
    let mut indexes = Vec::new();
    for path in &args.ledgers {
        match read_raw(path).and_then(|raw| parse(&raw, None).map(|l| (raw, l.lines.len()))) {
            Ok((raw, n)) => indexes.push((index_path(path), build(&raw), n)),
            Err(p) => problems.extend(p),
        }
    }
    if !problems.is_empty() {
        return Err(super::Reported(problems).into());
    }
    for (path, text, n) in indexes {
        crate::output::emit(Some(&path), &text)?;
        global.note(&format!("{}: {n} ledger lines indexed", path.display()));
    }
    Ok(super::OK)
}
