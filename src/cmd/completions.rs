//! `tenderscore completions`: shell completion scripts, generated from the one definition
//! of every flag in `cli`.

use crate::cli::{Cli, CompletionsArgs, Global};
use anyhow::Result;
use clap::CommandFactory;

pub fn run(args: &CompletionsArgs, _global: &Global) -> Result<u8> {
    let mut buf = Vec::new();
    clap_complete::generate(args.shell, &mut Cli::command(), "tenderscore", &mut buf);
    crate::output::emit(None, &buf)?;
    Ok(super::OK)
}
