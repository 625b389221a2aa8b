//! One module per subcommand. Each `run` reads the same way: take the parsed arguments →
//! load → score (or diff, verify…) → build the view → render → write, and map the outcome
//! to an exit code. No command formats text itself: every document comes from `render`.

pub mod check;
pub mod clarify;
pub mod completions;
pub mod convert;
pub mod init;
pub mod ledger;
pub mod ledger_index;
pub mod man;
pub mod marks;
pub mod marksheet;
pub mod methodology;
pub mod publish;
pub mod records;
pub mod renewals;
pub mod report;
pub mod rescore;
pub mod rubrics;
pub mod schema;
pub mod score;
pub mod sensitivity;
pub mod summary;
pub mod template;
pub mod verify;

use crate::cli::{Global, OutputArg};
use anyhow::Result;
use std::path::Path;
use tenderscore::load::ledger::{Ledger, ReadBudget};
use tenderscore::load::ledger_reading::{check_all, prepare_all, Early};
use tenderscore::load::{load_tender, LoadedTender};
use tenderscore::problem::{Problem, Problems};

/// Exit codes (README, "Exit codes").
pub const OK: u8 = 0;
pub const FOUND: u8 = 1;
pub const FAILED: u8 = 2;

/// An error fully described by located problems: printed as they are, one per line.
#[derive(Debug)]
pub struct Reported(pub Problems);

impl std::fmt::Display for Reported {
    /// One problem per line; one with no file names the program instead.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (i, p) in self.0 .0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            if p.file.is_none() {
                f.write_str("tenderscore: ")?;
            }
            write!(f, "{p}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Reported {}

impl From<Problem> for Reported {
    fn from(p: Problem) -> Self {
        Reported(p.into())
    }
}

impl From<Problems> for Reported {
    fn from(p: Problems) -> Self {
        Reported(p)
    }
}

/// Writes a finished document to `-o FILE` (refusing a file the run reads, as `reads` says
/// of a canonical path) or to stdout.
pub fn write_output(output: &OutputArg, bytes: &[u8], reads: impl Fn(&Path) -> bool) -> Result<()> {
    match &output.output {
        Some(p) => {
            let target = crate::output::Target::new(p)?;
            target.refuse_input(reads)?;
            crate::output::write_to(&target, bytes)
        }
        None => crate::output::emit(None, bytes),
    }
}

/// Starts reading every `--ledger FILE` on a thread of its own while the tender loads: each
/// index (`tenderscore ledger-index`) is read and checked against its ledger, and a ledger
/// without one is read in full. The lines that may raise a flag about the tender are looked
/// up once it has loaded ([`score_with_ledgers`]).
pub fn start_reading_ledgers(arg: &crate::cli::LedgerArg) -> LedgersReading {
    let paths = arg.ledgers.clone();
    // One budget of bytes read in full for the whole run, shared by both steps.
    let budget = std::sync::Arc::new(ReadBudget::default());
    let shared = budget.clone();
    LedgersReading(
        std::thread::spawn(move || {
            if paths.is_empty() {
                return Ok(None);
            }
            Ok(Some(Early::new(prepare_all(&paths, &shared)?)))
        }),
        budget,
    )
}

/// `--ledger` files being read (see [`start_reading_ledgers`]).
pub struct LedgersReading(
    std::thread::JoinHandle<Result<Option<Early>, Problems>>,
    std::sync::Arc<ReadBudget>,
);

impl LedgersReading {
    /// The ledgers, with only the lines that may raise a flag about `tender`; all problems
    /// together. An index that could not be used is said in a note.
    pub fn finish(self, tender: &LoadedTender, global: &Global) -> Result<Vec<Ledger>, Reported> {
        let early = self
            .0
            .join()
            .map_err(|_| Problem::asked("reading the ledgers failed"))??;
        let Some(early) = early else {
            return Ok(Vec::new());
        };
        let needles = tenderscore::review::ledger::needles(tender);
        let mut ledgers = Vec::new();
        for (ledger, why) in early.finish(&needles, &self.1)? {
            if let Some(why) = why {
                global.note(&format!("note: {}", why.0));
            }
            ledgers.push(ledger);
        }
        Ok(ledgers)
    }
}

/// Reads every `--ledger FILE` in full and checks it, and its index if it has one (`check`).
pub fn check_ledgers(arg: &crate::cli::LedgerArg) -> Result<Vec<Ledger>, Reported> {
    if arg.ledgers.is_empty() {
        return Ok(Vec::new());
    }
    let budget = ReadBudget::default();
    let prepared = prepare_all(&arg.ledgers, &budget)?;
    Ok(check_all(prepared, &budget)?)
}

/// Scores a tender while the `--ledger` files being read are finished, then flags what they
/// say (a flag never changes a score).
pub fn score_with_ledgers(
    loaded: &LoadedTender,
    scorable: tenderscore::load::Scorable<'_>,
    ledgers: LedgersReading,
    global: &Global,
) -> Result<tenderscore::result::TenderResult, Reported> {
    let (mut result, ledgers) = std::thread::scope(|s| {
        let finishing = s.spawn(|| ledgers.finish(loaded, global));
        let result = tenderscore::score::score_tender(scorable);
        (result, finishing.join())
    });
    let ledgers = ledgers.map_err(|_| Problem::asked("reading the ledgers failed"))??;
    if !ledgers.is_empty() {
        let findings = tenderscore::review::ledger::cross_check(loaded, Some(&result), &ledgers);
        tenderscore::review::ledger::flag(&mut result, &findings);
    }
    Ok(result)
}

/// Loads a tender, every file valid, for commands that only read it.
pub fn load(dir: &Path, global: &Global) -> Result<LoadedTender, Reported> {
    Ok(load_tender(dir, &global.rubrics)?)
}
