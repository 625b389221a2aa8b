//! Answer values: the raw YAML scalar a supplier (or a rubric flag) wrote, and the typed
//! answer it becomes once checked against the question's kind (see `answer`).

use super::number::format_number;
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
    /// The value as written in a rubric, for listings: `no`, `3`, `shared_training`.
    pub fn shown(&self) -> String {
        match self {
            RawValue::Bool(b) => if *b { "yes" } else { "no" }.into(),
            RawValue::Int(i) => i.to_string(),
            RawValue::Float(f) => f.to_string(),
            RawValue::Str(s) => s.clone(),
            RawValue::Null => "nothing".into(),
            RawValue::List => "a list".into(),
            RawValue::Map => "a mapping".into(),
        }
    }

    pub(crate) fn describe(&self) -> String {
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
    pub(crate) fn as_word(&self) -> Option<String> {
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
