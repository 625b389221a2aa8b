//! `tenderscore rubrics list | show | diff | docs`.

use crate::cli::{Global, RubricsCommand};
use anyhow::Result;
use tenderscore::load::registry::Registry;
use tenderscore::model::rubric::Rubric;
use tenderscore::render::rubric as doc;

pub fn run(cmd: &RubricsCommand, global: &Global) -> Result<u8> {
    let registry = Registry::new(&global.rubrics).map_err(super::Reported)?;
    let load = |r: &str| -> Result<Rubric, super::Reported> { Ok(registry.find(r)?.parse()?) };
    let all = || -> Result<Vec<_>, super::Reported> {
        registry
            .files()
            .map(|f| Ok((f.parse()?, f.origin.clone())))
            .collect()
    };
    let text = match cmd {
        RubricsCommand::List => doc::list(&all()?),
        RubricsCommand::Show { rubric } => doc::show(&load(rubric)?),
        RubricsCommand::Docs => doc::docs(&all()?.into_iter().map(|(r, _)| r).collect::<Vec<_>>()),
        RubricsCommand::Diff { old, new } => doc::diff(&load(old)?, &load(new)?),
    };
    crate::output::emit(None, text.as_bytes())?;
    Ok(super::OK)
}
