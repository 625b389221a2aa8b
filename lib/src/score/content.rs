//! Scoring rules 2: the claims a supplier makes about an evidence file (its dates, what it
//! shows, who verified it, its certificate number) checked against the file's text and the
//! buyer's certificate register. Pure: the text was read when the tender was loaded.

use crate::load::text::normalise;
use crate::model::response::{Evidence, TextFacts};
use crate::model::rubric::Question;
use crate::model::tender::Certificate;
use crate::result::EvidenceStatus;
use jiff::civil::Date;

/// What the content checks need besides the evidence item.
pub(crate) struct Checks<'a> {
    pub as_of: Date,
    /// The supplier's display name and legal names.
    pub names: &'a [String],
    /// Verifiers the tender accepts; empty accepts any verifier named in the document.
    pub verifiers: &'a [String],
    /// The certificate register, when the tender has one.
    pub certificates: Option<&'a [Certificate]>,
}

/// The outcome of the checks on one item.
#[derive(Debug, Default)]
pub(crate) struct ItemOutcome {
    /// Makes the evidence invalid: the document or the register says it has expired, or the
    /// register says the certificate is withdrawn, suspended or another holder's.
    pub invalid: Vec<String>,
    /// The document does not bear out the claim (a claimed date is not shown).
    pub unconfirmed: Vec<String>,
    /// Why `verified_by` or `certificate` does not make the item verified.
    pub unverified: Vec<String>,
    /// Checks passed, for the record.
    pub passed: Vec<String>,
    /// The item counts as third-party verified.
    pub verified: bool,
}

/// Runs checks 1, 2, 4 and 5 on one item (3, `must_show`, is checked for the whole answer by
/// [`must_show`]).
pub(crate) fn check_item(c: &Checks, q: &Question, e: &Evidence) -> ItemOutcome {
    let mut out = ItemOutcome::default();
    let f = &e.file;
    let text = match e.text.as_deref() {
        Some(TextFacts::Text(t)) => Some(t.as_str()),
        _ => None,
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
    // 5. The certificate register.
    let mut confirmed = false;
    if let (Some(number), Some(register)) = (&e.certificate, c.certificates) {
        match register
            .iter()
            .find(|r| r.number.trim().eq_ignore_ascii_case(number))
        {
            None => out.unverified.push(format!(
                "{f}: certificate {number} is not in the certificate register"
            )),
            Some(r) => {
                let before = out.invalid.len();
                if !r.status.trim().eq_ignore_ascii_case("valid") {
                    out.invalid.push(format!(
                        "{f}: the certificate register lists certificate {number} as {}",
                        r.status.trim()
                    ));
                }
                if !c.names.iter().any(|n| same_name(n, &r.holder)) {
                    out.invalid.push(format!(
                        "{f}: the certificate register lists certificate {number} for {}, not this supplier",
                        r.holder
                    ));
                }
                if let Some(x) = r.expires.filter(|x| *x < c.as_of) {
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
    // 4. The verifier: its name, before any note in brackets or after a semicolon
    // ("Holloway Audit LLP (bias audit, engagement HAA-112)" names "Holloway Audit LLP").
    let mut by_verifier = false;
    if let Some(v) = e.verified_by.as_deref().map(verifier_name) {
        let named = match text {
            Some(t) => {
                let ok = contains_name(t, v);
                if !ok {
                    out.unverified.push(format!(
                        "{f}: the verifier `{v}` is not named in the document"
                    ));
                }
                ok
            }
            // Nothing to read: the document cannot be checked, and an unchecked file never
            // lowers a status (the panel checks it by hand).
            None => true,
        };
        let accepted = c.verifiers.is_empty() || c.verifiers.iter().any(|a| same_or_within(v, a));
        if !accepted {
            let listed = match c.verifiers {
                [a, b, c, d, rest @ ..] if rest.len() > 1 => {
                    format!("{a}, {b}, {c}, {d} and {} more", rest.len())
                }
                all => all.join(", "),
            };
            out.unverified.push(format!(
                "{f}: the verifier `{v}` is not one of the tender's accepted verifiers ({listed})"
            ));
        }
        by_verifier = named && accepted;
        if by_verifier && text.is_some() {
            out.passed.push(format!("{f}: names the verifier `{v}`"));
        }
    }
    out.verified = confirmed || by_verifier;
    out
}

/// Check 3: each `must_show` entry must be shown by one of the answer's documents whose text
/// could be read. Entries no readable document could show are not judged (the panel checks
/// the unreadable ones by hand). Returns (reasons not shown, entries shown).
pub(crate) fn must_show(
    c: &Checks,
    q: &Question,
    items: &[Evidence],
) -> (Vec<String>, Vec<String>) {
    let texts: Vec<(&str, &str)> = items
        .iter()
        .filter_map(|e| match e.text.as_deref() {
            Some(TextFacts::Text(t)) => Some((e.file.as_str(), t.as_str())),
            _ => None,
        })
        .collect();
    let (mut missing, mut shown) = (Vec::new(), Vec::new());
    if texts.is_empty() {
        return (missing, shown);
    }
    for m in q.evidence.must_show() {
        let found = texts.iter().find(|(_, t)| {
            if m.supplier {
                c.names.iter().any(|n| contains_name(t, n))
            } else {
                m.any.iter().any(|p| contains_phrase(t, &normalise(p)))
            }
        });
        match found {
            Some((file, _)) => shown.push(format!("{file}: shows {}", m.label)),
            None => {
                let files: Vec<&str> = texts.iter().map(|(f, _)| *f).collect();
                missing.push(format!("{}: does not show {}", files.join(", "), m.label));
            }
        }
    }
    (missing, shown)
}

/// The status of an answer's evidence under rules 2, given the rules 1 reasons of each item
/// and the content outcomes (first that holds: not needed, invalid, none, unconfirmed,
/// verified, attached), with every reason.
pub(crate) fn status(
    raw: Option<f64>,
    items: usize,
    rules1_invalid: Vec<String>,
    outcomes: &[ItemOutcome],
    not_shown: Vec<String>,
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
    unconfirmed.extend(not_shown);
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

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

fn is_word(c: char) -> bool {
    c.is_alphanumeric()
}

/// Whether `needle` stands in `hay` as whole words (no letter or digit touching either end).
fn contains_phrase(hay: &str, needle: &str) -> bool {
    if needle.is_empty() {
        return false;
    }
    let mut from = 0;
    while let Some(i) = hay[from..].find(needle) {
        let start = from + i;
        let end = start + needle.len();
        let before_ok =
            !needle.starts_with(is_word) || !hay[..start].chars().next_back().is_some_and(is_word);
        let after_ok =
            !needle.ends_with(is_word) || !hay[end..].chars().next().is_some_and(is_word);
        if before_ok && after_ok {
            return true;
        }
        from = start + needle.chars().next().map_or(1, char::len_utf8);
    }
    false
}

/// The forms a date may take in a document, normalised (lower case).
fn date_forms(d: Date) -> Vec<String> {
    let (y, m, day) = (d.year(), d.month() as usize, d.day());
    let month = MONTHS[m - 1];
    let short = &month[..3];
    let ord = match day {
        1 | 21 | 31 => "st",
        2 | 22 => "nd",
        3 | 23 => "rd",
        _ => "th",
    };
    let mut v = vec![
        format!("{y}-{m:02}-{day:02}"),
        format!("{day:02}/{m:02}/{y}"),
        format!("{day}/{m}/{y}"),
        format!("{day:02}.{m:02}.{y}"),
        format!("{day:02}-{m:02}-{y}"),
    ];
    for name in [month, short] {
        v.push(format!("{day} {name} {y}"));
        v.push(format!("{day:02} {name} {y}"));
        v.push(format!("{day}{ord} {name} {y}"));
        v.push(format!("{day}{ord} of {name} {y}"));
        v.push(format!("{name} {day}, {y}"));
        v.push(format!("{name} {day} {y}"));
        v.push(format!("{name} {day}{ord}, {y}"));
    }
    v.sort();
    v.dedup();
    v
}

/// Check 1: the document shows date `d` in a common form; a claim of the first of a month
/// also matches the month alone ("March 2026") where no day stands before it.
pub(crate) fn shows_date(text: &str, d: Date) -> bool {
    if date_forms(d).iter().any(|f| contains_phrase(text, f)) {
        return true;
    }
    if d.day() != 1 {
        return false;
    }
    let month = MONTHS[d.month() as usize - 1];
    [month, &month[..3]].iter().any(|name| {
        let needle = format!("{name} {}", d.year());
        let mut from = 0;
        while let Some(i) = text[from..].find(&needle) {
            let start = from + i;
            let before = text[..start].trim_end();
            let day_before = before.rsplit(' ').next().is_some_and(|w| {
                w.trim_end_matches(['.', ','])
                    .trim_end_matches(|c: char| c.is_ascii_alphabetic())
                    .chars()
                    .all(|c| c.is_ascii_digit())
                    && w.chars().next().is_some_and(|c| c.is_ascii_digit())
            });
            let whole = !text[..start].chars().next_back().is_some_and(is_word)
                && !text[start + needle.len()..]
                    .chars()
                    .next()
                    .is_some_and(is_word);
            if whole && !day_before {
                return true;
            }
            from = start + 1;
        }
        false
    })
}

/// Check 2: the earliest date before `as_of` stated within 60 characters after an expiry
/// phrase.
pub(crate) fn expired_in_document(text: &str, as_of: Date) -> Option<Date> {
    const PHRASES: [&str; 6] = [
        "valid until",
        "expiry date",
        "expires",
        "expiration date",
        "valid to",
        "date of expiry",
    ];
    let mut found: Option<Date> = None;
    for p in PHRASES {
        let mut from = 0;
        while let Some(i) = text[from..].find(p) {
            let start = from + i + p.len();
            let window: String = text[start..].chars().take(60).collect();
            if let Some(d) = first_date(&window) {
                if d < as_of && found.is_none_or(|f| d < f) {
                    found = Some(d);
                }
            }
            from = start;
        }
    }
    found
}

/// The first date in `s` in any of the common forms.
pub(crate) fn first_date(s: &str) -> Option<Date> {
    let words: Vec<(usize, &str)> = s
        .split(|c: char| {
            c.is_whitespace() || c == ',' || c == ':' || c == ';' || c == '(' || c == ')'
        })
        .scan(0usize, |pos, w| {
            let start = *pos;
            *pos += w.len() + 1;
            Some((start, w))
        })
        .filter(|(_, w)| !w.is_empty())
        .collect();
    let month = |w: &str| -> Option<i8> {
        let w = w.trim_end_matches('.');
        MONTHS
            .iter()
            .position(|m| *m == w || (w.len() >= 3 && m.starts_with(w) && w.len() <= m.len()))
            .map(|i| i as i8 + 1)
    };
    let day = |w: &str| -> Option<i8> {
        let digits = w
            .trim_end_matches(['.'])
            .trim_end_matches("st")
            .trim_end_matches("nd")
            .trim_end_matches("rd")
            .trim_end_matches("th");
        (!digits.is_empty() && digits.len() <= 2 && digits.bytes().all(|b| b.is_ascii_digit()))
            .then(|| digits.parse().ok())
            .flatten()
    };
    let year = |w: &str| -> Option<i16> {
        let w = w.trim_end_matches('.');
        (w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit()))
            .then(|| w.parse().ok())
            .flatten()
    };
    for (i, (_, w)) in words.iter().enumerate() {
        let w = w.trim_end_matches('.');
        // 2026-03-01
        if let [y, m, d] = w.split('-').collect::<Vec<_>>()[..] {
            if y.len() == 4 {
                if let (Some(y), Ok(m), Some(d)) = (year(y), m.parse::<i8>(), day(d)) {
                    if let Ok(date) = Date::new(y, m, d) {
                        return Some(date);
                    }
                }
            }
        }
        // 01/03/2026, 01.03.2026, 01-03-2026 (day first, as in the UK)
        for sep in ['/', '.', '-'] {
            if let [d, m, y] = w.split(sep).collect::<Vec<_>>()[..] {
                if let (Some(d), Ok(m), Some(y)) = (day(d), m.parse::<i8>(), year(y)) {
                    if let Ok(date) = Date::new(y, m, d) {
                        return Some(date);
                    }
                }
            }
        }
        let next = |k: usize| words.get(i + k).map(|(_, w)| *w);
        // 1 March 2026, 1st of March 2026
        if let Some(d) = day(w) {
            let (m_at, y_at) = if next(1) == Some("of") {
                (2, 3)
            } else {
                (1, 2)
            };
            if let (Some(m), Some(y)) = (next(m_at).and_then(month), next(y_at).and_then(year)) {
                if let Ok(date) = Date::new(y, m, d) {
                    return Some(date);
                }
            }
        }
        // March 1, 2026
        if let Some(m) = month(w) {
            if let (Some(d), Some(y)) = (next(1).and_then(day), next(2).and_then(year)) {
                if let Ok(date) = Date::new(y, m, d) {
                    return Some(date);
                }
            }
        }
    }
    None
}

/// A name as compared: normalised, punctuation dropped, and the usual company suffixes
/// written one way (`limited` → `ltd`, `public limited company` → `plc`, `limited liability
/// partnership` → `llp`, `community interest company` → `cic`).
pub(crate) fn name_words(s: &str) -> String {
    let n = normalise(s);
    let words: Vec<&str> = n
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let mut out: Vec<&str> = Vec::with_capacity(words.len());
    let mut i = 0;
    while i < words.len() {
        let rest = &words[i..];
        let (word, used) = match rest {
            ["public", "limited", "company", ..] => ("plc", 3),
            ["limited", "liability", "partnership", ..] => ("llp", 3),
            ["community", "interest", "company", ..] => ("cic", 3),
            ["limited", ..] => ("ltd", 1),
            [w, ..] => (*w, 1),
            [] => break,
        };
        out.push(word);
        i += used;
    }
    out.join(" ")
}

/// The verifier's name in a `verified_by`: the text before a `(`, `;` or ` – `/` — ` note.
pub(crate) fn verifier_name(v: &str) -> &str {
    let end = [" (", "(", ";", " – ", " — ", " - "]
        .iter()
        .filter_map(|sep| v.find(sep))
        .min()
        .unwrap_or(v.len());
    let name = v[..end].trim();
    if name.is_empty() {
        v.trim()
    } else {
        name
    }
}

/// Whether two names are the same organisation by [`name_words`].
fn same_name(a: &str, b: &str) -> bool {
    let (a, b) = (name_words(a), name_words(b));
    !a.is_empty() && a == b
}

/// Whether one name contains the other as whole words (`BSI Group` and `BSI`).
fn same_or_within(a: &str, b: &str) -> bool {
    let (a, b) = (name_words(a), name_words(b));
    !a.is_empty() && !b.is_empty() && (contains_phrase(&a, &b) || contains_phrase(&b, &a))
}

/// Whether the document names `name` (by [`name_words`]).
fn contains_name(text: &str, name: &str) -> bool {
    contains_phrase(&name_words(text), &name_words(name))
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

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
            assert!(shows_date(t, d), "{t}");
        }
        for t in [
            "on 11 march 2026",
            "21 march 2026",
            "2026-03-011",
            "issued 3 march 2026",
        ] {
            assert!(!shows_date(t, d), "{t}");
        }
        assert!(!shows_date("issued 5 march 2026", date(2026, 3, 15)));
    }

    #[test]
    fn an_expiry_phrase_followed_by_a_past_date_is_found() {
        let as_of = date(2026, 10, 1);
        assert_eq!(
            expired_in_document("expiry date: 31 july 2026", as_of),
            Some(date(2026, 7, 31))
        );
        assert_eq!(
            expired_in_document("valid until 30/11/2025 subject to audit", as_of),
            Some(date(2025, 11, 30))
        );
        assert_eq!(expired_in_document("valid until 1 march 2027", as_of), None);
        assert_eq!(expired_in_document("expires on request", as_of), None);
    }

    #[test]
    fn company_suffixes_and_punctuation_do_not_matter() {
        assert!(same_name(
            "Larkspur Health Intelligence Ltd",
            "LARKSPUR HEALTH INTELLIGENCE LIMITED"
        ));
        assert!(same_name(
            "Cobalt Analytics plc",
            "Cobalt Analytics Public Limited Company"
        ));
        assert!(!same_name("Cobalt Analytics plc", "Cobalt Analytics Ltd"));
        assert!(contains_name(
            "certified: acme (uk) limited, london",
            "ACME UK Ltd."
        ));
        assert!(same_or_within("BSI Group", "BSI"));
        assert_eq!(
            verifier_name("Holloway Audit LLP (bias audit; engagement HAA-112)"),
            "Holloway Audit LLP"
        );
        assert_eq!(verifier_name("BSI; certificate 4471"), "BSI");
        assert_eq!(verifier_name("(odd)"), "(odd)");
        assert!(!same_or_within("Assurance Partners Ltd", "BSI"));
    }
}
