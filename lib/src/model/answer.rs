//! How a raw value is read as the answer to one question: the checks, the words for a
//! mismatch, and the fix to suggest. One place for "what does this answer mean".

use super::rubric::{Kind, Question};
use super::value::{Answer, RawValue};

/// An answer in words, with its level descriptor or option label ("level 2 of 4 (\"…\")").
pub fn describe(q: &Question, a: &Answer) -> String {
    let text = crate::sanitize::inline(&a.display());
    match (q.kind, a) {
        (Kind::Scale, Answer::Level(l)) => format!(
            "level {l} of {} (\"{}\")",
            q.levels.len().saturating_sub(1),
            q.levels
                .get(*l as usize)
                .map(|s| s.trim_end_matches('.'))
                .unwrap_or_default()
        ),
        (Kind::Choice, Answer::Choice(v)) => {
            let label = q
                .options
                .iter()
                .find(|o| &o.value == v)
                .map_or(v.as_str(), |o| o.label.as_str());
            format!("\"{}\"", label.trim_end_matches('.'))
        }
        (Kind::Number, _) => match &q.unit {
            Some(u) => format!("{text} {u}"),
            None => text,
        },
        (Kind::Text, _) => "a written answer".into(),
        _ => format!("\"{text}\""),
    }
}

/// What a question of this kind accepts, for error messages.
pub fn expected(q: &Question) -> String {
    match q.kind {
        Kind::YesNo => "`yes` or `no`".into(),
        Kind::Choice => format!(
            "one of {}",
            q.options
                .iter()
                .map(|o| format!("`{}`", o.value))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Kind::Scale => format!(
            "a whole number from 0 to {} (a scale level)",
            q.levels.len().saturating_sub(1)
        ),
        Kind::Number => match &q.unit {
            Some(u) => format!("a number ({u})"),
            None => "a number".into(),
        },
        Kind::Text => "free text".into(),
    }
}

/// How to put a wrong answer right, when there is an obvious fix.
fn fix(q: &Question, raw: &RawValue) -> String {
    let quoted_number = matches!(raw, RawValue::Str(s) if s.trim().parse::<f64>().is_ok());
    match (q.kind, raw) {
        (Kind::Scale | Kind::Number, RawValue::Str(s)) if quoted_number => format!(
            ": it is written as text in quotes; write the number without quotes (`answer: {}`)",
            s.trim()
        ),
        (Kind::Scale, RawValue::Int(_) | RawValue::Float(_)) => format!(
            ": levels are whole numbers from 0 to {}",
            q.levels.len().saturating_sub(1)
        ),
        (Kind::Choice | Kind::YesNo, _) => {
            let words: Vec<&str> = match q.kind {
                Kind::YesNo => vec!["yes", "no"],
                _ => q.options.iter().map(|o| o.value.as_str()).collect(),
            };
            match raw
                .as_word()
                .and_then(|w| crate::problem::nearest(&w, words.iter().copied()))
            {
                Some(near) => format!(" (did you mean `{near}`?)"),
                None => String::new(),
            }
        }
        _ => String::new(),
    }
}

/// Checks a raw value against the question's kind. `n/a` is not handled here.
pub fn check(q: &Question, raw: &RawValue) -> Result<Answer, crate::problem::Problem> {
    let wrong = || {
        crate::problem::Problem::asked(format!(
            "{} expects {}, found {}{}",
            q.id,
            expected(q),
            raw.describe(),
            fix(q, raw)
        ))
    };
    match q.kind {
        Kind::YesNo => match raw.as_word().as_deref() {
            Some("yes") => Ok(Answer::YesNo(true)),
            Some("no") => Ok(Answer::YesNo(false)),
            _ => Err(wrong()),
        },
        Kind::Choice => match raw.as_word() {
            Some(w) if q.options.iter().any(|o| o.value == w) => Ok(Answer::Choice(w)),
            _ => Err(wrong()),
        },
        Kind::Scale => match raw {
            RawValue::Int(i) if *i >= 0 && (*i as usize) < q.levels.len() => {
                Ok(Answer::Level(*i as u32))
            }
            _ => Err(wrong()),
        },
        Kind::Number => match raw {
            RawValue::Int(i) => Ok(Answer::Number(*i as f64)),
            RawValue::Float(f) if f.is_finite() => Ok(Answer::Number(*f)),
            _ => Err(wrong()),
        },
        Kind::Text => match raw {
            RawValue::Str(s) if !s.trim().is_empty() => Ok(Answer::Text(s.clone())),
            _ => Err(wrong()),
        },
    }
}
