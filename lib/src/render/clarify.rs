//! Clarification questions: a letter per supplier in Markdown (to paste into an e-mail or a
//! document), the panel's notes apart, or every item as CSV or JSON.

use crate::result::TenderResult;
use crate::review::clarify::{self, Category, Letter, SupplierClarifications};
use crate::sanitize::{cell, markdown as md};
use std::fmt::Write as _;

fn heading(c: Category) -> &'static str {
    match c {
        Category::Unreadable => "Your response",
        Category::Price => "Your price",
        Category::Gate => "Pass/fail questions",
        Category::Contradiction => "Answers that contradict each other",
        Category::Unevidenced => "Claims without evidence",
        Category::InvalidEvidence => "Evidence that is not valid",
        Category::Unconfirmed => "Evidence that does not bear out the claim",
        Category::Unverified => "Evidence that needs independent verification",
        Category::Unanswered => "Questions not answered",
        Category::Flag => "Answers that raise concerns",
        Category::Marking => "For the evaluation panel (not to send)",
    }
}

/// The caution every clarification letter carries: a clarification may not change the
/// tender's substance.
pub const CAUTION: &str = "This request is for clarification only. Your reply may explain, confirm or point us to what your tender already holds; it may not change its substance. We cannot accept new or replacement documents, or evidence issued after the tender deadline; the outcome of pass/fail questions will not be revisited; and no changed answers, improved terms or prices will be considered.";

/// One supplier's letter, ready to send: no local paths or folder names, no panel notes,
/// each question once, the caution first.
pub fn letter(r: &TenderResult, l: &Letter) -> String {
    let mut out = format!(
        "# Request for clarification — {} {}\n\nTo: {}\n",
        md(&r.tender.id),
        md(&r.tender.title),
        md(&l.supplier)
    );
    if !r.tender.buyer.is_empty() {
        let _ = writeln!(out, "From: {}", md(&r.tender.buyer));
    }
    if l.items.is_empty() {
        out.push_str("\nWe have no questions about your tender at this stage.\n");
        return out;
    }
    let _ = write!(
        out,
        "\nWe are evaluating your tender and ask you to clarify the points below, by the date in our covering message. Evidence is judged as of {}.\n\n{CAUTION}\n",
        r.tender.as_of
    );
    let mut current = None;
    for (n, c) in l.items.iter().enumerate() {
        if current != Some(c.category) {
            let _ = write!(out, "\n## {}\n\n", heading(c.category));
            current = Some(c.category);
        }
        let _ = writeln!(
            out,
            "{}. {}",
            n + 1,
            crate::sanitize::markdown_prose(&c.text)
        );
    }
    out
}

/// Every supplier's letter, one after another, divided by rules (`clarify --letters DIR`
/// writes each to its own file).
pub fn markdown(r: &TenderResult, all: &[SupplierClarifications]) -> String {
    let letters: Vec<String> = all.iter().map(|s| letter(r, &clarify::letter(s))).collect();
    letters.join("\n---\n\n")
}

/// The panel's notes (never sent): marks to agree, answers to check by hand, prices to look
/// into, per supplier.
pub fn panel(r: &TenderResult, all: &[SupplierClarifications]) -> String {
    let mut out = format!(
        "# For the evaluation panel (not to send) — {} {}\n",
        md(&r.tender.id),
        md(&r.tender.title)
    );
    let mut any = false;
    for s in all {
        let l = clarify::letter(s);
        if l.panel.is_empty() {
            continue;
        }
        any = true;
        let _ = write!(out, "\n## {} ({})\n\n", md(&s.supplier), md(&s.folder));
        for (n, c) in l.panel.iter().enumerate() {
            let _ = writeln!(
                out,
                "{}. {}",
                n + 1,
                crate::sanitize::markdown_prose(&c.text)
            );
        }
    }
    if !any {
        out.push_str("\nNothing for the panel: every mark is in and agreed.\n");
    }
    out
}

pub fn csv(all: &[SupplierClarifications]) -> String {
    let mut w = super::csv::writer();
    let _ = w.write_record([
        "supplier",
        "folder",
        "question",
        "category",
        "weight_share",
        "text",
    ]);
    for s in all {
        for c in &s.clarifications {
            let _ = w.write_record([
                cell(&s.supplier),
                cell(&s.folder),
                c.question.clone().unwrap_or_default(),
                c.category.to_string(),
                format!("{}", c.weight_share),
                cell(&c.text),
            ]);
        }
    }
    super::csv::finish(w)
}

/// The clarifications as JSON: tender, as-of date, and per supplier its questions.
pub fn json(r: &TenderResult, all: &[SupplierClarifications]) -> String {
    super::cells::to_json(&serde_json::json!({
        "tender": r.tender.id,
        "as_of": r.tender.as_of,
        "suppliers": all,
    }))
}
