//! The fast reader's cursor over a file's lines: what follows a key, block scalars.

use super::scalar::*;

/// How a block scalar ends (its chomping indicator): `-` strips the final line break, none
/// clips to one, `+` keeps every trailing blank line.
enum Chomp {
    Strip,
    Clip,
    Keep,
}

/// A scalar and where it starts (line and column, 1-based, in characters).
pub(super) struct Placed<'a> {
    pub(super) scalar: Scalar<'a>,
    pub(super) line: usize,
    pub(super) column: usize,
}

/// What follows a key: nothing (YAML's null), or a scalar.
pub(super) enum After<'a> {
    Nothing,
    Scalar(Placed<'a>),
}

impl<'a> After<'a> {
    /// The scalar, or `None` (the reader gives up) where a value is required.
    pub(super) fn scalar(self) -> Option<Placed<'a>> {
        match self {
            After::Nothing => None,
            After::Scalar(p) => Some(p),
        }
    }
}

/// The lines of a file and the next one to read.
pub(super) struct Reader<'a> {
    lines: Vec<Line<'a>>,
    /// The next line to read.
    pub(super) i: usize,
}

impl<'a> Reader<'a> {
    pub(super) fn new(text: &'a str) -> Option<Reader<'a>> {
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
        Some(Reader { lines, i: 0 })
    }

    /// The next significant line, without consuming it.
    pub(super) fn peek(&mut self) -> Option<Line<'a>> {
        while self.i < self.lines.len() && self.lines[self.i].insignificant() {
            self.i += 1;
        }
        self.lines.get(self.i).copied()
    }

    /// True when nothing significant follows that is indented more than `indent` (so an inline
    /// value is not continued on the next lines).
    pub(super) fn ends_at(&mut self, indent: usize) -> bool {
        self.peek().is_none_or(|l| l.indent <= indent)
    }

    /// A literal or folded block scalar whose indicator follows a key at `parent` indentation.
    fn block(&mut self, indicator: &str, parent: usize) -> Option<Placed<'a>> {
        let (folded, chomp) = match indicator {
            "|" => (false, Chomp::Clip),
            "|-" => (false, Chomp::Strip),
            "|+" => (false, Chomp::Keep),
            ">" => (true, Chomp::Clip),
            ">-" => (true, Chomp::Strip),
            ">+" => (true, Chomp::Keep),
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
            Chomp::Strip => {}
            Chomp::Clip => text.push('\n'),
            Chomp::Keep => {
                text.push('\n');
                text.push_str(&"\n".repeat(trailing));
            }
        }
        Some(Placed {
            scalar: Scalar::Block(text),
            line: first.no,
            column: ind + 1,
        })
    }

    /// The value after a key at indentation `indent`, when it is a scalar: inline, or a block
    /// scalar. `None` when it is something else (the reader gives up).
    pub(super) fn scalar_value(
        &mut self,
        after: &'a str,
        at: usize,
        indent: usize,
        line: usize,
    ) -> Option<After<'a>> {
        match value_text(after, at) {
            None => {
                // Nothing after the key: null, unless more-indented lines follow.
                if !self.ends_at(indent) {
                    return None;
                }
                Some(After::Nothing)
            }
            Some((t, c)) => {
                if t.starts_with(['|', '>']) {
                    let ind = t.split(" #").next().unwrap_or("").trim_end();
                    if t.len() > ind.len() && !t[ind.len()..].trim_start().starts_with('#') {
                        return None;
                    }
                    return self.block(ind, indent).map(After::Scalar);
                }
                let (s, sc) = inline_scalar(t, c)?;
                if !self.ends_at(indent) {
                    return None;
                }
                Some(After::Scalar(Placed {
                    scalar: s,
                    line,
                    column: sc,
                }))
            }
        }
    }
}
