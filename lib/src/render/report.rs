//! The panel's report: one self-contained HTML file (inline CSS and SVG, no scripts, no
//! network) with the ranking, each supplier's total by rubric as a stacked bar, a heat map of
//! section scores, price and award scores when the tender has them, the sensitivity verdict,
//! and each supplier's findings. Every piece of supplier or rubric text is escaped; the same
//! result always gives the same bytes. Print CSS makes "Print to PDF" a clean document.

use super::cells::pct;
use crate::result::{EvidenceStatus, FlagKind, SupplierResult, TenderResult};
use crate::score::sensitivity::Sensitivity;
use std::fmt::Write as _;

/// Text for HTML: `&`, `<`, `>`, quotes escaped; control and bidi characters neutralised.
fn esc(s: &str) -> String {
    let s = crate::sanitize::inline(s);
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

const STYLE: &str = "body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;margin:2rem auto;max-width:60rem;color:#1b1b1b;line-height:1.4}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}
h1{font-size:1.5rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #ccc}h3{font-size:1rem}
table{border-collapse:collapse;margin:0.5rem 0}th,td{border:1px solid #ccc;padding:0.2rem 0.5rem;text-align:left}
td.n,th.n{text-align:right}.pass{color:#0a6b2d}.fail{color:#a4161a}.incomplete{color:#8a5a00}.error{color:#6a1b9a}
.verdict{padding:0.5rem;border:1px solid #ccc;background:#f6f6f6}.note{color:#555;font-size:0.9rem}
.decision{font-size:1.05rem;padding:0.6rem 0.9rem;border:2px solid #1b1b1b;margin:1rem 0}.decision h2{margin:0 0 0.3rem;border:0;font-size:1.2rem}
.decision.provisional{border-style:dashed}.decision ul{margin:0.3rem 0}
footer{margin-top:2rem;border-top:1px solid #ccc;padding-top:0.4rem;color:#555;font-size:0.85rem}
svg text{font-size:11px;font-family:inherit}svg .axis{stroke:#555;stroke-width:1}svg .grid{stroke:#ddd;stroke-width:1}
thead{display:table-header-group}tr,li{break-inside:avoid;page-break-inside:avoid}
@page{size:A4;margin:15mm 12mm 18mm;@bottom-right{content:'Page ' counter(page) ' of ' counter(pages);font-size:9pt;color:#555}}
@media print{body{margin:0;max-width:none;font-size:10pt}h2,h3,h4{break-after:avoid;page-break-after:avoid}svg{break-inside:avoid;max-width:100%;height:auto}section.supplier{break-before:auto}}";

/// Colours for rubrics in the stacked bars (cycled): the Okabe-Ito palette, told apart with
/// the common colour-vision deficiencies.
const COLOURS: [&str; 6] = [
    "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00",
];

/// The heat map's shade for a figure (0-100): one hue, lightness from 96% (0) down to 30%
/// (100), so the value reads in lightness alone (in grey print, or with any colour-vision
/// deficiency); text turns white on the darker half.
pub fn shade(value: f64) -> (f64, &'static str) {
    let v = value.clamp(0.0, 100.0);
    let lightness = (96.0 - 0.66 * v).round();
    (lightness, if lightness < 60.0 { "#fff" } else { "#1b1b1b" })
}

/// Internal names in words for a reader: `price_weight` is "price weight", a rubric
/// reference its title, a folder its supplier's name.
fn in_words(r: &TenderResult, text: &str) -> String {
    let mut t = text
        .replace("price_weight", "price weight")
        .replace("quality_weight", "quality weight");
    for info in &r.rubrics {
        t = t.replace(&info.reference, &info.title);
    }
    for s in &r.suppliers {
        // Whole words only: a folder name may be part of another.
        let shown = s.shown_name();
        t = t
            .split(' ')
            .map(|w| {
                if w == s.folder {
                    shown.clone()
                } else {
                    w.to_string()
                }
            })
            .collect::<Vec<_>>()
            .join(" ");
    }
    t
}

/// Text without Markdown: `code` becomes ‘code’.
fn plain(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut open = true;
    for c in s.chars() {
        if c == '`' {
            out.push(if open { '‘' } else { '’' });
            open = !open;
        } else {
            out.push(c);
        }
    }
    out
}

/// The report.
pub fn html(r: &TenderResult, sensitivity: Option<&Sensitivity>) -> String {
    let mut out = String::new();
    let title = format!("{} — {}", r.tender.id, r.tender.title);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<style>\n{STYLE}\n</style>\n</head>\n<body>\n<h1>{}</h1>\n",
        esc(&title),
        esc(&title)
    );
    decision(&mut out, r);
    let _ = writeln!(
        out,
        "<p>{}Risk tier: <strong>{}</strong>. Evaluated as of <strong>{}</strong>. Ranked by {}.</p>",
        if r.tender.buyer.is_empty() {
            String::new()
        } else {
            format!("Buyer: {}. ", esc(&r.tender.buyer))
        },
        r.tender.risk,
        r.tender.as_of,
        if r.award.is_some() {
            "award score (quality and price)"
        } else {
            "quality total (no price was evaluated)"
        }
    );
    if let Some(s) = sensitivity.filter(|s| s.leader.is_some()) {
        let _ = writeln!(
            out,
            "<p class=\"verdict\" id=\"verdict\">How robust the ranking is: <strong>{}</strong>{}</p>",
            esc(&s.verdict),
            s.nearest
                .as_ref()
                .map(|n| format!(" ({})", esc(&in_words(r, n))))
                .unwrap_or_default()
        );
    }
    ranking(&mut out, r);
    bars(&mut out, r);
    award_bars(&mut out, r);
    heat_map(&mut out, r);
    out.push_str("<h2>Findings by supplier</h2>\n");
    for s in &r.suppliers {
        findings(&mut out, r, s);
    }
    out.push_str(
        "<p class=\"note\">Generated by tenderscore from the scoring: figures are percentages of the marks available.</p>\n",
    );
    // The stamp: which tool and rules made it, and the SHA-256 of the JSON result it shows
    // (`score --format json` gives the same bytes), so a printed copy can be matched to it.
    let digest = {
        use sha2::Digest;
        format!(
            "{:x}",
            sha2::Sha256::digest(super::cells::json(r).as_bytes())
        )
    };
    let _ = writeln!(
        out,
        "<footer id=\"stamp\">{} {} · scoring rules {} · result SHA-256 <code>{digest}</code> · as of {}</footer>\n</body>\n</html>",
        esc(&r.tool.name),
        esc(&r.tool.version),
        r.scoring.rules,
        esc(&r.tender.as_of)
    );
    out
}

/// The decision first: the most advantageous tender and its margin when the evaluation is
/// final, or "Provisional" with what the panel has still to settle.
fn decision(out: &mut String, r: &TenderResult) {
    let basis = if r.award.is_some() {
        "award score"
    } else {
        "quality total"
    };
    let figure = |s: &SupplierResult| s.award_score.or(s.total);
    match r.is_final {
        Some(true) => {
            out.push_str("<section class=\"decision final\" id=\"decision\">\n<h2>Final</h2>\n");
            let ranked: Vec<&SupplierResult> =
                r.suppliers.iter().filter(|s| s.rank.is_some()).collect();
            match ranked.first() {
                Some(first) => {
                    let who = if r.award.is_some() {
                        "The most advantageous tender"
                    } else {
                        "The highest quality score (no price was evaluated)"
                    };
                    let margin = ranked.get(1).map(|second| {
                        format!(
                            ", {} points ahead of {} ({})",
                            pct(figure(first).zip(figure(second)).map(|(a, b)| a - b)),
                            esc(&second.shown_name()),
                            pct(figure(second))
                        )
                    });
                    let _ = writeln!(
                        out,
                        "<p>{who}: <strong>{}</strong>, {basis} <strong>{}</strong>{}.</p>",
                        esc(&first.shown_name()),
                        pct(figure(first)),
                        margin.unwrap_or_else(|| ", the only tender that qualifies".into())
                    );
                }
                None => out.push_str("<p>No tender qualifies.</p>\n"),
            }
            out.push_str("</section>\n");
        }
        Some(false) => {
            let _ = writeln!(
                out,
                "<section class=\"decision provisional\" id=\"decision\">\n<h2>Provisional</h2>\n<p>No tender is named the most advantageous until the panel has settled {} matter{}:</p>\n<ul>",
                r.pending.len(),
                if r.pending.len() == 1 { "" } else { "s" }
            );
            for p in &r.pending {
                let name = r
                    .suppliers
                    .iter()
                    .find(|s| s.folder == p.supplier)
                    .map_or(p.supplier.clone(), |s| s.shown_name());
                let _ = writeln!(
                    out,
                    "<li><strong>{}</strong>{}: {}</li>",
                    esc(&name),
                    p.question
                        .as_ref()
                        .map(|q| format!(", {}", esc(q)))
                        .unwrap_or_default(),
                    esc(&plain(&in_words(r, &p.what)))
                );
            }
            out.push_str("</ul>\n</section>\n");
        }
        None => {}
    }
}

/// The x axis of a bar chart: a line with ticks and labels at 0, 25, 50, 75 and 100, grid
/// lines up the chart, and what the axis measures.
fn axis(out: &mut String, top: f64, bottom: f64, full: f64, what: &str) {
    for t in [0.0, 25.0, 50.0, 75.0, 100.0] {
        let x = LEFT + full * t / 100.0;
        let _ = writeln!(
            out,
            "<line class=\"grid\" x1=\"{x:.1}\" y1=\"{top}\" x2=\"{x:.1}\" y2=\"{bottom}\"/><line class=\"axis\" x1=\"{x:.1}\" y1=\"{bottom}\" x2=\"{x:.1}\" y2=\"{}\"/><text x=\"{x:.1}\" y=\"{}\" text-anchor=\"middle\">{t}</text>",
            bottom + 4.0,
            bottom + 15.0
        );
    }
    let _ = writeln!(
        out,
        "<line class=\"axis\" x1=\"{LEFT}\" y1=\"{bottom}\" x2=\"{:.1}\" y2=\"{bottom}\"/><text x=\"{:.1}\" y=\"{}\" text-anchor=\"middle\">{what}</text>",
        LEFT + full,
        LEFT + full / 2.0,
        bottom + 28.0
    );
}

fn ranking(out: &mut String, r: &TenderResult) {
    let award = r.award.is_some();
    out.push_str("<h2>Ranking</h2>\n<table id=\"ranking\">\n<thead><tr><th>Rank</th><th>Supplier</th><th class=\"n\">Quality</th>");
    if award {
        out.push_str("<th class=\"n\">Whole-life cost</th><th class=\"n\">Price score</th><th class=\"n\">Award score</th>");
    }
    out.push_str("<th>Status</th></tr></thead>\n<tbody>\n");
    for s in &r.suppliers {
        let _ = write!(
            out,
            "<tr data-folder=\"{}\"><td>{}</td><td>{}</td><td class=\"n\">{}</td>",
            esc(&s.folder),
            super::cells::rank(s),
            esc(&s.shown_name()),
            pct(s.total)
        );
        if award {
            let _ = write!(
                out,
                "<td class=\"n\" data-value=\"{}\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td>",
                s.price
                    .as_ref()
                    .map(|p| p.whole_life_cost.to_string())
                    .unwrap_or_default(),
                s.price
                    .as_ref()
                    .map(|p| format!(
                        "{} {}",
                        esc(&p.currency),
                        crate::score::money(p.whole_life_cost)
                    ))
                    .unwrap_or_else(|| "–".into()),
                pct(s.price.as_ref().and_then(|p| p.score)),
                pct(s.award_score)
            );
        }
        let _ = writeln!(out, "<td class=\"{0}\">{0}</td></tr>", s.status);
    }
    out.push_str("</tbody>\n</table>\n");
}

/// Geometry of the stacked bar charts: label column, length of a full (100) bar, row height.
const LEFT: f64 = 250.0;
const WIDTH: f64 = 400.0;
const ROW: f64 = 22.0;

/// One part of a supplier's bar: its title (escaped), its figure (0-100), and its weight out
/// of the weights of all parts (the part's length is figure × weight / total).
struct Part<'a> {
    title: String,
    value: f64,
    weight: f64,
    total: f64,
    colour: &'a str,
}

/// Opens a chart of one stacked bar per supplier, in ranking order, and draws the bars:
/// `bar` gives a supplier's parts and the text after its bar. Returns where the caller's
/// legend goes; the caller closes the `<svg>`.
fn stacked_bars<'a>(
    out: &mut String,
    r: &TenderResult,
    (id, heading, label): (&str, &str, &str),
    bar: impl Fn(&SupplierResult) -> (Vec<Part<'a>>, String),
) -> f64 {
    let height = ROW * r.suppliers.len() as f64 + 80.0;
    let _ = writeln!(
        out,
        "<h2>{heading}</h2>\n<svg id=\"{id}\" role=\"img\" aria-label=\"{label}\" width=\"{0}\" height=\"{height}\" viewBox=\"0 0 {0} {height}\" xmlns=\"http://www.w3.org/2000/svg\">",
        LEFT + WIDTH + 60.0
    );
    // The scale first, so the bars are drawn over its grid lines.
    let bottom = 10.0 + ROW * r.suppliers.len() as f64;
    axis(out, 6.0, bottom, WIDTH, "score, 0 to 100");
    for (i, s) in r.suppliers.iter().enumerate() {
        let y = 10.0 + ROW * i as f64;
        let _ = writeln!(
            out,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>",
            LEFT - 6.0,
            y + 14.0,
            esc(&s.shown_name())
        );
        let (parts, after) = bar(s);
        let mut x = LEFT;
        for p in parts {
            let w = WIDTH * p.value / 100.0 * p.weight / p.total;
            if w > 0.0 {
                let _ = writeln!(
                    out,
                    "<rect x=\"{x:.1}\" y=\"{y}\" width=\"{w:.1}\" height=\"16\" fill=\"{}\"><title>{}: {}</title></rect>",
                    p.colour,
                    p.title,
                    pct(Some(p.value))
                );
            }
            x += w;
        }
        let _ = writeln!(
            out,
            "<text x=\"{:.1}\" y=\"{}\">{after}</text>",
            x + 4.0,
            y + 14.0
        );
    }
    bottom + 40.0
}

/// Each supplier's quality total as a stacked bar of its rubrics' contributions (rubric
/// figure × its share of the award weights).
fn bars(out: &mut String, r: &TenderResult) {
    let award: Vec<_> = r.rubrics.iter().filter(|x| x.stage.is_award()).collect();
    let total_weight: f64 = award.iter().map(|x| x.weight).sum();
    if total_weight <= 0.0 {
        return;
    }
    let heading = ("bars", "Quality by rubric", "Quality total by rubric");
    let legend_y = stacked_bars(out, r, heading, |s| {
        let parts = award
            .iter()
            .enumerate()
            .map(|(k, info)| Part {
                title: esc(&info.title),
                value: s
                    .rubrics
                    .as_ref()
                    .and_then(|f| f.get(&info.reference))
                    .unwrap_or(0.0),
                weight: info.weight,
                total: total_weight,
                colour: COLOURS[k % COLOURS.len()],
            })
            .collect();
        (parts, pct(s.total))
    });
    out.push_str("</svg>\n");
    // The legend in words, as a list beside the chart: rubric titles are too long for one
    // row of the drawing.
    out.push_str("<ul class=\"legend note\">\n");
    for (k, info) in award.iter().enumerate() {
        let _ = writeln!(
            out,
            "<li><svg width=\"10\" height=\"10\" aria-hidden=\"true\"><rect width=\"10\" height=\"10\" fill=\"{}\"/></svg> {} (weight {})</li>",
            COLOURS[k % COLOURS.len()],
            esc(&info.title),
            crate::model::number::format_number(info.weight)
        );
    }
    out.push_str("</ul>\n");
    let _ = legend_y;
}

/// Under `[award]`: each supplier's award score as a bar of its quality part and its price
/// part (each score × its weight's share).
fn award_bars(out: &mut String, r: &TenderResult) {
    let Some(a) = &r.award else { return };
    let weights = a.quality_weight + a.price_weight;
    if weights <= 0.0 {
        return;
    }
    let heading = (
        "award",
        "Award score: quality and price",
        "Award score by quality and price",
    );
    let legend_y = stacked_bars(out, r, heading, |s| {
        if s.award_score.is_none() {
            return (Vec::new(), format!("no award score ({})", s.status));
        }
        let part = |title: &str, value: f64, weight: f64, colour| Part {
            title: title.to_string(),
            value,
            weight,
            total: weights,
            colour,
        };
        let parts = vec![
            part(
                "quality",
                s.total.unwrap_or(0.0),
                a.quality_weight,
                COLOURS[0],
            ),
            part(
                "price",
                s.price.as_ref().and_then(|p| p.score).unwrap_or(0.0),
                a.price_weight,
                COLOURS[1],
            ),
        ];
        (parts, pct(s.award_score))
    });
    let left = LEFT;
    let _ = writeln!(
        out,
        "<rect x=\"{left}\" y=\"{legend_y}\" width=\"10\" height=\"10\" fill=\"{}\"/><text x=\"{}\" y=\"{}\">quality, weight {}</text><rect x=\"{}\" y=\"{legend_y}\" width=\"10\" height=\"10\" fill=\"{}\"/><text x=\"{}\" y=\"{}\">price, weight {}</text>",
        COLOURS[0],
        left + 14.0,
        legend_y + 9.0,
        a.quality_weight,
        left + 150.0,
        COLOURS[1],
        left + 164.0,
        legend_y + 9.0,
        a.price_weight
    );
    out.push_str("</svg>\n");
}

/// Section figures: one row per section, one column per supplier (in ranking order), each
/// cell showing its figure on a shade whose lightness carries the value ([`shade`]).
fn heat_map(out: &mut String, r: &TenderResult) {
    out.push_str(
        "<h2>Sections</h2>\n<table id=\"sections\">\n<thead><tr><th>Rubric</th><th>Section</th>",
    );
    for s in &r.suppliers {
        let _ = write!(
            out,
            "<th class=\"n\" data-folder=\"{}\">{}</th>",
            esc(&s.folder),
            esc(&s.shown_name())
        );
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for info in &r.rubrics {
        for section in &info.sections {
            let key = format!("{}/{}", info.reference, section.id);
            let _ = write!(
                out,
                "<tr data-key=\"{}\"><td>{}</td><td>{}</td>",
                esc(&key),
                esc(&info.title),
                esc(&section.title)
            );
            for s in &r.suppliers {
                match s.sections.as_ref().and_then(|f| f.get(&key)) {
                    Some(v) => {
                        let (lightness, ink) = shade(v);
                        let _ = write!(
                            out,
                            "<td class=\"n\" style=\"background:hsl(215,55%,{lightness}%);color:{ink}\">{}</td>",
                            pct(Some(v))
                        );
                    }
                    None => out.push_str("<td class=\"n\">–</td>"),
                }
            }
            out.push_str("</tr>\n");
        }
    }
    out.push_str("</tbody>\n</table>\n");
}

fn findings(out: &mut String, r: &TenderResult, s: &SupplierResult) {
    let words = |t: &str| plain(&in_words(r, t));
    let _ = writeln!(
        out,
        "<section class=\"supplier\" data-folder=\"{}\">\n<h3>{} <span class=\"{}\">({})</span></h3>",
        esc(&s.folder),
        esc(&s.shown_name()),
        s.status,
        s.status
    );
    let mut items: Vec<String> = s.reasons.iter().map(|x| esc(&words(x))).collect();
    for f in &s.flags {
        let text = esc(&words(&f.message));
        // A supplier-level flag that repeats a reason is not shown twice.
        if !items.contains(&text) {
            items.push(format!("{}: {text}", f.severity));
        }
    }
    for q in &s.questions {
        for f in q.flags.iter().filter(|f| {
            matches!(
                f.kind,
                FlagKind::Gate | FlagKind::Contradiction | FlagKind::Ledger
            )
        }) {
            // Each finding once: a failed gate or a contradiction is already among the
            // reasons (a contradiction is flagged on each of its questions). Another council's
            // ledger finding starts with the question, given once here.
            let message = match f.kind {
                FlagKind::Ledger => f
                    .message
                    .strip_prefix(&format!("{}: ", q.id))
                    .unwrap_or(&f.message),
                _ => &f.message,
            };
            let text = esc(&words(message));
            // The contradiction's id names it: "contradiction HUMAN-REVIEW-VS-AUTOMATED …".
            let named = f
                .message
                .strip_prefix("contradiction ")
                .and_then(|m| m.split_whitespace().next())
                .map(|id| format!("contradiction {}", id.trim_end_matches(':')));
            if items.iter().any(|i| {
                i.contains(&text) || named.as_ref().is_some_and(|n| i.contains(n.as_str()))
            }) {
                continue;
            }
            items.push(format!("{}: {}: {}", esc(&q.id), f.severity, text));
        }
        if matches!(
            q.evidence,
            EvidenceStatus::Invalid | EvidenceStatus::Unconfirmed
        ) {
            items.push(format!(
                "{}: evidence {}: {}",
                esc(&q.id),
                q.evidence,
                esc(&words(&q.evidence_reasons.join("; ")))
            ));
        }
    }
    for d in &s.decisions {
        items.push(format!(
            "panel decision on {} ({}, approved by {}{}): {}",
            esc(&d.question),
            d.decision,
            esc(&d.approved_by),
            if d.applied { "" } else { "; not applied" },
            esc(&d.reason)
        ));
    }
    let found: Vec<String> = s
        .evidence_files
        .iter()
        .flat_map(|e| {
            e.found
                .iter()
                .map(|f| format!("{}: {}", esc(&f.question), esc(&f.describe(&e.file))))
        })
        .collect();
    if items.is_empty() {
        out.push_str("<p>No findings: every claim is backed by valid evidence.</p>\n");
    } else {
        out.push_str("<ul>\n");
        for i in items {
            let _ = writeln!(out, "<li>{i}</li>");
        }
        out.push_str("</ul>\n");
    }
    if !found.is_empty() {
        out.push_str("<h4>What the evidence says</h4>\n<p>Each phrase the rubric looks for, in the sentence the tool found it in: read them before relying on a tick.</p>\n<ul class=\"found\">\n");
        for f in found {
            let _ = writeln!(out, "<li>{f}</li>");
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</section>\n");
}
