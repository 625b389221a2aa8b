//! `tenderscore convert`: a response from `response.xlsx` to `response.yaml`, or back.

use crate::cli::{ConvertArgs, Global, OutputArg};
use anyhow::{bail, Result};
use std::path::{Path, PathBuf};
use tenderscore::load::load_tender;
use tenderscore::load::workbook;
use tenderscore::render::template::Plan;

fn is_xlsx(p: &Path) -> bool {
    p.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"))
}

fn is_yaml(p: &Path) -> bool {
    p.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml"))
}

pub fn run(args: &ConvertArgs, global: &Global) -> Result<u8> {
    let input = &args.input;
    let output = OutputArg {
        output: Some(args.output.clone()),
    };
    let same = |p: &Path| input.canonicalize().is_ok_and(|c| c == p);
    if is_xlsx(input) {
        if !is_yaml(&args.output) {
            bail!(
                "{}: a workbook converts to YAML: give -o response.yaml",
                args.output.display()
            );
        }
        let book = workbook::read_file(input)
            .map_err(|p| super::Reported(tenderscore::problem::Problems(p)))?;
        for w in &book.warnings {
            global.note(&format!("warning: {}: {w}", input.display()));
        }
        let name = input
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let text = format!(
            "# Converted from {} by tenderscore convert.\n{}",
            tenderscore::sanitize::inline(&name),
            book.yaml
        );
        // A filled-in Price sheet becomes price.yaml beside the response.
        let bytes = std::fs::read(input)?;
        let price = workbook::read_price(input, &bytes)
            .map_err(|p| super::Reported(tenderscore::problem::Problems(p)))?;
        let price_path = args.output.with_file_name("price.yaml");
        if price.is_some() && price_path.exists() {
            bail!(
                "{}: the workbook's Price sheet would become {}, which is already there: move it away first",
                input.display(),
                price_path.display()
            );
        }
        super::write_output(&output, text.as_bytes(), same)?;
        if let Some(p) = price {
            let text = format!(
                "# Converted from the Price sheet of {} by tenderscore convert.\n{}",
                tenderscore::sanitize::inline(&name),
                p.yaml
            );
            super::write_output(
                &OutputArg {
                    output: Some(price_path),
                },
                text.as_bytes(),
                same,
            )?;
        }
        return Ok(super::OK);
    }
    if !is_yaml(input) {
        bail!(
            "{}: convert reads response.xlsx or response.yaml",
            input.display()
        );
    }
    if !is_xlsx(&args.output) {
        bail!(
            "{}: YAML converts to a workbook: give -o response.xlsx",
            args.output.display()
        );
    }
    let tender: PathBuf = match &args.tender {
        Some(t) => t.clone(),
        None => {
            let up = input
                .canonicalize()
                .ok()
                .and_then(|p| p.parent()?.parent()?.parent().map(Path::to_path_buf));
            match up {
                Some(t) if t.join("tender.toml").is_file() => t,
                _ => bail!(
                    "{}: no tender.toml two folders up; name the tender with --tender DIR",
                    input.display()
                ),
            }
        }
    };
    let t = load_tender(&tender, &global.rubrics).map_err(super::Reported)?;
    let mut filled = workbook::filled_from_file(input)
        .map_err(|p| super::Reported(tenderscore::problem::Problems(vec![p])))?;
    // price.yaml beside the response goes into the Price sheet, unless the workbook is
    // written beside that price.yaml: a folder gives its price once (sheet or file).
    let price_path = input.with_file_name("price.yaml");
    if t.tender.award.is_some() && price_path.is_file() {
        let folder = |p: &Path| {
            p.parent()
                .and_then(|d| d.canonicalize().ok())
                .or_else(|| std::env::current_dir().ok())
        };
        if folder(&price_path) == folder(&args.output) {
            global.note(&format!(
                "note: {} stays the price: the workbook's Price sheet is left blank, since a folder gives its price once",
                price_path.display()
            ));
        } else {
            filled.price = Some(
                workbook::filled_price(&price_path)
                    .map_err(|p| super::Reported(tenderscore::problem::Problems(vec![p])))?,
            );
        }
    }
    let plan = Plan {
        tender_id: Some(t.tender.id.clone()),
        title: format!("{} — {}", t.tender.id, t.tender.title),
        risk: t.tender.risk,
        rubrics: t.rubrics.clone(),
        award: t.tender.award.clone(),
    };
    let bytes =
        tenderscore::render::xlsx::response(&plan, Some(&filled), &t.tender.as_of.to_string())?;
    super::write_output(&output, &bytes, |p| same(p) || t.reads_file(p))?;
    Ok(super::OK)
}
