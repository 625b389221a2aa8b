//! The `check` report: one problem per line, `file:line:col: message`.

use crate::problem::Problem;
use std::path::Path;

/// Every problem, one per line.
pub fn problems(found: &[Problem]) -> String {
    found
        .iter()
        .map(|p| format!("{}\n", crate::sanitize::inline(&p.to_string())))
        .collect()
}

/// The line for a folder that holds no tender.
pub fn not_a_tender(dir: &Path) -> String {
    format!(
        "{}: no tender.toml here: is this a tender folder?\n",
        crate::sanitize::inline(&dir.display().to_string())
    )
}

/// A finding from another council's ledger, as `check` notes it: the supplier's folder, then
/// the finding (which starts with the question).
pub fn ledger_note(f: &crate::review::ledger::LedgerFinding) -> String {
    crate::sanitize::inline(&format!("{}: warning (ledger): {}", f.folder, f.message))
}
