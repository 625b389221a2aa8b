//! Reading untrusted text files: size limits, binary detection, and YAML with located errors.

use crate::problem::Problem;
use serde::de::DeserializeOwned;
use std::path::Path;

/// Largest `tender.toml` read, in bytes.
pub const MAX_TENDER_BYTES: u64 = 1 << 20;
/// Largest rubric file read, in bytes.
pub const MAX_RUBRIC_BYTES: u64 = 4 << 20;
/// Largest `response.yaml` read, in bytes.
pub const MAX_RESPONSE_BYTES: u64 = 4 << 20;
/// Largest `marks.csv` read, in bytes.
pub const MAX_MARKS_BYTES: u64 = 16 << 20;

/// Whether a symbolic link may stand where a file is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Links {
    /// Follow it (the buyer's own files: tender.toml, marks.csv, rubrics).
    Follow,
    /// Refuse it (a supplier's files: a link could publish `/etc/passwd` or clone a rival bid).
    Refuse,
}

/// What stands at `path` when it is not a regular file, in words.
fn not_regular(meta: &std::fs::Metadata) -> &'static str {
    let t = meta.file_type();
    if t.is_dir() {
        return "a folder";
    }
    if t.is_symlink() {
        return "a symbolic link";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if t.is_char_device() || t.is_block_device() {
            return "a device";
        }
        if t.is_socket() {
            return "a socket";
        }
    }
    "not a regular file"
}

/// Opens a file for reading without ever blocking (a FIFO opens at once and is then refused)
/// and, with [`Links::Refuse`], without following a symbolic link.
pub fn open_regular(path: &Path, links: Links) -> Result<std::fs::File, Problem> {
    open_regular_meta(path, links).map(|(file, _)| file)
}

/// [`open_regular`], with the open file's metadata.
pub fn open_regular_meta(
    path: &Path,
    links: Links,
) -> Result<(std::fs::File, std::fs::Metadata), Problem> {
    let cannot = |e: std::io::Error| Problem::file(path, format!("cannot read: {e}"));
    // One lstat before opening (this runs for every evidence file): a link is refused or
    // left to `open` to follow; anything else that is not a regular file is never opened.
    let before = std::fs::symlink_metadata(path).map_err(cannot)?;
    if before.file_type().is_symlink() {
        if links == Links::Refuse {
            return Err(Problem::file(
                path,
                "is a symbolic link; only regular files inside the submission folder are read",
            ));
        }
    } else if !before.is_file() {
        return Err(Problem::file(
            path,
            format!("is {}, not a regular file", not_regular(&before)),
        ));
    }
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        let mut flags = libc::O_NONBLOCK;
        if links == Links::Refuse {
            flags |= libc::O_NOFOLLOW;
        }
        options.custom_flags(flags);
    }
    let file = options.open(path).map_err(cannot)?;
    // Checked again on the open file: the path may have been swapped since.
    let meta = file.metadata().map_err(cannot)?;
    if !meta.is_file() {
        return Err(Problem::file(
            path,
            format!("is {}, not a regular file", not_regular(&meta)),
        ));
    }
    Ok((file, meta))
}

/// Reads a whole text file, refusing files over `limit` bytes, binary files and non-UTF-8.
/// Returns the text and the SHA-256 of exactly the bytes read, so callers hash what they parse.
pub fn read_text(path: &Path, limit: u64) -> Result<(String, String), Problem> {
    read_text_with(path, limit, Links::Follow)
}

/// As [`read_text`], choosing whether a symbolic link is followed.
pub fn read_text_with(path: &Path, limit: u64, links: Links) -> Result<(String, String), Problem> {
    let bytes = read_bytes_with(path, limit, links)?;
    if bytes.contains(&0) {
        return Err(Problem::file(
            path,
            "looks like a binary file (it contains NUL bytes); expected UTF-8 text",
        ));
    }
    let sha256 = sha256_hex(&bytes);
    match String::from_utf8(bytes) {
        Ok(text) => Ok((text, sha256)),
        Err(e) => {
            let bytes = e.as_bytes();
            let upto = &bytes[..e.utf8_error().valid_up_to()];
            let line = upto.iter().filter(|b| **b == b'\n').count() as u32 + 1;
            Err(Problem::at(path, line, 0, "is not valid UTF-8 text"))
        }
    }
}

/// The bytes of a regular file of at most `limit` bytes (a workbook, say), read without
/// following links when `links` says so and without blocking on a FIFO.
pub fn read_bytes_with(path: &Path, limit: u64, links: Links) -> Result<Vec<u8>, Problem> {
    use std::io::Read;
    let file = open_regular(path, links)?;
    let meta = file
        .metadata()
        .map_err(|e| Problem::file(path, format!("cannot read: {e}")))?;
    if meta.len() > limit {
        return Err(Problem::file(
            path,
            format!(
                "file is {} bytes; the limit for this kind of file is {} bytes",
                meta.len(),
                limit
            ),
        ));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Problem::file(path, format!("cannot read: {e}")))?;
    if bytes.len() as u64 > limit {
        return Err(Problem::file(
            path,
            format!("file is larger than the limit of {limit} bytes"),
        ));
    }
    Ok(bytes)
}

/// Parses YAML strictly: duplicate keys rejected, alias expansion and nesting under budget.
pub fn parse<T: DeserializeOwned>(path: &Path, text: &str) -> Result<T, Problem> {
    let mut options = serde_saphyr::Options::default();
    options.with_snippet = false;
    // Comments are never read, so they are not captured.
    options.emit_comments = false;
    serde_saphyr::from_str_with_options(text, options).map_err(|e| {
        let p = saphyr_problem(path, &e);
        explain(path, text, p)
    })
}

/// Adds the fix to a parser message where the cause is a common slip: a tab used for
/// indentation (reported where the tab is), or a line indented to the wrong column.
/// What a bare "invalid …" message from the YAML parser wanted, in words with an example.
fn scalar_wanted(message: &str) -> Option<&'static str> {
    let m = message.trim_end_matches('.');
    if m == "invalid floating point" {
        Some("a number (for example 1 or 2.5, without quotes)")
    } else if m == "invalid boolean" {
        Some("true or false (without quotes)")
    } else if m.starts_with("invalid u") || m.starts_with("invalid i") {
        Some("a whole number (for example 30, without quotes)")
    } else {
        None
    }
}

/// The plain scalar starting at a 1-based line and column, up to the next `,`, `}`, `]`, or
/// ` #` comment.
fn scalar_at(text: &str, line: u32, column: u32) -> Option<String> {
    let l = text.lines().nth(line.checked_sub(1)? as usize)?;
    let rest: String = l.chars().skip(column.checked_sub(1)? as usize).collect();
    let end = rest
        .find([',', '}', ']'])
        .into_iter()
        .chain(rest.find(" #"))
        .min()
        .unwrap_or(rest.len());
    let v = rest[..end].trim();
    (!v.is_empty()).then(|| crate::sanitize::inline(v))
}

fn explain(path: &Path, text: &str, p: Problem) -> Problem {
    let upto = p.line.map_or(usize::MAX, |l| l as usize + 1);
    let tab = text.lines().take(upto).enumerate().find_map(|(i, l)| {
        let indent = &l[..l.len() - l.trim_start().len()];
        indent.find('\t').map(|c| (i as u32 + 1, c as u32 + 1))
    });
    if let Some((line, col)) = tab {
        if p.message.contains("tab")
            || p.message.contains("indent")
            || p.message.contains("expected")
        {
            return Problem::at(
                path,
                line,
                col,
                "a tab is used for indentation; YAML indents with spaces only: replace the tab with spaces",
            );
        }
    }
    if let Some(wanted) = scalar_wanted(&p.message) {
        let found = p
            .line
            .zip(p.column)
            .and_then(|(l, c)| scalar_at(text, l, c))
            .map(|v| format!(", found `{v}`"))
            .unwrap_or_default();
        let mut p = p;
        p.message = format!("expected {wanted}{found}");
        return p;
    }
    if p.message.contains("did not find expected key")
        || p.message.contains("mapping values are not allowed")
        || p.message.contains("block sequence entries are not allowed")
    {
        let mut p = p;
        p.message.push_str(
            ": check the indentation of this line and the one before it; keys of one mapping must \
             start in the same column, and what belongs to a key is indented further, with spaces",
        );
        return p;
    }
    p
}

/// Converts a serde-saphyr error to a located problem, without the duplicated location prefix.
pub fn saphyr_problem(path: &Path, e: &serde_saphyr::Error) -> Problem {
    let text = e.to_string();
    let first = text.lines().next().unwrap_or("").trim();
    let first = first.strip_prefix("error: ").unwrap_or(first);
    // "line 5 column 3: message" -> "message"
    let message = match first.split_once(": ") {
        Some((head, rest)) if head.starts_with("line ") => rest,
        _ => first,
    };
    // serde errors repeat the location at the end: "… at line 3, column 1."
    let message = match message.find(" at line ") {
        Some(i) => &message[..i],
        None => message,
    };
    let message = message
        .replace(", set DuplicateKeyPolicy in Options if acceptable", "")
        .replace(
            "duplicate mapping key",
            "duplicate key (each key may appear only once)",
        );
    let message = suggest_variant(&message);
    let message = if message.starts_with("budget breached") {
        format!("the YAML is too large or expands too far through aliases (alias bomb?); {message}")
    } else {
        message
    };
    match e.location() {
        Some(loc) => Problem::at_loc(path, &loc, message),
        None => Problem::file(path, message),
    }
}

/// serde's "unknown variant `Policy`, expected one of `policy`, …" in words: "`Policy` is not
/// one of the allowed values (`policy`, …) (did you mean `policy`?)".
fn suggest_variant(message: &str) -> String {
    let Some(rest) = message.strip_prefix("unknown variant `") else {
        return message.to_string();
    };
    let Some((wanted, tail)) = rest.split_once('`') else {
        return message.to_string();
    };
    let list = tail.split_once("expected one of ").map_or("", |(_, l)| l);
    let choices: Vec<&str> = list
        .split(", ")
        .map(|c| c.trim_matches(|c: char| c == '`' || c == '.' || c.is_whitespace()))
        .collect();
    let allowed: Vec<String> = choices
        .iter()
        .filter(|c| !c.is_empty())
        .map(|c| format!("`{c}`"))
        .collect();
    format!(
        "`{wanted}` is not one of the allowed values ({}){}",
        allowed.join(", "),
        crate::problem::did_you_mean(wanted, choices.iter().copied())
    )
}

/// Whether a relative path stays inside the folder it is joined to, read lexically: no root
/// or drive prefix, and never more `..` than names before them. The one path-confinement
/// rule, for `submissions` in tender.toml and for evidence paths (which are also checked
/// after resolving links).
pub fn stays_inside(p: &Path) -> bool {
    use std::path::Component;
    let mut depth = 0i32;
    for c in p.components() {
        match c {
            Component::Normal(_) => depth += 1,
            Component::CurDir => {}
            Component::ParentDir => {
                depth -= 1;
                if depth < 0 {
                    return false;
                }
            }
            Component::RootDir | Component::Prefix(_) => return false,
        }
    }
    true
}

/// SHA-256 of bytes, as lowercase hex: how every file is fingerprinted.
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    format!("{:x}", Sha256::digest(bytes))
}

/// The 1-based line where each CSV record starts, counted from its byte offset in `text` (the
/// csv crate's own count is one short in files with CRLF line ends, as Excel writes them).
/// Records come in order, so each count carries on from the last one: reading a file costs one
/// pass, not one pass per record.
pub(crate) struct CsvLines<'a> {
    text: &'a [u8],
    /// Bytes counted so far, and the line breaks among them.
    at: usize,
    breaks: u64,
}

impl<'a> CsvLines<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        CsvLines {
            text: text.as_bytes(),
            at: 0,
            breaks: 0,
        }
    }

    pub(crate) fn line(&mut self, p: &csv::Position) -> u64 {
        let bytes = self.text;
        let mut end = usize::try_from(p.byte())
            .unwrap_or(usize::MAX)
            .min(bytes.len());
        // With CRLF the record is reported at the `\n` of the line before it.
        while end < bytes.len() && matches!(bytes[end], b'\r' | b'\n') {
            end += 1;
        }
        if end < self.at {
            (self.at, self.breaks) = (0, 0);
        }
        self.breaks += bytes[self.at..end].iter().filter(|&&b| b == b'\n').count() as u64;
        self.at = end;
        self.breaks + 1
    }
}
