//! One module per subcommand: each parses nothing itself, calls the core, maps the outcome to
//! an exit code.

pub mod check;
pub mod clarify;
pub mod completions;
pub mod init;
pub mod rescore;
pub mod rubrics;
pub mod schema;
pub mod score;
pub mod summary;
pub mod template;
pub mod verify;

use crate::load::{load_tender, LoadedTender};
use crate::problem::Problems;
use std::path::Path;

/// Exit codes (README, "Exit codes").
pub const OK: u8 = 0;
pub const FOUND: u8 = 1;
pub const FAILED: u8 = 2;

/// An error that is already fully described by located problems.
#[derive(Debug)]
pub struct Reported(pub Problems);

impl std::fmt::Display for Reported {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl std::error::Error for Reported {}

/// Writes a finished document to `-o FILE` (refusing a file the run reads, as `reads` says
/// of a canonical path) or to stdout.
pub fn write_output(
    output: Option<&Path>,
    bytes: &[u8],
    reads: impl Fn(&Path) -> bool,
) -> anyhow::Result<()> {
    match output {
        Some(p) => {
            let target = crate::output::Target::new(p)?;
            target.refuse_input(reads)?;
            crate::output::write_to(&target, bytes)
        }
        None => crate::output::emit(None, bytes),
    }
}

/// Loads a tender ready to score: tender, rubrics and marks all valid.
pub fn load_scorable(dir: &Path, global: &crate::cli::Global) -> anyhow::Result<LoadedTender> {
    let t = load_tender(dir, &global.rubrics).map_err(Reported)?;
    if !t.marks_problems.is_empty() {
        return Err(Reported(Problems(t.marks_problems.clone())).into());
    }
    Ok(t)
}
