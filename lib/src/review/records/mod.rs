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

mod entry;
mod named;
pub mod templates;

use crate::load::{LoadedTender, Submission};
use crate::model::response::FileFacts;
use crate::model::rubric::Severity;
use crate::model::rubric::{Kind, Question};
use crate::model::value::Answer;
use crate::result::{EvidenceStatus, FlagKind, QuestionResult, TenderResult};
use entry::evidence_words;
pub use entry::{AnswerEntry, Cite, Entry, SHA_DIGITS};
use serde::Serialize;
pub use templates::RecordKind;
use templates::{Src, SupplierFact, Template, TenderFact};

/// What the council writes wherever the tender holds nothing.
pub const COUNCIL: &str = "Council to complete";
/// What the council writes against each listed risk.
pub const COUNCIL_ASSESS: &str = "Council to assess";

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
    /// Whether the evaluation is final (null when it never says: scoring rules 1 without an
    /// award section).
    pub is_final: Option<bool>,
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

/// What kind of finding a risk comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Finding {
    Contradiction,
    SharedEvidence,
    Identity,
    FlaggedAnswer,
    MustNotShow,
    InvalidEvidence,
    PanelToRead,
    UnconfirmedEvidence,
    NoEvidence,
    FailedGate,
    WeakAnswer,
    AwaitingMarks,
    NotApplicable,
    Unanswered,
    ResolvedContradiction,
}

impl Finding {
    pub fn words(self) -> &'static str {
        match self {
            Finding::Contradiction => "answers that contradict each other",
            Finding::SharedEvidence => "evidence another supplier in this tender cites too",
            Finding::Identity => "a certificate matched through another name",
            Finding::FlaggedAnswer => "an answer the rubric flags (in the rubric's words)",
            Finding::MustNotShow => "evidence that says what the rubric rules out",
            Finding::PanelToRead => {
                "evidence the tool could not read, not yet confirmed by the panel"
            }
            Finding::InvalidEvidence => "invalid evidence",
            Finding::UnconfirmedEvidence => "evidence that does not bear out the claim",
            Finding::NoEvidence => "a claim without evidence",
            Finding::FailedGate => "a condition not met",
            Finding::WeakAnswer => "a weak answer",
            Finding::AwaitingMarks => "a written answer the panel has not marked yet",
            Finding::NotApplicable => "answered not applicable",
            Finding::Unanswered => "a question not answered",
            Finding::ResolvedContradiction => {
                "answers that contradicted each other, resolved by the panel"
            }
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

/// The supplier's words beside an answer are cut to this many characters (the full text is in
/// its response), so a long comment cannot bury the rest of the draft.
pub const WORDS_CHARS: usize = 2000;

fn cut(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let head: String = s.chars().take(max).collect();
        format!("{head}… (cut here: the rest is in the response)")
    }
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

    // A question the tender asks through one of the built-in rubrics the table was written for.
    let asked = |id: &str| {
        t.find_question(id)
            .filter(|(r, _, _)| templates::placed(&r.rubric))
            .and_then(|_| scored.questions.iter().find(|q| q.id == id))
    };
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
            (!w.is_empty()).then(|| cut(&w.join(" "), WORDS_CHARS))
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
                                SupplierFact::Involved => (
                                    "A supplier outside the council responded",
                                    response_cite.clone(),
                                ),
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
                        let (found, searched, read) = named::named(t, response, scored, words);
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
            // An unanswered or "not applicable" answer fills nothing.
            let substance = lists_risks
                || filled.iter().any(|e| match e {
                    Entry::Answer(a) => a.answer.as_deref().is_some_and(|x| x != "n/a"),
                    _ => true,
                });
            let council = match f.council {
                Some(what) => Some(format!("{COUNCIL}: {what}.")),
                None if !substance => {
                    Some(format!("{COUNCIL}: the tender holds no answer for this."))
                }
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
    // Findings on the supplier as a whole: evidence a rival cites too, a name another
    // response gives.
    for f in &scored.flags {
        let finding = match f.kind {
            FlagKind::SharedEvidence => Finding::SharedEvidence,
            FlagKind::DuplicateName => Finding::Identity,
            _ => continue,
        };
        if f.severity != Severity::Info && !risks.iter().any(|r| r.what == f.message) {
            risks.push(Risk {
                finding,
                questions: vec![],
                what: f.message.clone(),
                files: vec![],
                likelihood: COUNCIL_ASSESS.into(),
                severity: COUNCIL_ASSESS.into(),
            });
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
        is_final: result.is_final,
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
    let reasons = q.evidence_reasons.join("; ");
    // The files a finding is about: those its reasons name, else every file of the answer.
    let named_in = |text: &str| -> Vec<Cite> {
        let some: Vec<Cite> = files
            .iter()
            .filter(|c| text.contains(c.file.as_str()))
            .cloned()
            .collect();
        if some.is_empty() {
            files.to_vec()
        } else {
            some
        }
    };
    let mut out = Vec::new();
    let mut panel_to_read = false;
    for f in &q.flags {
        match f.kind {
            FlagKind::Contradiction if f.severity == Severity::Info => out.push(risk(
                Finding::ResolvedContradiction,
                f.message.clone(),
                vec![],
            )),
            FlagKind::Contradiction => {
                out.push(risk(Finding::Contradiction, f.message.clone(), vec![]))
            }
            FlagKind::Identity => out.push(risk(
                Finding::Identity,
                format!("{}: {}", q.id, f.message),
                named_in(&f.message),
            )),
            FlagKind::Answer if f.severity != Severity::Info => out.push(risk(
                Finding::FlaggedAnswer,
                format!("{}: the rubric notes: {}", q.id, f.message),
                vec![],
            )),
            FlagKind::PanelCheck if f.severity != Severity::Info => {
                panel_to_read = true;
                out.push(risk(
                    Finding::PanelToRead,
                    format!("{}: {}", q.id, f.message),
                    named_in(&f.message),
                ))
            }
            FlagKind::MustNotShow if f.severity != Severity::Info => out.push(risk(
                Finding::MustNotShow,
                format!("{}: {}", q.id, f.message),
                named_in(&f.message),
            )),
            _ => {}
        }
    }
    let because = if reasons.is_empty() {
        String::new()
    } else {
        format!(": {reasons}")
    };
    match q.evidence {
        EvidenceStatus::Invalid => out.push(risk(
            Finding::InvalidEvidence,
            format!("{}: the evidence is invalid{because}", q.id),
            named_in(&reasons),
        )),
        // A file the panel has still to read is listed once, as that.
        EvidenceStatus::Unconfirmed if !panel_to_read => out.push(risk(
            Finding::UnconfirmedEvidence,
            format!(
                "{}: the evidence does not bear out the claim{because}",
                q.id
            ),
            named_in(&reasons),
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
        // Not applicable is the supplier's say-so: the council decides whether it is.
        (Some(Answer::NotApplicable), _) if !acceptance => out.push(risk(
            Finding::NotApplicable,
            format!("{}: answered not applicable", q.id),
            vec![],
        )),
        (Some(Answer::NotApplicable), _) => {}
        (Some(_), None) if q.source == crate::result::ScoreSource::AwaitingMarks => out.push(risk(
            Finding::AwaitingMarks,
            format!("{}: not marked yet, so not judged", q.id),
            vec![],
        )),
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

#[cfg(test)]
mod tests {
    use super::*;

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
