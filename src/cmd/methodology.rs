//! `tenderscore methodology`: the evaluation methodology to publish with the tender.

use crate::cli::{Global, MethodologyArgs, MethodologyFormat};
use anyhow::Result;
use tenderscore::render::methodology as doc;

pub fn run(args: &MethodologyArgs, global: &Global) -> Result<u8> {
    let loaded = super::load(&args.tender, global)?;
    let m = tenderscore::review::methodology::build(&loaded);
    let text = match args.format.resolve(&args.output) {
        MethodologyFormat::Markdown => doc::markdown(&m),
        MethodologyFormat::Html => doc::html(&m),
    };
    super::write_output(&args.output, text.as_bytes(), |p| loaded.reads_file(p))?;
    Ok(super::OK)
}
