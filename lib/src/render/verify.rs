//! The `verify` report: one line per difference, `file:` (an input changed) before `figure:`.

use crate::review::verify::Difference;

/// One line per difference; the text is already neutralised where it quotes a result.
pub fn report(diffs: &[Difference]) -> String {
    diffs
        .iter()
        .map(|d| format!("{}: {}\n", d.kind, crate::sanitize::inline(&d.text)))
        .collect()
}
