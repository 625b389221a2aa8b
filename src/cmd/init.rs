//! `tenderscore init`: a new tender folder with a commented `tender.toml`.

use crate::cli::{Global, InitArgs};
use anyhow::{bail, Context, Result};
use tenderscore::render::tender::tender_toml;

pub fn run(args: &InitArgs, global: &Global) -> Result<u8> {
    let toml_path = args.dir.join("tender.toml");
    let subs = args.dir.join("submissions");
    for p in [&toml_path, &subs] {
        if p.exists() {
            bail!(
                "{} already exists: init never overwrites anything",
                p.display()
            );
        }
    }
    let as_of = match args.as_of {
        Some(d) => d,
        // The one place the clock is read: a default for a new file, recorded in it.
        None => jiff::Timestamp::now()
            .to_zoned(jiff::tz::TimeZone::UTC)
            .date(),
    };
    let risk = tenderscore::model::rubric::Tier::from(args.risk).to_string();
    let mut text = tender_toml(&args.id, &args.title, &risk, &as_of.to_string(), args.award);
    let schema_path = args.dir.join("tender.schema.json");
    if args.schema {
        if schema_path.exists() {
            bail!(
                "{} already exists: init never overwrites anything",
                schema_path.display()
            );
        }
        text = format!("#:schema ./tender.schema.json\n{text}");
    }
    std::fs::create_dir_all(&args.dir)
        .with_context(|| format!("{}: cannot create", args.dir.display()))?;
    // tender.toml first, never over anything; then submissions/. If the second step fails,
    // the first is undone, so a refused init leaves nothing behind.
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&toml_path)
        .with_context(|| format!("{}: cannot create", toml_path.display()))?;
    let made = std::io::Write::write_all(&mut f, text.as_bytes())
        .map_err(anyhow::Error::from)
        .and_then(|_| {
            std::fs::create_dir(&subs).with_context(|| format!("{}: cannot create", subs.display()))
        })
        .and_then(|_| {
            if !args.schema {
                return Ok(());
            }
            let schema =
                tenderscore::render::schema::schema(tenderscore::render::schema::Which::Tender);
            std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&schema_path)
                .and_then(|mut s| std::io::Write::write_all(&mut s, schema.as_bytes()))
                .with_context(|| format!("{}: cannot create", schema_path.display()))
        });
    if let Err(e) = made {
        drop(f);
        let _ = std::fs::remove_file(&toml_path);
        let _ = std::fs::remove_dir(&subs);
        return Err(e);
    }
    global.note(&format!(
        "created {} and {}/\nnext: edit tender.toml, then `tenderscore template {}` gives suppliers a blank response.yaml",
        toml_path.display(),
        subs.display(),
        args.dir.display()
    ));
    Ok(super::OK)
}
