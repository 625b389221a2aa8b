//! Which of a ledger's lines may raise a flag about the tender, so that through an index the
//! others are passed over unread: what an index records of each line (the evidence on it found
//! wanting; its keys with digests of its question and its answer), and the rule that judges
//! those facts against the tender's suppliers.
//!
//! The rule is the cross-check's (`review::ledger::cross_check`), read the other way round. A
//! line raises a flag only
//! 1. for a supplier it is matched to (one of the line's keys is the supplier's company number
//!    or one of its names), when it records a different answer to a question that supplier
//!    answered here, not in free text, under the same rubric version; or
//! 2. when it cites a file found wanting there (rejected, invalid or unconfirmed) or a
//!    certificate number the register there found wanting, whoever cites either here.
//!
//! A change to those rules there must be made here too, with a new index format (`MAGIC` in
//! `ledger_index`), so that indexes written under the old rule are not used.
//!
//! So a line is passed over when no file or certificate it found wanting is cited here and,
//! for every supplier here one of whose keys it holds, it records no answer, or an answer to a question that supplier
//! did not answer here (or answered in free text), or the very same answer. A line that shares
//! only a key digest with a supplier is judged for that supplier too: that can only cost a
//! read. The answer digest is 16 bytes of SHA-256, so that no two answers a supplier could
//! give are found the same by chance or by design; the question digest can be short, since
//! two questions taken for one only cost a read.

use super::names::certificate_key;
use crate::model::ledger::{ItemStatus, RegisterFinding};
use serde::Deserialize;
use std::borrow::Cow;
use std::collections::HashSet;

/// Width of what an index records of a line's answer: the question digest, the answer digest.
pub(crate) const ANSWERED: usize = QUESTION + ANSWER;
const ANSWER: usize = 16;
const QUESTION: usize = 4;

type AnswerDigest = [u8; ANSWER];
type QuestionDigest = [u8; QUESTION];

/// SHA-256 of `what` and the strings, each preceded by its length (so no two lists of strings
/// give the same input).
fn digest(what: &[u8], strings: &[&str]) -> [u8; 32] {
    use sha2::{Digest as _, Sha256};
    let mut h = Sha256::new();
    h.update(what);
    for s in strings {
        h.update((s.len() as u64).to_le_bytes());
        h.update(s.as_bytes());
    }
    h.finalize().into()
}

fn answer_digest(rubric: &str, question: &str, answer: &str) -> AnswerDigest {
    let d = digest(b"answer", &[rubric, question, answer]);
    let mut out = [0u8; ANSWER];
    out.copy_from_slice(&d[..ANSWER]);
    out
}

fn question_digest(rubric: &str, question: &str) -> QuestionDigest {
    let d = digest(b"question", &[rubric, question]);
    let mut out = [0u8; QUESTION];
    out.copy_from_slice(&d[..QUESTION]);
    out
}

/// What an index records of a line's answer: its question's digest, then its answer's.
fn answered(rubric: &str, question: &str, answer: &str) -> [u8; ANSWERED] {
    let mut out = [0u8; ANSWERED];
    out[..QUESTION].copy_from_slice(&question_digest(rubric, question));
    out[QUESTION..].copy_from_slice(&answer_digest(rubric, question, answer));
    out
}

/// The fields of a ledger line the rule needs (the rest are not read here; a line is checked
/// in full when it is read).
#[derive(Deserialize)]
struct Facts<'a> {
    #[serde(borrow)]
    rubric: Cow<'a, str>,
    #[serde(borrow)]
    question: Cow<'a, str>,
    #[serde(default, borrow)]
    answer: Option<Cow<'a, str>>,
    #[serde(default)]
    evidence: Vec<ItemFacts<'a>>,
    #[serde(borrow)]
    keys: KeyFacts<'a>,
}

#[derive(Deserialize)]
struct ItemFacts<'a> {
    #[serde(default, borrow)]
    sha256: Option<Cow<'a, str>>,
    status: ItemStatus,
    #[serde(default, borrow)]
    certificate: Option<Cow<'a, str>>,
    #[serde(default)]
    register: Vec<RegisterFinding>,
}

#[derive(Deserialize)]
struct KeyFacts<'a> {
    #[serde(default, borrow)]
    company: Option<Cow<'a, str>>,
    #[serde(default, borrow)]
    names: Vec<Cow<'a, str>>,
}

/// What an index records of a line, to find it by.
#[derive(Debug, PartialEq)]
pub(crate) struct LineFacts {
    /// The files it cites that were found wanting there (their SHA-256s) and the certificate
    /// numbers the register there found wanting (in the form compared): a line that cites one
    /// of this tender's is read.
    pub wanting: Vec<Wanting>,
    /// When it records an answer: its company number and names (its `keys`), and its answer as
    /// [`Answers`] compares it. Found by a supplier's key, it is read if the answer may differ
    /// from the supplier's. A line without an answer raises no flag by its keys.
    pub answer: Option<(Vec<String>, [u8; ANSWERED])>,
}

/// Evidence found wanting on a line.
#[derive(Debug, PartialEq)]
pub(crate) enum Wanting {
    File(String),
    Certificate(String),
}

/// What an index records of a ledger line (its text, without its newline); `None` for a line
/// it cannot make sense of (such a line is read whenever it is found by anything it holds, so
/// that the read judges it) or an empty one.
pub(crate) fn facts(line: &str) -> Option<LineFacts> {
    let f = serde_json::from_str::<Facts>(line).ok()?;
    // What the cross-check looks up by file or certificate: an item found wanting there.
    let mut wanting = Vec::new();
    for e in &f.evidence {
        if let Some(h) = e.sha256.as_deref().filter(|_| e.status.is_adverse()) {
            wanting.push(Wanting::File(h.to_string()));
        }
        if let Some(c) = e
            .certificate
            .as_deref()
            .filter(|_| e.register.iter().any(|r| r.is_adverse()))
        {
            let k = certificate_key(c);
            if !k.is_empty() {
                wanting.push(Wanting::Certificate(k));
            }
        }
    }
    let answer = f.answer.as_deref().map(|a| {
        let keys = f
            .keys
            .company
            .iter()
            .chain(&f.keys.names)
            .map(|k| k.to_string())
            .collect();
        (keys, answered(&f.rubric, &f.question, a))
    });
    Some(LineFacts { wanting, answer })
}

/// A supplier of the tender as the rule sees it: the questions it answered here, not in free
/// text, and those answers.
#[derive(Debug, Default)]
pub(crate) struct Answers {
    questions: HashSet<QuestionDigest>,
    answers: HashSet<AnswerDigest>,
}

impl Answers {
    /// From `(rubric@version, question id, answer as shown)` for each answer that is not free
    /// text.
    pub(crate) fn new<'a>(given: impl IntoIterator<Item = &'a (String, String, String)>) -> Self {
        let mut out = Answers::default();
        for (rubric, question, answer) in given {
            out.questions.insert(question_digest(rubric, question));
            out.answers.insert(answer_digest(rubric, question, answer));
        }
        out
    }

    /// Whether a line whose answer an index records as `recorded` may hold an answer other
    /// than this supplier's to a question it answered here.
    pub(crate) fn may_differ(&self, recorded: &[u8; ANSWERED]) -> bool {
        let mut q = [0u8; QUESTION];
        q.copy_from_slice(&recorded[..QUESTION]);
        let mut a = [0u8; ANSWER];
        a.copy_from_slice(&recorded[QUESTION..]);
        self.questions.contains(&q) && !self.answers.contains(&a)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(answer: Option<&str>, evidence: &str) -> String {
        let answer = answer.map_or("null".to_string(), |a| format!("\"{a}\""));
        format!(
            r#"{{"ledger":1,"rubric":"gdpr@1.2.0","question":"GDPR-16","answer":{answer},"answered":true,"evidence":[{evidence}],"keys":{{"company":"7","names":["acme"],"certificates":["is1"]}}}}"#
        )
    }

    fn asked(answers: &[(&str, &str, &str)]) -> Answers {
        let given: Vec<(String, String, String)> = answers
            .iter()
            .map(|(r, q, a)| (r.to_string(), q.to_string(), a.to_string()))
            .collect();
        Answers::new(&given)
    }

    /// Whether a supplier who answered so may be contradicted by the line.
    fn differs(l: &str, here: &Answers) -> bool {
        let (_, recorded) = facts(l).unwrap().answer.unwrap();
        here.may_differ(&recorded)
    }

    #[test]
    fn an_answer_may_differ_only_from_an_answer_to_the_same_question() {
        let here = asked(&[("gdpr@1.2.0", "GDPR-16", "uk_only")]);
        assert!(!differs(&line(Some("uk_only"), ""), &here));
        assert!(differs(&line(Some("other_with_safeguards"), ""), &here));
        // A question not answered here (or in free text), or another rubric version: nothing
        // to contradict.
        let elsewhere = asked(&[("gdpr@1.2.0", "GDPR-15", "other_with_safeguards")]);
        assert!(!differs(
            &line(Some("other_with_safeguards"), ""),
            &elsewhere
        ));
        let older = asked(&[("gdpr@1.1.0", "GDPR-16", "uk_only")]);
        assert!(!differs(&line(Some("other_with_safeguards"), ""), &older));
        // No answer there: nothing to find the line by its keys for.
        assert_eq!(facts(&line(None, "")).unwrap().answer, None);
        // The keys found by are the company number and names, not the certificates.
        let (keys, _) = facts(&line(Some("uk_only"), "")).unwrap().answer.unwrap();
        assert_eq!(keys, ["7", "acme"]);
    }

    #[test]
    fn a_line_citing_evidence_found_wanting_is_found_by_it() {
        let hash = "ab".repeat(32);
        let wanting = |e: &str| facts(&line(None, e)).unwrap().wanting;
        for status in ["rejected", "invalid", "unconfirmed"] {
            let e = format!(r#"{{"sha256":"{hash}","kind":"policy","status":"{status}"}}"#);
            assert_eq!(wanting(&e), [Wanting::File(hash.clone())], "{status}");
        }
        for status in ["confirmed", "verified", "attached"] {
            let e = format!(r#"{{"sha256":"{hash}","kind":"policy","status":"{status}"}}"#);
            assert_eq!(wanting(&e), [], "{status}");
        }
        // Without a hash, a status is not looked up by file.
        assert_eq!(
            wanting(r#"{"sha256":null,"kind":"policy","status":"rejected"}"#),
            []
        );
        let cert = |register: &str| {
            format!(
                r#"{{"sha256":null,"kind":"certificate","certificate":"IS 1","status":"attached","register":[{register}]}}"#
            )
        };
        let is1 = [Wanting::Certificate("is1".into())];
        assert_eq!(wanting(&cert(r#""withdrawn""#)), is1);
        assert_eq!(wanting(&cert(r#""valid","another_holder""#)), is1);
        assert_eq!(wanting(&cert(r#""valid""#)), []);
        assert_eq!(wanting(&cert(r#""not_listed""#)), []);
        // What the index cannot make sense of is left to the caller.
        assert_eq!(facts("{\"rubric\":"), None);
    }

    #[test]
    fn answers_are_told_apart_by_every_part() {
        // Lengths are part of the digest: moving a character from one part to the next is
        // another answer.
        assert_ne!(answer_digest("a", "bc", "d"), answer_digest("ab", "c", "d"));
        assert_ne!(answer_digest("a", "b", "cd"), answer_digest("a", "bc", "d"));
        assert_ne!(question_digest("a", "bc"), question_digest("ab", "c"));
        // An escaped answer is the answer it stands for.
        let plain = facts(&line(Some("é"), "")).unwrap();
        let escaped = facts(&line(Some("\\u00e9"), "")).unwrap();
        assert_eq!(plain, escaped);
    }
}
