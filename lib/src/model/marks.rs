//! Evaluators' marks for free-text answers, once read from `marks.csv`.

/// The evaluator name that marks a moderated (agreed) mark.
pub const MODERATED: &str = "moderated";

/// One row of `marks.csv`.
#[derive(Debug, Clone, PartialEq)]
pub struct Mark {
    pub evaluator: String,
    /// The supplier's folder: its identity, whatever name the row used.
    pub folder: String,
    pub question: String,
    pub mark: u32,
    pub reason: String,
}

impl Mark {
    pub fn is_moderated(&self) -> bool {
        self.evaluator.eq_ignore_ascii_case(MODERATED)
    }
}
