//! Reading the text of an evidence file, for the content checks of scoring rules 2. Plain
//! text, Markdown and CSV are decoded here; every other format is parsed by a third-party
//! reader in a worker process (the sandbox), so no supplier's file can crash, hang or exhaust
//! the run. Files over `readers::MAX_BYTES` are not read. What the text is then matched with
//! is pure and lives apart: `doctext` (normalising, sentences), `dates`, `names`.

use super::readers::{Format, Raw, MAX_BYTES};
use super::sandbox::{cpu_limit, Outcome};
use crate::model::response::TextFacts;
use std::io::Read;
use std::path::Path;
use std::time::Duration;

/// The worker processor time one supplier's evidence may use in all (a worker that dies counts
/// as [`super::sandbox::CPU_LIMIT`]): a real bid needs a few seconds; past this its other files are not read.
pub const SUPPLIER_BUDGET: Duration = Duration::from_secs(60);

/// Reads the text of `path`, a regular file of `size` bytes inside a submission folder whose
/// SHA-256 was found to be `sha256`, and normalises it for matching. The bytes read are hashed
/// again: text from a file that changed after it was hashed is never checked against claims
/// about the file that was hashed. Never panics; a file that stops its reader is `Unreadable`.
///
/// `budget` is the reading time the supplier has left ([`SUPPLIER_BUDGET`] at first): each file
/// sent to a worker costs the processor time its worker used, or [`super::sandbox::cpu_limit`] if the worker
/// died; once it is spent, the supplier's other files are not read. So one supplier's files,
/// however many, cannot hold up the evaluation for more than about a minute.
pub fn extract(path: &Path, size: u64, sha256: &str, budget: &mut Duration) -> TextFacts {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    // Plain text is a copy, linear in a size already bounded: it is read here. Every other
    // format goes to a worker process.
    let format = match ext.as_str() {
        "txt" | "md" | "markdown" | "csv" => None,
        "" => return TextFacts::NoText("a file without an extension is not read".into()),
        other => match Format::from_extension(other) {
            Some(f) => Some(f),
            None => return TextFacts::NoText(format!("a .{other} file is not read")),
        },
    };
    if size > MAX_BYTES {
        return TextFacts::NoText(format!("larger than {} MB: not read", MAX_BYTES >> 20));
    }
    let bytes = match super::read::open_regular(path, super::read::Links::Follow)
        .map_err(|p| p.message)
        .and_then(|f| {
            let mut buf = Vec::new();
            f.take(MAX_BYTES + 1)
                .read_to_end(&mut buf)
                .map(|_| buf)
                .map_err(|e| e.to_string())
        }) {
        Ok(b) => b,
        Err(why) => return TextFacts::Unreadable(why),
    };
    {
        use sha2::{Digest, Sha256};
        if format!("{:x}", Sha256::digest(&bytes)) != sha256 {
            return TextFacts::Unreadable(
                "the file changed on disk while the tender was being read".into(),
            );
        }
    }
    let raw = match format {
        None if matches!(ext.as_str(), "md" | "markdown") => super::readers::markdown(&bytes),
        None => super::readers::plain(&bytes),
        Some(_) if budget.is_zero() => {
            return TextFacts::NoText(format!(
                "not read: this supplier's files have used up the {} s of reading time allowed to one supplier",
                SUPPLIER_BUDGET.as_secs()
            ))
        }
        Some(format) => match super::sandbox::read(format, &bytes) {
            Outcome::Read(raw, cpu) => {
                *budget = budget.saturating_sub(cpu);
                raw
            }
            Outcome::Died(why) => {
                *budget = budget.saturating_sub(cpu_limit());
                return TextFacts::Unreadable(why);
            }
        },
    };
    facts(raw, format == Some(Format::Pdf))
}

/// A reader's answer as the checks see it.
fn facts(raw: Raw, paged: bool) -> TextFacts {
    match raw {
        Raw::Text(t) => {
            let doc = super::document::doc_text_from(&t, paged);
            if doc.text.trim().is_empty() {
                TextFacts::NoText("no text layer: a scanned document or an image".into())
            } else {
                TextFacts::Text(Box::new(doc))
            }
        }
        Raw::NoText(why) => TextFacts::NoText(why),
        Raw::Broken(why) => TextFacts::Unreadable(why),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_from_a_file_that_changed_since_it_was_hashed_is_not_used() {
        let p = std::env::temp_dir().join(format!("tenderscore-text-{}.txt", std::process::id()));
        std::fs::write(&p, "issued 1 March 2026").unwrap();
        let mut budget = SUPPLIER_BUDGET;
        let hash_of_other_bytes = "0".repeat(64);
        let got = extract(&p, 19, &hash_of_other_bytes, &mut budget);
        let real = {
            use sha2::{Digest, Sha256};
            format!("{:x}", Sha256::digest(b"issued 1 March 2026"))
        };
        let right = extract(&p, 19, &real, &mut budget);
        std::fs::remove_file(&p).unwrap();
        assert!(matches!(got, TextFacts::Unreadable(w) if w.contains("changed on disk")));
        assert!(matches!(right, TextFacts::Text(t) if t.text == "issued 1 march 2026"));
        assert_eq!(budget, SUPPLIER_BUDGET, "plain text costs no reading time");
    }
}
