//! Names as compared: a supplier's legal names, a verifier's, a certificate number. Pure.

use super::doctext::{is_invisible, name_words};

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

/// A company number as compared: compatibility-normalised (full-width digits are digits),
/// ASCII letters and digits only, upper case, leading zeros dropped (`01234567` and `1234567`
/// are one Companies House number). A value with no digit (`N/A`, `none`) is no number: empty.
pub fn company_key(n: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let keep = |c: &char| c.is_ascii_alphanumeric();
    // ASCII is its own compatibility normalisation.
    let k: String = if n.is_ascii() {
        n.chars()
            .filter(keep)
            .map(|c| c.to_ascii_uppercase())
            .collect()
    } else {
        n.nfkc()
            .filter(keep)
            .map(|c| c.to_ascii_uppercase())
            .collect()
    };
    if !k.bytes().any(|b| b.is_ascii_digit()) {
        return String::new();
    }
    k.trim_start_matches('0').to_string()
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
