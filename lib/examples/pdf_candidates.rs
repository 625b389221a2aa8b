//! Measures the two PDF text readers considered for scoring rules 2 on a folder of PDFs:
//! `pdf-extract` (chosen) and `lopdf`'s own `extract_text`, beside poppler's `pdftotext`
//! when it is installed. For each file: time, MB/s on one core, characters of text, and
//! whether the words of `pdftotext`'s text are found in each reader's text (recall).
//!
//!     cargo run -p tenderscore --release --example pdf_candidates -- DIR
//!
//! docs/evidence-text.md records a run and the choice it supports.

use std::path::Path;
use std::time::Instant;

fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.len() > 3)
        .map(str::to_lowercase)
        .collect()
}

/// Share of `reference`'s distinct words that `text` contains.
fn recall(reference: &str, text: &str) -> f64 {
    let have: std::collections::HashSet<String> = words(text).into_iter().collect();
    let want: std::collections::HashSet<String> = words(reference).into_iter().collect();
    if want.is_empty() {
        return f64::NAN;
    }
    want.iter().filter(|w| have.contains(*w)).count() as f64 / want.len() as f64
}

fn pdf_extract(bytes: &[u8]) -> Result<String, String> {
    use pdf_extract::{output_doc_page, Document, PlainTextOutput};
    let doc = Document::load_mem(bytes).map_err(|e| e.to_string())?;
    let mut text = String::new();
    {
        let mut out = PlainTextOutput::new(&mut text);
        for p in doc.get_pages().keys() {
            output_doc_page(&doc, &mut out, *p).map_err(|e| e.to_string())?;
        }
    }
    Ok(text)
}

fn lopdf_text(bytes: &[u8]) -> Result<String, String> {
    let doc = lopdf::Document::load_mem(bytes).map_err(|e| e.to_string())?;
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    doc.extract_text(&pages).map_err(|e| e.to_string())
}

fn timed(f: impl FnOnce() -> Result<String, String>) -> (f64, Result<String, String>) {
    let start = Instant::now();
    let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f))
        .unwrap_or_else(|_| Err("panicked".into()));
    (start.elapsed().as_secs_f64(), r)
}

fn main() {
    let dir = std::env::args().nth(1).expect("usage: pdf_candidates DIR");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("a folder")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        .collect();
    files.sort();
    println!("| file | MB | reader | seconds | MB/s | characters | recall vs pdftotext |");
    println!("|---|---:|---|---:|---:|---:|---:|");
    let mut totals = [(0.0f64, 0.0f64); 3];
    for path in &files {
        let bytes = std::fs::read(path).unwrap();
        let mb = bytes.len() as f64 / 1e6;
        let name = path.file_name().unwrap().to_string_lossy();
        let (pt_s, pt) = timed(|| poppler(path));
        let reference = pt.as_deref().unwrap_or("").to_string();
        for (i, (reader, (s, r))) in [
            ("pdf-extract", timed(|| pdf_extract(&bytes))),
            ("lopdf", timed(|| lopdf_text(&bytes))),
            ("pdftotext", (pt_s, pt.clone())),
        ]
        .into_iter()
        .enumerate()
        {
            totals[i].0 += mb;
            totals[i].1 += s;
            match r {
                Ok(t) => println!(
                    "| {name} | {mb:.2} | {reader} | {s:.3} | {:.1} | {} | {:.3} |",
                    mb / s,
                    t.chars().count(),
                    recall(&reference, &t)
                ),
                Err(e) => println!("| {name} | {mb:.2} | {reader} | {s:.3} | – | error: {e} | – |"),
            }
        }
    }
    for (i, reader) in ["pdf-extract", "lopdf", "pdftotext"].iter().enumerate() {
        let (mb, s) = totals[i];
        println!(
            "\n{reader}: {mb:.1} MB in {s:.2} s, {:.1} MB/s on one core",
            mb / s
        );
    }
}

/// `pdftotext FILE -`, or an error when poppler-utils is not installed.
fn poppler(path: &Path) -> Result<String, String> {
    let o = std::process::Command::new("pdftotext")
        .arg(path)
        .arg("-")
        .output()
        .map_err(|e| format!("pdftotext: {e}"))?;
    Ok(String::from_utf8_lossy(&o.stdout).into_owned())
}
