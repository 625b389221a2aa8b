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

/// Reads a whole text file, refusing files over `limit` bytes, binary files and non-UTF-8.
/// Returns the text and the SHA-256 of exactly the bytes read, so callers hash what they parse.
pub fn read_text(path: &Path, limit: u64) -> Result<(String, String), Problem> {
    use std::io::Read;
    let file =
        std::fs::File::open(path).map_err(|e| Problem::file(path, format!("cannot read: {e}")))?;
    let meta = file
        .metadata()
        .map_err(|e| Problem::file(path, format!("cannot read: {e}")))?;
    if !meta.is_file() {
        return Err(Problem::file(path, "expected a regular file"));
    }
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
    if bytes.contains(&0) {
        return Err(Problem::file(
            path,
            "looks like a binary file (it contains NUL bytes); expected UTF-8 text",
        ));
    }
    let sha256 = crate::registry::sha256_hex(&bytes);
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

/// Parses YAML strictly: duplicate keys rejected, alias expansion and nesting under budget.
pub fn parse<T: DeserializeOwned>(path: &Path, text: &str) -> Result<T, Problem> {
    let mut options = serde_saphyr::Options::default();
    options.with_snippet = false;
    // Comments are never read, so they are not captured.
    options.emit_comments = false;
    serde_saphyr::from_str_with_options(text, options).map_err(|e| saphyr_problem(path, &e))
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
