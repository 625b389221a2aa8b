//! The dates a document states, and the expiry dates it gives: found in its normalised text
//! (any common way of writing a date), each with where it stands.

use super::doctext::{contains_phrase, phrase_at, sentence};
use crate::model::response::DocText;
use jiff::civil::Date;

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

/// The words dates are read from, with their byte offsets: split at spaces, at `,:;()[]{}|`,
/// quotes, Markdown emphasis (`*`, `_`), `!`, `?` and long dashes, so a date in quotes, in
/// brackets or in bold is read like any other.
fn date_words(s: &str) -> Vec<(usize, &str)> {
    let split = |c: char| {
        c.is_whitespace()
            || matches!(
                c,
                ',' | ':'
                    | ';'
                    | '('
                    | ')'
                    | '['
                    | ']'
                    | '{'
                    | '}'
                    | '|'
                    | '"'
                    | '\''
                    | '“'
                    | '”'
                    | '‘'
                    | '’'
                    | '«'
                    | '»'
                    | '*'
                    | '_'
                    | '!'
                    | '?'
                    | '–'
                    | '—'
            )
    };
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices() {
        match (split(c), start) {
            (true, Some(b)) => {
                out.push((b, &s[b..i]));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(b) = start {
        out.push((b, &s[b..]));
    }
    out
}

/// A month name, in full or from its first three letters (`mar`, `sept`).
fn month(w: &str) -> Option<i8> {
    let w = w.trim_end_matches('.');
    MONTHS
        .iter()
        .position(|m| *m == w || (w.len() >= 3 && m.starts_with(w)))
        .map(|i| i as i8 + 1)
}

/// A day of the month: one or two digits, perhaps with `st`, `nd`, `rd` or `th`.
fn day(w: &str) -> Option<i8> {
    let digits = w
        .trim_end_matches('.')
        .trim_end_matches("st")
        .trim_end_matches("nd")
        .trim_end_matches("rd")
        .trim_end_matches("th");
    (!digits.is_empty() && digits.len() <= 2 && digits.bytes().all(|b| b.is_ascii_digit()))
        .then(|| digits.parse().ok())
        .flatten()
}

/// A four-digit year.
fn year(w: &str) -> Option<i16> {
    let w = w.trim_end_matches('.');
    (w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit()))
        .then(|| w.parse().ok())
        .flatten()
}

/// The date that starts at word `i`, in any of the common forms, with how many words it uses.
fn date_at(words: &[(usize, &str)], i: usize) -> Option<(Date, usize)> {
    let w = words[i].1.trim_end_matches('.');
    let next = |k: usize| words.get(i + k).map(|(_, w)| *w);
    // Every form but `March 1, 2026` starts with a digit: most words are not looked at twice.
    if w.as_bytes().first().is_some_and(u8::is_ascii_digit) {
        // 2026-03-01
        if let [y, m, d] = w.split('-').collect::<Vec<_>>()[..] {
            if y.len() == 4 {
                if let (Some(y), Ok(m), Some(d)) = (year(y), m.parse::<i8>(), day(d)) {
                    if let Ok(date) = Date::new(y, m, d) {
                        return Some((date, 1));
                    }
                }
            }
        }
        // 01/03/2026, 01.03.2026, 01-03-2026 (day first, as in the UK); 01-Mar-2026;
        // 2026/03/01, 2026.03.01
        for sep in ['/', '.', '-'] {
            if let [a, m, b] = w.split(sep).collect::<Vec<_>>()[..] {
                let m = m.parse::<i8>().ok().or_else(|| month(m));
                let (d, y) = match (day(a), year(b), year(a), day(b)) {
                    (Some(d), Some(y), _, _) => (d, y),
                    (_, _, Some(y), Some(d)) if sep != '-' => (d, y),
                    _ => continue,
                };
                if let Some(Ok(date)) = m.map(|m| Date::new(y, m, d)) {
                    return Some((date, 1));
                }
            }
        }
        // 1 March 2026, 1st of March 2026
        if let Some(d) = day(w) {
            let (m_at, y_at) = if next(1) == Some("of") {
                (2, 3)
            } else {
                (1, 2)
            };
            if let (Some(m), Some(y)) = (next(m_at).and_then(month), next(y_at).and_then(year)) {
                if let Ok(date) = Date::new(y, m, d) {
                    return Some((date, y_at + 1));
                }
            }
        }
    }
    // March 1, 2026
    if let Some(m) = month(w) {
        if let (Some(d), Some(y)) = (next(1).and_then(day), next(2).and_then(year)) {
            if let Ok(date) = Date::new(y, m, d) {
                return Some((date, 3));
            }
        }
    }
    None
}

/// Every date the text states in a common form (`2026-03-01`, `01/03/2026`, `1.3.2026`,
/// `1 March 2026`, `1st of March 2026`, `March 1, 2026`, month names in full or three
/// letters) with where it stands, and every month it names with a year and no day before it
/// (`March 2026`).
pub(crate) fn scan_dates(doc: &mut DocText) {
    let words = date_words(&doc.text);
    for i in 0..words.len() {
        if let Some((d, n)) = date_at(&words, i) {
            doc.dates.insert(d);
            let (b, w) = words[i + n - 1];
            doc.dated.push((words[i].0, b + w.len(), d));
        }
        let w = words[i].1;
        if let (Some(m), Some(y)) = (month(w), words.get(i + 1).and_then(|w| year(w.1))) {
            let day_before = (i > 0 && day(words[i - 1].1).is_some())
                || (i > 1 && words[i - 1].1 == "of" && day(words[i - 2].1).is_some());
            if !day_before {
                doc.months.insert((y, m));
            }
        }
    }
}

/// What introduces the date a document stops being valid (an end label): the first date after
/// it is the expiry, unless it starts a range.
const END_LABELS: [&str; 19] = [
    "expiry",
    "expires",
    "expired",
    "expiring",
    "expiration",
    "will expire",
    "exp.",
    "exp:",
    "valid until",
    "valid till",
    "valid through",
    "valid thru",
    "valid to",
    "valid up to",
    "in force until",
    "remains in force to",
    "end date",
    "lapses",
    "lapsed",
];

/// What introduces a period of validity (a start label): only the end of a range after it is
/// an expiry (`valid from 1 March 2025 until 1 March 2028`, `Validity: 2025-03-01 to
/// 2028-02-28`); a lone date after `valid from` is a start. A lone date after `validity` is
/// the expiry unless `from`, `since`, `starting`, `commencing`, `beginning` or `effective`
/// stands between (`Validity period: 3 years from 1 March 2025` gives no expiry).
const START_LABELS: [&str; 2] = ["valid from", "validity"];

/// The dates a document gives as its expiry: after each label (see [`END_LABELS`] and
/// [`START_LABELS`]), the first date before the end of the sentence (or, where the label ends
/// its sentence or line, as a heading does, in the next one); where that date starts a range
/// (`1 March 2025 to 1 March 2028`, `… until …`, `… – …`), the range's end.
pub(crate) fn dates_after_expiry(doc: &DocText) -> Vec<Date> {
    let text = &doc.text;
    let mut out = Vec::new();
    let labels = END_LABELS
        .iter()
        .map(|l| (l, false))
        .chain(START_LABELS.iter().map(|l| (l, true)));
    for (label, start_label) in labels {
        for (at, end) in phrase_at(text, label) {
            let whole_word = !text[..at]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric)
                && !text[end..]
                    .chars()
                    .next()
                    .is_some_and(char::is_alphanumeric);
            if !whole_word {
                continue;
            }
            let (_, mut stop) = sentence(doc, at, end);
            // A heading ("Expiry date", then a blank line or a page break, then the date):
            // its date is in the next sentence.
            let no_date = doc.dated.iter().all(|(s, _, _)| *s < end || *s >= stop);
            let heading = doc.breaks.binary_search(&(stop + 1)).is_ok()
                && !text[..stop].ends_with(['.', '!', '?']);
            if no_date && heading && text[end..stop].chars().count() < 40 {
                stop = sentence(doc, stop + 1, stop + 1).1;
            }
            let i = doc.dated.partition_point(|(s, _, _)| *s < end);
            let Some(&(s, e, d)) = doc.dated.get(i) else {
                continue;
            };
            if s >= stop {
                continue;
            }
            let range_end = doc.dated.get(i + 1).filter(|(s2, _, _)| {
                let between = text[e..*s2].trim_matches(|c: char| {
                    c.is_whitespace() || matches!(c, '*' | '_' | '"' | '\'' | ')' | '(' | ',')
                });
                matches!(
                    between,
                    "to" | "until" | "till" | "through" | "up to" | "-" | "–" | "—" | "and ending"
                )
            });
            match (range_end, start_label) {
                (Some(r), _) => out.push(r.2),
                (None, false) => out.push(d),
                (None, true) => {
                    let lead = &text[end..s];
                    let starts = [
                        "from",
                        "since",
                        "starting",
                        "commencing",
                        "beginning",
                        "effective",
                    ];
                    if *label == "validity" && !starts.iter().any(|w| contains_phrase(lead, w)) {
                        out.push(d);
                    }
                }
            }
        }
    }
    out.sort();
    out.dedup();
    out
}
