//! A document's text as the content checks of scoring rules 2 read it: normalised for
//! matching, with where its paragraphs and pages start, the dates it states and where, the
//! expiry dates it gives, and the sentence around any phrase (to judge a negation before it
//! and to quote it to the panel). Pure: the readers in [`super::readers`] produced the text.

use super::readers::PAGE_BREAK;
use crate::model::response::{DocText, Structure};
use jiff::civil::Date;
use std::collections::BTreeSet;

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

/// Text as the content checks match it: Unicode NFKC, lower case, invisible characters (soft
/// hyphens, zero-width spaces and joiners, bidirectional marks) and line-break hyphenation
/// removed, every run of whitespace one space.
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
        // Soft hyphens, zero-width spaces and joiners, bidirectional marks…: a reader sees
        // nothing there, so "mo\u{200b}dels" is "models" and "n\u{200b}ot" is "not".
        if super::text::is_invisible(c) {
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
    let structure = structure(&text, &breaks);
    let mut doc = DocText {
        text,
        words,
        display,
        breaks,
        structure,
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

/// Sentences, clauses and negations of a normalised text with its paragraph `breaks`.
fn structure(text: &str, breaks: &[usize]) -> Structure {
    let t = text.as_bytes();
    let mut st = Structure {
        sentences: vec![0],
        ..Structure::default()
    };
    let mut depth = 0usize;
    let mut word_start: Option<usize> = None;
    let is_word = |c: char| c.is_alphanumeric() || APOSTROPHES.contains(&c);
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if is_word(c) {
            word_start.get_or_insert(i);
            if chars.peek().is_some_and(|&(_, n)| is_word(n)) {
                continue;
            }
            let start = word_start.take().unwrap_or(i);
            let end = i + c.len_utf8();
            let w = text[start..end].trim_matches(|c| APOSTROPHES.contains(&c));
            if is_negation(w, &text[end..]) {
                st.negations.push((start, depth == 0));
            } else if depth == 0
                && (CLAUSE_WORDS.contains(&w) || (w == "and" && new_predicate(&text[end..])))
            {
                st.clauses.push(start);
            }
            continue;
        }
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            ',' | ';' | ':' if depth == 0 => st.clauses.push(i + 1),
            ' ' if i > 0 && ends_sentence(t, closing(t, i)) => {
                st.sentences.push(i + 1);
                depth = 0;
            }
            _ => {}
        }
    }
    st.sentences.extend(breaks);
    st.sentences.sort_unstable();
    st.sentences.dedup();
    st
}

/// Apostrophes as written: ASCII, typographic, modifier letter, grave.
const APOSTROPHES: [char; 4] = ['\'', '’', 'ʼ', '`'];

/// Words that start a new clause: a negation before one does not reach past it. `and`
/// does too where a new verb follows it ([`new_predicate`]): "is not a reseller and may
/// use …", but not "shall not train and improve …".
const CLAUSE_WORDS: [&str; 7] = [
    "but", "however", "although", "whereas", "except", "unless", "save",
];

/// Whether the text after an `and` starts a new predicate: a modal or auxiliary verb.
fn new_predicate(after: &str) -> bool {
    const VERBS: [&str; 19] = [
        "may", "can", "will", "shall", "must", "might", "could", "would", "should", "is", "are",
        "was", "were", "has", "have", "does", "do", "reserves", "retains",
    ];
    after
        .split_whitespace()
        .next()
        .is_some_and(|w| VERBS.contains(&w.trim_matches(|c: char| !c.is_alphanumeric())))
}

/// Whether word `w` (apostrophes trimmed), followed by `after`, is a negation: one of
/// [`NEGATIONS`], `dont`, or a word ending `n't` (any apostrophe); a look-alike spelling
/// (a Greek `ο` in `nοt`) counts too. `no` before a number (`No. 1234`, `no: 1234`, `No 12`)
/// is an abbreviation, not a negation.
fn is_negation(w: &str, after: &str) -> bool {
    if w == "no" {
        let next = after.trim_start();
        let number = next
            .split(|c: char| c.is_whitespace())
            .next()
            .is_some_and(|n| {
                n.starts_with(|c: char| c.is_ascii_digit())
                    && n.chars().all(|c| c.is_ascii_digit() || "-/.,".contains(c))
            });
        return !(after.starts_with(['.', ':', '#', '°']) || number);
    }
    if NEGATIONS.contains(&w) || w == "dont" || w == "cant" || w == "wont" {
        return true;
    }
    if let Some(stem) = w.strip_suffix('t') {
        if stem.ends_with(|c| APOSTROPHES.contains(&c))
            && stem[..stem.len() - stem.chars().last().map_or(0, char::len_utf8)].ends_with('n')
        {
            return true;
        }
    }
    if !w.is_ascii() {
        let skeleton: String = unicode_security::skeleton(w).collect();
        return NEGATIONS.contains(&skeleton.as_str());
    }
    false
}

/// The sentence holding bytes `at..end` of the text: from after the last `.`, `!` or `?`
/// followed by a space (or a blank line, or a page break) before `at`, to the next one.
pub fn sentence(doc: &DocText, at: usize, end: usize) -> (usize, usize) {
    let st = &doc.structure;
    let i = st.sentences.partition_point(|&x| x <= at);
    let s = st.sentences[i.saturating_sub(1)];
    let next = st.sentences.partition_point(|&x| x <= end.max(at));
    let e = st
        .sentences
        .get(next)
        .map_or(doc.text.len(), |&x| x.saturating_sub(1))
        .max(end);
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
/// letter (an initial) or a usual abbreviation (`No.`, `Reg.`, `e.g.`, `Ltd.`, `Jan.`) does
/// not.
fn ends_sentence(t: &[u8], b: usize) -> bool {
    const ABBREVIATIONS: [&[u8]; 41] = [
        b"exp", b"no", b"nos", b"reg", b"e.g", b"i.e", b"cf", b"approx", b"incl", b"para", b"art",
        b"fig", b"pp", b"vol", b"mr", b"mrs", b"dr", b"ltd", b"inc", b"plc", b"co", b"corp",
        b"etc", b"sch", b"cl", b"st", b"vs", b"jan", b"feb", b"mar", b"apr", b"jun", b"jul",
        b"aug", b"sep", b"sept", b"oct", b"nov", b"dec", b"ref", b"max",
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

/// Whether a negation stands before byte `at` in its sentence.
pub fn negated_in_sentence(doc: &DocText, at: usize) -> bool {
    let (s, _) = sentence(doc, at, at);
    negation_between(doc, s, at, false)
}

/// Whether a negation stands before byte `at` in its clause: a comma, semicolon or colon, or
/// a word such as `and` or `but`, ends the reach of a negation before it ("Without prejudice
/// to clause 4.1, Cobalt may use …" does not negate what follows the comma; "is not a reseller
/// and may use …" neither), while a bracketed aside does not ("shall not use Council Data (of
/// any kind, including prompts) to train" negates "train").
pub fn negated_in_clause(doc: &DocText, at: usize) -> bool {
    let (s, _) = sentence(doc, at, at);
    let c = &doc.structure.clauses;
    let i = c.partition_point(|&x| x <= at);
    let start = if i > 0 { c[i - 1].max(s) } else { s };
    negation_between(doc, start, at, true)
}

fn negation_between(doc: &DocText, from: usize, at: usize, outside_brackets: bool) -> bool {
    let n = &doc.structure.negations;
    let i = n.partition_point(|&(x, _)| x < from);
    n[i..]
        .iter()
        .take_while(|&&(x, _)| x < at)
        .any(|&(_, outside)| outside || !outside_brackets)
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
fn dates_after_expiry(doc: &DocText) -> Vec<Date> {
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
            assert_eq!(negated_in_sentence(&d, at), neg, "{t}");
            let _ = end;
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
            "Expiry date\n\n1 March 2026",
            "This certificate will expire on 2026/03/01.",
            "Valid up to 01-Mar-2026",
            "Exp. 2026.03.01",
            "The previous cycle expired on 1 March 2023. This certificate expired on 1 March 2026.",
        ] {
            let d = doc(t);
            assert_eq!(d.after_expiry.iter().max(), Some(&want), "{t}: {:?}", d.after_expiry);
        }
        // Not in the sentence of the label; not a label inside another word.
        assert!(doc("Expiry is stated below. Issued 1 March 2026.")
            .after_expiry
            .is_empty());
        assert!(doc("Inexpiry 1 March 2026").after_expiry.is_empty());
        // A start is not an expiry.
        let d = doc("Valid from: 1 March 2023 Valid until: 1 March 2026");
        assert_eq!(d.after_expiry, vec![want]);
        for t in [
            "Valid from 1 March 2023 for three years.",
            "Validity period: 3 years from 1 March 2023.",
        ] {
            assert!(doc(t).after_expiry.is_empty(), "{t}");
        }
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
