//! `tenderscore completions`: shell completion scripts.

use crate::cli::{Cli, Global};
use anyhow::Result;
use clap::CommandFactory;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The shell
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

pub fn run(args: &Args, _global: &Global) -> Result<u8> {
    let mut buf = Vec::new();
    clap_complete::generate(args.shell, &mut Cli::command(), "tenderscore", &mut buf);
    crate::output::emit(None, &buf)?;
    Ok(super::OK)
}
