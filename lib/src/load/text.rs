//! The text of an evidence file, for the content checks of scoring rules 2, and the
//! normalised forms the checks match against. Plain text, Markdown and CSV are decoded here;
//! every other format is parsed by a third-party reader in a worker process
//! ([`super::sandbox`]), so no supplier's file can crash, hang or exhaust the run. Files over
//! [`MAX_BYTES`] are not read.

pub use super::doctext::{contains_phrase, normalise};
use super::readers::{Format, Raw};
use super::sandbox::{Outcome, CPU_LIMIT};
use crate::model::response::TextFacts;
use std::io::Read;
use std::path::Path;
use std::time::Duration;

/// Larger evidence files are not read (they stay `unchecked`, for the panel to check by hand).
pub const MAX_BYTES: u64 = 64 << 20;
/// The worker processor time one supplier's evidence may use in all (a worker that dies counts
/// as [`CPU_LIMIT`]): a real bid needs a few seconds; past this its other files are not read.
pub const SUPPLIER_BUDGET: Duration = Duration::from_secs(60);

/// Reads the text of `path`, a regular file of `size` bytes inside a submission folder whose
/// SHA-256 was found to be `sha256`, and normalises it for matching. The bytes read are hashed
/// again: text from a file that changed after it was hashed is never checked against claims
/// about the file that was hashed. Never panics; a file that stops its reader is `Unreadable`.
///
/// `budget` is the reading time the supplier has left ([`SUPPLIER_BUDGET`] at first): each file
/// sent to a worker costs the processor time its worker used, or [`CPU_LIMIT`] if the worker
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
                *budget = budget.saturating_sub(CPU_LIMIT);
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
            let doc = super::doctext::doc_text_from(&t, paged);
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

/// A name as compared: normalised, punctuation dropped, and the usual company suffixes
/// written one way (`limited` → `ltd`, `public limited company` → `plc`, `limited liability
/// partnership` → `llp`, `community interest company` → `cic`).
pub fn name_words(s: &str) -> String {
    let n = normalise(s);
    let words: Vec<&str> = n
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let mut out: Vec<&str> = Vec::with_capacity(words.len());
    let mut i = 0;
    while i < words.len() {
        let rest = &words[i..];
        let (word, used) = match rest {
            ["public", "limited", "company", ..] => ("plc", 3),
            ["limited", "liability", "partnership", ..] => ("llp", 3),
            ["community", "interest", "company", ..] => ("cic", 3),
            ["limited", ..] => ("ltd", 1),
            [w, ..] => (*w, 1),
            [] => break,
        };
        out.push(word);
        i += used;
    }
    out.join(" ")
}

/// Words that say what kind of organisation a name is, not which one: a verifier or a legal
/// name made only of these ("Ltd", "Certification Services Ltd") names nobody in particular.
const GENERIC_WORDS: &[&str] = &[
    "ltd",
    "limited",
    "plc",
    "llp",
    "lp",
    "cic",
    "inc",
    "incorporated",
    "corp",
    "corporation",
    "co",
    "company",
    "companies",
    "gmbh",
    "ag",
    "sa",
    "bv",
    "llc",
    "group",
    "groups",
    "holding",
    "holdings",
    "services",
    "service",
    "certification",
    "certifications",
    "certified",
    "certifier",
    "certifiers",
    "assurance",
    "assured",
    "audit",
    "audits",
    "auditing",
    "auditor",
    "auditors",
    "testing",
    "test",
    "tests",
    "tester",
    "security",
    "secure",
    "consulting",
    "consultancy",
    "consultants",
    "consultant",
    "uk",
    "gb",
    "england",
    "britain",
    "british",
    "international",
    "global",
    "worldwide",
    "partners",
    "partner",
    "partnership",
    "associates",
    "solutions",
    "systems",
    "registrar",
    "registrars",
    "registration",
    "quality",
    "standard",
    "standards",
    "institute",
    "inspection",
    "verification",
    "verified",
    "verifier",
    "verifiers",
    "accredited",
    "accreditation",
    "body",
    "bodies",
    "independent",
    "third",
    "party",
    "external",
    "the",
    "and",
    "of",
    "for",
    "a",
    "an",
    "&",
];

/// Whether a name has a word that is not a company form or a generic word.
pub fn distinctive(name: &str) -> bool {
    name_words(name)
        .split(' ')
        .any(|w| w.chars().any(char::is_alphabetic) && !GENERIC_WORDS.contains(&w))
}

/// Whether a character is invisible: format characters (zero-width space and joiners, bidi
/// marks, soft hyphen, word joiner, BOM), variation selectors and other default-ignorables.
pub fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{ad}' | '\u{34f}' | '\u{61c}' | '\u{115f}' | '\u{1160}' | '\u{17b4}' | '\u{17b5}'
        | '\u{180b}'..='\u{180f}' | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}'
        | '\u{2060}'..='\u{206f}' | '\u{3164}' | '\u{fe00}'..='\u{fe0f}' | '\u{feff}'
        | '\u{ffa0}' | '\u{1bca0}'..='\u{1bca3}' | '\u{1d173}'..='\u{1d17a}'
        | '\u{e0000}'..='\u{e0fff}')
}

/// A name as compared for identity (scoring rules 2): invisible characters removed, then its
/// UTS #39 confusable skeleton (so a Cyrillic `а` is a Latin `a`), then as [`name_words`]
/// with the company form dropped (`Acme Ltd` and `Acme Limited` are one name).
pub fn identity_key(name: &str) -> String {
    let visible: String = name.chars().filter(|c| !is_invisible(*c)).collect();
    // The skeleton last, so company forms are recognised before letters are mapped.
    unicode_security::skeleton(&core_name(&visible)).collect()
}

/// A name as [`name_words`] without its company form (`Acme Analytics Ltd` →
/// `acme analytics`; a name that is only a form keeps it).
pub fn core_name(s: &str) -> String {
    const FORMS: &[&str] = &["ltd", "plc", "llp", "lp", "cic", "inc", "llc", "gmbh", "co"];
    let words = name_words(s);
    let mut w: Vec<&str> = words.split(' ').filter(|w| !w.is_empty()).collect();
    while w.len() > 1 && w.last().is_some_and(|l| FORMS.contains(l)) {
        w.pop();
    }
    w.join(" ")
}

/// A certificate number as compared: letters and digits only, lower case (`ISMS 12-345` and
/// `isms12345` are one number).
pub fn certificate_key(number: &str) -> String {
    number
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The verifier's name in a `verified_by`: the text before a `(`, `;` or ` – `/` — ` note.
pub(crate) fn verifier_name(v: &str) -> &str {
    let end = [" (", "(", ";", " – ", " — ", " - "]
        .iter()
        .filter_map(|sep| v.find(sep))
        .min()
        .unwrap_or(v.len());
    let name = v[..end].trim();
    if name.is_empty() {
        v.trim()
    } else {
        name
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

    #[test]
    fn normalising_folds_case_width_hyphenation_and_space() {
        assert_eq!(
            normalise("ISO/IEC\u{a0}42001  Assur-\n  ance\tLTD\u{ad}X ＢＳＩ"),
            "iso/iec 42001 assurance ltdx bsi"
        );
        assert_eq!(normalise("well-known\nfact"), "well-known fact");
    }
}
