//! The core's one error type: a problem found in an input, located by file, line and column
//! where it has a place, with a message that says what was expected and how to fix it.

use std::fmt;
use std::path::{Path, PathBuf};

/// One thing wrong with an input file: where it is and what was expected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The file, or none for a problem with what was asked (an unknown rubric, say).
    pub file: Option<PathBuf>,
    pub line: Option<u32>,
    pub column: Option<u32>,
    pub message: String,
}

impl Problem {
    /// A problem with the file as a whole (no line).
    pub fn file(file: &Path, message: impl Into<String>) -> Self {
        Problem {
            file: Some(file.to_path_buf()),
            line: None,
            column: None,
            message: message.into(),
        }
    }

    /// A problem at a line and column (1-based; 0 means unknown).
    pub fn at(file: &Path, line: u32, column: u32, message: impl Into<String>) -> Self {
        Problem {
            file: Some(file.to_path_buf()),
            line: (line > 0).then_some(line),
            column: (line > 0 && column > 0).then_some(column),
            message: message.into(),
        }
    }

    /// A problem with what was asked rather than with a file.
    pub fn asked(message: impl Into<String>) -> Self {
        Problem {
            file: None,
            line: None,
            column: None,
            message: message.into(),
        }
    }

    /// A problem at a serde-saphyr location.
    pub fn at_loc(file: &Path, loc: &serde_saphyr::Location, message: impl Into<String>) -> Self {
        Problem::at(file, loc.line() as u32, loc.column() as u32, message)
    }
}

impl fmt::Display for Problem {
    /// `file:line:col: message`, on one line: the path and the message may hold supplier text
    /// (a folder name, a quoted value), so both are neutralised here, once for every output.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(file) = &self.file {
            let file = file.display().to_string();
            write!(f, "{}", crate::sanitize::inline(&file))?;
            if let Some(line) = self.line {
                write!(f, ":{line}")?;
                if let Some(col) = self.column {
                    write!(f, ":{col}")?;
                }
            }
            f.write_str(": ")?;
        }
        f.write_str(&crate::sanitize::inline(&self.message))
    }
}

/// A list of problems that stops loading; displays one per line.
#[derive(Debug, Clone, Default)]
pub struct Problems(pub Vec<Problem>);

impl fmt::Display for Problems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, p) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{p}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Problems {}

impl std::error::Error for Problem {}

impl From<Problem> for Problems {
    fn from(p: Problem) -> Self {
        Problems(vec![p])
    }
}

impl From<Vec<Problem>> for Problems {
    fn from(v: Vec<Problem>) -> Self {
        Problems(v)
    }
}

impl Extend<Problem> for Problems {
    fn extend<I: IntoIterator<Item = Problem>>(&mut self, iter: I) {
        self.0.extend(iter);
    }
}

impl FromIterator<Problem> for Problems {
    fn from_iter<I: IntoIterator<Item = Problem>>(iter: I) -> Self {
        Problems(iter.into_iter().collect())
    }
}

impl IntoIterator for Problems {
    type Item = Problem;
    type IntoIter = std::vec::IntoIter<Problem>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl Problems {
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// `Ok(value)` when there are no problems, else these problems.
    pub fn or_ok<T>(self, value: T) -> Result<T, Problems> {
        if self.is_empty() {
            Ok(value)
        } else {
            Err(self)
        }
    }
}

/// The nearest candidate to `wanted`, if it is close enough to be a plausible typo.
pub fn nearest<'a>(wanted: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (wanted.chars().count() / 3).max(2);
    candidates
        .into_iter()
        .map(|c| {
            (
                strsim::levenshtein(&wanted.to_uppercase(), &c.to_uppercase()),
                c,
            )
        })
        .filter(|(d, _)| *d <= limit)
        .min_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(b.1)))
        .map(|(_, c)| c)
}

/// " (did you mean `X`?)" or nothing.
pub fn did_you_mean<'a>(wanted: &str, candidates: impl IntoIterator<Item = &'a str>) -> String {
    match nearest(wanted, candidates) {
        Some(c) => format!(" (did you mean `{c}`?)"),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_nearest_id() {
        assert_eq!(
            nearest("AIME-1.11", ["AIME-1.1", "AIME-2.1", "GDPR-1"]),
            Some("AIME-1.1")
        );
        assert_eq!(nearest("XYZ-99", ["AIME-1.1"]), None);
    }
}
