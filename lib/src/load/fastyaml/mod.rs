//! A strict, fast reader for the shape of `response.yaml` that people and `tenderscore
//! template` write: block mappings, block sequences, one-line flow mappings for evidence
//! items, plain, single- and double-quoted scalars, literal and folded block scalars,
//! comments, a byte-order mark and CRLF line ends.
//!
//! It never reports an error. Anything it does not fully understand — an anchor, an alias, a
//! tag, a second document, a complex key, a multi-line flow collection, a plain scalar YAML
//! might read as a number, boolean or null in a way this reader does not reproduce, an
//! unknown or repeated key, an unusual indentation — makes it give up (`None`), and the
//! caller reads the file with serde-saphyr, which produces the value or the located error. So
//! for any file it accepts it must produce exactly what serde-saphyr produces: the same values
//! and the same locations (line and column, counted in characters, 1-based). `check_same`
//! compares the two; the differential tests and the fuzz target call it.

use super::written::{AnswerFile, AnswerMap, EvidenceEntry, ResponseFile};
mod reader;
mod scalar;

use crate::model::rubric::EvidenceKind;
use reader::{After, Reader};
use scalar::*;
use serde_saphyr::Spanned;

/// Evidence fields as read, before they are checked for completeness.
#[derive(Default)]
struct Fields {
    file: Option<String>,
    kind: Option<EvidenceKind>,
    issued: Option<Spanned<String>>,
    expires: Option<Spanned<String>>,
    verified_by: Option<String>,
    sha256: Option<Spanned<String>>,
    certificate: Option<String>,
    seen: u8,
}

impl Fields {
    /// One `key: value` of an evidence item; a repeated or unknown key gives up.
    fn set(&mut self, k: &str, v: Scalar, line: usize, c: usize) -> Option<()> {
        const KEYS: [&str; 7] = [
            "file",
            "kind",
            "issued",
            "expires",
            "sha256",
            "verified_by",
            "certificate",
        ];
        let bit = 1u8 << KEYS.iter().position(|x| *x == k)?;
        if self.seen & bit != 0 {
            return None;
        }
        self.seen |= bit;
        match k {
            "file" => self.file = Some(string(v)?),
            "kind" => self.kind = Some(kind(v)?),
            "issued" => self.issued = Some(spanned(string(v)?, line, c)?),
            "expires" => self.expires = Some(spanned(string(v)?, line, c)?),
            "sha256" => self.sha256 = Some(spanned(string(v)?, line, c)?),
            "verified_by" => self.verified_by = Some(string(v)?),
            "certificate" => self.certificate = Some(string(v)?),
            _ => return None,
        }
        Some(())
    }

    fn entry(self) -> Option<EvidenceEntry> {
        Some(EvidenceEntry {
            file: self.file?,
            kind: self.kind?,
            issued: self.issued,
            expires: self.expires,
            verified_by: self.verified_by,
            sha256: self.sha256,
            certificate: self.certificate,
        })
    }
}

/// A one-line flow mapping `{file: x, kind: policy, issued: 2026-01-01}` starting at column
/// `start` (its `{`) of line `line`.
fn flow_map(s: &str, line: usize, start: usize) -> Option<EvidenceEntry> {
    let body = s.strip_prefix('{')?;
    let close = body.rfind('}')?;
    if !after_ok(&body[close + 1..]) {
        return None;
    }
    let inner = &body[..close];
    if inner.contains(['{', '}', '[', ']', '"', '\'', '#', '&', '*', '!']) {
        return None; // quoted or nested values: left to serde-saphyr
    }
    let mut f = Fields::default();
    let mut offset = 1; // past `{`
    for part in inner.split(',') {
        let lead = part.len() - part.trim_start_matches(' ').len();
        let p = part.trim_matches(' ');
        let (k, v) = p.split_once(": ")?;
        if k.is_empty() || !k.bytes().all(key_byte) {
            return None;
        }
        let v_trim = v.trim_start_matches(' ');
        let v_at = offset + lead + k.len() + 2 + (v.len() - v_trim.len());
        if v_trim.is_empty() || bad_start(v_trim) || v_trim.contains(": ") {
            return None;
        }
        let c = col(s, v_at, start);
        f.set(k, Scalar::Plain(v_trim), line, c)?;
        offset += part.len() + 1;
    }
    f.entry()
}

/// Reads `response.yaml` if it is in the subset; `None` hands it to serde-saphyr.
pub fn parse(text: &str) -> Option<ResponseFile> {
    let mut p = Reader::new(text)?;
    let mut supplier = None;
    let mut tender = None;
    let mut submitted = None;
    let mut address = None;
    let mut company_number = None;
    let mut email = None;
    let mut legal_names: Option<Vec<String>> = None;
    let mut answers: Option<AnswerMap> = None;
    while let Some(l) = p.peek() {
        if l.indent != 0 {
            return None;
        }
        let (k, _, after, at) = key(&l)?;
        p.i += 1;
        match k {
            "supplier" | "tender" | "submitted" | "address" | "company_number" | "email" => {
                let v = p.scalar_value(after, at, 0, l.no)?.scalar()?;
                let v = spanned(string(v.scalar)?, v.line, v.column)?;
                let slot = match k {
                    "supplier" => &mut supplier,
                    "tender" => &mut tender,
                    "address" => &mut address,
                    "company_number" => &mut company_number,
                    "email" => &mut email,
                    _ => &mut submitted,
                };
                if slot.replace(v).is_some() {
                    return None;
                }
            }
            "legal_names" => {
                if legal_names.is_some() {
                    return None;
                }
                legal_names = Some(names(&mut p, after, at)?);
            }
            "answers" => {
                if answers.is_some() || value_text(after, at).is_some() {
                    return None;
                }
                answers = Some(answer_map(&mut p)?);
            }
            _ => return None,
        }
    }
    Some(ResponseFile {
        supplier: supplier?,
        tender,
        submitted,
        legal_names: legal_names.unwrap_or_default(),
        address,
        company_number,
        email,
        answers: answers.unwrap_or_default(),
    })
}

/// `legal_names`: `[]`, or a block sequence of scalars.
fn names(p: &mut Reader, after: &str, at: usize) -> Option<Vec<String>> {
    if let Some((t, _)) = value_text(after, at) {
        let t = t.split(" #").next()?.trim_end();
        return (t == "[]" && p.ends_at(0)).then(Vec::new);
    }
    let mut out = Vec::new();
    let mut seq_indent = None;
    while let Some(l) = p.peek() {
        if l.indent == 0 && !l.rest.starts_with("- ") {
            break;
        }
        if *seq_indent.get_or_insert(l.indent) != l.indent {
            return None;
        }
        let item = l.rest.strip_prefix("- ")?;
        let item_at = l.indent + 3;
        p.i += 1;
        let (s, _) = inline_scalar(item.trim_end_matches(' '), item_at)?;
        if !p.ends_at(l.indent) {
            return None;
        }
        out.push(string(s)?);
    }
    Some(out)
}

/// `answers:`: a block mapping of question ids, each to nothing or to a block mapping.
fn answer_map(p: &mut Reader) -> Option<AnswerMap> {
    // Room for a typical rubric's questions, so the vector of large entries is not moved as
    // it grows.
    let mut out: Vec<(Spanned<String>, Spanned<Option<AnswerFile>>)> = Vec::with_capacity(64);
    let Some(first) = p.peek() else {
        return Some(AnswerMap::default());
    };
    if first.indent == 0 {
        return Some(AnswerMap::default());
    }
    let ind = first.indent;
    let mut ids = std::collections::HashSet::new();
    while let Some(l) = p.peek() {
        if l.indent == 0 {
            break;
        }
        if l.indent != ind {
            return None;
        }
        let (k, kc, after, at) = key(&l)?;
        if !ids.insert(k) {
            return None;
        }
        p.i += 1;
        if value_text(after, at).is_some() {
            return None; // an inline value for a question: left to serde-saphyr
        }
        let key = spanned(k.to_string(), l.no, kc)?;
        let value = match p.peek() {
            Some(n) if n.indent > ind => {
                let file = answer(p, n.indent)?;
                spanned(Some(file), n.no, n.indent + 1)?
            }
            // Nothing under the key: null. Its location is not used.
            _ => spanned(None, l.no, kc)?,
        };
        out.push((key, value));
    }
    Some(AnswerMap(out))
}

/// One answer: a block mapping at `ind` of `answer`, `comment`, `justification`, `evidence`.
fn answer(p: &mut Reader, ind: usize) -> Option<AnswerFile> {
    let mut a = AnswerFile {
        answer: None,
        comment: None,
        justification: None,
        evidence: None,
    };
    let mut seen = [false; 4];
    while let Some(l) = p.peek() {
        if l.indent < ind {
            break;
        }
        if l.indent != ind {
            return None;
        }
        let (k, _, after, at) = key(&l)?;
        let slot = ["answer", "comment", "justification", "evidence"]
            .iter()
            .position(|x| *x == k)?;
        if std::mem::replace(&mut seen[slot], true) {
            return None;
        }
        p.i += 1;
        match k {
            "answer" => {
                a.answer = match p.scalar_value(after, at, ind, l.no)? {
                    After::Nothing => None,
                    After::Scalar(v) => Some(spanned(raw(v.scalar)?, v.line, v.column)?),
                };
            }
            "comment" | "justification" => {
                let v = match p.scalar_value(after, at, ind, l.no)? {
                    After::Nothing => None,
                    After::Scalar(v) => Some(string(v.scalar)?),
                };
                if k == "comment" {
                    a.comment = v;
                } else {
                    a.justification = v;
                }
            }
            "evidence" => a.evidence = evidence(p, after, at, ind)?,
            _ => return None,
        }
    }
    Some(a)
}

/// `evidence:` under an answer key at `ind`: nothing, `[]`, or a block sequence of items,
/// each a one-line flow mapping or a block mapping. `None`: the reader gives up; `Some(None)`:
/// no evidence given.
fn evidence(
    p: &mut Reader,
    after: &str,
    at: usize,
    ind: usize,
) -> Option<Option<Vec<Spanned<EvidenceEntry>>>> {
    if let Some((t, _)) = value_text(after, at) {
        let t = t.split(" #").next()?.trim_end();
        return (t == "[]" && p.ends_at(ind)).then(|| Some(Vec::new()));
    }
    let mut out = Vec::new();
    let mut seq_indent = None;
    while let Some(l) = p.peek() {
        if l.indent < ind || (l.indent == ind && !l.rest.starts_with("- ")) {
            break;
        }
        if *seq_indent.get_or_insert(l.indent) != l.indent {
            return None;
        }
        let item = l.rest.strip_prefix("- ")?.trim_end_matches(' ');
        let item_col = l.indent + 3;
        p.i += 1;
        if item.starts_with('{') {
            let e = flow_map(item, l.no, item_col)?;
            if !p.ends_at(l.indent) {
                return None;
            }
            out.push(spanned(e, l.no, item_col)?);
            continue;
        }
        // A block mapping: its first key on the dash line, the rest below, aligned with it.
        let first = Line {
            no: l.no,
            indent: l.indent + 2,
            rest: item,
        };
        let mut f = Fields::default();
        let mut line = first;
        loop {
            let (k, _, after, at) = key(&line)?;
            let v = p.scalar_value(after, at, line.indent, line.no)?.scalar()?;
            f.set(k, v.scalar, v.line, v.column)?;
            match p.peek() {
                Some(n) if n.indent == first.indent => {
                    p.i += 1;
                    line = n;
                }
                Some(n) if n.indent > first.indent => return None,
                _ => break,
            }
        }
        out.push(spanned(f.entry()?, l.no, item_col)?);
    }
    if out.is_empty() {
        return Some(None); // `evidence:` with nothing after it
    }
    Some(Some(out))
}

/// Reads `text` both ways and compares: `Ok(true)` when the fast reader took it and agrees
/// with serde-saphyr, `Ok(false)` when it handed the file over, `Err` with both readings when
/// they differ (or when the fast reader accepted a file serde-saphyr rejects). For the
/// differential tests and the fuzz target.
pub fn check_same(text: &str) -> Result<bool, crate::problem::Problem> {
    let Some(fast) = parse(text) else {
        return Ok(false);
    };
    let slow: Result<ResponseFile, _> =
        super::read::parse(std::path::Path::new("response.yaml"), text);
    match slow {
        Err(e) => Err(crate::problem::Problem::asked(format!(
            "fast reader accepted what serde-saphyr rejects: {e}\n{text}"
        ))),
        Ok(slow) => {
            let (a, b) = (project(&fast), project(&slow));
            if a == b {
                Ok(true)
            } else {
                Err(crate::problem::Problem::asked(format!(
                    "fast:\n{a}\nserde-saphyr:\n{b}\ninput:\n{text}"
                )))
            }
        }
    }
}

fn at<T>(s: &Spanned<T>) -> String {
    format!("@{}:{}", s.referenced.line(), s.referenced.column())
}

/// Every value and every location the response parser uses, as text.
fn project(f: &ResponseFile) -> String {
    let mut out = format!("supplier {:?} {}\n", f.supplier.value, at(&f.supplier));
    if let Some(t) = &f.tender {
        out += &format!("tender {:?} {}\n", t.value, at(t));
    }
    for (name, v) in [
        ("submitted", &f.submitted),
        ("address", &f.address),
        ("company_number", &f.company_number),
        ("email", &f.email),
    ] {
        if let Some(t) = v {
            out += &format!("{name} {:?} {}\n", t.value, at(t));
        }
    }
    out += &format!("legal_names {:?}\n", f.legal_names);
    for (k, v) in &f.answers.0 {
        out += &format!("key {:?} {}\n", k.value, at(k));
        let Some(a) = &v.value else {
            out += "  null\n";
            continue;
        };
        if let Some(x) = &a.answer {
            out += &format!("  answer {:?} {}\n", x.value, at(x));
        }
        out += &format!(
            "  comment {:?}\n  justification {:?}\n",
            a.comment, a.justification
        );
        match &a.evidence {
            None => out += "  evidence none\n",
            Some(items) => {
                for e in items {
                    let v = &e.value;
                    out += &format!(
                        "  item {} {:?} {:?} issued {:?} expires {:?} sha {:?} by {:?} cert {:?}\n",
                        at(e),
                        v.file,
                        v.kind,
                        v.issued.as_ref().map(|s| (s.value.clone(), at(s))),
                        v.expires.as_ref().map(|s| (s.value.clone(), at(s))),
                        v.sha256.as_ref().map(|s| (s.value.clone(), at(s))),
                        v.verified_by,
                        v.certificate
                    );
                }
            }
        }
    }
    out
}

/// Reads `text` with serde-saphyr alone, for the parse benchmark (`cargo bench`): `true` when
/// it is a valid response file.
#[doc(hidden)]
pub fn parse_with_serde_saphyr(text: &str) -> bool {
    super::read::parse::<ResponseFile>(std::path::Path::new("response.yaml"), text).is_ok()
}
