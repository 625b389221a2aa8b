//! Rubric pages: the list, one rubric readable on an 80-column terminal, the Markdown
//! reference of every rubric, and what changed between two versions.

use crate::load::registry::Origin;
use crate::model::number::format_number;
use crate::model::rubric::{Question, Rubric, Tier};
use crate::sanitize::inline;
use std::fmt::Write as _;

/// Every rubric, one line each: id, version, question count, title, where it comes from.
pub fn list(rubrics: &[(Rubric, Origin)]) -> String {
    let mut t = comfy_table::Table::new();
    t.load_preset(comfy_table::presets::NOTHING);
    t.set_header(["ID", "VERSION", "QUESTIONS", "TITLE", "FROM"]);
    for (r, origin) in rubrics {
        t.add_row([
            r.id.clone(),
            r.version.clone(),
            r.question_count().to_string(),
            inline(&r.title),
            match origin {
                Origin::BuiltIn => "built-in".to_string(),
                Origin::Dir(d) => inline(&d.display().to_string()),
            },
        ]);
    }
    let mut s = t
        .to_string()
        .lines()
        .map(str::trim_end)
        .collect::<Vec<_>>()
        .join("\n");
    s.push('\n');
    s
}

/// Wraps text to `width` columns; the first line starts with `first`, the rest are indented
/// to line up with it.
pub fn wrap(text: &str, first: &str, width: usize) -> String {
    wrap_hang(text, first, &" ".repeat(first.chars().count()), width)
}

/// Wraps text to `width` columns: the first line starts with `first`, the rest with `rest`.
/// The text is neutralised first: rubric text may come from any folder given with --rubrics.
pub fn wrap_hang(text: &str, first: &str, rest: &str, width: usize) -> String {
    let words = inline(text)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    if words.is_empty() {
        return String::new();
    }
    let options = textwrap::Options::new(width)
        .initial_indent(first)
        .subsequent_indent(rest)
        .break_words(false)
        .word_separator(textwrap::WordSeparator::AsciiSpace)
        .word_splitter(textwrap::WordSplitter::NoHyphenation);
    textwrap::wrap(&words, options)
        .iter()
        .map(|line| format!("{line}\n"))
        .collect()
}

/// What a question's evidence must show, in words.
pub fn must_show(q: &Question) -> Option<String> {
    q.evidence.must_show_words()
}

/// One line describing how a question is answered and judged.
pub fn traits(q: &Question) -> String {
    let mut t = vec![q.kind.to_string()];
    if q.weight != 1.0 {
        t.push(format!("weight {}", format_number(q.weight)));
    }
    if q.gate {
        t.push("GATE".into());
    }
    if q.evidence.required {
        t.push("evidence required".into());
    }
    if !q.evidence.kinds.is_empty() {
        t.push(format!(
            "accepts {}",
            q.evidence
                .kinds
                .iter()
                .map(|k| k.to_string())
                .collect::<Vec<_>>()
                .join("/")
        ));
    }
    if let Some(d) = q.evidence.max_age_days {
        t.push(format!("max age {d} days"));
    }
    if let Some(v) = q.evidence.verify_at {
        t.push(format!("verified from {v} risk"));
    }
    if q.applies_from != Tier::Low {
        t.push(format!("applies from {} risk", q.applies_from));
    }
    if q.na {
        t.push("n/a allowed".into());
    }
    t.join(", ")
}

/// The answers a question takes, one per line.
pub fn answer_lines(q: &Question) -> Vec<String> {
    q.answer_lines()
}

pub fn show(r: &Rubric) -> String {
    let w = 80;
    let mut out = String::new();
    let _ = writeln!(out, "{} — {}", r.reference(), inline(&r.title));
    out.push_str(&wrap(&r.summary, "", w));
    if !r.sources.is_empty() {
        out.push_str("\nSources:\n");
        for s in &r.sources {
            out.push_str(&wrap(
                &format!(
                    "{}{}",
                    s.title,
                    s.url
                        .as_ref()
                        .map(|u| format!(" <{u}>"))
                        .unwrap_or_default()
                ),
                "  - ",
                w,
            ));
        }
    }
    for s in &r.sections {
        out.push('\n');
        out.push_str(&wrap(&format!("== {} ==", s.title), "", w));
        let _ = writeln!(
            out,
            "   section `{}`, weight {}",
            s.id.value,
            format_number(s.weight)
        );
        for q in s.questions.iter().map(|q| &q.value) {
            out.push('\n');
            out.push_str(&wrap_hang(
                &format!("{}  [{}]", q.id, traits(q)),
                "",
                "  ",
                w,
            ));
            out.push_str(&wrap(&q.text, "  ", w));
            for line in answer_lines(q) {
                match line.split_once(": ") {
                    Some((head, rest)) if head.len() < 24 => {
                        out.push_str(&wrap(rest, &format!("    {head}: "), w))
                    }
                    _ => out.push_str(&wrap(&line, "    ", w)),
                }
            }
            if let Some(shows) = must_show(q) {
                out.push_str(&wrap(
                    &format!("Evidence must show (scoring rules 2): {shows}"),
                    "  ",
                    w,
                ));
            }
            if let Some(not) = q.evidence.must_not_show_words() {
                out.push_str(&wrap(
                    &format!("Evidence must not show (scoring rules 2): {not}"),
                    "  ",
                    w,
                ));
            }
            if !q.guidance.is_empty() {
                out.push_str(&wrap(&format!("Guidance: {}", q.guidance), "  ", w));
            }
            if !q.refs.is_empty() {
                out.push_str(&wrap(&format!("Refs: {}", q.refs.join("; ")), "  ", w));
            }
        }
    }
    if !r.consistency.is_empty() {
        out.push_str("\n== Consistency rules (scoring rules 2) ==\n");
        for c in &r.consistency {
            out.push('\n');
            out.push_str(&wrap(
                &format!("{}: {}", c.value.id, c.value.words()),
                "",
                w,
            ));
            out.push_str(&wrap(&c.value.message, "  ", w));
        }
    }
    out
}

/// Markdown reference of every rubric: one table per rubric, generated from the YAML.
pub fn docs(rubrics: &[Rubric]) -> String {
    use crate::sanitize::markdown as md;
    let mut out = String::from(
        "# Built-in rubrics\n\nGenerated from `rubrics/` by `tenderscore rubrics docs`; a test keeps this file \
         current. Run `tenderscore rubrics show ID` for the full text with levels, options and guidance.\n",
    );
    for r in rubrics {
        let _ = write!(out, "\n## {} — {}\n\n", r.reference(), md(&r.title));
        out.push_str(&md(&r.summary));
        out.push_str(
            "\n\n| id | question | kind | evidence | gate | anchors |\n|---|---|---|---|---|---|\n",
        );
        for s in &r.sections {
            for q in s.questions.iter().map(|q| &q.value) {
                let mut ev = Vec::new();
                if q.evidence.required {
                    ev.push("required".to_string());
                }
                if !q.evidence.kinds.is_empty() {
                    ev.push(
                        q.evidence
                            .kinds
                            .iter()
                            .map(|k| k.to_string())
                            .collect::<Vec<_>>()
                            .join(", "),
                    );
                }
                if let Some(d) = q.evidence.max_age_days {
                    ev.push(format!("≤ {d} days"));
                }
                if let Some(v) = q.evidence.verify_at {
                    ev.push(format!("verified from {v}"));
                }
                if let Some(shows) = must_show(q) {
                    ev.push(format!("must show {shows}"));
                }
                if let Some(not) = q.evidence.must_not_show_words() {
                    ev.push(format!("must not show {not}"));
                }
                let kind = if q.applies_from == Tier::Low {
                    q.kind.to_string()
                } else {
                    format!("{} (from {})", q.kind, q.applies_from)
                };
                let _ = writeln!(
                    out,
                    "| {} | {} | {} | {} | {} | {} |",
                    q.id,
                    md(&q.text),
                    kind,
                    md(&ev.join("; ")),
                    if q.gate { "yes" } else { "" },
                    md(&q.refs.join("; "))
                );
            }
        }
        // Once per rubric, after its questions (not after each section).
        if !r.consistency.is_empty() {
            out.push_str("\nConsistency rules (scoring rules 2):\n\n| id | rule | message |\n|---|---|---|\n");
            for c in &r.consistency {
                let _ = writeln!(
                    out,
                    "| {} | {} | {} |",
                    md(&c.value.id),
                    md(&c.value.words()),
                    md(&c.value.message)
                );
            }
        }
    }
    out
}

/// What changed between two versions of a rubric, a line each, after a count.
pub fn diff(a: &Rubric, b: &Rubric) -> String {
    let lines = crate::review::diff::diff(a, b);
    let mut s = format!(
        "{} → {}: {} change(s)\n",
        a.reference(),
        b.reference(),
        lines.len()
    );
    for l in lines {
        s.push_str(&inline(&l));
        s.push('\n');
    }
    s
}
