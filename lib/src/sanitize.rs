//! Neutralising untrusted supplier and rubric text before it reaches a terminal, a file or a
//! spreadsheet. Every output and every message goes through one of these functions, so a gap
//! is closed here once for all of them.

/// Whether a character could move the cursor, recolour, reorder or break what is printed:
/// C0 and C1 controls, DEL, bidirectional marks and overrides (including the Arabic letter
/// mark), and the Unicode line and paragraph separators.
fn is_hostile(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061C}'
                | '\u{200E}'
                | '\u{200F}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2066}'..='\u{2069}'
                | '\u{2028}'
                | '\u{2029}'
        )
}

/// Replaces terminal control characters (C0, DEL, C1), bidirectional marks and overrides and
/// line breaks, so supplier text cannot move the cursor, recolour, reorder or forge a line.
pub fn inline(s: &str) -> String {
    if !s.chars().any(is_hostile) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\n' | '\r' | '\t' | '\u{2028}' | '\u{2029}' | '\u{0085}' => out.push(' '),
            c if is_hostile(c) => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// True when a spreadsheet would read the cell as a formula: it starts with `=`, `+`, `-` or
/// `@` (or their full-width forms), possibly after white space, or with a tab or carriage
/// return.
pub fn looks_like_formula(s: &str) -> bool {
    if matches!(s.chars().next(), Some('\t' | '\r')) {
        return true;
    }
    matches!(
        s.trim_start().chars().next(),
        Some('=' | '+' | '-' | '@' | '\u{FF1D}' | '\u{FF0B}' | '\u{FF0D}' | '\u{FF20}')
    )
}

/// A text cell for CSV, a table or Markdown: formula prefix neutralised with `'`, then
/// control characters replaced.
pub fn cell(s: &str) -> String {
    if looks_like_formula(s) {
        format!("'{}", inline(s))
    } else {
        inline(s)
    }
}

/// A text cell for a Markdown table: as [`cell`], with `|`, `<`, `>`, backslash, backticks and
/// the emphasis and link characters escaped so a supplier cannot break the table, inject HTML
/// or format the text; `&` and `~` as in prose (below).
pub fn markdown(s: &str) -> String {
    let c = cell(s);
    let chars: Vec<char> = c.chars().collect();
    let mut out = String::with_capacity(c.len());
    for (i, &ch) in chars.iter().enumerate() {
        match ch {
            '|' => out.push_str("\\|"),
            '\\' => out.push_str("\\\\"),
            '`' => out.push_str("\\`"),
            '*' => out.push_str("\\*"),
            '_' => out.push_str("\\_"),
            '[' => out.push_str("\\["),
            ']' => out.push_str("\\]"),
            _ => markdown_common(&chars, i, &mut out),
        }
    }
    out
}

/// What both Markdown escapes do with a character they have no rule of their own for: `<` and
/// `>` as entities (no HTML); `&` as `&amp;` where it would start a character reference
/// (`&#x202E;`, `&amp;`), so a supplier cannot write a character that [`inline`] removes (a
/// bidirectional override) through the Markdown renderer, while `Terms & Conditions` stays as
/// written; `~` escaped (strikethrough).
fn markdown_common(chars: &[char], i: usize, out: &mut String) {
    match chars[i] {
        '<' => out.push_str("&lt;"),
        '>' => out.push_str("&gt;"),
        '~' => out.push_str("\\~"),
        '&' if starts_reference(&chars[i + 1..]) => out.push_str("&amp;"),
        c => out.push(c),
    }
}

/// Whether the text after a `&` makes it a character reference: `#` and digits (or `x` and hex
/// digits), or letters and digits, then `;`.
fn starts_reference(rest: &[char]) -> bool {
    let body = match rest.first() {
        Some('#') => &rest[1..],
        _ => rest,
    };
    let n = body
        .iter()
        .take(33)
        .take_while(|c| c.is_ascii_alphanumeric())
        .count();
    n > 0 && body.get(n) == Some(&';')
}

/// As [`inline`], but keeps line breaks (for multi-line messages on stderr). Use it only on
/// text whose line breaks the program wrote: untrusted parts must be passed through
/// [`inline`] before they are put into such a message.
pub fn inline_keep_lines(s: &str) -> String {
    s.split('\n').map(inline).collect::<Vec<_>>().join("\n")
}

/// Supplier text inside Markdown prose (list items, paragraphs): as [`cell`], with only what
/// could inject HTML, links or formatting escaped, so the text stays readable if pasted as
/// plain text into an e-mail: `_` only where it could open or close emphasis (not inside a
/// word, as in `uk_only`), `&` only where it would start a character reference. Backticks
/// become `'` so no code span can open.
pub fn markdown_prose(s: &str) -> String {
    prose_escapes(&cell(s))
}

/// Supplier text in a Markdown document that is never opened as a spreadsheet (the council's
/// records): as [`markdown_prose`], without the formula guard, so `-` or `=` at the start of a
/// sentence stays as written.
pub fn markdown_document(s: &str) -> String {
    prose_escapes(&inline(s))
}

/// The escapes of [`markdown_prose`], on text already made safe for one line.
fn prose_escapes(c: &str) -> String {
    let chars: Vec<char> = c.chars().collect();
    let mut out = String::with_capacity(c.len());
    for (i, &ch) in chars.iter().enumerate() {
        match ch {
            '\\' => out.push_str("\\\\"),
            '*' => out.push_str("\\*"),
            '[' => out.push_str("\\["),
            ']' => out.push_str("\\]"),
            '`' => out.push('\''),
            '_' => {
                let word = |c: Option<&char>| c.is_some_and(|c| c.is_alphanumeric());
                if word(i.checked_sub(1).and_then(|p| chars.get(p))) && word(chars.get(i + 1)) {
                    out.push('_');
                } else {
                    out.push_str("\\_");
                }
            }
            _ => markdown_common(&chars, i, &mut out),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_are_replaced() {
        assert_eq!(inline("a\x1b[31mb\x07"), "a\u{FFFD}[31mb\u{FFFD}");
        assert_eq!(inline("x\u{9b}y"), "x\u{FFFD}y");
        assert_eq!(inline("l1\nl2"), "l1 l2");
    }

    #[test]
    fn separators_and_arabic_mark_are_replaced() {
        assert_eq!(inline("a\u{2028}b\u{2029}c"), "a b c");
        assert_eq!(inline("a\u{061C}b"), "a\u{FFFD}b");
        assert_eq!(inline("plain"), "plain");
    }

    #[test]
    fn formulas_are_prefixed() {
        for s in [
            "=HYPERLINK(\"x\")",
            "+1",
            "-2",
            "@SUM(A1)",
            "\tx",
            "\rx",
            " =1+1",
            "\u{FF1D}1+1",
            "\u{3000}\u{FF0B}1",
        ] {
            assert!(cell(s).starts_with('\''), "{s}");
        }
        assert_eq!(cell("Acme"), "Acme");
    }

    #[test]
    fn markdown_cannot_break_tables() {
        assert_eq!(markdown("a|b<script>"), "a\\|b&lt;script&gt;");
    }

    #[test]
    fn markdown_cannot_smuggle_a_character_through_a_reference_or_format_text() {
        for escape in [markdown, markdown_prose] {
            // A reference the renderer would turn into a bidirectional override is shown as
            // written; an ampersand in words stays as it is.
            assert_eq!(escape("a&#x202E;b"), "a&amp;#x202E;b");
            assert_eq!(escape("a&#8238;b &rlo; c"), "a&amp;#8238;b &amp;rlo; c");
            assert_eq!(escape("Terms & Conditions, R&D"), "Terms & Conditions, R&D");
            assert_eq!(escape("~~gone~~"), "\\~\\~gone\\~\\~");
        }
        assert_eq!(markdown_prose("_yes_ and uk_only"), "\\_yes\\_ and uk_only");
        assert_eq!(
            markdown_prose("**x** [a](b) `c`"),
            "\\*\\*x\\*\\* \\[a\\](b) 'c'"
        );
        assert_eq!(markdown("a_b"), "a\\_b");
    }
}
