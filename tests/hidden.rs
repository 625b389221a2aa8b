//! Hidden text is not text (docs/evidence-text.md): each fixture of `tests/fixtures/hidden/`
//! (the DOCX, ODT and PDF ones made by its `make.py`) hides the phrase `ISO/IEC 42001` by one
//! technique, and the sandboxed worker that reads evidence must not return it; the controls
//! show it, and it must. Markdown is read in the scoring process, not by the worker: its
//! fixtures are checked by the reader's unit tests.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

const PHRASE: &str = "iso/iec 42001";

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hidden")
}

/// The worker's answer for `file` (`tenderscore __read-evidence FORMAT`, the file on stdin):
/// its tag and its words, without the 8 bytes of processor time between them.
fn read_evidence(file: &Path, format: &str) -> String {
    let mut child = Command::new(env!("CARGO_BIN_EXE_tenderscore"))
        .args(["__read-evidence", format])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let bytes = std::fs::read(file).unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || stdin.write_all(&bytes));
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    assert!(
        out.status.success(),
        "{}: worker failed: {}",
        file.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stdout.len() >= 9, "{}: a short answer", file.display());
    let (tag, rest) = out.stdout.split_at(1);
    String::from_utf8([tag, &rest[8..]].concat()).unwrap()
}

/// The fixtures of one format (by extension), with whether each is a control.
fn fixtures_of(ext: &str) -> Vec<(PathBuf, bool)> {
    let mut files: Vec<(PathBuf, bool)> = std::fs::read_dir(fixtures())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .map(|p| {
            let control = p.file_name().unwrap().to_string_lossy().contains("control");
            (p, control)
        })
        .collect();
    files.sort();
    files
}

/// Every fixture of `format`: read as text, with the phrase exactly in the controls, and the
/// visible text of each read.
fn hidden_text_is_not_read(format: &str, at_least: usize) {
    let files = fixtures_of(format);
    assert!(
        files.len() >= at_least,
        "{} .{format} fixtures, expected {at_least}",
        files.len()
    );
    assert!(
        files.iter().any(|(_, control)| *control),
        "no .{format} control"
    );
    for (file, control) in files {
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        let answer = read_evidence(&file, format);
        let text = answer
            .strip_prefix('T')
            .unwrap_or_else(|| panic!("{name}: no text: {answer}"));
        let text = text
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase();
        assert!(
            text.contains("larkspur"),
            "{name}: visible text lost: {text}"
        );
        if control {
            assert!(
                text.contains(PHRASE),
                "{name}: the visible phrase is not read: {text}"
            );
        } else {
            assert!(
                !text.contains(PHRASE),
                "{name}: hidden text is read: {text}"
            );
        }
    }
}

#[test]
fn html_hidden_text_is_not_read() {
    hidden_text_is_not_read("html", 14);
}

#[test]
fn docx_hidden_text_is_not_read() {
    hidden_text_is_not_read("docx", 5);
}

#[test]
fn odt_hidden_text_is_not_read() {
    hidden_text_is_not_read("odt", 6);
}

#[test]
fn pdf_hidden_text_is_not_read() {
    // Invisible (render mode 3) and clipping-only text, text off the page or outside its crop
    // box, text under 1 pt by font size or by matrix or squashed flat, and hidden text in a file with too
    // little visible text for the main reader to be trusted alone; the controls at 12 and
    // 6 pt are read, as is a visible phrase drawn where a tiny run of as many glyphs was.
    hidden_text_is_not_read("pdf", 11);
}
