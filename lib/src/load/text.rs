//! The text of an evidence file, for the content checks of scoring rules 2: plain text,
//! Markdown and CSV as they are, HTML without its tags, PDF from its text layer, DOCX and ODT
//! from the document body. Evidence comes from suppliers, so every reader is bounded: files
//! over [`MAX_BYTES`] are not read, a PDF is read to [`MAX_PDF_PAGES`] pages, a document body
//! inside a zip to [`MAX_UNZIPPED_BYTES`], and each extraction runs on its own thread, with
//! panics caught and a time limit ([`TIME_LIMIT`]) after which the file is reported
//! unreadable and the run goes on.

use crate::model::response::{DocText, TextFacts};
use jiff::civil::Date;
use std::collections::BTreeSet;
use std::io::Read;
use std::path::Path;
use std::sync::mpsc;
use std::time::Duration;

/// Larger evidence files are not read (they stay `unchecked`, for the panel to check by hand).
pub const MAX_BYTES: u64 = 64 << 20;
/// PDF pages read; text after them is not searched.
pub const MAX_PDF_PAGES: u32 = 500;
/// The most bytes a DOCX or ODT body may unpack to: more is a zip bomb, not a document.
pub const MAX_UNZIPPED_BYTES: u64 = 16 << 20;
/// Deeper nesting of HTML elements (unclosed ones included) is not a document.
pub const MAX_HTML_DEPTH: i64 = 100_000;
/// Processor time one file's extraction may take. Counted on the reading thread's own clock
/// (where the system has one), so a busy machine does not turn a good file unreadable: the
/// outcome depends on the file, not on the load.
pub const TIME_LIMIT: Duration = Duration::from_secs(20);
/// Wall-clock time after which a reader is abandoned whatever its clock says.
pub const WALL_LIMIT: Duration = Duration::from_secs(120);
/// Stack for an extraction thread: deep but bounded nesting must not overflow it.
const STACK: usize = 256 << 20;

/// What a reader made of a file, before normalisation.
enum Raw {
    Text(String),
    /// No text to read: a scanned PDF, an image, a format not read.
    NoText(String),
    /// The file claims a format but cannot be parsed.
    Broken(String),
}

/// Reads the text of `path`, a regular file of `size` bytes inside a submission folder, and
/// normalises it for matching. Never panics, never blocks for longer than [`TIME_LIMIT`].
pub fn extract(path: &Path, size: u64) -> TextFacts {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    // Plain text is a copy, linear in a size already bounded: it is read on this thread. Every
    // other format is parsed by a reader that is watched on its own thread.
    let (reader, watched): (fn(&[u8]) -> Raw, bool) = match ext.as_str() {
        "txt" | "md" | "markdown" | "csv" => (plain, false),
        "html" | "htm" => (html, true),
        "pdf" => (pdf, true),
        "docx" => (docx, true),
        "odt" => (odt, true),
        "" => return TextFacts::NoText("a file without an extension is not read".into()),
        other => return TextFacts::NoText(format!("a .{other} file is not read")),
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
    let raw = if watched {
        bounded(move || reader(&bytes), TIME_LIMIT, WALL_LIMIT)
    } else {
        Ok(reader(&bytes))
    };
    match raw {
        Ok(Raw::Text(t)) => {
            let n = normalise(&t);
            if n.trim().is_empty() {
                TextFacts::NoText("no text layer: a scanned document or an image".into())
            } else {
                TextFacts::Text(doc_text(n))
            }
        }
        Ok(Raw::NoText(why)) => TextFacts::NoText(why),
        Ok(Raw::Broken(why)) => TextFacts::Unreadable(why),
        Err(why) => TextFacts::Unreadable(why),
    }
}

/// Runs `work` on its own thread: a panic becomes an error, and so does using more than
/// [`TIME_LIMIT`] of processor time, or [`WALL_LIMIT`] of elapsed time (the thread is then
/// left to finish on its own; its result is dropped).
fn bounded<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
    cpu_limit: Duration,
    wall_limit: Duration,
) -> Result<T, String> {
    let (tx, rx) = mpsc::channel();
    let started = std::time::Instant::now();
    let spawned = std::thread::Builder::new()
        .name("evidence-text".into())
        .stack_size(STACK)
        .spawn(move || {
            // The work runs on this very thread, whose processor clock is watched. No reader
            // may use the global rayon pool: its workers wait here on readers (lopdf is built
            // without its `rayon` feature for that reason).
            let out = std::panic::catch_unwind(std::panic::AssertUnwindSafe(work));
            let _ = tx.send(out);
        });
    let handle = match spawned {
        Ok(h) => h,
        Err(e) => return Err(format!("cannot start a reader: {e}")),
    };
    let received = loop {
        match rx.recv_timeout(Duration::from_millis(50)) {
            Err(mpsc::RecvTimeoutError::Timeout) => {
                let cpu = thread_cpu_time(&handle);
                let over_cpu = cpu.is_some_and(|t| t > cpu_limit);
                // Without a per-thread clock, elapsed time is all there is.
                let over_wall =
                    started.elapsed() > if cpu.is_some() { wall_limit } else { cpu_limit };
                if over_cpu || over_wall {
                    break Err(mpsc::RecvTimeoutError::Timeout);
                }
            }
            other => break other,
        }
    };
    match received {
        Ok(Ok(raw)) => Ok(raw),
        Ok(Err(panic)) => {
            let what = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown error".into());
            Err(format!("the reader failed on this file: {what}"))
        }
        Err(mpsc::RecvTimeoutError::Timeout) => Err(format!(
            "reading took more than {} s: the file may be malformed",
            cpu_limit.as_secs_f64()
        )),
        Err(mpsc::RecvTimeoutError::Disconnected) => Err("the reader stopped".into()),
    }
}

/// Processor time used so far by a running thread, where the system can tell.
#[cfg(unix)]
#[allow(unsafe_code)]
fn thread_cpu_time<T>(handle: &std::thread::JoinHandle<T>) -> Option<Duration> {
    use std::os::unix::thread::JoinHandleExt;
    let mut clock: libc::clockid_t = 0;
    // SAFETY: the handle keeps the thread joinable, so its pthread_t stays valid while we
    // hold it; both calls only write into the locals passed.
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    unsafe {
        if libc::pthread_getcpuclockid(handle.as_pthread_t() as libc::pthread_t, &mut clock) != 0 {
            return None;
        }
        if libc::clock_gettime(clock, &mut ts) != 0 {
            return None;
        }
    }
    Some(Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32))
}

#[cfg(not(unix))]
fn thread_cpu_time<T>(_: &std::thread::JoinHandle<T>) -> Option<Duration> {
    None
}

fn plain(bytes: &[u8]) -> Raw {
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
    {
        let mut output = PlainTextOutput::new(&mut text);
        for p in pages {
            if let Err(e) = output_doc_page(&doc, &mut output, p) {
                return Raw::Broken(format!("page {p} cannot be read: {e}"));
            }
        }
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

/// Text as the content checks match it: Unicode NFKC, lower case, soft hyphens and
/// line-break hyphenation removed, every run of whitespace one space.
pub fn normalise(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    // NFKC leaves ASCII as it is, and ASCII lower case is Unicode lower case there.
    let nfkc: String = if text.is_ascii() {
        text.to_ascii_lowercase()
    } else {
        text.nfkc().collect::<String>().to_lowercase()
    };
    let mut out = String::with_capacity(nfkc.len());
    let mut chars = nfkc.chars().peekable();
    let mut space = false;
    while let Some(c) = chars.next() {
        if c == '\u{ad}' {
            continue;
        }
        // "assur-\nance" → "assurance": a hyphen at a line end, between letters.
        if c == '-' && out.chars().last().is_some_and(char::is_alphabetic) {
            let mut look = chars.clone();
            let mut saw_newline = false;
            while let Some(&w) = look.peek() {
                if w == '\n' || w == '\r' {
                    saw_newline = true;
                } else if !w.is_whitespace() {
                    break;
                }
                look.next();
            }
            if saw_newline && look.peek().is_some_and(|w| w.is_alphabetic()) {
                chars = look;
                continue;
            }
        }
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        out.push(c);
    }
    out
}

// ---- what the content checks look up in a document, computed once per file ----

/// A document's text, normalised, with the dates it states, for the checks of rules 2.
pub fn doc_text(text: String) -> DocText {
    let words = name_words(&text);
    let (dates, months) = scan_dates(&text);
    let after_expiry = dates_after_expiry(&text);
    DocText {
        text,
        words,
        dates,
        months,
        after_expiry,
    }
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

fn is_word(c: char) -> bool {
    c.is_alphanumeric()
}

/// Whether `needle` stands in `hay` as whole words (no letter or digit touching either end).
pub fn contains_phrase(hay: &str, needle: &str) -> bool {
    if needle.is_empty() {
        return false;
    }
    let mut from = 0;
    while let Some(i) = hay[from..].find(needle) {
        let start = from + i;
        let end = start + needle.len();
        let before_ok =
            !needle.starts_with(is_word) || !hay[..start].chars().next_back().is_some_and(is_word);
        let after_ok =
            !needle.ends_with(is_word) || !hay[end..].chars().next().is_some_and(is_word);
        if before_ok && after_ok {
            return true;
        }
        from = start + needle.chars().next().map_or(1, char::len_utf8);
    }
    false
}

/// The first date in `s` in any of the common forms.
pub fn first_date(s: &str) -> Option<Date> {
    let words = date_words(s);
    (0..words.len()).find_map(|i| date_at(&words, i))
}

/// The words dates are read from: split at spaces and at `,:;()`.
fn date_words(s: &str) -> Vec<&str> {
    s.split(|c: char| c.is_whitespace() || matches!(c, ',' | ':' | ';' | '(' | ')'))
        .filter(|w| !w.is_empty())
        .collect()
}

/// A month name, in full or from its first three letters (`mar`, `sept`).
fn month(w: &str) -> Option<i8> {
    let w = w.trim_end_matches('.');
    MONTHS
        .iter()
        .position(|m| *m == w || (w.len() >= 3 && m.starts_with(w)))
        .map(|i| i as i8 + 1)
}

/// A day of the month: one or two digits, perhaps with `st`, `nd`, `rd` or `th`.
fn day(w: &str) -> Option<i8> {
    let digits = w
        .trim_end_matches('.')
        .trim_end_matches("st")
        .trim_end_matches("nd")
        .trim_end_matches("rd")
        .trim_end_matches("th");
    (!digits.is_empty() && digits.len() <= 2 && digits.bytes().all(|b| b.is_ascii_digit()))
        .then(|| digits.parse().ok())
        .flatten()
}

/// A four-digit year.
fn year(w: &str) -> Option<i16> {
    let w = w.trim_end_matches('.');
    (w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit()))
        .then(|| w.parse().ok())
        .flatten()
}

/// The date that starts at word `i`, in any of the common forms.
fn date_at(words: &[&str], i: usize) -> Option<Date> {
    let w = words[i].trim_end_matches('.');
    let next = |k: usize| words.get(i + k).copied();
    // Every form but `March 1, 2026` starts with a digit: most words are not looked at twice.
    if w.as_bytes().first().is_some_and(u8::is_ascii_digit) {
        // 2026-03-01
        if let [y, m, d] = w.split('-').collect::<Vec<_>>()[..] {
            if y.len() == 4 {
                if let (Some(y), Ok(m), Some(d)) = (year(y), m.parse::<i8>(), day(d)) {
                    if let Ok(date) = Date::new(y, m, d) {
                        return Some(date);
                    }
                }
            }
        }
        // 01/03/2026, 01.03.2026, 01-03-2026 (day first, as in the UK)
        for sep in ['/', '.', '-'] {
            if let [d, m, y] = w.split(sep).collect::<Vec<_>>()[..] {
                if let (Some(d), Ok(m), Some(y)) = (day(d), m.parse::<i8>(), year(y)) {
                    if let Ok(date) = Date::new(y, m, d) {
                        return Some(date);
                    }
                }
            }
        }
        // 1 March 2026, 1st of March 2026
        if let Some(d) = day(w) {
            let (m_at, y_at) = if next(1) == Some("of") {
                (2, 3)
            } else {
                (1, 2)
            };
            if let (Some(m), Some(y)) = (next(m_at).and_then(month), next(y_at).and_then(year)) {
                if let Ok(date) = Date::new(y, m, d) {
                    return Some(date);
                }
            }
        }
    }
    // March 1, 2026
    if let Some(m) = month(w) {
        if let (Some(d), Some(y)) = (next(1).and_then(day), next(2).and_then(year)) {
            if let Ok(date) = Date::new(y, m, d) {
                return Some(date);
            }
        }
    }
    None
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

/// Every date the text states in a common form (`2026-03-01`, `01/03/2026`, `1.3.2026`,
/// `1 March 2026`, `1st of March 2026`, `March 1, 2026`, month names in full or three
/// letters), and every month it names with a year and no day before it (`March 2026`).
fn scan_dates(text: &str) -> (BTreeSet<Date>, BTreeSet<(i16, i8)>) {
    let mut dates = BTreeSet::new();
    let mut months = BTreeSet::new();
    let words = date_words(text);
    for i in 0..words.len() {
        if let Some(d) = date_at(&words, i) {
            dates.insert(d);
        }
        if let (Some(m), Some(y)) = (month(words[i]), words.get(i + 1).and_then(|w| year(w))) {
            let day_before = (i > 0 && day(words[i - 1]).is_some())
                || (i > 1 && words[i - 1] == "of" && day(words[i - 2]).is_some());
            if !day_before {
                months.insert((y, m));
            }
        }
    }
    (dates, months)
}

/// Dates within 60 characters after `valid until`, `expiry date`, `expires`, `expiration
/// date`, `valid to` or `date of expiry`.
fn dates_after_expiry(text: &str) -> Vec<Date> {
    const PHRASES: [&str; 6] = [
        "valid until",
        "expiry date",
        "expires",
        "expiration date",
        "valid to",
        "date of expiry",
    ];
    let mut out = Vec::new();
    for p in PHRASES {
        let mut from = 0;
        while let Some(i) = text[from..].find(p) {
            let start = from + i + p.len();
            let window: String = text[start..].chars().take(60).collect();
            if let Some(d) = first_date(&window) {
                out.push(d);
            }
            from = start;
        }
    }
    out.sort();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reader_that_spins_panics_or_hangs_is_stopped() {
        let ms = Duration::from_millis;
        let spin = bounded(
            || {
                let mut x = 0u64;
                loop {
                    x = std::hint::black_box(x.wrapping_add(1));
                }
            },
            ms(200),
            ms(60_000),
        );
        assert!(spin.is_err_and(|e| e.contains("took more than 0.2 s")));
        let panics = bounded(|| -> u8 { panic!("bad table") }, ms(1000), ms(1000));
        assert_eq!(
            panics.unwrap_err(),
            "the reader failed on this file: bad table"
        );
        let sleeps = bounded(
            || std::thread::sleep(Duration::from_secs(60)),
            ms(60_000),
            ms(300),
        );
        assert!(sleeps.is_err());
        assert_eq!(bounded(|| 7, ms(1000), ms(1000)), Ok(7));
    }

    #[test]
    fn a_pdf_is_read_on_its_own_thread() {
        let p =
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/evidence/brochure.pdf");
        let size = std::fs::metadata(&p).unwrap().len();
        let t0 = std::time::Instant::now();
        let got = extract(&p, size);
        eprintln!("{:?} in {:?}", got, t0.elapsed());
        assert!(matches!(&got, TextFacts::Text(t) if t.text.contains("horizon for social care")));
    }

    #[test]
    fn normalising_folds_case_width_hyphenation_and_space() {
        assert_eq!(
            normalise("ISO/IEC\u{a0}42001  Assur-\n  ance\tLTD\u{ad}X ＢＳＩ"),
            "iso/iec 42001 assurance ltdx bsi"
        );
        assert_eq!(normalise("well-known\nfact"), "well-known fact");
    }

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
