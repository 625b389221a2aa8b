//! The shared ledger as JSON Lines: one compact JSON object per line, `\n` line ends.

use crate::model::ledger::LedgerLine;

/// The lines, each a JSON object on one line.
pub fn jsonl(lines: &[LedgerLine]) -> String {
    let mut out = String::new();
    for l in lines {
        // Serialising these plain types cannot fail.
        if let Ok(s) = serde_json::to_string(l) {
            out.push_str(&s);
            out.push('\n');
        }
    }
    out
}
