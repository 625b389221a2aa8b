//! The ledger a council shares (`tenderscore ledger`) and the cross-check against other
//! councils' ledgers (`--ledger`). A ledger holds facts, never words a person wrote: see
//! [`crate::model::ledger`]. The cross-check raises warnings of kind `ledger` for the panel to
//! ask about; it never changes a score, a status or a rank.

use crate::load::doctext::name_words;
use crate::load::ledger::Ledger;
use crate::load::ledger::{keys_of, Bidder, Needles};
use crate::load::names::{certificate_key, company_key, identity_key, verifier_name};
use crate::load::LoadedTender;
use crate::model::ledger::{ItemStatus, LedgerEvidence, LedgerLine, LineKeys, LEDGER_VERSION};
use crate::model::rubric::Severity;
use crate::model::value::Answer;
use crate::result::{Flag, FlagKind, TenderResult};
use crate::sanitize::inline;
use crate::score::ItemStanding;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// The ledger lines of a scored tender: one per supplier whose response could be read and
/// question asked of it, in listing order.
pub fn lines(t: &LoadedTender, result: &TenderResult) -> Vec<LedgerLine> {
    let mut out = Vec::new();
    for s in &result.suppliers {
        let Some(response) = t
            .submissions
            .iter()
            .find(|sub| sub.folder == s.folder)
            .and_then(|sub| sub.response.as_ref().ok())
        else {
            continue;
        };
        for q in &s.questions {
            let Some((_, _, question)) = t.find_question(&q.id) else {
                continue;
            };
            let given = response.answers.get(&q.id);
            let items = given.map_or(&[][..], |g| &g.evidence[..]);
            let standings = crate::score::item_standings(t, response, s, question, items);
            let evidence = items
                .iter()
                .zip(standings)
                .map(|(e, st)| LedgerEvidence {
                    sha256: e.facts.sha256().map(str::to_string),
                    kind: e.kind,
                    content: s
                        .evidence_files
                        .iter()
                        .find(|f| f.file == e.file)
                        .and_then(|f| f.content),
                    certificate: e.certificate.as_deref().and_then(shareable_number),
                    verifier: e
                        .verified_by
                        .as_deref()
                        .and_then(|v| accepted_verifier(t, v)),
                    status: st.status,
                    register: st.register,
                })
                .collect();
            let decisions: BTreeSet<_> = s
                .decisions
                .iter()
                .filter(|d| d.applied && d.question == q.id)
                .map(|d| d.decision)
                .collect();
            let mut line = LedgerLine {
                ledger: LEDGER_VERSION,
                buyer: t.tender.buyer.clone(),
                tender: t.tender.id.clone(),
                as_of: t.tender.as_of.to_string(),
                rules: t.tender.scoring.rules,
                tool: env!("CARGO_PKG_VERSION").to_string(),
                supplier: response.supplier.clone(),
                legal_names: response.legal_names.clone(),
                company_number: response
                    .company_number
                    .as_deref()
                    .and_then(shareable_number),
                rubric: q.rubric.clone(),
                question: q.id.clone(),
                answer: given.and_then(|g| match &g.value {
                    Answer::Text(_) => None,
                    other => Some(other.display()),
                }),
                answered: given.is_some(),
                evidence,
                decisions: decisions.into_iter().collect(),
                keys: LineKeys::default(),
            };
            line.keys = keys_of(&line);
            out.push(line);
        }
    }
    out
}

/// A number (certificate, company) as the supplier wrote it, when it looks like one: at most 40
/// characters of letters, digits, spaces and `-./`, in at most three parts, a quarter or more
/// of its letters and digits being digits (`AIMS 812345`, `ACS-ISMS-02291`). Anything else is
/// words a supplier wrote, which a shared ledger never carries.
fn shareable_number(n: &str) -> Option<String> {
    let n = n.trim();
    let alnum = n.chars().filter(char::is_ascii_alphanumeric).count();
    let digits = n.chars().filter(char::is_ascii_digit).count();
    (n.chars().count() <= 40
        && digits > 0
        && digits * 4 >= alnum
        && n.split_whitespace().count() <= 3
        && n.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, ' ' | '-' | '.' | '/')))
    .then(|| n.to_string())
}

/// The verifier, as the tender's list of accepted verifiers names it, when it is one of them
/// (by name or alias); otherwise none: what a supplier types after `verified_by` may be a
/// person's name or a note, which a shared ledger never carries.
fn accepted_verifier(t: &LoadedTender, v: &str) -> Option<String> {
    let key = name_words(verifier_name(v));
    if key.is_empty() {
        return None;
    }
    let ev = &t.tender.evidence;
    ev.verifiers
        .iter()
        .find(|a| {
            name_words(a) == key
                || ev
                    .aliases
                    .iter()
                    .filter(|(n, _)| n == *a)
                    .flat_map(|(_, x)| x)
                    .any(|x| name_words(x) == key)
        })
        .cloned()
}

/// The keys of this tender's suppliers that make a ledger line worth reading: their company
/// numbers, names, certificate numbers and evidence files' SHA-256s; and each supplier's
/// answers that a line could contradict (as [`cross_check`] compares them), so that a read
/// through an index passes over lines that cannot raise a flag.
pub fn needles(t: &LoadedTender) -> Needles {
    let responses: Vec<&crate::model::response::Response> = t
        .submissions
        .iter()
        .filter_map(|s| s.response.as_ref().ok())
        .collect();
    let items = || {
        responses
            .iter()
            .flat_map(|r| r.answers.values())
            .flat_map(|a| &a.evidence)
    };
    let bidders = responses
        .iter()
        .map(|r| {
            let answers = r
                .answers
                .iter()
                .filter(|(_, given)| !matches!(given.value, Answer::Text(_)))
                .filter_map(|(id, given)| {
                    let (rubric, _, _) = t.find_question(id)?;
                    Some((rubric.reference.clone(), id.clone(), given.value.display()))
                })
                .collect();
            Bidder::new(
                r.company_number.as_deref(),
                std::iter::once(&r.supplier)
                    .chain(&r.legal_names)
                    .map(String::as_str),
                answers,
            )
        })
        .collect();
    Needles::new(
        bidders,
        items().filter_map(|e| e.certificate.as_deref()),
        items().filter_map(|e| e.facts.sha256()),
    )
}

/// Something another council's ledger says that the panel should ask about.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct LedgerFinding {
    /// The supplier's folder here.
    pub folder: String,
    /// The question here.
    pub question: String,
    pub message: String,
}

/// "Ashworth Borough Council (ABC-2026-007, as of 2026-05-01)": where a ledger line is from.
fn source(l: &LedgerLine) -> String {
    let short = |s: &str| {
        let s = inline(s);
        if s.chars().count() > 80 {
            format!("{}…", s.chars().take(79).collect::<String>())
        } else {
            s
        }
    };
    format!(
        "{} ({}, as of {})",
        short(&l.buyer),
        short(&l.tender),
        short(&l.as_of)
    )
}

/// How bad an item's standing is, for comparing here with there (0: nothing wrong).
fn severity(s: ItemStatus) -> u8 {
    match s {
        ItemStatus::Rejected => 3,
        ItemStatus::Invalid => 2,
        ItemStatus::Unconfirmed => 1,
        ItemStatus::Confirmed | ItemStatus::Verified | ItemStatus::Attached => 0,
    }
}

/// Every finding the ledgers give about the tender's suppliers. A supplier is matched to a
/// ledger's by company number where both give one (two different numbers are two companies,
/// whatever their names), else by display or legal name compared as the certificate checks
/// compare them. Evidence files (by SHA-256) and certificate numbers are looked up across
/// every line, whoever cited them there. Lines of this very tender are left out.
///
/// A ledger read through its index holds only the lines that may raise a flag by these rules,
/// as `load::ledger_triage` judges it from what the index records: a change to which answers
/// differ or which evidence was found wanting must change it too, with a new index format.
///
/// With the tender's `result`, a file or certificate is not flagged when it already stands
/// here as badly as it did there (the panel has that finding already); without one (a
/// tender `check` cannot score), every match is.
pub fn cross_check(
    t: &LoadedTender,
    result: Option<&TenderResult>,
    ledgers: &[Ledger],
) -> Vec<LedgerFinding> {
    let others: Vec<&LedgerLine> = ledgers
        .iter()
        .flat_map(|l| &l.lines)
        .filter(|l| !(l.tender == t.tender.id && l.buyer == t.tender.buyer))
        .collect();
    if others.is_empty() {
        return Vec::new();
    }
    // Indexes, so the cost is one pass over the ledgers and one lookup per answer.
    let mut by_company: HashMap<&str, Vec<&LedgerLine>> = HashMap::new();
    let mut by_name: HashMap<&str, Vec<&LedgerLine>> = HashMap::new();
    let mut by_file: HashMap<&str, Vec<(&LedgerLine, &LedgerEvidence)>> = HashMap::new();
    let mut by_certificate: HashMap<String, Vec<(&LedgerLine, &LedgerEvidence)>> = HashMap::new();
    // A line's `keys` are its company number and names in the form compared (a line read from a
    // ledger is refused unless they are), so they are used rather than worked out again.
    for &l in &others {
        match &l.keys.company {
            Some(k) => by_company.entry(k.as_str()).or_default().push(l),
            None => {
                for k in &l.keys.names {
                    by_name.entry(k.as_str()).or_default().push(l);
                }
            }
        }
        for e in &l.evidence {
            if e.status.is_adverse() {
                if let Some(h) = &e.sha256 {
                    by_file.entry(h.as_str()).or_default().push((l, e));
                }
            }
            if e.register.iter().any(|r| r.is_adverse()) {
                if let Some(n) = &e.certificate {
                    let k = certificate_key(n);
                    if !k.is_empty() {
                        by_certificate.entry(k).or_default().push((l, e));
                    }
                }
            }
        }
    }
    let mut found: BTreeSet<LedgerFinding> = BTreeSet::new();
    for sub in &t.submissions {
        let Ok(response) = &sub.response else {
            continue;
        };
        // The lines that are this supplier's.
        let mut mine: Vec<&LedgerLine> = Vec::new();
        let company = response
            .company_number
            .as_deref()
            .map(company_key)
            .filter(|k| !k.is_empty());
        if let Some(k) = &company {
            mine.extend(by_company.get(k.as_str()).into_iter().flatten());
        }
        let names: BTreeSet<String> = std::iter::once(&response.supplier)
            .chain(&response.legal_names)
            .map(|n| identity_key(n))
            .filter(|k| !k.is_empty())
            .collect();
        for k in &names {
            mine.extend(by_name.get(k.as_str()).into_iter().flatten());
        }
        if company.is_none() {
            // No number here: a ledger line that gives one is matched by name too.
            for lines in by_company.values() {
                mine.extend(
                    lines
                        .iter()
                        .filter(|l| l.keys.names.iter().any(|k| names.contains(k))),
                );
            }
        }
        // Whose line it was: a file or certificate another supplier cited there says less
        // about this one (it may even be this supplier's own, cited by a rival).
        let ours: std::collections::HashSet<*const LedgerLine> =
            mine.iter().map(|l| *l as *const LedgerLine).collect();
        let whose = |l: &LedgerLine| {
            if ours.contains(&(l as *const LedgerLine)) {
                ""
            } else {
                " (cited there by another supplier)"
            }
        };
        let mut answers: BTreeMap<(&str, &str), Vec<&LedgerLine>> = BTreeMap::new();
        for l in mine {
            answers
                .entry((l.rubric.as_str(), l.question.as_str()))
                .or_default()
                .push(l);
        }
        let scored = result.and_then(|r| r.suppliers.iter().find(|s| s.folder == sub.folder));
        for (id, given) in &response.answers {
            let Some((rubric, _, question)) = t.find_question(id) else {
                continue;
            };
            // How each item stands here, when the tender was scored: worked out only for an
            // answer citing a file or certificate some ledger found wanting (most cite none).
            let wanting = given.evidence.iter().any(|e| {
                e.facts.sha256().is_some_and(|h| by_file.contains_key(h))
                    || e.certificate
                        .as_deref()
                        .is_some_and(|n| by_certificate.contains_key(&certificate_key(n)))
            });
            let here: Vec<Option<ItemStanding>> = match scored.filter(|_| wanting) {
                Some(s) => crate::score::item_standings(t, response, s, question, &given.evidence)
                    .into_iter()
                    .map(Some)
                    .collect(),
                None => vec![None; given.evidence.len()],
            };
            let mut note = |message: String| {
                found.insert(LedgerFinding {
                    folder: sub.folder.clone(),
                    question: id.clone(),
                    message,
                });
            };
            // 1. The same question, under the same rubric version, answered differently.
            if !matches!(given.value, Answer::Text(_)) {
                let here = given.value.display();
                for l in answers
                    .get(&(rubric.reference.as_str(), id.as_str()))
                    .into_iter()
                    .flatten()
                {
                    if let Some(there) = l.answer.as_deref().filter(|a| *a != here) {
                        note(format!(
                            "{id}: {} recorded the answer `{}` to this question ({}); here it is `{}`: ask which is true",
                            source(l),
                            inline(there),
                            inline(&l.rubric),
                            inline(&here)
                        ));
                    }
                }
            }
            for (e, here) in given.evidence.iter().zip(&here) {
                // 2. The same file, found wanting there (and not as badly here).
                if let Some(h) = e.facts.sha256() {
                    for (l, x) in by_file.get(h).into_iter().flatten().filter(|(_, x)| {
                        here.as_ref()
                            .is_none_or(|h| severity(h.status) < severity(x.status))
                    }) {
                        note(format!(
                            "{id}: {}: {} found this very file (same SHA-256) {} for {}{}: ask why it should count here",
                            inline(&e.file),
                            source(l),
                            match x.status {
                                ItemStatus::Rejected => "rejected by its panel",
                                ItemStatus::Invalid => "invalid",
                                _ => "unconfirmed by its content",
                            },
                            inline(&l.question),
                            whose(l)
                        ));
                    }
                }
                // 3. The same certificate number, found withdrawn, expired or another's there.
                if let Some(n) = &e.certificate {
                    for (l, x) in by_certificate
                        .get(&certificate_key(n))
                        .into_iter()
                        .flatten()
                    {
                        let what: Vec<&str> = x
                            .register
                            .iter()
                            .filter(|r| r.is_adverse())
                            .filter(|r| here.as_ref().is_none_or(|h| !h.register.contains(r)))
                            .map(|r| r.words())
                            .collect();
                        if what.is_empty() {
                            continue;
                        }
                        note(format!(
                            "{id}: certificate {}: {} found it {} in its certificate register{}: check it with the certification body",
                            inline(n),
                            source(l),
                            what.join(" and "),
                            whose(l)
                        ));
                    }
                }
            }
        }
    }
    found.into_iter().collect()
}

/// Adds the findings to the result as warnings of kind `ledger` on the questions they are
/// about. Scores, statuses and ranks are left as they are.
pub fn flag(result: &mut TenderResult, findings: &[LedgerFinding]) {
    for f in findings {
        let Some(s) = result.suppliers.iter_mut().find(|s| s.folder == f.folder) else {
            continue;
        };
        let Some(q) = s.questions.iter_mut().find(|q| q.id == f.question) else {
            continue;
        };
        q.flags.push(Flag {
            severity: Severity::Warning,
            kind: FlagKind::Ledger,
            message: f.message.clone(),
        });
        if let Some(c) = s.counts.as_mut() {
            c.flags += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::shareable_number;

    #[test]
    fn numbers_are_shared_and_words_are_not() {
        for n in [
            "AIMS 812345",
            "ACS-ISMS-02291",
            "4f1c2a90-7d3e-CEP-2026-0211",
            "01234567",
            "SC765432",
            "IS 771045",
        ] {
            assert_eq!(shareable_number(n).as_deref(), Some(n));
        }
        for n in [
            "please call Jane Smith on 07700 900123",
            "ask Jane Smith for it",
            "N/A",
            "Certificate number one",
            "",
        ] {
            assert_eq!(shareable_number(n), None, "{n}");
        }
    }
}
