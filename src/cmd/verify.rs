//! `tenderscore verify`: re-score a tender and compare with a saved JSON result.

use crate::cli::Global;
use crate::result::SCHEMA_VERSION;
use anyhow::{anyhow, bail, Context, Result};
use std::io::Write;
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
#[command(after_help = r#"Examples:
  tenderscore score examples/care-triage --format json -o examples/care-triage/result.json
  tenderscore verify examples/care-triage/result.json   # exit 1 and one line per difference"#)]
pub struct Args {
    /// A result saved by `score --format json`
    pub result: PathBuf,
    /// The tender folder (default: the folder holding RESULT.json, if it has a tender.toml)
    #[arg(long, value_name = "DIR")]
    pub tender: Option<PathBuf>,
}

/// Largest saved result read, in bytes.
const MAX_RESULT_BYTES: u64 = 512 << 20;

pub fn run(args: &Args, global: &Global) -> Result<u8> {
    let (text, _) =
        crate::yaml::read_text(&args.result, MAX_RESULT_BYTES).map_err(|p| anyhow!("{p}"))?;
    let saved: serde_json::Value = serde_json::from_str(&text)
        .with_context(|| format!("{}: not a JSON result", args.result.display()))?;
    let version = saved["schema_version"].as_u64().ok_or_else(|| {
        anyhow!(
            "{}: no schema_version: not a tenderscore result",
            args.result.display()
        )
    })?;
    if version > u64::from(SCHEMA_VERSION) {
        bail!(
            "{}: schema_version {version} is newer than this tenderscore understands ({SCHEMA_VERSION}); use a newer tenderscore",
            args.result.display()
        );
    }
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
    let loaded = crate::load::load_tender(&dir, &global.rubrics).map_err(super::Reported)?;
    let submissions = loaded
        .tender
        .submissions_dir
        .strip_prefix(&loaded.dir)
        .map(|p| p.display().to_string())
        .unwrap_or_else(|_| "submissions".into());
    let diffs = if loaded.marks_problems.is_empty() {
        let fresh = serde_json::to_value(crate::score::score_tender(&loaded))?;
        crate::verify::compare(&saved, &fresh, &submissions)
    } else {
        // The tender cannot be re-scored (marks.csv no longer fits it, most often because a
        // bid was removed): say which bids have gone, then why marks.csv cannot be applied.
        crate::verify::cannot_rescore(&saved, &loaded, &submissions)
    };
    let mut out = std::io::stdout().lock();
    for d in &diffs {
        writeln!(out, "{}: {}", d.kind, crate::sanitize::inline(&d.text))?;
    }
    out.flush()?;
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
