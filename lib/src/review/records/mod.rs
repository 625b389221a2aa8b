//! The council's own records, drafted from the evaluated tender (`tenderscore records`): a
//! data protection impact assessment, an equality impact assessment and an Algorithmic
//! Transparency Recording Standard record for one supplier. Pure: builds a [`Record`] view
//! from the loaded tender and its result; `render::records` writes it as Markdown, DOCX or
//! JSON.
//!
//! What a draft may say: the supplier's answers and evidence, each with the question id and,
//! for a file, its name and the first 16 hex digits of its SHA-256; the evaluation's findings
//! as listed risks; and "Council to complete" wherever the tender holds nothing. It never
//! states a conclusion that is the council's to reach: no level of risk, no judgement that a
//! duty is met. Which questions inform which field is one table, [`templates`].

pub mod templates;

use crate::load::{LoadedTender, Submission};
use crate::model::response::{FileFacts, TextFacts};
use crate::model::rubric::Severity;
use crate::model::rubric::{Kind, Question};
use crate::model::value::Answer;
use crate::result::{EvidenceStatus, FlagKind, QuestionResult, TenderResult};
use serde::Serialize;
pub use templates::RecordKind;
use templates::{Src, SupplierFact, Template, TenderFact};

/// What the council writes wherever the tender holds nothing.
pub const COUNCIL: &str = "Council to complete";
/// What the council writes against each listed risk.
pub const COUNCIL_ASSESS: &str = "Council to assess";
/// How many hex digits of a SHA-256 a draft cites.
pub const SHA_DIGITS: usize = 16;

/// A draft record.
#[derive(Debug, Clone, Serialize)]
pub struct Record {
    pub record: RecordKind,
    pub title: String,
    /// The template followed, with its version.
    pub follows: String,
    pub tender: TenderRef,
    pub supplier: SupplierRef,
    /// The evaluation's standing: final with the most advantageous tender, or provisional with
    /// what is pending.
    pub evaluation: String,
    /// The tool and rules that scored it.
    pub scored_by: String,
    pub sections: Vec<RecordSection>,
    /// The risks drawn from the evaluation's findings on this record's questions.
    pub risks: Vec<Risk>,
    /// Every evidence file cited, once, in the order first cited.
    pub files: Vec<Cite>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TenderRef {
    pub id: String,
    pub title: String,
    pub buyer: String,
    pub as_of: String,
    pub risk_tier: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct SupplierRef {
    pub name: String,
    pub folder: String,
    pub company_number: Option<String>,
    /// The response file and the first 16 hex digits of its SHA-256.
    pub response: Option<Cite>,
    /// pass, fail, incomplete… as the evaluation found.
    pub status: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct RecordSection {
    pub key: String,
    pub title: String,
    pub fields: Vec<RecordField>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RecordField {
    /// The template's field name (ATRS) or this tool's stable key.
    pub key: String,
    pub label: String,
    pub asks: String,
    /// What the tender fills in, each with its source.
    pub filled: Vec<Entry>,
    /// Whether the field lists the record's risks.
    pub lists_risks: bool,
    /// What the council must write here ("Council to complete: …"); always set when nothing
    /// is filled.
    pub council: Option<String>,
}

impl RecordField {
    /// True when the tender fills nothing here.
    pub fn unfilled(&self) -> bool {
        self.filled.is_empty() && !self.lists_risks
    }
}

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

/// What kind of finding a risk comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Finding {
    Contradiction,
    FlaggedAnswer,
    MustNotShow,
    InvalidEvidence,
    PanelToRead,
    UnconfirmedEvidence,
    NoEvidence,
    FailedGate,
    WeakAnswer,
    Unanswered,
}

impl Finding {
    pub fn words(self) -> &'static str {
        match self {
            Finding::Contradiction => "answers that contradict each other",
            Finding::FlaggedAnswer => "an answer the rubric flags",
            Finding::MustNotShow => "evidence that says what the rubric rules out",
            Finding::PanelToRead => {
                "evidence the tool could not read, not yet confirmed by the panel"
            }
            Finding::InvalidEvidence => "invalid evidence",
            Finding::UnconfirmedEvidence => "evidence that does not bear out the claim",
            Finding::NoEvidence => "a claim without evidence",
            Finding::FailedGate => "a condition not met",
            Finding::WeakAnswer => "a weak answer",
            Finding::Unanswered => "a question not answered",
        }
    }
}

/// A risk for the council to assess, drawn from a finding of the evaluation.
#[derive(Debug, Clone, Serialize)]
pub struct Risk {
    pub finding: Finding,
    /// The questions concerned.
    pub questions: Vec<String>,
    /// What was found, in words.
    pub what: String,
    pub files: Vec<Cite>,
    /// Always "Council to assess": the likelihood and severity are the council's judgement.
    pub likelihood: String,
    pub severity: String,
}

/// A raw score below this is listed as a weak answer.
pub const WEAK_BELOW: f64 = 0.5;

/// The draft `kind` for the supplier in `folder` (`None` when there is no such supplier or its
/// response could not be read).
pub fn draft(
    t: &LoadedTender,
    result: &TenderResult,
    folder: &str,
    kind: RecordKind,
) -> Option<Record> {
    let sub: &Submission = t.submissions.iter().find(|s| s.folder == folder)?;
    let response = sub.response.as_ref().ok()?;
    let scored = result.suppliers.iter().find(|s| s.folder == folder)?;
    let template: &Template = kind.template();
    let response_file = scored.response_file.clone().unwrap_or_else(|| {
        sub.response_path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    });
    let response_cite = Cite::new(&response_file, sub.response_sha256.as_deref());
    let tender_cite = Cite::new("tender.toml", Some(&t.tender_sha256));
    let mut files: Vec<Cite> = Vec::new();
    let mut note = |c: &Cite| {
        if !files.contains(c) {
            files.push(c.clone());
        }
    };

    let asked = |id: &str| scored.questions.iter().find(|q| q.id == id);
    let answer_entry = |q: &QuestionResult| -> AnswerEntry {
        let (rubric, _, question) = t.find_question(&q.id).expect("scored questions are asked");
        let given = response.answers.get(&q.id);
        let files: Vec<Cite> = given
            .map(|g| {
                g.evidence
                    .iter()
                    .map(|e| match &e.facts {
                        FileFacts::Present { sha256, .. } => Cite::new(&e.file, Some(sha256)),
                        _ => Cite::new(&e.file, None),
                    })
                    .collect()
            })
            .unwrap_or_default();
        let words = given.and_then(|g| {
            let w: Vec<&str> = [g.comment.as_deref(), g.justification.as_deref()]
                .into_iter()
                .flatten()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .collect();
            (!w.is_empty()).then(|| w.join(" "))
        });
        AnswerEntry {
            question: q.id.clone(),
            rubric: rubric.reference.clone(),
            asked: question.text.trim().to_string(),
            answer: q
                .answer
                .as_ref()
                .map(|a| in_words(question, a).trim().to_string()),
            words,
            evidence: evidence_words(q),
            files,
        }
    };

    // The questions the draft cites, in the order first cited: its risks come from these.
    let mut cited: Vec<&QuestionResult> = Vec::new();
    let mut sections = Vec::new();
    for s in template.sections {
        let mut fields = Vec::new();
        for f in s.fields {
            let mut filled = Vec::new();
            let mut lists_risks = false;
            for src in f.from {
                match *src {
                    Src::Q(id) | Src::QIn(id, _) => {
                        let edition = match *src {
                            Src::QIn(_, versions) => {
                                t.find_question(id).is_some_and(|(r, _, _)| {
                                    versions.contains(&r.rubric.version.as_str())
                                })
                            }
                            _ => true,
                        };
                        if let Some(q) = asked(id).filter(|_| edition) {
                            if !cited.iter().any(|c| c.id == q.id) {
                                cited.push(q);
                            }
                            let e = answer_entry(q);
                            e.files.iter().for_each(&mut note);
                            filled.push(Entry::Answer(e));
                        }
                    }
                    Src::Tender(fact) => {
                        note(&tender_cite);
                        filled.push(Entry::Fact {
                            label: match fact {
                                TenderFact::Title => "The tender",
                                TenderFact::Buyer => "The buyer",
                                TenderFact::RiskTier => {
                                    "The risk tier the council set for the tender"
                                }
                            }
                            .into(),
                            value: match fact {
                                TenderFact::Title => {
                                    format!("{} ({})", t.tender.title, t.tender.id)
                                }
                                TenderFact::Buyer => t.tender.buyer.clone(),
                                TenderFact::RiskTier => t.tender.risk.to_string(),
                            },
                            source: tender_cite.clone(),
                        })
                    }
                    Src::Supplier(fact) => {
                        let value = match fact {
                            SupplierFact::Name => Some(match response.legal_names.first() {
                                Some(legal) if *legal != response.supplier => {
                                    format!("{} (legal name {legal})", response.supplier)
                                }
                                _ => response.supplier.clone(),
                            }),
                            SupplierFact::CompanyNumber => response.company_number.clone(),
                            SupplierFact::Involved => Some("Yes".into()),
                        };
                        if let Some(value) = value {
                            let (label, source) = match fact {
                                SupplierFact::Name => ("The supplier", response_cite.clone()),
                                SupplierFact::CompanyNumber => {
                                    ("Company number the supplier gave", response_cite.clone())
                                }
                                SupplierFact::Involved => {
                                    ("Bought from an outside supplier", tender_cite.clone())
                                }
                            };
                            note(&source);
                            filled.push(Entry::Fact {
                                label: label.into(),
                                value,
                                source,
                            });
                        }
                    }
                    Src::Risks => lists_risks = true,
                    Src::Names(words) => {
                        let (found, searched, read) = named(t, response, scored, words);
                        if found.is_empty() {
                            filled.push(Entry::NotNamed {
                                questions: searched,
                                files: read,
                            });
                        } else {
                            for e in found {
                                if let Entry::Named { file, .. } = &e {
                                    note(file);
                                }
                                filled.push(e);
                            }
                        }
                    }
                }
            }
            let council = match f.council {
                Some(what) => Some(format!("{COUNCIL}: {what}.")),
                None if filled.is_empty() && !lists_risks => Some(format!("{COUNCIL}.")),
                None => None,
            };
            fields.push(RecordField {
                key: f.key.into(),
                label: f.label.into(),
                asks: f.asks.into(),
                filled,
                lists_risks,
                council,
            });
        }
        sections.push(RecordSection {
            key: s.key.into(),
            title: s.title.into(),
            fields,
        });
    }

    // Risks, from the findings on the questions the draft cites.
    let mut risks: Vec<Risk> = Vec::new();
    for q in cited {
        let acceptance = t
            .find_question(&q.id)
            .is_some_and(|(_, _, x)| crate::score::is_acceptance(x));
        for r in findings(q, acceptance, &answer_entry(q).files) {
            match risks
                .iter_mut()
                .find(|x| x.finding == r.finding && x.what == r.what)
            {
                Some(same) => {
                    for qid in r.questions {
                        if !same.questions.contains(&qid) {
                            same.questions.push(qid);
                        }
                    }
                }
                None => risks.push(r),
            }
        }
    }
    risks.sort_by_key(|r| r.finding);
    for r in &risks {
        r.files.iter().for_each(&mut note);
    }

    Some(Record {
        record: kind,
        title: template.title.into(),
        follows: template.follows.into(),
        tender: TenderRef {
            id: t.tender.id.clone(),
            title: t.tender.title.clone(),
            buyer: t.tender.buyer.clone(),
            as_of: t.tender.as_of.to_string(),
            risk_tier: t.tender.risk.to_string(),
        },
        supplier: SupplierRef {
            name: scored.shown_name(),
            folder: folder.into(),
            company_number: response.company_number.clone(),
            response: Some(response_cite),
            status: scored.status.to_string(),
        },
        evaluation: result
            .standing()
            .unwrap_or_else(|| "The evaluation does not say whether it is final (scoring rules 1 without an award section).".into()),
        scored_by: format!(
            "{} {}, scoring rules {}",
            result.tool.name, result.tool.version, result.scoring.rules
        ),
        sections,
        risks,
        files,
    })
}

/// An answer in words, from the rubric: the option's label, the level's descriptor.
fn in_words(q: &Question, a: &Answer) -> String {
    match (a, q.kind) {
        (Answer::Choice(v), _) => q
            .options
            .iter()
            .find(|o| o.value == *v)
            .map_or_else(|| v.clone(), |o| o.label.trim().to_string()),
        (Answer::Level(n), _) => match q.levels.get(*n as usize) {
            Some(d) => format!("level {n} of {}: {}", q.levels.len() - 1, d.trim()),
            None => format!("level {n}"),
        },
        (Answer::Number(n), _) => match &q.unit {
            Some(u) => format!("{n} {u}"),
            None => n.to_string(),
        },
        (Answer::YesNo(b), Kind::YesNo) => if *b { "Yes" } else { "No" }.into(),
        (other, _) => other.display(),
    }
}

/// How an answer's evidence stood, in words.
fn evidence_words(q: &QuestionResult) -> String {
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

/// The findings on one answer, as risks.
fn findings(q: &QuestionResult, acceptance: bool, files: &[Cite]) -> Vec<Risk> {
    let risk = |finding: Finding, what: String, files: Vec<Cite>| Risk {
        finding,
        questions: vec![q.id.clone()],
        what,
        files,
        likelihood: COUNCIL_ASSESS.into(),
        severity: COUNCIL_ASSESS.into(),
    };
    let mut out = Vec::new();
    for f in &q.flags {
        match f.kind {
            FlagKind::Contradiction => {
                out.push(risk(Finding::Contradiction, f.message.clone(), vec![]))
            }
            FlagKind::Answer if f.severity != Severity::Info => out.push(risk(
                Finding::FlaggedAnswer,
                format!("{}: {}", q.id, f.message),
                vec![],
            )),
            FlagKind::PanelCheck if f.severity != Severity::Info => out.push(risk(
                Finding::PanelToRead,
                format!("{}: {}", q.id, f.message),
                files.to_vec(),
            )),
            FlagKind::MustNotShow if f.severity != Severity::Info => out.push(risk(
                Finding::MustNotShow,
                format!("{}: {}", q.id, f.message),
                files.to_vec(),
            )),
            _ => {}
        }
    }
    let reasons = || {
        if q.evidence_reasons.is_empty() {
            String::new()
        } else {
            format!(": {}", q.evidence_reasons.join("; "))
        }
    };
    match q.evidence {
        EvidenceStatus::Invalid => out.push(risk(
            Finding::InvalidEvidence,
            format!("{}: the evidence is invalid{}", q.id, reasons()),
            files.to_vec(),
        )),
        EvidenceStatus::Unconfirmed => out.push(risk(
            Finding::UnconfirmedEvidence,
            format!(
                "{}: the evidence does not bear out the claim{}",
                q.id,
                reasons()
            ),
            files.to_vec(),
        )),
        // A claim whose missing evidence cost credit, as the counts have it: not the acceptance
        // of one of the council's own clauses, not an answer the panel marked.
        EvidenceStatus::None
            if q.raw.is_some_and(|r| r > 0.0)
                && !acceptance
                && q.source == crate::result::ScoreSource::Auto =>
        {
            out.push(risk(
                Finding::NoEvidence,
                format!("{}: claimed without evidence", q.id),
                vec![],
            ))
        }
        _ => {}
    }
    match (&q.answer, q.raw) {
        (None, _) => out.push(risk(
            Finding::Unanswered,
            format!("{}: not answered", q.id),
            vec![],
        )),
        (Some(Answer::NotApplicable), _) => {}
        (Some(_), Some(raw)) if q.gate && raw < 1.0 => out.push(risk(
            Finding::FailedGate,
            format!("{}: the condition is not met by the answer given", q.id),
            vec![],
        )),
        (Some(_), Some(raw)) if raw < WEAK_BELOW => out.push(risk(
            Finding::WeakAnswer,
            format!(
                "{}: the answer earns {:.0}% of the question's marks before evidence",
                q.id,
                raw * 100.0
            ),
            vec![],
        )),
        _ => {}
    }
    out
}

/// Where the supplier's testing and monitoring evidence names a protected characteristic:
/// the first sentence naming it in each file, the questions searched and how many files could
/// be read.
fn named(
    t: &LoadedTender,
    response: &crate::model::response::Response,
    scored: &crate::result::SupplierResult,
    words: &[&str],
) -> (Vec<Entry>, Vec<String>, usize) {
    let mut found = Vec::new();
    let mut searched = Vec::new();
    let mut read = 0;
    let mut seen: Vec<&str> = Vec::new();
    for id in templates::TESTING_AND_MONITORING {
        if !scored.questions.iter().any(|q| q.id == *id) || t.find_question(id).is_none() {
            continue;
        }
        searched.push((*id).to_string());
        let Some(given) = response.answers.get(*id) else {
            continue;
        };
        for e in &given.evidence {
            let (FileFacts::Present { sha256, .. }, Some(TextFacts::Text(doc))) =
                (&e.facts, e.text.as_deref())
            else {
                continue;
            };
            if seen.contains(&e.file.as_str()) {
                continue;
            }
            seen.push(&e.file);
            read += 1;
            if let Some((at, end)) = first_word(&doc.text, words) {
                found.push(Entry::Named {
                    question: (*id).to_string(),
                    file: Cite::new(&e.file, Some(sha256)),
                    quote: crate::load::doctext::quote(doc, at, end),
                    page: crate::load::doctext::page(doc, at),
                });
            }
        }
    }
    (found, searched, read)
}

/// The first place `text` (lower case) holds one of `words` as whole words.
fn first_word(text: &str, words: &[&str]) -> Option<(usize, usize)> {
    let boundary = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
    words
        .iter()
        .filter_map(|w| {
            text.match_indices(w).find_map(|(at, m)| {
                let end = at + m.len();
                (boundary(text[..at].chars().next_back()) && boundary(text[end..].chars().next()))
                    .then_some((at, end))
            })
        })
        .min()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_words_only() {
        assert_eq!(first_word("the average was low", &["age"]), None);
        assert_eq!(first_word("by age group", &["age"]), Some((3, 6)));
        assert_eq!(first_word("men and women", &["women", "men"]), Some((0, 3)));
        assert_eq!(first_word("mentioned", &["men"]), None);
    }

    #[test]
    fn every_template_question_exists_in_a_built_in_rubric() {
        let reg = crate::load::registry::Registry::new(&[]).unwrap();
        let known: Vec<String> = reg
            .files()
            .flat_map(|f| {
                let r = f.parse().unwrap();
                r.questions().map(|(_, q)| q.id.clone()).collect::<Vec<_>>()
            })
            .collect();
        for kind in RecordKind::ALL {
            for id in kind.template().questions() {
                assert!(
                    known.iter().any(|k| k == id),
                    "{id} is in no built-in rubric"
                );
            }
        }
        for id in templates::TESTING_AND_MONITORING {
            assert!(
                known.iter().any(|k| k == id),
                "{id} is in no built-in rubric"
            );
        }
    }
}
