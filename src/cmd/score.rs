//! `tenderscore score`: the ranked comparison.

use crate::cli::Global;
use crate::output::{write_to, Target};
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
    /// Output format [default: from the -o file's extension (.json, .csv, .md), else table]
    #[arg(long, value_enum)]
    pub format: Option<Format>,
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

/// Keeps only the named suppliers; an unknown or ambiguous name is an error. A name is a
/// folder first (a supplier's identity); a display name is accepted only when exactly one
/// supplier gives it, as in `marks.csv`.
pub fn select(result: &mut TenderResult, names: &[String]) -> Result<()> {
    if names.is_empty() {
        return Ok(());
    }
    let mut keep: Vec<String> = Vec::new();
    for n in names {
        if result.suppliers.iter().any(|s| &s.folder == n) {
            keep.push(n.clone());
            continue;
        }
        let by_name: Vec<&str> = result
            .suppliers
            .iter()
            .filter(|s| &s.supplier == n)
            .map(|s| s.folder.as_str())
            .collect();
        match by_name.as_slice() {
            [one] => keep.push(one.to_string()),
            [] => bail!(
                "no supplier `{n}` in this tender{}",
                did_you_mean(
                    n,
                    result
                        .suppliers
                        .iter()
                        .flat_map(|s| [s.folder.as_str(), s.supplier.as_str()])
                )
            ),
            many => bail!(
                "supplier `{n}` is ambiguous: it is the display name given in folders {}; name the folder instead",
                many.iter().map(|f| format!("`{f}`")).collect::<Vec<_>>().join(" and ")
            ),
        }
    }
    result.suppliers.retain(|s| keep.contains(&s.folder));
    result.selection = result.suppliers.iter().map(|s| s.folder.clone()).collect();
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

/// The format asked for, or the one the `-o` file's extension names, or a table.
pub fn format_for(format: Option<Format>, output: Option<&std::path::Path>) -> Format {
    format.unwrap_or_else(|| {
        let ext = output
            .and_then(|p| p.extension())
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        match ext.as_deref() {
            Some("json") => Format::Json,
            Some("csv") => Format::Csv,
            Some("md" | "markdown") => Format::Markdown,
            _ => Format::Table,
        }
    })
}

pub fn run(args: &Args, global: &Global) -> Result<u8> {
    let target = args.output.as_deref().map(Target::new).transpose()?;
    let loaded = super::load_scorable(&args.tender, global)?;
    if let Some(t) = &target {
        t.refuse_input(|p| loaded.reads_file(p))?;
    }
    if loaded.submissions.is_empty() {
        bail!(
            "{}: no submissions to score: put one folder per supplier, each with a response.yaml, in {}",
            args.tender.display(),
            loaded.tender.submissions_dir.display()
        );
    }
    let mut result = crate::score::score_tender(&loaded);
    select(&mut result, &args.supplier)?;
    let style = Style {
        color: args.output.is_none() && global.color_stdout(),
        wrap: args.output.is_none() && std::io::stdout().is_terminal(),
    };
    let format = format_for(args.format, args.output.as_deref());
    let text = render(&result, format, args.detail, style);
    match &target {
        Some(t) => write_to(t, text.as_bytes())?,
        None => crate::output::emit(None, text.as_bytes())?,
    }
    let errors: Vec<_> = result
        .suppliers
        .iter()
        .filter(|s| s.status == Status::Error)
        .collect();
    for s in &errors {
        global.error(&format!(
            "error: the response in `{}` could not be read:",
            crate::sanitize::inline(&s.folder)
        ));
        for r in &s.reasons {
            global.error(&format!("  {}", crate::sanitize::inline(r)));
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
