//! `tenderscore template`: a blank `response.yaml` for suppliers, every question with its
//! options and evidence rules as comments, that loads back once the answers are filled in.

use crate::cli::Global;
use crate::cmd::rubrics::{answer_lines, wrap_hang};
use crate::registry::Registry;
use crate::rubric::{Kind, Question, Rubric, Tier};
use crate::sanitize::inline;
use anyhow::{anyhow, Result};
use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

#[derive(Debug, clap::Args)]
#[command(after_help = r#"Examples:
  tenderscore template my-tender > response-template.yaml
  tenderscore template aime@1.0.0 gdpr@1.0.0 --risk medium"#)]
pub struct Args {
    /// A tender folder, or one or more rubrics as ID@VERSION
    #[arg(required = true, value_name = "TENDER | ID@VER")]
    pub sources: Vec<String>,
    /// Risk tier for questions when rubrics are named directly (a tender sets its own)
    #[arg(long, value_enum, default_value = "high")]
    pub risk: RiskArg,
    /// Write there instead of stdout (atomically)
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
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

/// What the template is for.
pub struct Plan {
    pub tender_id: Option<String>,
    pub title: String,
    pub risk: Tier,
    /// Rubric, reference, and questions left out by the tender.
    pub rubrics: Vec<(Rubric, String, BTreeSet<String>)>,
    /// The files read to make it (never overwritten by `-o`).
    pub inputs: Vec<PathBuf>,
}

pub fn run(args: &Args, global: &Global) -> Result<u8> {
    let plan =
        if args.sources.len() == 1 && Path::new(&args.sources[0]).join("tender.toml").is_file() {
            let t = crate::load::load_tender(Path::new(&args.sources[0]), &global.rubrics)
                .map_err(super::Reported)?;
            Plan {
                inputs: std::iter::once(t.tender_path.clone())
                    .chain(t.rubrics.iter().map(|r| r.path.clone()))
                    .collect(),
                tender_id: Some(t.tender.id.clone()),
                title: format!("{} — {}", t.tender.id, t.tender.title),
                risk: t.tender.risk,
                rubrics: t
                    .rubrics
                    .iter()
                    .map(|r| (r.rubric.clone(), r.reference.clone(), r.exclude.clone()))
                    .collect(),
            }
        } else {
            let registry = Registry::new(&global.rubrics).map_err(super::Reported)?;
            let mut rubrics = Vec::new();
            let mut inputs = Vec::new();
            for s in &args.sources {
                if !s.contains('@') && Path::new(s).exists() {
                    return Err(anyhow!(
                        "{s}: no tender.toml here, and not a rubric reference (ID@VERSION)"
                    ));
                }
                let f = registry.find(s).map_err(|e| anyhow!(e))?;
                inputs.push(f.path.clone());
                rubrics.push((
                    f.parse().map_err(super::Reported)?,
                    f.reference(),
                    BTreeSet::new(),
                ));
            }
            Plan {
                tender_id: None,
                title: rubrics
                    .iter()
                    .map(|r| r.1.clone())
                    .collect::<Vec<_>>()
                    .join(", "),
                risk: args.risk.into(),
                rubrics,
                inputs,
            }
        };
    super::write_output(args.output.as_deref(), template(&plan).as_bytes(), |p| {
        plan.inputs
            .iter()
            .any(|i| i.canonicalize().is_ok_and(|c| c == p))
    })?;
    Ok(super::OK)
}

/// A YAML string literal (double-quoted, escaped) for values we write.
fn quoted(s: &str) -> String {
    serde_json::to_string(s).expect("strings serialise")
}

fn comment(out: &mut String, indent: &str, text: &str) {
    out.push_str(&wrap_hang(
        text,
        &format!("{indent}# "),
        &format!("{indent}#   "),
        96,
    ));
}

pub fn template(plan: &Plan) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# Response template: {}", inline(&plan.title));
    let _ = writeln!(
        out,
        "# Risk tier {}: only the questions that apply at it are listed.",
        plan.risk
    );
    out.push_str(
        "#\n# Fill in `supplier` and every `answer`; add a `comment` in your own words and list the\n\
         # evidence files (relative to this folder) that back each claim. Claims without valid\n\
         # evidence earn less credit. Leave the structure as it is. A question left blank (`answer:`\n\
         # with nothing after it) is scored as unanswered: 0, and asked about in clarification.\n\
         # Evidence item: {file: evidence/x.pdf, kind: policy, issued: YYYY-MM-DD,\n\
         #   expires: YYYY-MM-DD (optional), verified_by: third party (optional), sha256: (optional)}\n\n",
    );
    out.push_str(
        "supplier: \"\"  # your organisation's name, as it should appear in the evaluation\n",
    );
    if let Some(id) = &plan.tender_id {
        let _ = writeln!(out, "tender: {}", quoted(id));
    }
    out.push_str("# submitted: YYYY-MM-DD\nanswers:\n");
    for (rubric, reference, exclude) in &plan.rubrics {
        let _ = writeln!(
            out,
            "\n  # ======== {reference}: {} ========",
            inline(&rubric.title)
        );
        for s in &rubric.sections {
            let asked: Vec<&Question> = s
                .questions
                .iter()
                .map(|q| &q.value)
                .filter(|q| q.applies_from <= plan.risk && !exclude.contains(&q.id))
                .collect();
            if asked.is_empty() {
                continue;
            }
            let _ = writeln!(out, "\n  # ---- {} ----", inline(&s.title));
            for q in asked {
                question(&mut out, q, plan.risk);
            }
        }
    }
    out
}

fn question(out: &mut String, q: &Question, risk: Tier) {
    out.push('\n');
    comment(out, "  ", &format!("{}: {}", q.id, q.text));
    let how = match q.kind {
        Kind::Scale => format!("Answer with a level 0-{}:", q.levels.len() - 1),
        Kind::Choice => "Answer with one value:".into(),
        Kind::YesNo => "Answer yes or no.".into(),
        Kind::Number => "Answer with a number.".into(),
        Kind::Text => "Answer in free text (a `|` block); evaluators mark it.".into(),
    };
    comment(out, "    ", &how);
    if q.kind != Kind::YesNo && q.kind != Kind::Text {
        for line in answer_lines(q) {
            comment(out, "      ", &line);
        }
    }
    let mut ev = Vec::new();
    ev.push(if q.evidence.required {
        "evidence REQUIRED".to_string()
    } else {
        "evidence recommended".into()
    });
    if !q.evidence.kinds.is_empty() {
        ev.push(format!(
            "kinds: {}",
            q.evidence
                .kinds
                .iter()
                .map(|k| k.to_string())
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    if let Some(d) = q.evidence.max_age_days {
        ev.push(format!("issued within {d} days of the evaluation date"));
    }
    if q.evidence.verify_at.is_some_and(|t| t <= risk) {
        ev.push("third-party verification expected (verified_by)".into());
    }
    if q.gate {
        ev.push("PASS/FAIL: a wrong answer excludes the bid".into());
    }
    if q.na {
        ev.push("may be answered n/a with a justification".into());
    }
    comment(out, "    ", &format!("{}.", ev.join("; ")));
    let _ = writeln!(out, "  {}:", q.id);
    match q.kind {
        Kind::Text => out.push_str("    answer: |\n      \n"),
        _ => out.push_str("    answer:\n"),
    }
    out.push_str("    comment: \"\"\n    evidence: []\n");
}
