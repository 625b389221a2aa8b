//! Markdown as it renders, as text (read in the scoring process: one linear pass).

use super::html::comment_end;
use super::shared::Raw;

/// Markdown as it renders, as text: the source less what a renderer never shows, namely
/// HTML comments (`<!-- ... -->`, an unclosed one to the end of the file) and link reference
/// definitions, which is what `[//]: # (a comment)` and `[comment]: <> "a comment"` are. Read
/// in the scoring process, like plain text: one linear pass, no third-party parser.
pub(crate) fn markdown(bytes: &[u8]) -> Raw {
    let src = String::from_utf8_lossy(bytes);
    let src = strip_comments(&src);
    let mut out = String::with_capacity(src.len());
    let mut rest: &str = &src;
    while !rest.is_empty() {
        let used = match link_definition(rest) {
            Some(used) => {
                out.push('\n');
                used
            }
            None => {
                let line = rest.find('\n').map_or(rest.len(), |i| i + 1);
                out.push_str(&rest[..line]);
                line
            }
        };
        rest = &rest[used..];
    }
    Raw::Text(out)
}

/// `s` with every HTML comment replaced by the line breaks it held (a space if none).
fn strip_comments(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find("<!--") {
        out.push_str(&rest[..i]);
        let body = &rest[i + 2..];
        let end = comment_end(body).unwrap_or(body.len());
        let breaks = body[..end].matches('\n').count();
        if breaks == 0 {
            out.push(' ');
        }
        out.extend(std::iter::repeat_n('\n', breaks));
        rest = &body[end..];
    }
    out.push_str(rest);
    out
}

/// The length of the Markdown link reference definition at the start of `s`, through the end
/// of its last line, if one starts there (CommonMark 0.31: up to three spaces, `[label]:`, a
/// destination, an optional title; the destination and the title may each start on the next
/// line).
fn link_definition(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let mut i = 0;
    while i < 3 && b.get(i) == Some(&b' ') {
        i += 1;
    }
    if b.get(i) != Some(&b'[') {
        return None;
    }
    i += 1;
    let label = i;
    loop {
        match *b.get(i)? {
            b'\\' => i += 2,
            b'[' => return None,
            b']' => break,
            b'\n' if blank_line_at(b, i + 1) => return None,
            _ => i += 1,
        }
        if i - label > 999 {
            return None;
        }
    }
    if b[label..i].iter().all(u8::is_ascii_whitespace) {
        return None;
    }
    i += 1;
    if b.get(i) != Some(&b':') {
        return None;
    }
    i = skip_space(b, i + 1)?;
    // The destination: `<...>` on one line, or a run of characters that are not spaces.
    if b.get(i) == Some(&b'<') {
        i += 1;
        loop {
            match *b.get(i)? {
                b'>' => break,
                b'\n' | b'\r' | b'<' => return None,
                b'\\' => i += 2,
                _ => i += 1,
            }
        }
        i += 1;
    } else {
        let start = i;
        while b.get(i).is_some_and(|c| *c > b' ') {
            i += if b[i] == b'\\' { 2 } else { 1 };
        }
        if i == start {
            return None;
        }
    }
    let i = i.min(b.len());
    // Where the definition ends if it has no title: the end of this line, if nothing follows.
    let bare = line_end_if_blank(b, i);
    let title = skip_space(b, i).filter(|t| *t > i).and_then(|mut t| {
        let close = match *b.get(t)? {
            b'"' => b'"',
            b'\'' => b'\'',
            b'(' => b')',
            _ => return None,
        };
        t += 1;
        loop {
            match *b.get(t)? {
                c if c == close => break,
                b'(' if close == b')' => return None,
                b'\\' => t += 2,
                b'\n' if blank_line_at(b, t + 1) => return None,
                _ => t += 1,
            }
        }
        line_end_if_blank(b, t + 1)
    });
    title.or(bare)
}

/// Past spaces and tabs and at most one line break after `i`; `None` at a blank line.
fn skip_space(b: &[u8], mut i: usize) -> Option<usize> {
    let mut breaks = 0;
    while let Some(&c) = b.get(i) {
        match c {
            b' ' | b'\t' | b'\r' => {}
            b'\n' => {
                breaks += 1;
                if breaks > 1 {
                    return None;
                }
            }
            _ => break,
        }
        i += 1;
    }
    Some(i)
}

/// The end of the line at `i` (after its line break), if only spaces and tabs are left on it.
fn line_end_if_blank(b: &[u8], mut i: usize) -> Option<usize> {
    while let Some(&c) = b.get(i) {
        match c {
            b' ' | b'\t' | b'\r' => i += 1,
            b'\n' => return Some(i + 1),
            _ => return None,
        }
    }
    Some(i.min(b.len()))
}

/// Whether the line starting at `i` is blank (or the text ends there).
fn blank_line_at(b: &[u8], i: usize) -> bool {
    line_end_if_blank(b, i).is_some()
}
