//! `tenderscore rescore`: score every tender under an archive, in parallel, streaming rows in
//! a deterministic order. Only finished rows are held, never the tenders themselves.

use crate::cli::{Global, RescoreArgs, RescoreFormat as Format};
use anyhow::{bail, Result};
use std::collections::BTreeMap;
use std::io::{IsTerminal, Write};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use tenderscore::render::rescore as doc;
use tenderscore::result::Status;

/// What one tender contributes to the output.
struct Chunk {
    text: String,
    broken: bool,
    errors: usize,
}

fn score_one(
    dir: &Path,
    label: &str,
    format: Format,
    global: &Global,
    output: Option<&Path>,
    overwrites_input: &AtomicBool,
) -> Chunk {
    let outcome = super::load(dir, global).and_then(|t| {
        if output.is_some_and(|o| t.reads_file(o)) {
            overwrites_input.store(true, Ordering::Relaxed);
        }
        Ok(tenderscore::score::score_tender(t.scorable()?))
    });
    match outcome {
        Ok(r) => {
            let errors = r
                .suppliers
                .iter()
                .filter(|s| s.status == Status::Error)
                .count();
            let text = match format {
                Format::Csv => doc::csv_rows(label, &r),
                Format::Jsonl => doc::jsonl(label, &r),
            };
            Chunk {
                text,
                broken: false,
                errors,
            }
        }
        Err(e) => {
            let message = e.to_string();
            let text = match format {
                Format::Csv => doc::broken_csv(label, &message),
                Format::Jsonl => doc::broken_jsonl(label, &message),
            };
            Chunk {
                text,
                broken: true,
                errors: 0,
            }
        }
    }
}

pub fn run(args: &RescoreArgs, global: &Global) -> Result<u8> {
    let format = args.format.resolve(&args.output);
    let bom = args.bom.prefix(format == Format::Csv)?;
    let tenders =
        tenderscore::load::archive::find_tenders(&args.archive).map_err(super::Reported::from)?;
    if tenders.is_empty() {
        bail!(
            "{}: no tender found (no folder holding a tender.toml, at any depth)",
            args.archive.display()
        );
    }
    let jobs = args
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .max(1);
    tenderscore::load::sandbox::set_jobs(jobs);
    let pool = rayon::ThreadPoolBuilder::new().num_threads(jobs).build()?;
    let bar = if !global.quiet && std::io::stderr().is_terminal() {
        let b = indicatif::ProgressBar::new(tenders.len() as u64);
        b.set_style(
            indicatif::ProgressStyle::with_template(
                "{bar:40} {pos}/{len} tenders {elapsed_precise} eta {eta}",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        Some(b)
    } else {
        None
    };
    // Output goes to stdout as it comes, or to a temporary file renamed at the end.
    let target = args
        .output
        .output
        .as_deref()
        .map(crate::output::Target::new)
        .transpose()?;
    let existing = target.as_ref().and_then(|t| t.existing());
    let overwrites_input = AtomicBool::new(false);
    let mut file = target.as_ref().map(|t| t.open()).transpose()?;
    let mut sink: Box<dyn Write + '_> = match &mut file {
        Some(f) => Box::new(f),
        None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
    };
    let result = (|| -> Result<(usize, usize)> {
        if format == Format::Csv {
            sink.write_all(bom)?;
            writeln!(sink, "{}", doc::CSV_HEADER.join(","))?;
        }
        let (tx, rx) = mpsc::channel::<(usize, String, Chunk)>();
        let root = &args.archive;
        let overwrites_input = &overwrites_input;
        let (mut broken, mut errors) = (0, 0);
        std::thread::scope(|scope| -> Result<()> {
            let tenders = &tenders;
            scope.spawn(move || {
                pool.install(|| {
                    use rayon::prelude::*;
                    tenders
                        .par_iter()
                        .enumerate()
                        .for_each_with(tx, |tx, (i, dir)| {
                            let label = dir.strip_prefix(root).unwrap_or(dir).display().to_string();
                            let label = if label.is_empty() {
                                ".".to_string()
                            } else {
                                label
                            };
                            let chunk =
                                score_one(dir, &label, format, global, existing, overwrites_input);
                            let _ = tx.send((i, label, chunk));
                        });
                });
            });
            // Write in archive order as soon as the next one is ready.
            let mut pending: BTreeMap<usize, (String, Chunk)> = BTreeMap::new();
            let mut next = 0;
            for (i, label, chunk) in rx {
                pending.insert(i, (label, chunk));
                while let Some((label, chunk)) = pending.remove(&next) {
                    if chunk.broken {
                        broken += 1;
                        let msg = format!(
                            "{}: cannot be scored",
                            tenderscore::sanitize::inline(&label)
                        );
                        match &bar {
                            Some(b) => b.println(msg),
                            None => global.error(&msg),
                        }
                    }
                    errors += chunk.errors;
                    sink.write_all(chunk.text.as_bytes())?;
                    next += 1;
                    if let Some(b) = &bar {
                        b.inc(1);
                    }
                }
            }
            Ok(())
        })?;
        sink.flush()?;
        Ok((broken, errors))
    })();
    drop(sink);
    if let Some(b) = &bar {
        b.finish_and_clear();
    }
    let (broken, errors) = result?;
    if overwrites_input.load(Ordering::Relaxed) {
        // The temporary file is removed when `file` is dropped.
        bail!(
            "{}: is one of the files this run reads; write the output somewhere else",
            args.output
                .output
                .as_deref()
                .unwrap_or(Path::new("-"))
                .display()
        );
    }
    if let Some(f) = file {
        f.commit()?;
    }
    global.note(&format!(
        "{} tender(s) scored, {broken} could not be scored, {errors} submission(s) in error",
        tenders.len() - broken
    ));
    Ok(if broken > 0 || errors > 0 {
        super::FAILED
    } else {
        super::OK
    })
}
