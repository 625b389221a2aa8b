//! The open elements of an HTML page as a browser keeps them: which hide their content
//! (`hidden`, an inline style that hides), where an end tag closes (HTML's "in scope" and
//! "special" rules, each answered in constant time), and the text each keeps. Used by the
//! single linear pass in `html`.

use super::shared::{decode_entities, MAX_HTML_DEPTH};

/// Elements nested deeper than [`MAX_HTML_DEPTH`]: not a document.
#[derive(Debug)]
pub(super) struct TooDeep;

/// A start or end tag: its name in lower case, and what of its attributes bears on visibility.
pub(super) struct Tag {
    pub(super) name: String,
    pub(super) hidden: bool,
    pub(super) style: Option<String>,
    pub(super) self_closing: bool,
}

/// Whether an inline style hides its element: `display: none`, `visibility: hidden` (or
/// `collapse`) or a `font-size` of zero, whatever the spacing, case, comments, escapes or
/// `!important`. The last declaration of a property wins (an `!important` one over later ones).
pub(super) fn style_hides(style: &str) -> bool {
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
pub(super) fn is_zero_length(v: &str) -> bool {
    let number = v.trim_end_matches(|c: char| c.is_ascii_alphabetic() || c == '%');
    !number.is_empty() && number.parse::<f64>() == Ok(0.0)
}

/// CSS as compared: escapes (`\64 isplay`) decoded, comments dropped, ASCII lower case, no
/// whitespace.
pub(super) fn clean_css(s: &str) -> String {
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
pub(super) enum Stop {
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

pub(super) const STOPS: usize = 7;

impl Stop {
    pub(super) fn stops(self, name: &str, foreign: bool) -> bool {
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
pub(super) struct Element {
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
pub(super) struct Open {
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
pub(super) enum Started {
    Element,
    /// An element of raw text (`script`, `title`, `textarea`...), to its end tag; `shown` if
    /// a browser shows it, `decode` if its entities are decoded.
    RawText {
        name: String,
        shown: bool,
        decode: bool,
    },
}

pub(super) const HEADINGS: [&str; 6] = ["h1", "h2", "h3", "h4", "h5", "h6"];

impl Open {
    pub(super) fn shows(&self) -> bool {
        self.hiding == 0
    }

    /// Text between tags.
    pub(super) fn text(&mut self, out: &mut String, s: &str) {
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

    pub(super) fn top_is(&self, name: &str) -> bool {
        self.stack
            .last()
            .is_some_and(|e| !e.foreign && e.name == name)
    }

    /// Closes the element at `index` and every element opened after it.
    pub(super) fn pop_to(&mut self, index: usize) {
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

    pub(super) fn push(&mut self, name: String, hides: bool, foreign: bool) -> Result<(), TooDeep> {
        let index = self.stack.len();
        if index as i64 >= MAX_HTML_DEPTH {
            return Err(TooDeep);
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
    pub(super) fn find(&self, names: &[&str], stop: Option<Stop>) -> Option<usize> {
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
    pub(super) fn close_p(&mut self) {
        if let Some(i) = self.find(&["p"], Some(Stop::Button)) {
            self.pop_to(i);
        }
    }

    pub(super) fn start(&mut self, tag: Tag) -> Result<Started, TooDeep> {
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

    pub(super) fn end(&mut self, name: &str) {
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
pub(super) fn is_integration_point(name: &str, foreign: bool) -> bool {
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
pub(super) fn breaks_out_of_foreign(name: &str) -> bool {
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
pub(super) fn is_special(name: &str, foreign: bool) -> bool {
    if foreign {
        is_integration_point(name, foreign)
    } else {
        is_special_name(name)
    }
}

pub(super) fn is_special_name(name: &str) -> bool {
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

pub(super) fn is_formatting(name: &str) -> bool {
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
pub(super) fn closes_p(name: &str) -> bool {
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
pub(super) fn is_void(name: &str) -> bool {
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
