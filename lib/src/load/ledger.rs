//! Reading another council's ledger (`--ledger FILE`): JSON Lines, one [`LedgerLine`] each,
//! checked line by line. A ledger comes from outside: its size is bounded, every line must
//! parse and hold well-formed hashes, and one bad line fails the file with its line number
//! rather than being skipped.

use super::read::{open_regular, Links};
use crate::model::ledger::{LedgerLine, LEDGER_VERSION};
use crate::problem::{Problem, Problems};
use std::io::Read;
use std::path::{Path, PathBuf};

/// Largest ledger read, in bytes (a line is a few hundred bytes: about a million lines).
pub const MAX_LEDGER_BYTES: u64 = 512 << 20;
/// Longest line read, in bytes.
const MAX_LINE_BYTES: usize = 64 << 10;

/// A ledger as read.
#[derive(Debug, Clone)]
pub struct Ledger {
    pub path: PathBuf,
    pub lines: Vec<LedgerLine>,
}

/// Reads and checks the ledger at `path`.
pub fn read_ledger(path: &Path) -> Result<Ledger, Problems> {
    let mut file = open_regular(path, Links::Follow)?;
    let mut bytes = Vec::new();
    (&mut file)
        .take(MAX_LEDGER_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Problem::file(path, format!("cannot read: {e}")))?;
    if bytes.len() as u64 > MAX_LEDGER_BYTES {
        return Err(Problem::file(
            path,
            format!(
                "is over {} MB, the most a ledger may be; split it by tender",
                MAX_LEDGER_BYTES >> 20
            ),
        )
        .into());
    }
    let text = std::str::from_utf8(&bytes).map_err(|e| {
        Problem::file(
            path,
            format!(
                "is not UTF-8 text (byte {}): is it a ledger from `tenderscore ledger`?",
                e.valid_up_to()
            ),
        )
    })?;
    let mut lines = Vec::new();
    let mut problems = Problems::default();
    for (i, line) in text.split('\n').enumerate() {
        let n = u32::try_from(i + 1).unwrap_or(u32::MAX);
        let line = line.strip_suffix('\r').unwrap_or(line);
        let line = if i == 0 {
            line.strip_prefix('\u{feff}').unwrap_or(line)
        } else {
            line
        };
        if line.trim().is_empty() {
            continue;
        }
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
                Ok(l) => match wrong_in(&l) {
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
        if problems.len() >= 20 {
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

/// What is wrong with a line that parsed, if anything.
fn wrong_in(l: &LedgerLine) -> Option<String> {
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
    None
}
