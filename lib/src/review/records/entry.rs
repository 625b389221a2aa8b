//! What a draft's fields hold: answers, facts and quotes, each with the file it cites.

use crate::result::{EvidenceStatus, QuestionResult};
use serde::Serialize;

/// How many hex digits of a SHA-256 a draft cites.
pub const SHA_DIGITS: usize = 16;

/// One thing the tender fills into a field.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "from", rename_all = "snake_case")]
pub enum Entry {
    /// The supplier's answer to a question.
    Answer(AnswerEntry),
    /// A fact of the tender or of the supplier's response, with the file it is stated in.
    Fact {
        label: String,
        value: String,
        source: Cite,
    },
    /// A protected characteristic named in the supplier's testing or monitoring evidence.
    Named {
        question: String,
        file: Cite,
        quote: String,
        page: Option<u32>,
        /// The sentence holds a negation ("not tested", "no data"): it may say the opposite
        /// of a result.
        negated: bool,
        /// How the evaluation found the evidence of that question, in words (the quote of a
        /// file found invalid or not bearing out its claim is shown, and so marked).
        evidence: String,
    },
    /// A protected characteristic named in none of the testing or monitoring evidence read.
    NotNamed {
        /// The questions whose evidence was searched.
        questions: Vec<String>,
        /// How many files' text could be searched.
        files: usize,
    },
}

#[derive(Debug, Clone, Serialize)]
pub struct AnswerEntry {
    pub question: String,
    /// `rubric@version`.
    pub rubric: String,
    /// The question, as the rubric asks it.
    pub asked: String,
    /// The answer in words: the option's label, the level's descriptor, the number with its
    /// unit, the text; null when unanswered.
    pub answer: Option<String>,
    /// The supplier's own words beside the answer (comment, justification): its claim, not a
    /// fact checked by the council.
    pub words: Option<String>,
    /// How the evidence stood, in words.
    pub evidence: String,
    pub files: Vec<Cite>,
}

/// A file cited: its path within the supplier's folder and the first 16 hex digits of its
/// SHA-256 (null when the file was missing or unreadable).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Cite {
    pub file: String,
    pub sha256: Option<String>,
}

impl Cite {
    pub fn new(file: &str, sha: Option<&str>) -> Self {
        Cite {
            file: file.to_string(),
            sha256: sha.map(|s| s.chars().take(SHA_DIGITS).collect()),
        }
    }

    /// `evidence/x.pdf (SHA-256 0123456789abcdef)`.
    pub fn describe(&self) -> String {
        match &self.sha256 {
            Some(h) => format!("{} (SHA-256 {h})", self.file),
            None => format!("{} (missing or unreadable)", self.file),
        }
    }
}

/// How an answer's evidence stood, in words.
pub(super) fn evidence_words(q: &QuestionResult) -> String {
    if q.answer.is_none() {
        return "no answer".into();
    }
    let base = match q.evidence {
        EvidenceStatus::NotNeeded => "no evidence needed",
        EvidenceStatus::None => "no evidence given",
        EvidenceStatus::Unconfirmed => "evidence given that does not bear out the claim",
        EvidenceStatus::Invalid => "evidence invalid",
        EvidenceStatus::Attached => "evidence attached and checked",
        EvidenceStatus::Verified => "evidence verified by a third party",
    };
    if q.evidence_reasons.is_empty() {
        base.into()
    } else {
        format!("{base} ({})", q.evidence_reasons.join("; "))
    }
}
