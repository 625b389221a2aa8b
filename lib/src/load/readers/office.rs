//! DOCX and ODT as text: one XML part of the zip, unpacked within a bound, read as a stream
//! of events, leaving out what the format hides.

use super::shared::{decode_entities, Raw, MAX_UNZIPPED_BYTES};
use std::io::Read;

/// One XML part of a zip (a DOCX or ODT body), unpacked within [`MAX_UNZIPPED_BYTES`].
fn unzip_part(bytes: &[u8], part: &str) -> Result<Vec<u8>, Raw> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| Raw::Broken(format!("not a readable document (broken zip): {e}")))?;
    let mut entry = archive
        .by_name(part)
        .map_err(|_| Raw::Broken(format!("no {part} inside: not a document of this kind")))?;
    if entry.size() > MAX_UNZIPPED_BYTES {
        return Err(Raw::Broken(format!(
            "{part} says it unpacks to {} MB, more than {} MB: not read",
            entry.size() >> 20,
            MAX_UNZIPPED_BYTES >> 20
        )));
    }
    let mut xml = Vec::new();
    if let Err(e) = (&mut entry)
        .take(MAX_UNZIPPED_BYTES + 1)
        .read_to_end(&mut xml)
    {
        return Err(Raw::Broken(format!("{part} cannot be unpacked: {e}")));
    }
    if xml.len() as u64 > MAX_UNZIPPED_BYTES {
        return Err(Raw::Broken(format!(
            "{part} unpacks to more than {} MB: not read",
            MAX_UNZIPPED_BYTES >> 20
        )));
    }
    Ok(xml)
}

/// The elements of a DOCX or ODT body that bear on what is shown, by local name (whatever
/// prefix a file binds to the namespace).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    /// A paragraph (`w:p`, `text:p`, `text:h`).
    Paragraph,
    /// A DOCX run (`w:r`) and its properties (`w:rPr`).
    Run,
    RunProperties,
    /// An ODT `style:style` being defined.
    Style,
    Other,
}

/// One open XML element.
struct Node {
    part: Part,
    /// It hides what it holds.
    hides: bool,
    /// Where its text began in the output, and whether to drop that text at its end.
    start: usize,
    drop: bool,
}

/// Which document a body belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Body {
    Docx,
    Odt,
}

/// An ODT automatic style: whether it sets text to be hidden (`text:display`), and its parent.
type Styles = std::collections::HashMap<(String, String), (Option<bool>, Option<String>)>;

/// The value of the attribute of local name `name`, entities decoded.
fn attribute(e: &quick_xml::events::BytesStart, name: &[u8]) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == name)
        .map(|a| decode_entities(&String::from_utf8_lossy(&a.value)))
}

/// Whether ODT style `name` of `family` hides its text, by itself or through its parents.
fn odt_style_hides(styles: &Styles, family: &str, name: &str) -> bool {
    let mut name = name.to_string();
    for _ in 0..16 {
        match styles.get(&(family.to_string(), name)) {
            Some((Some(hides), _)) => return *hides,
            Some((None, Some(parent))) => name = parent.clone(),
            _ => return false,
        }
    }
    false
}

/// The text of a DOCX or ODT body as a word processor shows it, paragraphs on their own lines.
/// Left out (docs/evidence-text.md):
///
/// - DOCX: runs whose own properties have `w:vanish` (hidden text; not `w:val="0"`/`"false"`,
///   and not the paragraph mark's `w:pPr/w:rPr/w:vanish`, which hides only the mark), deleted
///   and moved-away text (`w:del`, `w:moveFrom`, `w:delText`), field instructions
///   (`w:instrText`, `w:delInstrText`). Comments are in `comments.xml`, never read.
/// - ODT: `text:hidden-text` and `text:hidden-paragraph` (with the whole paragraph that holds
///   it) whatever their condition, annotations (`office:annotation`), tracked changes
///   (`text:tracked-changes`, where deleted text is kept), SVG titles and descriptions,
///   sections with `text:display="none"` or `"condition"`, and paragraphs and spans whose
///   automatic style (in this `content.xml`) has `text:display` (or `fo:display`) `none` or
///   `condition`.
pub(super) fn xml_text(xml: &[u8], part: &str, body: Body) -> Raw {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut out = String::new();
    let mut buf = Vec::new();
    let mut open: Vec<Node> = Vec::new();
    let mut hiding = 0usize;
    let mut styles = Styles::new();
    // The ODT style being defined: its family and name.
    let mut style: Option<(String, String)> = None;
    loop {
        let event = match reader.read_event_into(&mut buf) {
            Ok(e) => e,
            Err(e) => return Raw::Broken(format!("{part} is not valid XML: {e}")),
        };
        match event {
            Event::Text(t) => match t.decode() {
                Ok(s) if hiding == 0 => out.push_str(&decode_entities(&s)),
                Ok(_) => {}
                Err(e) => return Raw::Broken(format!("{part} is not valid XML: {e}")),
            },
            Event::GeneralRef(r) if hiding == 0 => out.push_str(&decode_entities(&format!(
                "&{};",
                String::from_utf8_lossy(&r)
            ))),
            Event::Start(ref e) | Event::Empty(ref e) => {
                let empty = matches!(event, Event::Empty(_));
                let qname = e.name();
                let local = e.local_name();
                let local = local.as_ref();
                let mut part = Part::Other;
                let mut hides = false;
                match body {
                    Body::Docx => match local {
                        b"p" => part = Part::Paragraph,
                        b"r" => part = Part::Run,
                        b"rPr" => part = Part::RunProperties,
                        b"del" | b"moveFrom" | b"delText" | b"instrText" | b"delInstrText" => {
                            hides = true
                        }
                        b"vanish" | b"specVanish" => {
                            let on = attribute(e, b"val")
                                .is_none_or(|v| !matches!(v.trim(), "0" | "false" | "off"));
                            // Only a run's own properties: not a paragraph mark's, nor the
                            // former properties a tracked change keeps.
                            let n = open.len();
                            if on
                                && n >= 2
                                && open[n - 1].part == Part::RunProperties
                                && open[n - 2].part == Part::Run
                                && !open[n - 2].hides
                            {
                                open[n - 2].hides = true;
                                hiding += 1;
                            }
                        }
                        b"tab" | b"br" | b"cr" if hiding == 0 => out.push(' '),
                        _ => {}
                    },
                    Body::Odt => match local {
                        b"p" | b"h" => {
                            part = Part::Paragraph;
                            hides = attribute(e, b"style-name")
                                .is_some_and(|s| odt_style_hides(&styles, "paragraph", &s));
                        }
                        b"span" => {
                            hides = attribute(e, b"style-name")
                                .is_some_and(|s| odt_style_hides(&styles, "text", &s));
                        }
                        b"hidden-text" | b"annotation" | b"tracked-changes" => hides = true,
                        b"hidden-paragraph" => {
                            hides = true;
                            if let Some(p) =
                                open.iter_mut().rev().find(|n| n.part == Part::Paragraph)
                            {
                                p.drop = true;
                            }
                        }
                        b"section" => {
                            hides = attribute(e, b"display")
                                .is_some_and(|d| matches!(d.as_str(), "none" | "condition"));
                        }
                        b"title" | b"desc" => hides = qname.as_ref().starts_with(b"svg:"),
                        b"style" => {
                            part = Part::Style;
                            let key = (
                                attribute(e, b"family").unwrap_or_default(),
                                attribute(e, b"name").unwrap_or_default(),
                            );
                            styles.insert(key.clone(), (None, attribute(e, b"parent-style-name")));
                            style = Some(key);
                        }
                        b"text-properties" => {
                            if let (Some(key), Some(display)) = (&style, attribute(e, b"display")) {
                                if let Some(s) = styles.get_mut(key) {
                                    s.0 = Some(matches!(display.as_str(), "none" | "condition"));
                                }
                            }
                        }
                        b"tab" | b"s" | b"line-break" if hiding == 0 => out.push(' '),
                        _ => {}
                    },
                }
                if empty {
                    if part == Part::Paragraph && hiding == 0 && !hides {
                        out.push('\n');
                    }
                    if part == Part::Style {
                        style = None;
                    }
                } else {
                    if hides {
                        hiding += 1;
                    }
                    open.push(Node {
                        part,
                        hides,
                        start: out.len(),
                        drop: false,
                    });
                }
            }
            Event::End(_) => {
                if let Some(node) = open.pop() {
                    if node.hides {
                        hiding -= 1;
                    }
                    if node.drop {
                        out.truncate(node.start);
                    }
                    match node.part {
                        Part::Paragraph => out.push('\n'),
                        Part::Style => style = None,
                        _ => {}
                    }
                }
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    Raw::Text(out)
}

pub(super) fn docx(bytes: &[u8]) -> Raw {
    let part = "word/document.xml";
    match unzip_part(bytes, part) {
        Ok(xml) => xml_text(&xml, part, Body::Docx),
        Err(raw) => raw,
    }
}

pub(super) fn odt(bytes: &[u8]) -> Raw {
    let part = "content.xml";
    match unzip_part(bytes, part) {
        Ok(xml) => xml_text(&xml, part, Body::Odt),
        Err(raw) => raw,
    }
}
