//! Reading `--ledger` files: each through its index when one is beside it (the index read
//! while the tender loads, the lines that may raise a flag once the tender is known), else in
//! full; and `check`'s reading of every line of every ledger, with its index.

use super::ledger::{self, Ledger, Needles, RawLedger, ReadBudget};
use super::ledger_index::{
    build_as_of, has_index, index_bytes, index_path, read_index, Digests, Index, NotUsed,
};
use crate::problem::{Problem, Problems};
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

/// Whether the index beside a ledger (if any) is the one its text gives: `check` refuses an
/// index that is not, since `score` would trust it.
pub fn check_index(raw: &RawLedger) -> Result<(), Problem> {
    let at = index_path(raw.path());
    match index_bytes(&at)? {
        Some(written) => index_matches(raw, &written),
        None => Ok(()),
    }
}

/// Whether `written`, the index beside a ledger, is the one its text gives.
fn index_matches(raw: &RawLedger, written: &[u8]) -> Result<(), Problem> {
    let at = index_path(raw.path());
    // Compared as written at the time it records: a ledger copied (a new modification time)
    // with its index keeps a right index, which `score` will not use until it is written again
    // (and says so).
    let recorded = written
        .split(|b| *b == b'\n')
        .nth(2)
        .and_then(|l| std::str::from_utf8(l).ok())
        .and_then(|l| l.strip_prefix("ledger-modified "))
        .unwrap_or(raw.modified());
    if written != build_as_of(raw, recorded) {
        return Err(Problem::file(
            &at,
            format!(
                "is not the index of {} as it is now (the ledger changed, or this is not its index); write it again with `tenderscore ledger-index {}`",
                raw.path().display(),
                raw.path().display()
            ),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::ledger_index::build;
    use crate::load::ledger_index::tests::line;
    use crate::load::positioned::tests::file;

    /// An index is untrusted: whatever byte of it is changed, reading through it gives an
    /// answer (lines, problems, or the ledger to read in full), never a panic.
    #[test]
    fn a_damaged_index_never_panics() {
        use super::super::ledger::Bidder;
        let hash = "ab".repeat(32);
        let text = [
            line(
                r#"{"company":"7","names":["bolt"]}"#,
                r#""yes""#,
                &format!(r#"{{"sha256":"{hash}","status":"rejected"}}"#),
            ),
            line(r#"{"company":"7","names":["bolt"]}"#, r#""no""#, ""),
        ]
        .join("\n");
        let path = file("damaged", &text);
        let index = build(&ledger::read_raw(&path).unwrap());
        let answers = vec![("r@1".into(), "Q1".into(), "maybe".into())];
        let needles = Needles::new(
            vec![Bidder::new(Some("7"), ["Bolt"], answers)],
            [],
            [hash.as_str()],
        );
        let digests = Digests::new(&needles);
        let mut tried = 0;
        for at in 0..index.len() {
            for change in [0x00, 0xff, index[at] ^ 0x01, index[at].wrapping_add(2)] {
                let mut bytes = index.clone();
                bytes[at] = change;
                std::fs::write(index_path(&path), &bytes).unwrap();
                if let Ok(Some(read)) = read_index(&path) {
                    let _ = read.look_up(&needles, &digests, &mut ledger::KeyCache::default());
                    tried += 1;
                }
            }
        }
        // Most changes to the tables leave an index that is read and looked up in.
        assert!(tried > index.len(), "{tried}");
    }
}
