//! `tenderscore schema`: JSON Schema of each file, generated from the Rust types.

use crate::cli::{Global, SchemaArgs, SchemaWhich};
use anyhow::Result;
use tenderscore::render::schema::{schema, Which};

pub fn run(args: &SchemaArgs, _global: &Global) -> Result<u8> {
    let which = match args.which {
        SchemaWhich::Rubric => Which::Rubric,
        SchemaWhich::Tender => Which::Tender,
        SchemaWhich::Response => Which::Response,
        SchemaWhich::Result => Which::Result,
        SchemaWhich::Ledger => Which::Ledger,
    };
    crate::output::emit(None, schema(which).as_bytes())?;
    Ok(super::OK)
}
