//! The text layer of a PDF, for the sandboxed worker only (docs/evidence-text.md, "Choosing
//! the PDF reader"): hayro-interpret 0.9 (pure Rust, no threads) with the small text device
//! below, and lopdf's `extract_text` (without its rayon feature) when hayro finds no text.
//! Measured on 154 public PDFs by `scripts/pdf-recall.sh`.

use hayro_interpret::font::{Glyph, GlyphRun};
use hayro_interpret::hayro_cmap::{BfString, WritingMode};
use hayro_interpret::kurbo::{Affine, BezPath, Point, Rect, Vec2};
use hayro_interpret::{
    interpret_page, BlendMode, ClipPath, Context, Device, DrawMode, DrawProps, Image,
    ImageDrawProps, InterpreterCache, InterpreterSettings, SoftMask, TransformExt,
};
use hayro_syntax::page::Page;
use hayro_syntax::{LoadPdfError, Pdf};

use super::shared::{Raw, MAX_PDF_PAGES, PAGE_BREAK};

/// Why a PDF gave no text: a password (nothing to read, the file is not broken) or a file
/// that cannot be parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PdfFailure {
    Encrypted(String),
    Unreadable(String),
}

impl std::fmt::Display for PdfFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PdfFailure::Encrypted(why) | PdfFailure::Unreadable(why) => f.write_str(why),
        }
    }
}

/// The text of each page (index 0 is page 1), at most [`MAX_PDF_PAGES`] pages.
pub fn pdf_pages(bytes: &[u8]) -> Result<Vec<String>, PdfFailure> {
    let first = hayro_pages(bytes).map(|(pages, hidden)| (pages, hidden > 0));
    // lopdf reads hidden text too: once hayro has seen text drawn to be unseen, its reading
    // stands, however little it found.
    let first = match first {
        Ok((pages, true)) => return Ok(pages),
        Ok((pages, false)) => Ok(pages),
        Err(e) => Err(e),
    };
    if let Ok(pages) = &first {
        if non_space(pages) > 20 {
            return first;
        }
    }
    // hayro found little or nothing (a CID font without a ToUnicode map it can use), or could not
    // open the file: lopdf's reader, keeping whichever found more.
    match (first, lopdf_pages(bytes)) {
        (Ok(a), Ok(b)) => Ok(if non_space(&b) > non_space(&a) { b } else { a }),
        (Ok(a), Err(_)) => Ok(a),
        // lopdf opens some files hayro refuses, among them some encrypted with a password,
        // as if they had no text: hayro's complaint stands unless lopdf finds text.
        (Err(a), Ok(b)) => {
            if non_space(&b) > 0 {
                Ok(b)
            } else {
                Err(a)
            }
        }
        (Err(a), Err(_)) => Err(a),
    }
}

fn non_space(pages: &[String]) -> usize {
    pages
        .iter()
        .flat_map(|p| p.chars())
        .filter(|c| !c.is_whitespace())
        .count()
}

/// hayro: every page interpreted, glyphs turned into text by [`TextDevice`]; with the number
/// of glyphs left out as hidden.
pub fn hayro_pages(bytes: &[u8]) -> Result<(Vec<String>, usize), PdfFailure> {
    // `Pdf::new` tries the empty user password itself.
    let pdf = Pdf::new(bytes.to_vec()).map_err(|e| match e {
        LoadPdfError::Decryption(d) => {
            PdfFailure::Encrypted(format!("the PDF is encrypted with a password ({d:?})"))
        }
        LoadPdfError::Invalid => PdfFailure::Unreadable("not a readable PDF".to_string()),
    })?;
    let cache = InterpreterCache::new();
    let settings = InterpreterSettings::default();
    let mut pages = Vec::new();
    let mut hidden = 0;
    for page in pdf.pages().iter().take(MAX_PDF_PAGES) {
        // A page that panics loses its own text only.
        let (text, h) = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            page_text(page, &cache, &settings)
        }))
        .unwrap_or_default();
        pages.push(text);
        hidden += h;
    }
    Ok((pages, hidden))
}

fn page_text<'a>(
    page: &'a Page<'a>,
    cache: &InterpreterCache<'a>,
    settings: &InterpreterSettings,
) -> (String, usize) {
    let (w, h) = page.render_dimensions();
    let mut ctx = Context::new(
        page.initial_transform(true).to_kurbo(),
        Rect::new(0.0, 0.0, w as f64, h as f64),
        cache,
        page.xref(),
        settings.clone(),
    );
    let mut device = TextDevice {
        page: Rect::new(0.0, 0.0, w as f64, h as f64).inflate(1.0, 1.0),
        ..TextDevice::default()
    };
    interpret_page(page, &mut ctx, &mut device);
    (device.out, device.hidden)
}

/// lopdf's own reader, page by page.
pub fn lopdf_pages(bytes: &[u8]) -> Result<Vec<String>, PdfFailure> {
    let mut doc = lopdf::Document::load_mem(bytes)
        .map_err(|e| PdfFailure::Unreadable(format!("not a readable PDF: {e}")))?;
    if doc.is_encrypted() && doc.decrypt("").is_err() {
        return Err(PdfFailure::Encrypted(
            "the PDF is encrypted with a password".into(),
        ));
    }
    let numbers: Vec<u32> = doc
        .get_pages()
        .keys()
        .copied()
        .take(MAX_PDF_PAGES)
        .collect();
    Ok(numbers
        .into_iter()
        .map(|n| doc.extract_text(&[n]).unwrap_or_default())
        .collect())
}

/// Collects the Unicode text of the glyphs drawn, in content-stream order: a space where the gap
/// to the previous glyph is wider than 0.15 em, a line break where the baseline moves by more
/// than half an em or goes back.
///
/// Text a reader never sees is left out: glyphs drawn invisible (text render mode 3, and
/// clipping-only text), glyphs whose origin lies outside the page's crop box, and glyphs
/// smaller than 1 pt after every transformation. White-on-white or covered text is not
/// detected.
#[derive(Default)]
struct TextDevice {
    out: String,
    /// The crop box in device space, a point wider each way for rounding.
    page: Rect,
    /// Glyphs left out as hidden.
    hidden: usize,
    /// End of the previous glyph, its direction of writing and its size, in page space.
    prev: Option<(Point, Vec2, f64)>,
    /// The previous run's matrix and text: fill-and-stroke text is drawn twice.
    prev_run: Option<([f64; 6], String)>,
}

impl TextDevice {
    fn push_glyph(&mut self, t: Affine, advance: f64, vertical: bool, s: &str) {
        let origin = t * Point::ZERO;
        let up = t * Point::new(0.0, 1000.0) - origin;
        let size = up.hypot().max(1e-6);
        let (dir, end) = if vertical {
            let d = -up / size;
            (d, origin + d * size)
        } else {
            let d = t * Point::new(1000.0, 0.0) - origin;
            let l = d.hypot();
            let d = if l > 0.0 { d / l } else { Vec2::new(1.0, 0.0) };
            (d, t * Point::new(advance, 0.0))
        };
        if let Some((prev_end, prev_dir, prev_size)) = self.prev {
            let delta = origin - prev_end;
            let along = delta.dot(prev_dir);
            let across = delta.cross(prev_dir).abs();
            let em = prev_size.max(size);
            if across > 0.5 * em || along < -2.0 * em {
                if !self.out.is_empty() && !self.out.ends_with('\n') {
                    self.out.push('\n');
                }
            } else if along > 0.15 * em && !self.out.ends_with([' ', '\n']) && !s.starts_with(' ') {
                self.out.push(' ');
            }
        }
        self.out.push_str(s);
        self.prev = Some((end, dir, size));
    }
}

impl<'a> Device<'a> for TextDevice {
    fn draw_path(&mut self, _: &BezPath, _: DrawProps<'a>, _: &DrawMode) {}
    fn push_clip_path(&mut self, _: &ClipPath) {}
    fn push_transparency_group(&mut self, _: f32, _: Option<SoftMask<'a>>, _: BlendMode) {}
    fn draw_glyph_run(&mut self, run: &GlyphRun<'_, 'a>, props: DrawProps<'a>, mode: &DrawMode) {
        if matches!(mode, DrawMode::Invisible) {
            self.hidden += run.glyphs().len();
            return;
        }
        let glyphs = run.glyphs();
        let Some(first) = glyphs.first() else { return };
        // Fill-and-stroke text is drawn twice, the same glyphs with the same matrix: read it
        // once. The key holds the whole matrix and the text, so a tiny or hidden run at the
        // same place cannot make a visible one look like its repeat.
        let text: String = glyphs
            .iter()
            .map(|g| match g.as_unicode() {
                Some(BfString::Char(c)) => c.to_string(),
                Some(BfString::String(s)) => s.to_string(),
                None => String::new(),
            })
            .collect();
        let key = ((props.transform * first.transform()).as_coeffs(), text);
        if self.prev_run.as_ref() == Some(&key) {
            return;
        }
        self.prev_run = Some(key);
        let vertical = matches!(run.writing_mode(), WritingMode::Vertical);
        for g in glyphs {
            let t = props.transform * g.transform();
            // Glyph space is 1000 units to the em: the em's height on the page, in points.
            let origin = t * Point::ZERO;
            let size = (t * Point::new(0.0, 1000.0) - origin).hypot();
            // And its width: text squashed flat by a horizontal scale is as unreadable.
            let width = (t * Point::new(1000.0, 0.0) - origin).hypot();
            if size < 1.0 || width < 1.0 || !self.page.contains(origin) {
                self.hidden += 1;
                continue;
            }
            let advance = match &**g {
                Glyph::Outline(o) => o.advance_width(),
                Glyph::Type3(t3) => t3.advance_width(),
            }
            .map_or(500.0, f64::from);
            match g.as_unicode() {
                Some(BfString::Char(c)) => {
                    self.push_glyph(t, advance, vertical, c.encode_utf8(&mut [0; 4]))
                }
                Some(BfString::String(s)) => self.push_glyph(t, advance, vertical, &s),
                None => self.push_glyph(t, advance, vertical, ""),
            }
        }
    }
    fn draw_image(&mut self, _: Image<'a, '_>, _: ImageDrawProps<'a>) {}
    fn pop_clip(&mut self) {}
    fn pop_transparency_group(&mut self) {}
}

pub(super) fn pdf(bytes: &[u8]) -> Raw {
    if !bytes.starts_with(b"%PDF")
        && !bytes[..bytes.len().min(1024)]
            .windows(4)
            .any(|w| w == b"%PDF")
    {
        return Raw::Broken("not a PDF: it does not start with %PDF".into());
    }
    match pdf_pages(bytes) {
        Err(PdfFailure::Encrypted(why)) => Raw::NoText(why),
        Err(PdfFailure::Unreadable(why)) => Raw::Broken(format!("not a readable PDF: {why}")),
        Ok(pages) if pages.is_empty() => Raw::Broken("the PDF has no pages".into()),
        Ok(pages) => Raw::Text(
            pages
                .iter()
                .map(|p| p.replace(PAGE_BREAK, " "))
                .collect::<Vec<_>>()
                .join(&PAGE_BREAK.to_string()),
        ),
    }
}
