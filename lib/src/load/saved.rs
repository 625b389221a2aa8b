//! A result saved by `score --format json`, read back for `verify`. Read as JSON values, not
//! as result types: a result written by an older version compares on the keys it has.

use super::read::read_text;
use crate::problem::Problem;
use crate::result::SCHEMA_VERSION;
use serde_json::Value;
use std::path::Path;

/// Largest saved result read, in bytes.
const MAX_RESULT_BYTES: u64 = 512 << 20;

/// The saved result, if it is one this version understands.
pub fn read(path: &Path) -> Result<Value, Problem> {
    let (text, _) = read_text(path, MAX_RESULT_BYTES)?;
    parse(path, &text)
}

/// A saved result's text (see [`read`]).
pub fn parse(path: &Path, text: &str) -> Result<Value, Problem> {
    let saved: Value = serde_json::from_str(text).map_err(|e| {
        Problem::at(
            path,
            e.line() as u32,
            e.column() as u32,
            format!("not a JSON result: {e}"),
        )
    })?;
    let version = saved["schema_version"]
        .as_u64()
        .ok_or_else(|| Problem::file(path, "no schema_version: not a tenderscore result"))?;
    if version > u64::from(SCHEMA_VERSION) {
        return Err(Problem::file(
            path,
            format!("schema_version {version} is newer than this tenderscore understands ({SCHEMA_VERSION}); use a newer tenderscore"),
        ));
    }
    Ok(saved)
}
