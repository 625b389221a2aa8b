//! `tenderscore rescore`: score every tender under an archive, in parallel, streaming rows in
//! a deterministic order. Only finished rows are held, never the tenders themselves.

use crate::cli::Global;
use crate::render::pct;
use crate::result::{Status, TenderResult};
use crate::sanitize::cell;
use anyhow::{bail, Context, Result};
use std::collections::BTreeMap;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Csv,
    Jsonl,
}

#[derive(Debug, clap::Args)]
#[command(after_help = r#"Examples:
  tenderscore rescore archive/ --jobs 2 -o rescore.csv
  tenderscore rescore archive/ --format jsonl | jq '.suppliers[0].total' "#)]
pub struct Args {
    /// A folder holding tenders at any depth (each a folder with tender.toml)
    pub archive: PathBuf,
    /// csv: one row per supplier; jsonl: one line per tender (the object `score --format json`
    /// prints, plus `path`) [default: jsonl for an -o file ending .jsonl, else csv]
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// Write there instead of stdout (atomically)
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Threads (default: all cores)
    #[arg(long, value_name = "N")]
    pub jobs: Option<usize>,
}

/// Every folder under `root` holding a `tender.toml`, sorted; a tender's own sub-folders are not
/// searched (a tender does not contain tenders). Hidden folders are skipped.
pub fn find_tenders(root: &Path) -> Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        if dir.join("tender.toml").is_file() {
            found.push(dir);
            continue;
        }
        let entries =
            std::fs::read_dir(&dir).with_context(|| format!("{}: cannot read", dir.display()))?;
        for e in entries.flatten() {
            let hidden = e.file_name().to_string_lossy().starts_with('.');
            if !hidden && e.file_type().is_ok_and(|t| t.is_dir()) {
                stack.push(e.path());
            }
        }
    }
    found.sort();
    Ok(found)
}

pub const CSV_HEADER: [&str; 15] = [
    "path",
    "tender",
    "supplier",
    "status",
    "rank",
    "total",
    "folder",
    "claims",
    "unevidenced",
    "invalid_evidence",
    "unanswered",
    "flags",
    "tender_sha256",
    "response_sha256",
    "reasons",
];

/// What one tender contributes to the output.
struct Chunk {
    text: String,
    broken: bool,
    errors: usize,
}

fn csv_rows(path: &str, r: &TenderResult) -> String {
    let mut w = crate::render::csv::writer();
    for s in &r.suppliers {
        let c = s.counts.clone();
        let n = |v: Option<u32>| v.map(|v| v.to_string()).unwrap_or_default();
        let _ = w.write_record([
            cell(path),
            cell(&r.tender.id),
            cell(&s.supplier),
            s.status.as_str().into(),
            s.rank.map(|x| x.to_string()).unwrap_or_default(),
            s.total.map(|t| pct(Some(t))).unwrap_or_default(),
            cell(&s.folder),
            n(c.as_ref().map(|c| c.claims)),
            n(c.as_ref().map(|c| c.unevidenced)),
            n(c.as_ref().map(|c| c.invalid_evidence)),
            n(c.as_ref().map(|c| c.unanswered)),
            n(c.as_ref().map(|c| c.flags)),
            r.tender.sha256.clone(),
            s.response_sha256.clone().unwrap_or_default(),
            cell(&s.reasons.join("; ")),
        ]);
    }
    crate::render::csv::finish(w)
}

fn broken_csv(path: &str, message: &str) -> String {
    let mut w = crate::render::csv::writer();
    let mut row = vec![String::new(); CSV_HEADER.len()];
    row[0] = cell(path);
    row[3] = "error".into();
    row[14] = cell(message);
    let _ = w.write_record(row);
    crate::render::csv::finish(w)
}

fn score_one(
    dir: &Path,
    label: &str,
    format: Format,
    global: &Global,
    output: Option<&Path>,
    overwrites_input: &AtomicBool,
) -> Chunk {
    let outcome = super::load_scorable(dir, global).map(|t| {
        if output.is_some_and(|o| t.reads_file(o)) {
            overwrites_input.store(true, Ordering::Relaxed);
        }
        crate::score::score_tender(&t)
    });
    match outcome {
        Ok(r) => {
            let errors = r
                .suppliers
                .iter()
                .filter(|s| s.status == Status::Error)
                .count();
            let text = match format {
                Format::Csv => csv_rows(label, &r),
                Format::Jsonl => {
                    let mut v = serde_json::Map::new();
                    v.insert("path".into(), label.into());
                    if let Ok(serde_json::Value::Object(m)) = serde_json::to_value(&r) {
                        v.extend(m);
                    }
                    let mut s = serde_json::to_string(&v).unwrap_or_default();
                    s.push('\n');
                    s
                }
            };
            Chunk {
                text,
                broken: false,
                errors,
            }
        }
        Err(e) => {
            let message = format!("{e:#}");
            let text = match format {
                Format::Csv => broken_csv(label, &message),
                Format::Jsonl => {
                    let mut s = serde_json::json!({"path": label, "error": message}).to_string();
                    s.push('\n');
                    s
                }
            };
            Chunk {
                text,
                broken: true,
                errors: 0,
            }
        }
    }
}

pub fn run(args: &Args, global: &Global) -> Result<u8> {
    let tenders = find_tenders(&args.archive)?;
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
    let format = args
        .format
        .unwrap_or(match args.output.as_deref().and_then(|p| p.extension()) {
            Some(e) if e.eq_ignore_ascii_case("jsonl") => Format::Jsonl,
            _ => Format::Csv,
        });
    let result = (|| -> Result<(usize, usize)> {
        if format == Format::Csv {
            writeln!(sink, "{}", CSV_HEADER.join(","))?;
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
                        let msg = format!("{}: cannot be scored", crate::sanitize::inline(&label));
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
            args.output.as_deref().unwrap_or(Path::new("-")).display()
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
