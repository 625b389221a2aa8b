//! Markdown for reports and e-mails.

use super::cells::{pct, rank, rubric_labels};
use crate::result::TenderResult;
use crate::sanitize::markdown as md;

fn header(r: &TenderResult) -> String {
    format!(
        "# {} — {}\n\n{}Risk tier: **{}**. Evaluated as of **{}**.\n\n",
        md(&r.tender.id),
        md(&r.tender.title),
        super::cells::buyer(r, md, "Buyer: ", ". "),
        r.tender.risk,
        r.tender.as_of
    )
}

fn row(cells: &[String]) -> String {
    format!("| {} |\n", cells.join(" | "))
}

pub fn summary(r: &TenderResult) -> String {
    let labels = rubric_labels(r);
    let mut out = header(r);
    let mut h = vec!["Rank".to_string(), "Supplier".into()];
    h.extend(labels.iter().map(|(_, l)| md(l)));
    h.extend(
        [
            "Total",
            "Status",
            "Unevidenced",
            "Invalid evidence",
            "Flags",
        ]
        .map(String::from),
    );
    out.push_str(&row(&h));
    out.push_str(&row(&h
        .iter()
        .map(|c| {
            if c == "Supplier" {
                "---".to_string()
            } else {
                "---:".to_string()
            }
        })
        .collect::<Vec<_>>()));
    for s in &r.suppliers {
        let mut c = vec![rank(s), md(&s.shown_name())];
        for (reference, _) in &labels {
            c.push(pct(s.rubrics.as_ref().and_then(|f| f.get(reference))));
        }
        c.push(pct(s.total));
        c.push(s.status.to_string());
        let counts = s.counts.clone();
        for v in [
            counts.as_ref().map(|c| c.unevidenced),
            counts.as_ref().map(|c| c.invalid_evidence),
            counts.as_ref().map(|c| c.flags),
        ] {
            c.push(v.map(|v| v.to_string()).unwrap_or_else(|| "–".into()));
        }
        out.push_str(&row(&c));
    }
    let with_reasons: Vec<_> = r
        .suppliers
        .iter()
        .filter(|s| !s.reasons.is_empty())
        .collect();
    if !with_reasons.is_empty() {
        out.push_str("\n## Reasons\n");
        for s in with_reasons {
            out.push_str(&format!(
                "\n**{}** ({}):\n\n",
                md(&s.shown_name()),
                s.status
            ));
            for reason in &s.reasons {
                out.push_str(&format!("- {}\n", md(reason)));
            }
        }
    }
    out
}

pub fn detail(r: &TenderResult) -> String {
    let mut out = header(r);
    for s in &r.suppliers {
        out.push_str(&format!(
            "## {} — {}, total {}\n\n",
            md(&s.supplier),
            s.status,
            pct(s.total)
        ));
        for reason in &s.reasons {
            out.push_str(&format!("- {}\n", md(reason)));
        }
        for f in super::cells::price_flags(s) {
            out.push_str(&format!("- {}: {}\n", f.severity, md(&f.message)));
        }
        if !s.reasons.is_empty() {
            out.push('\n');
        }
        if s.questions.is_empty() {
            continue;
        }
        out.push_str(&row(&super::cells::DETAIL_HEADER.map(String::from)));
        out.push_str(&row(&[
            "---", "---", "---", "---:", "---:", "---:", "---:", "---", "---",
        ]
        .map(String::from)));
        for q in &s.questions {
            out.push_str(&row(&super::cells::detail_cells(
                q,
                r.scoring.unevidenced_credit,
                md,
                60,
                "<br>",
            )));
        }
        out.push('\n');
    }
    out
}
