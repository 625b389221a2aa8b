//! The readers of evidence files. HTML, PDF, DOCX and ODT are parsed from bytes a supplier
//! chose, so they only ever run inside the sandbox worker (a child process with its own
//! limits, [`super::sandbox`]), never in the process that scores; the fuzz targets call
//! [`read`] exactly as the worker does. Plain text (`plain`) and Markdown (`markdown`), a
//! copy and one linear pass of this file's own code, are read in the scoring process.
//!
//! Hidden text is not text: what a reader of the document never sees (HTML comments and
//! `display: none`, Word's hidden and deleted text, ODT's hidden paragraphs...) is left out,
//! so no supplier earns credit for it (docs/evidence-text.md).

use std::io::Read;

/// The most bytes a DOCX or ODT body may unpack to: more is a zip bomb, not a document.
pub const MAX_UNZIPPED_BYTES: u64 = 16 << 20;
/// Deeper nesting of HTML elements (unclosed ones included) is not a document.
pub const MAX_HTML_DEPTH: i64 = 100_000;
/// PDF pages read; text after them is not searched.
pub const MAX_PDF_PAGES: usize = super::pdftext::MAX_PDF_PAGES;
/// Between the text of two PDF pages (form feed, as pdftotext writes): the page a phrase was
/// found on is counted from these.
pub const PAGE_BREAK: char = '\u{c}';

/// What a reader made of a file, before normalisation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Raw {
    Text(String),
    /// No text to read: a scanned PDF, an image, a format not read.
    NoText(String),
    /// The file claims a format but cannot be parsed.
    Broken(String),
}

/// The formats read by a third-party parser, in the sandbox.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Html,
    Pdf,
    Docx,
    Odt,
}

impl Format {
    /// The format a file extension (lower case) names, if it is one of these.
    pub fn from_extension(ext: &str) -> Option<Format> {
        Some(match ext {
            "html" | "htm" => Format::Html,
            "pdf" => Format::Pdf,
            "docx" => Format::Docx,
            "odt" => Format::Odt,
            _ => return None,
        })
    }

    /// The word the worker is told the format by.
    pub fn name(self) -> &'static str {
        match self {
            Format::Html => "html",
            Format::Pdf => "pdf",
            Format::Docx => "docx",
            Format::Odt => "odt",
        }
    }

    pub fn from_name(name: &str) -> Option<Format> {
        Format::from_extension(name)
    }
}

/// Reads `bytes` as a file of `format`. Only the sandbox worker and the fuzz targets call this.
pub fn read(format: Format, bytes: &[u8]) -> Raw {
    match format {
        Format::Html => html(bytes),
        Format::Pdf => pdf(bytes),
        Format::Docx => docx(bytes),
        Format::Odt => odt(bytes),
    }
}

pub(crate) fn plain(bytes: &[u8]) -> Raw {
    Raw::Text(String::from_utf8_lossy(bytes).into_owned())
}

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

/// Where a comment ends in `body`, the text after its `<!` (so `<!-->` ends at once): the
/// byte after the first `-->` or `--!>`.
fn comment_end(body: &str) -> Option<usize> {
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
fn html(bytes: &[u8]) -> Raw {
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
            Err(why) => return Raw::Broken(why),
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

/// A start or end tag: its name in lower case, and what of its attributes bears on visibility.
struct Tag {
    name: String,
    hidden: bool,
    style: Option<String>,
    self_closing: bool,
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

/// Whether an inline style hides its element: `display: none`, `visibility: hidden` (or
/// `collapse`) or a `font-size` of zero, whatever the spacing, case, comments, escapes or
/// `!important`. The last declaration of a property wins (an `!important` one over later ones).
fn style_hides(style: &str) -> bool {
    let css = clean_css(style);
    let (mut display, mut visibility, mut size) = (None, None, None);
    for decl in css.split(';') {
        let Some((property, value)) = decl.split_once(':') else {
            continue;
        };
        let (value, important) = match value.strip_suffix("!important") {
            Some(v) => (v, true),
            None => (value, false),
        };
        let slot: &mut Option<(&str, bool)> = match property {
            "display" => &mut display,
            "visibility" => &mut visibility,
            "font-size" => &mut size,
            _ => continue,
        };
        if important || !slot.is_some_and(|(_, i)| i) {
            *slot = Some((value, important));
        }
    }
    display.is_some_and(|(v, _)| v == "none")
        || visibility.is_some_and(|(v, _)| v == "hidden" || v == "collapse")
        || size.is_some_and(|(v, _)| is_zero_length(v))
}

/// `0`, `0px`, `0pt`, `0em`, `0.0%`...: a length of zero in any unit.
fn is_zero_length(v: &str) -> bool {
    let number = v.trim_end_matches(|c: char| c.is_ascii_alphabetic() || c == '%');
    !number.is_empty() && number.parse::<f64>() == Ok(0.0)
}

/// CSS as compared: escapes (`\64 isplay`) decoded, comments dropped, ASCII lower case, no
/// whitespace.
fn clean_css(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                let mut hex = String::new();
                while hex.len() < 6 && chars.peek().is_some_and(char::is_ascii_hexdigit) {
                    hex.push(chars.next().unwrap_or('0'));
                }
                if hex.is_empty() {
                    if let Some(e) = chars.next() {
                        out.push(e.to_ascii_lowercase());
                    }
                } else {
                    if chars.peek().is_some_and(|c| c.is_whitespace()) {
                        chars.next();
                    }
                    let c = u32::from_str_radix(&hex, 16)
                        .ok()
                        .and_then(char::from_u32)
                        .unwrap_or('\u{fffd}');
                    out.push(c.to_ascii_lowercase());
                }
            }
            '/' if chars.peek() == Some(&'*') => {
                chars.next();
                let mut last = ' ';
                for c in chars.by_ref() {
                    if last == '*' && c == '/' {
                        break;
                    }
                    last = c;
                }
            }
            c if c.is_whitespace() => {}
            c => out.push(c.to_ascii_lowercase()),
        }
    }
    out
}

/// The kinds of element that stop an end tag's search for the element it closes (HTML's
/// scopes), as indexes into [`Element::stops`].
#[derive(Clone, Copy)]
enum Stop {
    /// A "special" element: stops any other end tag.
    Special,
    /// The default scope (`table`, `td`, `template`, ...).
    Scope,
    /// Button scope: the default and `button` (for `p`).
    Button,
    /// List item scope: the default, `ol` and `ul` (for `li`).
    List,
    /// Table scope: `html`, `table`, `template`.
    Table,
    /// What stops a new `li`, `dd` or `dt` closing the last: special, but not `address`,
    /// `div` or `p`.
    Item,
    /// An HTML element (not SVG or MathML): stops the search of an end tag in SVG or MathML.
    Html,
}

const STOPS: usize = 7;

impl Stop {
    fn stops(self, name: &str, foreign: bool) -> bool {
        let scope = || {
            if foreign {
                is_integration_point(name, foreign)
            } else {
                matches!(
                    name,
                    "applet"
                        | "caption"
                        | "html"
                        | "table"
                        | "td"
                        | "th"
                        | "marquee"
                        | "object"
                        | "template"
                )
            }
        };
        match self {
            Stop::Special => is_special(name, foreign),
            Stop::Scope => scope(),
            Stop::Button => scope() || (!foreign && name == "button"),
            Stop::List => scope() || (!foreign && matches!(name, "ol" | "ul")),
            Stop::Table => !foreign && matches!(name, "html" | "table" | "template"),
            Stop::Item => {
                is_special(name, foreign) && (foreign || !matches!(name, "address" | "div" | "p"))
            }
            Stop::Html => !foreign,
        }
    }
}

/// One open element.
struct Element {
    name: String,
    /// It hides what it holds.
    hides: bool,
    /// An SVG or MathML element, not HTML.
    foreign: bool,
    /// For each [`Stop`], 1 + the index of the nearest open element of that kind at or below
    /// this one (0: none), so an end tag finds whether it closes anything in constant time.
    stops: [usize; STOPS],
}

/// The open elements of an HTML page, as a browser's parser keeps them (roughly).
#[derive(Default)]
struct Open {
    stack: Vec<Element>,
    /// Where the open HTML elements of each name are, and the SVG and MathML ones.
    html: std::collections::HashMap<String, Vec<usize>>,
    foreign: std::collections::HashMap<String, Vec<usize>>,
    /// How many open elements hide their content.
    hiding: usize,
    /// The head is over (closed, or the body has begun): a later `<head>` is ignored.
    head_done: bool,
}

/// What a start tag began.
enum Started {
    Element,
    /// An element of raw text (`script`, `title`, `textarea`...), to its end tag; `shown` if
    /// a browser shows it, `decode` if its entities are decoded.
    RawText {
        name: String,
        shown: bool,
        decode: bool,
    },
}

const HEADINGS: [&str; 6] = ["h1", "h2", "h3", "h4", "h5", "h6"];

impl Open {
    fn shows(&self) -> bool {
        self.hiding == 0
    }

    /// Text between tags.
    fn text(&mut self, out: &mut String, s: &str) {
        if s.is_empty() {
            return;
        }
        if !s.chars().all(char::is_whitespace) {
            // Text in the head ends it (the body begins), as text before any element does.
            if self.top_is("head") {
                self.pop_to(self.stack.len() - 1);
            }
            self.head_done = true;
        }
        if self.shows() {
            out.push_str(&decode_entities(s));
        }
    }

    fn top_is(&self, name: &str) -> bool {
        self.stack
            .last()
            .is_some_and(|e| !e.foreign && e.name == name)
    }

    /// Closes the element at `index` and every element opened after it.
    fn pop_to(&mut self, index: usize) {
        while self.stack.len() > index {
            let Some(e) = self.stack.pop() else { break };
            if e.hides {
                self.hiding -= 1;
            }
            let map = if e.foreign {
                &mut self.foreign
            } else {
                &mut self.html
            };
            if let Some(at) = map.get_mut(&e.name) {
                at.pop();
                if at.is_empty() {
                    map.remove(&e.name);
                }
            }
        }
    }

    fn push(&mut self, name: String, hides: bool, foreign: bool) -> Result<(), String> {
        let index = self.stack.len();
        if index as i64 >= MAX_HTML_DEPTH {
            return Err(format!(
                "elements nested more than {MAX_HTML_DEPTH} deep: not a document"
            ));
        }
        if hides {
            self.hiding += 1;
        }
        let mut stops = self.stack.last().map_or([0; STOPS], |e| e.stops);
        for stop in [
            Stop::Special,
            Stop::Scope,
            Stop::Button,
            Stop::List,
            Stop::Table,
            Stop::Item,
            Stop::Html,
        ] {
            if stop.stops(&name, foreign) {
                stops[stop as usize] = index + 1;
            }
        }
        let map = if foreign {
            &mut self.foreign
        } else {
            &mut self.html
        };
        map.entry(name.clone()).or_default().push(index);
        self.stack.push(Element {
            name,
            hides,
            foreign,
            stops,
        });
        Ok(())
    }

    /// The nearest open HTML element named one of `names`, if no element of kind `stop` is
    /// open above it (`None`: nothing stops the search).
    fn find(&self, names: &[&str], stop: Option<Stop>) -> Option<usize> {
        let at = names
            .iter()
            .filter_map(|n| self.html.get(*n).and_then(|v| v.last()))
            .max()
            .copied()?;
        let barrier = match (stop, self.stack.last()) {
            (Some(stop), Some(top)) => top.stops[stop as usize],
            _ => 0,
        };
        // The element itself may be of the kind that stops: it is found first.
        (at + 1 >= barrier).then_some(at)
    }

    /// Closes an open `p` in button scope (a block element starting inside a paragraph ends it).
    fn close_p(&mut self) {
        if let Some(i) = self.find(&["p"], Some(Stop::Button)) {
            self.pop_to(i);
        }
    }

    fn start(&mut self, tag: Tag) -> Result<Started, String> {
        let name = tag.name;
        let hides = tag.hidden || tag.style.as_deref().is_some_and(style_hides);
        // Inside SVG or MathML (but not where those hold HTML), elements are foreign, and a
        // self-closing tag is closed.
        let in_foreign = self
            .stack
            .last()
            .is_some_and(|e| e.foreign && !is_integration_point(&e.name, e.foreign));
        if in_foreign && !breaks_out_of_foreign(&name) {
            let hides = hides || name == "title" || name == "desc";
            if !tag.self_closing {
                self.push(name, hides, true)?;
            }
            return Ok(Started::Element);
        }
        if in_foreign {
            // An HTML element inside SVG ends the SVG, as in a browser.
            if let Some(i) = self
                .stack
                .iter()
                .rposition(|e| !e.foreign || is_integration_point(&e.name, e.foreign))
            {
                self.pop_to(i + 1);
            } else {
                self.pop_to(0);
            }
        }
        if name == "head" {
            if !self.head_done && !self.html.contains_key("head") {
                self.push(name, true, false)?;
            }
            return Ok(Started::Element);
        }
        let head_content = matches!(
            name.as_str(),
            "base"
                | "basefont"
                | "bgsound"
                | "link"
                | "meta"
                | "noframes"
                | "script"
                | "style"
                | "template"
                | "title"
                | "noscript"
                | "html"
        );
        if !head_content {
            // Any other element ends the head and begins the body.
            if self.top_is("head") {
                self.pop_to(self.stack.len() - 1);
            }
            self.head_done = true;
        }
        match name.as_str() {
            "script" | "style" | "title" | "noscript" | "iframe" | "noembed" | "noframes" => {
                return Ok(Started::RawText {
                    name,
                    shown: false,
                    decode: false,
                });
            }
            "textarea" | "xmp" => {
                if name == "xmp" {
                    self.close_p();
                }
                return Ok(Started::RawText {
                    decode: name == "textarea",
                    name,
                    shown: !hides,
                });
            }
            "svg" | "math" => {
                if !tag.self_closing {
                    self.push(name, hides, true)?;
                }
                return Ok(Started::Element);
            }
            "li" | "dd" | "dt" => {
                let same: &[&str] = if name == "li" { &["li"] } else { &["dd", "dt"] };
                if let Some(i) = self.find(same, Some(Stop::Item)) {
                    self.pop_to(i);
                }
                self.close_p();
            }
            n if closes_p(n) => self.close_p(),
            _ => {}
        }
        if !is_void(&name) {
            let hides = hides || name == "template";
            self.push(name, hides, false)?;
        }
        Ok(Started::Element)
    }

    fn end(&mut self, name: &str) {
        // Inside SVG or MathML, an end tag closes the foreign element of its name if no HTML
        // element is open inside that.
        if let Some(top) = self.stack.last().filter(|e| e.foreign) {
            let html = top.stops[Stop::Html as usize];
            if let Some(&i) = self.foreign.get(name).and_then(|v| v.last()) {
                if i + 1 > html {
                    self.pop_to(i);
                    return;
                }
            }
        }
        let found = match name {
            // A browser never closes these before the end of the file.
            "html" | "body" => None,
            "head" => self.top_is("head").then(|| self.stack.len() - 1),
            "template" => self.find(&[name], None),
            "table" | "tbody" | "thead" | "tfoot" | "tr" | "td" | "th" | "caption" | "colgroup" => {
                self.find(&[name], Some(Stop::Table))
            }
            // Any heading's end tag closes the open heading.
            n if HEADINGS.contains(&n) => self.find(&HEADINGS, Some(Stop::Scope)),
            "p" => self.find(&[name], Some(Stop::Button)),
            "li" => self.find(&[name], Some(Stop::List)),
            n if is_special(n, false) || is_formatting(n) => self.find(&[name], Some(Stop::Scope)),
            // Any other end tag closes its element unless a special element is open inside it.
            _ => self.find(&[name], Some(Stop::Special)),
        };
        if let Some(i) = found {
            if name == "head" {
                self.head_done = true;
            }
            self.pop_to(i);
        }
    }
}

/// An SVG or MathML element whose content is HTML.
fn is_integration_point(name: &str, foreign: bool) -> bool {
    foreign
        && matches!(
            name,
            "foreignobject"
                | "desc"
                | "title"
                | "mi"
                | "mo"
                | "mn"
                | "ms"
                | "mtext"
                | "annotation-xml"
        )
}

/// HTML start tags that end SVG or MathML content.
fn breaks_out_of_foreign(name: &str) -> bool {
    matches!(
        name,
        "b" | "big"
            | "blockquote"
            | "body"
            | "br"
            | "center"
            | "code"
            | "dd"
            | "div"
            | "dl"
            | "dt"
            | "em"
            | "embed"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "head"
            | "hr"
            | "i"
            | "img"
            | "li"
            | "listing"
            | "menu"
            | "meta"
            | "nobr"
            | "ol"
            | "p"
            | "pre"
            | "ruby"
            | "s"
            | "small"
            | "span"
            | "strong"
            | "strike"
            | "sub"
            | "sup"
            | "table"
            | "tt"
            | "u"
            | "ul"
            | "var"
    )
}

/// HTML's "special" elements (and SVG's and MathML's that hold HTML).
fn is_special(name: &str, foreign: bool) -> bool {
    if foreign {
        is_integration_point(name, foreign)
    } else {
        is_special_name(name)
    }
}

fn is_special_name(name: &str) -> bool {
    matches!(
        name,
        "address"
            | "applet"
            | "area"
            | "article"
            | "aside"
            | "base"
            | "basefont"
            | "bgsound"
            | "blockquote"
            | "body"
            | "br"
            | "button"
            | "caption"
            | "center"
            | "col"
            | "colgroup"
            | "dd"
            | "details"
            | "dir"
            | "div"
            | "dl"
            | "dt"
            | "embed"
            | "fieldset"
            | "figcaption"
            | "figure"
            | "footer"
            | "form"
            | "frame"
            | "frameset"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "head"
            | "header"
            | "hgroup"
            | "hr"
            | "html"
            | "iframe"
            | "img"
            | "input"
            | "keygen"
            | "li"
            | "link"
            | "listing"
            | "main"
            | "marquee"
            | "menu"
            | "meta"
            | "nav"
            | "noembed"
            | "noframes"
            | "noscript"
            | "object"
            | "ol"
            | "p"
            | "param"
            | "plaintext"
            | "pre"
            | "script"
            | "search"
            | "section"
            | "select"
            | "source"
            | "style"
            | "summary"
            | "table"
            | "tbody"
            | "td"
            | "template"
            | "textarea"
            | "tfoot"
            | "th"
            | "thead"
            | "title"
            | "tr"
            | "track"
            | "ul"
            | "wbr"
            | "xmp"
    )
}

fn is_formatting(name: &str) -> bool {
    matches!(
        name,
        "a" | "b"
            | "big"
            | "code"
            | "em"
            | "font"
            | "i"
            | "nobr"
            | "s"
            | "small"
            | "strike"
            | "strong"
            | "tt"
            | "u"
    )
}

/// Start tags that end an open paragraph.
fn closes_p(name: &str) -> bool {
    matches!(
        name,
        "address"
            | "article"
            | "aside"
            | "blockquote"
            | "center"
            | "details"
            | "dialog"
            | "dir"
            | "div"
            | "dl"
            | "fieldset"
            | "figcaption"
            | "figure"
            | "footer"
            | "header"
            | "hgroup"
            | "main"
            | "menu"
            | "nav"
            | "ol"
            | "p"
            | "search"
            | "section"
            | "summary"
            | "ul"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "pre"
            | "listing"
            | "form"
            | "table"
            | "hr"
            | "plaintext"
    )
}

/// Elements that never have a closing tag.
fn is_void(name: &str) -> bool {
    matches!(
        name,
        "br" | "img"
            | "hr"
            | "input"
            | "meta"
            | "link"
            | "area"
            | "base"
            | "col"
            | "embed"
            | "param"
            | "source"
            | "track"
            | "wbr"
            | "keygen"
            | "basefont"
            | "bgsound"
            | "frame"
    )
}

fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let end = rest[1..].find(';').map(|i| i + 1).filter(|i| *i <= 10);
        let decoded = end.and_then(|end| {
            let name = &rest[1..end];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some(' '),
                // Those that can spell CSS in a `style` attribute.
                "colon" => Some(':'),
                "semi" => Some(';'),
                "sol" => Some('/'),
                "bsol" => Some('\\'),
                "ast" => Some('*'),
                "excl" => Some('!'),
                "num" => Some('#'),
                "period" => Some('.'),
                "percnt" => Some('%'),
                "lpar" => Some('('),
                "rpar" => Some(')'),
                "Tab" => Some('\t'),
                "NewLine" => Some('\n'),
                _ => name
                    .strip_prefix("#x")
                    .or_else(|| name.strip_prefix("#X"))
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .or_else(|| name.strip_prefix('#').and_then(|d| d.parse().ok()))
                    .and_then(char::from_u32),
            };
            c.map(|c| (c, end))
        });
        match decoded {
            Some((c, end)) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The text layer of a PDF, page by page up to [`MAX_PDF_PAGES`].
fn pdf(bytes: &[u8]) -> Raw {
    if !bytes.starts_with(b"%PDF")
        && !bytes[..bytes.len().min(1024)]
            .windows(4)
            .any(|w| w == b"%PDF")
    {
        return Raw::Broken("not a PDF: it does not start with %PDF".into());
    }
    match super::pdftext::pdf_pages(bytes) {
        Err(e) if e.contains("password") => Raw::NoText(e),
        Err(e) => Raw::Broken(format!("not a readable PDF: {e}")),
        Ok(pages) if pages.is_empty() => Raw::Broken("the PDF has no pages".into()),
        Ok(pages) => Raw::Text(
            pages
                .iter()
                .map(|p| p.replace(PAGE_BREAK, " "))
                .collect::<Vec<_>>()
                .join(&PAGE_BREAK.to_string()),
        ),
    }
}

/// One XML part of a zip (a DOCX or ODT body), unpacked within [`MAX_UNZIPPED_BYTES`].
fn unzip_part(bytes: &[u8], part: &str) -> Result<Vec<u8>, Raw> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| Raw::Broken(format!("not a readable document (broken zip): {e}")))?;
    let mut entry = archive
        .by_name(part)
        .map_err(|_| Raw::Broken(format!("no {part} inside: not a document of this kind")))?;
    if entry.size() > MAX_UNZIPPED_BYTES {
        return Err(Raw::Broken(format!(
            "{part} says it unpacks to {} MB, more than {} MB: not read",
            entry.size() >> 20,
            MAX_UNZIPPED_BYTES >> 20
        )));
    }
    let mut xml = Vec::new();
    if let Err(e) = (&mut entry)
        .take(MAX_UNZIPPED_BYTES + 1)
        .read_to_end(&mut xml)
    {
        return Err(Raw::Broken(format!("{part} cannot be unpacked: {e}")));
    }
    if xml.len() as u64 > MAX_UNZIPPED_BYTES {
        return Err(Raw::Broken(format!(
            "{part} unpacks to more than {} MB: not read",
            MAX_UNZIPPED_BYTES >> 20
        )));
    }
    Ok(xml)
}

/// The elements of a DOCX or ODT body that bear on what is shown, by local name (whatever
/// prefix a file binds to the namespace).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    /// A paragraph (`w:p`, `text:p`, `text:h`).
    Paragraph,
    /// A DOCX run (`w:r`) and its properties (`w:rPr`).
    Run,
    RunProperties,
    /// An ODT `style:style` being defined.
    Style,
    Other,
}

/// One open XML element.
struct Node {
    part: Part,
    /// It hides what it holds.
    hides: bool,
    /// Where its text began in the output, and whether to drop that text at its end.
    start: usize,
    drop: bool,
}

/// Which document a body belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Body {
    Docx,
    Odt,
}

/// An ODT automatic style: whether it sets text to be hidden (`text:display`), and its parent.
type Styles = std::collections::HashMap<(String, String), (Option<bool>, Option<String>)>;

/// The value of the attribute of local name `name`, entities decoded.
fn attribute(e: &quick_xml::events::BytesStart, name: &[u8]) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == name)
        .map(|a| decode_entities(&String::from_utf8_lossy(&a.value)))
}

/// Whether ODT style `name` of `family` hides its text, by itself or through its parents.
fn odt_style_hides(styles: &Styles, family: &str, name: &str) -> bool {
    let mut name = name.to_string();
    for _ in 0..16 {
        match styles.get(&(family.to_string(), name)) {
            Some((Some(hides), _)) => return *hides,
            Some((None, Some(parent))) => name = parent.clone(),
            _ => return false,
        }
    }
    false
}

/// The text of a DOCX or ODT body as a word processor shows it, paragraphs on their own lines.
/// Left out (docs/evidence-text.md):
///
/// - DOCX: runs whose own properties have `w:vanish` (hidden text; not `w:val="0"`/`"false"`,
///   and not the paragraph mark's `w:pPr/w:rPr/w:vanish`, which hides only the mark), deleted
///   and moved-away text (`w:del`, `w:moveFrom`, `w:delText`), field instructions
///   (`w:instrText`, `w:delInstrText`). Comments are in `comments.xml`, never read.
/// - ODT: `text:hidden-text` and `text:hidden-paragraph` (with the whole paragraph that holds
///   it) whatever their condition, annotations (`office:annotation`), tracked changes
///   (`text:tracked-changes`, where deleted text is kept), SVG titles and descriptions,
///   sections with `text:display="none"` or `"condition"`, and paragraphs and spans whose
///   automatic style (in this `content.xml`) has `text:display` (or `fo:display`) `none` or
///   `condition`.
fn xml_text(xml: &[u8], part: &str, body: Body) -> Raw {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut out = String::new();
    let mut buf = Vec::new();
    let mut open: Vec<Node> = Vec::new();
    let mut hiding = 0usize;
    let mut styles = Styles::new();
    // The ODT style being defined: its family and name.
    let mut style: Option<(String, String)> = None;
    loop {
        let event = match reader.read_event_into(&mut buf) {
            Ok(e) => e,
            Err(e) => return Raw::Broken(format!("{part} is not valid XML: {e}")),
        };
        match event {
            Event::Text(t) => match t.decode() {
                Ok(s) if hiding == 0 => out.push_str(&decode_entities(&s)),
                Ok(_) => {}
                Err(e) => return Raw::Broken(format!("{part} is not valid XML: {e}")),
            },
            Event::GeneralRef(r) if hiding == 0 => out.push_str(&decode_entities(&format!(
                "&{};",
                String::from_utf8_lossy(&r)
            ))),
            Event::Start(ref e) | Event::Empty(ref e) => {
                let empty = matches!(event, Event::Empty(_));
                let qname = e.name();
                let local = e.local_name();
                let local = local.as_ref();
                let mut part = Part::Other;
                let mut hides = false;
                match body {
                    Body::Docx => match local {
                        b"p" => part = Part::Paragraph,
                        b"r" => part = Part::Run,
                        b"rPr" => part = Part::RunProperties,
                        b"del" | b"moveFrom" | b"delText" | b"instrText" | b"delInstrText" => {
                            hides = true
                        }
                        b"vanish" | b"specVanish" => {
                            let on = attribute(e, b"val")
                                .is_none_or(|v| !matches!(v.trim(), "0" | "false" | "off"));
                            // Only a run's own properties: not a paragraph mark's, nor the
                            // former properties a tracked change keeps.
                            let n = open.len();
                            if on
                                && n >= 2
                                && open[n - 1].part == Part::RunProperties
                                && open[n - 2].part == Part::Run
                                && !open[n - 2].hides
                            {
                                open[n - 2].hides = true;
                                hiding += 1;
                            }
                        }
                        b"tab" | b"br" | b"cr" if hiding == 0 => out.push(' '),
                        _ => {}
                    },
                    Body::Odt => match local {
                        b"p" | b"h" => {
                            part = Part::Paragraph;
                            hides = attribute(e, b"style-name")
                                .is_some_and(|s| odt_style_hides(&styles, "paragraph", &s));
                        }
                        b"span" => {
                            hides = attribute(e, b"style-name")
                                .is_some_and(|s| odt_style_hides(&styles, "text", &s));
                        }
                        b"hidden-text" | b"annotation" | b"tracked-changes" => hides = true,
                        b"hidden-paragraph" => {
                            hides = true;
                            if let Some(p) =
                                open.iter_mut().rev().find(|n| n.part == Part::Paragraph)
                            {
                                p.drop = true;
                            }
                        }
                        b"section" => {
                            hides = attribute(e, b"display")
                                .is_some_and(|d| matches!(d.as_str(), "none" | "condition"));
                        }
                        b"title" | b"desc" => hides = qname.as_ref().starts_with(b"svg:"),
                        b"style" => {
                            part = Part::Style;
                            let key = (
                                attribute(e, b"family").unwrap_or_default(),
                                attribute(e, b"name").unwrap_or_default(),
                            );
                            styles.insert(key.clone(), (None, attribute(e, b"parent-style-name")));
                            style = Some(key);
                        }
                        b"text-properties" => {
                            if let (Some(key), Some(display)) = (&style, attribute(e, b"display")) {
                                if let Some(s) = styles.get_mut(key) {
                                    s.0 = Some(matches!(display.as_str(), "none" | "condition"));
                                }
                            }
                        }
                        b"tab" | b"s" | b"line-break" if hiding == 0 => out.push(' '),
                        _ => {}
                    },
                }
                if empty {
                    if part == Part::Paragraph && hiding == 0 && !hides {
                        out.push('\n');
                    }
                    if part == Part::Style {
                        style = None;
                    }
                } else {
                    if hides {
                        hiding += 1;
                    }
                    open.push(Node {
                        part,
                        hides,
                        start: out.len(),
                        drop: false,
                    });
                }
            }
            Event::End(_) => {
                if let Some(node) = open.pop() {
                    if node.hides {
                        hiding -= 1;
                    }
                    if node.drop {
                        out.truncate(node.start);
                    }
                    match node.part {
                        Part::Paragraph => out.push('\n'),
                        Part::Style => style = None,
                        _ => {}
                    }
                }
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    Raw::Text(out)
}

fn docx(bytes: &[u8]) -> Raw {
    let part = "word/document.xml";
    match unzip_part(bytes, part) {
        Ok(xml) => xml_text(&xml, part, Body::Docx),
        Err(raw) => raw,
    }
}

fn odt(bytes: &[u8]) -> Raw {
    let part = "content.xml";
    match unzip_part(bytes, part) {
        Ok(xml) => xml_text(&xml, part, Body::Odt),
        Err(raw) => raw,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::text::normalise;

    #[test]
    fn html_loses_tags_scripts_and_entities() {
        let Raw::Text(t) = html(
            b"<p>Issued&nbsp;1&nbsp;March 2026 &amp; <b>valid</b></p><script>x<1</script><!-- no -->ok &#x41;",
        ) else {
            panic!()
        };
        assert_eq!(normalise(&t), "issued 1 march 2026 & valid ok a");
    }

    const PHRASE: &str = "iso/iec 42001";

    fn text(raw: Raw) -> String {
        match raw {
            Raw::Text(t) => normalise(&t),
            other => panic!("no text: {other:?}"),
        }
    }

    /// Every fixture of tests/fixtures/hidden: the phrase is read from the controls only, and
    /// the visible text of every file is read.
    #[test]
    fn hidden_fixtures_hide_the_phrase_and_controls_show_it() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/hidden");
        let mut seen = 0;
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            let bytes = std::fs::read(&path).unwrap();
            let raw = match path.extension().and_then(|e| e.to_str()) {
                Some("html") => html(&bytes),
                Some("md") => markdown(&bytes),
                Some("docx") => docx(&bytes),
                Some("odt") => odt(&bytes),
                _ => continue,
            };
            seen += 1;
            let t = text(raw);
            assert!(t.contains("larkspur"), "{name}: visible text lost: {t}");
            if name.contains("control") {
                assert!(
                    t.contains(PHRASE),
                    "{name}: the visible phrase is not read: {t}"
                );
            } else {
                assert!(!t.contains(PHRASE), "{name}: hidden text is read: {t}");
            }
        }
        assert!(seen >= 28, "only {seen} fixtures");
    }

    /// Each `(source, hidden)`: the phrase is in the text exactly when not `hidden`, and the
    /// word `after`, which follows every snippet, is always read.
    fn check(read: fn(&[u8]) -> Raw, cases: &[(&str, bool)]) {
        for (source, hidden) in cases {
            let t = text(read(source.as_bytes()));
            assert_eq!(!t.contains(PHRASE), *hidden, "{source:?} read as {t:?}");
            assert!(t.contains("after"), "{source:?} lost what follows: {t:?}");
        }
    }

    #[test]
    fn html_leaves_out_each_kind_of_hidden_text() {
        check(
            html,
            &[
                ("<!-- ISO/IEC 42001 -->after", true),
                ("<!--\nISO/IEC 42001\n--!>after", true),
                ("<head><title>ISO/IEC 42001</title></head><body>after", true),
                (
                    "<html><head><meta name=x content=y>ISO/IEC 42001 after",
                    false,
                ),
                ("<html><head><title>ISO/IEC 42001</title><p>after", true),
                ("<script>a = '</p>ISO/IEC 42001'</script >after", true),
                (
                    "<style>p{}</style><p>ISO/IEC 42001<style>x</STYLE>after",
                    false,
                ),
                (
                    "<Style type=text/css>/* ISO/IEC 42001 */</style>after",
                    true,
                ),
                ("<template><p>ISO/IEC 42001</template>after", true),
                ("<noscript>ISO/IEC 42001</noscript>after", true),
                ("<iframe>ISO/IEC 42001</iframe>after", true),
                ("<svg><title>ISO/IEC 42001</title></svg>after", true),
                ("<svg><desc>ISO/IEC <b>42001</b></desc></svg>after", true),
                ("<svg><title/><text>ISO/IEC 42001</text></svg>after", false),
                ("<div hidden>ISO/IEC 42001</div>after", true),
                ("<div hidden=hidden><p>ISO/IEC 42001<p>x</div>after", true),
                ("<div title='a>b' hidden>ISO/IEC 42001</div>after", true),
                ("<div hidden/>ISO/IEC 42001</div>after", true),
                ("<p hidden>ISO/IEC 42001<p>after", true),
                ("<div style=display:none>ISO/IEC 42001</div>after", true),
                (
                    "<div style=\"display : NONE\">ISO/IEC 42001</div>after",
                    true,
                ),
                (
                    "<div style='display:none!important'>ISO/IEC 42001</div>after",
                    true,
                ),
                ("<i style='display:/**/none'>ISO/IEC 42001</i>after", true),
                ("<i style='\\64 isplay:none'>ISO/IEC 42001</i>after", true),
                ("<i style='display&#58;none'>ISO/IEC 42001</i>after", true),
                (
                    "<i style='display:none;display:inline'>ISO/IEC 42001</i>after",
                    false,
                ),
                (
                    "<i style='display:none!important;display:inline'>ISO/IEC 42001</i>after",
                    true,
                ),
                ("<i style='visibility:hidden'>ISO/IEC 42001</i>after", true),
                (
                    "<i style='VISIBILITY: Hidden;'>ISO/IEC 42001</i>after",
                    true,
                ),
                (
                    "<i style='visibility:visible'>ISO/IEC 42001</i>after",
                    false,
                ),
                ("<i style='font-size:0'>ISO/IEC 42001</i>after", true),
                ("<i style='font-size:0px'>ISO/IEC 42001</i>after", true),
                ("<i style='font-size: 0pt'>ISO/IEC 42001</i>after", true),
                ("<i style='font-size:0em'>ISO/IEC 42001</i>after", true),
                ("<i style='font-size:0.9em'>ISO/IEC 42001</i>after", false),
                ("<i style='font-size:10px'>ISO/IEC 42001</i>after", false),
                (
                    "<i data-hidden class=hidden aria-hidden=true>ISO/IEC 42001</i>after",
                    false,
                ),
                ("<div hidden><span>x</div>ISO/IEC 42001 after", false),
                ("<p>1 < 2 ISO/IEC 42001 after", false),
            ],
        );
    }

    /// An end tag closes an element only where a browser would: a misnested tag cannot end a
    /// hidden element early.
    #[test]
    fn html_end_tags_close_only_what_a_browser_closes() {
        let read = |s: &str| text(html(s.as_bytes()));
        for hidden in [
            "<span hidden><div></span>ISO/IEC 42001</div>",
            "<div hidden><table><tr><td></div>ISO/IEC 42001",
            "<svg><desc><span></desc>ISO/IEC 42001",
            "<div hidden></p></span>ISO/IEC 42001",
        ] {
            assert!(!read(hidden).contains(PHRASE), "{hidden}");
        }
        for shown in [
            "<b hidden>x</b>ISO/IEC 42001",
            "<template><div></template>ISO/IEC 42001",
            "<div hidden><p><span>x</div>ISO/IEC 42001",
            "<ul><li hidden>x<li>ISO/IEC 42001</ul>",
            "<svg style=display:none><g></svg>ISO/IEC 42001",
            "<div hidden><svg><g></div>ISO/IEC 42001",
            "<head><title>t</title></head><head>ISO/IEC 42001",
        ] {
            assert!(read(shown).contains(PHRASE), "{shown}");
        }
    }

    #[test]
    fn html_nested_too_deep_is_still_not_a_document() {
        let deep = "<div>".repeat(MAX_HTML_DEPTH as usize + 1);
        assert!(matches!(html(deep.as_bytes()), Raw::Broken(_)));
        let deep = "<div>".repeat(MAX_HTML_DEPTH as usize - 1) + "ok";
        assert!(matches!(html(deep.as_bytes()), Raw::Text(t) if t.contains("ok")));
    }

    #[test]
    fn markdown_leaves_out_comments_and_link_reference_definitions() {
        check(
            markdown,
            &[
                ("<!-- ISO/IEC 42001 -->\nafter", true),
                ("a <!-- ISO/IEC\n42001 --> after", true),
                ("[//]: # (ISO/IEC 42001)\nafter", true),
                ("[//]: # \"ISO/IEC 42001\"\nafter", true),
                ("[comment]: <> (ISO/IEC 42001)\nafter", true),
                ("   [x]: <> 'ISO/IEC 42001'  \nafter", true),
                ("[x]:\n#\n\"ISO/IEC\n42001\"\nafter", true),
                ("[x]: https://example.org/x\r\nISO/IEC 42001 after", false),
                ("[//]: # (ISO/IEC 42001) trailing words\nafter", false),
                ("[//]: # (ISO/IEC 42001\n\nafter", false),
                ("    [//]: # (ISO/IEC 42001)\nafter", false),
                ("[]: # (ISO/IEC 42001)\nafter", false),
                ("[//]: # (ISO/IEC 42001)\n[//]: # (x)\nafter", true),
                (
                    "ISO/IEC 42001 [see][c]\n\n[c]: https://example.org \"title\"\nafter",
                    false,
                ),
            ],
        );
    }

    fn docx_body(xml: &[u8]) -> Raw {
        let doc = format!(
            "<w:document xmlns:w=\"w\"><w:body>{}</w:body></w:document>",
            String::from_utf8_lossy(xml)
        );
        xml_text(doc.as_bytes(), "word/document.xml", Body::Docx)
    }

    #[test]
    fn docx_leaves_out_vanished_deleted_and_instruction_text() {
        let r = |props: &str, t: &str| format!("<w:r><w:rPr>{props}</w:rPr><w:t>{t}</w:t></w:r>");
        let cases: Vec<(String, bool)> = vec![
            (r("<w:vanish/>", "ISO/IEC 42001") + &r("", "after"), true),
            (
                r("<w:b/><w:vanish w:val='true'/>", "ISO/IEC 42001") + &r("", "after"),
                true,
            ),
            (
                r("<w:vanish></w:vanish>", "ISO/IEC 42001") + &r("", "after"),
                true,
            ),
            (
                r("<w:specVanish/>", "ISO/IEC 42001") + &r("", "after"),
                true,
            ),
            (
                r("<w:vanish w:val='0'/>", "ISO/IEC 42001") + &r("", "after"),
                false,
            ),
            (
                r("<w:vanish w:val='false'/>", "ISO/IEC 42001") + &r("", "after"),
                false,
            ),
            (
                r("<w:vanish w:val='off'/>", "ISO/IEC 42001") + &r("", "after"),
                false,
            ),
            (
                "<w:p><w:pPr><w:rPr><w:vanish/></w:rPr></w:pPr>".to_string()
                    + &r("", "ISO/IEC 42001 after")
                    + "</w:p>",
                false,
            ),
            (
                r(
                    "<w:rPrChange><w:rPr><w:vanish/></w:rPr></w:rPrChange>",
                    "ISO/IEC 42001",
                ) + &r("", "after"),
                false,
            ),
            (
                "<w:del><w:r><w:delText>ISO/IEC 42001</w:delText></w:r></w:del>".to_string()
                    + &r("", "after"),
                true,
            ),
            (
                "<w:del><w:r><w:t>ISO/IEC 42001</w:t></w:r></w:del>".to_string() + &r("", "after"),
                true,
            ),
            (
                "<w:moveFrom><w:r><w:t>ISO/IEC 42001</w:t></w:r></w:moveFrom>".to_string()
                    + &r("", "after"),
                true,
            ),
            (
                "<w:ins><w:r><w:t>ISO/IEC 42001</w:t></w:r></w:ins>".to_string() + &r("", "after"),
                false,
            ),
            (
                "<w:r><w:instrText>ISO/IEC 42001</w:instrText></w:r>".to_string() + &r("", "after"),
                true,
            ),
            (
                "<w:r><w:commentReference w:id='0'/></w:r>".to_string()
                    + &r("", "ISO/IEC 42001 after"),
                false,
            ),
            // Another prefix for the same namespace.
            (
                "<x:r xmlns:x='w'><x:rPr><x:vanish/></x:rPr><x:t>ISO/IEC 42001</x:t></x:r>"
                    .to_string()
                    + &r("", "after"),
                true,
            ),
        ];
        for (xml, hidden) in &cases {
            let t = text(docx_body(xml.as_bytes()));
            assert_eq!(!t.contains(PHRASE), *hidden, "{xml} read as {t:?}");
            assert!(t.contains("after"), "{xml} lost what follows: {t:?}");
        }
    }

    fn odt_body(styles: &str, body: &str) -> String {
        let xml = format!(
            "<office:document-content xmlns:office='o' xmlns:style='s' xmlns:text='t' \
             xmlns:fo='f' xmlns:svg='v' xmlns:draw='d'><office:automatic-styles>{styles}\
             </office:automatic-styles><office:body><office:text>{body}<text:p>after</text:p>\
             </office:text></office:body></office:document-content>"
        );
        text(xml_text(xml.as_bytes(), "content.xml", Body::Odt))
    }

    #[test]
    fn odt_leaves_out_hidden_annotated_deleted_and_undisplayed_text() {
        let style = |name: &str, family: &str, props: &str| {
            format!(
                "<style:style style:name='{name}' style:family='{family}'>\
                 <style:text-properties {props}/></style:style>"
            )
        };
        let hidden_t1 = style("T1", "text", "text:display='none'");
        let cases: Vec<(String, String, bool)> = vec![
            (
                String::new(),
                "<text:p>x<text:hidden-text text:condition='c'>ISO/IEC 42001</text:hidden-text></text:p>".into(),
                true,
            ),
            (
                String::new(),
                "<text:p>ISO/IEC 42001<text:hidden-paragraph text:condition='c'/></text:p>".into(),
                true,
            ),
            (
                String::new(),
                "<text:p><office:annotation><text:p>ISO/IEC 42001</text:p></office:annotation>x\
                 <office:annotation-end/></text:p>"
                    .into(),
                true,
            ),
            (
                String::new(),
                "<text:tracked-changes><text:changed-region><text:deletion><text:p>ISO/IEC 42001\
                 </text:p></text:deletion></text:changed-region></text:tracked-changes>"
                    .into(),
                true,
            ),
            (
                String::new(),
                "<draw:frame><svg:title>ISO/IEC 42001</svg:title><svg:desc>ISO/IEC 42001</svg:desc></draw:frame>".into(),
                true,
            ),
            (
                String::new(),
                "<text:section text:display='none'><text:p>ISO/IEC 42001</text:p></text:section>".into(),
                true,
            ),
            (
                hidden_t1.clone(),
                "<text:p><text:span text:style-name='T1'>ISO/IEC 42001</text:span></text:p>".into(),
                true,
            ),
            (
                style("P1", "paragraph", "fo:display='none'"),
                "<text:p text:style-name='P1'>ISO/IEC 42001</text:p>".into(),
                true,
            ),
            (
                hidden_t1.clone()
                    + "<style:style style:name='T2' style:family='text' style:parent-style-name='T1'/>",
                "<text:p><text:span text:style-name='T2'>ISO/IEC 42001</text:span></text:p>".into(),
                true,
            ),
            (
                hidden_t1.clone(),
                "<text:p text:style-name='T1'>ISO/IEC 42001</text:p>".into(),
                false,
            ),
            (
                style("T1", "text", "text:display='true'"),
                "<text:p><text:span text:style-name='T1'>ISO/IEC 42001</text:span></text:p>".into(),
                false,
            ),
            (
                String::new(),
                "<text:p><text:title>ISO/IEC 42001</text:title></text:p>".into(),
                false,
            ),
        ];
        for (styles, body, hidden) in &cases {
            let t = odt_body(styles, body);
            assert_eq!(!t.contains(PHRASE), *hidden, "{styles}{body} read as {t:?}");
            assert!(t.contains("after"), "{body} lost what follows: {t:?}");
        }
    }
}
