//! A supplier's response once validated: its answers, each with the evidence items it cites
//! and the facts found on disk behind each file.

use super::rubric::{EvidenceKind, Question};
use super::value::Answer;
use jiff::civil::Date;
use std::collections::BTreeMap;
use std::sync::Arc;

/// A validated response.
#[derive(Debug, Clone)]
pub struct Response {
    pub supplier: String,
    /// Registered names the supplier also trades under (scoring rules 2 match any of them).
    pub legal_names: Vec<String>,
    /// The registered address, as the response gives it.
    pub address: Option<String>,
    /// The unique identifier (a Companies House number or another register's).
    pub company_number: Option<String>,
    /// A contact email address.
    pub email: Option<String>,
    pub answers: BTreeMap<String, GivenAnswer>,
}

/// A validated answer to one question.
#[derive(Debug, Clone)]
pub struct GivenAnswer {
    pub value: Answer,
    pub comment: Option<String>,
    pub justification: Option<String>,
    pub evidence: Vec<Evidence>,
    pub line: u32,
    pub column: u32,
}

/// A validated evidence item and what was found on disk.
#[derive(Debug, Clone)]
pub struct Evidence {
    pub file: String,
    pub kind: EvidenceKind,
    pub issued: Option<Date>,
    pub expires: Option<Date>,
    pub verified_by: Option<String>,
    pub sha256: Option<String>,
    /// A certificate number to look up in the tender's certificate register (rules 2).
    pub certificate: Option<String>,
    pub facts: FileFacts,
    /// The file's text, read only under scoring rules 2, once per file.
    pub text: Option<Arc<TextFacts>>,
    pub line: u32,
    pub column: u32,
}

/// What the content checks of scoring rules 2 could read of an evidence file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TextFacts {
    /// The text, normalised for matching, with what the checks look up in it.
    Text(Box<DocText>),
    /// Nothing to read (a scanned PDF, an image, a format not read, a file too large): the
    /// panel checks it by hand; the item keeps the status it would have under rules 1.
    NoText(String),
    /// The file claims a format but cannot be parsed; treated as [`TextFacts::NoText`], with
    /// a warning.
    Unreadable(String),
}

/// The questions a response is checked against.
pub trait QuestionLookup {
    fn question(&self, id: &str) -> Option<&Question>;
    fn ids(&self) -> Vec<&str>;
    fn tender_id(&self) -> &str;
}

/// Facts about an evidence file, gathered once when the submission is loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileFacts {
    /// A regular file inside the submission folder.
    Present {
        size: u64,
        sha256: String,
    },
    /// Not found under exactly this name; with the near match that exists, if any (another
    /// letter case, backslashes for slashes, a small typo).
    Missing(Option<String>),
    /// Outside the submission folder after resolving `..` and symbolic links.
    Outside,
    /// A folder, device or other non-regular file.
    NotAFile,
    Unreadable(String),
}

impl FileFacts {
    pub fn sha256(&self) -> Option<&str> {
        match self {
            FileFacts::Present { sha256, .. } => Some(sha256),
            _ => None,
        }
    }
}

/// A document's text as the content checks use it, computed once when the file is read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocText {
    /// Normalised: NFKC, lower case, one space for any whitespace, hyphenation undone.
    pub text: String,
    /// As names are compared: punctuation dropped, company suffixes written one way.
    pub words: String,
    /// `text` in the document's own letter case, byte for byte at the same offsets, for
    /// quotes; none where lower case changed an offset.
    pub display: Option<String>,
    /// Offsets in `text` where a paragraph (a blank line) or a page starts: no sentence runs
    /// across one.
    pub breaks: Vec<usize>,
    /// Where its sentences and clauses start and its negations stand.
    pub structure: Structure,
    /// A PDF's pages: where pages 2, 3… start in `text`. None for other formats.
    pub pages: Option<Vec<usize>>,
    /// Every date stated, with its start and end offsets in `text`, in order.
    pub dated: Vec<(usize, usize, Date)>,
    /// Every date the document states in a common form.
    pub dates: std::collections::BTreeSet<Date>,
    /// Every (year, month) it names with no day before the month.
    pub months: std::collections::BTreeSet<(i16, i8)>,
    /// Dates the document gives as its expiry ("Expiry: …", "valid until …", "valid from X to
    /// Y"…).
    pub after_expiry: Vec<Date>,
}

/// Where sentences and clauses start, and where negations stand, found once per document so
/// that every phrase is judged in constant time whatever the length of its sentence.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Structure {
    /// Offsets where a sentence starts (0 first), in order.
    pub sentences: Vec<usize>,
    /// Offsets where a clause starts inside a sentence: after `,`, `;` or `:`, and at the
    /// words `but`, `however`, `although`, `whereas`, `except`, `unless`, `save`, and `and`
    /// before a new verb; outside brackets (a bracketed aside does not end a clause), in
    /// order.
    pub clauses: Vec<usize>,
    /// Offsets of negation words, with whether each stands outside brackets, in order.
    pub negations: Vec<(usize, bool)>,
}

/// Whether an evidence file's text was read for the content checks (scoring rules 2).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Content {
    /// Read and checked.
    Checked,
    /// No text to read (a scanned document, an image, a format not read): check it by hand.
    Unchecked,
    /// It claims a format but cannot be parsed: check it by hand.
    Unreadable,
}

crate::display_as_serde!(Content);
