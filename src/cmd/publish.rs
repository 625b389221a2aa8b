//! `tenderscore publish`: the award as open contracting data.

use crate::cli::{Global, PublishArgs, PublishFormat};
use anyhow::Result;
use tenderscore::review::publish::{notice, NotYet};

pub fn run(args: &PublishArgs, global: &Global) -> Result<u8> {
    let loaded = super::load(&args.tender, global)?;
    let result = tenderscore::score::score_tender(loaded.scorable().map_err(super::Reported)?);
    let n = match notice(&loaded, &result) {
        Ok(n) => n,
        Err(why) => {
            let say = |m: &str| global.error(&format!("tenderscore: {m}"));
            match why {
                NotYet::NoPrefix => say(
                    "tender.toml has no [publish] ocid_prefix: add `[publish]` with `ocid_prefix = \"ocds-xxxxxx\"`, the OCDS prefix registered for the council",
                ),
                NotYet::NeverFinal => say(
                    "this evaluation never says whether it is final (scoring rules 1 without [award]): publish needs scoring rules 2 or an [award] section",
                ),
                NotYet::Pending(lines) => {
                    say(&format!(
                        "the evaluation is provisional, so there is no award to publish yet; {} matter(s) pending:",
                        lines.len()
                    ));
                    for l in lines {
                        global.error(&format!("  {}", tenderscore::sanitize::inline(&l)));
                    }
                }
                NotYet::NoAward => say("the evaluation is final and no tender qualifies: there is no award to publish"),
            }
            return Ok(super::FAILED);
        }
    };
    let text = match args.format {
        PublishFormat::Ocds => tenderscore::render::ocds::package(&n),
    };
    super::write_output(&args.output, text.as_bytes(), |p| loaded.reads_file(p))?;
    Ok(super::OK)
}
