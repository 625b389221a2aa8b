//! The pieces of the fast reader: lines, keys and scalars as written, and how a scalar becomes
//! a string, an answer or an evidence kind exactly as serde-saphyr would read it.

use crate::model::rubric::EvidenceKind;
use crate::model::value::RawValue;
use serde::de::value::{MapDeserializer, U32Deserializer};
use serde::Deserialize;
use serde_saphyr::{Location, Spanned};

/// A location as serde-saphyr records it.
pub(super) fn loc(line: usize, column: usize) -> Option<Location> {
    let (line, column) = (u32::try_from(line).ok()?, u32::try_from(column).ok()?);
    let map = MapDeserializer::<_, serde::de::value::Error>::new(
        [("line", line), ("column", column)]
            .into_iter()
            .map(|(k, v)| (k, U32Deserializer::<serde::de::value::Error>::new(v))),
    );
    Location::deserialize(map).ok()
}

pub(super) fn spanned<T>(value: T, line: usize, column: usize) -> Option<Spanned<T>> {
    let l = loc(line, column)?;
    Some(Spanned {
        value,
        referenced: l,
        defined: l,
    })
}

/// One line: its number (1-based), indentation (spaces) and the rest.
#[derive(Clone, Copy)]
pub(super) struct Line<'a> {
    pub(super) no: usize,
    pub(super) indent: usize,
    pub(super) rest: &'a str,
}

impl Line<'_> {
    /// Blank or a comment only: not part of the structure (but part of block scalars).
    pub(super) fn insignificant(&self) -> bool {
        self.rest.is_empty() || self.rest.starts_with('#')
    }
}

/// A scalar as written.
#[derive(Debug, Clone)]
pub(super) enum Scalar<'a> {
    Plain(&'a str),
    Quoted(String),
    Block(String),
}

/// Column (1-based, in characters) of byte offset `at` in `s`, where `s` starts at column
/// `start`.
pub(super) fn col(s: &str, at: usize, start: usize) -> usize {
    start + s[..at].chars().count()
}

/// Characters that may not start a plain scalar (or that this reader leaves to serde-saphyr).
pub(super) fn bad_start(s: &str) -> bool {
    let mut c = s.chars();
    match c.next() {
        None => true,
        Some('-') => !c.next().is_some_and(|n| n.is_ascii_digit()),
        Some(ch) => "[]{}#&*!|>'\"%@`,?:".contains(ch),
    }
}

/// Words YAML (as serde-saphyr reads it) may take for a boolean, null or special number,
/// in any letter case: a plain scalar equal to one is left to serde-saphyr.
pub(super) fn reserved(s: &str) -> bool {
    const WORDS: [&str; 18] = [
        "y", "n", "yes", "no", "on", "off", "true", "false", "null", "~", "nan", "inf", "-inf",
        "+inf", ".nan", ".inf", "-.inf", "+.inf",
    ];
    s.len() <= 5 && WORDS.iter().any(|w| w.eq_ignore_ascii_case(s))
}

/// `t` is `w` (lower case) written in one of YAML's three spellings: `yes`, `Yes`, `YES`.
pub(super) fn spelled(t: &str, w: &str) -> bool {
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
pub(super) fn inline_scalar(s: &str, start: usize) -> Option<(Scalar<'_>, usize)> {
    let c = start;
    if let Some(body) = s.strip_prefix('"') {
        // No control character can be here: `Reader::new` gave up on any.
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
pub(super) fn after_ok(after: &str) -> bool {
    let t = after.trim_start_matches(' ');
    t.is_empty() || (t.starts_with('#') && after.len() > t.len())
}

/// A plain key (`supplier`, `AIME-1.1`) or a double-quoted one, then `:` and the rest.
/// Returns the key, its column and the rest after the colon with its column.
pub(super) fn key<'a>(line: &Line<'a>) -> Option<(&'a str, usize, &'a str, usize)> {
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

pub(super) fn key_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.' | b'/')
}

/// The value after `key:`: empty (the value is on the next lines, or null), or inline text and
/// its column.
pub(super) fn value_text(after: &str, at: usize) -> Option<(&str, usize)> {
    let t = after.trim_start_matches(' ');
    if t.is_empty() || t.starts_with('#') {
        return None;
    }
    Some((t, at + (after.len() - t.len())))
}

/// A plain or quoted scalar as a string field (`supplier`, `comment`, a date…).
pub(super) fn string(s: Scalar) -> Option<String> {
    match s {
        Scalar::Plain(t) if t.is_empty() || reserved(t) => None,
        Scalar::Plain(t) => Some(t.to_string()),
        Scalar::Quoted(t) | Scalar::Block(t) => Some(t),
    }
}

/// An answer as serde-saphyr reads it into a `RawValue`, for the forms whose reading this
/// reader is sure of.
pub(super) fn raw(s: Scalar) -> Option<RawValue> {
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

pub(super) fn kind(s: Scalar) -> Option<EvidenceKind> {
    let Scalar::Plain(t) = s else { return None };
    EvidenceKind::ALL.into_iter().find(|k| k.to_string() == t)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// serde-saphyr has no public constructor for `Location`, so the fast reader builds one by
    /// deserialising `{line, column}`; if serde-saphyr renamed those fields this would stop
    /// working, the fast reader would give up on every file, and only speed would show it.
    #[test]
    fn a_location_is_built_with_its_line_and_column() {
        let l = loc(3, 7).expect("serde-saphyr's Location still deserialises from line, column");
        assert_eq!((l.line(), l.column()), (3, 7));
        let s = spanned("x", 12, 1).unwrap();
        assert_eq!((s.referenced.line(), s.defined.column()), (12, 1));
    }
}
