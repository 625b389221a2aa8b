//! Command-line arguments: one definition feeds parsing, `--help` and completions.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::io::IsTerminal;
use std::path::PathBuf;

/// Score the claims suppliers make in AI tenders, against the evidence they attach.
///
/// A tender is a folder with tender.toml, submissions/<supplier>/response.yaml (plus
/// evidence files) and an optional marks.csv. Rubrics are versioned YAML question sets;
/// aime, psed, gdpr and contract are built in.
///
/// Exit codes: 0 done and nothing wrong found; 1 the command found what it checks for
/// (check: problems, verify: differences, score --strict: a supplier not pass);
/// 2 could not do it (bad arguments, invalid tender, rubric or output path, or for score
/// a submission in error).
#[derive(Debug, Parser)]
#[command(
    name = "tenderscore",
    version,
    propagate_version = true,
    max_term_width = 100
)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Command,
}

/// Options accepted before or after the subcommand.
#[derive(Debug, Args, Clone)]
pub struct Global {
    /// Extra rubric folder, laid out as <id>/<version>.yaml (repeatable)
    #[arg(long = "rubrics", value_name = "DIR", global = true)]
    pub rubrics: Vec<PathBuf>,
    /// Colour in tables: auto (on a terminal, unless NO_COLOR is set), always or never
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, global = true)]
    pub color: ColorChoice,
    /// Print no messages or progress on stderr, only errors
    #[arg(short, long, global = true)]
    pub quiet: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

impl Global {
    /// Whether stdout gets colour.
    pub fn color_stdout(&self) -> bool {
        match self.color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                    && std::io::stdout().is_terminal()
            }
        }
    }

    /// A message on stderr, unless `--quiet`.
    pub fn note(&self, msg: &str) {
        if !self.quiet {
            eprintln!("{}", crate::sanitize::inline_keep_lines(msg));
        }
    }

    /// An error on stderr: `--quiet` silences progress and notes, never the reason for a
    /// failing exit code.
    pub fn error(&self, msg: &str) {
        eprintln!("{}", crate::sanitize::inline_keep_lines(msg));
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Ranked comparison of every submission in a tender
    Score(crate::cmd::score::Args),
    /// Validate tender, rubrics, responses, evidence and marks; print every problem
    Check(crate::cmd::check::Args),
    /// Per supplier, the clarification questions to send back: unevidenced claims, invalid
    /// evidence, flags, unanswered questions
    Clarify(crate::cmd::clarify::Args),
    /// The assessment summary for one supplier against the most advantageous tender,
    /// criterion by criterion (Procurement Act 2023 s.50)
    Summary(crate::cmd::summary::Args),
    /// Re-score a tender and compare with a saved JSON result: every file hash, every figure
    Verify(crate::cmd::verify::Args),
    /// Score every tender found under an archive (any depth), in parallel
    Rescore(crate::cmd::rescore::Args),
    /// List, show and compare rubrics
    #[command(subcommand)]
    Rubrics(crate::cmd::rubrics::Command),
    /// A blank response.yaml for suppliers, every question with its options as comments
    Template(crate::cmd::template::Args),
    /// A new tender folder with a commented tender.toml and an empty submissions/
    Init(crate::cmd::init::Args),
    /// JSON Schema of a file: rubric, tender, response or result
    Schema(crate::cmd::schema::Args),
    /// Shell completions
    Completions(crate::cmd::completions::Args),
}
