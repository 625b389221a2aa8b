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
//! The format (text, so it can be looked at; fixed-width sorted records, so a lookup is a
//! binary search rather than a parse):
//!
//! ```text
//! tenderscore ledger index 1
//! ledger-bytes 468123
//! ledger-modified 1764806400.123456789
//! lines 1001
//! 000000000000            one 12-digit byte offset per line of the ledger, in order
//! records 3512
//! 0a1b2c3d4e5f6a7b 00000041
//! ```
//!
//! Each record is a 16-hex-digit digest and the index of a line (from 0) that holds it: for an
//! evidence hash the line cites, the hash's first 16 hex digits; for a match key in the line's
//! `keys` (as the line writes it), the first 16 hex digits of the SHA-256 of `key:` and the
//! key. Records are sorted. Two values may share a digest: that only costs reading a line that
//! is then found not to concern the tender.

use super::ledger::{self, Ledger, Needles, RawLedger, ReadBudget};
use super::read::{open_regular, read_bytes_with, Links};
use crate::model::ledger::LedgerLine;
use crate::problem::{Problem, Problems};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

const MAGIC: &str = "tenderscore ledger index 1";
/// Width of an offset record, its newline included.
const OFFSET_RECORD: usize = 13;
/// Hex digits of a digest.
const DIGEST: usize = 16;
/// Width of a record: a digest, a space, an 8-digit line index and a newline.
const RECORD: usize = DIGEST + 1 + 8 + 1;
/// The largest index read (an index is smaller than its ledger).
const MAX_INDEX_BYTES: u64 = ledger::MAX_LEDGER_BYTES;
/// The names of the fields of `keys`, which [`ledger::keys_in`] yields with the keys.
const KEY_FIELDS: [&str; 3] = ["company", "names", "certificates"];

/// The digest of a match key, as the index records it.
fn key_digest(key: &str) -> String {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    h.update(b"key:");
    h.update(key.as_bytes());
    let d = h.finalize();
    d[..DIGEST / 2].iter().map(|b| format!("{b:02x}")).collect()
}

/// Where the index of the ledger at `path` is: beside it, `.idx` added to its name.
pub fn index_path(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_os_string();
    name.push(".idx");
    PathBuf::from(name)
}

/// The index of a ledger's text. Call it on a ledger every line of which parsed
/// ([`ledger::parse`] with no needles), so that every line has its keys.
pub fn build(raw: &RawLedger) -> String {
    build_as_of(raw, raw.modified())
}

/// [`build`], recording `modified` as the ledger's modification time.
fn build_as_of(raw: &RawLedger, modified: &str) -> String {
    let text = raw.text();
    let mut offsets = Vec::new();
    let mut records: Vec<(String, u32)> = Vec::new();
    let mut at = 0usize;
    for (i, line) in text.split('\n').enumerate() {
        let idx = u32::try_from(i).unwrap_or(u32::MAX);
        offsets.push(at);
        at += line.len() + 1;
        for h in ledger::hashes_in(line) {
            records.push((h[..DIGEST].to_ascii_lowercase(), idx));
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
    let mut out =
        String::with_capacity(64 + offsets.len() * OFFSET_RECORD + records.len() * RECORD);
    out.push_str(&format!(
        "{MAGIC}\nledger-bytes {}\nledger-modified {modified}\nlines {}\n",
        text.len(),
        offsets.len()
    ));
    for o in &offsets {
        out.push_str(&format!("{o:012}\n"));
    }
    out.push_str(&format!("records {}\n", records.len()));
    for (d, i) in &records {
        out.push_str(&format!("{d} {i:08}\n"));
    }
    out
}

/// The digests of a tender's needles, as an index records them: worked out once for all the
/// ledgers.
#[derive(Debug)]
pub struct Digests(Vec<String>);

impl Digests {
    pub fn new(needles: &Needles) -> Digests {
        let mut d: Vec<String> = needles
            .hashes()
            .filter_map(|h| h.get(..DIGEST).map(str::to_ascii_lowercase))
            .chain(needles.keys().map(key_digest))
            .collect();
        d.sort_unstable();
        d.dedup();
        Digests(d)
    }
}

/// An index as read, checked for shape (not yet against its ledger).
#[derive(Debug)]
pub struct Index {
    ledger: PathBuf,
    text: String,
    ledger_bytes: u64,
    /// The ledger's modification time when the index was written ([`ledger::modified`]).
    ledger_modified: String,
    lines: usize,
    /// Byte range of the offset records in `text`.
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
    let Some(bytes) = index_bytes(&at).map_err(|p| NotUsed(p.to_string()))? else {
        return Ok(None);
    };
    let unusable = |why: &str| NotUsed(format!("{}: {why}", at.display()));
    let text = String::from_utf8(bytes).map_err(|_| unusable("is not UTF-8 text"))?;
    shape(path, text)
        .map(Some)
        .map_err(|e| unusable(&e.to_string()))
}

/// The bytes of the index file at `at`, read as untrusted input (a regular file, bounded), or
/// `None` when there is none.
fn index_bytes(at: &Path) -> Result<Option<Vec<u8>>, Problem> {
    match std::fs::symlink_metadata(at) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        _ => {}
    }
    // Read at the size the file says it is (not grown as it is read, which for an index of
    // 100 KB would map and unmap memory on each read: slow on a machine of many threads).
    read_bytes_with(at, MAX_INDEX_BYTES, Links::Follow).map(Some)
}

/// The index's sections, or what is wrong with its shape.
fn shape(ledger: &Path, text: String) -> Result<Index, NotAnIndex> {
    let bad = || NotAnIndex;
    let mut pos = 0usize;
    let next_line = |pos: &mut usize| -> Result<String, NotAnIndex> {
        let rest = text.get(*pos..).ok_or_else(bad)?;
        let end = rest.find('\n').ok_or_else(bad)?;
        *pos += end + 1;
        Ok(rest[..end].to_string())
    };
    let count = |line: String, name: &str| -> Result<usize, NotAnIndex> {
        line.strip_prefix(name)
            .and_then(|n| n.strip_prefix(' '))
            .and_then(|n| n.parse().ok())
            .ok_or_else(bad)
    };
    if next_line(&mut pos)? != MAGIC {
        return Err(bad());
    }
    let ledger_bytes = count(next_line(&mut pos)?, "ledger-bytes")? as u64;
    let ledger_modified = next_line(&mut pos)?
        .strip_prefix("ledger-modified ")
        .filter(|m| !m.is_empty() && !m.contains(' '))
        .ok_or_else(bad)?
        .to_string();
    let lines = count(next_line(&mut pos)?, "lines")?;
    let offsets = pos..lines
        .checked_mul(OFFSET_RECORD)
        .and_then(|n| n.checked_add(pos))
        .filter(|end| *end <= text.len())
        .ok_or_else(bad)?;
    pos = offsets.end;
    let n = count(next_line(&mut pos)?, "records")?;
    let records = pos..n
        .checked_mul(RECORD)
        .and_then(|n| n.checked_add(pos))
        .ok_or_else(bad)?;
    if records.end != text.len() || lines == 0 {
        return Err(bad());
    }
    Ok(Index {
        ledger: ledger.to_path_buf(),
        text,
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
        let at = self.offsets.start + i * OFFSET_RECORD;
        let record = self.text.get(at..at + OFFSET_RECORD)?;
        record.strip_suffix('\n')?.parse().ok()
    }

    /// The lines (0-based) that hold one of the needles' keys or cite one of their hashes
    /// (and a few that only share a digest with one).
    fn candidates(&self, digests: &Digests) -> Result<BTreeSet<usize>, NotAnIndex> {
        let bad = || NotAnIndex;
        let records = &self.text.as_bytes()[self.records.clone()];
        let n = records.len() / RECORD;
        let digest = |r: usize| &records[r * RECORD..r * RECORD + DIGEST];
        let mut found = BTreeSet::new();
        for want in &digests.0 {
            let want = want.as_bytes();
            // Sorted records: the first not below the digest, then every equal one.
            let mut at = {
                let (mut lo, mut hi) = (0, n);
                while lo < hi {
                    let mid = (lo + hi) / 2;
                    if digest(mid) < want {
                        lo = mid + 1;
                    } else {
                        hi = mid;
                    }
                }
                lo
            };
            while at < n && digest(at) == want {
                let r = &records[at * RECORD..(at + 1) * RECORD];
                let i = std::str::from_utf8(&r[DIGEST + 1..RECORD - 1])
                    .ok()
                    .and_then(|i| i.parse::<usize>().ok())
                    .filter(|i| *i < self.lines)
                    .ok_or_else(bad)?;
                found.insert(i);
                at += 1;
            }
        }
        Ok(found)
    }

    /// The ledger's lines that concern the tender of `needles`, read through the index; or why
    /// the index cannot be used (the ledger has changed since it was written, or the index is
    /// not one), so that the caller reads the ledger in full.
    pub(crate) fn lookup(
        &self,
        needles: &Needles,
        digests: &Digests,
        cache: &mut ledger::KeyCache,
    ) -> Result<Result<Ledger, Problems>, NotUsed> {
        let path = &self.ledger;
        const CHANGED: &str = "the ledger has changed since its index was written";
        let stale = |why: &str| {
            NotUsed(format!(
                "{}: {why}; the ledger was read in full (write its index again with `tenderscore ledger-index {}`)",
                index_path(path).display(),
                path.display()
            ))
        };
        let candidates = self
            .candidates(digests)
            .map_err(|e| stale(&e.to_string()))?;
        let file = match open_regular(path, Links::Follow) {
            Ok(f) => f,
            // The ledger itself cannot be read: the full read says why.
            Err(_) => return Err(NotUsed(String::new())),
        };
        // Its length and modification time as when the index was written: an edit that keeps
        // the length (and every line where it was) still moves the time.
        let meta = file.metadata().ok();
        let len = meta.as_ref().map_or(u64::MAX, |m| m.len());
        if len != self.ledger_bytes || ledger::modified(meta.as_ref()) != self.ledger_modified {
            return Err(stale(CHANGED));
        }
        // Line `i`, read exactly where the index says it is (from its start to the next line's);
        // the last ends where the ledger does.
        let read = |i: usize| -> Result<String, NotUsed> {
            let at = self
                .offset(i)
                .ok_or_else(|| stale(&NotAnIndex.to_string()))?;
            let last = i + 1 == self.lines;
            let next = if last {
                len
            } else {
                self.offset(i + 1)
                    .ok_or_else(|| stale(&NotAnIndex.to_string()))?
            };
            line_at(&file, at, next, !last).ok_or_else(|| stale(CHANGED))
        };
        read(self.lines - 1)?;
        let mut lines: Vec<LedgerLine> = Vec::new();
        let mut problems = Problems::default();
        for i in candidates {
            let line = read(i)?;
            let line = line.strip_suffix('\r').unwrap_or(&line);
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
                break;
            }
        }
        Ok(problems.or_ok(Ledger {
            path: path.clone(),
            lines,
        }))
    }
}

/// The line of `file` from byte `at` to byte `next` (where the next line starts, or where the
/// file ends for the last line), without its newline: only if a line does start there (the
/// byte before is a newline, unless it is the first), ends there (with a newline when
/// `newline`, which is not returned) and has no other newline, is UTF-8 and is not over the
/// longest line a ledger may hold. One positioned read of just those bytes.
fn line_at(file: &std::fs::File, at: u64, next: u64, newline: bool) -> Option<String> {
    let skip = u64::from(at > 0);
    let from = at - skip;
    let size = usize::try_from(next.checked_sub(from)?).ok()?;
    if size > ledger::MAX_LINE_BYTES + 2 {
        return None;
    }
    let mut buf = vec![0u8; size];
    let mut got = 0;
    while got < size {
        match read_at(file, &mut buf[got..], from + got as u64) {
            Ok(0) | Err(_) => return None,
            Ok(n) => got += n,
        }
    }
    if skip == 1 && buf.first() != Some(&b'\n') {
        return None;
    }
    if newline && buf.pop() != Some(b'\n') {
        return None;
    }
    buf.drain(..skip as usize);
    if memchr::memchr(b'\n', &buf).is_some() {
        return None;
    }
    String::from_utf8(buf).ok()
}

#[cfg(unix)]
fn read_at(file: &std::fs::File, buf: &mut [u8], at: u64) -> std::io::Result<usize> {
    std::os::unix::fs::FileExt::read_at(file, buf, at)
}

#[cfg(windows)]
fn read_at(file: &std::fs::File, buf: &mut [u8], at: u64) -> std::io::Result<usize> {
    std::os::windows::fs::FileExt::seek_read(file, buf, at)
}

/// A `--ledger` file made ready while the tender loads: its index, or its bytes when it has
/// none (or one that cannot be used, with why).
#[derive(Debug)]
pub enum Prepared {
    Indexed(Index),
    Raw(RawLedger, Option<NotUsed>),
}

/// Makes every ledger ready (in parallel; see [`prepare`]), all problems together.
/// A ledger read in full takes its size from `budget` ([`ledger::MAX_READ_IN_FULL`] for the
/// run, shared with [`finish_all`]).
pub fn prepare_all(paths: &[PathBuf], budget: &ReadBudget) -> Result<Vec<Prepared>, Problems> {
    use rayon::prelude::*;
    ledger::every_or_problems(paths.par_iter().map(|p| prepare(p, budget)).collect())
}

/// Makes a ledger ready: through its index when it has one, else its bytes.
pub fn prepare(path: &Path, budget: &ReadBudget) -> Result<Prepared, Problems> {
    match read_index(path) {
        Ok(Some(index)) => Ok(Prepared::Indexed(index)),
        Ok(None) => Ok(Prepared::Raw(
            ledger::read_raw_within(path, Some(budget))?,
            None,
        )),
        Err(why) => Ok(Prepared::Raw(
            ledger::read_raw_within(path, Some(budget))?,
            Some(why),
        )),
    }
}

/// Every ledger's lines that concern the tender of `needles` (read in parallel), each with why
/// its index was not used if it had one that was not. Without needles (`check`), every line is
/// read and checked, and so is the index: one that is not the index of the ledger as it is now
/// is refused.
pub fn finish_all(
    prepared: Vec<Prepared>,
    needles: Option<&Needles>,
    budget: &ReadBudget,
) -> Result<Vec<(Ledger, Option<NotUsed>)>, Problems> {
    use rayon::prelude::*;
    let digests = needles.map(Digests::new);
    let needles = needles.zip(digests.as_ref());
    ledger::every_or_problems(
        prepared
            .into_par_iter()
            // One cache of match keys for each worker: ledgers repeat each other's names.
            .map_init(ledger::KeyCache::default, |cache, p| {
                finish(p, needles, cache, budget)
            })
            .collect(),
    )
}

fn finish(
    prepared: Prepared,
    needles: Option<(&Needles, &Digests)>,
    cache: &mut ledger::KeyCache,
    budget: &ReadBudget,
) -> Result<(Ledger, Option<NotUsed>), Problems> {
    match (prepared, needles) {
        (Prepared::Indexed(index), Some((needles, digests))) => {
            match index.lookup(needles, digests, cache) {
                Ok(read) => Ok((read?, None)),
                Err(why) => {
                    let raw = ledger::read_raw_within(&index.ledger, Some(budget))?;
                    let read = ledger::parse_with(&raw, Some(needles), cache)?;
                    Ok((read, Some(why).filter(|w| !w.0.is_empty())))
                }
            }
        }
        (Prepared::Raw(raw, why), Some((needles, _))) => {
            Ok((ledger::parse_with(&raw, Some(needles), cache)?, why))
        }
        (prepared, None) => {
            // The index as already read, when it was one; else read (if any) to be refused.
            let (raw, written) = match prepared {
                Prepared::Indexed(index) => (
                    ledger::read_raw_within(&index.ledger, Some(budget))?,
                    Some(index.text),
                ),
                Prepared::Raw(raw, _) => (raw, None),
            };
            let read = ledger::parse_with(&raw, None, cache);
            let index = match written {
                Some(text) => index_matches(&raw, text.as_bytes()),
                None => check_index(&raw),
            };
            match (read, index) {
                (Ok(read), Ok(())) => Ok((read, None)),
                (read, index) => {
                    let mut problems = read.err().unwrap_or_default();
                    problems.0.extend(index.err());
                    Err(problems)
                }
            }
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
    let recorded = std::str::from_utf8(written)
        .ok()
        .and_then(|t| t.lines().nth(2))
        .and_then(|l| l.strip_prefix("ledger-modified "))
        .unwrap_or(raw.modified());
    if written != build_as_of(raw, recorded).as_bytes() {
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

    /// A fresh file of `text` for one test.
    fn file(name: &str, text: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("tenderscore-{}-{name}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("l.jsonl");
        std::fs::write(&path, text).unwrap();
        path
    }

    #[test]
    fn a_line_is_read_only_where_a_line_starts() {
        let path = file("line-at", "first\nsecond line\n");
        let file = std::fs::File::open(&path).unwrap();
        assert_eq!(line_at(&file, 0, 6, true).as_deref(), Some("first"));
        assert_eq!(line_at(&file, 6, 18, true).as_deref(), Some("second line"));
        // After the last newline: the empty last piece.
        assert_eq!(line_at(&file, 18, 18, false).as_deref(), Some(""));
        // Not where a line starts, not ending where the next starts, two lines in one, a
        // last line said to end past the file's end: none.
        assert_eq!(line_at(&file, 8, 18, true), None);
        assert_eq!(line_at(&file, 6, 17, true), None);
        assert_eq!(line_at(&file, 0, 18, true), None);
        assert_eq!(line_at(&file, 6, 19, false), None);
        assert_eq!(line_at(&file, 19, 19, false), None);
    }

    #[test]
    fn an_index_is_sorted_fixed_width_records_and_its_shape_is_checked() {
        let hash = "ab".repeat(32);
        let text = format!(
            "{{\"evidence\":[{{\"sha256\":\"{hash}\"}}],\"keys\":{{\"company\":\"7\",\"names\":[\"names\",\"acme\"],\"certificates\":[]}}}}\n"
        );
        let path = file("shape", &text);
        let raw = ledger::read_raw(&path).unwrap();
        let index = build(&raw);
        let lines: Vec<&str> = index.lines().collect();
        let n = text.len();
        let modified = ledger::modified(std::fs::metadata(&path).ok().as_ref());
        assert!(modified.contains('.') && modified.len() > 10, "{modified}");
        assert_eq!(raw.modified(), modified);
        assert_eq!(
            lines[..4],
            [
                MAGIC,
                &format!("ledger-bytes {n}"),
                &format!("ledger-modified {modified}"),
                "lines 2"
            ]
        );
        assert_eq!(
            lines[4..6],
            ["000000000000".to_string(), format!("{n:012}")]
        );
        // The hash's first 16 digits, and the keys "7", "names" (a name, the second time it
        // appears: the first is the field) and "acme"; not the field names.
        assert_eq!(lines[6], "records 4");
        let mut want = vec![
            format!("{} 00000000", &hash[..16]),
            format!("{} 00000000", key_digest("7")),
            format!("{} 00000000", key_digest("names")),
            format!("{} 00000000", key_digest("acme")),
        ];
        want.sort();
        assert_eq!(lines[7..], want);
        let read = shape(&path, index.clone()).unwrap();
        assert_eq!((read.ledger_bytes, read.lines), (n as u64, 2));
        assert_eq!(read.ledger_modified, modified);
        assert_eq!(read.offset(1), Some(n as u64));
        // Cut short, or a record too many: not an index.
        assert!(shape(&path, index[..index.len() - 1].to_string()).is_err());
        assert!(shape(&path, format!("{index}{}", &want[0])).is_err());
        assert!(shape(&path, index.replace(MAGIC, "tenderscore ledger index 2")).is_err());
    }
}
