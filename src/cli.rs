//! Command-line arguments: every flag is defined here, once; one definition feeds parsing,
//! `--help` and completions. Flags several commands share (`--format`, `-o`, `--supplier`)
//! are small structs flattened into each command. Commands (`cmd/`) import this module;
//! this module imports nothing of theirs.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use tenderscore::model::rubric::Tier;

/// Score the claims suppliers make in AI tenders, against the evidence they attach.
///
/// A tender is a folder with tender.toml, submissions/<supplier>/response.yaml (plus
/// evidence files) and an optional marks.csv. Rubrics are versioned YAML question sets;
/// aime, psed, gdpr, contract and social-value are built in.
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

    /// Columns for tables on stdout: `COLUMNS` when set, else the terminal's width, else
    /// (a pipe or a file) a fixed width, so that piped output is the same everywhere. Colour
    /// plays no part.
    pub fn table_width(&self) -> u16 {
        if let Some(n) = std::env::var("COLUMNS")
            .ok()
            .and_then(|v| v.trim().parse::<u16>().ok())
            .filter(|n| *n > 0)
        {
            return n;
        }
        if std::io::stdout().is_terminal() {
            if let Some((terminal_size::Width(w), _)) = terminal_size::terminal_size() {
                return w;
            }
        }
        tenderscore::render::table::PIPED_WIDTH
    }

    /// A message on stderr, unless `--quiet`.
    pub fn note(&self, msg: &str) {
        if !self.quiet {
            eprintln!("{}", tenderscore::sanitize::inline_keep_lines(msg));
        }
    }

    /// An error on stderr: `--quiet` silences progress and notes, never the reason for a
    /// failing exit code.
    pub fn error(&self, msg: &str) {
        eprintln!("{}", tenderscore::sanitize::inline_keep_lines(msg));
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Ranked comparison of every submission in a tender
    Score(ScoreArgs),
    /// Validate tender, rubrics, responses, evidence and marks; print every problem
    Check(CheckArgs),
    /// Per supplier, the clarification questions to send back: unevidenced claims, invalid
    /// evidence, flags, unanswered questions
    Clarify(ClarifyArgs),
    /// The assessment summary for one supplier against the most advantageous tender,
    /// criterion by criterion (Procurement Act 2023 s.50)
    Summary(SummaryArgs),
    /// Re-score a tender and compare with a saved JSON result: every file hash, every figure
    Verify(VerifyArgs),
    /// How robust the ranking is: the weight ranges, mark changes and evidence that would
    /// change the leader, computed exactly
    Sensitivity(SensitivityArgs),
    /// The panel's report: one self-contained HTML file with charts and every supplier's
    /// findings, ready to share or print to PDF
    Report(ReportArgs),
    /// The evaluation methodology to publish with the tender documents: each criterion's
    /// share of the award, every question's weight and scale, thresholds, evidence rules, the
    /// price formula
    Methodology(MethodologyArgs),
    /// An evaluator's marking sheet (.xlsx or .csv): one row per supplier × text question,
    /// with the question, guidance, answer and evidence, and empty mark and reason columns
    Marksheet(MarksheetArgs),
    /// Work with marks.csv: import filled marking sheets
    #[command(subcommand)]
    Marks(MarksCommand),
    /// Score every tender found under an archive (any depth), in parallel
    Rescore(RescoreArgs),
    /// For the contract manager: the day each piece of the winner's evidence stops counting,
    /// and how that day was found, as a table, CSV, JSON or a calendar file (.ics)
    Renewals(RenewalsArgs),
    /// A ledger to share with other councils (JSON Lines): per supplier and question, the
    /// answer (never free text) and how each evidence file and certificate stood
    Ledger(LedgerArgs),
    /// An index beside each ledger (LEDGER.idx), so that --ledger reads only the lines that
    /// may raise a flag about the tender: for large or many ledgers
    LedgerIndex(LedgerIndexArgs),
    /// The award as open contracting data: an OCDS 1.1 release package of a final evaluation
    Publish(PublishArgs),
    /// The council's own records, drafted from one supplier's evaluated tender: a DPIA, an
    /// equality impact assessment or an ATRS record
    Records(RecordsArgs),
    /// List, show and compare rubrics
    #[command(subcommand)]
    Rubrics(RubricsCommand),
    /// A blank response.yaml for suppliers, every question with its options as comments
    Template(TemplateArgs),
    /// A new tender folder with a commented tender.toml and an empty submissions/
    Init(InitArgs),
    /// Convert a response between response.xlsx and response.yaml, both ways
    Convert(ConvertArgs),
    /// JSON Schema of a file: rubric, tender, response, result or ledger line
    Schema(SchemaArgs),
    /// Shell completions
    Completions(CompletionsArgs),
    /// Manual pages (roff), from the same definitions as --help
    Man(ManArgs),
}

// ---- flags shared by several commands ----

/// `--format`, for any command's set of formats `F`.
#[derive(Debug, Args)]
pub struct FormatArg<F: ValueEnum + Clone + Send + Sync + 'static> {
    /// Output format [default: named by the -o file's extension (.md is markdown), else the
    /// first possible value]
    #[arg(long, value_enum)]
    pub format: Option<F>,
}

impl<F: ValueEnum + Clone + Send + Sync + 'static> FormatArg<F> {
    /// The format asked for, or the one the `-o` file's extension names (`.md` is Markdown),
    /// or the first of `F`.
    pub fn resolve(&self, output: &OutputArg) -> F {
        if let Some(f) = &self.format {
            return f.clone();
        }
        let ext = output
            .output
            .as_deref()
            .and_then(Path::extension)
            .and_then(|e| e.to_str());
        let named = ext.and_then(|ext| {
            F::value_variants()
                .iter()
                .find(|v| v.to_possible_value().is_some_and(|p| p.matches(ext, true)))
        });
        named
            .or_else(|| F::value_variants().first())
            .cloned()
            .expect("every format set has a first format")
    }
}

/// `-o FILE`.
#[derive(Debug, Args)]
pub struct OutputArg {
    /// Write there instead of stdout, atomically: never a half-written file, never over a file
    /// this run reads
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// `--ledger FILE`, repeatable.
#[derive(Debug, Args)]
pub struct LedgerArg {
    /// Another council's ledger (from `tenderscore ledger`) to check the suppliers against;
    /// repeat for several. What it finds are warnings of kind `ledger` for the panel to ask
    /// about: a different answer to the same question, a file or certificate found wanting
    /// there. They never change a score. With an index beside it (FILE.idx, from `tenderscore
    /// ledger-index`), `score` and `report` read only the lines that may raise a flag; `check`
    /// reads every line and checks the index.
    #[arg(long = "ledger", value_name = "FILE")]
    pub ledgers: Vec<PathBuf>,
}

/// `--bom`: a byte-order mark before CSV, for Excel.
#[derive(Debug, Args)]
pub struct BomArg {
    /// Start CSV with a UTF-8 byte-order mark, so Excel shows accented and other non-ASCII
    /// text correctly when the file is double-clicked
    #[arg(long, alias = "excel")]
    pub bom: bool,
}

impl BomArg {
    /// The bytes to put before the output: the mark, when asked for and the output is CSV.
    pub fn prefix(&self, csv: bool) -> anyhow::Result<&'static [u8]> {
        match (self.bom, csv) {
            (false, _) => Ok(b""),
            (true, true) => Ok(b"\xEF\xBB\xBF"),
            (true, false) => {
                anyhow::bail!("--bom is for CSV output: add --format csv (or -o FILE.csv)")
            }
        }
    }
}

/// `--supplier NAME`, repeatable.
#[derive(Debug, Args)]
pub struct SupplierArg {
    /// Only this supplier, by folder or by display name (repeatable); ranks stay those of the
    /// whole tender
    #[arg(long, value_name = "NAME")]
    pub supplier: Vec<String>,
}

/// Risk tiers, as flags name them.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum RiskArg {
    Low,
    Medium,
    High,
}

impl From<RiskArg> for Tier {
    fn from(r: RiskArg) -> Tier {
        match r {
            RiskArg::Low => Tier::Low,
            RiskArg::Medium => Tier::Medium,
            RiskArg::High => Tier::High,
        }
    }
}

// ---- one struct per command ----

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ScoreFormat {
    Table,
    Csv,
    Json,
    #[value(alias = "md")]
    Markdown,
    /// An Excel workbook: Summary, Detail and a sheet per rubric (needs -o or a pipe)
    Xlsx,
}

#[derive(Debug, Args)]
#[command(after_help = r#"Examples:
  tenderscore score examples/care-triage
  tenderscore score examples/care-triage --detail --supplier pennine-care-data
  tenderscore score examples/care-triage --format json -o result.json
  tenderscore score examples/care-triage -o scores.xlsx
  # exit 1 unless every supplier passes:
  tenderscore score examples/care-triage --format csv --strict"#)]
pub struct ScoreArgs {
    /// Tender folder (holding tender.toml)
    pub tender: PathBuf,
    #[command(flatten)]
    pub format: FormatArg<ScoreFormat>,
    /// One row per supplier × question, explaining every figure
    #[arg(long)]
    pub detail: bool,
    #[command(flatten)]
    pub supplier: SupplierArg,
    #[command(flatten)]
    pub output: OutputArg,
    #[command(flatten)]
    pub bom: BomArg,
    /// Exit 1 when any supplier is fail, incomplete or error
    #[arg(long)]
    pub strict: bool,
    #[command(flatten)]
    pub ledger: LedgerArg,
}

#[derive(Debug, Args)]
#[command(after_help = r#"Examples:
  tenderscore check examples/care-triage
  tenderscore check archive/*/   # several tenders; exit 1 if any has a problem"#)]
pub struct CheckArgs {
    /// Tender folders (each holding tender.toml)
    #[arg(required = true)]
    pub tenders: Vec<PathBuf>,
    #[command(flatten)]
    pub ledger: LedgerArg,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ClarifyFormat {
    #[value(alias = "md")]
    Markdown,
    Csv,
    Json,
}

#[derive(Debug, Args)]
#[command(
    after_help = r#"Markdown is one letter per supplier that can be sent as it is: the caution that a
clarification may not change a tender's substance, each question once, no local paths.
Notes for the panel (marks to agree, answers to check by hand, prices to look into) are
never in a letter: --panel writes them instead. CSV and JSON have every item, one per row,
with its category (`marking` for the panel's).

Examples:
  tenderscore clarify examples/care-triage --letters letters/
  tenderscore clarify examples/care-triage --panel -o panel-notes.md
  tenderscore clarify examples/care-triage --supplier cobalt-analytics"#
)]
pub struct ClarifyArgs {
    /// Tender folder
    pub tender: PathBuf,
    #[command(flatten)]
    pub supplier: SupplierArg,
    /// The panel's notes instead of the letters (in CSV and JSON: only the panel's items)
    #[arg(long)]
    pub panel: bool,
    /// Write each supplier's letter to DIR/<folder>.md (created if missing) instead of one
    /// document
    #[arg(long, value_name = "DIR", conflicts_with_all = ["panel", "output", "format"])]
    pub letters: Option<PathBuf>,
    #[command(flatten)]
    pub format: FormatArg<ClarifyFormat>,
    #[command(flatten)]
    pub output: OutputArg,
    #[command(flatten)]
    pub bom: BomArg,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RenewalsFormat {
    Table,
    Csv,
    Json,
    Ics,
}

#[derive(Debug, Args)]
#[command(
    after_help = r#"For every dated piece of evidence the supplier gave, the day it stops counting: the earliest
of the expiry date the supplier gave, the expiry date the document itself states, and the
issue date plus the question's maximum age, with which of them gave the day. An item whose
day is on or before the tender's as-of date is marked lapsed. Evidence with none of those
dates is counted below the table.

The supplier is the most advantageous tender of a final evaluation unless --supplier names
one (while the evaluation is provisional, --supplier is needed: exit 2 says so).

The calendar (.ics, RFC 5545) has one all-day event per item, on the day it stops counting.
Each event's UID comes from the tender id, the supplier's folder, the question and the file,
never a date, so importing the calendar again after a renewal updates the event rather than
adding a second one. Its time stamp is the tender's as-of date: the same files give the same
bytes.

Examples:
  tenderscore renewals examples/care-triage --supplier pennine-care-data
  tenderscore renewals examples/care-triage --supplier larkspur -o larkspur.ics"#
)]
pub struct RenewalsArgs {
    /// Tender folder
    pub tender: PathBuf,
    /// The supplier, by folder or by display name [default: the most advantageous tender of a
    /// final evaluation]
    #[arg(long, value_name = "NAME")]
    pub supplier: Option<String>,
    #[command(flatten)]
    pub format: FormatArg<RenewalsFormat>,
    #[command(flatten)]
    pub output: OutputArg,
    #[command(flatten)]
    pub bom: BomArg,
}

#[derive(Debug, Args)]
#[command(
    after_help = r#"One JSON object per line, one line per supplier and question asked: the buyer, tender id,
as-of date, scoring rules and tool version; the supplier's display and legal names and
company number; the rubric version and question id; the answer, for questions that are not
free text; each evidence file's SHA-256, kind, whether its text was checked, certificate
number, verifier and how it stood (attached, verified, confirmed, unconfirmed, invalid,
rejected), with what the certificate register said; and which kinds of panel decision were
made. Never free text, comments, justifications or the panel's reasons: a ledger is made to
be shared with other councils. `tenderscore schema ledger` gives its JSON Schema.

Another council passes it to `score`, `check` or `report` with --ledger FILE.

Examples:
  tenderscore ledger examples/care-triage -o care-triage.jsonl
  tenderscore score examples/care-triage --ledger other-council.jsonl"#
)]
pub struct LedgerArgs {
    /// Tender folder
    pub tender: PathBuf,
    #[command(flatten)]
    pub output: OutputArg,
}

#[derive(Debug, Args)]
#[command(
    after_help = r#"Writes LEDGER.idx beside each LEDGER: where each line starts, the files and certificate
numbers each line found wanting, and for each line with an answer its company number and
names with digests of its question and answer. With an index, `score` and `report --ledger
LEDGER` read only the lines that may raise a flag about the tender (a file or certificate of
the tender found wanting there, or a supplier's different answer to a question it answered
here) instead of the whole ledger, which matters when a council checks against hundreds of
ledgers. The lines read are judged exactly as in a full read, so the flags are the same.

Every line of the ledger is read and checked first: a ledger with a bad line gets no index.
An index is used only while its ledger is as long as when it was written, with the same
modification time, and every line it points to is where it says; otherwise the ledger is read
in full and a note says so. `check --ledger` reads every line and compares each index with its
ledger, refusing one that does not match. Write the index again whenever the ledger changes
(appending or merging ledgers).

Examples:
  tenderscore ledger-index ledgers/*.jsonl
  tenderscore score examples/care-triage --ledger ledgers/north-yorks.jsonl"#
)]
pub struct LedgerIndexArgs {
    /// Ledger files (from `tenderscore ledger`); each gets FILE.idx beside it
    #[arg(required = true, value_name = "LEDGER")]
    pub ledgers: Vec<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PublishFormat {
    /// An OCDS 1.1 release package (JSON)
    Ocds,
}

#[derive(Debug, Args)]
#[command(
    after_help = r#"An Open Contracting Data Standard 1.1 release package of the award, for the council's
transparency duties: the buyer and every tenderer as parties (the winner also as supplier),
the tender (id, title, the award criteria from the methodology, the number of tenderers) and
the award to the most advantageous tender, with its whole-life cost and currency.

Only for a final evaluation: while anything is pending (marks, evidence the panel must read,
a contradiction, a price to look into) it writes nothing and exits 2, listing what is
pending. The ocid is tender.toml's [publish] ocid_prefix, a hyphen and the tender id; the
release's date is the tender's as-of date (the tool never reads the clock).

Examples:
  tenderscore publish examples/care-triage --format ocds -o award.json"#
)]
pub struct PublishArgs {
    /// Tender folder
    pub tender: PathBuf,
    /// What to publish
    #[arg(long, value_enum, default_value = "ocds")]
    pub format: PublishFormat,
    #[command(flatten)]
    pub output: OutputArg,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RecordsKind {
    /// Data protection impact assessment: the seven steps of the ICO's template
    Dpia,
    /// Equality impact assessment: the nine protected characteristics and the three aims of
    /// the Public Sector Equality Duty
    Eqia,
    /// Algorithmic Transparency Recording Standard record: Tier 1 and Tier 2
    Atrs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RecordsFormat {
    #[value(alias = "md")]
    Markdown,
    /// A Word document (A4)
    Docx,
    /// Every field under its section, keyed by the template's field name
    Json,
}

#[derive(Debug, Args)]
#[command(
    after_help = r#"Drafts a record the council owes about the system it buys, from what one supplier answered
and evidenced and how the evaluation found it:
  dpia  the ICO's seven steps (need; the processing's nature, scope, context and purposes;
        consultation; necessity and proportionality; risks; measures; sign-off)
  eqia  the nine protected characteristics (Equality Act 2010 s.4), each with what the
        supplier's testing and monitoring evidence names and does not; the three aims of
        s.149(1); mitigations, monitoring and sign-off
  atrs  Tier 1 and Tier 2 of the Algorithmic Transparency Recording Standard template (v3.0
        field names), the supplier's part filled and the council's part left to it

Every filled field names the question it comes from and, for evidence, the file and the first
16 hex digits of its SHA-256. Findings of the evaluation on the record's questions (invalid or
unconfirmed evidence, contradictions, claims without evidence, failed conditions, weak or
missing answers) are listed as risks, their likelihood and severity left to the council.
Everything the tender cannot fill says "Council to complete". A draft never states a
conclusion that is the council's to reach. docs/records.md prints which questions inform
which field.

The format is named by the -o file's extension (.md, .docx, .json) unless --format says.

Examples:
  tenderscore records my-tender --supplier larkspur --kind dpia -o dpia.docx
  tenderscore records my-tender --supplier larkspur --kind atrs --format json"#
)]
pub struct RecordsArgs {
    /// Tender folder
    pub tender: PathBuf,
    /// The supplier, by folder or by display name
    #[arg(long, value_name = "NAME")]
    pub supplier: String,
    /// Which record to draft
    #[arg(long, value_enum)]
    pub kind: RecordsKind,
    #[command(flatten)]
    pub format: FormatArg<RecordsFormat>,
    #[command(flatten)]
    pub output: OutputArg,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SummaryFormat {
    #[value(alias = "md")]
    Markdown,
    Json,
}

#[derive(Debug, Args)]
#[command(
    after_help = r#"An assessment summary is for an assessed tender of a final evaluation. There is none (exit 2,
saying why) for a supplier whose response could not be read or that failed a condition of
participation, nor while the evaluation is provisional (marks to moderate, evidence the panel
must read, a contradiction, a price to look into): --draft writes one marked "DRAFT —
provisional, not for sending", naming no most advantageous tender.

Examples:
  tenderscore summary examples/care-triage --supplier quillon-ai -o quillon.md
  tenderscore summary examples/care-triage --supplier quillon-ai --draft"#
)]
pub struct SummaryArgs {
    /// Tender folder
    pub tender: PathBuf,
    /// The supplier, by folder or by display name
    #[arg(long, value_name = "NAME")]
    pub supplier: String,
    /// Write a draft of a provisional evaluation, marked not for sending
    #[arg(long)]
    pub draft: bool,
    #[command(flatten)]
    pub format: FormatArg<SummaryFormat>,
    #[command(flatten)]
    pub output: OutputArg,
}

#[derive(Debug, Args)]
#[command(after_help = r#"Examples:
  tenderscore score examples/care-triage -o result.json
  # later, or years later: exit 1 and one line per difference
  tenderscore verify result.json --tender examples/care-triage"#)]
pub struct VerifyArgs {
    /// A result saved by `score --format json`
    pub result: PathBuf,
    /// The tender folder (default: the folder holding RESULT.json, if it has a tender.toml)
    #[arg(long, value_name = "DIR")]
    pub tender: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SensitivityFormat {
    Table,
    Json,
    #[value(alias = "md")]
    Markdown,
}

#[derive(Debug, Args)]
#[command(
    after_help = r#"The verdict is robust when no single weight change under 25%, and no change of 2 marks or
fewer, changes the leader; otherwise fragile, with the nearest change.

Examples:
  tenderscore sensitivity examples/care-triage
  tenderscore sensitivity examples/care-triage -o sensitivity.md"#
)]
pub struct SensitivityArgs {
    /// Tender folder
    pub tender: PathBuf,
    #[command(flatten)]
    pub format: FormatArg<SensitivityFormat>,
    #[command(flatten)]
    pub output: OutputArg,
}

#[derive(Debug, Args)]
#[command(
    after_help = r#"The report holds the ranking, a stacked bar per supplier by rubric, a heat map of section
scores, price and award scores when the tender has [award], the sensitivity verdict, and
each supplier's findings. It needs no network and no scripts; open it in a browser and
print to PDF for the file.

Examples:
  tenderscore report examples/care-triage -o report.html"#
)]
pub struct ReportArgs {
    /// Tender folder
    pub tender: PathBuf,
    #[command(flatten)]
    pub output: OutputArg,
    #[command(flatten)]
    pub ledger: LedgerArg,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MethodologyFormat {
    #[value(alias = "md")]
    Markdown,
    Html,
}

#[derive(Debug, Args)]
#[command(
    after_help = r#"The methodology is built from tender.toml and the rubrics alone, before any tender is
in (Procurement Act 2023 s.23 asks that award criteria be set out in advance): each award
criterion with its share of the whole award (the shares and price's add up to 100%), every
question with its weight, scale or options and evidence rules, the conditions of
participation and every pass/fail rule and threshold, the price formula with a worked
example, the abnormally-low test, the contradiction rules and the tie-break.

Examples:
  tenderscore methodology examples/care-triage -o methodology.md
  tenderscore methodology examples/care-triage --format html -o methodology.html"#
)]
pub struct MethodologyArgs {
    /// Tender folder
    pub tender: PathBuf,
    #[command(flatten)]
    pub format: FormatArg<MethodologyFormat>,
    #[command(flatten)]
    pub output: OutputArg,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MarksheetFormat {
    /// A workbook: only the mark and reason columns can be edited, marks checked as typed
    Xlsx,
    Csv,
}

#[derive(Debug, Args)]
#[command(
    after_help = r#"Each evaluator marks on their own sheet; `marks import` then checks the filled sheets and
adds their rows to marks.csv. The panel's agreed mark (evaluator `moderated`) is written in
marks.csv by hand after moderation.

Examples:
  tenderscore marksheet examples/care-triage --evaluator E1 -o E1.xlsx
  tenderscore marksheet examples/care-triage --evaluator E2 -o E2.csv"#
)]
pub struct MarksheetArgs {
    /// Tender folder
    pub tender: PathBuf,
    /// Who marks this sheet (E1, a name or initials): the `evaluator` of each row
    #[arg(long, value_name = "E")]
    pub evaluator: String,
    /// Also mark this question, though it is scored automatically (repeatable)
    #[arg(long = "question", value_name = "ID")]
    pub questions: Vec<String>,
    #[command(flatten)]
    pub format: FormatArg<MarksheetFormat>,
    #[command(flatten)]
    pub output: OutputArg,
    #[command(flatten)]
    pub bom: BomArg,
}

#[derive(Debug, Subcommand)]
pub enum MarksCommand {
    /// Check filled marking sheets and add their rows to marks.csv, atomically
    Import(MarksImportArgs),
}

#[derive(Debug, Args)]
#[command(
    after_help = r#"Every row is checked before anything is written: the supplier and question must exist
(with a suggestion when one is close), the mark must be a whole number within marks_scale,
no evaluator may mark the same answer twice, and a row may not contradict a mark already in
marks.csv (an identical row is skipped). Rows left without a mark are not imported, and
counted. marks.csv is then replaced in one step: never half-written.

Examples:
  tenderscore marks import examples/care-triage E1.xlsx E2.xlsx
  tenderscore marks import examples/care-triage E3.csv --dry-run"#
)]
pub struct MarksImportArgs {
    /// Tender folder
    pub tender: PathBuf,
    /// Filled marking sheets (.xlsx or .csv)
    #[arg(required = true, value_name = "SHEET")]
    pub sheets: Vec<PathBuf>,
    /// Check the sheets and say what would be added, without writing marks.csv
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RescoreFormat {
    Csv,
    Jsonl,
}

#[derive(Debug, Args)]
#[command(
    after_help = r#"CSV has one row per supplier; JSONL one line per tender, the object `score --format json`
prints plus `path`.

Examples:
  tenderscore rescore archive/ --jobs 2 -o rescore.csv
  tenderscore rescore archive/ --format jsonl | jq '.suppliers[0].total' "#
)]
pub struct RescoreArgs {
    /// A folder holding tenders at any depth (each a folder with tender.toml)
    pub archive: PathBuf,
    #[command(flatten)]
    pub format: FormatArg<RescoreFormat>,
    #[command(flatten)]
    pub output: OutputArg,
    #[command(flatten)]
    pub bom: BomArg,
    /// Threads (default: all cores)
    #[arg(long, value_name = "N")]
    pub jobs: Option<usize>,
}

#[derive(Debug, Subcommand)]
pub enum RubricsCommand {
    /// Every rubric: id, version, title, question count
    List,
    /// A rubric's sections and questions, readable on an 80-column terminal
    Show {
        /// `id` (latest version) or `id@version`
        rubric: String,
    },
    /// What changed between two versions: questions added, removed, reworded, reweighted, and
    /// changed options, evidence rules, gates or tiers
    Diff {
        /// The older version, ID@VERSION
        old: String,
        /// The newer version, ID@VERSION
        new: String,
    },
    /// Markdown tables of every rubric (id, question, kind, evidence, gate, anchors), as in
    /// docs/rubrics.md
    Docs,
}

#[derive(Debug, Args)]
#[command(after_help = r#"Examples:
  tenderscore template my-tender > response-template.yaml
  tenderscore template aime@1.0.0 gdpr@1.0.0 --risk medium
  tenderscore template my-tender -o response.xlsx   # a workbook with drop-downs"#)]
pub struct TemplateArgs {
    /// A tender folder, or one or more rubrics as ID@VERSION
    #[arg(required = true, value_name = "TENDER | ID@VER")]
    pub sources: Vec<String>,
    /// Risk tier for questions when rubrics are named directly (a tender sets its own)
    #[arg(long, value_enum, default_value = "high")]
    pub risk: RiskArg,
    /// The blank price of a tender with [award]: price.yaml, or with -o x.xlsx the response
    /// workbook, whose Price sheet holds it
    #[arg(long)]
    pub price: bool,
    #[command(flatten)]
    pub format: FormatArg<TemplateFormat>,
    /// Also write the JSON Schema beside the -o file (response.schema.json) and point the
    /// YAML at it, so editors with a YAML language server (VS Code…) complete and check it
    #[arg(long, requires = "output", conflicts_with = "price")]
    pub schema: bool,
    #[command(flatten)]
    pub output: OutputArg,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TemplateFormat {
    /// response.yaml with every question's options as comments
    #[value(alias = "yml")]
    Yaml,
    /// response.xlsx: Supplier, Answers (drop-downs) and Evidence sheets
    Xlsx,
}

#[derive(Debug, Args)]
#[command(
    after_help = r#"A supplier folder may hold response.xlsx instead of response.yaml (not both); it is read
with the same rules, and errors name the sheet and cell. Converting gives the same answers
in the other form. From YAML to a workbook the tender is needed for the questions' text: it
is found two folders up (submissions/<supplier>/), or named with --tender.

Examples:
  tenderscore convert submissions/acme/response.xlsx -o response.yaml
  tenderscore convert response.yaml --tender my-tender -o response.xlsx"#
)]
pub struct ConvertArgs {
    /// A response.xlsx or response.yaml
    pub input: PathBuf,
    /// The tender the response answers (for YAML to XLSX) [default: two folders up]
    #[arg(long, value_name = "DIR")]
    pub tender: Option<PathBuf>,
    /// The converted file: .yaml or .xlsx, the other form of the input
    #[arg(short, long, value_name = "FILE", required = true)]
    pub output: PathBuf,
}

#[derive(Debug, Args)]
#[command(after_help = r#"Examples:
  tenderscore init my-tender --id LCC-2026-014 --as-of 2026-10-01 \
    --title "Resident contact assistant""#)]
pub struct InitArgs {
    /// The new tender folder (created; an existing one must hold no tender.toml or submissions/)
    pub dir: PathBuf,
    /// Tender id, e.g. LCC-2026-014
    #[arg(long, default_value = "TENDER-ID")]
    pub id: String,
    /// Tender title
    #[arg(long, default_value = "AI system procurement")]
    pub title: String,
    /// Risk tier: which questions apply, and where verification is needed
    #[arg(long, value_enum, default_value = "high")]
    pub risk: RiskArg,
    /// Evaluation date (YYYY-MM-DD); evidence validity is judged at it. Default: today (UTC)
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<jiff::civil::Date>,
    /// Also write a commented [award] table: price weighed with quality (most advantageous
    /// tender), with each supplier's costs in its price.yaml
    #[arg(long)]
    pub award: bool,
    /// Also write tender.schema.json and point tender.toml at it, so editors with a TOML
    /// language server (Taplo, Even Better TOML) complete and check it
    #[arg(long)]
    pub schema: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SchemaWhich {
    Rubric,
    Tender,
    Response,
    Result,
    /// A line of `tenderscore ledger`
    Ledger,
}

#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// Which file
    #[arg(value_enum)]
    pub which: SchemaWhich,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
#[command(after_help = r#"Examples:
  tenderscore man | man -l -
  tenderscore man --dir ~/.local/share/man/man1   # then: man tenderscore-score"#)]
pub struct ManArgs {
    /// Write tenderscore.1 and a tenderscore-<command>.1 page per command into DIR, instead
    /// of printing the main page
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_well_formed() {
        Cli::command().debug_assert();
    }

    fn format_of(args: &[&str]) -> ScoreFormat {
        let cli = Cli::try_parse_from(args).expect("parses");
        match cli.command {
            Command::Score(a) => a.format.resolve(&a.output),
            _ => unreachable!("a score command"),
        }
    }

    #[test]
    fn the_format_comes_from_the_flag_then_the_extension_then_the_first() {
        assert_eq!(format_of(&["t", "score", "x"]), ScoreFormat::Table);
        assert_eq!(
            format_of(&["t", "score", "x", "-o", "r.JSON"]),
            ScoreFormat::Json
        );
        assert_eq!(
            format_of(&["t", "score", "x", "-o", "r.md"]),
            ScoreFormat::Markdown
        );
        assert_eq!(
            format_of(&["t", "score", "x", "-o", "r.txt"]),
            ScoreFormat::Table
        );
        assert_eq!(
            format_of(&["t", "score", "x", "-o", "r.json", "--format", "csv"]),
            ScoreFormat::Csv
        );
    }
}
