//! HTML as text, without what a browser never shows: one linear pass with a stack of open
//! elements (no tree is built, so no nesting depth can exhaust a stack).

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
