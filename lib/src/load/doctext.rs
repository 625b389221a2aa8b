//! A document's text as the content checks of scoring rules 2 read it: normalised for
//! matching, with where its paragraphs and pages start, the dates it states and where, the
//! expiry dates it gives, and the sentence around any phrase (to judge a negation before it
//! and to quote it to the panel). Pure: the readers in [`super::readers`] produced the text.

use super::readers::PAGE_BREAK;
use crate::model::response::DocText;
use jiff::civil::Date;
use std::collections::BTreeSet;

/// A sentence is looked for at most this many bytes either side of a phrase: a document with
/// no full stops (a table, a list) is not one sentence of a million characters.
const MAX_SENTENCE: usize = 2000;
/// Quotes of a sentence are cut to this many characters around the phrase.
pub const MAX_QUOTE: usize = 240;
/// At most this many places a phrase appears are looked at, so a document that repeats a
/// negated phrase a million times costs no more than one that repeats it ten thousand.
const MAX_OCCURRENCES: usize = 10_000;

/// Words that negate a phrase after them in the same sentence (and any word ending `n't`).
const NEGATIONS: [&str; 7] = ["not", "no", "never", "nor", "neither", "without", "cannot"];

/// Paragraph and page starts found while normalising, as byte offsets in the result.
#[derive(Default)]
struct Marks {
    /// A blank line or a page break before this offset: a sentence never runs across it.
    breaks: Vec<usize>,
    /// Page 2, 3… start here (the reader joined pages with [`PAGE_BREAK`]).
    pages: Vec<usize>,
}

/// Text as the content checks match it: Unicode NFKC, lower case, soft hyphens and
/// line-break hyphenation removed, every run of whitespace one space.
pub fn normalise(text: &str) -> String {
    normalise_marked(text, true, None)
}

fn normalise_marked(text: &str, lower: bool, mut marks: Option<&mut Marks>) -> String {
    use unicode_normalization::UnicodeNormalization;
    // NFKC leaves ASCII as it is, and ASCII lower case is Unicode lower case there.
    let nfkc: String = match (text.is_ascii(), lower) {
        (true, true) => text.to_ascii_lowercase(),
        (true, false) => text.to_string(),
        (false, true) => text.nfkc().collect::<String>().to_lowercase(),
        (false, false) => text.nfkc().collect(),
    };
    let mut out = String::with_capacity(nfkc.len());
    let mut chars = nfkc.chars().peekable();
    let mut space = false;
    let (mut newlines, mut feeds) = (0u32, 0u32);
    while let Some(c) = chars.next() {
        if c == '\u{ad}' {
            continue;
        }
        // "assur-\nance" → "assurance": a hyphen at a line end, between letters.
        if c == '-' && out.chars().last().is_some_and(char::is_alphabetic) {
            let mut look = chars.clone();
            let mut saw_newline = false;
            while let Some(&w) = look.peek() {
                if w == '\n' || w == '\r' {
                    saw_newline = true;
                } else if !w.is_whitespace() {
                    break;
                }
                look.next();
            }
            if saw_newline && look.peek().is_some_and(|w| w.is_alphabetic()) {
                chars = look;
                continue;
            }
        }
        if c.is_whitespace() {
            space = true;
            match c {
                '\n' => newlines += 1,
                PAGE_BREAK => feeds += 1,
                _ => {}
            }
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        if space {
            if let Some(m) = marks.as_deref_mut() {
                let at = out.len();
                for _ in 0..feeds {
                    m.pages.push(at);
                }
                if feeds > 0 || newlines >= 2 {
                    m.breaks.push(at);
                }
            }
            (newlines, feeds) = (0, 0);
        }
        space = false;
        out.push(c);
    }
    out
}

/// A document's text, from what a reader produced: `paged` for a PDF, whose pages the reader
/// separated with [`PAGE_BREAK`], so each phrase found can name its page.
pub fn doc_text_from(raw: &str, paged: bool) -> DocText {
    let mut marks = Marks::default();
    let text = normalise_marked(raw, true, Some(&mut marks));
    // The same text in its own letter case, for quotes; kept only where lower case did not
    // change any byte offset (always so for ASCII).
    let display = Some(normalise_marked(raw, false, None)).filter(|d| d.len() == text.len());
    build(text, display, marks.breaks, paged.then_some(marks.pages))
}

/// A document's text from text already [`normalise`]d (no paragraphs, pages or letter case).
pub fn doc_text(text: String) -> DocText {
    build(text, None, Vec::new(), None)
}

fn build(
    text: String,
    display: Option<String>,
    breaks: Vec<usize>,
    pages: Option<Vec<usize>>,
) -> DocText {
    let words = super::text::name_words(&text);
    let mut doc = DocText {
        text,
        words,
        display,
        breaks,
        pages,
        dated: Vec::new(),
        dates: BTreeSet::new(),
        months: BTreeSet::new(),
        after_expiry: Vec::new(),
    };
    scan_dates(&mut doc);
    doc.after_expiry = dates_after_expiry(&doc);
    doc
}

// ---- sentences, negation and quotes ----

/// The sentence holding bytes `at..end` of the text: from after the last `.`, `!` or `?`
/// followed by a space (or a blank line, or a page break) before `at`, to the next one after
/// `end`; at most [`MAX_SENTENCE`] bytes either way.
pub fn sentence(doc: &DocText, at: usize, end: usize) -> (usize, usize) {
    let t = doc.text.as_bytes();
    let lo = doc.text.ceil_char_boundary(at.saturating_sub(MAX_SENTENCE));
    let hi = doc
        .text
        .floor_char_boundary((end + MAX_SENTENCE).min(t.len()));
    let mut s = lo;
    for b in (lo..at).rev() {
        if t[b] == b' ' && b > 0 && ends_sentence(t, closing(t, b)) {
            s = b + 1;
            break;
        }
    }
    let i = doc.breaks.partition_point(|&x| x <= at);
    if i > 0 {
        s = s.max(doc.breaks[i - 1]);
    }
    let mut e = hi;
    for b in end..hi {
        if (b + 1 == t.len() || t[b + 1] == b' ') && ends_sentence(t, closing(t, b + 1)) {
            e = b + 1;
            break;
        }
    }
    if let Some(&x) = doc.breaks.get(doc.breaks.partition_point(|&x| x <= end)) {
        e = e.min(x.saturating_sub(1)).max(end);
    }
    (s, e)
}

/// The byte before `b` (a space or the end), stepping back over closing brackets and quotes
/// (`.)`, `."`, `.”`), so the `.` they follow is the one judged.
fn closing(t: &[u8], b: usize) -> usize {
    let mut i = b;
    while i > 0 {
        match t[i - 1] {
            b')' | b']' | b'"' | b'\'' | b'*' | b'_' => i -= 1,
            // ” ’ » in UTF-8
            0x9d | 0x99 if i >= 3 && t[i - 3] == 0xe2 && t[i - 2] == 0x80 => i -= 3,
            0xbb if i >= 2 && t[i - 2] == 0xc2 => i -= 2,
            _ => break,
        }
    }
    i.saturating_sub(1)
}

/// Whether the `.`, `!` or `?` at byte `b` ends a sentence: a full stop after a single
/// letter (an initial) or a usual abbreviation (`No.`, `Reg.`, `e.g.`, `approx.`) does not.
fn ends_sentence(t: &[u8], b: usize) -> bool {
    const ABBREVIATIONS: [&[u8]; 16] = [
        b"no", b"nos", b"reg", b"e.g", b"i.e", b"cf", b"approx", b"incl", b"para", b"art", b"fig",
        b"pp", b"vol", b"mr", b"mrs", b"dr",
    ];
    match t[b] {
        b'!' | b'?' => true,
        b'.' => {
            let start = t[..b]
                .iter()
                .rposition(|c| !(c.is_ascii_alphanumeric() || *c == b'.'))
                .map_or(0, |i| i + 1);
            let word = &t[start..b];
            !(word.len() == 1 && word[0].is_ascii_alphabetic() || ABBREVIATIONS.contains(&word))
        }
        _ => false,
    }
}

/// Whether a negation stands in bytes `from..at` of the text: one of [`NEGATIONS`] as a
/// whole word, or a word ending `n't` (`isn't`, `don’t`). `no` before a number sign or a
/// digit (`Certificate No. 1234`, `no: 1234`) is an abbreviation, not a negation.
pub fn negated(doc: &DocText, from: usize, at: usize) -> bool {
    let s = &doc.text[from..at];
    let is_word = |c: char| c.is_alphanumeric() || c == '\'' || c == '’';
    let mut rest = s;
    while let Some(i) = rest.find(is_word) {
        let w_start = i;
        let w_end = rest[i..]
            .find(|c| !is_word(c))
            .map_or(rest.len(), |j| i + j);
        let w = rest[w_start..w_end].trim_matches(|c| c == '\'' || c == '’');
        let after = &rest[w_end..];
        let negation = match w {
            "no" => {
                let next = after.trim_start();
                !(after.starts_with(['.', ':', '#', '°'])
                    || next.starts_with(|c: char| c.is_ascii_digit()))
            }
            w if NEGATIONS.contains(&w) => true,
            w => w.ends_with("n't") || w.ends_with("n’t"),
        };
        if negation {
            return true;
        }
        rest = after;
    }
    false
}

/// The sentence around bytes `at..end`, in the document's own letter case where it has one,
/// cut to [`MAX_QUOTE`] characters around the phrase (`…` where cut).
pub fn quote(doc: &DocText, at: usize, end: usize) -> String {
    let (s, e) = sentence(doc, at, end);
    let src = doc
        .display
        .as_deref()
        .filter(|d| d.get(s..e).is_some() && d.is_char_boundary(at) && d.is_char_boundary(end))
        .unwrap_or(&doc.text);
    let whole = src[s..e].trim();
    if whole.chars().count() <= MAX_QUOTE {
        return whole.to_string();
    }
    // Room either side of the phrase, split evenly.
    let phrase = src[at..end].chars().count();
    let room = MAX_QUOTE.saturating_sub(phrase + 2) / 2;
    let before: Vec<char> = src[s..at].chars().collect();
    let after: Vec<char> = src[end..e].chars().collect();
    let (mut b, mut a) = (room.min(before.len()), room.min(after.len()));
    // Give one side's unused room to the other.
    let spare = 2 * room - b - a;
    if b < before.len() {
        b = (b + spare).min(before.len());
    } else {
        a = (a + spare).min(after.len());
    }
    let mut q = String::new();
    if b < before.len() {
        q.push('…');
    }
    q.extend(&before[before.len() - b..]);
    q.push_str(&src[at..end]);
    q.extend(&after[..a]);
    if a < after.len() {
        q.push('…');
    }
    q.trim().to_string()
}

/// The page of byte `at` of a PDF's text (1 for the first); none for other formats.
pub fn page(doc: &DocText, at: usize) -> Option<u32> {
    doc.pages
        .as_ref()
        .map(|p| 1 + p.partition_point(|&x| x <= at) as u32)
}

/// Every place (start and end bytes, at most [`MAX_OCCURRENCES`]) the text shows a
/// `must_show` or `must_not_show` phrase: normalised like the text and found anywhere in it,
/// so a stem (`terminat`) matches every word it starts; a space written before or after a
/// short phrase (`" AA "`) asks for a word boundary on that side (`AA.` still counts).
pub fn phrase_at(text: &str, p: &str) -> Vec<(usize, usize)> {
    let core = normalise(p);
    let mut out = Vec::new();
    if core.is_empty() {
        return out;
    }
    let (start, end) = (
        p.starts_with(char::is_whitespace),
        p.ends_with(char::is_whitespace),
    );
    let mut from = 0;
    while let Some(i) = text[from..].find(&core) {
        let at = from + i;
        let after = at + core.len();
        let before_ok = !start
            || !text[..at]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric);
        let after_ok = !end
            || !text[after..]
                .chars()
                .next()
                .is_some_and(char::is_alphanumeric);
        if before_ok && after_ok {
            out.push((at, after));
            if out.len() == MAX_OCCURRENCES {
                break;
            }
        }
        from = at + core.chars().next().map_or(1, char::len_utf8);
    }
    out
}

// ---- dates ----

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

/// Whether `needle` stands in `hay` as whole words (no letter or digit touching either end).
pub fn contains_phrase(hay: &str, needle: &str) -> bool {
    let is_word = |c: char| c.is_alphanumeric();
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

/// The first date in `s` in any of the common forms.
pub fn first_date(s: &str) -> Option<Date> {
    let words = date_words(s);
    (0..words.len()).find_map(|i| date_at(&words, i).map(|(d, _)| d))
}

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
        // 01/03/2026, 01.03.2026, 01-03-2026 (day first, as in the UK)
        for sep in ['/', '.', '-'] {
            if let [d, m, y] = w.split(sep).collect::<Vec<_>>()[..] {
                if let (Some(d), Ok(m), Some(y)) = (day(d), m.parse::<i8>(), year(y)) {
                    if let Ok(date) = Date::new(y, m, d) {
                        return Some((date, 1));
                    }
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
fn scan_dates(doc: &mut DocText) {
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

/// What introduces an expiry date: expiry, expires, expired (on), expiry date, date of
/// expiry, expiration, valid until/till/through/to, validity, valid from X until/to Y.
const EXPIRY_LABELS: [&str; 10] = [
    "expiry",
    "expires",
    "expired",
    "expiration",
    "valid until",
    "valid till",
    "valid through",
    "valid to",
    "validity",
    "valid from",
];

/// The dates a document gives as its expiry: after each of [`EXPIRY_LABELS`], the first date
/// before the end of the sentence; where that date starts a range (`1 March 2025 to 1 March
/// 2028`, `… until …`, `… – …`), the range's end.
fn dates_after_expiry(doc: &DocText) -> Vec<Date> {
    let text = &doc.text;
    let mut out = Vec::new();
    for label in EXPIRY_LABELS {
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
            let (_, stop) = sentence(doc, at, end);
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
                    "to" | "until" | "till" | "through" | "-" | "–" | "—" | "and ending"
                )
            });
            out.push(range_end.map_or(d, |r| r.2));
        }
    }
    out.sort();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(s: &str) -> DocText {
        doc_text_from(s, true)
    }

    #[test]
    fn a_negation_before_a_phrase_in_its_sentence_counts_and_one_elsewhere_does_not() {
        for (t, neg) in [
            (
                "Cobalt Analytics plc is not certified to ISO/IEC 42001.",
                true,
            ),
            ("We aren't certified to ISO/IEC 42001", true),
            ("We don’t hold ISO/IEC 42001", true),
            ("No ISO/IEC 42001 certificate is held", true),
            ("Neither ISO/IEC 42001 nor 27001", true),
            ("We cannot show ISO/IEC 42001", true),
            ("We are not a reseller. We hold ISO/IEC 42001.", false),
            ("Not applicable\n\nCertified to ISO/IEC 42001", false),
            ("Certificate No. 1234: ISO/IEC 42001", false),
            ("Certificate no: 1234, ISO/IEC 42001", false),
            ("Registration no 1234 ISO/IEC 42001", false),
            ("Certified to ISO/IEC 42001 with no exceptions", false),
            ("Notable: ISO/IEC 42001", false),
            ("We hold no. 12 of the scheme, ISO/IEC 42001", false),
            ("We have no reg. ISO/IEC 42001 certificate", true),
            ("(No sub-processor is used.) Each ISO/IEC 42001 term", false),
            ("“Not paperwork.” We hold ISO/IEC 42001", false),
        ] {
            let d = doc(t);
            let (at, end) = phrase_at(&d.text, "ISO/IEC 42001")[0];
            let (s, _) = sentence(&d, at, end);
            assert_eq!(negated(&d, s, at), neg, "{t}");
        }
    }

    #[test]
    fn quotes_keep_letter_case_name_the_page_and_are_cut_around_the_phrase() {
        let d = doc("Cover page.\u{c}Scope. Acme Ltd is certified to ISO/IEC 27001:2022 for all sites. Next.");
        let (at, end) = phrase_at(&d.text, "ISO/IEC 27001")[0];
        assert_eq!(
            quote(&d, at, end),
            "Acme Ltd is certified to ISO/IEC 27001:2022 for all sites."
        );
        assert_eq!(page(&d, at), Some(2));
        assert_eq!(page(&doc_text_from("ISO 1", false), 0), None);
        let long = format!("{} ISO 9001 {}", "a ".repeat(300), "b ".repeat(300));
        let d = doc(&long);
        let (at, end) = phrase_at(&d.text, "ISO 9001")[0];
        let q = quote(&d, at, end);
        assert!(q.chars().count() <= MAX_QUOTE + 2, "{}", q.chars().count());
        assert!(
            q.starts_with('…') && q.ends_with('…') && q.contains("ISO 9001"),
            "{q}"
        );
    }

    #[test]
    fn expiry_is_found_however_it_is_written() {
        let want = Date::new(2026, 3, 1).unwrap();
        for t in [
            "Expiry: 1 March 2026",
            "This certificate expired on 1 March 2026.",
            "Valid till 01/03/2026",
            "Valid through March 1, 2026",
            "Valid from 1 March 2023 until 1 March 2026.",
            "Validity: 2023-03-01 to 2026-03-01",
            "Expiry date: **1 March 2026**",
            "Date of expiry (1 March 2026)",
            "Expiration: “1 March 2026”",
            "valid to [2026-03-01]",
            "Expires, subject to surveillance audits passed in every year of the cycle and to the terms of the scheme, on 1 March 2026.",
        ] {
            assert_eq!(doc(t).after_expiry, vec![want], "{t}");
        }
        // Not in the sentence of the label; not a label inside another word.
        assert!(doc("Expiry is stated below. Issued 1 March 2026.")
            .after_expiry
            .is_empty());
        assert!(doc("Inexpiry 1 March 2026").after_expiry.is_empty());
    }

    #[test]
    fn a_claimed_date_beside_punctuation_is_found() {
        let want = Date::new(2026, 3, 1).unwrap();
        for t in [
            "(1 March 2026)",
            "“1 March 2026”",
            "**2026-03-01**",
            "on 1 March 2026.",
        ] {
            assert!(doc(t).dates.contains(&want), "{t}");
        }
    }
}
