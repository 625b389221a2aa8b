//! The blank `response.yaml` for suppliers: every question the tender asks, with its options
//! and evidence rules as comments, that loads back once the answers are filled in.

use super::rubric::{answer_lines, wrap_hang};
use crate::load::TenderRubric;
use crate::model::rubric::{Kind, Question, Tier};
use crate::sanitize::inline;
use std::fmt::Write as _;

/// What the template is for.
pub struct Plan {
    pub tender_id: Option<String>,
    pub title: String,
    pub risk: Tier,
    /// The rubrics, with the questions the tender leaves out.
    pub rubrics: Vec<TenderRubric>,
    /// `[award]`: the workbook gets a Price sheet.
    pub award: Option<crate::model::tender::Award>,
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
    out.push_str(
        "# submitted: YYYY-MM-DD\n\
         # company_number: \"\"  # your Companies House number (or another register's), quoted\n\
         # address: \"\"  # your contact postal address, on one line\n\
         # email: \"\"  # a contact email address\n\
         answers:\n",
    );
    for used in &plan.rubrics {
        let _ = writeln!(
            out,
            "\n  # ======== {}: {} ========",
            used.reference,
            inline(&used.rubric.title)
        );
        for s in &used.rubric.sections {
            let asked: Vec<&Question> = s
                .questions
                .iter()
                .map(|q| &q.value)
                .filter(|q| used.asks(q, plan.risk))
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
    if let Some(shows) = super::rubric::must_show(q) {
        ev.push(format!("the documents must show {shows}"));
    }
    if let Some(not) = q.evidence.must_not_show_words() {
        ev.push(format!("the documents must not show {not}"));
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

/// The blank `price.yaml` of a tender with `[award]`: every cost line, with its label and
/// whether it is paid once or every year, as comments.
pub fn price(tender_id: &str, award: &crate::model::tender::Award) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# Price for tender {}", inline(tender_id));
    let _ = writeln!(
        out,
        "# Give every cost line as an amount in {}, without the currency sign. Whole-life cost =",
        award.currency
    );
    let _ = writeln!(
        out,
        "# one-off costs + {} year(s) x yearly costs.\n",
        award.years
    );
    let _ = writeln!(out, "currency: {}", quoted(&award.currency));
    out.push_str("costs:\n");
    for c in &award.costs {
        comment(
            &mut out,
            "  ",
            &format!(
                "{} ({})",
                c.label,
                if c.per_year { "every year" } else { "once" }
            ),
        );
        let _ = writeln!(out, "  {}:", c.id);
    }
    out
}
