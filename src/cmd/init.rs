//! `tenderscore init`: a new tender folder with a commented `tender.toml`.

use crate::cli::Global;
use anyhow::{bail, Context, Result};
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
#[command(after_help = r#"Examples:
  tenderscore init my-tender --id LCC-2026-014 --title "Resident contact assistant" --as-of 2026-10-01"#)]
pub struct Args {
    /// The new tender folder (created; an existing one must hold no tender.toml or submissions/)
    pub dir: PathBuf,
    /// Tender id, e.g. LCC-2026-014
    #[arg(long, default_value = "TENDER-ID")]
    pub id: String,
    /// Tender title
    #[arg(long, default_value = "AI system procurement")]
    pub title: String,
    /// Risk tier: which questions apply, and where verification is needed
    #[arg(long, value_enum, default_value = "high")]
    pub risk: super::template::RiskArg,
    /// Evaluation date (YYYY-MM-DD); evidence validity is judged at it. Default: today (UTC)
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<jiff::civil::Date>,
}

/// A TOML basic string, escaped by TOML's rules (a control character in an id or title must
/// not produce a file that `check` then rejects).
fn toml_string(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

pub fn tender_toml(id: &str, title: &str, risk: &str, as_of: &str) -> String {
    let id = toml_string(id);
    let title = toml_string(title);
    format!(
        r#"# A tender for tenderscore. Every line is explained; see docs/formats.md for more.
id = {id}                  # the tender's reference; responses may quote it as `tender:`
title = {title}
buyer = "Example Council"
risk = "{risk}"                    # low | medium | high: which questions apply, and where
                                   # third-party verification of evidence is needed
as_of = {as_of}              # the evaluation date: evidence is valid or stale as of this day
submissions = "submissions"        # one folder per supplier, each with response.yaml

# The rubrics used, each at an exact version (a tender never floats to a newer one),
# and their relative weights in the total (they need not add up to 100).
[[rubrics]]
use = "aime@1.0.0"                 # the supplier organisation's AI management (AIME-style)
weight = 25
# exclude = ["AIME-3.4"]           # questions this tender leaves out
# weights = {{ "AIME-2.1" = 3 }}     # question weight overrides

[[rubrics]]
use = "psed@1.0.0"                 # equality due diligence (Equality Act 2010 s.149)
weight = 25

[[rubrics]]
use = "gdpr@1.0.0"                 # UK GDPR / DPA 2018 due diligence
weight = 30

[[rubrics]]
use = "contract@1.0.0"             # data, contract and lock-in safeguards
weight = 20

[scoring]
unevidenced_credit = 0.5           # share of a claim's score kept without valid evidence
unverified_credit = 0.75           # share kept when verification is needed but absent
min_total = 60                     # a supplier below this total fails
min_rubric = 40                    # a supplier below this in any one rubric fails
marks_scale = 5                    # evaluators mark free-text answers 0..marks_scale
max_mark_spread = 2                # a wider spread between evaluators needs a moderated mark
"#
    )
}

pub fn run(args: &Args, global: &Global) -> Result<u8> {
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
    let risk = crate::rubric::Tier::from(args.risk).to_string();
    let text = tender_toml(&args.id, &args.title, &risk, &as_of.to_string());
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
        });
    if let Err(e) = made {
        drop(f);
        let _ = std::fs::remove_file(&toml_path);
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
