//! Neutralising untrusted supplier text before it reaches a terminal or a spreadsheet.

/// Replaces terminal control characters (C0, DEL, C1), bidirectional overrides and line
/// breaks, so supplier text cannot move the cursor, recolour or reorder what is printed.
pub fn inline(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\n' | '\r' | '\t' => out.push(' '),
            c if c.is_control() => out.push('\u{FFFD}'),
            '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' => {
                out.push('\u{FFFD}')
            }
            c => out.push(c),
        }
    }
    out
}

/// True when a spreadsheet would read the cell as a formula.
pub fn looks_like_formula(s: &str) -> bool {
    matches!(s.chars().next(), Some('=' | '+' | '-' | '@' | '\t' | '\r'))
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

/// A text cell for a Markdown table: as [`cell`], with `|`, `<`, `>` and backslash escaped so a
/// supplier cannot break the table or inject HTML.
pub fn markdown(s: &str) -> String {
    let c = cell(s);
    let mut out = String::with_capacity(c.len());
    for ch in c.chars() {
        match ch {
            '|' => out.push_str("\\|"),
            '\\' => out.push_str("\\\\"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '`' => out.push_str("\\`"),
            '*' => out.push_str("\\*"),
            '_' => out.push_str("\\_"),
            '[' => out.push_str("\\["),
            ']' => out.push_str("\\]"),
            c => out.push(c),
        }
    }
    out
}

/// As [`inline`], but keeps line breaks (for multi-line messages on stderr).
pub fn inline_keep_lines(s: &str) -> String {
    s.split('\n').map(inline).collect::<Vec<_>>().join("\n")
}

/// Supplier text inside Markdown prose (list items, paragraphs): as [`cell`], with only what
/// could inject HTML, links or emphasis escaped, so the text stays readable if pasted as plain
/// text into an e-mail. Backticks become `'` so no code span can open.
pub fn markdown_prose(s: &str) -> String {
    let c = cell(s);
    let mut out = String::with_capacity(c.len());
    for ch in c.chars() {
        match ch {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\\' => out.push_str("\\\\"),
            '*' => out.push_str("\\*"),
            '[' => out.push_str("\\["),
            ']' => out.push_str("\\]"),
            '`' => out.push('\''),
            c => out.push(c),
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
    fn formulas_are_prefixed() {
        for s in ["=HYPERLINK(\"x\")", "+1", "-2", "@SUM(A1)", "\tx", "\rx"] {
            assert!(cell(s).starts_with('\''), "{s}");
        }
        assert_eq!(cell("Acme"), "Acme");
    }

    #[test]
    fn markdown_cannot_break_tables() {
        assert_eq!(markdown("a|b<script>"), "a\\|b&lt;script&gt;");
    }
}
