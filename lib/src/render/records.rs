//! A drafted record (`tenderscore records`) as Markdown, DOCX or JSON. Markdown and DOCX are
//! written from one layout ([`blocks`]), so the two say the same thing in the same order.

use crate::review::records::{Cite, Entry, Record, RecordField, Risk, COUNCIL};
use crate::sanitize;
use serde::Serialize;

/// A run of text within a paragraph.
#[derive(Debug, Clone, PartialEq)]
pub enum Span {
    Plain(String),
    Bold(String),
    Italic(String),
}

/// One block of the layout.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Heading(u8, String),
    Para(Vec<Span>),
    /// A list item at depth 0 or 1.
    Item(u8, Vec<Span>),
    Table(Vec<String>, Vec<Vec<String>>),
}

use Span::{Bold, Italic, Plain};

fn p(s: impl Into<String>) -> Span {
    Plain(s.into())
}

/// The question as the rubric asks it, cut for a draft.
const ASKED_CHARS: usize = 240;

/// The record, block by block. Supplier text is not escaped here: each writer escapes for its
/// own format.
pub fn blocks(r: &Record) -> Vec<Block> {
    let mut out = vec![
        Block::Heading(1, format!("{}: draft", r.title)),
        Block::Para(vec![
            Bold(r.tender.buyer.clone()),
            p(format!(
                ", tender {} ({}). Supplier: {}",
                r.tender.id, r.tender.title, r.supplier.name
            )),
            p(match &r.supplier.company_number {
                Some(n) => format!(", company number {n} as the supplier gave it."),
                None => ", no company number given.".into(),
            }),
            p(format!(
                " Evidence judged as at {}; risk tier set in the tender: {}.",
                r.tender.as_of, r.tender.risk_tier
            )),
        ]),
        Block::Para(vec![Bold("Evaluation: ".into()), p(r.evaluation.clone())]),
        Block::Para(vec![
            Bold("Read this first. ".into()),
            p(format!(
                "This is a draft for the council, filled from what the supplier answered and evidenced in the tender \
                 and how the evaluation ({}) found it. Every filled field names the question it comes from and, for \
                 evidence, the file and the first 16 hex digits of its SHA-256. The supplier's answers and words are \
                 its claims, not facts the council has checked. Fields marked \u{201c}{COUNCIL}\u{201d} are the \
                 council's to write; so is every judgement in this record: the level of each risk, and every \
                 conclusion on the council's duties. Follows {}.",
                r.scored_by, r.follows
            )),
        ]),
    ];
    for s in &r.sections {
        out.push(Block::Heading(2, s.title.clone()));
        for f in &s.fields {
            field(&mut out, f, &r.risks, r.is_final != Some(true));
        }
    }
    out.push(Block::Heading(2, "Files cited".into()));
    if r.files.is_empty() {
        out.push(Block::Para(vec![p("No file is cited.")]));
    } else {
        out.push(Block::Table(
            vec!["File".into(), "SHA-256 (first 16 hex digits)".into()],
            r.files
                .iter()
                .map(|c| {
                    vec![
                        c.file.clone(),
                        c.sha256
                            .clone()
                            .unwrap_or_else(|| "missing or unreadable".into()),
                    ]
                })
                .collect(),
        ));
    }
    out
}

fn field(out: &mut Vec<Block>, f: &RecordField, risks: &[Risk], provisional: bool) {
    out.push(Block::Heading(3, f.label.clone()));
    out.push(Block::Para(vec![Italic(f.asks.clone())]));
    for e in &f.filled {
        entry(out, e);
    }
    if f.lists_risks {
        if risks.is_empty() {
            out.push(Block::Para(vec![p(if provisional {
                "The evaluation, which is still provisional (see above), has found nothing on this record's questions to list here so far."
            } else {
                "The evaluation found nothing on this record's questions to list here."
            })]));
        } else {
            out.push(Block::Table(
                [
                    "#",
                    "Finding",
                    "Questions",
                    "What the evaluation found",
                    "Files",
                    "Likelihood",
                    "Severity",
                ]
                .map(String::from)
                .to_vec(),
                risks
                    .iter()
                    .enumerate()
                    .map(|(i, r)| {
                        vec![
                            (i + 1).to_string(),
                            r.finding.words().to_string(),
                            r.questions.join(", "),
                            r.what.clone(),
                            r.files
                                .iter()
                                .map(Cite::describe)
                                .collect::<Vec<_>>()
                                .join("; "),
                            r.likelihood.clone(),
                            r.severity.clone(),
                        ]
                    })
                    .collect(),
            ));
        }
    }
    if let Some(c) = &f.council {
        out.push(Block::Para(vec![Bold(c.clone())]));
    }
}

fn entry(out: &mut Vec<Block>, e: &Entry) {
    match e {
        Entry::Answer(a) => {
            out.push(Block::Item(
                0,
                vec![
                    Bold(a.question.clone()),
                    p(format!(
                        " ({}), asked: \u{201c}{}\u{201d}",
                        a.rubric,
                        super::cells::shorten(&a.asked, ASKED_CHARS)
                    )),
                ],
            ));
            out.push(Block::Item(
                1,
                vec![
                    Bold("Answer: ".into()),
                    p(a.answer.clone().unwrap_or_else(|| "not answered".into())),
                ],
            ));
            if let Some(w) = &a.words {
                out.push(Block::Item(
                    1,
                    vec![
                        Bold("The supplier's words: ".into()),
                        p(format!("\u{201c}{w}\u{201d}")),
                    ],
                ));
            }
            let files = if a.files.is_empty() {
                String::new()
            } else {
                format!(
                    ": {}",
                    a.files
                        .iter()
                        .map(Cite::describe)
                        .collect::<Vec<_>>()
                        .join("; ")
                )
            };
            out.push(Block::Item(
                1,
                vec![
                    Bold("Evidence: ".into()),
                    p(format!("{}{files}", a.evidence)),
                ],
            ));
        }
        Entry::Fact {
            label,
            value,
            source,
        } => out.push(Block::Item(
            0,
            vec![
                Bold(format!("{label}: ")),
                p(value.clone()),
                p(format!(", from {}", source.describe())),
            ],
        )),
        Entry::Named {
            question,
            file,
            quote,
            page,
            negated,
            evidence,
        } => {
            let mut spans = vec![
                Bold(format!("Named in {question} evidence: ")),
                p(format!(
                    "{}{}: \u{201c}{quote}\u{201d}",
                    file.describe(),
                    page.map(|n| format!(", p. {n}")).unwrap_or_default()
                )),
            ];
            if *negated {
                spans.push(Italic(
                    " The sentence holds a negation: it may say the group was not tested.".into(),
                ));
            }
            if !evidence.starts_with("evidence attached") && !evidence.starts_with("evidence verified") {
                spans.push(Italic(format!(" {question}: {evidence}.")));
            }
            out.push(Block::Item(0, spans));
        }
        Entry::NotNamed { questions, files } => out.push(Block::Item(
            0,
            vec![
                Bold("Not named: ".into()),
                p(if questions.is_empty() {
                    "the tender asks none of the testing and monitoring questions.".to_string()
                } else {
                    format!(
                        "none of the {files} readable file(s) the supplier gave as testing and monitoring evidence ({}) names it in the words searched (docs/records.md lists them). Files with no text layer are not read.",
                        questions.join(", ")
                    )
                }),
            ],
        )),
    }
}

// ---- Markdown ----

/// The record as Markdown (CommonMark with pipe tables).
pub fn markdown(r: &Record) -> String {
    let mut s = String::new();
    for b in blocks(r) {
        match b {
            Block::Heading(level, text) => {
                s.push_str(&"#".repeat(level.into()));
                s.push(' ');
                s.push_str(&sanitize::markdown_document(&text));
                s.push_str("\n\n");
            }
            Block::Para(spans) => {
                s.push_str(&md_spans(&spans));
                s.push_str("\n\n");
            }
            Block::Item(depth, spans) => {
                s.push_str(&"  ".repeat(depth.into()));
                s.push_str("- ");
                s.push_str(&md_spans(&spans));
                s.push('\n');
            }
            Block::Table(head, rows) => {
                let line = |cells: &[String]| {
                    format!(
                        "| {} |\n",
                        cells
                            .iter()
                            .map(|c| sanitize::markdown_document(c).replace('|', "\\|"))
                            .collect::<Vec<_>>()
                            .join(" | ")
                    )
                };
                s.push_str(&line(&head));
                s.push_str(&format!("|{}\n", "---|".repeat(head.len())));
                for r in &rows {
                    s.push_str(&line(r));
                }
                s.push('\n');
            }
        }
        // A list ends with a blank line before the next block that is not an item.
    }
    tidy_lists(&s)
}

fn md_spans(spans: &[Span]) -> String {
    spans
        .iter()
        .map(|sp| match sp {
            Plain(t) => sanitize::markdown_document(t),
            Bold(t) => wrap("**", t),
            Italic(t) => wrap("_", t),
        })
        .collect()
}

/// Emphasis around escaped text, with the spaces at its ends kept outside the markers.
fn wrap(mark: &str, t: &str) -> String {
    let inner = sanitize::markdown_document(t);
    let trimmed = inner.trim_end();
    let tail = &inner[trimmed.len()..];
    format!("{mark}{trimmed}{mark}{tail}")
}

/// A blank line after the last item of each list.
fn tidy_lists(s: &str) -> String {
    let lines: Vec<&str> = s.split('\n').collect();
    let mut out = String::with_capacity(s.len() + 64);
    for (i, l) in lines.iter().enumerate() {
        out.push_str(l);
        if i + 1 < lines.len() {
            out.push('\n');
            let item = |x: &str| x.trim_start().starts_with("- ");
            if item(l) && !lines[i + 1].is_empty() && !item(lines[i + 1]) {
                out.push('\n');
            }
        }
    }
    out
}

// ---- JSON ----

#[derive(Serialize)]
struct JsonRecord<'a> {
    record: &'a str,
    title: &'a str,
    follows: &'a str,
    tender: &'a crate::review::records::TenderRef,
    supplier: &'a crate::review::records::SupplierRef,
    evaluation: &'a str,
    is_final: Option<bool>,
    scored_by: &'a str,
    /// Section key → field key (the template's field name) → field.
    fields: serde_json::Map<String, serde_json::Value>,
    risks: &'a [Risk],
    files: &'a [Cite],
}

#[derive(Serialize)]
struct JsonField<'a> {
    label: &'a str,
    /// The field drafted as plain text, every source named in it; null when the tender fills
    /// nothing here.
    draft: Option<String>,
    /// What the council must write here; null when the tender fills it all.
    council_to_complete: Option<&'a str>,
    /// The question ids this field's draft cites.
    questions: Vec<&'a str>,
    entries: &'a [Entry],
}

/// The record as JSON: every field under its section, keyed by the template's field name (for
/// ATRS, the names of the template's field list).
pub fn json(r: &Record) -> String {
    let mut fields = serde_json::Map::new();
    for s in &r.sections {
        let mut m = serde_json::Map::new();
        for f in &s.fields {
            let mut text: Vec<String> = Vec::new();
            let mut b = Vec::new();
            for e in &f.filled {
                entry(&mut b, e);
            }
            for blk in &b {
                if let Block::Item(depth, spans) = blk {
                    let line: String = spans
                        .iter()
                        .map(|s| match s {
                            Plain(t) | Bold(t) | Italic(t) => t.as_str(),
                        })
                        .collect();
                    text.push(format!("{}{line}", "  ".repeat((*depth).into())));
                }
            }
            if f.lists_risks {
                for (i, k) in r.risks.iter().enumerate() {
                    text.push(format!(
                        "Risk {}: {} ({}). Likelihood: {}. Severity: {}.",
                        i + 1,
                        k.what,
                        k.finding.words(),
                        k.likelihood,
                        k.severity
                    ));
                }
            }
            let questions = f
                .filled
                .iter()
                .filter_map(|e| match e {
                    Entry::Answer(a) => Some(a.question.as_str()),
                    Entry::Named { question, .. } => Some(question.as_str()),
                    _ => None,
                })
                .fold(Vec::new(), |mut v, q| {
                    if !v.contains(&q) {
                        v.push(q);
                    }
                    v
                });
            let jf = JsonField {
                label: &f.label,
                draft: (!text.is_empty()).then(|| text.join("\n")),
                council_to_complete: f.council.as_deref(),
                questions,
                entries: &f.filled,
            };
            m.insert(
                f.key.clone(),
                serde_json::to_value(jf).expect("fields serialise"),
            );
        }
        fields.insert(s.key.clone(), serde_json::Value::Object(m));
    }
    super::cells::to_json(&JsonRecord {
        record: r.record.code(),
        title: &r.title,
        follows: &r.follows,
        tender: &r.tender,
        supplier: &r.supplier,
        evaluation: &r.evaluation,
        is_final: r.is_final,
        scored_by: &r.scored_by,
        fields,
        risks: &r.risks,
        files: &r.files,
    })
}

// ---- DOCX ----

/// The record as a Word document (DOCX, A4), from the same blocks as the Markdown: headings
/// use Word's heading styles so the navigation pane and screen readers find them. The
/// document's dates are the tender's as-of date: the same files give the same bytes.
pub fn docx(r: &Record) -> Vec<u8> {
    use docx_rs::{
        Docx, LineSpacing, PageMargin, Paragraph, Run, RunFonts, Style, StyleType, Table,
        TableCell, TableRow, WidthType,
    };
    // Controls and separators as everywhere; and the two non-characters XML 1.0 forbids,
    // which would make Word refuse the whole document.
    let clean = |t: &str| sanitize::inline(t).replace(['\u{FFFE}', '\u{FFFF}'], "\u{FFFD}");
    let run = |sp: &Span| match sp {
        Plain(t) => Run::new().add_text(clean(t)),
        Bold(t) => Run::new().add_text(clean(t)).bold(),
        Italic(t) => Run::new().add_text(clean(t)).italic(),
    };
    let date = format!("{}T00:00:00Z", r.tender.as_of);
    let mut d = Docx::new()
        .page_size(11906, 16838)
        .page_margin(
            PageMargin::new()
                .top(1134)
                .bottom(1134)
                .left(1134)
                .right(1134),
        )
        .created_at(&date)
        .updated_at(&date)
        .default_fonts(RunFonts::new().ascii("Arial").hi_ansi("Arial").cs("Arial"))
        .default_size(21);
    for (id, name, size) in [
        ("Heading1", "heading 1", 36),
        ("Heading2", "heading 2", 28),
        ("Heading3", "heading 3", 23),
    ] {
        let level = id.as_bytes()[7] - b'1';
        d = d.add_style(
            Style::new(id, StyleType::Paragraph)
                .name(name)
                .based_on("Normal")
                .next("Normal")
                .q_format(true)
                .size(size)
                .bold()
                .line_spacing(LineSpacing::new().before(240).after(80))
                .outline_lvl(level.into()),
        );
    }
    for b in blocks(r) {
        match b {
            Block::Heading(level, text) => {
                d = d.add_paragraph(
                    Paragraph::new()
                        .style(&format!("Heading{level}"))
                        .keep_next(true)
                        .add_run(Run::new().add_text(clean(&text))),
                );
            }
            Block::Para(spans) => {
                let mut para = Paragraph::new().line_spacing(LineSpacing::new().after(100));
                for sp in &spans {
                    para = para.add_run(run(sp));
                }
                d = d.add_paragraph(para);
            }
            Block::Item(depth, spans) => {
                let mut para = Paragraph::new().indent(
                    Some(360 + 360 * i32::from(depth)),
                    Some(docx_rs::SpecialIndentType::Hanging(240)),
                    None,
                    None,
                );
                para = para.add_run(Run::new().add_text(if depth == 0 { "• " } else { "– " }));
                for sp in &spans {
                    para = para.add_run(run(sp));
                }
                d = d.add_paragraph(para);
            }
            Block::Table(head, rows) => {
                // Column widths (twentieths of a point, 9638 across A4 within the margins):
                // the risk table gives most room to what was found.
                let grid: Vec<usize> = match head.len() {
                    7 => vec![360, 1300, 1250, 3100, 1628, 1000, 1000],
                    n => vec![9638 / n.max(1); n],
                };
                let cell = |t: &str, bold: bool, w: usize| {
                    let r = Run::new().add_text(clean(t)).size(18);
                    TableCell::new()
                        .width(w, WidthType::Dxa)
                        .add_paragraph(Paragraph::new().add_run(if bold { r.bold() } else { r }))
                };
                let row = |cells: &[String], bold: bool| {
                    TableRow::new(
                        cells
                            .iter()
                            .zip(&grid)
                            .map(|(c, w)| cell(c, bold, *w))
                            .collect(),
                    )
                    .cant_split()
                };
                let mut trs = vec![row(&head, true)];
                trs.extend(rows.iter().map(|r| row(r, false)));
                d = d.add_table(
                    Table::new(trs)
                        .set_grid(grid.clone())
                        .width(9638, WidthType::Dxa),
                );
                d = d.add_paragraph(Paragraph::new());
            }
        }
    }
    let mut buf = std::io::Cursor::new(Vec::new());
    d.build()
        .pack(&mut buf)
        .expect("writing a DOCX to memory cannot fail");
    deflate(&buf.into_inner())
}

/// The same package with every part compressed: docx-rs stores its parts uncompressed, which
/// makes a record four times the size to send by e-mail. Entry order and (fixed) dates are
/// kept, so the bytes stay the same for the same record.
fn deflate(stored: &[u8]) -> Vec<u8> {
    use std::io::{Read, Write};
    let mut inp = zip::ZipArchive::new(std::io::Cursor::new(stored))
        .expect("docx-rs writes a readable package");
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for i in 0..inp.len() {
        let mut f = inp.by_index(i).expect("an entry the package lists");
        let name = f.name().to_string();
        if f.is_dir() {
            continue;
        }
        let mut data = Vec::with_capacity(f.size() as usize);
        f.read_to_end(&mut data).expect("an entry docx-rs wrote");
        out.start_file(name, opts).expect("a new entry in memory");
        out.write_all(&data).expect("writing to memory");
    }
    out.finish()
        .expect("closing a package in memory")
        .into_inner()
}

// ---- The field table the docs print ----

/// Which questions of the built-in rubrics (1.1.0 and 1.2.0) inform each field of each record,
/// as a Markdown table: printed in docs/records.md, checked there by a test.
pub fn field_table() -> String {
    use crate::review::records::templates::{RecordKind, Src, SupplierFact, TenderFact};
    let mut s = String::from(
        "| Record | Section | Field | Drawn from | The council's part |\n|---|---|---|---|---|\n",
    );
    for kind in RecordKind::ALL {
        let t = kind.template();
        for sec in t.sections {
            for f in sec.fields {
                let from: Vec<String> = f
                    .from
                    .iter()
                    .map(|src| match src {
                        Src::Q(id) => (*id).to_string(),
                        Src::QIn(id, versions) => format!("{id} (at {})", versions.join(", ")),
                        Src::Tender(TenderFact::Title) => "tender title".into(),
                        Src::Tender(TenderFact::Buyer) => "buyer".into(),
                        Src::Tender(TenderFact::RiskTier) => "risk tier".into(),
                        Src::Supplier(SupplierFact::Name) => "supplier's name".into(),
                        Src::Supplier(SupplierFact::CompanyNumber) => "company number".into(),
                        Src::Supplier(SupplierFact::Involved) => "(yes: a supplier)".into(),
                        Src::Risks => "the findings (risks)".into(),
                        Src::Names(words) => format!(
                            "where the testing and monitoring evidence names it: {}",
                            words.join(", ")
                        ),
                    })
                    .collect();
                s.push_str(&format!(
                    "| {} | {} | `{}` {} | {} | {} |\n",
                    kind.code(),
                    sec.title,
                    f.key,
                    f.label,
                    if from.is_empty() {
                        "–".to_string()
                    } else {
                        from.join(", ")
                    },
                    f.council.unwrap_or("–")
                ));
            }
        }
    }
    s
}
