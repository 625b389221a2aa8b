//! A strict, fast reader for the shape of `response.yaml` that people and `tenderscore
//! template` write: block mappings, block sequences, one-line flow mappings for evidence
//! items, plain, single- and double-quoted scalars, literal and folded block scalars,
//! comments, a byte-order mark and CRLF line ends.
//!
//! It never reports an error. Anything it does not fully understand — an anchor, an alias, a
//! tag, a second document, a complex key, a multi-line flow collection, a plain scalar YAML
//! might read as a number, boolean or null in a way this reader does not reproduce, an
//! unknown or repeated key, an unusual indentation — makes it give up (`None`), and the
//! caller reads the file with serde-saphyr, which produces the value or the located error. So
//! for any file it accepts it must produce exactly what serde-saphyr produces: the same values
//! and the same locations (line and column, counted in characters, 1-based). `check_same`
//! compares the two; the differential tests and the fuzz target call it.

use super::written::{AnswerFile, AnswerMap, EvidenceEntry, ResponseFile};
use crate::model::rubric::EvidenceKind;
use crate::model::value::RawValue;
use serde::de::value::{MapDeserializer, U32Deserializer};
use serde::Deserialize;
use serde_saphyr::{Location, Spanned};

/// A location as serde-saphyr records it.
fn loc(line: usize, column: usize) -> Option<Location> {
    let (line, column) = (u32::try_from(line).ok()?, u32::try_from(column).ok()?);
    let map = MapDeserializer::<_, serde::de::value::Error>::new(
        [("line", line), ("column", column)]
            .into_iter()
            .map(|(k, v)| (k, U32Deserializer::<serde::de::value::Error>::new(v))),
    );
    Location::deserialize(map).ok()
}

fn spanned<T>(value: T, line: usize, column: usize) -> Option<Spanned<T>> {
    let l = loc(line, column)?;
    Some(Spanned {
        value,
        referenced: l,
        defined: l,
    })
}

/// One line: its number (1-based), indentation (spaces) and the rest.
#[derive(Clone, Copy)]
struct Line<'a> {
    no: usize,
    indent: usize,
    rest: &'a str,
}

impl Line<'_> {
    /// Blank or a comment only: not part of the structure (but part of block scalars).
    fn insignificant(&self) -> bool {
        self.rest.is_empty() || self.rest.starts_with('#')
    }
}

/// A scalar as written.
#[derive(Debug, Clone)]
enum Scalar<'a> {
    Plain(&'a str),
    Quoted(String),
    Block(String),
}

struct P<'a> {
    lines: Vec<Line<'a>>,
    i: usize,
}

/// Column (1-based, in characters) of byte offset `at` in `s`, where `s` starts at column
/// `start`.
fn col(s: &str, at: usize, start: usize) -> usize {
    start + s[..at].chars().count()
}

/// Characters that may not start a plain scalar (or that this reader leaves to serde-saphyr).
fn bad_start(s: &str) -> bool {
    let mut c = s.chars();
    match c.next() {
        None => true,
        Some('-') => !c.next().is_some_and(|n| n.is_ascii_digit()),
        Some(ch) => "[]{}#&*!|>'\"%@`,?:".contains(ch),
    }
}

/// Words YAML (as serde-saphyr reads it) may take for a boolean, null or special number,
/// in any letter case: a plain scalar equal to one is left to serde-saphyr.
fn reserved(s: &str) -> bool {
    const WORDS: [&str; 18] = [
        "y", "n", "yes", "no", "on", "off", "true", "false", "null", "~", "nan", "inf", "-inf",
        "+inf", ".nan", ".inf", "-.inf", "+.inf",
    ];
    s.len() <= 5 && WORDS.iter().any(|w| w.eq_ignore_ascii_case(s))
}

/// `t` is `w` (lower case) written in one of YAML's three spellings: `yes`, `Yes`, `YES`.
fn spelled(t: &str, w: &str) -> bool {
    // `w` is ASCII; `t` of the same length in bytes but not ASCII (`é`, two bytes, against
    // `no`) is not a spelling of it, and could not be split after its first byte.
    if t.len() != w.len() || !t.is_ascii() {
        return false;
    }
    let (first, rest) = t.split_at(1);
    t == w
        || (first.eq_ignore_ascii_case(&w[..1])
            && first.bytes().all(|b| b.is_ascii_uppercase())
            && rest == &w[1..])
        || t.bytes()
            .zip(w.bytes())
            .all(|(a, b)| a == b.to_ascii_uppercase())
}

/// Splits an inline value (after `key:`) into a scalar and checks nothing follows it but a
/// comment. `start` is the column of `s`'s first character. Returns the scalar and its column.
fn inline_scalar(s: &str, start: usize) -> Option<(Scalar<'_>, usize)> {
    let c = start;
    if let Some(body) = s.strip_prefix('"') {
        // No control character can be here: `P::new` gave up on any.
        let mut out = String::with_capacity(body.len());
        let mut rest = body;
        let end = loop {
            let i = rest.bytes().position(|b| b == b'"' || b == b'\\')?;
            out.push_str(&rest[..i]);
            if rest.as_bytes()[i] == b'"' {
                break body.len() - rest.len() + i;
            }
            let mut esc = rest[i + 1..].chars();
            let e = esc.next()?;
            let mut used = 1 + e.len_utf8();
            match e {
                '"' => out.push('"'),
                '\\' => out.push('\\'),
                '/' => out.push('/'),
                'n' => out.push('\n'),
                't' => out.push('\t'),
                'u' => {
                    // Exactly four hex digits: `from_str_radix` alone would also take `+41`.
                    let hex = rest.get(i + 2..i + 6)?;
                    if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
                        return None;
                    }
                    let v = u32::from_str_radix(hex, 16).ok()?;
                    // Surrogates and controls are left to serde-saphyr.
                    let ch = char::from_u32(v).filter(|c| !c.is_control())?;
                    out.push(ch);
                    used += 4;
                }
                _ => return None,
            }
            rest = &rest[i + used..];
        };
        let after = &body[end + 1..];
        if !after_ok(after) {
            return None;
        }
        return Some((Scalar::Quoted(out), c));
    }
    if let Some(body) = s.strip_prefix('\'') {
        let mut out = String::new();
        let mut chars = body.char_indices().peekable();
        let end = loop {
            let (i, ch) = chars.next()?;
            match ch {
                '\'' if chars.peek().is_some_and(|x| x.1 == '\'') => {
                    chars.next();
                    out.push('\'');
                }
                '\'' => break i,
                c if c.is_control() => return None,
                c => out.push(c),
            }
        };
        if !after_ok(&body[end + 1..]) {
            return None;
        }
        return Some((Scalar::Quoted(out), c));
    }
    if bad_start(s) {
        return None;
    }
    // A plain scalar ends at ` #` (a comment) or at the end of the line; `: ` inside it, or
    // a `:` at its end, is left to serde-saphyr.
    let b = s.as_bytes();
    let mut end = b.len();
    for (i, &x) in b.iter().enumerate() {
        match x {
            b'#' if i > 0 && b[i - 1] == b' ' => {
                end = i;
                break;
            }
            b':' if b.get(i + 1).is_none_or(|n| *n == b' ') => return None,
            _ => {}
        }
    }
    let text = s[..end].trim_end_matches(' ');
    if text.ends_with(':') {
        return None;
    }
    Some((Scalar::Plain(text), c))
}

/// What may follow a quoted scalar on its line: spaces, then nothing or a comment.
fn after_ok(after: &str) -> bool {
    let t = after.trim_start_matches(' ');
    t.is_empty() || (t.starts_with('#') && after.len() > t.len())
}

/// A plain key (`supplier`, `AIME-1.1`) or a double-quoted one, then `:` and the rest.
/// Returns the key, its column and the rest after the colon with its column.
fn key<'a>(line: &Line<'a>) -> Option<(&'a str, usize, &'a str, usize)> {
    let s = line.rest.trim_end_matches(' ');
    let kc = line.indent + 1;
    if let Some(body) = s.strip_prefix('"') {
        let end = body.find('"')?;
        let k = &body[..end];
        if !k.bytes().all(key_byte) {
            return None;
        }
        let after = body[end + 1..].strip_prefix(':')?;
        // Key characters are ASCII: one column each.
        let rc = kc + 1 + k.len() + 2;
        return Some((k, kc, after, rc));
    }
    let colon = s.find(':')?;
    let k = &s[..colon];
    if k.is_empty() || !k.bytes().all(key_byte) || bad_start(k) || reserved(k) {
        return None;
    }
    let after = &s[colon + 1..];
    if !(after.is_empty() || after.starts_with(' ')) {
        return None;
    }
    Some((k, kc, after, kc + colon + 1))
}

fn key_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.' | b'/')
}

/// The value after `key:`: empty (the value is on the next lines, or null), or inline text and
/// its column.
fn value_text(after: &str, at: usize) -> Option<(&str, usize)> {
    let t = after.trim_start_matches(' ');
    if t.is_empty() || t.starts_with('#') {
        return None;
    }
    Some((t, at + (after.len() - t.len())))
}

impl<'a> P<'a> {
    fn new(text: &'a str) -> Option<P<'a>> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        // The line break ending the last line ends it; it does not start another.
        let text = text.strip_suffix('\n').unwrap_or(text);
        let b = text.as_bytes();
        let mut lines = Vec::with_capacity(b.len() / 32 + 1);
        let mut push = |start: usize, end: usize| -> Option<()> {
            let l = &text[start..end];
            let l = l.strip_suffix('\r').unwrap_or(l);
            let rest = l.trim_start_matches(' ');
            let indent = l.len() - rest.len();
            if indent == 0
                && (rest.starts_with("---") || rest.starts_with("...") || rest.starts_with('%'))
            {
                return None;
            }
            lines.push(Line {
                no: lines.len() + 1,
                indent,
                rest,
            });
            Some(())
        };
        // One pass over the bytes: split lines, and give up on any character YAML does not
        // allow or may read as a line break (a tab, a lone carriage return, a control
        // character, U+2028, U+2029, U+FEFF, U+FFFE, U+FFFF): serde-saphyr's to judge.
        let mut start = 0;
        let mut i = 0;
        while i < b.len() {
            let x = b[i];
            if (0x20..0x7f).contains(&x) {
                i += 1;
                continue;
            }
            match x {
                b'\n' => {
                    push(start, i)?;
                    start = i + 1;
                }
                b'\r' if i + 1 < b.len() && b[i + 1] != b'\n' => return None,
                b'\r' => {}
                // U+0080 to U+009F: control characters.
                0xC2 if matches!(b.get(i + 1), Some(0x80..=0x9F)) => return None,
                // U+2028, U+2029.
                0xE2 if b.get(i + 1) == Some(&0x80)
                    && matches!(b.get(i + 2), Some(0xA8 | 0xA9)) =>
                {
                    return None
                }
                // U+FEFF, U+FFFE, U+FFFF.
                0xEF if matches!(
                    (b.get(i + 1), b.get(i + 2)),
                    (Some(0xBB), Some(0xBF)) | (Some(0xBF), Some(0xBE | 0xBF))
                ) =>
                {
                    return None
                }
                0x80.. => {}
                _ => return None, // other controls, tab, DEL
            }
            i += 1;
        }
        push(start, b.len())?;
        Some(P { lines, i: 0 })
    }

    /// The next significant line, without consuming it.
    fn peek(&mut self) -> Option<Line<'a>> {
        while self.i < self.lines.len() && self.lines[self.i].insignificant() {
            self.i += 1;
        }
        self.lines.get(self.i).copied()
    }

    /// True when nothing significant follows that is indented more than `indent` (so an inline
    /// value is not continued on the next lines).
    fn ends_at(&mut self, indent: usize) -> bool {
        self.peek().is_none_or(|l| l.indent <= indent)
    }

    /// A literal or folded block scalar whose indicator follows a key at `parent` indentation.
    fn block(&mut self, indicator: &str, parent: usize) -> Option<(Scalar<'a>, usize, usize)> {
        let (folded, chomp) = match indicator {
            "|" => (false, 'c'),
            "|-" => (false, 's'),
            "|+" => (false, 'k'),
            ">" => (true, 'c'),
            ">-" => (true, 's'),
            ">+" => (true, 'k'),
            _ => return None,
        };
        // Content: the lines after, from the first non-blank one, while blank or indented at
        // least as far as it.
        let start = self.i;
        let mut first = None;
        let mut j = start;
        while j < self.lines.len() {
            let l = self.lines[j];
            if l.rest.is_empty() {
                j += 1;
                continue;
            }
            first = Some(l);
            break;
        }
        let first = first?;
        let ind = first.indent;
        if ind <= parent {
            return None;
        }
        let mut content: Vec<String> = Vec::new();
        let mut j = start;
        while j < self.lines.len() {
            let l = self.lines[j];
            if l.rest.is_empty() {
                // A blank line: it may carry spaces beyond the indentation, which this reader
                // leaves to serde-saphyr.
                if l.indent > ind {
                    return None;
                }
                content.push(String::new());
                j += 1;
                continue;
            }
            if l.indent < ind {
                break;
            }
            if (folded && l.indent > ind) || l.rest.ends_with(' ') {
                return None;
            }
            // The line from the content indentation on (a literal keeps deeper indentation).
            content.push(format!("{}{}", " ".repeat(l.indent - ind), l.rest));
            j += 1;
        }
        self.i = j;
        // Trailing blank lines.
        let mut body_end = content.len();
        while body_end > 0 && content[body_end - 1].is_empty() {
            body_end -= 1;
        }
        let trailing = content.len() - body_end;
        let body = &content[..body_end];
        let mut text = if folded {
            let mut out = String::new();
            let mut prev_blank_run = 0;
            for (k, line) in body.iter().enumerate() {
                let line = line.as_str();
                if line.is_empty() {
                    prev_blank_run += 1;
                    continue;
                }
                if k > 0 {
                    if prev_blank_run > 0 {
                        out.push_str(&"\n".repeat(prev_blank_run));
                    } else {
                        out.push(' ');
                    }
                }
                prev_blank_run = 0;
                out.push_str(line);
            }
            out
        } else {
            body.join("\n")
        };
        match chomp {
            's' => {}
            'c' => text.push('\n'),
            _ => {
                text.push('\n');
                text.push_str(&"\n".repeat(trailing));
            }
        }
        Some((Scalar::Block(text), first.no, ind + 1))
    }

    /// The value after a key at indentation `indent`, when it is a scalar: inline, or a block
    /// scalar. `None` when it is something else.
    fn scalar_value(
        &mut self,
        after: &'a str,
        at: usize,
        indent: usize,
        line: usize,
    ) -> Option<Option<(Scalar<'a>, usize, usize)>> {
        match value_text(after, at) {
            None => {
                // Nothing after the key: null, unless more-indented lines follow.
                if !self.ends_at(indent) {
                    return None;
                }
                Some(None)
            }
            Some((t, c)) => {
                if t.starts_with(['|', '>']) {
                    let ind = t.split(" #").next().unwrap_or("").trim_end();
                    if t.len() > ind.len() && !t[ind.len()..].trim_start().starts_with('#') {
                        return None;
                    }
                    return self.block(ind, indent).map(Some);
                }
                let (s, sc) = inline_scalar(t, c)?;
                if !self.ends_at(indent) {
                    return None;
                }
                Some(Some((s, line, sc)))
            }
        }
    }
}

/// A plain or quoted scalar as a string field (`supplier`, `comment`, a date…).
fn string(s: Scalar) -> Option<String> {
    match s {
        Scalar::Plain(t) if t.is_empty() || reserved(t) => None,
        Scalar::Plain(t) => Some(t.to_string()),
        Scalar::Quoted(t) | Scalar::Block(t) => Some(t),
    }
}

/// An answer as serde-saphyr reads it into a `RawValue`, for the forms whose reading this
/// reader is sure of.
fn raw(s: Scalar) -> Option<RawValue> {
    match s {
        Scalar::Quoted(t) | Scalar::Block(t) => Some(RawValue::Str(t)),
        Scalar::Plain(t) => {
            // YAML 1.1 booleans, in the three spellings YAML gives each (`yes`, `Yes`, `YES`),
            // as serde-saphyr reads them; any other spelling is left to it.
            if t.len() <= 5 {
                for (words, value) in [
                    (["y", "yes", "true", "on"], true),
                    (["n", "no", "false", "off"], false),
                ] {
                    if words.iter().any(|w| spelled(t, w)) {
                        return Some(RawValue::Bool(value));
                    }
                }
            }
            let digits = t.strip_prefix('-').unwrap_or(t);
            let int = !digits.is_empty()
                && digits.bytes().all(|b| b.is_ascii_digit())
                && (digits == "0" || !digits.starts_with('0'))
                && digits.len() <= 18;
            if int {
                return t.parse().ok().map(RawValue::Int);
            }
            if let Some((a, b)) = digits.split_once('.') {
                let ok = !a.is_empty()
                    && !b.is_empty()
                    && a.bytes().all(|x| x.is_ascii_digit())
                    && b.bytes().all(|x| x.is_ascii_digit())
                    && (a == "0" || !a.starts_with('0'))
                    && digits.len() <= 17;
                if ok {
                    return t.parse().ok().map(RawValue::Float);
                }
            }
            // Anything else that starts like a number (`1e3`, `0x1F`, `+3`, `.5`, `007`) or is
            // a reserved word is left to serde-saphyr.
            let first = t.chars().next()?;
            if first.is_ascii_digit() || "+-.".contains(first) || reserved(t) {
                return None;
            }
            Some(RawValue::Str(t.to_string()))
        }
    }
}

fn kind(s: Scalar) -> Option<EvidenceKind> {
    let Scalar::Plain(t) = s else { return None };
    EvidenceKind::ALL.into_iter().find(|k| k.to_string() == t)
}

/// Evidence fields as read, before they are checked for completeness.
#[derive(Default)]
struct Fields {
    file: Option<String>,
    kind: Option<EvidenceKind>,
    issued: Option<Spanned<String>>,
    expires: Option<Spanned<String>>,
    verified_by: Option<String>,
    sha256: Option<Spanned<String>>,
    certificate: Option<String>,
    seen: u8,
}

impl Fields {
    /// One `key: value` of an evidence item; a repeated or unknown key gives up.
    fn set(&mut self, k: &str, v: Scalar, line: usize, c: usize) -> Option<()> {
        const KEYS: [&str; 7] = [
            "file",
            "kind",
            "issued",
            "expires",
            "sha256",
            "verified_by",
            "certificate",
        ];
        let bit = 1u8 << KEYS.iter().position(|x| *x == k)?;
        if self.seen & bit != 0 {
            return None;
        }
        self.seen |= bit;
        match k {
            "file" => self.file = Some(string(v)?),
            "kind" => self.kind = Some(kind(v)?),
            "issued" => self.issued = Some(spanned(string(v)?, line, c)?),
            "expires" => self.expires = Some(spanned(string(v)?, line, c)?),
            "sha256" => self.sha256 = Some(spanned(string(v)?, line, c)?),
            "verified_by" => self.verified_by = Some(string(v)?),
            "certificate" => self.certificate = Some(string(v)?),
            _ => return None,
        }
        Some(())
    }

    fn entry(self) -> Option<EvidenceEntry> {
        Some(EvidenceEntry {
            file: self.file?,
            kind: self.kind?,
            issued: self.issued,
            expires: self.expires,
            verified_by: self.verified_by,
            sha256: self.sha256,
            certificate: self.certificate,
        })
    }
}

/// A one-line flow mapping `{file: x, kind: policy, issued: 2026-01-01}` starting at column
/// `start` (its `{`) of line `line`.
fn flow_map(s: &str, line: usize, start: usize) -> Option<EvidenceEntry> {
    let body = s.strip_prefix('{')?;
    let close = body.rfind('}')?;
    if !after_ok(&body[close + 1..]) {
        return None;
    }
    let inner = &body[..close];
    if inner.contains(['{', '}', '[', ']', '"', '\'', '#', '&', '*', '!']) {
        return None; // quoted or nested values: left to serde-saphyr
    }
    let mut f = Fields::default();
    let mut offset = 1; // past `{`
    for part in inner.split(',') {
        let lead = part.len() - part.trim_start_matches(' ').len();
        let p = part.trim_matches(' ');
        let (k, v) = p.split_once(": ")?;
        if k.is_empty() || !k.bytes().all(key_byte) {
            return None;
        }
        let v_trim = v.trim_start_matches(' ');
        let v_at = offset + lead + k.len() + 2 + (v.len() - v_trim.len());
        if v_trim.is_empty() || bad_start(v_trim) || v_trim.contains(": ") {
            return None;
        }
        let c = col(s, v_at, start);
        f.set(k, Scalar::Plain(v_trim), line, c)?;
        offset += part.len() + 1;
    }
    f.entry()
}

/// Reads `response.yaml` if it is in the subset; `None` hands it to serde-saphyr.
pub fn parse(text: &str) -> Option<ResponseFile> {
    let mut p = P::new(text)?;
    let mut supplier = None;
    let mut tender = None;
    let mut submitted = None;
    let mut address = None;
    let mut company_number = None;
    let mut email = None;
    let mut legal_names: Option<Vec<String>> = None;
    let mut answers: Option<AnswerMap> = None;
    while let Some(l) = p.peek() {
        if l.indent != 0 {
            return None;
        }
        let (k, _, after, at) = key(&l)?;
        p.i += 1;
        match k {
            "supplier" | "tender" | "submitted" | "address" | "company_number" | "email" => {
                let (s, line, c) = p.scalar_value(after, at, 0, l.no)??;
                let v = spanned(string(s)?, line, c)?;
                let slot = match k {
                    "supplier" => &mut supplier,
                    "tender" => &mut tender,
                    "address" => &mut address,
                    "company_number" => &mut company_number,
                    "email" => &mut email,
                    _ => &mut submitted,
                };
                if slot.replace(v).is_some() {
                    return None;
                }
            }
            "legal_names" => {
                if legal_names.is_some() {
                    return None;
                }
                legal_names = Some(names(&mut p, after, at)?);
            }
            "answers" => {
                if answers.is_some() || value_text(after, at).is_some() {
                    return None;
                }
                answers = Some(answer_map(&mut p)?);
            }
            _ => return None,
        }
    }
    Some(ResponseFile {
        supplier: supplier?,
        tender,
        submitted,
        legal_names: legal_names.unwrap_or_default(),
        address,
        company_number,
        email,
        answers: answers.unwrap_or_default(),
    })
}

/// `legal_names`: `[]`, or a block sequence of scalars.
fn names(p: &mut P, after: &str, at: usize) -> Option<Vec<String>> {
    if let Some((t, _)) = value_text(after, at) {
        let t = t.split(" #").next()?.trim_end();
        return (t == "[]" && p.ends_at(0)).then(Vec::new);
    }
    let mut out = Vec::new();
    let mut seq_indent = None;
    while let Some(l) = p.peek() {
        if l.indent == 0 && !l.rest.starts_with("- ") {
            break;
        }
        if *seq_indent.get_or_insert(l.indent) != l.indent {
            return None;
        }
        let item = l.rest.strip_prefix("- ")?;
        let item_at = l.indent + 3;
        p.i += 1;
        let (s, _) = inline_scalar(item.trim_end_matches(' '), item_at)?;
        if !p.ends_at(l.indent) {
            return None;
        }
        out.push(string(s)?);
    }
    Some(out)
}

/// `answers:`: a block mapping of question ids, each to nothing or to a block mapping.
fn answer_map(p: &mut P) -> Option<AnswerMap> {
    // Room for a typical rubric's questions, so the vector of large entries is not moved as
    // it grows.
    let mut out: Vec<(Spanned<String>, Spanned<Option<AnswerFile>>)> = Vec::with_capacity(64);
    let Some(first) = p.peek() else {
        return Some(AnswerMap::default());
    };
    if first.indent == 0 {
        return Some(AnswerMap::default());
    }
    let ind = first.indent;
    let mut ids = std::collections::HashSet::new();
    while let Some(l) = p.peek() {
        if l.indent == 0 {
            break;
        }
        if l.indent != ind {
            return None;
        }
        let (k, kc, after, at) = key(&l)?;
        if !ids.insert(k) {
            return None;
        }
        p.i += 1;
        if value_text(after, at).is_some() {
            return None; // an inline value for a question: left to serde-saphyr
        }
        let key = spanned(k.to_string(), l.no, kc)?;
        let value = match p.peek() {
            Some(n) if n.indent > ind => {
                let file = answer(p, n.indent)?;
                spanned(Some(file), n.no, n.indent + 1)?
            }
            // Nothing under the key: null. Its location is not used.
            _ => spanned(None, l.no, kc)?,
        };
        out.push((key, value));
    }
    Some(AnswerMap(out))
}

/// One answer: a block mapping at `ind` of `answer`, `comment`, `justification`, `evidence`.
fn answer(p: &mut P, ind: usize) -> Option<AnswerFile> {
    let mut a = AnswerFile {
        answer: None,
        comment: None,
        justification: None,
        evidence: None,
    };
    let mut seen = [false; 4];
    while let Some(l) = p.peek() {
        if l.indent < ind {
            break;
        }
        if l.indent != ind {
            return None;
        }
        let (k, _, after, at) = key(&l)?;
        let slot = ["answer", "comment", "justification", "evidence"]
            .iter()
            .position(|x| *x == k)?;
        if std::mem::replace(&mut seen[slot], true) {
            return None;
        }
        p.i += 1;
        match k {
            "answer" => {
                a.answer = match p.scalar_value(after, at, ind, l.no)? {
                    None => None,
                    Some((s, line, c)) => Some(spanned(raw(s)?, line, c)?),
                };
            }
            "comment" | "justification" => {
                let v = match p.scalar_value(after, at, ind, l.no)? {
                    None => None,
                    Some((s, _, _)) => Some(string(s)?),
                };
                if k == "comment" {
                    a.comment = v;
                } else {
                    a.justification = v;
                }
            }
            "evidence" => a.evidence = evidence(p, after, at, ind)?,
            _ => return None,
        }
    }
    Some(a)
}

/// `evidence:` under an answer key at `ind`: nothing, `[]`, or a block sequence of items,
/// each a one-line flow mapping or a block mapping.
fn evidence(
    p: &mut P,
    after: &str,
    at: usize,
    ind: usize,
) -> Option<Option<Vec<Spanned<EvidenceEntry>>>> {
    if let Some((t, _)) = value_text(after, at) {
        let t = t.split(" #").next()?.trim_end();
        return (t == "[]" && p.ends_at(ind)).then(|| Some(Vec::new()));
    }
    let mut out = Vec::new();
    let mut seq_indent = None;
    while let Some(l) = p.peek() {
        if l.indent < ind || (l.indent == ind && !l.rest.starts_with("- ")) {
            break;
        }
        if *seq_indent.get_or_insert(l.indent) != l.indent {
            return None;
        }
        let item = l.rest.strip_prefix("- ")?.trim_end_matches(' ');
        let item_col = l.indent + 3;
        p.i += 1;
        if item.starts_with('{') {
            let e = flow_map(item, l.no, item_col)?;
            if !p.ends_at(l.indent) {
                return None;
            }
            out.push(spanned(e, l.no, item_col)?);
            continue;
        }
        // A block mapping: its first key on the dash line, the rest below, aligned with it.
        let first = Line {
            no: l.no,
            indent: l.indent + 2,
            rest: item,
        };
        let mut f = Fields::default();
        let mut line = first;
        loop {
            let (k, _, after, at) = key(&line)?;
            let (s, sl, sc) = p.scalar_value(after, at, line.indent, line.no)??;
            f.set(k, s, sl, sc)?;
            match p.peek() {
                Some(n) if n.indent == first.indent => {
                    p.i += 1;
                    line = n;
                }
                Some(n) if n.indent > first.indent => return None,
                _ => break,
            }
        }
        out.push(spanned(f.entry()?, l.no, item_col)?);
    }
    if out.is_empty() {
        return Some(None); // `evidence:` with nothing after it
    }
    Some(Some(out))
}

/// Reads `text` both ways and compares: `Ok(true)` when the fast reader took it and agrees
/// with serde-saphyr, `Ok(false)` when it handed the file over, `Err` with both readings when
/// they differ (or when the fast reader accepted a file serde-saphyr rejects). For the
/// differential tests and the fuzz target.
pub fn check_same(text: &str) -> Result<bool, String> {
    let Some(fast) = parse(text) else {
        return Ok(false);
    };
    let slow: Result<ResponseFile, _> =
        super::read::parse(std::path::Path::new("response.yaml"), text);
    match slow {
        Err(e) => Err(format!(
            "fast reader accepted what serde-saphyr rejects: {e}\n{text}"
        )),
        Ok(slow) => {
            let (a, b) = (project(&fast), project(&slow));
            if a == b {
                Ok(true)
            } else {
                Err(format!("fast:\n{a}\nserde-saphyr:\n{b}\ninput:\n{text}"))
            }
        }
    }
}

fn at<T>(s: &Spanned<T>) -> String {
    format!("@{}:{}", s.referenced.line(), s.referenced.column())
}

/// Every value and every location the response parser uses, as text.
fn project(f: &ResponseFile) -> String {
    let mut out = format!("supplier {:?} {}\n", f.supplier.value, at(&f.supplier));
    if let Some(t) = &f.tender {
        out += &format!("tender {:?} {}\n", t.value, at(t));
    }
    for (name, v) in [
        ("submitted", &f.submitted),
        ("address", &f.address),
        ("company_number", &f.company_number),
        ("email", &f.email),
    ] {
        if let Some(t) = v {
            out += &format!("{name} {:?} {}\n", t.value, at(t));
        }
    }
    out += &format!("legal_names {:?}\n", f.legal_names);
    for (k, v) in &f.answers.0 {
        out += &format!("key {:?} {}\n", k.value, at(k));
        let Some(a) = &v.value else {
            out += "  null\n";
            continue;
        };
        if let Some(x) = &a.answer {
            out += &format!("  answer {:?} {}\n", x.value, at(x));
        }
        out += &format!(
            "  comment {:?}\n  justification {:?}\n",
            a.comment, a.justification
        );
        match &a.evidence {
            None => out += "  evidence none\n",
            Some(items) => {
                for e in items {
                    let v = &e.value;
                    out += &format!(
                        "  item {} {:?} {:?} issued {:?} expires {:?} sha {:?} by {:?} cert {:?}\n",
                        at(e),
                        v.file,
                        v.kind,
                        v.issued.as_ref().map(|s| (s.value.clone(), at(s))),
                        v.expires.as_ref().map(|s| (s.value.clone(), at(s))),
                        v.sha256.as_ref().map(|s| (s.value.clone(), at(s))),
                        v.verified_by,
                        v.certificate
                    );
                }
            }
        }
    }
    out
}

/// Reads `text` with serde-saphyr alone, for the parse benchmark (`cargo bench`): `true` when
/// it is a valid response file.
#[doc(hidden)]
pub fn parse_with_serde_saphyr(text: &str) -> bool {
    super::read::parse::<ResponseFile>(std::path::Path::new("response.yaml"), text).is_ok()
}
