//! `tenderscore marks import`: filled marking sheets checked and merged into `marks.csv`.

use crate::cli::{Global, MarksCommand, MarksImportArgs};
use anyhow::{Context, Result};
use tenderscore::load::marksheet;
use tenderscore::render;

pub fn run(c: &MarksCommand, global: &Global) -> Result<u8> {
    match c {
        MarksCommand::Import(a) => import(a, global),
    }
}

fn import(args: &MarksImportArgs, global: &Global) -> Result<u8> {
    let loaded = super::load(&args.tender, global)?;
    let imported = marksheet::import(&loaded, &args.sheets)
        .map_err(|p| super::Reported(tenderscore::problem::Problems(p)))?;
    let path = loaded.dir.join("marks.csv");
    let summary = format!(
        "{} new mark{} from {} sheet{}{}{}",
        imported.marks.len(),
        if imported.marks.len() == 1 { "" } else { "s" },
        args.sheets.len(),
        if args.sheets.len() == 1 { "" } else { "s" },
        if imported.unmarked > 0 {
            format!("; {} rows without a mark left out", imported.unmarked)
        } else {
            String::new()
        },
        if imported.already > 0 {
            format!("; {} already in marks.csv", imported.already)
        } else {
            String::new()
        }
    );
    if args.dry_run {
        global.note(&format!("{summary} (dry run: marks.csv not written)"));
        return Ok(super::OK);
    }
    if imported.marks.is_empty() {
        global.note(&format!("{summary}: marks.csv unchanged"));
        return Ok(super::OK);
    }
    let existing = match std::fs::read_to_string(&path) {
        Ok(t) => Some(t),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(e).with_context(|| format!("{}: cannot read", path.display())),
    };
    let text = render::marksheet::marks_csv(existing.as_deref(), &imported.marks);
    let target = crate::output::Target::new(&path)?;
    crate::output::write_to(&target, text.as_bytes())?;
    global.note(&format!("{summary}: written to {}", path.display()));
    Ok(super::OK)
}
