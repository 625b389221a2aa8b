//! `tenderscore template`: a blank `response.yaml` for suppliers, from a tender or from
//! rubric references.

use crate::cli::{Global, TemplateArgs, TemplateFormat};
use anyhow::{bail, Result};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use tenderscore::load::registry::Registry;
use tenderscore::load::{load_tender, TenderRubric};
use tenderscore::render::template::{template, Plan};

pub fn run(args: &TemplateArgs, global: &Global) -> Result<u8> {
    if args.price {
        let [one] = args.sources.as_slice() else {
            bail!("--price needs one tender folder");
        };
        let t = load_tender(Path::new(one), &global.rubrics).map_err(super::Reported)?;
        let Some(award) = &t.tender.award else {
            bail!("{one}: this tender has no [award] table, so suppliers send no price");
        };
        // As a workbook, the price is the Price sheet of the response workbook: written below.
        if args.format.resolve(&args.output) != TemplateFormat::Xlsx {
            let text = tenderscore::render::template::price(&t.tender.id, award);
            super::write_output(&args.output, text.as_bytes(), |p| {
                t.tender_path.canonicalize().is_ok_and(|c| c == p)
            })?;
            return Ok(super::OK);
        }
    }
    let format = args.format.resolve(&args.output);
    if format == TemplateFormat::Xlsx && args.schema {
        bail!("--schema is for the YAML template; a workbook checks answers with its drop-downs");
    }
    if format == TemplateFormat::Xlsx
        && args.output.output.is_none()
        && std::io::stdout().is_terminal()
    {
        bail!("a workbook is not for the terminal: give -o response.xlsx (or pipe it)");
    }
    let mut as_of = "2000-01-01".to_string();
    let (plan, mut inputs): (Plan, Vec<PathBuf>) = match args.sources.as_slice() {
        [one] if Path::new(one).join("tender.toml").is_file() => {
            let t = load_tender(Path::new(one), &global.rubrics).map_err(super::Reported)?;
            as_of = t.tender.as_of.to_string();
            let plan = Plan {
                tender_id: Some(t.tender.id.clone()),
                title: format!("{} — {}", t.tender.id, t.tender.title),
                risk: t.tender.risk,
                rubrics: t.rubrics.clone(),
                award: t.tender.award.clone(),
            };
            (plan, vec![t.tender_path.clone()])
        }
        sources => {
            let registry = Registry::new(&global.rubrics).map_err(super::Reported)?;
            let mut rubrics = Vec::new();
            for s in sources {
                if !s.contains('@') && Path::new(s).exists() {
                    bail!("{s}: no tender.toml here, and not a rubric reference (ID@VERSION)");
                }
                let file = registry.find(s).map_err(super::Reported::from)?;
                rubrics.push(TenderRubric::whole(file).map_err(super::Reported)?);
            }
            let plan = Plan {
                tender_id: None,
                title: rubrics
                    .iter()
                    .map(|r| r.reference.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
                risk: args.risk.into(),
                rubrics,
                award: None,
            };
            (plan, Vec::new())
        }
    };
    inputs.extend(plan.rubrics.iter().map(|r| r.path.clone()));
    let reads = |p: &Path| {
        inputs
            .iter()
            .any(|i| i.canonicalize().is_ok_and(|c| c == p))
    };
    if format == TemplateFormat::Xlsx {
        let bytes = tenderscore::render::xlsx::response(&plan, None, &as_of)?;
        super::write_output(&args.output, &bytes, reads)?;
        return Ok(super::OK);
    }
    let mut text = template(&plan);
    if args.schema {
        // `requires = "output"`: there is a file to write the schema beside.
        let out = args
            .output
            .output
            .as_deref()
            .unwrap_or(Path::new("response.yaml"));
        let stem = out
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "response".into());
        let name = format!("{stem}.schema.json");
        let schema_path = out.with_file_name(&name);
        let schema =
            tenderscore::render::schema::schema(tenderscore::render::schema::Which::Response);
        super::write_output(
            &crate::cli::OutputArg {
                output: Some(schema_path),
            },
            schema.as_bytes(),
            reads,
        )?;
        text = format!("# yaml-language-server: $schema=./{name}\n{text}");
    }
    super::write_output(&args.output, text.as_bytes(), reads)?;
    Ok(super::OK)
}
