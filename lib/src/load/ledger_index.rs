//! A ledger's index (`LEDGER.idx`, written by `tenderscore ledger-index LEDGER`): what each
//! line holds that could raise a flag, with where the line is, so that `--ledger` reads the
//! few lines of a large ledger that may raise a flag about the tender instead of all of them.
//!
//! An index is a speed aid, never a source of facts: every line it points to is read from the
//! ledger and judged exactly as a full read judges it. It is used only while the ledger is as
//! long as when the index was written, with the same modification time, and every line it
//! points to starts and ends where it says; otherwise the ledger is read in full and the
//! caller is told why. `check --ledger` rebuilds each index from its ledger and refuses one
//! that differs. Which lines may raise a flag, and what the index records of each line to
//! tell, is [`super::ledger_triage`].
//!
//! The format: eight lines of text, then four tables of fixed-width binary records:
//!
//! ```text
//! tenderscore ledger index 3
//! ledger-bytes 468123
//! ledger-modified 1764806400.123456789
//! lines 1001
//! last-line 468123
//! keys 180
//! files 12
//! answers 1905
//! ```
//!
//! 1. `keys` records of 16 bytes, sorted: the digest of a company number or name that lines
//!    with an answer hold in their `keys` (8 bytes), then where that key's answers start in the
//!    answers table and how many there are (4 bytes each).
//! 2. `files` records of 12 bytes, sorted: a digest (8 bytes) and a line (4 bytes): of each
//!    file found wanting on the line (the digest is the SHA-256's first 8 bytes), and of each
//!    certificate number found wanting; and, for a line the index could not make sense of,
//!    every hash and key it holds.
//! 3. `answers` records of 24 bytes, grouped by key: a line (4 bytes) and what the line records
//!    of its answer (20 bytes, [`super::ledger_triage::ANSWERED`]).
//! 4. `lines` offsets of 8 bytes: where each line starts (the last is what follows the last
//!    newline, usually nothing; `last-line` repeats where it starts).
//!
//! Numbers are little-endian; a line is its index from 0. The digest of a key is the first 8
//! bytes of the SHA-256 of `key:` and the key. The first two tables, small, are read while the
//! tender loads; the answers of the tender's suppliers' keys and the offsets of the lines to
//! read are read where they are, once the tender is known. Two values may share a digest: that
//! only costs reading a line that is then found not to concern the tender.

use super::ledger::{self, Ledger, Needles, RawLedger};
use super::ledger_triage::{self as triage, Answers, Wanting, ANSWERED};
use super::positioned::{lines_at, read_exact_at};
use super::read::{open_regular_meta, read_bytes_with, Links};
use crate::model::ledger::LedgerLine;
use crate::problem::{Problem, Problems};
use std::path::{Path, PathBuf};

const MAGIC: &str = "tenderscore ledger index 3";
/// Width of a digest.
const DIGEST: usize = 8;
/// Width of a record of the keys table: a digest, where its answers start, how many.
const KEY: usize = DIGEST + 8;
/// Width of a record of the files table: a digest and a line.
const FILE: usize = DIGEST + 4;
/// Width of a record of the answers table: a line and its answer as recorded.
const ANSWER: usize = 4 + ANSWERED;
/// Width of an offset.
const OFFSET: usize = 8;
/// How far apart (in bytes) two runs of the answers table may be and still be read in one read.
const NEAR: usize = 16 * 1024;
/// The lines of text at the head of an index, and the longest each may be.
const HEAD: [&str; 8] = [
    "",
    "ledger-bytes",
    "ledger-modified",
    "lines",
    "last-line",
    "keys",
    "files",
    "answers",
];
const HEAD_LINE: usize = 256;
/// The largest index read (an index is smaller than its ledger).
const MAX_INDEX_BYTES: u64 = ledger::MAX_LEDGER_BYTES;

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

fn u32_at(b: &[u8], at: usize) -> u32 {
    let mut x = [0u8; 4];
    x.copy_from_slice(&b[at..at + 4]);
    u32::from_le_bytes(x)
}

/// Where the index of the ledger at `path` is: beside it, `.idx` added to its name.
pub fn index_path(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_os_string();
    name.push(".idx");
    PathBuf::from(name)
}

/// The index of a ledger's text. Call it on a ledger every line of which parsed
/// ([`ledger::parse`] with no needles).
pub fn build(raw: &RawLedger) -> Vec<u8> {
    build_as_of(raw, raw.modified())
}

/// [`build`], recording `modified` as the ledger's modification time.
pub(crate) fn build_as_of(raw: &RawLedger, modified: &str) -> Vec<u8> {
    let text = raw.text();
    let mut offsets: Vec<u64> = Vec::new();
    let mut files: Vec<(Digest, u32)> = Vec::new();
    let mut answers: Vec<(Digest, u32, [u8; ANSWERED])> = Vec::new();
    let mut at = 0usize;
    for (i, line) in text.split('\n').enumerate() {
        let idx = u32::try_from(i).unwrap_or(u32::MAX);
        offsets.push(at as u64);
        at += line.len() + 1;
        let line = ledger::taken(i, line);
        if line.trim().is_empty() {
            continue;
        }
        match triage::facts(line) {
            Some(facts) => {
                for w in facts.wanting {
                    let d = match w {
                        Wanting::File(h) => hash_digest(&h),
                        Wanting::Certificate(k) => Some(key_digest(&k)),
                    };
                    files.extend(d.map(|d| (d, idx)));
                }
                if let Some((keys, answer)) = facts.answer {
                    answers.extend(keys.iter().map(|k| (key_digest(k), idx, answer)));
                }
            }
            // Read whenever it is found by anything it holds, so that the read judges it.
            None => {
                files.extend(
                    ledger::hashes_in(line)
                        .filter_map(hash_digest)
                        .map(|d| (d, idx)),
                );
                files.extend(ledger::keys_in(line).map(|k| (key_digest(k), idx)));
            }
        }
    }
    files.sort_unstable();
    files.dedup();
    answers.sort_unstable();
    answers.dedup();
    // One record per key digest: where its answers start, and how many.
    let mut keys: Vec<(Digest, u32, u32)> = Vec::new();
    for (n, (d, _, _)) in answers.iter().enumerate() {
        let n = u32::try_from(n).unwrap_or(u32::MAX);
        match keys.last_mut() {
            Some((last, _, count)) if last == d => *count += 1,
            _ => keys.push((*d, n, 1)),
        }
    }
    let last_line = offsets.last().copied().unwrap_or(0);
    let mut out = format!(
        "{MAGIC}\nledger-bytes {}\nledger-modified {modified}\nlines {}\nlast-line {last_line}\nkeys {}\nfiles {}\nanswers {}\n",
        text.len(),
        offsets.len(),
        keys.len(),
        files.len(),
        answers.len()
    )
    .into_bytes();
    out.reserve(
        keys.len() * KEY + files.len() * FILE + answers.len() * ANSWER + offsets.len() * OFFSET,
    );
    for (d, first, count) in &keys {
        out.extend_from_slice(d);
        out.extend_from_slice(&first.to_le_bytes());
        out.extend_from_slice(&count.to_le_bytes());
    }
    for (d, i) in &files {
        out.extend_from_slice(d);
        out.extend_from_slice(&i.to_le_bytes());
    }
    for (_, i, a) in &answers {
        out.extend_from_slice(&i.to_le_bytes());
        out.extend_from_slice(a);
    }
    for o in &offsets {
        out.extend_from_slice(&o.to_le_bytes());
    }
    out
}

/// The digests of a tender's needles, as an index records them; worked out once for all the
/// ledgers.
#[derive(Debug)]
pub struct Digests {
    /// Every key and hash of the tender, sorted, each once: looked up in the files table.
    all: Vec<Digest>,
    /// Each supplier's company number and names, with the supplier (an index into
    /// `answers`), sorted: looked up in the keys table.
    keys: Vec<(Digest, usize)>,
    answers: Vec<Answers>,
}

impl Digests {
    pub fn new(needles: &Needles) -> Digests {
        let mut all: Vec<Digest> = needles
            .hashes()
            .filter_map(hash_digest)
            .chain(needles.keys().map(key_digest))
            .collect();
        all.sort_unstable();
        all.dedup();
        let bidders = needles.bidders();
        let mut keys: Vec<(Digest, usize)> = bidders
            .iter()
            .enumerate()
            .flat_map(|(b, bidder)| bidder.keys.iter().map(move |k| (key_digest(k), b)))
            .collect();
        keys.sort_unstable();
        keys.dedup();
        Digests {
            all,
            keys,
            answers: bidders.iter().map(|b| Answers::new(&b.answers)).collect(),
        }
    }
}

/// Why an index is not used when the ledger is not as it was.
const CHANGED: &str = "the ledger has changed since its index was written";

/// An index as read while the tender loads: its head and the keys and files tables, checked
/// for shape (not yet against its ledger). The rest is read where it is when needed.
#[derive(Debug)]
pub struct Index {
    ledger: PathBuf,
    ledger_bytes: u64,
    /// The ledger's modification time when the index was written ([`ledger::modified`]).
    ledger_modified: String,
    lines: usize,
    last_line: u64,
    /// The index file's length and modification time when it was read: the rest of it is read
    /// only while they are the same.
    bytes: u64,
    modified: String,
    /// The head and the keys and files tables.
    read: Vec<u8>,
    keys: std::ops::Range<usize>,
    files: std::ops::Range<usize>,
    /// Where the answers table and the offsets start in the file, and how many answers.
    answers_at: u64,
    answers: usize,
    offsets_at: u64,
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

/// Reads the index beside the ledger at `path` (its head and first two tables): `Ok(None)` when
/// there is none.
pub fn read_index(path: &Path) -> Result<Option<Index>, NotUsed> {
    let at = index_path(path);
    if is_absent(&at) {
        return Ok(None);
    }
    let (file, meta) =
        open_regular_meta(&at, Links::Follow).map_err(|p| read_in_full(path, p.to_string()))?;
    let modified = ledger::modified(Some(&meta));
    let bytes = meta.len();
    shape(path, &file, bytes, modified)
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

/// Whether nothing is at `at` (a link to nowhere is something: reading it says what is wrong).
fn is_absent(at: &Path) -> bool {
    matches!(std::fs::symlink_metadata(at), Err(e) if e.kind() == std::io::ErrorKind::NotFound)
}

/// The bytes of the index file at `at`, read as untrusted input (a regular file, bounded), or
/// `None` when there is none.
pub(crate) fn index_bytes(at: &Path) -> Result<Option<Vec<u8>>, Problem> {
    if is_absent(at) {
        return Ok(None);
    }
    read_bytes_with(at, MAX_INDEX_BYTES, Links::Follow).map(Some)
}

/// Reads the head and first two tables of the index `file` (`bytes` long), and checks that the
/// tables it announces make up the file.
fn shape(
    ledger: &Path,
    file: &std::fs::File,
    bytes: u64,
    modified: String,
) -> Result<Index, NotAnIndex> {
    let bad = || NotAnIndex;
    if bytes > MAX_INDEX_BYTES {
        return Err(bad());
    }
    let head_max = (HEAD.len() * HEAD_LINE).min(bytes as usize);
    let mut read = vec![0u8; head_max];
    read_exact_at(file, &mut read, 0).map_err(|_| bad())?;
    let mut pos = 0usize;
    let mut values = Vec::with_capacity(HEAD.len());
    for name in HEAD {
        let rest = &read[pos..];
        let end = memchr::memchr(b'\n', &rest[..HEAD_LINE.min(rest.len())]).ok_or_else(bad)?;
        let line = std::str::from_utf8(&rest[..end]).map_err(|_| bad())?;
        pos += end + 1;
        if name.is_empty() {
            if line != MAGIC {
                return Err(bad());
            }
            continue;
        }
        let value = line
            .strip_prefix(name)
            .and_then(|v| v.strip_prefix(' '))
            .filter(|v| !v.is_empty() && !v.contains(' '))
            .ok_or_else(bad)?;
        values.push(value.to_string());
    }
    let count = |v: &str| -> Result<usize, NotAnIndex> {
        v.bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| v.parse().ok())
            .flatten()
            .ok_or_else(bad)
    };
    let ledger_bytes = count(&values[0])? as u64;
    let ledger_modified = values[1].clone();
    let lines = count(&values[2])?;
    let last_line = count(&values[3])? as u64;
    let (k, f, a) = (count(&values[4])?, count(&values[5])?, count(&values[6])?);
    let size = |n: usize, width: usize| n.checked_mul(width).ok_or_else(bad);
    let keys = pos..pos.checked_add(size(k, KEY)?).ok_or_else(bad)?;
    let files = keys.end..keys.end.checked_add(size(f, FILE)?).ok_or_else(bad)?;
    let answers_at = files.end as u64;
    let offsets_at = answers_at
        .checked_add(size(a, ANSWER)? as u64)
        .ok_or_else(bad)?;
    let end = offsets_at
        .checked_add(size(lines, OFFSET)? as u64)
        .ok_or_else(bad)?;
    if end != bytes || lines == 0 || last_line > ledger_bytes {
        return Err(bad());
    }
    // The rest of the first two tables.
    let had = read.len();
    read.resize(files.end, 0);
    if files.end > had {
        read_exact_at(file, &mut read[had..], had as u64).map_err(|_| bad())?;
    }
    Ok(Index {
        ledger: ledger.to_path_buf(),
        ledger_bytes,
        ledger_modified,
        lines,
        last_line,
        bytes,
        modified,
        read,
        keys,
        files,
        answers_at,
        answers: a,
        offsets_at,
    })
}

/// The records of a sorted table (each `width` bytes, starting with a digest) whose digest is
/// `want`.
fn equal(table: &[u8], width: usize, want: Digest) -> impl Iterator<Item = &[u8]> {
    let n = table.len() / width;
    let digest = move |r: usize| &table[r * width..r * width + DIGEST];
    // The first not below `want`, then every equal one.
    let (mut lo, mut hi) = (0, n);
    while lo < hi {
        let mid = (lo + hi) / 2;
        if digest(mid) < &want[..] {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    (lo..n)
        .take_while(move |&r| digest(r) == &want[..])
        .map(move |r| &table[r * width..(r + 1) * width])
}

/// The file at `path`, opened, if it is still `bytes` long with the modification time
/// `modified` (`None` when it is not); an error when it cannot be opened.
fn opened_unchanged(
    path: &Path,
    bytes: u64,
    modified: &str,
) -> Result<Option<std::fs::File>, Problem> {
    let (file, meta) = open_regular_meta(path, Links::Follow)?;
    Ok((meta.len() == bytes && ledger::modified(Some(&meta)) == modified).then_some(file))
}

impl Index {
    /// Why the index is not used: `why`, and that the ledger was read in full instead.
    fn not_used(&self, why: &str) -> NotUsed {
        let at = index_path(&self.ledger);
        read_in_full(&self.ledger, format!("{}: {why}", at.display()))
    }

    /// Whether the ledger is as it was when the index was written (see [`Index::file`]) and
    /// its last line is where the index says.
    pub(crate) fn check_ledger(&self) -> Result<(), NotUsed> {
        let file = self.file()?;
        lines_at(
            &file,
            self.lines - 1,
            &[self.last_line, self.ledger_bytes],
            true,
        )
        .ok_or_else(|| self.not_used(CHANGED))?;
        Ok(())
    }

    /// The ledger, opened, if it is as long as when the index was written, with the same
    /// modification time: an edit that keeps the length (and every line where it was) still
    /// moves the time. A ledger that cannot be opened gives no reason: the full read says why.
    /// Opened each time it is needed, not kept open: a run may be given more ledgers than it
    /// may keep open.
    fn file(&self) -> Result<std::fs::File, NotUsed> {
        match opened_unchanged(&self.ledger, self.ledger_bytes, &self.ledger_modified) {
            Ok(Some(file)) => Ok(file),
            Ok(None) => Err(self.not_used(CHANGED)),
            Err(_) => Err(NotUsed(String::new())),
        }
    }

    /// The index file, opened again, if it is still the one read.
    fn index_file(&self) -> Result<std::fs::File, NotUsed> {
        opened_unchanged(&index_path(&self.ledger), self.bytes, &self.modified)
            .ok()
            .flatten()
            .ok_or_else(|| self.not_used("the index has changed since it was read"))
    }

    /// Why the index is not used when it is not one after all.
    fn not_an_index(&self) -> NotUsed {
        self.not_used(&NotAnIndex.to_string())
    }

    /// The lines (0-based, in order, each once) that may raise a flag about the tender of
    /// `digests`: those that cite a file or certificate of the tender found wanting there
    /// (and a few that only share a digest with one), and those found by a supplier's key
    /// whose answer may differ from that supplier's ([`triage`]).
    fn to_read(&self, digests: &Digests) -> Result<Vec<usize>, NotUsed> {
        let mut found = Vec::new();
        let line = |i: u32| {
            let i = i as usize;
            (i < self.lines)
                .then_some(i)
                .ok_or_else(|| self.not_an_index())
        };
        let files = &self.read[self.files.clone()];
        for d in &digests.all {
            for r in equal(files, FILE, *d) {
                found.push(line(u32_at(r, DIGEST))?);
            }
        }
        // The answers of each supplier's keys: runs of the answers table.
        let keys = &self.read[self.keys.clone()];
        let mut runs: Vec<(usize, usize, usize)> = Vec::new();
        for (d, bidder) in &digests.keys {
            for r in equal(keys, KEY, *d) {
                let (first, count) = (u32_at(r, DIGEST) as usize, u32_at(r, DIGEST + 4) as usize);
                // A key has at least one answer (an empty run would be no run).
                if count == 0
                    || first
                        .checked_add(count)
                        .is_none_or(|end| end > self.answers)
                {
                    return Err(self.not_an_index());
                }
                runs.push((first, count, *bidder));
            }
        }
        if !runs.is_empty() {
            let file = self.index_file()?;
            // Runs near each other are read together: a read costs more than copying a few KB.
            runs.sort_unstable();
            let mut spans: Vec<(usize, usize)> = Vec::new();
            for &(first, count, _) in &runs {
                match spans.last_mut() {
                    Some((_, end)) if first * ANSWER <= *end * ANSWER + NEAR => {
                        *end = (*end).max(first + count)
                    }
                    _ => spans.push((first, first + count)),
                }
            }
            let mut at = 0;
            for (from, to) in spans {
                let mut table = vec![0u8; (to - from) * ANSWER];
                read_exact_at(&file, &mut table, self.answers_at + (from * ANSWER) as u64)
                    .map_err(|_| self.not_used("the index has changed since it was read"))?;
                while let Some(&(first, count, bidder)) = runs.get(at).filter(|r| r.0 < to) {
                    at += 1;
                    let run = &table[(first - from) * ANSWER..(first - from + count) * ANSWER];
                    for r in run.chunks_exact(ANSWER) {
                        let recorded: &[u8; ANSWERED] = r[4..].try_into().unwrap_or(&[0; ANSWERED]);
                        if digests.answers[bidder].may_differ(recorded) {
                            found.push(line(u32_at(r, 0))?);
                        }
                    }
                }
            }
        }
        found.sort_unstable();
        found.dedup();
        Ok(found)
    }

    /// The ledger's lines that may raise a flag about the tender of `needles` (whose digests
    /// are `digests`), read through the index; or why the index cannot be used after all (the
    /// ledger or the index has changed), with the ledger's path, so that the caller reads the
    /// ledger in full.
    pub(crate) fn look_up(
        &self,
        needles: &Needles,
        digests: &Digests,
        cache: &mut ledger::KeyCache,
    ) -> Result<Result<Ledger, Problems>, (PathBuf, NotUsed)> {
        let path = &self.ledger;
        let stale = |why: &str| (path.clone(), self.not_used(why));
        let to_read = self.to_read(digests).map_err(|why| (path.clone(), why))?;
        let mut lines: Vec<LedgerLine> = Vec::new();
        if to_read.is_empty() {
            return Ok(Ok(Ledger {
                path: path.clone(),
                lines,
            }));
        }
        // Lines next to each other are read together, in one read.
        let mut runs: Vec<(usize, usize)> = Vec::new();
        for &i in &to_read {
            match runs.last_mut() {
                Some((_, to)) if *to + 1 == i => *to = i,
                _ => runs.push((i, i)),
            }
        }
        // Checked again: the tender has loaded since the index was read.
        let file = self.file().map_err(|why| (path.clone(), why))?;
        let index = self.index_file().map_err(|why| (path.clone(), why))?;
        let last = self.lines - 1;
        let mut problems = Problems::default();
        'runs: for (from, to) in runs {
            // Where each line starts, and where the next does (the ledger's end for the last).
            let with_next = (to + 1).min(last);
            let mut offsets = vec![0u8; (with_next - from + 1) * OFFSET];
            read_exact_at(
                &index,
                &mut offsets,
                self.offsets_at + (from * OFFSET) as u64,
            )
            .map_err(|_| stale("the index has changed since it was read"))?;
            let mut bounds: Vec<u64> = offsets
                .chunks_exact(OFFSET)
                .map(|o| u64::from_le_bytes(o.try_into().unwrap_or([0xff; OFFSET])))
                .collect();
            if to == last {
                bounds.push(self.ledger_bytes);
            }
            let (read, at) =
                lines_at(&file, from, &bounds, to == last).ok_or_else(|| stale(CHANGED))?;
            for (i, range) in (from..=to).zip(at) {
                let line = ledger::taken(i, &read[range]);
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

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::load::positioned::tests::file;

    /// A ledger line with just what the index reads.
    pub(crate) fn line(keys: &str, answer: &str, evidence: &str) -> String {
        format!(
            r#"{{"rubric":"r@1","question":"Q1","answer":{answer},"evidence":[{evidence}],"keys":{keys}}}"#
        )
    }

    #[test]
    fn an_index_records_what_may_raise_a_flag_and_its_shape_is_checked() {
        use super::super::ledger::Bidder;
        use super::super::names::identity_key;
        let (ab, cd, ef) = ("ab".repeat(32), "cd".repeat(32), "ef".repeat(32));
        let bolt = identity_key("Bolt Ltd");
        let text = [
            // An answer, and a file rejected there.
            line(
                &format!(r#"{{"company":"7","names":["{bolt}"]}}"#),
                r#""yes""#,
                &format!(r#"{{"sha256":"{ab}","status":"rejected"}}"#),
            ),
            // No answer, and a file that stood: nothing to find it by.
            line(
                &format!(r#"{{"names":["{bolt}"]}}"#),
                "null",
                &format!(r#"{{"sha256":"{cd}","status":"attached"}}"#),
            ),
            // Not a line the index can make sense of: found by everything it holds.
            format!(r#"{{"x":1,"evidence":[{{"sha256":"{ef}"}}],"keys":{{"names":["zed"]}}}}"#),
        ]
        .join("\n")
            + "\n";
        let path = file("shape", &text);
        let raw = ledger::read_raw(&path).unwrap();
        let index = build(&raw);
        let n = text.len();
        let last = n as u64;
        let modified = ledger::modified(std::fs::metadata(&path).ok().as_ref());
        assert!(modified.contains('.') && modified.len() > 10, "{modified}");
        assert_eq!(raw.modified(), modified);
        let head = format!(
            "{MAGIC}\nledger-bytes {n}\nledger-modified {modified}\nlines 4\nlast-line {last}\nkeys 2\nfiles 4\nanswers 2\n"
        );
        assert!(index.starts_with(head.as_bytes()));
        let body = &index[head.len()..];
        assert_eq!(body.len(), 2 * KEY + 4 * FILE + 2 * ANSWER + 4 * OFFSET);
        // The keys "7" and Bolt's name, each with one answer (line 0); sorted.
        let mut keys = vec![key_digest("7"), key_digest(&bolt)];
        keys.sort();
        let first = |k: &Digest| u32::from(keys[1] == *k);
        for (r, k) in body[..2 * KEY].chunks(KEY).zip(&keys) {
            assert_eq!(&r[..8], k);
            assert_eq!((u32_at(r, 8), u32_at(r, 12)), (first(k), 1));
        }
        // The rejected file (line 0); the third line's hash and strings of its keys (line 2).
        let mut files = vec![
            ([0xab; 8], 0),
            ([0xef; 8], 2),
            (key_digest("names"), 2),
            (key_digest("zed"), 2),
        ];
        files.sort();
        let table: Vec<(Digest, u32)> = body[2 * KEY..2 * KEY + 4 * FILE]
            .chunks(FILE)
            .map(|r| (r[..8].try_into().unwrap(), u32_at(r, 8)))
            .collect();
        assert_eq!(table, files);
        // Where each line starts, the last being the empty piece after the last newline.
        let offsets = &body[body.len() - 4 * OFFSET..];
        assert_eq!(offsets[..8], 0u64.to_le_bytes());
        assert_eq!(offsets[24..], last.to_le_bytes());

        std::fs::write(index_path(&path), &index).unwrap();
        let read = read_index(&path).unwrap().unwrap();
        assert_eq!((read.ledger_bytes, read.lines), (n as u64, 4));
        assert_eq!(read.ledger_modified, modified);
        assert!(read.check_ledger().is_ok());
        // What is read for a supplier answering so, citing these files.
        let to_read = |company: &str, answer: &str, hashes: &[&str]| {
            let answers = vec![("r@1".into(), "Q1".into(), answer.into())];
            let b = Bidder::new(Some(company), ["Bolt Ltd"], answers);
            let needles = Needles::new(vec![b], [], hashes.iter().copied());
            read.to_read(&Digests::new(&needles)).unwrap()
        };
        assert_eq!(to_read("7", "yes", &[]), Vec::<usize>::new());
        assert_eq!(to_read("7", "no", &[]), vec![0]);
        assert_eq!(to_read("7", "yes", &[&ab]), vec![0]);
        assert_eq!(to_read("7", "yes", &[&cd]), Vec::<usize>::new());
        assert_eq!(to_read("7", "yes", &[&ef, &ab]), vec![0, 2]);
        // Found by its name alone, the line is judged for this supplier too.
        assert_eq!(to_read("8", "no", &[]), vec![0]);
        // Read when it may differ from any supplier it is found by, not only from all.
        let two = |first: &str, second: &str| {
            let b = |company: &str, name: &str, answer: &str| {
                let answers = vec![("r@1".into(), "Q1".into(), answer.into())];
                Bidder::new(Some(company), [name], answers)
            };
            let bidders = vec![b("7", "Cask Ltd", first), b("9", "Bolt Ltd", second)];
            let needles = Needles::new(bidders, [], []);
            read.to_read(&Digests::new(&needles)).unwrap()
        };
        assert_eq!(two("yes", "yes"), Vec::<usize>::new());
        assert_eq!(two("yes", "no"), vec![0]);
        assert_eq!(two("no", "yes"), vec![0]);

        // Cut short, a byte too many, another version: not an index.
        let not_an_index = |bytes: &[u8]| {
            std::fs::write(index_path(&path), bytes).unwrap();
            read_index(&path).is_err()
        };
        assert!(not_an_index(&index[..index.len() - 1]));
        assert!(not_an_index(&[&index[..], &[0]].concat()));
        let mut other = index.clone();
        other[MAGIC.len() - 1] = b'2';
        assert!(not_an_index(&other));
        // A key whose answers run past the table, or a file record past the last line.
        let runs_past = |bytes: &[u8]| {
            std::fs::write(index_path(&path), bytes).unwrap();
            let read = read_index(&path).unwrap().unwrap();
            let b = Bidder::new(Some("7"), ["Bolt Ltd"], Vec::new());
            let needles = Needles::new(vec![b], [], [ab.as_str()]);
            read.to_read(&Digests::new(&needles))
                .is_err_and(|why| why.0.contains("is not an index"))
        };
        assert!(!runs_past(&index));
        for count in [3u32, 0] {
            let mut past = index.clone();
            let at = head.len() + 12;
            past[at..at + 4].copy_from_slice(&count.to_le_bytes());
            assert!(runs_past(&past), "{count}");
        }
        let mut past = index.clone();
        let at = head.len() + 2 * KEY + files.iter().position(|f| f.0 == [0xab; 8]).unwrap() * FILE;
        past[at + 8..at + 12].copy_from_slice(&4u32.to_le_bytes());
        assert!(runs_past(&past));
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
