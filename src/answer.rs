//! Answer values: the raw YAML scalar a supplier (or a rubric flag) wrote, and the typed
//! answer it becomes once checked against the question's kind.

use crate::rubric::{Kind, Question};
use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// Any YAML value, as written, before it is checked against a question's kind.
#[derive(Debug, Clone, PartialEq)]
pub enum RawValue {
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    Null,
    List,
    Map,
}

impl RawValue {
    fn describe(&self) -> String {
        match self {
            RawValue::Bool(b) => format!("`{}`", if *b { "yes" } else { "no" }),
            RawValue::Int(i) => format!("the number {i}"),
            RawValue::Float(f) => format!("the number {f}"),
            RawValue::Str(s) => format!("`{s}`"),
            RawValue::Null => "nothing".into(),
            RawValue::List => "a list".into(),
            RawValue::Map => "a mapping".into(),
        }
    }

    /// The text of a scalar, with YAML 1.1 booleans read back as `yes`/`no`.
    fn as_word(&self) -> Option<String> {
        match self {
            RawValue::Bool(true) => Some("yes".into()),
            RawValue::Bool(false) => Some("no".into()),
            RawValue::Str(s) => Some(s.clone()),
            RawValue::Int(i) => Some(i.to_string()),
            _ => None,
        }
    }

    /// Nothing written: `answer:` alone, `~`, or an empty or all-blank string.
    pub fn is_blank(&self) -> bool {
        match self {
            RawValue::Null => true,
            RawValue::Str(s) => s.trim().is_empty(),
            _ => false,
        }
    }

    pub fn is_na(&self) -> bool {
        matches!(self, RawValue::Str(s) if s.eq_ignore_ascii_case("n/a"))
    }
}

impl<'de> Deserialize<'de> for RawValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = RawValue;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an answer")
            }
            fn visit_bool<E>(self, v: bool) -> Result<RawValue, E> {
                Ok(RawValue::Bool(v))
            }
            fn visit_i64<E>(self, v: i64) -> Result<RawValue, E> {
                Ok(RawValue::Int(v))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<RawValue, E> {
                i64::try_from(v)
                    .map(RawValue::Int)
                    .map_err(|_| E::custom("number too large"))
            }
            fn visit_f64<E>(self, v: f64) -> Result<RawValue, E> {
                Ok(RawValue::Float(v))
            }
            fn visit_str<E>(self, v: &str) -> Result<RawValue, E> {
                Ok(RawValue::Str(v.to_string()))
            }
            fn visit_string<E>(self, v: String) -> Result<RawValue, E> {
                Ok(RawValue::Str(v))
            }
            fn visit_unit<E>(self) -> Result<RawValue, E> {
                Ok(RawValue::Null)
            }
            fn visit_none<E>(self) -> Result<RawValue, E> {
                Ok(RawValue::Null)
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<RawValue, D::Error> {
                RawValue::deserialize(d)
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut a: A,
            ) -> Result<RawValue, A::Error> {
                while a.next_element::<serde::de::IgnoredAny>()?.is_some() {}
                Ok(RawValue::List)
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut a: A,
            ) -> Result<RawValue, A::Error> {
                while a
                    .next_entry::<serde::de::IgnoredAny, serde::de::IgnoredAny>()?
                    .is_some()
                {}
                Ok(RawValue::Map)
            }
        }
        d.deserialize_any(V)
    }
}

impl JsonSchema for RawValue {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "AnswerValue".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "yes/no, a choice value, a scale level, a number, free text, or n/a",
            "type": ["boolean", "integer", "number", "string"]
        })
    }
}

/// A supplier's answer once checked against the question's kind.
#[derive(Debug, Clone, PartialEq)]
pub enum Answer {
    YesNo(bool),
    Choice(String),
    Level(u32),
    Number(f64),
    Text(String),
    NotApplicable,
}

impl Answer {
    /// Short text for tables and messages.
    pub fn display(&self) -> String {
        match self {
            Answer::YesNo(true) => "yes".into(),
            Answer::YesNo(false) => "no".into(),
            Answer::Choice(v) => v.clone(),
            Answer::Level(l) => l.to_string(),
            Answer::Number(n) => format_number(*n),
            Answer::Text(t) => t.clone(),
            Answer::NotApplicable => "n/a".into(),
        }
    }
}

/// A number as people write it: no trailing `.0` on whole numbers.
pub fn format_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

impl Serialize for Answer {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Answer::YesNo(b) => s.serialize_str(if *b { "yes" } else { "no" }),
            Answer::Choice(v) | Answer::Text(v) => s.serialize_str(v),
            Answer::Level(l) => s.serialize_u32(*l),
            Answer::Number(n) => s.serialize_f64(*n),
            Answer::NotApplicable => s.serialize_str("n/a"),
        }
    }
}

impl<'de> Deserialize<'de> for Answer {
    /// Reading a saved result back (for `verify`): kinds are not known here, so strings stay
    /// choices and numbers stay numbers; comparison is on the JSON value.
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = serde_json::Value::deserialize(d)?;
        Ok(match v {
            serde_json::Value::String(s) if s == "n/a" => Answer::NotApplicable,
            serde_json::Value::String(s) => Answer::Choice(s),
            serde_json::Value::Number(n) if n.is_u64() => {
                Answer::Level(n.as_u64().unwrap_or(0) as u32)
            }
            serde_json::Value::Number(n) => Answer::Number(n.as_f64().unwrap_or(0.0)),
            serde_json::Value::Bool(b) => Answer::YesNo(b),
            _ => return Err(serde::de::Error::custom("unexpected answer value")),
        })
    }
}

impl JsonSchema for Answer {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Answer".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "\"yes\"/\"no\", a choice value, a scale level, a number, free text, or \"n/a\"",
            "type": ["integer", "number", "string"]
        })
    }
}

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
pub fn check(q: &Question, raw: &RawValue) -> Result<Answer, String> {
    let wrong = || {
        format!(
            "{} expects {}, found {}{}",
            q.id,
            expected(q),
            raw.describe(),
            fix(q, raw)
        )
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
