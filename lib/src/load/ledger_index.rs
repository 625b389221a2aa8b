//! A ledger's index (`LEDGER.idx`, written by `tenderscore ledger-index LEDGER`): the match
//! keys and evidence hashes of each line, with where the line starts, so that `--ledger` reads
//! a few lines of a large ledger instead of all of them.
//!
//! An index is a speed aid, never a source of facts: every line it points to is read from the
//! ledger and judged exactly as a full read judges it. It is used only while the ledger is as
//! long as when the index was written, with the same modification time, and every line it
//! points to starts and ends where it says; otherwise the ledger is read in full and the
//! caller is told why. `check --ledger` rebuilds each index from its ledger and refuses one
//! that differs.
//!
//! The format: five lines of text, then two tables of fixed-width binary records (small, so
//! that reading a hundred indexes costs little; sorted, so that a lookup is a binary search
//! rather than a parse):
//!
//! ```text
//! tenderscore ledger index 2
//! ledger-bytes 468123
//! ledger-modified 1764806400.123456789
//! lines 1001
//! records 3512
//! ```
//!
//! then `lines` byte offsets (8 bytes each, little-endian): where each line of the ledger
//! starts, in order (the last line is what follows the last newline, usually nothing); then
//! `records` records of 12 bytes: an 8-byte digest and the index (from 0, 4 bytes,
//! little-endian) of a line that holds it. For an evidence hash the line cites, the digest is
//! the hash's first 8 bytes; for a match key in the line's `keys` (as the line writes it), the
//! first 8 bytes of the SHA-256 of `key:` and the key. Records are sorted. Two values may share
//! a digest: that only costs reading a line that is then found not to concern the tender.

use super::ledger::{self, Ledger, Needles, RawLedger, ReadBudget};
use super::positioned::lines_at;
use super::read::{open_regular, read_bytes_with, Links};
use crate::model::ledger::LedgerLine;
use crate::problem::{Problem, Problems};
use std::path::{Path, PathBuf};

const MAGIC: &str = "tenderscore ledger index 2";
/// Width of an offset.
const OFFSET: usize = 8;
/// Width of a digest.
const DIGEST: usize = 8;
/// Width of a record: a digest and a line index.
const RECORD: usize = DIGEST + 4;
/// The largest index read (an index is smaller than its ledger).
const MAX_INDEX_BYTES: u64 = ledger::MAX_LEDGER_BYTES;
/// The names of the fields of `keys`, which [`ledger::keys_in`] yields with the keys.
const KEY_FIELDS: [&str; 3] = ["company", "names", "certificates"];

type Digest = [u8; DIGEST];

/// The digest of a match key, as the index records it.
fn key_digest(key: &str) -> Digest {
    use sha2::{Digest as _, Sha256};
    let mut h = Sha256::new();
    h.update(b"key:");
    h.update(key.as_bytes());
    let d = h.finalize();
    let mut out = [0u8; DIGEST];
    out.copy_from_slice(&d[..DIGEST]);
    out
}

/// The digest of an evidence hash (64 hex digits), as the index records it: its first 8
/// bytes. `None` for what is not hex.
fn hash_digest(hex: &str) -> Option<Digest> {
    let digit = |c: u8| (c as char).to_digit(16).map(|d| d as u8);
    let b = hex.as_bytes().get(..DIGEST * 2)?;
    let mut out = [0u8; DIGEST];
    for (i, o) in out.iter_mut().enumerate() {
        *o = digit(b[2 * i])? << 4 | digit(b[2 * i + 1])?;
    }
    Some(out)
}

/// Where the index of the ledger at `path` is: beside it, `.idx` added to its name.
pub fn index_path(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_os_string();
    name.push(".idx");
    PathBuf::from(name)
}

/// The index of a ledger's text. Call it on a ledger every line of which parsed
/// ([`ledger::parse`] with no needles), so that every line has its keys.
pub fn build(raw: &RawLedger) -> Vec<u8> {
    build_as_of(raw, raw.modified())
}

/// [`build`], recording `modified` as the ledger's modification time.
fn build_as_of(raw: &RawLedger, modified: &str) -> Vec<u8> {
    let text = raw.text();
    let mut offsets = Vec::new();
    let mut records: Vec<(Digest, u32)> = Vec::new();
    let mut at = 0usize;
    for (i, line) in text.split('\n').enumerate() {
        let idx = u32::try_from(i).unwrap_or(u32::MAX);
        offsets.push(at as u64);
        at += line.len() + 1;
        for h in ledger::hashes_in(line) {
            if let Some(d) = hash_digest(h) {
                records.push((d, idx));
            }
        }
        // The strings of `keys` are its field names and its keys: each field name once is the
        // field itself, a second time a key.
        let mut fields = KEY_FIELDS.to_vec();
        for k in ledger::keys_in(line) {
            match fields.iter().position(|f| *f == k) {
                Some(f) => {
                    fields.swap_remove(f);
                }
                None => records.push((key_digest(k), idx)),
            }
        }
    }
    records.sort_unstable();
    records.dedup();
    let mut out = format!(
        "{MAGIC}\nledger-bytes {}\nledger-modified {modified}\nlines {}\nrecords {}\n",
        text.len(),
        offsets.len(),
        records.len()
    )
    .into_bytes();
    out.reserve(offsets.len() * OFFSET + records.len() * RECORD);
    for o in &offsets {
        out.extend_from_slice(&o.to_le_bytes());
    }
    for (d, i) in &records {
        out.extend_from_slice(d);
        out.extend_from_slice(&i.to_le_bytes());
    }
    out
}

/// The digests of a tender's needles, as an index records them: worked out once for all the
/// ledgers.
#[derive(Debug)]
pub struct Digests(Vec<Digest>);

impl Digests {
    pub fn new(needles: &Needles) -> Digests {
        let mut d: Vec<Digest> = needles
            .hashes()
            .filter_map(hash_digest)
            .chain(needles.keys().map(key_digest))
            .collect();
        d.sort_unstable();
        d.dedup();
        Digests(d)
    }
}

/// Why an index is not used when the ledger is not as it was.
const CHANGED: &str = "the ledger has changed since its index was written";

/// An index as read, checked for shape (not yet against its ledger).
#[derive(Debug)]
pub struct Index {
    ledger: PathBuf,
    bytes: Vec<u8>,
    ledger_bytes: u64,
    /// The ledger's modification time when the index was written ([`ledger::modified`]).
    ledger_modified: String,
    lines: usize,
    /// Byte range of the offsets in `bytes`.
    offsets: std::ops::Range<usize>,
    /// Byte range of the records.
    records: std::ops::Range<usize>,
}

/// A file that is not an index written by `tenderscore ledger-index` (or is cut short).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct NotAnIndex;

impl std::fmt::Display for NotAnIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("is not an index written by `tenderscore ledger-index`")
    }
}

/// Why an index was not used (the ledger is then read in full).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotUsed(pub String);

/// Reads the index beside the ledger at `path`: `Ok(None)` when there is none.
pub fn read_index(path: &Path) -> Result<Option<Index>, NotUsed> {
    let at = index_path(path);
    let Some(bytes) = index_bytes(&at).map_err(|p| read_in_full(path, p.to_string()))? else {
        return Ok(None);
    };
    shape(path, bytes)
        .map(Some)
        .map_err(|e| read_in_full(path, format!("{}: {e}", at.display())))
}

/// Why the index of the ledger at `path` is not used (`what`), and that the ledger was read in
/// full instead.
fn read_in_full(path: &Path, what: String) -> NotUsed {
    NotUsed(format!(
        "{what}; the ledger was read in full (write its index again with `tenderscore ledger-index {}`)",
        path.display()
    ))
}

/// Whether there is something in the place of the index of the ledger at `path` (an index,
/// or something that will be found not to be one).
pub fn has_index(path: &Path) -> bool {
    std::fs::symlink_metadata(index_path(path)).is_ok()
}

/// The bytes of the index file at `at`, read as untrusted input (a regular file, bounded), or
/// `None` when there is none.
fn index_bytes(at: &Path) -> Result<Option<Vec<u8>>, Problem> {
    match std::fs::symlink_metadata(at) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        _ => {}
    }
    read_bytes_with(at, MAX_INDEX_BYTES, Links::Follow).map(Some)
}

/// The index's sections, or what is wrong with its shape.
fn shape(ledger: &Path, bytes: Vec<u8>) -> Result<Index, NotAnIndex> {
    let bad = || NotAnIndex;
    let mut pos = 0usize;
    // The five lines of text; the tables after them are binary.
    let mut next_line = || -> Result<&str, NotAnIndex> {
        let rest = bytes.get(pos..).ok_or_else(bad)?;
        let end = memchr::memchr(b'\n', rest.get(..256.min(rest.len())).ok_or_else(bad)?)
            .ok_or_else(bad)?;
        pos += end + 1;
        std::str::from_utf8(&rest[..end]).map_err(|_| bad())
    };
    let count = |line: &str, name: &str| -> Result<usize, NotAnIndex> {
        line.strip_prefix(name)
            .and_then(|n| n.strip_prefix(' '))
            .filter(|n| n.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|n| n.parse().ok())
            .ok_or_else(bad)
    };
    if next_line()? != MAGIC {
        return Err(bad());
    }
    let ledger_bytes = count(next_line()?, "ledger-bytes")? as u64;
    let ledger_modified = next_line()?
        .strip_prefix("ledger-modified ")
        .filter(|m| !m.is_empty() && !m.contains(' '))
        .ok_or_else(bad)?
        .to_string();
    let lines = count(next_line()?, "lines")?;
    let n = count(next_line()?, "records")?;
    let offsets = pos..lines
        .checked_mul(OFFSET)
        .and_then(|n| n.checked_add(pos))
        .ok_or_else(bad)?;
    let records = offsets.end
        ..n.checked_mul(RECORD)
            .and_then(|n| n.checked_add(offsets.end))
            .ok_or_else(bad)?;
    if records.end != bytes.len() || lines == 0 {
        return Err(bad());
    }
    Ok(Index {
        ledger: ledger.to_path_buf(),
        bytes,
        ledger_bytes,
        ledger_modified,
        lines,
        offsets,
        records,
    })
}

impl Index {
    /// Byte offset of line `i` (0-based) in the ledger.
    fn offset(&self, i: usize) -> Option<u64> {
        if i >= self.lines {
            return None;
        }
        let at = self.offsets.start + i.checked_mul(OFFSET)?;
        let o = self.bytes.get(at..at + OFFSET)?;
        Some(u64::from_le_bytes(o.try_into().ok()?))
    }

    /// The lines (0-based, in order, each once) that hold one of `digests` (sorted): lines
    /// that hold one of the needles' keys or cite one of their hashes, and a few that only
    /// share a digest with one.
    fn candidates(&self, digests: &[Digest]) -> Result<Vec<usize>, NotAnIndex> {
        let records = &self.bytes[self.records.clone()];
        let n = records.len() / RECORD;
        // Compared as big-endian numbers: the order of the bytes.
        let digest = |r: usize| {
            let mut d = [0u8; DIGEST];
            d.copy_from_slice(&records[r * RECORD..r * RECORD + DIGEST]);
            u64::from_be_bytes(d)
        };
        let mut found = Vec::new();
        for want in digests {
            let want = u64::from_be_bytes(*want);
            // Sorted records: the first not below the digest, then every equal one.
            let (mut lo, mut hi) = (0, n);
            while lo < hi {
                let mid = (lo + hi) / 2;
                if digest(mid) < want {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            let mut at = lo;
            while at < n && digest(at) == want {
                let mut i = [0u8; 4];
                i.copy_from_slice(&records[at * RECORD + DIGEST..(at + 1) * RECORD]);
                let i = u32::from_le_bytes(i) as usize;
                if i >= self.lines {
                    return Err(NotAnIndex);
                }
                found.push(i);
                at += 1;
            }
        }
        found.sort_unstable();
        found.dedup();
        Ok(found)
    }

    /// Why the index is not used: `why`, and that the ledger was read in full instead.
    fn not_used(&self, why: &str) -> NotUsed {
        let at = index_path(&self.ledger);
        read_in_full(&self.ledger, format!("{}: {why}", at.display()))
    }

    /// Whether the ledger is as it was when the index was written (see [`Index::file`]) and
    /// its last line is where the index says.
    fn check_ledger(&self) -> Result<(), NotUsed> {
        let file = self.file()?;
        let last = self.lines - 1;
        let start = self
            .offset(last)
            .ok_or_else(|| self.not_used(&NotAnIndex.to_string()))?;
        lines_at(&file, last, &[start, self.ledger_bytes], true)
            .ok_or_else(|| self.not_used(CHANGED))?;
        Ok(())
    }

    /// The ledger, opened, if it is as long as when the index was written, with the same
    /// modification time: an edit that keeps the length (and every line where it was) still
    /// moves the time. A ledger that cannot be opened gives no reason: the full read says why.
    /// Opened each time it is needed, not kept open: a run may be given more ledgers than it
    /// may keep open.
    fn file(&self) -> Result<std::fs::File, NotUsed> {
        let file = open_regular(&self.ledger, Links::Follow).map_err(|_| NotUsed(String::new()))?;
        let meta = file.metadata().ok();
        let len = meta.as_ref().map_or(u64::MAX, |m| m.len());
        if len == self.ledger_bytes && ledger::modified(meta.as_ref()) == self.ledger_modified {
            Ok(file)
        } else {
            Err(self.not_used(CHANGED))
        }
    }

    /// The ledger's lines that concern the tender of `needles` (whose digests are `digests`),
    /// read through the index; or why the index cannot be used after all (the ledger has
    /// changed), with the ledger's path, so that the caller reads the ledger in full.
    fn look_up(
        &self,
        needles: &Needles,
        digests: &Digests,
        cache: &mut ledger::KeyCache,
    ) -> Result<Result<Ledger, Problems>, (PathBuf, NotUsed)> {
        let stale = |why: &str| (self.ledger.clone(), self.not_used(why));
        let not_an_index = || stale(&NotAnIndex.to_string());
        // Checked again: the tender has loaded since the index was read.
        let file = self.file().map_err(|why| (self.ledger.clone(), why))?;
        let candidates = self.candidates(&digests.0).map_err(|_| not_an_index())?;
        // Where line `i` starts, and where the next does (the ledger's end for the last).
        let start = |i: usize| self.offset(i).ok_or_else(not_an_index);
        let end = |i: usize| {
            if i + 1 == self.lines {
                Ok(self.ledger_bytes)
            } else {
                start(i + 1)
            }
        };
        let last = self.lines - 1;
        // Lines next to each other are read together, in one read.
        let mut runs: Vec<(usize, usize)> = Vec::new();
        for &i in &candidates {
            match runs.last_mut() {
                Some((_, to)) if *to + 1 == i => *to = i,
                _ => runs.push((i, i)),
            }
        }
        let path = &self.ledger;
        let mut lines: Vec<LedgerLine> = Vec::new();
        let mut problems = Problems::default();
        'runs: for (from, to) in runs {
            let mut bounds = Vec::with_capacity(to - from + 2);
            for i in from..=to {
                bounds.push(start(i)?);
            }
            bounds.push(end(to)?);
            let (read, at) =
                lines_at(&file, from, &bounds, to == last).ok_or_else(|| stale(CHANGED))?;
            for (i, range) in (from..=to).zip(at) {
                let line = &read[range];
                let line = line.strip_suffix('\r').unwrap_or(line);
                let line = if i == 0 {
                    line.strip_prefix('\u{feff}').unwrap_or(line)
                } else {
                    line
                };
                if line.trim().is_empty() || !needles.wants(line) {
                    continue;
                }
                let n = u32::try_from(i + 1).unwrap_or(u32::MAX);
                ledger::take(path, n, line, &mut lines, &mut problems, cache);
                if problems.len() >= ledger::MAX_PROBLEMS {
                    problems
                        .0
                        .push(Problem::file(path, "stopped after 20 problems"));
                    break 'runs;
                }
            }
        }
        Ok(problems.or_ok(Ledger {
            path: path.clone(),
            lines,
        }))
    }
}

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
/// known only the lines that concern it are read ([`Early::finish`]).
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

    /// Every ledger's lines that concern the tender of `needles` (read in parallel), each with
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
    use crate::load::positioned::tests::file;

    #[test]
    fn an_index_is_sorted_fixed_width_records_and_its_shape_is_checked() {
        let hash = "ab".repeat(32);
        let text = format!(
            "{{\"evidence\":[{{\"sha256\":\"{hash}\"}}],\"keys\":{{\"company\":\"7\",\"names\":[\"names\",\"acme\"],\"certificates\":[]}}}}\n"
        );
        let path = file("shape", &text);
        let raw = ledger::read_raw(&path).unwrap();
        let index = build(&raw);
        let n = text.len();
        let modified = ledger::modified(std::fs::metadata(&path).ok().as_ref());
        assert!(modified.contains('.') && modified.len() > 10, "{modified}");
        assert_eq!(raw.modified(), modified);
        let head =
            format!("{MAGIC}\nledger-bytes {n}\nledger-modified {modified}\nlines 2\nrecords 4\n");
        assert!(index.starts_with(head.as_bytes()));
        let body = &index[head.len()..];
        assert_eq!(body.len(), 2 * OFFSET + 4 * RECORD);
        // Where each line starts: the line, and the empty piece after its newline.
        assert_eq!(body[..8], 0u64.to_le_bytes());
        assert_eq!(body[8..16], (n as u64).to_le_bytes());
        // The hash's first 8 bytes, and the keys "7", "names" (a name, the second time it
        // appears: the first is the field) and "acme"; not the field names; all on line 0.
        let mut want = vec![
            [0xab; 8],
            key_digest("7"),
            key_digest("names"),
            key_digest("acme"),
        ];
        want.sort();
        let records: Vec<(Digest, u32)> = body[16..]
            .chunks(RECORD)
            .map(|r| {
                (
                    r[..8].try_into().unwrap(),
                    u32::from_le_bytes(r[8..].try_into().unwrap()),
                )
            })
            .collect();
        assert_eq!(records, want.iter().map(|d| (*d, 0)).collect::<Vec<_>>());
        let read = shape(&path, index.clone()).unwrap();
        assert_eq!((read.ledger_bytes, read.lines), (n as u64, 2));
        assert_eq!(read.ledger_modified, modified);
        assert_eq!(read.offset(1), Some(n as u64));
        assert_eq!(read.offset(2), None);
        assert_eq!(
            read.candidates(&[key_digest("acme"), key_digest("x")]),
            Ok(vec![0])
        );
        // Cut short, or a byte too many, or another version: not an index.
        assert!(shape(&path, index[..index.len() - 1].to_vec()).is_err());
        let mut longer = index.clone();
        longer.push(0);
        assert!(shape(&path, longer).is_err());
        let mut other = index.clone();
        other[MAGIC.len() - 1] = b'1';
        assert!(shape(&path, other).is_err());
        // A record pointing past the last line.
        let mut past = index.clone();
        let at = past.len() - 4;
        past[at..].copy_from_slice(&2u32.to_le_bytes());
        let read = shape(&path, past).unwrap();
        assert!(read.candidates(&want).is_err());
    }

    #[test]
    fn an_evidence_hash_is_recorded_by_its_first_eight_bytes() {
        assert_eq!(
            hash_digest(&format!("0123456789abcdef{}", "0".repeat(48))),
            Some([0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef])
        );
        assert_eq!(hash_digest("0123"), None);
        assert_eq!(hash_digest(&"g".repeat(64)), None);
    }
}
