//! `tenderscore man`: manual pages generated from the one definition of every command and
//! flag in `cli`, so they always say what `--help` says.

use crate::cli::{Cli, Global, ManArgs};
use anyhow::{Context, Result};
use clap::CommandFactory;

fn page(cmd: clap::Command) -> Result<Vec<u8>> {
    let mut buf = Vec::new();
    clap_mangen::Man::new(cmd).render(&mut buf)?;
    Ok(buf)
}

pub fn run(args: &ManArgs, global: &Global) -> Result<u8> {
    let cmd = Cli::command();
    let Some(dir) = &args.dir else {
        crate::output::emit(None, &page(cmd)?)?;
        return Ok(super::OK);
    };
    std::fs::create_dir_all(dir).with_context(|| format!("{}: cannot create", dir.display()))?;
    let mut written = 0;
    let mut write = |name: String, bytes: Vec<u8>| -> Result<()> {
        let output = crate::cli::OutputArg {
            output: Some(dir.join(name)),
        };
        super::write_output(&output, &bytes, |_| false)?;
        written += 1;
        Ok(())
    };
    write("tenderscore.1".into(), page(cmd.clone())?)?;
    for sub in cmd.get_subcommands() {
        let name = format!("tenderscore-{}", sub.get_name());
        let sub = sub.clone().name(name.clone());
        write(format!("{name}.1"), page(sub)?)?;
    }
    global.note(&format!(
        "wrote {written} manual pages to {}",
        dir.display()
    ));
    Ok(super::OK)
}
