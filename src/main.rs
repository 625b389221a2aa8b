//! The `tenderscore` command: parses arguments (`cli`), runs one command (`cmd/`), writes its
//! bytes (`output`). Everything else is the library.

mod cli;
mod cmd;
mod output;

use clap::Parser;
use cli::{Cli, Command};
use std::process::ExitCode;

fn main() -> ExitCode {
    // A reader that fails on a hostile evidence file is caught and the file reported
    // unreadable; its panic message would only be noise on the terminal.
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if std::thread::current().name() != Some("evidence-text") {
            default_hook(info);
        }
    }));
    let cli = Cli::parse();
    let g = &cli.global;
    let outcome = match &cli.command {
        Command::Score(a) => cmd::score::run(a, g),
        Command::Check(a) => cmd::check::run(a, g),
        Command::Clarify(a) => cmd::clarify::run(a, g),
        Command::Summary(a) => cmd::summary::run(a, g),
        Command::Verify(a) => cmd::verify::run(a, g),
        Command::Sensitivity(a) => cmd::sensitivity::run(a, g),
        Command::Report(a) => cmd::report::run(a, g),
        Command::Marksheet(a) => cmd::marksheet::run(a, g),
        Command::Marks(c) => cmd::marks::run(c, g),
        Command::Rescore(a) => cmd::rescore::run(a, g),
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
