//! `tenderscore score`: the ranked comparison.

use crate::cli::Global;
use crate::output::emit;
use crate::problem::did_you_mean;
use crate::render::{self, table::Style, Format};
use crate::result::{Status, TenderResult};
use anyhow::{bail, Result};
use std::io::IsTerminal;
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
#[command(after_help = r#"Examples:
  tenderscore score examples/care-triage
  tenderscore score examples/care-triage --detail --supplier "Pennine Care Data Ltd"
  tenderscore score examples/care-triage --format json -o result.json
  tenderscore score examples/care-triage --format csv --strict   # exit 1 unless all pass"#)]
pub struct Args {
    /// Tender folder (holding tender.toml)
    pub tender: PathBuf,
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// One row per supplier × question, explaining every figure
    #[arg(long)]
    pub detail: bool,
    /// Only this supplier, by name or folder (repeatable); ranks stay those of the whole tender
    #[arg(long, value_name = "NAME")]
    pub supplier: Vec<String>,
    /// Write there instead of stdout (atomically: never a half-written file)
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Exit 1 when any supplier is fail, incomplete or error
    #[arg(long)]
    pub strict: bool,
}

/// Keeps only the named suppliers; an unknown name is an error.
pub fn select(result: &mut TenderResult, names: &[String]) -> Result<()> {
    if names.is_empty() {
        return Ok(());
    }
    for n in names {
        if !result
            .suppliers
            .iter()
            .any(|s| &s.supplier == n || &s.folder == n)
        {
            bail!(
                "no supplier `{n}` in this tender{}",
                did_you_mean(n, result.suppliers.iter().map(|s| s.supplier.as_str()))
            );
        }
    }
    result
        .suppliers
        .retain(|s| names.iter().any(|n| &s.supplier == n || &s.folder == n));
    Ok(())
}

pub fn render(result: &TenderResult, format: Format, detail: bool, style: Style) -> String {
    match (format, detail) {
        (Format::Table, false) => render::table::summary(result, style),
        (Format::Table, true) => render::table::detail(result, style),
        (Format::Csv, false) => render::csv::summary(result),
        (Format::Csv, true) => render::csv::detail(result),
        (Format::Json, _) => render::json(result),
        (Format::Markdown, false) => render::markdown::summary(result),
        (Format::Markdown, true) => render::markdown::detail(result),
    }
}

pub fn run(args: &Args, global: &Global) -> Result<u8> {
    let loaded = super::load_scorable(&args.tender, global)?;
    let mut result = crate::score::score_tender(&loaded);
    select(&mut result, &args.supplier)?;
    let style = Style {
        color: args.output.is_none() && global.color_stdout(),
        wrap: args.output.is_none() && std::io::stdout().is_terminal(),
    };
    let text = render(&result, args.format, args.detail, style);
    emit(args.output.as_deref(), text.as_bytes())?;
    let errors: Vec<_> = result
        .suppliers
        .iter()
        .filter(|s| s.status == Status::Error)
        .collect();
    for s in &errors {
        global.note(&format!(
            "error: the response in `{}` could not be read:",
            s.folder
        ));
        for r in &s.reasons {
            global.note(&format!("  {r}"));
        }
    }
    if !errors.is_empty() {
        return Ok(super::FAILED);
    }
    if args.strict && result.suppliers.iter().any(|s| s.status != Status::Pass) {
        return Ok(super::FOUND);
    }
    Ok(super::OK)
}
