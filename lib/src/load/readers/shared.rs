//! What every reader shares: the formats read in the sandbox, the limits on a file, what a
//! reader returns, and HTML/XML character references.

/// Evidence files larger than this are not read.
pub const MAX_BYTES: u64 = 64 << 20;

/// The most bytes a DOCX or ODT body may unpack to: more is a zip bomb, not a document.
pub const MAX_UNZIPPED_BYTES: u64 = 16 << 20;
/// Deeper nesting of HTML elements (unclosed ones included) is not a document.
pub const MAX_HTML_DEPTH: i64 = 100_000;
/// PDF pages read; text after them is not searched.
pub const MAX_PDF_PAGES: usize = 500;
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

pub(crate) fn plain(bytes: &[u8]) -> Raw {
    Raw::Text(String::from_utf8_lossy(bytes).into_owned())
}

pub(crate) fn decode_entities(s: &str) -> String {
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
                // Those that can spell CSS in a `style` attribute.
                "colon" => Some(':'),
                "semi" => Some(';'),
                "sol" => Some('/'),
                "bsol" => Some('\\'),
                "ast" => Some('*'),
                "excl" => Some('!'),
                "num" => Some('#'),
                "period" => Some('.'),
                "percnt" => Some('%'),
                "lpar" => Some('('),
                "rpar" => Some(')'),
                "Tab" => Some('\t'),
                "NewLine" => Some('\n'),
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
