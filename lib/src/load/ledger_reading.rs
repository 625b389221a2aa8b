//! Reading `--ledger` files: each through its index when one is beside it (the index read
//! while the tender loads, the lines that may raise a flag once the tender is known), else in
//! full; and `check`'s reading of every line of every ledger, with its index.

use super::ledger::{self, Ledger, Needles, RawLedger, ReadBudget};
use super::ledger_index::{check_index, has_index, read_index, Digests, Index, NotUsed};
use crate::problem::Problems;
use std::path::{Path, PathBuf};

/// A `--ledger` file made ready while the tender loads: to be read through its index when one
/// is beside it (the index read by [`Early::new`], the lines once the tender's keys are
/// known), else its bytes.
#[derive(Debug)]
pub enum Prepared {
    Indexed(PathBuf),
    Raw(RawLedger, Option<NotUsed>),
}

/// Makes every ledger ready (in parallel; see [`prepare`]), all problems together.
/// A ledger read in full takes its size from `budget` ([`ledger::MAX_READ_IN_FULL`] for the
/// run, shared with the lines read in full later).
pub fn prepare_all(paths: &[PathBuf], budget: &ReadBudget) -> Result<Vec<Prepared>, Problems> {
    use rayon::prelude::*;
    ledger::every_or_problems(paths.par_iter().map(|p| prepare(p, budget)).collect())
}

/// Makes a ledger ready: when something is in its index's place, nothing is read yet (the
/// index is read by [`Early::new`]); else its bytes.
pub fn prepare(path: &Path, budget: &ReadBudget) -> Result<Prepared, Problems> {
    if has_index(path) {
        return Ok(Prepared::Indexed(path.to_path_buf()));
    }
    Ok(Prepared::Raw(
        ledger::read_raw_within(path, Some(budget))?,
        None,
    ))
}

/// Ledgers made ready while a tender loads: each index read and checked against its ledger
/// ([`Early::new`], on a thread of its own while the tender loads), so that once the tender is
/// known only the lines that may raise a flag about it are read ([`Early::finish`]).
#[derive(Debug)]
pub struct Early(Vec<Reading>);

/// One ledger of [`Early`].
#[derive(Debug)]
enum Reading {
    /// To be read through its index.
    Indexed(Box<Index>),
    /// To be read in full once the tender is known, with why its index is not used.
    Full(PathBuf, Option<NotUsed>),
    /// Read in full already (no index), with why its index is not used.
    Raw(RawLedger, Option<NotUsed>),
}

impl Early {
    /// Reads the index of each ledger that has one and opens the ledger; a ledger whose
    /// index cannot be used is read in full later, and the reason is kept for a note.
    pub fn new(prepared: Vec<Prepared>) -> Early {
        Early(
            prepared
                .into_iter()
                .map(|p| match p {
                    Prepared::Raw(raw, why) => Reading::Raw(raw, why),
                    Prepared::Indexed(path) => match read_index(&path) {
                        Ok(Some(index)) => match index.check_ledger() {
                            Ok(()) => Reading::Indexed(Box::new(index)),
                            Err(why) => Reading::Full(path, Some(why).filter(|w| !w.0.is_empty())),
                        },
                        // Gone since the tender started loading.
                        Ok(None) => Reading::Full(path, None),
                        Err(why) => Reading::Full(path, Some(why)),
                    },
                })
                .collect(),
        )
    }

    /// Every ledger's lines that may concern the tender of `needles` (through an index, only
    /// those that may raise a flag; read in parallel), each with
    /// why its index was not used if it had one that was not; all problems together.
    pub fn finish(
        self,
        needles: &Needles,
        budget: &ReadBudget,
    ) -> Result<Vec<(Ledger, Option<NotUsed>)>, Problems> {
        use rayon::prelude::*;
        let digests = Digests::new(needles);
        let piece = piece(self.0.len());
        ledger::every_or_problems(
            self.0
                .into_par_iter()
                .with_min_len(piece)
                .map_init(ledger::KeyCache::default, |cache, reading| {
                    let (path, why) = match reading {
                        Reading::Indexed(index) => match index.look_up(needles, &digests, cache) {
                            Ok(read) => return Ok((read?, None)),
                            Err((path, why)) => (path, Some(why).filter(|w| !w.0.is_empty())),
                        },
                        Reading::Full(path, why) => (path, why),
                        Reading::Raw(raw, why) => {
                            return Ok((ledger::parse_with(&raw, Some(needles), cache)?, why))
                        }
                    };
                    let raw = ledger::read_raw_within(&path, Some(budget))?;
                    Ok((ledger::parse_with(&raw, Some(needles), cache)?, why))
                })
                .collect(),
        )
    }
}

/// How many ledgers each worker reads: as many pieces as workers, so each worker keeps one
/// cache of match keys for all the ledgers it reads (ledgers repeat each other's names).
fn piece(ledgers: usize) -> usize {
    ledgers.div_ceil(rayon::current_num_threads().max(1)).max(1)
}

/// Every line of every ledger read and checked (`check`, in parallel), and each index with it:
/// one that is not the index of the ledger as it is now is refused. All problems together.
pub fn check_all(prepared: Vec<Prepared>, budget: &ReadBudget) -> Result<Vec<Ledger>, Problems> {
    use rayon::prelude::*;
    let piece = piece(prepared.len());
    ledger::every_or_problems(
        prepared
            .into_par_iter()
            .with_min_len(piece)
            .map_init(ledger::KeyCache::default, |cache, p| {
                check(p, cache, budget)
            })
            .collect(),
    )
}

/// Reads every line of a ledger, and checks its index if it has one.
fn check(
    prepared: Prepared,
    cache: &mut ledger::KeyCache,
    budget: &ReadBudget,
) -> Result<Ledger, Problems> {
    let raw = match prepared {
        Prepared::Indexed(path) => ledger::read_raw_within(&path, Some(budget))?,
        Prepared::Raw(raw, _) => raw,
    };
    let read = ledger::parse_with(&raw, None, cache);
    match (read, check_index(&raw)) {
        (Ok(read), Ok(())) => Ok(read),
        (read, index) => {
            let mut problems = read.err().unwrap_or_default();
            problems.0.extend(index.err());
            Err(problems)
        }
    }
}
