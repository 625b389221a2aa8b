//! `tenderscore summary`: the assessment summary for one supplier (Procurement Act 2023 s.50).

use crate::cli::Global;
use anyhow::{anyhow, Result};
use std::path::PathBuf;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Markdown,
    Json,
}

#[derive(Debug, clap::Args)]
#[command(after_help = r#"Examples:
  tenderscore summary examples/care-triage --supplier "Quillon AI Ltd" -o quillon-summary.md"#)]
pub struct Args {
    /// Tender folder
    pub tender: PathBuf,
    /// The supplier, by name or folder
    #[arg(long, value_name = "NAME")]
    pub supplier: String,
    #[arg(long, value_enum, default_value_t = Format::Markdown)]
    pub format: Format,
    /// Write there instead of stdout (atomically)
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

pub fn run(args: &Args, global: &Global) -> Result<u8> {
    let loaded = super::load_scorable(&args.tender, global)?;
    let result = crate::score::score_tender(&loaded);
    let mut one = result.clone();
    super::score::select(&mut one, std::slice::from_ref(&args.supplier))?;
    let s = one
        .suppliers
        .first()
        .ok_or_else(|| anyhow!("no supplier `{}`", args.supplier))?;
    let summary = crate::summary::build(&loaded, &result, s);
    let text = match args.format {
        Format::Markdown => crate::summary::markdown(&summary),
        Format::Json => {
            let mut s = serde_json::to_string_pretty(&summary)?;
            s.push('\n');
            s
        }
    };
    super::write_output(args.output.as_deref(), text.as_bytes(), |p| {
        loaded.reads_file(p)
    })?;
    Ok(super::OK)
}
