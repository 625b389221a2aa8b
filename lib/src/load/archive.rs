//! An archive of tenders: every tender folder under a root, at any depth, in a fixed order.

use crate::problem::Problem;
use std::path::{Path, PathBuf};

/// Every folder under `root` holding a `tender.toml`, sorted; a tender's own sub-folders are not
/// searched (a tender does not contain tenders). Hidden folders are skipped.
pub fn find_tenders(root: &Path) -> Result<Vec<PathBuf>, Problem> {
    let mut found = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        if dir.join("tender.toml").is_file() {
            found.push(dir);
            continue;
        }
        let entries = std::fs::read_dir(&dir)
            .map_err(|e| Problem::file(&dir, format!("cannot read this folder: {e}")))?;
        for e in entries.flatten() {
            let hidden = e.file_name().to_string_lossy().starts_with('.');
            if !hidden && e.file_type().is_ok_and(|t| t.is_dir()) {
                stack.push(e.path());
            }
        }
    }
    found.sort();
    Ok(found)
}
