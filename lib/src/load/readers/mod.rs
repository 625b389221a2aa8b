//! The readers of evidence files. HTML, PDF, DOCX and ODT are parsed from bytes a supplier
//! chose, so they only ever run inside the sandbox worker (a child process with its own
//! limits, [`super::sandbox`]), never in the process that scores; the fuzz targets call
//! [`read`] exactly as the worker does. Plain text (`plain`) and Markdown (`markdown`), a
//! copy and one linear pass of this file's own code, are read in the scoring process.
//!
//! Hidden text is not text: what a reader of the document never sees (HTML comments and
//! `display: none`, Word's hidden and deleted text, ODT's hidden paragraphs...) is left out,
//! so no supplier earns credit for it (docs/evidence-text.md).

mod html;
mod html_tree;
mod markdown;
mod office;
mod pdf;
mod shared;
#[cfg(test)]
mod tests;

pub(crate) use markdown::markdown;
pub(crate) use shared::plain;
pub use shared::{
    Format, Raw, MAX_BYTES, MAX_HTML_DEPTH, MAX_PDF_PAGES, MAX_UNZIPPED_BYTES, PAGE_BREAK,
};

/// Reads `bytes` as a file of `format`. Only the sandbox worker and the fuzz targets call this.
pub fn read(format: Format, bytes: &[u8]) -> Raw {
    match format {
        Format::Html => html::html(bytes),
        Format::Pdf => pdf::pdf(bytes),
        Format::Docx => office::docx(bytes),
        Format::Odt => office::odt(bytes),
    }
}
