//! A document's text as the content checks of scoring rules 2 read it: normalised, with its
//! paragraphs, pages, sentences and the dates it states. Pure: the readers produced the text.

use super::dates::{dates_after_expiry, scan_dates};
use super::doctext::{name_words, normalise_marked, structure, Marks};
use crate::model::response::DocText;
use std::collections::BTreeSet;

/// A document's text, from what a reader produced: `paged` for a PDF, whose pages the reader
/// separated with [`super::readers::PAGE_BREAK`], so each phrase found can name its page.
pub fn doc_text_from(raw: &str, paged: bool) -> DocText {
    let mut marks = Marks::default();
    let text = normalise_marked(raw, true, Some(&mut marks));
    // The same text in its own letter case, for quotes; kept only where lower case did not
    // change any byte offset (always so for ASCII).
    let display = Some(normalise_marked(raw, false, None)).filter(|d| d.len() == text.len());
    build(text, display, marks.breaks, paged.then_some(marks.pages))
}

/// A document's text from text already [`normalise`]d (no paragraphs, pages or letter case).
pub fn doc_text(text: String) -> DocText {
    build(text, None, Vec::new(), None)
}

fn build(
    text: String,
    display: Option<String>,
    breaks: Vec<usize>,
    pages: Option<Vec<usize>>,
) -> DocText {
    let words = name_words(&text);
    let structure = structure(&text, &breaks);
    let mut doc = DocText {
        text,
        words,
        display,
        breaks,
        structure,
        pages,
        dated: Vec::new(),
        dates: BTreeSet::new(),
        months: BTreeSet::new(),
        after_expiry: Vec::new(),
    };
    scan_dates(&mut doc);
    doc.after_expiry = dates_after_expiry(&doc);
    doc
}

// ---- sentences, negation and quotes ----
