//! The candidate readers. Each takes the bytes of a PDF and returns its text, pages separated by
//! form feeds, at most `MAX_PAGES` pages; `Err` for a file the reader refuses.

pub const MAX_PAGES: usize = 500;

pub type Reader = fn(&[u8]) -> Result<String, String>;

pub const READERS: &[(&str, Reader)] = &[
    ("pdf-extract-0.10", pdf_extract_010),
    ("pdf-extract-0.12", pdf_extract_012),
    ("pdf-extract-0.12-tolerant", pdf_extract_012_tolerant),
    ("lopdf-0.47", lopdf_047),
    ("pdf_oxide", pdf_oxide),
    ("oxidize-pdf", oxidize),
    ("unpdf", unpdf),
    ("tenderscore", tenderscore),
];

pub fn by_name(name: &str) -> Option<Reader> {
    READERS.iter().find(|(n, _)| *n == name).map(|(_, r)| *r)
}

/// pdf-extract 0.10 on lopdf 0.38, exactly as tenderscore calls it today.
fn pdf_extract_010(bytes: &[u8]) -> Result<String, String> {
    use pdf_extract_010::{output_doc_page, Document, PlainTextOutput};
    let mut doc = Document::load_mem(bytes).map_err(|e| format!("load: {e}"))?;
    if doc.is_encrypted() && doc.decrypt("").is_err() {
        return Err("encrypted: decrypt(\"\") failed".into());
    }
    let pages: Vec<u32> = doc.get_pages().keys().copied().take(MAX_PAGES).collect();
    if pages.is_empty() {
        return Err("no pages".into());
    }
    let mut text = String::new();
    {
        let mut out = PlainTextOutput::new(&mut text);
        for p in pages {
            output_doc_page(&doc, &mut out, p).map_err(|e| format!("page {p}: {e}"))?;
        }
    }
    Ok(text)
}

/// The newest pdf-extract (on lopdf 0.42), called the same way.
fn pdf_extract_012(bytes: &[u8]) -> Result<String, String> {
    use pdf_extract_012::{output_doc_page, Document, PlainTextOutput};
    let mut doc = Document::load_mem(bytes).map_err(|e| format!("load: {e}"))?;
    if doc.is_encrypted() && doc.decrypt("").is_err() {
        return Err("encrypted: decrypt(\"\") failed".into());
    }
    let pages: Vec<u32> = doc.get_pages().keys().copied().take(MAX_PAGES).collect();
    if pages.is_empty() {
        return Err("no pages".into());
    }
    let mut text = String::new();
    for p in pages {
        let mut out = PlainTextOutput::new(&mut text);
        output_doc_page(&doc, &mut out, p).map_err(|e| format!("page {p}: {e}"))?;
        drop(out);
        text.push('\x0c');
    }
    Ok(text)
}

/// pdf-extract 0.12, a page that fails or panics is skipped instead of failing the file.
fn pdf_extract_012_tolerant(bytes: &[u8]) -> Result<String, String> {
    use pdf_extract_012::{output_doc_page, Document, PlainTextOutput};
    let mut doc = Document::load_mem(bytes).map_err(|e| format!("load: {e}"))?;
    if doc.is_encrypted() && doc.decrypt("").is_err() {
        return Err("encrypted: decrypt(\"\") failed".into());
    }
    let pages: Vec<u32> = doc.get_pages().keys().copied().take(MAX_PAGES).collect();
    let mut text = String::new();
    for p in pages {
        let mut page = String::new();
        let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let mut out = PlainTextOutput::new(&mut page);
            output_doc_page(&doc, &mut out, p).map_err(|e| e.to_string())
        }));
        if let Ok(Ok(())) = r {
            text.push_str(&page);
        }
        text.push('\x0c');
    }
    Ok(text)
}

/// lopdf's own `extract_text`, newest lopdf, without default features (no rayon).
fn lopdf_047(bytes: &[u8]) -> Result<String, String> {

    let mut doc = lopdf::Document::load_mem(bytes).map_err(|e| format!("load: {e}"))?;
    if doc.is_encrypted() && doc.decrypt("").is_err() {
        return Err("encrypted: decrypt(\"\") failed".into());
    }
    let pages: Vec<u32> = doc.get_pages().keys().copied().take(MAX_PAGES).collect();
    let mut text = String::new();
    for p in pages {
        // Per page, so that one bad page does not lose the others.
        if let Ok(t) = doc.extract_text(&[p]) {
            text.push_str(&t);
        }
        text.push('\x0c');
    }
    Ok(text)
}

/// pdf_oxide's `extract_text(page)`, page by page.
fn pdf_oxide(bytes: &[u8]) -> Result<String, String> {
    let doc = pdf_oxide::PdfDocument::from_bytes(bytes.to_vec()).map_err(|e| format!("load: {e}"))?;
    // from_bytes does not try the empty password by itself.
    let _ = doc.authenticate(b"");
    let n = doc.page_count().map_err(|e| format!("page count: {e}"))?;
    let mut text = String::new();
    let mut errors = 0;
    let mut last = String::new();
    for i in 0..n.min(MAX_PAGES) {
        match doc.extract_text(i) {
            Ok(t) => text.push_str(&t),
            Err(e) => {
                errors += 1;
                last = e.to_string();
            }
        }
        text.push('\x0c');
    }
    if errors > 0 && errors == n.min(MAX_PAGES) {
        return Err(format!("every page failed: {last}"));
    }
    Ok(text)
}

/// oxidize-pdf's `extract_text_from_page`, page by page.
fn oxidize(bytes: &[u8]) -> Result<String, String> {
    use oxidize_pdf::parser::{PdfDocument, PdfReader};
    let reader = PdfReader::new(std::io::Cursor::new(bytes.to_vec())).map_err(|e| format!("load: {e}"))?;
    let doc = PdfDocument::new(reader);
    let n = doc.page_count().map_err(|e| format!("page count: {e}"))? as usize;
    let mut text = String::new();
    let mut errors = 0;
    let mut last = String::new();
    for i in 0..n.min(MAX_PAGES) {
        match doc.extract_text_from_page(i as u32) {
            Ok(t) => text.push_str(&t.text),
            Err(e) => {
                errors += 1;
                last = e.to_string();
            }
        }
        text.push('\x0c');
    }
    if errors > 0 && errors == n.min(MAX_PAGES) {
        return Err(format!("every page failed: {last}"));
    }
    Ok(text)
}

/// unpdf, sequential (no rayon pool), plain-text rendering.
fn unpdf(bytes: &[u8]) -> Result<String, String> {
    let opts = unpdf::ParseOptions::default().sequential().lenient();
    let doc = unpdf::parse_bytes_with_options(bytes, opts).map_err(|e| format!("parse: {e}"))?;
    unpdf::render::to_text(&doc, &unpdf::RenderOptions::default()).map_err(|e| format!("render: {e}"))
}

/// tenderscore's own reader (hayro-interpret, lopdf when hayro finds no text), run exactly as
/// scoring runs it: the worker process of the binary named by TENDERSCORE (default
/// `tenderscore` on PATH), the file on its standard input.
fn tenderscore(bytes: &[u8]) -> Result<String, String> {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let bin = std::env::var("TENDERSCORE").unwrap_or_else(|_| "tenderscore".into());
    let mut child = Command::new(bin)
        .args(["__read-evidence", "pdf"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("cannot start tenderscore: {e}"))?;
    let mut stdin = child.stdin.take().unwrap();
    let input = bytes.to_vec();
    let writer = std::thread::spawn(move || stdin.write_all(&input));
    let out = child.wait_with_output().map_err(|e| e.to_string())?;
    let _ = writer.join();
    // The answer: a tag, 8 bytes of processor time, then the words.
    if out.stdout.len() < 9 {
        return Err(format!("the worker died: {}", out.status));
    }
    let words = String::from_utf8_lossy(&out.stdout[9..]).into_owned();
    match out.stdout[0] {
        b'T' => Ok(words),
        b'N' => Ok(String::new()),
        _ => Err(words),
    }
}
