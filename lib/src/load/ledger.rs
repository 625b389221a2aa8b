//! Reading other councils' ledgers (`--ledger FILE`): JSON Lines, one [`LedgerLine`] each.
//! A ledger comes from outside: its size is bounded and a line that is read must parse, hold
//! well-formed hashes and carry the match keys of its own names and numbers; one bad line
//! fails the file with its line number rather than being skipped.
//!
//! Ledgers can be large (a hundred councils' worth), and most of their lines concern other
//! suppliers. So a ledger is read in two steps: [`read_raw`] takes the bytes (it can run while
//! the tender loads), then [`parse`] reads either every line (`check`) or, given the tender's
//! [`Needles`], only the lines holding one of its keys: a company number, a name, a
//! certificate number or an evidence file's SHA-256, each as the line's `keys` (or hashes)
//! write it. A line holding none cannot concern this tender, and is left unparsed.

use super::names::{certificate_key, company_key, identity_key};
use super::read::{open_regular, Links};
use crate::model::ledger::{LedgerLine, LineKeys, LEDGER_VERSION};
use crate::problem::{Problem, Problems};
use std::io::Read;
use std::path::{Path, PathBuf};

/// Largest ledger read, in bytes (a line is a few hundred bytes: about a million lines).
pub const MAX_LEDGER_BYTES: u64 = 512 << 20;
/// Longest line read, in bytes.
pub(crate) const MAX_LINE_BYTES: usize = 64 << 10;
/// Problems listed per ledger before giving up on it.
pub(crate) const MAX_PROBLEMS: usize = 20;
/// Most bytes of ledgers one run reads in full, all of them together (each `--ledger` file
/// without an index it can use, and every file for `check`): they are in memory at once.
pub const MAX_READ_IN_FULL: u64 = 1 << 30;

static LOWER_READ_IN_FULL: std::sync::OnceLock<u64> = std::sync::OnceLock::new();

/// Lowers [`MAX_READ_IN_FULL`] to `mib` MiB (at least 1): for the test suite; the binary takes
/// it from `TENDERSCORE_LEDGERS_READ_MB`. It only tightens, never loosens.
pub fn lower_read_in_full(mib: u64) {
    let bytes = (mib.max(1) << 20).min(MAX_READ_IN_FULL);
    let _ = LOWER_READ_IN_FULL.set(bytes);
}

/// What is left of the bytes of ledgers this run may read in full ([`MAX_READ_IN_FULL`]),
/// shared by every thread that reads them.
#[derive(Debug)]
pub struct ReadBudget {
    left: std::sync::atomic::AtomicU64,
    limit: u64,
}

impl Default for ReadBudget {
    fn default() -> Self {
        let limit = LOWER_READ_IN_FULL
            .get()
            .copied()
            .unwrap_or(MAX_READ_IN_FULL);
        ReadBudget {
            left: std::sync::atomic::AtomicU64::new(limit),
            limit,
        }
    }
}

impl ReadBudget {
    /// Takes `n` bytes for the ledger at `path`, or says why it cannot be read.
    fn take(&self, path: &Path, n: u64) -> Result<(), Problem> {
        use std::sync::atomic::Ordering::SeqCst;
        self.left
            .fetch_update(SeqCst, SeqCst, |left| left.checked_sub(n))
            .map(|_| ())
            .map_err(|_| {
                Problem::file(
                    path,
                    format!(
                        "reading it in full would take the ledgers read in full in this run over {} MB, the most read at once; give fewer ledgers (with an index, written by `tenderscore ledger-index`, `score` and `report` read only the lines of a ledger that concern the tender)",
                        self.limit >> 20
                    ),
                )
            })
    }
}

/// A ledger as read.
#[derive(Debug, Clone)]
pub struct Ledger {
    pub path: PathBuf,
    pub lines: Vec<LedgerLine>,
}

/// A ledger's bytes, not yet parsed.
#[derive(Debug)]
pub struct RawLedger {
    path: PathBuf,
    text: String,
    /// When the file was last modified, as [`modified`] writes it.
    modified: String,
}

impl RawLedger {
    /// The ledger's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The ledger's text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// When the file was last modified, as it was when it was read ([`modified`]).
    pub fn modified(&self) -> &str {
        &self.modified
    }
}

/// The keys of this tender that make a ledger line worth reading: its suppliers' company
/// numbers, names and certificate numbers (each in the form compared, looked for in the line's
/// `keys`, between quotes) and its evidence files' SHA-256s (looked for after `"sha256":`).
pub struct Needles {
    keys: std::collections::HashSet<String>,
    hashes: std::collections::HashSet<String>,
    /// Each supplier's company number and names (in the form compared) and its answers, so
    /// that a read through an index passes over the lines that cannot raise a flag
    /// ([`super::ledger_triage`]).
    bidders: Vec<Bidder>,
}

/// A supplier of the tender, as a ledger line is matched to it: its company number and names
/// in the form compared, and its answers that are not free text, as `(rubric@version, question
/// id, answer as shown)` (reading through an index passes over a line that records the same
/// answer).
#[derive(Debug)]
pub struct Bidder {
    pub(crate) keys: Vec<String>,
    pub(crate) answers: Vec<(String, String, String)>,
}

impl Bidder {
    pub fn new<'a>(
        company: Option<&str>,
        names: impl IntoIterator<Item = &'a str>,
        answers: Vec<(String, String, String)>,
    ) -> Bidder {
        let keys = company
            .map(company_key)
            .into_iter()
            .chain(names.into_iter().map(identity_key))
            .filter(|k| !k.is_empty())
            .collect();
        Bidder { keys, answers }
    }
}

/// How a line writes an evidence file's hash, before the 64 hex digits.
const HASH_FIELD: &[u8] = b"\"sha256\":\"";
/// How a line writes its keys.
const KEYS_FIELD: &[u8] = b"\"keys\":";

impl Needles {
    /// Needles from the tender's suppliers, the certificate numbers its evidence cites (put in
    /// the form compared) and its evidence files' SHA-256s.
    pub fn new<'a>(
        bidders: Vec<Bidder>,
        certificates: impl IntoIterator<Item = &'a str>,
        hashes: impl IntoIterator<Item = &'a str>,
    ) -> Needles {
        Needles {
            keys: bidders
                .iter()
                .flat_map(|b| b.keys.iter().cloned())
                .chain(certificates.into_iter().map(certificate_key))
                .filter(|k| !k.is_empty())
                .collect(),
            hashes: hashes.into_iter().map(str::to_string).collect(),
            bidders,
        }
    }

    /// The tender's suppliers.
    pub(crate) fn bidders(&self) -> &[Bidder] {
        &self.bidders
    }

    /// Whether `line` may concern this tender: one of the strings of its `keys` is one of the
    /// tender's, or it cites one of the tender's files. A line that does neither cannot. A
    /// line with no `keys` is read, so the full read can report it.
    pub(crate) fn wants(&self, line: &str) -> bool {
        if hashes_in(line).any(|h| self.hashes.contains(h)) {
            return true;
        }
        match KEYS_FINDER.rfind(line.as_bytes()) {
            None => true,
            Some(at) => strings_in(&line[at + KEYS_FIELD.len()..]).any(|s| self.keys.contains(s)),
        }
    }

    /// This tender's keys, as a line's `keys` would write them.
    pub(crate) fn keys(&self) -> impl Iterator<Item = &str> {
        self.keys.iter().map(String::as_str)
    }

    /// The SHA-256s of this tender's evidence files.
    pub(crate) fn hashes(&self) -> impl Iterator<Item = &str> {
        self.hashes.iter().map(String::as_str)
    }
}

static HASH_FINDER: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
    std::sync::LazyLock::new(|| memchr::memmem::Finder::new(HASH_FIELD));
static KEYS_FINDER: std::sync::LazyLock<memchr::memmem::FinderRev<'static>> =
    std::sync::LazyLock::new(|| memchr::memmem::FinderRev::new(KEYS_FIELD));

/// The evidence hashes a line cites: the 64 characters after each `"sha256":"`.
pub(crate) fn hashes_in(line: &str) -> impl Iterator<Item = &str> {
    let n = HASH_FIELD.len();
    HASH_FINDER
        .find_iter(line.as_bytes())
        .filter_map(move |at| line.get(at + n..at + n + 64))
}

/// The strings of a line's `keys` (its last `"keys":` field, to the end of the line), as
/// written between their quotes.
pub(crate) fn keys_in(line: &str) -> impl Iterator<Item = &str> {
    let rest = KEYS_FINDER
        .rfind(line.as_bytes())
        .map_or("", |at| &line[at + KEYS_FIELD.len()..]);
    strings_in(rest)
}

/// The JSON strings in `text`, as written between their quotes (escapes left as they are: the
/// keys are letters, digits and spaces).
fn strings_in(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        let open = memchr::memchr(b'"', rest.as_bytes())?;
        let body = &rest[open + 1..];
        let mut end = 0;
        let b = body.as_bytes();
        loop {
            let q = memchr::memchr(b'"', &b[end..])? + end;
            // A quote preceded by an odd number of backslashes is escaped.
            let slashes = b[..q].iter().rev().take_while(|c| **c == b'\\').count();
            if slashes % 2 == 0 {
                rest = &body[q + 1..];
                return Some(&body[..q]);
            }
            end = q + 1;
        }
    })
}

/// Identity keys already worked out, by name: a ledger repeats each supplier's names on every
/// line of it, and working a key out (Unicode skeletons) costs more than parsing the line.
#[derive(Debug, Default)]
pub(crate) struct KeyCache(std::collections::HashMap<String, String>);

impl KeyCache {
    /// Most names kept.
    const MAX: usize = 4096;

    /// [`identity_key`] of `name`, worked out once.
    fn identity_ref(&mut self, name: &str) -> &str {
        if !self.0.contains_key(name) {
            if self.0.len() >= Self::MAX {
                self.0.clear();
            }
            self.0.insert(name.to_string(), identity_key(name));
        }
        &self.0[name]
    }
}

/// Whether `l.keys` are the keys [`keys_of`] gives (what `l.keys == keys_of(l)` says, without
/// building them: this is done for every line read).
fn keys_match(l: &LedgerLine, cache: &mut KeyCache) -> bool {
    if l.keys.company != company_of(l) {
        return false;
    }
    // Every name's key is one of the keys, and every key is some name's, in order, once.
    let keys = &l.keys.names;
    if !keys.windows(2).all(|w| w[0] < w[1]) {
        return false;
    }
    let mut used = vec![false; keys.len()];
    for n in std::iter::once(&l.supplier).chain(&l.legal_names) {
        let k = cache.identity_ref(n);
        if k.is_empty() {
            continue;
        }
        match keys.binary_search_by(|x| x.as_str().cmp(k)) {
            Ok(at) => used[at] = true,
            Err(_) => return false,
        }
    }
    if used.contains(&false) {
        return false;
    }
    if l.evidence.iter().all(|e| e.certificate.is_none()) {
        return l.keys.certificates.is_empty();
    }
    l.keys.certificates == certificates_of(l)
}

/// The match keys of a line, from its names, company number and certificate numbers.
pub fn keys_of(l: &LedgerLine) -> LineKeys {
    let mut names: Vec<String> = std::iter::once(&l.supplier)
        .chain(&l.legal_names)
        .map(|n| identity_key(n))
        .filter(|k| !k.is_empty())
        .collect();
    names.sort();
    names.dedup();
    LineKeys {
        company: company_of(l),
        names,
        certificates: certificates_of(l),
    }
}

/// The key of a line's company number, if it has one.
fn company_of(l: &LedgerLine) -> Option<String> {
    l.company_number
        .as_deref()
        .map(company_key)
        .filter(|k| !k.is_empty())
}

/// The keys of the certificate numbers a line cites, sorted, each once.
fn certificates_of(l: &LedgerLine) -> Vec<String> {
    let mut keys: Vec<String> = l
        .evidence
        .iter()
        .filter_map(|e| e.certificate.as_deref())
        .map(certificate_key)
        .filter(|k| !k.is_empty())
        .collect();
    keys.sort();
    keys.dedup();
    keys
}

/// Reads a ledger's bytes: a regular file, at most [`MAX_LEDGER_BYTES`], UTF-8.
pub fn read_raw(path: &Path) -> Result<RawLedger, Problems> {
    read_raw_within(path, None)
}

/// [`read_raw`], the bytes taken from `budget` (when given) before they are read.
pub(crate) fn read_raw_within(
    path: &Path,
    budget: Option<&ReadBudget>,
) -> Result<RawLedger, Problems> {
    let too_large = || {
        Problem::file(
            path,
            format!(
                "is over {} MB, the most a ledger may be; split it by tender",
                MAX_LEDGER_BYTES >> 20
            ),
        )
    };
    let mut file = open_regular(path, Links::Follow)?;
    // Taken before the bytes are read, so an edit while they are read shows as a later time.
    let meta = file.metadata().ok();
    let modified = modified(meta.as_ref());
    // Room for the whole file at once, as its size says (it is checked again as it is read).
    let size = meta.map(|m| m.len()).unwrap_or(0);
    if size > MAX_LEDGER_BYTES {
        return Err(too_large().into());
    }
    if let Some(b) = budget {
        b.take(path, size)?;
    }
    let mut bytes = Vec::with_capacity(size as usize);
    (&mut file)
        .take(MAX_LEDGER_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Problem::file(path, format!("cannot read: {e}")))?;
    if bytes.len() as u64 > MAX_LEDGER_BYTES {
        return Err(too_large().into());
    }
    // A file that grew while it was read takes what it grew by too.
    if let Some(b) = budget {
        b.take(path, (bytes.len() as u64).saturating_sub(size))?;
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        Problem::file(
            path,
            format!(
                "is not UTF-8 text (byte {}): is it a ledger from `tenderscore ledger`?",
                e.utf8_error().valid_up_to()
            ),
        )
    })?;
    Ok(RawLedger {
        path: path.to_path_buf(),
        text,
        modified,
    })
}

/// When a file was last modified, as its metadata says, in seconds and nanoseconds since 1970
/// (`1764806400.123456789`), or `unknown` where the system does not say. Only ever compared
/// with itself (an index records it), never with the clock.
pub fn modified(meta: Option<&std::fs::Metadata>) -> String {
    meta.and_then(|m| m.modified().ok())
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or_else(
            || "unknown".to_string(),
            |d| format!("{}.{:09}", d.as_secs(), d.subsec_nanos()),
        )
}

/// Line `i` (from 0) of a ledger as it is read: without a carriage return before its newline,
/// and the first without a byte-order mark.
pub(crate) fn taken(i: usize, line: &str) -> &str {
    let line = line.strip_suffix('\r').unwrap_or(line);
    if i == 0 {
        line.strip_prefix('\u{feff}').unwrap_or(line)
    } else {
        line
    }
}

/// Parses a ledger read by [`read_raw`]: every line, or with `needles` only the lines that
/// hold one.
pub fn parse(raw: &RawLedger, needles: Option<&Needles>) -> Result<Ledger, Problems> {
    parse_with(raw, needles, &mut KeyCache::default())
}

/// [`parse`], with keys already worked out (for another ledger of the same reader).
pub(crate) fn parse_with(
    raw: &RawLedger,
    needles: Option<&Needles>,
    cache: &mut KeyCache,
) -> Result<Ledger, Problems> {
    let path = &raw.path;
    let mut lines = Vec::new();
    let mut problems = Problems::default();
    for (i, line) in raw.text.split('\n').enumerate() {
        let n = u32::try_from(i + 1).unwrap_or(u32::MAX);
        let line = taken(i, line);
        if line.trim().is_empty() || needles.is_some_and(|k| !k.wants(line)) {
            continue;
        }
        take(path, n, line, &mut lines, &mut problems, cache);
        if problems.len() >= MAX_PROBLEMS {
            problems
                .0
                .push(Problem::file(path, "stopped after 20 problems"));
            break;
        }
    }
    problems.or_ok(Ledger {
        path: path.to_path_buf(),
        lines,
    })
}

/// Parses line `n` of the ledger at `path` into `lines`, or says what is wrong with it.
pub(crate) fn take(
    path: &Path,
    n: u32,
    line: &str,
    lines: &mut Vec<LedgerLine>,
    problems: &mut Problems,
    cache: &mut KeyCache,
) {
    if line.len() > MAX_LINE_BYTES {
        problems.0.push(Problem::at(
            path,
            n,
            1,
            format!(
                "line is over {} KB; a ledger line is a few hundred bytes",
                MAX_LINE_BYTES >> 10
            ),
        ));
    } else {
        match serde_json::from_str::<LedgerLine>(line) {
            Ok(l) => match wrong_in(&l, cache) {
                None => lines.push(l),
                Some(why) => problems.0.push(Problem::at(path, n, 1, why)),
            },
            Err(e) => problems.0.push(Problem::at(
                path,
                n,
                u32::try_from(e.column()).unwrap_or(1),
                format!("not a ledger line: {e} (each line is one JSON object; `tenderscore schema ledger` gives the format)"),
            )),
        }
    }
}

/// Every value, or every problem of those that failed.
pub(crate) fn every_or_problems<T>(results: Vec<Result<T, Problems>>) -> Result<Vec<T>, Problems> {
    let mut values = Vec::new();
    let mut problems = Problems::default();
    for r in results {
        match r {
            Ok(v) => values.push(v),
            Err(e) => problems.extend(e),
        }
    }
    problems.or_ok(values)
}

/// What is wrong with a line that parsed, if anything.
fn wrong_in(l: &LedgerLine, cache: &mut KeyCache) -> Option<String> {
    if l.ledger == 0 || l.ledger > LEDGER_VERSION {
        return Some(format!(
            "ledger format {} is not one this tenderscore reads (it reads {LEDGER_VERSION}); upgrade tenderscore",
            l.ledger
        ));
    }
    for e in &l.evidence {
        if let Some(h) = &e.sha256 {
            if h.len() != 64
                || !h
                    .bytes()
                    .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
            {
                return Some(format!(
                    "`{}` is not a SHA-256 (64 lower-case hex digits)",
                    crate::sanitize::inline(h)
                ));
            }
        }
    }
    if !keys_match(l, cache) {
        return Some(
            "its `keys` do not match its names, company number and certificate numbers: was the line edited? Write the ledger again with `tenderscore ledger`".into(),
        );
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_found_between_unescaped_quotes() {
        let found: Vec<&str> =
            strings_in(r#"{"company":"1234567","names":["acme \"x\" y","b\\"],"z":1}"#).collect();
        assert_eq!(
            found,
            [
                "company",
                "1234567",
                "names",
                r#"acme \"x\" y"#,
                r"b\\",
                "z"
            ]
        );
    }

    #[test]
    fn keys_are_matched_as_keys_of_works_them_out() {
        let line = |supplier: &str, legal: &str, company: &str, certs: &str| {
            let text = format!(
                r#"{{"ledger":1,"buyer":"B","tender":"T","as_of":"2026-01-01","rules":2,"tool":"0.2.0","supplier":"{supplier}","legal_names":[{legal}],"company_number":{company},"rubric":"r@1","question":"Q","answer":"yes","answered":true,"evidence":[{certs}],"decisions":[],"keys":{{}}}}"#
            );
            serde_json::from_str::<LedgerLine>(&text).unwrap()
        };
        let cert = |n: &str| {
            format!(
                r#"{{"sha256":null,"kind":"certificate","content":null,"certificate":{n},"verifier":null,"status":"attached","register":[]}}"#
            )
        };
        let certs = [cert(r#""CE-1""#), cert(r#""ce 1""#), cert(r#""B-2""#)].join(",");
        let bases = [
            line("Acme Ltd", "", "null", ""),
            // Two names with one key, a name that is only a company form, a leading zero.
            line("Acme Ltd", r#""Acme Limited","Ltd""#, r#""0123""#, ""),
            line("Acme Ltd", r#""Beta Analytics Ltd""#, r#""123""#, &certs),
            // Full-width digits; a number with no digit; a certificate with no number.
            line("Acme Ltd", "", r#""０１２３""#, &cert("null")),
            line("Acme Ltd", r#""Beta Ltd""#, r#""N/A""#, &cert(r#""CE-1""#)),
        ];
        let mut tried = [0, 0];
        for base in &bases {
            let right = keys_of(base);
            let mut variants = vec![right.clone()];
            let mut v = right.clone();
            v.names.reverse();
            variants.push(v);
            let mut v = right.clone();
            v.names.pop();
            variants.push(v);
            let mut v = right.clone();
            v.names.push("zeta".into());
            variants.push(v);
            let mut v = right.clone();
            v.names.extend(right.names.first().cloned());
            v.names.sort();
            variants.push(v);
            let mut v = right.clone();
            v.company = Some(v.company.map_or("9".into(), |c| format!("0{c}")));
            variants.push(v);
            let mut v = right.clone();
            v.company = None;
            variants.push(v);
            let mut v = right.clone();
            v.certificates.pop();
            variants.push(v);
            let mut v = right.clone();
            v.certificates.push("zz9".into());
            variants.push(v);
            let mut v = right.clone();
            v.certificates.reverse();
            variants.push(v);
            for keys in variants {
                let mut l = base.clone();
                l.keys = keys;
                let expected = l.keys == right;
                assert_eq!(keys_match(&l, &mut KeyCache::default()), expected, "{l:?}");
                tried[usize::from(expected)] += 1;
            }
        }
        // Both answers are tried.
        assert!(tried[0] >= 30 && tried[1] >= 5, "{tried:?}");
    }

    #[test]
    fn a_line_is_wanted_for_a_key_or_a_hash_and_only_then() {
        let hash = "ab".repeat(32);
        let n = Needles::new(
            vec![Bidder::new(
                Some("01234567"),
                ["Acme Analytics Ltd"],
                Vec::new(),
            )],
            ["CE-1"],
            [hash.as_str()],
        );
        let keys = |k: &str| format!(r#"{{"ledger":1,"keys":{k}}}"#);
        assert!(n.wants(&keys(
            r#"{"company":"1234567","names":[],"certificates":[]}"#
        )));
        // Names are keyed as compared: look-alike letters folded (`m` is keyed as `rn`).
        let name = identity_key("Acme Analytics Limited");
        assert!(n.wants(&keys(&format!(
            r#"{{"company":null,"names":["{name}"],"certificates":[]}}"#
        ))));
        assert!(n.wants(&keys(
            r#"{"company":null,"names":[],"certificates":["ce1"]}"#
        )));
        assert!(!n.wants(&keys(
            r#"{"company":"7654321","names":["acme"],"certificates":[]}"#
        )));
        // A key elsewhere on the line (a supplier's name written as the key) is not enough.
        assert!(!n.wants(
            r#"{"supplier":"1234567","keys":{"company":"9","names":[],"certificates":[]}}"#
        ));
        let cites = |h: &str| format!(r#"{{"evidence":[{{"sha256":"{h}"}}],"keys":{{}}}}"#);
        assert!(n.wants(&cites(&hash)));
        assert!(!n.wants(&cites(&"cd".repeat(32))));
        // No keys at all: read, so that the full read reports the line.
        assert!(n.wants(r#"{"ledger":1}"#));
    }
}
