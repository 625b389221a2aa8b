//! The `tenderscore` command: parses arguments (`cli`), runs one command (`cmd/`), writes its
//! bytes (`output`). Everything else is the library.

mod cli;
mod cmd;
mod output;

use clap::Parser;
use cli::{Cli, Command};
use std::process::ExitCode;
use tenderscore::load::sandbox;

fn main() -> ExitCode {
    // The sandboxed evidence reader: this executable started again by itself, with the file
    // on standard input (lib/src/load/sandbox.rs). Checked before any argument is parsed.
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    if args.get(1).is_some_and(|a| a == sandbox::WORKER_ARG) {
        return ExitCode::from(sandbox::worker_main(&args[2..]).clamp(0, 255) as u8);
    }
    if let Ok(me) = std::env::current_exe() {
        sandbox::set_program(me);
    }
    // Only ever lower the readers' limits (the test suite's looping PDF and memory bombs).
    let number = |name: &str| std::env::var(name).ok()?.parse::<u64>().ok();
    if let Some(secs) = number("TENDERSCORE_WORKER_CPU_SECONDS") {
        sandbox::lower_cpu_limit(std::time::Duration::from_secs(secs));
    }
    if let Some(mib) = number("TENDERSCORE_WORKER_MEMORY_MB") {
        sandbox::lower_memory_limit(mib);
    }
    // And the bytes of `--ledger` files read in full in one run (the suite's test of it).
    if let Some(mib) = number("TENDERSCORE_LEDGERS_READ_MB") {
        tenderscore::load::ledger::lower_read_in_full(mib);
    }
    let cli = Cli::parse();
    let g = &cli.global;
    let outcome = match &cli.command {
        Command::Score(a) => cmd::score::run(a, g),
        Command::Check(a) => cmd::check::run(a, g),
        Command::Clarify(a) => cmd::clarify::run(a, g),
        Command::Summary(a) => cmd::summary::run(a, g),
        Command::Methodology(a) => cmd::methodology::run(a, g),
        Command::Verify(a) => cmd::verify::run(a, g),
        Command::Sensitivity(a) => cmd::sensitivity::run(a, g),
        Command::Report(a) => cmd::report::run(a, g),
        Command::Marksheet(a) => cmd::marksheet::run(a, g),
        Command::Marks(c) => cmd::marks::run(c, g),
        Command::Rescore(a) => cmd::rescore::run(a, g),
        Command::Renewals(a) => cmd::renewals::run(a, g),
        Command::Ledger(a) => cmd::ledger::run(a, g),
        Command::LedgerIndex(a) => cmd::ledger_index::run(a, g),
        Command::Publish(a) => cmd::publish::run(a, g),
        Command::Records(a) => cmd::records::run(a, g),
        Command::Rubrics(c) => cmd::rubrics::run(c, g),
        Command::Template(a) => cmd::template::run(a, g),
        Command::Init(a) => cmd::init::run(a, g),
        Command::Convert(a) => cmd::convert::run(a, g),
        Command::Schema(a) => cmd::schema::run(a, g),
        Command::Completions(a) => cmd::completions::run(a, g),
        Command::Man(a) => cmd::man::run(a, g),
    };
    match outcome {
        Ok(code) => ExitCode::from(code),
        Err(e) if output::is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            let text = match e.downcast_ref::<cmd::Reported>() {
                Some(r) => r.to_string(),
                None => format!("tenderscore: {e:#}"),
            };
            eprintln!("{}", tenderscore::sanitize::inline_keep_lines(&text));
            ExitCode::from(cmd::FAILED)
        }
    }
}
