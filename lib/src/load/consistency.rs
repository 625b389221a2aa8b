//! Contradiction rules (scoring rules 2): those of the tender's rubrics and of its
//! `tender.toml`, each checked against the questions it names, once, when the tender loads.

use super::loaded::TenderRubric;
use super::registry::Registry;
use super::tender::{locate, Seg};
use crate::model::answer;
use crate::model::decision::Contradiction;
use crate::model::rubric::{ConsistencyRule, Kind, Question};
use crate::model::value::Answer;
use crate::problem::{did_you_mean, Problem};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Every rule of the rubrics and of tender.toml, checked: ids unique, every question named
/// known to some rubric (a did-you-mean otherwise), every answer one that question can take.
pub fn resolve(
    tender_path: &Path,
    tender_text: &str,
    tender_rules: &[ConsistencyRule],
    rubrics: &[TenderRubric],
    registry: &Registry,
) -> Result<Vec<Contradiction>, Vec<Problem>> {
    // Questions of the tender's rubrics first, then of every other known rubric: a rule may
    // name a question of a rubric this tender does not use (it then does not apply).
    // Each question the tender asks, with the id of the rubric that asks it.
    let mut asked: BTreeMap<String, Question> = BTreeMap::new();
    let mut owner: BTreeMap<String, String> = BTreeMap::new();
    for r in rubrics {
        for (_, q) in r.rubric.questions() {
            asked.entry(q.id.clone()).or_insert_with(|| q.clone());
            owner
                .entry(q.id.clone())
                .or_insert_with(|| r.rubric.id.clone());
        }
    }
    // Every version of a question this tender does not use: a rule naming one is checked
    // against them all (an answer some version can take is accepted), and does not apply.
    let mut elsewhere: BTreeMap<String, Vec<Question>> = BTreeMap::new();
    let any_rules =
        !tender_rules.is_empty() || rubrics.iter().any(|r| !r.rubric.consistency.is_empty());
    if any_rules {
        for f in registry.files() {
            if let Ok(r) = f.parse() {
                for (_, q) in r.questions() {
                    if !asked.contains_key(&q.id) {
                        elsewhere.entry(q.id.clone()).or_default().push(q.clone());
                    }
                }
            }
        }
    }
    let mut problems = Vec::new();
    let mut out = Vec::new();
    let mut ids: BTreeSet<String> = BTreeSet::new();
    let mut all: Vec<(&ConsistencyRule, String, Problem)> = Vec::new();
    for r in rubrics {
        for rule in &r.rubric.consistency {
            let at = Problem::at_loc(&r.path, &rule.referenced, "");
            all.push((&rule.value, r.reference.clone(), at));
        }
    }
    for (i, rule) in tender_rules.iter().enumerate() {
        let (line, col) = locate(
            tender_text,
            &[Seg::Key("consistency"), Seg::Index(i), Seg::Key("id")],
        )
        .unwrap_or((0, 0));
        all.push((
            rule,
            "tender.toml".into(),
            Problem::at(tender_path, line, col, ""),
        ));
    }
    for (rule, from, at) in all {
        // A rubric's rule that names another rubric's question was written against some
        // version of that rubric: where the tender uses a version whose question cannot take
        // the answers named, the rule does not apply (rubric versions may be mixed).
        let from_rubric = from.split('@').next().unwrap_or("").to_string();
        let from_rubric = (from != "tender.toml").then_some(from_rubric);
        let bad = |msg: String| Problem {
            message: format!("consistency rule {}: {msg}", rule.id),
            ..at.clone()
        };
        let before = problems.len();
        if rule.id.trim().is_empty() {
            problems.push(bad("id must not be empty".into()));
        } else if !ids.insert(rule.id.clone()) {
            problems.push(bad(
                "id is used by another rule of this tender's rubrics or tender.toml; ids must be unique".into(),
            ));
        }
        if rule.message.trim().is_empty() {
            problems.push(bad("message must say what is wrong".into()));
        }
        if rule.if_.is_empty() || rule.then_not.is_empty() {
            problems.push(bad(
                "both `if` and `then_not` must name at least one question".into(),
            ));
        }
        let mut applies = true;
        let mut side = |map: &BTreeMap<String, Vec<crate::model::value::RawValue>>| {
            let mut checked: Vec<(String, Vec<Answer>)> = Vec::new();
            for (qid, values) in map {
                let versions: Vec<&Question> = match asked.get(qid) {
                    Some(q) => vec![q],
                    None => {
                        applies = false;
                        elsewhere
                            .get(qid)
                            .map_or(Vec::new(), |v| v.iter().collect())
                    }
                };
                let Some(&q) = versions.last() else {
                    problems.push(bad(format!(
                        "names {qid}, which is a question of no known rubric{}",
                        did_you_mean(
                            qid,
                            asked.keys().chain(elsewhere.keys()).map(String::as_str)
                        )
                    )));
                    continue;
                };
                if q.kind == Kind::Text {
                    problems.push(bad(format!(
                        "names {qid}, a free-text question: only answers that can be compared can contradict"
                    )));
                    continue;
                }
                if values.is_empty() {
                    problems.push(bad(format!("{qid} must list at least one answer")));
                }
                let foreign = from_rubric
                    .as_deref()
                    .is_some_and(|r| owner.get(qid).is_some_and(|o| o != r));
                if foreign
                    && values.iter().any(|v| {
                        !(matches!(v, crate::model::value::RawValue::Str(s) if s == "n/a") && q.na)
                            && answer::check(q, v).is_err()
                    })
                {
                    applies = false;
                    continue;
                }
                let mut answers = Vec::new();
                for v in values {
                    if matches!(v, crate::model::value::RawValue::Str(s) if s == "n/a") && q.na {
                        answers.push(Answer::NotApplicable);
                        continue;
                    }
                    match versions.iter().rev().find_map(|q| answer::check(q, v).ok()) {
                        Some(a) => answers.push(a),
                        None => problems.push(bad(format!(
                            "{qid} cannot take {}; it takes {}",
                            v.describe(),
                            answer::expected(q)
                        ))),
                    }
                }
                checked.push((qid.clone(), answers));
            }
            checked
        };
        let when = side(&rule.if_);
        let then_not = side(&rule.then_not);
        // A rule naming a question this tender does not ask cannot fire: checked, not kept.
        if problems.len() == before && applies {
            out.push(Contradiction {
                id: rule.id.clone(),
                from,
                message: rule.message.trim().to_string(),
                when,
                then_not,
            });
        }
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(problems)
    }
}
