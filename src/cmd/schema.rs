//! `tenderscore schema`: JSON Schema of each file, generated from the Rust types.

use crate::cli::Global;
use anyhow::Result;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Which {
    Rubric,
    Tender,
    Response,
    Result,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Which file
    #[arg(value_enum)]
    pub which: Which,
}

/// The schema as pretty JSON.
pub fn schema(which: Which) -> String {
    let s = match which {
        Which::Rubric => schemars::schema_for!(crate::rubric::Rubric),
        Which::Tender => schemars::schema_for!(crate::tender::TenderFile),
        Which::Response => schemars::schema_for!(crate::response::ResponseFile),
        Which::Result => schemars::schema_for!(crate::result::TenderResult),
    };
    let mut out = serde_json::to_string_pretty(&s).expect("schemas serialise");
    out.push('\n');
    out
}

pub fn run(args: &Args, _global: &Global) -> Result<u8> {
    crate::output::emit(None, schema(args.which).as_bytes())?;
    Ok(super::OK)
}
