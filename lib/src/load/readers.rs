//! The readers of evidence files other than plain text: HTML, PDF, DOCX and ODT. They parse
//! bytes a supplier chose, so they only ever run inside the sandbox worker (a child process
//! with its own limits, [`super::sandbox`]), never in the process that scores; the fuzz
//! targets call [`read`] exactly as the worker does.

use std::io::Read;

/// The most bytes a DOCX or ODT body may unpack to: more is a zip bomb, not a document.
pub const MAX_UNZIPPED_BYTES: u64 = 16 << 20;
/// Deeper nesting of HTML elements (unclosed ones included) is not a document.
pub const MAX_HTML_DEPTH: i64 = 100_000;
/// PDF pages read; text after them is not searched.
pub const MAX_PDF_PAGES: u32 = 500;
/// Between the text of two PDF pages (form feed, as pdftotext writes): the page a phrase was
/// found on is counted from these.
pub const PAGE_BREAK: char = '\u{c}';

/// What a reader made of a file, before normalisation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Raw {
    Text(String),
    /// No text to read: a scanned PDF, an image, a format not read.
    NoText(String),
    /// The file claims a format but cannot be parsed.
    Broken(String),
}

/// The formats read by a third-party parser, in the sandbox.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Html,
    Pdf,
    Docx,
    Odt,
}

impl Format {
    /// The format a file extension (lower case) names, if it is one of these.
    pub fn from_extension(ext: &str) -> Option<Format> {
        Some(match ext {
            "html" | "htm" => Format::Html,
            "pdf" => Format::Pdf,
            "docx" => Format::Docx,
            "odt" => Format::Odt,
            _ => return None,
        })
    }

    /// The word the worker is told the format by.
    pub fn name(self) -> &'static str {
        match self {
            Format::Html => "html",
            Format::Pdf => "pdf",
            Format::Docx => "docx",
            Format::Odt => "odt",
        }
    }

    pub fn from_name(name: &str) -> Option<Format> {
        Format::from_extension(name)
    }
}

/// Reads `bytes` as a file of `format`. Only the sandbox worker and the fuzz targets call this.
pub fn read(format: Format, bytes: &[u8]) -> Raw {
    match format {
        Format::Html => html(bytes),
        Format::Pdf => pdf(bytes),
        Format::Docx => docx(bytes),
        Format::Odt => odt(bytes),
    }
}

pub(crate) fn plain(bytes: &[u8]) -> Raw {
    Raw::Text(String::from_utf8_lossy(bytes).into_owned())
}

/// HTML with its tags dropped, `script` and `style` contents skipped and the common entities
/// decoded. A single linear pass: no tree is built, so no nesting depth can exhaust a stack.
fn html(bytes: &[u8]) -> Raw {
    let src = String::from_utf8_lossy(bytes);
    let mut out = String::with_capacity(src.len() / 2);
    let mut rest: &str = &src;
    // Nothing here recurses, but a page nested this deep is not a document: say so.
    let mut depth: i64 = 0;
    while let Some(lt) = rest.find('<') {
        out.push_str(&decode_entities(&rest[..lt]));
        rest = &rest[lt..];
        let lower: String = rest
            .chars()
            .take(8)
            .collect::<String>()
            .to_ascii_lowercase();
        let skip_to = if lower.starts_with("<!--") {
            Some("-->")
        } else if lower.starts_with("<script") {
            Some("</script")
        } else if lower.starts_with("<style") {
            Some("</style")
        } else {
            None
        };
        if let Some(end) = skip_to {
            let hay = rest.to_ascii_lowercase();
            rest = match hay.find(end) {
                Some(i) => &rest[i + end.len()..],
                None => "",
            };
            if end != "-->" {
                rest = rest.find('>').map_or("", |i| &rest[i + 1..]);
            }
            continue;
        }
        match rest.find('>') {
            Some(gt) => {
                let tag = &rest[1..gt];
                if tag.starts_with('/') {
                    depth -= 1;
                } else if !tag.ends_with('/')
                    && !tag.starts_with('!')
                    && !tag.starts_with('?')
                    && !is_void(tag)
                {
                    depth += 1;
                    if depth > MAX_HTML_DEPTH {
                        return Raw::Broken(format!(
                            "elements nested more than {MAX_HTML_DEPTH} deep: not a document"
                        ));
                    }
                }
                out.push(' ');
                rest = &rest[gt + 1..];
            }
            None => rest = "",
        }
    }
    out.push_str(&decode_entities(rest));
    Raw::Text(out)
}

/// Elements that never have a closing tag.
fn is_void(tag: &str) -> bool {
    let name: String = tag
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_lowercase();
    matches!(
        name.as_str(),
        "br" | "img"
            | "hr"
            | "input"
            | "meta"
            | "link"
            | "area"
            | "base"
            | "col"
            | "embed"
            | "param"
            | "source"
            | "track"
            | "wbr"
    )
}

fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let end = rest[1..].find(';').map(|i| i + 1).filter(|i| *i <= 10);
        let decoded = end.and_then(|end| {
            let name = &rest[1..end];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some(' '),
                _ => name
                    .strip_prefix("#x")
                    .or_else(|| name.strip_prefix("#X"))
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .or_else(|| name.strip_prefix('#').and_then(|d| d.parse().ok()))
                    .and_then(char::from_u32),
            };
            c.map(|c| (c, end))
        });
        match decoded {
            Some((c, end)) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The text layer of a PDF, page by page up to [`MAX_PDF_PAGES`].
fn pdf(bytes: &[u8]) -> Raw {
    use pdf_extract::{output_doc_page, Document, PlainTextOutput};
    if !bytes.starts_with(b"%PDF")
        && !bytes[..bytes.len().min(1024)]
            .windows(4)
            .any(|w| w == b"%PDF")
    {
        return Raw::Broken("not a PDF: it does not start with %PDF".into());
    }
    let mut doc = match Document::load_mem(bytes) {
        Ok(d) => d,
        Err(e) => return Raw::Broken(format!("not a readable PDF: {e}")),
    };
    if doc.is_encrypted() && doc.decrypt("").is_err() {
        return Raw::NoText("the PDF is encrypted with a password".into());
    }
    let pages: Vec<u32> = doc
        .get_pages()
        .keys()
        .copied()
        .take(MAX_PDF_PAGES as usize)
        .collect();
    if pages.is_empty() {
        return Raw::Broken("the PDF has no pages".into());
    }
    let mut text = String::new();
    for (i, p) in pages.into_iter().enumerate() {
        let mut page = String::new();
        {
            let mut output = PlainTextOutput::new(&mut page);
            if let Err(e) = output_doc_page(&doc, &mut output, p) {
                return Raw::Broken(format!("page {p} cannot be read: {e}"));
            }
        }
        if i > 0 {
            text.push(PAGE_BREAK);
        }
        text.push_str(&page.replace(PAGE_BREAK, " "));
    }
    Raw::Text(text)
}

/// The text of one XML part of a zip (a DOCX or ODT body), paragraphs on their own lines.
fn zipped_xml(bytes: &[u8], part: &str, paragraph: &[u8], tab: &[u8]) -> Raw {
    let mut archive = match zip::ZipArchive::new(std::io::Cursor::new(bytes)) {
        Ok(a) => a,
        Err(e) => return Raw::Broken(format!("not a readable document (broken zip): {e}")),
    };
    let mut entry = match archive.by_name(part) {
        Ok(e) => e,
        Err(_) => return Raw::Broken(format!("no {part} inside: not a document of this kind")),
    };
    if entry.size() > MAX_UNZIPPED_BYTES {
        return Raw::Broken(format!(
            "{part} says it unpacks to {} MB, more than {} MB: not read",
            entry.size() >> 20,
            MAX_UNZIPPED_BYTES >> 20
        ));
    }
    let mut xml = Vec::new();
    if let Err(e) = (&mut entry)
        .take(MAX_UNZIPPED_BYTES + 1)
        .read_to_end(&mut xml)
    {
        return Raw::Broken(format!("{part} cannot be unpacked: {e}"));
    }
    if xml.len() as u64 > MAX_UNZIPPED_BYTES {
        return Raw::Broken(format!(
            "{part} unpacks to more than {} MB: not read",
            MAX_UNZIPPED_BYTES >> 20
        ));
    }
    let mut reader = quick_xml::Reader::from_reader(xml.as_slice());
    let mut out = String::new();
    let mut buf = Vec::new();
    loop {
        use quick_xml::events::Event;
        match reader.read_event_into(&mut buf) {
            Ok(Event::Text(t)) => match t.decode() {
                Ok(s) => out.push_str(&decode_entities(&s)),
                Err(e) => return Raw::Broken(format!("{part} is not valid XML: {e}")),
            },
            Ok(Event::GeneralRef(r)) => out.push_str(&decode_entities(&format!(
                "&{};",
                String::from_utf8_lossy(&r)
            ))),
            Ok(Event::End(e)) if e.name().as_ref() == paragraph => out.push('\n'),
            Ok(Event::Empty(e)) if e.name().as_ref() == tab => out.push(' '),
            Ok(Event::Eof) => break,
            Ok(_) => {}
            Err(e) => return Raw::Broken(format!("{part} is not valid XML: {e}")),
        }
        buf.clear();
    }
    Raw::Text(out)
}

fn docx(bytes: &[u8]) -> Raw {
    zipped_xml(bytes, "word/document.xml", b"w:p", b"w:tab")
}

fn odt(bytes: &[u8]) -> Raw {
    zipped_xml(bytes, "content.xml", b"text:p", b"text:tab")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::text::normalise;

    #[test]
    fn html_loses_tags_scripts_and_entities() {
        let Raw::Text(t) = html(
            b"<p>Issued&nbsp;1&nbsp;March 2026 &amp; <b>valid</b></p><script>x<1</script><!-- no -->ok &#x41;",
        ) else {
            panic!()
        };
        assert_eq!(normalise(&t), "issued 1 march 2026 & valid ok a");
    }
}
