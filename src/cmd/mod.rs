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
use tenderscore::load::ledger::Ledger;
use tenderscore::load::ledger::ReadBudget;
use tenderscore::load::ledger_index::{finish_all, prepare_all, Prepared};
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

/// Starts reading every `--ledger FILE` on a thread of its own, while the tender loads: its
/// index when it has one (`tenderscore ledger-index`), else its bytes.
pub fn start_reading_ledgers(arg: &crate::cli::LedgerArg) -> LedgersReading {
    let paths = arg.ledgers.clone();
    // One budget of bytes read in full for the whole run, shared by both steps.
    let budget = std::sync::Arc::new(ReadBudget::default());
    let shared = budget.clone();
    LedgersReading(
        std::thread::spawn(move || prepare_all(&paths, &shared)),
        budget,
    )
}

/// `--ledger` files being read.
pub struct LedgersReading(
    std::thread::JoinHandle<Result<Vec<Prepared>, Problems>>,
    std::sync::Arc<ReadBudget>,
);

impl LedgersReading {
    /// The ledgers, with only the lines that concern the suppliers of `tender`, or with every
    /// line read and checked, and each index with it (no tender: `check`); all problems
    /// together. An index that could not be used is said in a note.
    pub fn finish(
        self,
        tender: Option<&LoadedTender>,
        global: &Global,
    ) -> Result<Vec<Ledger>, Reported> {
        let prepared = self
            .0
            .join()
            .map_err(|_| Problem::asked("reading the ledgers failed"))??;
        if prepared.is_empty() {
            return Ok(Vec::new());
        }
        let needles = tender.map(tenderscore::review::ledger::needles);
        let read = finish_all(prepared, needles.as_ref(), &self.1)?;
        let mut ledgers = Vec::new();
        for (ledger, why) in read {
            if let Some(why) = why {
                global.note(&format!("note: {}", why.0));
            }
            ledgers.push(ledger);
        }
        Ok(ledgers)
    }
}

/// Loads a tender, every file valid, for commands that only read it.
pub fn load(dir: &Path, global: &Global) -> Result<LoadedTender, Reported> {
    Ok(load_tender(dir, &global.rubrics)?)
}
