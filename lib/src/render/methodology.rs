//! The published evaluation methodology (`tenderscore methodology`) as Markdown or HTML, from
//! the view in [`crate::review::methodology`]. Deterministic: the same tender gives the same
//! bytes.

use crate::review::methodology::{Criterion, Methodology};
use crate::sanitize::markdown as md;
use std::fmt::Write as _;

fn pct(x: f64) -> String {
    format!("{:.1}%", x)
}

/// The methodology as Markdown.
pub fn markdown(m: &Methodology) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# Evaluation methodology — {} {}\n",
        md(&m.tender),
        md(&m.title)
    );
    if !m.buyer.is_empty() {
        let _ = writeln!(out, "**Contracting authority:** {}  ", md(&m.buyer));
    }
    let _ = writeln!(
        out,
        "**Risk tier:** {} (which questions apply, and where third-party verification is expected)  \n**Scoring rules:** version {} of tenderscore's rules\n",
        m.risk, m.rules
    );
    out.push_str(
        "## How the award is made\n\n| Award criterion | Share of the award |\n|---|---:|\n",
    );
    for c in &m.criteria {
        let _ = writeln!(
            out,
            "| {} ({}) | {} |",
            md(&c.title),
            c.reference,
            pct(c.share)
        );
    }
    if let Some(p) = &m.price {
        let _ = writeln!(out, "| Price | {} |", pct(p.share));
    }
    let total: f64 =
        m.criteria.iter().map(|c| c.share).sum::<f64>() + m.price.as_ref().map_or(0.0, |p| p.share);
    let _ = writeln!(out, "| **Total** | **{}** |\n", pct(total));
    if let Some(p) = &m.price {
        let _ = writeln!(
            out,
            "## Price\n\n{}\n\n{}; the award score = (quality weight × quality total + price weight × price score) ÷ (quality weight + price weight).\n\n{}\n",
            p.whole_life, p.formula, p.example
        );
        if let Some(a) = &p.abnormally_low {
            let _ = writeln!(out, "{a}\n");
        }
    }
    out.push_str("## Thresholds\n\n");
    for t in &m.thresholds {
        let _ = writeln!(out, "- {t}");
    }
    if !m.participation.is_empty() {
        out.push_str("\n## Conditions of participation (pass/fail, not scored into the award)\n");
        for c in &m.participation {
            criterion(&mut out, c);
        }
    }
    out.push_str("\n## Award criteria, question by question\n");
    for c in &m.criteria {
        criterion(&mut out, c);
    }
    out.push_str("\n## Evidence\n\n");
    for e in &m.evidence {
        let _ = writeln!(out, "- {e}");
    }
    if !m.contradictions.is_empty() {
        out.push_str("\n## Answers that cannot both be true\n\n");
        for c in &m.contradictions {
            let _ = writeln!(out, "- {}", md(c));
        }
    }
    let _ = writeln!(out, "\n## Ties\n\n{}", m.tie_break);
    out
}

fn criterion(out: &mut String, c: &Criterion) {
    let _ = writeln!(out, "\n### {} ({})\n", md(&c.title), c.reference);
    if c.share > 0.0 {
        let _ = writeln!(out, "Share of the award: {}.", pct(c.share));
    }
    if let Some(m) = c.minimum {
        let _ = writeln!(
            out,
            "A tender scoring below {} in this rubric fails.",
            crate::model::number::format_number(m)
        );
    }
    out.push('\n');
    for q in &c.questions {
        let _ = writeln!(
            out,
            "- **{}** ({}; weight {}{}{}): {}",
            q.id,
            md(&q.section),
            crate::model::number::format_number(q.weight),
            if c.share > 0.0 {
                format!(", {} of the award", pct(q.share))
            } else {
                String::new()
            },
            if q.pass_fail { "; **pass/fail**" } else { "" },
            md(&q.text)
        );
        for l in &q.scale {
            let _ = writeln!(out, "  - {}", md(l));
        }
        if let Some(e) = &q.evidence {
            let _ = writeln!(out, "  - Evidence: {}", md(e));
        }
    }
}

/// The methodology as one self-contained HTML page (no scripts, no network).
pub fn html(m: &Methodology) -> String {
    let esc = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;")
    };
    let mut out = String::new();
    let title = format!("Evaluation methodology — {} {}", m.tender, m.title);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>{t}</title>\n<style>body{{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;line-height:1.4}}table{{border-collapse:collapse}}td,th{{border:1px solid #999;padding:0.2rem 0.5rem}}td.n{{text-align:right}}@page{{size:A4;margin:15mm}}</style>\n</head>\n<body>\n<h1>{t}</h1>\n",
        t = esc(&title)
    );
    let _ = writeln!(
        out,
        "<p>Risk tier: <strong>{}</strong>. Scoring rules: version {}.</p>",
        esc(&m.risk),
        m.rules
    );
    out.push_str("<h2>How the award is made</h2>\n<table id=\"shares\">\n<tr><th>Award criterion</th><th>Share of the award</th></tr>\n");
    for c in &m.criteria {
        let _ = writeln!(
            out,
            "<tr><td>{} ({})</td><td class=\"n\">{}</td></tr>",
            esc(&c.title),
            esc(&c.reference),
            pct(c.share)
        );
    }
    if let Some(p) = &m.price {
        let _ = writeln!(
            out,
            "<tr><td>Price</td><td class=\"n\">{}</td></tr>",
            pct(p.share)
        );
    }
    out.push_str("</table>\n");
    if let Some(p) = &m.price {
        let _ = writeln!(
            out,
            "<h2>Price</h2>\n<p>{}</p>\n<p>{}.</p>\n<p>{}</p>",
            esc(&p.whole_life),
            esc(&p.formula),
            esc(&p.example)
        );
        if let Some(a) = &p.abnormally_low {
            let _ = writeln!(out, "<p>{}</p>", esc(a));
        }
    }
    out.push_str("<h2>Thresholds</h2>\n<ul>\n");
    for t in &m.thresholds {
        let _ = writeln!(out, "<li>{}</li>", esc(t));
    }
    out.push_str("</ul>\n");
    let section = |out: &mut String, heading: &str, list: &[Criterion]| {
        if list.is_empty() {
            return;
        }
        let _ = writeln!(out, "<h2>{}</h2>", esc(heading));
        for c in list {
            let _ = writeln!(
                out,
                "<h3>{} ({})</h3>\n<ul>",
                esc(&c.title),
                esc(&c.reference)
            );
            for q in &c.questions {
                let _ = write!(
                    out,
                    "<li><strong>{}</strong> (weight {}{}{}): {}<ul>",
                    esc(&q.id),
                    crate::model::number::format_number(q.weight),
                    if c.share > 0.0 {
                        format!(", {} of the award", pct(q.share))
                    } else {
                        String::new()
                    },
                    if q.pass_fail { "; pass/fail" } else { "" },
                    esc(&q.text)
                );
                for l in &q.scale {
                    let _ = write!(out, "<li>{}</li>", esc(l));
                }
                if let Some(e) = &q.evidence {
                    let _ = write!(out, "<li>Evidence: {}</li>", esc(e));
                }
                out.push_str("</ul></li>\n");
            }
            out.push_str("</ul>\n");
        }
    };
    section(
        &mut out,
        "Conditions of participation (pass/fail)",
        &m.participation,
    );
    section(
        &mut out,
        "Award criteria, question by question",
        &m.criteria,
    );
    out.push_str("<h2>Evidence</h2>\n<ul>\n");
    for e in &m.evidence {
        let _ = writeln!(out, "<li>{}</li>", esc(e));
    }
    out.push_str("</ul>\n");
    if !m.contradictions.is_empty() {
        out.push_str("<h2>Answers that cannot both be true</h2>\n<ul>\n");
        for c in &m.contradictions {
            let _ = writeln!(out, "<li>{}</li>", esc(c));
        }
        out.push_str("</ul>\n");
    }
    let _ = writeln!(
        out,
        "<h2>Ties</h2>\n<p>{}</p>\n</body>\n</html>",
        esc(&m.tie_break)
    );
    out
}
