//! Rubric files: parsed strictly and validated once, so scoring can trust every rubric.

use crate::model::answer;
use crate::model::number::{check_weight, show_number, MAX_WEIGHT};
use crate::model::rubric::*;
use crate::model::value::RawValue;
use crate::problem::{Problem, Problems};
use std::collections::BTreeSet;
use std::path::Path;

fn valid_option_value(s: &str) -> bool {
    let mut b = s.bytes();
    matches!(b.next(), Some(c) if c.is_ascii_lowercase() || c.is_ascii_digit())
        && b.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'_' || c == b'-')
}

/// Parses and validates a rubric file. `expect` is the `(id, version)` its path implies.
pub fn parse(path: &Path, text: &str, expect: Option<(&str, &str)>) -> Result<Rubric, Problems> {
    let mut rubric: Rubric = crate::load::read::parse(path, text)?;
    let mut problems = Vec::new();
    validate(path, &mut rubric, expect, &mut problems);
    if problems.is_empty() {
        Ok(rubric)
    } else {
        Err(Problems(problems))
    }
}

fn validate(path: &Path, r: &mut Rubric, expect: Option<(&str, &str)>, out: &mut Vec<Problem>) {
    let mut bad = |msg: String| out.push(Problem::file(path, msg));
    if !valid_rubric_id(&r.id) {
        bad(format!("id: `{}` must match [a-z][a-z0-9-]*", r.id));
    }
    if Version::parse(&r.version).is_none() {
        bad(format!(
            "version: `{}` must be MAJOR.MINOR.PATCH, e.g. 1.0.0",
            r.version
        ));
    }
    if let Some((id, version)) = expect {
        if r.id != id {
            bad(format!("id: `{}` must equal the folder name `{id}`", r.id));
        }
        if r.version != version {
            bad(format!(
                "version: `{}` must equal the file name `{version}`",
                r.version
            ));
        }
    }
    if r.title.trim().is_empty() {
        bad("title: must not be empty".into());
    }
    if r.sections.is_empty() {
        bad("sections: a rubric needs at least one section".into());
    }
    let mut section_ids = BTreeSet::new();
    let mut question_ids = BTreeSet::new();
    for section in &mut r.sections {
        let sid = section.id.value.clone();
        let here = |msg: String| Problem::at_loc(path, &section.id.referenced, msg);
        if !valid_rubric_id(&sid) {
            out.push(here(format!(
                "section id `{sid}` must match [a-z][a-z0-9-]*"
            )));
        }
        if !section_ids.insert(sid.clone()) {
            out.push(here(format!("section id `{sid}` is duplicated")));
        }
        if check_weight(section.weight).is_err() {
            out.push(here(format!(
                "section `{sid}`: weight must be a number of 0 or more (at most {}), found {}",
                MAX_WEIGHT as u64,
                show_number(section.weight)
            )));
        }
        if section.questions.is_empty() {
            out.push(here(format!("section `{sid}` has no questions")));
        }
        for q in &mut section.questions {
            let loc = q.referenced;
            let q = &mut q.value;
            let mut bad = |msg: String| {
                out.push(Problem::at_loc(
                    path,
                    &loc,
                    format!("question {}: {msg}", q_id_for(&q.id)),
                ))
            };
            if !valid_question_id(&q.id) {
                bad("id must match [A-Z]+(-[A-Z]+)*-[0-9]+(.[0-9]+)*".into());
            }
            if !question_ids.insert(q.id.clone()) {
                bad("id is duplicated".into());
            }
            if q.text.trim().is_empty() {
                bad("text must not be empty".into());
            }
            if check_weight(q.weight).is_err() {
                bad(format!(
                    "weight must be a number of 0 or more (at most {}), found {}",
                    MAX_WEIGHT as u64,
                    show_number(q.weight)
                ));
            }
            check_kind_fields(q, &mut bad);
            if let Some(days) = q.evidence.max_age_days {
                if days == 0 {
                    bad("evidence.max_age_days must be at least 1".into());
                }
            }
            check_must_show(q.evidence.must_show.as_deref(), &mut bad);
            check_must_not_show(q.evidence.must_not_show.as_deref(), &mut bad);
            if q.gate && q.kind == Kind::Text {
                bad("a text question cannot be a gate: it has no automatic pass mark".into());
            }
            let mut answers = Vec::new();
            for flag in &q.flags {
                if flag.when.is_empty() {
                    bad("a flag's `when` must name at least one answer".into());
                }
                let mut these = Vec::new();
                for w in &flag.when {
                    if q.kind == Kind::Text {
                        bad("flags on a text question cannot name an answer".into());
                        break;
                    }
                    match answer::check(q, w) {
                        Ok(a) => these.push(a),
                        Err(_) => bad(format!(
                            "a flag's `when` names {w:?}, which this question cannot take; it takes {}",
                            answer::expected(q)
                        )),
                    }
                }
                answers.push(these);
            }
            for (flag, these) in q.flags.iter_mut().zip(answers) {
                flag.answers = these;
            }
        }
    }
}

fn q_id_for(id: &str) -> &str {
    if id.is_empty() {
        "(no id)"
    } else {
        id
    }
}

fn check_kind_fields(q: &Question, bad: &mut impl FnMut(String)) {
    let k = q.kind;
    let only = |field: &str, kind: &str| format!("`{field}` is only for {kind} questions");
    if k != Kind::Scale && !q.levels.is_empty() {
        bad(only("levels", "scale"));
    }
    if k != Kind::Choice && !q.options.is_empty() {
        bad(only("options", "choice"));
    }
    if k != Kind::YesNo && q.expect.is_some() {
        bad(only("expect", "yes_no"));
    }
    if k != Kind::Number && (q.unit.is_some() || !q.bands.is_empty()) {
        bad(only("unit and bands", "number"));
    }
    match k {
        Kind::Scale if q.levels.len() < 2 => bad(format!(
            "a scale needs at least 2 levels, found {}",
            q.levels.len()
        )),
        Kind::Choice => {
            if q.options.is_empty() {
                bad("a choice question needs options".into());
            }
            let mut seen = BTreeSet::new();
            for o in &q.options {
                if !valid_option_value(&o.value) {
                    bad(format!(
                        "option value `{}` must match [a-z0-9][a-z0-9_-]*",
                        o.value
                    ));
                }
                if !seen.insert(o.value.as_str()) {
                    bad(format!("two options share the value `{}`", o.value));
                }
                if check_weight(o.score).is_err() {
                    bad(format!(
                        "option `{}`: score must be a number of 0 or more (at most {})",
                        o.value, MAX_WEIGHT as u64
                    ));
                }
            }
            if !q.options.is_empty() && q.max_option_score() <= 0.0 {
                bad("at least one option must score above 0".into());
            }
        }
        Kind::YesNo => {
            if let Some(e) = &q.expect {
                if !matches!(e, RawValue::Bool(_))
                    && !matches!(e, RawValue::Str(s) if s == "yes" || s == "no")
                {
                    bad(format!("expect must be yes or no, found {e:?}"));
                }
            }
        }
        Kind::Number => {
            if q.bands.is_empty() {
                bad("a number question needs bands".into());
            }
            for b in &q.bands {
                if b.max.is_some() == b.min.is_some() {
                    bad("each band needs exactly one of `max` or `min`".into());
                }
                if b.max.or(b.min).is_some_and(|v| !v.is_finite()) {
                    bad("a band's `max` or `min` must be a finite number".into());
                }
                if !(b.score.is_finite() && (0.0..=1.0).contains(&b.score)) {
                    bad(format!(
                        "a band's score must be from 0 to 1, found {}",
                        b.score
                    ));
                }
            }
        }
        _ => {}
    }
}

/// `evidence.must_not_show`: a non-empty list, each entry a label with phrases (the
/// supplier's own name is never ruled out).
fn check_must_not_show(list: Option<&[MustShow]>, bad: &mut impl FnMut(String)) {
    let Some(list) = list else { return };
    if list.is_empty() {
        bad("evidence.must_not_show must list at least one thing, or be left out".into());
    }
    for (i, m) in list.iter().enumerate() {
        let at = format!("evidence.must_not_show[{i}]");
        if m.label.trim().is_empty() {
            bad(format!("{at}: label must not be empty"));
        }
        if m.negation != crate::model::rubric::Negation::Reject {
            bad(format!(
                "{at}: `negation` has no meaning here: a phrase the evidence must not show never counts after a negation"
            ));
        }
        if m.supplier {
            bad(format!(
                "{at}: `supplier: true` has no meaning here: list the phrases the evidence must not show in `any`"
            ));
        } else if m.any.is_empty() {
            bad(format!(
                "{at}: give `any`, phrases none of which may appear"
            ));
        }
        if m.any.iter().any(|p| p.trim().is_empty()) {
            bad(format!("{at}: a phrase in `any` must not be empty"));
        }
    }
}

/// `evidence.must_show`: a non-empty list, each entry a label with either phrases or
/// `supplier: true`.
fn check_must_show(must_show: Option<&[MustShow]>, bad: &mut impl FnMut(String)) {
    let Some(list) = must_show else { return };
    if list.is_empty() {
        bad("evidence.must_show must list at least one thing, or be left out".into());
    }
    for (i, m) in list.iter().enumerate() {
        let at = format!("evidence.must_show[{i}]");
        if m.label.trim().is_empty() {
            bad(format!("{at}: label must not be empty"));
        }
        match (m.any.is_empty(), m.supplier) {
            (true, false) => bad(format!(
                "{at}: give `any` (phrases, one of which must appear) or `supplier: true`"
            )),
            (false, true) => bad(format!(
                "{at}: give either `any` or `supplier: true`, not both: make them two entries"
            )),
            _ => {}
        }
        if m.any.iter().any(|p| p.trim().is_empty()) {
            bad(format!("{at}: a phrase in `any` must not be empty"));
        }
    }
}
