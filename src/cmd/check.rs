//! `tenderscore check`: every problem in one or more tenders, one per line.

use crate::cli::Global;
use crate::load::{load_tender, Catalog, LoadedTender};
use crate::problem::Problem;
use crate::response::QuestionLookup;
use anyhow::Result;
use std::io::Write;
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
#[command(after_help = r#"Examples:
  tenderscore check examples/care-triage
  tenderscore check archive/*/   # several tenders; exit 1 if any has a problem"#)]
pub struct Args {
    /// Tender folders (each holding tender.toml)
    #[arg(required = true)]
    pub tenders: Vec<PathBuf>,
}

/// Every problem in a loaded tender: marks, responses, and evidence judged at the as-of date.
pub fn problems(t: &LoadedTender) -> Vec<Problem> {
    let mut out = t.marks_problems.clone();
    out.extend(t.marks_notes.iter().cloned());
    let catalog = Catalog::new(&t.tender.id, &t.rubrics);
    for s in &t.submissions {
        match &s.response {
            Err(p) => out.extend(p.iter().cloned()),
            Ok(r) => {
                for other in &s.shares_name_with {
                    out.push(Problem::file(
                        &s.response_path,
                        format!(
                            "supplier `{}` is also the display name given in folder `{other}`: both bids are scored and flagged; confirm which organisation sent each",
                            r.supplier
                        ),
                    ));
                }
                let mut answers: Vec<_> = r.answers.iter().collect();
                answers.sort_by_key(|(_, a)| (a.line, a.column));
                for (id, a) in answers {
                    let Some(q) = catalog.question(id) else {
                        continue;
                    };
                    for e in &a.evidence {
                        for reason in crate::score::invalid_reasons(t.tender.as_of, q, e) {
                            out.push(Problem::at(
                                &s.response_path,
                                e.line,
                                e.column,
                                format!("{id}: evidence {reason}"),
                            ));
                        }
                    }
                }
            }
        }
    }
    out
}

pub fn run(args: &Args, global: &Global) -> Result<u8> {
    let mut code = super::OK;
    let mut stdout = std::io::stdout().lock();
    for dir in &args.tenders {
        if !dir.join("tender.toml").is_file() {
            writeln!(
                stdout,
                "{}: no tender.toml here: is this a tender folder?",
                dir.display()
            )?;
            code = super::FAILED;
            continue;
        }
        let (found, what) = match load_tender(dir, &global.rubrics) {
            Err(p) => (p.0, "tender".to_string()),
            Ok(t) => {
                let n = t.submissions.len();
                (
                    problems(&t),
                    format!("{} rubric(s), {n} submission(s)", t.rubrics.len()),
                )
            }
        };
        for p in &found {
            writeln!(stdout, "{}", crate::sanitize::inline(&p.to_string()))?;
        }
        if found.is_empty() {
            global.note(&format!("{}: ok ({what})", dir.display()));
        } else {
            global.note(&format!("{}: {} problem(s)", dir.display(), found.len()));
            code = code.max(super::FOUND);
        }
    }
    stdout.flush()?;
    Ok(code)
}
