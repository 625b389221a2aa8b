//! `tenderscore check`: every problem in one or more tenders, one per line.

use crate::cli::{CheckArgs, Global};
use anyhow::Result;
use std::io::Write;
use tenderscore::load::load_tender;
use tenderscore::render::check as doc;

pub fn run(args: &CheckArgs, global: &Global) -> Result<u8> {
    // Every line of every ledger is read and checked here, whoever it concerns.
    let ledgers = super::check_ledgers(&args.ledger)?;
    let mut code = super::OK;
    let mut stdout = std::io::stdout().lock();
    for dir in &args.tenders {
        if !dir.join("tender.toml").is_file() {
            stdout.write_all(doc::not_a_tender(dir).as_bytes())?;
            code = super::FAILED;
            continue;
        }
        let (found, what) = match load_tender(dir, &global.rubrics) {
            Err(p) => (p.0, "tender".to_string()),
            Ok(t) => (
                {
                    // What the evidence says, for the panel to read: notes, not problems.
                    for n in tenderscore::review::check::found(&t) {
                        global.note(&n.to_string());
                    }
                    // What other councils' ledgers say: notes too, for the panel to ask about.
                    let result = if ledgers.is_empty() {
                        None
                    } else {
                        t.scorable().ok().map(tenderscore::score::score_tender)
                    };
                    for f in tenderscore::review::ledger::cross_check(&t, result.as_ref(), &ledgers)
                    {
                        global.note(&doc::ledger_note(&f));
                    }
                    tenderscore::review::check::problems(&t)
                },
                format!(
                    "{} rubric(s), {} submission(s)",
                    t.rubrics.len(),
                    t.submissions.len()
                ),
            ),
        };
        stdout.write_all(doc::problems(&found).as_bytes())?;
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
