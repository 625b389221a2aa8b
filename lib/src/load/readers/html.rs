//! HTML as text, without what a browser never shows: one linear pass with a stack of open
//! elements (no tree is built, so no nesting depth can exhaust a stack).

use super::html_tree::{Open, Started, Tag, TooDeep};
use super::shared::{decode_entities, Raw, MAX_HTML_DEPTH};

/// HTML as a browser shows it, as text: tags dropped, the common entities decoded, and what a
/// browser does not show left out (docs/evidence-text.md): comments, `head` (so `title`),
/// `script`, `style`, `template`, `noscript`, `iframe`, `noembed`, `noframes`, SVG `title` and
/// `desc`, and every element, with all it holds, that has the `hidden` attribute or an inline
/// style `display: none`, `visibility: hidden` or a zero `font-size`.
///
/// A single linear pass: no tree is built and nothing recurses, so no nesting depth can
/// exhaust a stack. The open elements are kept on a list, with how many of them hide their
/// content; an end tag closes elements only as far as a browser would (HTML's "in scope" and
/// "special" rules, each answered in constant time), otherwise it is ignored. Where this parser and a browser disagree about an unclosed element, the text is left
/// out rather than read.
pub(super) fn html(bytes: &[u8]) -> Raw {
    let src = String::from_utf8_lossy(bytes);
    let mut out = String::with_capacity(src.len() / 2);
    let mut open = Open::default();
    let mut rest: &str = &src;
    while let Some(lt) = rest.find('<') {
        open.text(&mut out, &rest[..lt]);
        rest = &rest[lt..];
        let next = rest.as_bytes().get(1).copied().unwrap_or(b' ');
        if rest.starts_with("<!--") {
            let body = &rest[2..];
            rest = comment_end(body).map_or("", |e| &body[e..]);
            continue;
        }
        if next == b'!'
            || next == b'?'
            || (next == b'/' && !rest[2..].starts_with(|c: char| c.is_ascii_alphabetic()))
        {
            // A doctype, a processing instruction or a bogus comment (`</>` too): to `>`.
            rest = rest.find('>').map_or("", |i| &rest[i + 1..]);
            continue;
        }
        let closing = next == b'/';
        if !closing && !next.is_ascii_alphabetic() {
            // `a < b`: a character, not a tag.
            open.text(&mut out, "<");
            rest = &rest[1..];
            continue;
        }
        let Some((tag, len)) = scan_tag(&rest[if closing { 2 } else { 1 }..]) else {
            // A tag the file ends inside is dropped.
            break;
        };
        rest = &rest[len + if closing { 2 } else { 1 }..];
        out.push(' ');
        if closing {
            open.end(&tag.name);
            continue;
        }
        match open.start(tag) {
            Err(TooDeep) => {
                return Raw::Broken(format!(
                    "elements nested more than {MAX_HTML_DEPTH} deep: not a document"
                ))
            }
            Ok(Started::Element) => {}
            Ok(Started::RawText {
                name,
                shown,
                decode,
            }) => {
                let end = raw_text_end(rest, &name);
                let body = &rest[..end];
                if shown && open.shows() {
                    if decode {
                        out.push_str(&decode_entities(body));
                    } else {
                        out.push_str(body);
                    }
                }
                // Past the end tag itself.
                rest = &rest[end..];
                rest = rest.find('>').map_or("", |i| &rest[i + 1..]);
                out.push(' ');
            }
        }
    }
    open.text(&mut out, rest);
    Raw::Text(out)
}

/// The tag in `s` (the text after `<` or `</`) and the bytes it takes, through its `>`; `None`
/// if the file ends inside it. Attribute values in quotes may hold `>`, as in a browser.
fn scan_tag(s: &str) -> Option<(Tag, usize)> {
    let b = s.as_bytes();
    let space = |c: u8| matches!(c, b'\t' | b'\n' | b'\x0c' | b'\r' | b' ');
    let mut i = 0;
    while i < b.len() && !space(b[i]) && b[i] != b'/' && b[i] != b'>' {
        i += 1;
    }
    let mut tag = Tag {
        name: s[..i].to_ascii_lowercase(),
        hidden: false,
        style: None,
        self_closing: false,
    };
    loop {
        while i < b.len() && (space(b[i]) || b[i] == b'/') {
            tag.self_closing = b[i] == b'/' && b.get(i + 1) == Some(&b'>');
            i += 1;
        }
        match b.get(i)? {
            b'>' => return Some((tag, i + 1)),
            _ => tag.self_closing = false,
        }
        // An attribute name (a first `=` belongs to it).
        let start = i;
        i += 1;
        while i < b.len() && !space(b[i]) && !matches!(b[i], b'/' | b'>' | b'=') {
            i += 1;
        }
        let name = &s[start..i];
        while i < b.len() && space(b[i]) {
            i += 1;
        }
        let mut value = "";
        if b.get(i) == Some(&b'=') {
            i += 1;
            while i < b.len() && space(b[i]) {
                i += 1;
            }
            match b.get(i) {
                Some(&q @ (b'"' | b'\'')) => {
                    let end = s[i + 1..].find(q as char)?;
                    value = &s[i + 1..i + 1 + end];
                    i += end + 2;
                }
                _ => {
                    let start = i;
                    while i < b.len() && !space(b[i]) && b[i] != b'>' {
                        i += 1;
                    }
                    value = &s[start..i];
                }
            }
        }
        if name.eq_ignore_ascii_case("hidden") {
            tag.hidden = true;
        } else if name.eq_ignore_ascii_case("style") && tag.style.is_none() {
            // The first of two `style` attributes is the one a browser keeps.
            tag.style = Some(decode_entities(value));
        }
    }
}

/// Where the raw text of a `name` element (`script`, `title`, ...) ends in `s`: at its end tag
/// (`</name` then a space, `/` or `>`), or the end of the file.
fn raw_text_end(s: &str, name: &str) -> usize {
    let b = s.as_bytes();
    let mut from = 0;
    while let Some(i) = s[from..].find("</") {
        let at = from + i;
        let after = at + 2 + name.len();
        if b.len() >= after
            && b[at + 2..after].eq_ignore_ascii_case(name.as_bytes())
            && b.get(after)
                .is_none_or(|c| matches!(c, b'\t' | b'\n' | b'\x0c' | b'\r' | b' ' | b'/' | b'>'))
        {
            return at;
        }
        from = at + 2;
    }
    s.len()
}

/// Where a comment ends in `body`, the text after its `<!` (so `<!-->` ends at once): the
/// byte after the first `-->` or `--!>`.
pub(super) fn comment_end(body: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = body[from..].find("--") {
        let at = from + i + 2;
        if body[at..].starts_with('>') {
            return Some(at + 1);
        }
        if body[at..].starts_with("!>") {
            return Some(at + 2);
        }
        from = from + i + 1;
    }
    None
}
