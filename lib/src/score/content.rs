//! Scoring rules 2: the claims a supplier makes about an evidence file (its dates, what it
//! shows, who verified it, its certificate number) checked against the file's text and the
//! buyer's certificate register. Pure: the text was read when the tender was loaded.

use crate::load::doctext::{self, contains_phrase, name_words, normalise};
use crate::load::names::{certificate_key, core_name, distinctive, verifier_name};
use crate::model::ledger::RegisterFinding;
use crate::model::response::{DocText, Evidence, TextFacts};
use crate::model::rubric::{Negation, Question};
use crate::model::tender::Certificate;
use crate::problem::Problem;
use crate::result::{EvidenceStatus, Found, FoundCheck};
use jiff::civil::Date;

/// What the content checks need besides the evidence item.
pub(crate) struct Checks<'a> {
    pub as_of: Date,
    /// The supplier's display name, then its legal names.
    pub names: &'a [String],
    /// Verifiers the tender accepts; empty: a verifier with a distinctive name named in the
    /// document counts.
    pub verifiers: &'a [String],
    /// Other names of accepted verifiers (`verifiers.csv`'s `aliases` column).
    pub aliases: &'a [(String, Vec<String>)],
    /// The certificate register, when the tender has one.
    pub certificates: Option<&'a [Certificate]>,
}

/// The outcome of the checks on one item.
#[derive(Debug, Default)]
pub(crate) struct ItemOutcome {
    /// Makes the evidence invalid: the document or the register says it has expired, or the
    /// register says the certificate is withdrawn, suspended or another holder's.
    pub invalid: Vec<String>,
    /// The document does not bear out the claim (a claimed date is not shown), or it cannot
    /// be read at all and the panel has not confirmed it.
    pub unconfirmed: Vec<String>,
    /// Why `verified_by` or `certificate` does not make the item verified.
    pub unverified: Vec<String>,
    /// Checks passed, for the record.
    pub passed: Vec<String>,
    /// The item counts as third-party verified.
    pub verified: bool,
    /// What the certificate register said of the number cited (empty when none was looked
    /// up), for the ledger.
    pub register: Vec<crate::model::ledger::RegisterFinding>,
    /// A register match made through a legal name that is not the display name: the panel
    /// confirms from the company register that the two are one company.
    pub identity: Vec<String>,
}

/// Runs checks 1, 2, 4 and 5 on one item (3, `must_show` and `must_not_show`, is checked for
/// the whole answer by [`phrases`]).
pub(crate) fn check_item(c: &Checks, q: &Question, e: &Evidence) -> ItemOutcome {
    let mut out = ItemOutcome::default();
    let f = &e.file;
    let text = match e.text.as_deref() {
        Some(TextFacts::Text(t)) => Some(t),
        // A file the tool cannot read earns nothing by itself: an image, a scan or a broken
        // file is worth what the panel finds when it reads it (a `confirm_evidence` decision).
        Some(TextFacts::NoText(why)) => {
            out.unconfirmed.push(format!(
                "{f}: not checked ({why}); it counts once the panel has read it and recorded confirm_evidence"
            ));
            None
        }
        Some(TextFacts::Unreadable(why)) => {
            out.unconfirmed.push(format!(
                "{f}: cannot be read ({why}); it counts once the panel has read it and recorded confirm_evidence"
            ));
            None
        }
        None => None,
    };
    if let Some(t) = text {
        // 1. Claimed dates.
        for (what, d) in [("issue", e.issued), ("expiry", e.expires)] {
            let Some(d) = d else { continue };
            if shows_date(t, d) {
                out.passed
                    .push(format!("{f}: shows the claimed {what} date {d}"));
            } else {
                out.unconfirmed.push(format!(
                    "{f}: the document does not show the claimed {what} date {d}"
                ));
            }
        }
        // 2. Expiry stated in the document.
        if let Some(d) = expired_in_document(t, c.as_of) {
            out.invalid
                .push(format!("{f}: the document says it expired on {d}"));
        }
    }
    // 5. The certificate register. Where the tender keeps one, a certificate is verified
    // through it or not at all: a verifier's name typed into the supplier's own PDF proves
    // nothing about a certificate the register can look up.
    let through_register =
        c.certificates.is_some() && e.kind == crate::model::rubric::EvidenceKind::Certificate;
    let mut confirmed = false;
    match (&e.certificate, c.certificates) {
        (None, Some(_)) if through_register => out.unverified.push(format!(
            "{f}: no certificate number to look up in the register"
        )),
        (Some(number), Some(register)) => {
            match register.iter().find(|r| same_number(&r.number, number)) {
                None => {
                    out.register.push(RegisterFinding::NotListed);
                    out.unverified.push(format!(
                        "{f}: certificate {number} is not in the certificate register"
                    ))
                }
                Some(r) => {
                    let before = out.invalid.len();
                    out.register.push(RegisterFinding::of_status(&r.status));
                    if !r.status.trim().eq_ignore_ascii_case("valid") {
                        out.invalid.push(format!(
                            "{f}: the certificate register lists certificate {number} as {}",
                            r.status.trim()
                        ));
                    }
                    let holder = c.names.iter().position(|n| same_holder(n, &r.holder));
                    match holder {
                        None => {
                            out.register.push(RegisterFinding::AnotherHolder);
                            out.invalid.push(format!(
                                "{f}: the certificate register lists certificate {number} for {}, not this supplier",
                                r.holder
                            ))
                        }
                        Some(i) if i > 0 && !same_holder(&c.names[0], &r.holder) => {
                            out.identity.push(format!(
                                "{f}: certificate {number} is held by {}, a legal name the supplier gives, not its display name {}; confirm from the company register (company number) that they are one company",
                                r.holder, c.names[0]
                            ));
                        }
                        Some(_) => {}
                    }
                    if let Some(x) = r.expires.filter(|x| *x < c.as_of) {
                        if !out.register.contains(&RegisterFinding::Expired) {
                            out.register.push(RegisterFinding::Expired);
                        }
                        out.invalid.push(format!(
                            "{f}: the certificate register says certificate {number} expired on {x}"
                        ));
                    }
                    let standards: Vec<&String> =
                        q.evidence.must_show().iter().flat_map(|m| &m.any).collect();
                    let standard_ok = standards.is_empty()
                        || standards
                            .iter()
                            .any(|s| contains_phrase(&normalise(&r.standard), &normalise(s)));
                    if out.invalid.len() == before {
                        if standard_ok {
                            confirmed = true;
                            out.passed.push(format!(
                                "{f}: certificate {number} confirmed in the certificate register"
                            ));
                        } else {
                            out.unverified.push(format!(
                                "{f}: the certificate register lists certificate {number} for {}, not what {} asks for",
                                r.standard, q.id
                            ));
                        }
                    }
                }
            }
        }
        _ => {}
    }
    // 4. The verifier: its name, before any note in brackets or after a semicolon
    // ("Holloway Audit LLP (bias audit, engagement HAA-112)" names "Holloway Audit LLP").
    let mut by_verifier = false;
    if let Some(v) = e.verified_by.as_deref().map(verifier_name) {
        match accepted_verifier(c, v) {
            Err(why) => out.unverified.push(format!("{f}: {why}")),
            // Verified through the register or not at all; say so once.
            Ok(_) if through_register => {
                if e.certificate.is_some() && !confirmed {
                    out.unverified.push(format!(
                        "{f}: a certificate is verified through the tender's certificate register, not by `verified_by`"
                    ));
                }
            }
            Ok(known) => match text {
                Some(t) if known.iter().any(|n| names(t, n)) => {
                    by_verifier = true;
                    out.passed.push(format!("{f}: names the verifier `{v}`"));
                }
                Some(_) => out.unverified.push(format!(
                    "{f}: the verifier `{v}` is not named in the document"
                )),
                None => out.unverified.push(format!(
                    "{f}: the verifier `{v}` cannot be looked for in a document that cannot be read"
                )),
            },
        }
    }
    out.verified = confirmed || by_verifier;
    out
}

/// Whether a register's holder is this name: equal as whole names, company forms aside.
fn same_holder(name: &str, holder: &str) -> bool {
    let (a, b) = (core_name(name), core_name(holder));
    !a.is_empty() && a == b
}

/// Certificate numbers compared by [`certificate_key`].
fn same_number(a: &str, b: &str) -> bool {
    let (a, b) = (certificate_key(a), certificate_key(b));
    !a.is_empty() && a == b
}

/// Whether `v` is a name the tender accepts as a verifier, with every name it may appear under
/// in a document; or why not. Names are compared whole (normalised equality with a list entry
/// or one of its aliases), never a word inside a name.
fn accepted_verifier<'a>(c: &'a Checks, v: &'a str) -> Result<Vec<&'a str>, Problem> {
    let own = core_name(v);
    if !own.is_empty() && c.names.iter().any(|n| core_name(n) == own) {
        return Err(Problem::asked(format!(
            "the verifier `{v}` is the supplier itself: not independent verification"
        )));
    }
    if c.verifiers.is_empty() {
        return if distinctive(v) {
            Ok(vec![v])
        } else {
            Err(Problem::asked(format!(
                "the verifier `{v}` names no particular organisation (only company forms and generic words)"
            )))
        };
    }
    let key = name_words(v);
    for a in c.verifiers {
        let aliases = c
            .aliases
            .iter()
            .find(|(n, _)| n == a)
            .map(|(_, x)| x.as_slice())
            .unwrap_or(&[]);
        let all: Vec<&str> = std::iter::once(a.as_str())
            .chain(aliases.iter().map(String::as_str))
            .collect();
        if all.iter().any(|n| !key.is_empty() && name_words(n) == key) {
            let mut known = all;
            known.insert(0, v);
            return Ok(known);
        }
    }
    let listed = match c.verifiers {
        [a, b, c, d, rest @ ..] if rest.len() > 1 => {
            format!("{a}, {b}, {c}, {d} and {} more", rest.len())
        }
        all => all.join(", "),
    };
    Err(Problem::asked(format!(
        "the verifier `{v}` is not one of the tender's accepted verifiers ({listed})"
    )))
}

/// What check 3 found in an answer's documents.
#[derive(Debug, Default)]
pub(crate) struct Phrases {
    /// `must_show` entries no readable document shows: "a.pdf, b.txt: does not show …".
    pub missing: Vec<String>,
    /// Entries shown: "a.pdf: shows …".
    pub shown: Vec<String>,
    /// `must_not_show` phrases found, not negated: (file, "a.pdf: shows … “quote”").
    pub forbidden: Vec<(String, String)>,
    /// Every phrase found, by file, with its sentence.
    pub found: Vec<(String, Found)>,
}

/// Check 3: each `must_show` entry must be shown, with no negation before it in its sentence,
/// by one of the answer's documents whose text could be read; no `must_not_show` phrase may
/// appear un-negated in any of them. Entries no readable document could show are not judged
/// (the panel checks the unreadable ones by hand).
pub(crate) fn phrases(c: &Checks, q: &Question, items: &[Evidence]) -> Phrases {
    let mut texts: Vec<(&str, &DocText)> = Vec::new();
    for e in items {
        if let Some(TextFacts::Text(t)) = e.text.as_deref() {
            if !texts.iter().any(|(f, _)| *f == e.file) {
                texts.push((e.file.as_str(), t));
            }
        }
    }
    let mut out = Phrases::default();
    if texts.is_empty() {
        return out;
    }
    let found = |check, label: &str, t: &DocText, (at, end): (usize, usize)| Found {
        question: q.id.clone(),
        check,
        label: label.to_string(),
        quote: doctext::quote(t, at, end),
        page: doctext::page(t, at),
    };
    for m in q.evidence.must_show() {
        let mut hit = None;
        let mut negated_only = None;
        'files: for (file, t) in &texts {
            if m.supplier {
                if c.names.iter().any(|n| names(t, n)) {
                    // Quote the name where it stands as written; a name matched only with its
                    // company form rewritten (Limited for Ltd) is shown without a quote.
                    let place = c
                        .names
                        .iter()
                        .find_map(|n| doctext::phrase_at(&t.text, n).first().copied());
                    hit = Some((
                        *file,
                        place.map(|p| found(FoundCheck::MustShow, &m.label, t, p)),
                    ));
                    break;
                }
                continue;
            }
            for p in &m.any {
                for place in doctext::phrase_at(&t.text, p) {
                    let negated = match m.negation {
                        Negation::Reject => doctext::negated_in_sentence(t, place.0),
                        Negation::Require => doctext::negated_in_clause(t, place.0),
                        Negation::Ignore => false,
                    };
                    if m.negation.counts(negated) {
                        hit = Some((*file, Some(found(FoundCheck::MustShow, &m.label, t, place))));
                        break 'files;
                    }
                    negated_only
                        .get_or_insert_with(|| (*file, doctext::quote(t, place.0, place.1)));
                }
            }
        }
        match hit {
            Some((file, f)) => {
                out.shown.push(format!("{file}: shows {}", m.label));
                out.found.extend(f.map(|f| (file.to_string(), f)));
            }
            None => {
                let files: Vec<&str> = texts.iter().map(|(f, _)| *f).collect();
                let how = match m.negation {
                    Negation::Require => "only without a negation",
                    _ => "only after a negation",
                };
                let negated = negated_only
                    .map(|(f, q)| format!(" (in {f} {how}: “{q}”)"))
                    .unwrap_or_default();
                out.missing.push(format!(
                    "{}: does not show {}{negated}",
                    files.join(", "),
                    m.label
                ));
            }
        }
    }
    for m in q.evidence.must_not_show() {
        for (file, t) in &texts {
            let place = m.any.iter().find_map(|p| {
                doctext::phrase_at(&t.text, p)
                    .into_iter()
                    .find(|place| !doctext::negated_in_clause(t, place.0))
            });
            if let Some(place) = place {
                let f = found(FoundCheck::MustNotShow, &m.label, t, place);
                let page = f.page.map(|p| format!(" (p. {p})")).unwrap_or_default();
                out.forbidden.push((
                    file.to_string(),
                    format!(
                        "{file}{page}: shows {}, which {} rules out: “{}”",
                        m.label, q.id, f.quote
                    ),
                ));
                out.found.push((file.to_string(), f));
            } else if let Some(p) = look_alike(t, &m.any) {
                // Written with letters from other scripts that look the same ("mоdels" with a
                // Cyrillic о): the document says it, dressed so a keyword check would miss it.
                out.forbidden.push((
                    file.to_string(),
                    format!(
                        "{file}: shows {}, which {} rules out, written with look-alike letters from another script (`{p}`): read it",
                        m.label, q.id
                    ),
                ));
            }
        }
    }
    out
}

/// The first phrase of `any` that the text shows only when letters are compared by their
/// Unicode confusable skeleton (UTS #39); none for ASCII text.
fn look_alike<'a>(t: &DocText, any: &'a [String]) -> Option<&'a str> {
    if t.text.is_ascii() {
        return None;
    }
    let text: String = unicode_security::skeleton(&t.text).collect();
    any.iter()
        .find(|p| {
            let p: String = unicode_security::skeleton(&normalise(p)).collect();
            !p.trim().is_empty() && text.contains(&p)
        })
        .map(String::as_str)
}

/// The status of an answer's evidence under rules 2, given the rules 1 reasons of each item
/// and the content outcomes (first that holds: not needed, invalid, none, unconfirmed,
/// verified, attached), with every reason.
pub(crate) fn status(
    raw: Option<f64>,
    items: usize,
    rules1_invalid: Vec<String>,
    outcomes: &[ItemOutcome],
    phrases: &Phrases,
) -> (EvidenceStatus, Vec<String>) {
    if raw == Some(0.0) {
        return (EvidenceStatus::NotNeeded, Vec::new());
    }
    if items == 0 {
        return (EvidenceStatus::None, Vec::new());
    }
    let mut invalid = rules1_invalid;
    invalid.extend(outcomes.iter().flat_map(|o| o.invalid.iter().cloned()));
    let mut unconfirmed: Vec<String> = outcomes
        .iter()
        .flat_map(|o| o.unconfirmed.iter().cloned())
        .collect();
    unconfirmed.extend(phrases.forbidden.iter().map(|(_, why)| why.clone()));
    unconfirmed.extend(phrases.missing.iter().cloned());
    let unverified = outcomes.iter().flat_map(|o| o.unverified.iter().cloned());
    if !invalid.is_empty() {
        invalid.extend(unconfirmed);
        invalid.extend(unverified);
        return (EvidenceStatus::Invalid, invalid);
    }
    if !unconfirmed.is_empty() {
        unconfirmed.extend(unverified);
        return (EvidenceStatus::Unconfirmed, unconfirmed);
    }
    let reasons: Vec<String> = unverified.collect();
    if outcomes.iter().any(|o| o.verified) {
        (EvidenceStatus::Verified, reasons)
    } else {
        (EvidenceStatus::Attached, reasons)
    }
}

// ---- matching on normalised text ----

/// Whether the document names `name` (by [`name_words`]).
fn names(doc: &DocText, name: &str) -> bool {
    contains_phrase(&doc.words, &name_words(name))
}

/// Check 1: the document states date `d` in a common form; a claim of the first of a month
/// also matches the month alone ("March 2026") where no day stands before it.
pub(crate) fn shows_date(doc: &DocText, d: Date) -> bool {
    doc.dates.contains(&d) || (d.day() == 1 && doc.months.contains(&(d.year(), d.month())))
}

/// Check 2: the expiry the document states, when it is before `as_of`. Where it states
/// several (a renewed certificate gives the previous cycle's expiry too), the latest governs.
pub(crate) fn expired_in_document(doc: &DocText, as_of: Date) -> Option<Date> {
    doc.after_expiry
        .iter()
        .copied()
        .max()
        .filter(|d| *d < as_of)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::document::doc_text;
    use jiff::civil::date;

    fn doc(s: &str) -> DocText {
        doc_text(normalise(s))
    }

    fn shows_phrase(text: &str, p: &str) -> bool {
        !doctext::phrase_at(text, p).is_empty()
    }

    #[test]
    fn dates_are_found_in_their_common_forms_and_not_inside_others() {
        let d = date(2026, 3, 1);
        for t in [
            "issued 2026-03-01.",
            "date: 01/03/2026",
            "on 1 march 2026",
            "the 1st march 2026",
            "march 1, 2026",
            "issued march 2026 by",
        ] {
            assert!(shows_date(&doc(t), d), "{t}");
        }
        for t in [
            "on 11 march 2026",
            "21 march 2026",
            "2026-03-011",
            "issued 3 march 2026",
        ] {
            assert!(!shows_date(&doc(t), d), "{t}");
        }
        assert!(!shows_date(&doc("issued 5 march 2026"), date(2026, 3, 15)));
    }

    #[test]
    fn an_expiry_phrase_followed_by_a_past_date_is_found() {
        let as_of = date(2026, 10, 1);
        assert_eq!(
            expired_in_document(&doc("expiry date: 31 july 2026"), as_of),
            Some(date(2026, 7, 31))
        );
        assert_eq!(
            expired_in_document(&doc("valid until 30/11/2025 subject to audit"), as_of),
            Some(date(2025, 11, 30))
        );
        assert_eq!(
            expired_in_document(&doc("valid until 1 march 2027"), as_of),
            None
        );
        assert_eq!(expired_in_document(&doc("expires on request"), as_of), None);
    }

    #[test]
    fn must_show_phrases_match_stems_and_spaced_words() {
        let d = doc("The council may terminate the contract on 3 months' notice. Level AA.");
        assert!(shows_phrase(&d.text, "terminat"));
        assert!(
            shows_phrase(&d.text, " AA "),
            "a full stop is a word boundary"
        );
        assert!(shows_phrase(&d.text, "Council"));
        let d = doc("Shared with the AAA rating agency and AAB.");
        assert!(!shows_phrase(&d.text, " AA "));
        assert!(
            shows_phrase(&d.text, "AA"),
            "without spaces, a phrase is found anywhere"
        );
    }

    #[test]
    fn company_suffixes_and_punctuation_do_not_matter() {
        assert!(same_holder(
            "Larkspur Health Intelligence Ltd",
            "LARKSPUR HEALTH INTELLIGENCE LIMITED"
        ));
        assert!(same_holder(
            "Cobalt Analytics plc",
            "Cobalt Analytics Public Limited Company"
        ));
        assert!(!same_holder(
            "Cobalt Analytics plc",
            "Cobalt Analytics Holdings Ltd"
        ));
        assert!(!same_holder("Ltd", "Larkspur Health Intelligence Ltd"));
        assert!(names(
            &doc("certified: acme (uk) limited, london"),
            "ACME UK Ltd."
        ));
        assert_eq!(
            verifier_name("Holloway Audit LLP (bias audit; engagement HAA-112)"),
            "Holloway Audit LLP"
        );
        assert_eq!(verifier_name("BSI; certificate 4471"), "BSI");
        assert_eq!(verifier_name("(odd)"), "(odd)");
        assert!(same_number("ISMS 12-345", "isms12345"));
    }

    fn checks<'a>(
        names: &'a [String],
        verifiers: &'a [String],
        aliases: &'a [(String, Vec<String>)],
    ) -> Checks<'a> {
        Checks {
            as_of: date(2026, 10, 1),
            names,
            verifiers,
            aliases,
            certificates: None,
        }
    }

    #[test]
    fn verifiers_are_matched_as_whole_names_never_as_a_word_inside_one() {
        let names = vec!["Cobalt Analytics plc".to_string()];
        let list: Vec<String> = ["BSI", "LRQA Limited", "Holloway Audit LLP"]
            .map(String::from)
            .to_vec();
        let aliases = vec![(
            "BSI".to_string(),
            vec!["British Standards Institution".to_string()],
        )];
        let c = checks(&names, &list, &aliases);
        for typed in [
            "Ltd",
            "Limited",
            "LLP",
            "Audit",
            "Holloway",
            "BSI Group",
            "Certification",
        ] {
            assert!(accepted_verifier(&c, typed).is_err(), "{typed}");
        }
        for typed in [
            "BSI",
            "bsi",
            "LRQA Ltd",
            "holloway audit LLP",
            "British Standards Institution",
        ] {
            assert!(accepted_verifier(&c, typed).is_ok(), "{typed}");
        }
        assert!(accepted_verifier(&c, "Cobalt Analytics")
            .unwrap_err()
            .message
            .contains("the supplier itself"));
        let none: Vec<String> = Vec::new();
        let open = checks(&names, &none, &[]);
        for typed in [
            "Ltd",
            "Certification Services Ltd",
            "UK Security Testing Group",
            "Audit",
        ] {
            assert!(accepted_verifier(&open, typed).is_err(), "{typed}");
        }
        assert!(accepted_verifier(&open, "Holloway Audit LLP").is_ok());
        assert!(accepted_verifier(&open, "Cobalt Analytics PLC").is_err());
    }
}
