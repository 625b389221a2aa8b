//! `tenderscore verify`: re-score a tender and compare with a saved JSON result.

use crate::cli::{Global, VerifyArgs};
use anyhow::{bail, Result};
use std::path::PathBuf;

pub fn run(args: &VerifyArgs, global: &Global) -> Result<u8> {
    let saved = tenderscore::load::saved::read(&args.result).map_err(super::Reported::from)?;
    let dir = match &args.tender {
        Some(d) => d.clone(),
        None => {
            let parent = args.result.parent().map(PathBuf::from).unwrap_or_default();
            let parent = if parent.as_os_str().is_empty() {
                PathBuf::from(".")
            } else {
                parent
            };
            if !parent.join("tender.toml").is_file() {
                bail!(
                    "{}: no tender.toml beside the result; name the tender with --tender DIR",
                    args.result.display()
                );
            }
            parent
        }
    };
    let loaded = super::load(&dir, global)?;
    let submissions = loaded
        .tender
        .submissions_dir
        .strip_prefix(&loaded.dir)
        .map(|p| p.display().to_string())
        .unwrap_or_else(|_| "submissions".into());
    let diffs = if let Ok(scorable) = loaded.scorable() {
        let fresh = serde_json::to_value(tenderscore::score::score_tender(scorable))?;
        tenderscore::review::verify::compare(&saved, &fresh, &submissions)
    } else {
        // The tender cannot be re-scored (marks.csv no longer fits it, most often because a
        // bid was removed): say which bids have gone, then why marks.csv cannot be applied.
        tenderscore::review::verify::cannot_rescore(&saved, &loaded, &submissions)
    };
    crate::output::emit(None, tenderscore::render::verify::report(&diffs).as_bytes())?;
    let was = saved["tool"]["version"].as_str().unwrap_or("?");
    let now = env!("CARGO_PKG_VERSION");
    if was != now {
        global.note(&format!(
            "note: the result was written by tenderscore {was}; this is {now}"
        ));
    }
    if diffs.is_empty() {
        let n = saved["suppliers"].as_array().map_or(0, |a| a.len());
        global.note(&format!(
            "verified: every file hash and every figure of {n} supplier(s) match"
        ));
        Ok(super::OK)
    } else {
        global.note(&format!("{} difference(s)", diffs.len()));
        Ok(super::FOUND)
    }
}
