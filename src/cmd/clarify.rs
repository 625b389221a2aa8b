//! `tenderscore clarify`: per supplier, the letter of clarification questions to send back,
//! and apart from it the panel's notes.

use crate::cli::{ClarifyArgs, ClarifyFormat, Global, OutputArg};
use anyhow::{Context, Result};
use tenderscore::render::clarify as doc;
use tenderscore::review::clarify::{self, Category};

pub fn run(args: &ClarifyArgs, global: &Global) -> Result<u8> {
    let loaded = super::load(&args.tender, global)?;
    let mut result = tenderscore::score::score_tender(loaded.scorable().map_err(super::Reported)?);
    tenderscore::score::select(&mut result, &args.supplier.supplier)
        .map_err(super::Reported::from)?;
    let mut all = clarify::for_tender(&loaded, &result);
    if let Some(dir) = &args.letters {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("{}: cannot create the folder", dir.display()))?;
        for s in &all {
            let path = dir.join(format!("{}.md", s.folder));
            let text = doc::letter(&result, &clarify::letter(s));
            let output = OutputArg {
                output: Some(path.clone()),
            };
            super::write_output(&output, text.as_bytes(), |p| loaded.reads_file(p))?;
        }
        global.note(&format!("wrote {} letters to {}", all.len(), dir.display()));
        note_panel(&all, global);
        return Ok(super::OK);
    }
    let format = args.format.resolve(&args.output);
    let bom = args.bom.prefix(format == ClarifyFormat::Csv)?;
    if args.panel {
        for s in &mut all {
            s.clarifications.retain(|c| c.category == Category::Marking);
        }
    } else if format == ClarifyFormat::Markdown {
        note_panel(&all, global);
    }
    let text = match format {
        ClarifyFormat::Markdown if args.panel => doc::panel(&result, &all),
        ClarifyFormat::Markdown => doc::markdown(&result, &all),
        ClarifyFormat::Csv => doc::csv(&all),
        ClarifyFormat::Json => doc::json(&result, &all),
    };
    let bytes = [bom, text.as_bytes()].concat();
    super::write_output(&args.output, &bytes, |p| loaded.reads_file(p))?;
    Ok(super::OK)
}

/// Says on stderr that the panel has notes the letters leave out.
fn note_panel(all: &[clarify::SupplierClarifications], global: &Global) {
    let n: usize = all
        .iter()
        .map(|s| {
            s.clarifications
                .iter()
                .filter(|c| c.category == Category::Marking)
                .count()
        })
        .sum();
    if n > 0 {
        global.note(&format!(
            "{n} notes for the panel are not in the letters: `tenderscore clarify --panel` lists them"
        ));
    }
}
