//! `tenderscore renewals`: the day each piece of a supplier's evidence stops counting, for the
//! contract manager.

use crate::cli::{Global, RenewalsArgs, RenewalsFormat};
use anyhow::Result;
use tenderscore::render::renewals as doc;
use tenderscore::render::table::{Style, PIPED_WIDTH};

pub fn run(args: &RenewalsArgs, global: &Global) -> Result<u8> {
    let loaded = super::load(&args.tender, global)?;
    let result = tenderscore::score::score_tender(loaded.scorable().map_err(super::Reported)?);
    let folder = match &args.supplier {
        Some(name) => tenderscore::score::find(&result, name)
            .map_err(super::Reported::from)?
            .folder
            .clone(),
        None => match result.leader() {
            Some(s) => s.folder.clone(),
            None => {
                global.error(&format!(
                    "tenderscore: no most advantageous tender to follow: {} Name the supplier with --supplier.",
                    result
                        .standing()
                        .unwrap_or_else(|| "the evaluation does not name one.".into())
                ));
                return Ok(super::FAILED);
            }
        },
    };
    let Some(calendar) = tenderscore::review::renewals::calendar(&loaded, &result, &folder) else {
        global.error(&format!(
            "tenderscore: the response of `{folder}` could not be read, so it has no evidence to follow (tenderscore check lists why)"
        ));
        return Ok(super::FAILED);
    };
    let format = args.format.resolve(&args.output);
    let bom = args.bom.prefix(format == RenewalsFormat::Csv)?;
    let text = match format {
        RenewalsFormat::Table => {
            let to_terminal = args.output.output.is_none();
            doc::table(
                &calendar,
                Style {
                    color: false,
                    width: if to_terminal {
                        global.table_width()
                    } else {
                        PIPED_WIDTH
                    },
                },
            )
        }
        RenewalsFormat::Csv => doc::csv(&calendar),
        RenewalsFormat::Json => doc::json(&calendar),
        RenewalsFormat::Ics => match doc::ics(&calendar) {
            Some(ics) => ics,
            None => {
                global.error(&format!(
                    "tenderscore: {} gave no dated evidence, so there is no calendar to write (a calendar needs at least one event)",
                    calendar.supplier
                ));
                return Ok(super::FAILED);
            }
        },
    };
    let bytes = [bom, text.as_bytes()].concat();
    super::write_output(&args.output, &bytes, |p| loaded.reads_file(p))?;
    Ok(super::OK)
}
