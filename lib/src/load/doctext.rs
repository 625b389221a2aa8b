//! A document's text as the content checks of scoring rules 2 read it: normalised for
//! matching, with where its paragraphs and pages start, the dates it states and where, the
//! expiry dates it gives, and the sentence around any phrase (to judge a negation before it
//! and to quote it to the panel). Pure: the readers in [`super::readers`] produced the text.

use super::readers::PAGE_BREAK;
use crate::model::response::{DocText, Structure};

/// Quotes of a sentence are cut to this many characters around the phrase.
pub const MAX_QUOTE: usize = 240;
/// At most this many places a phrase appears are looked at, so a document that repeats a
/// negated phrase a million times costs no more than one that repeats it ten thousand.
const MAX_OCCURRENCES: usize = 10_000;

/// Words that negate a phrase after them in the same sentence (and any word ending `n't`).
const NEGATIONS: [&str; 7] = ["not", "no", "never", "nor", "neither", "without", "cannot"];

/// Paragraph and page starts found while normalising, as byte offsets in the result.
#[derive(Default)]
pub(crate) struct Marks {
    /// A blank line or a page break before this offset: a sentence never runs across it.
    pub(crate) breaks: Vec<usize>,
    /// Page 2, 3… start here (the reader joined pages with [`super::readers::PAGE_BREAK`]).
    pub(crate) pages: Vec<usize>,
}

/// Text as the content checks match it: Unicode NFKC, lower case, invisible characters (soft
/// hyphens, zero-width spaces and joiners, bidirectional marks) and line-break hyphenation
/// removed, every run of whitespace one space.
pub fn normalise(text: &str) -> String {
    normalise_marked(text, true, None)
}

pub(crate) fn normalise_marked(text: &str, lower: bool, mut marks: Option<&mut Marks>) -> String {
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
        if is_invisible(c) {
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

/// Sentences, clauses and negations of a normalised text with its paragraph `breaks`.
pub(crate) fn structure(text: &str, breaks: &[usize]) -> Structure {
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

/// A name as compared: normalised, punctuation dropped, and the usual company suffixes
/// written one way (`limited` → `ltd`, `public limited company` → `plc`, `limited liability
/// partnership` → `llp`, `community interest company` → `cic`).
pub fn name_words(s: &str) -> String {
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

/// Whether a character is invisible: format characters (zero-width space and joiners, bidi
/// marks, soft hyphen, word joiner, BOM), variation selectors and other default-ignorables.
pub fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{ad}' | '\u{34f}' | '\u{61c}' | '\u{115f}' | '\u{1160}' | '\u{17b4}' | '\u{17b5}'
        | '\u{180b}'..='\u{180f}' | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}'
        | '\u{2060}'..='\u{206f}' | '\u{3164}' | '\u{fe00}'..='\u{fe0f}' | '\u{feff}'
        | '\u{ffa0}' | '\u{1bca0}'..='\u{1bca3}' | '\u{1d173}'..='\u{1d17a}'
        | '\u{e0000}'..='\u{e0fff}')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::document::doc_text_from;
    use jiff::civil::Date;

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

    #[test]
    fn normalising_folds_case_width_hyphenation_and_space() {
        assert_eq!(
            normalise("ISO/IEC\u{a0}42001  Assur-\n  ance\tLTD\u{ad}X ＢＳＩ"),
            "iso/iec 42001 assurance ltdx bsi"
        );
        assert_eq!(normalise("well-known\nfact"), "well-known fact");
    }
}
