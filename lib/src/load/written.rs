//! A response as written (`response.yaml`, or a workbook read as YAML), before it is checked
//! against a tender: what the fast reader and serde-saphyr both build, and what `response`
//! then validates.

use crate::model::rubric::EvidenceKind;
use crate::model::value::RawValue;
use schemars::JsonSchema;
use serde::{Deserialize, Deserializer};
use serde_saphyr::Spanned;
use std::collections::BTreeMap;

/// `response.yaml` as written.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ResponseFile {
    /// Display name, unique in the tender.
    #[schemars(with = "String")]
    pub supplier: Spanned<String>,
    /// When present, must equal the tender id.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub tender: Option<Spanned<String>>,
    /// A date, YYYY-MM-DD.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub submitted: Option<Spanned<String>>,
    /// Registered names the supplier also trades under, for the content checks of scoring
    /// rules 2 (a certificate may name the registered company rather than the brand).
    #[serde(default)]
    pub legal_names: Vec<String>,
    /// The supplier's registered address, named in assessment summaries when it wins.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub address: Option<Spanned<String>>,
    /// The supplier's unique identifier: its Companies House number, or another register's.
    /// Named in assessment summaries when it wins; matches ledgers between tenders.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub company_number: Option<Spanned<String>>,
    /// A contact email address, named in assessment summaries when the tender wins.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub email: Option<Spanned<String>>,
    /// Question id → answer.
    #[serde(default)]
    pub answers: AnswerMap,
}

/// Answers in file order, keys with their locations (a map type would lose both). A key with
/// nothing after it (`AIME-1.1:`) has no answer file: it is unanswered.
#[derive(Debug, Default)]
pub struct AnswerMap(pub Vec<(Spanned<String>, Spanned<Option<AnswerFile>>)>);

impl<'de> Deserialize<'de> for AnswerMap {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = AnswerMap;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a mapping from question id to answer")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut m: A,
            ) -> Result<AnswerMap, A::Error> {
                let mut v = Vec::new();
                while let Some(k) = m.next_key()? {
                    v.push((k, m.next_value()?));
                }
                Ok(AnswerMap(v))
            }
            fn visit_unit<E>(self) -> Result<AnswerMap, E> {
                Ok(AnswerMap::default())
            }
            fn visit_none<E>(self) -> Result<AnswerMap, E> {
                Ok(AnswerMap::default())
            }
        }
        // `answers:` with nothing after it is a response that answers nothing yet, not an
        // error: `deserialize_any` lets the empty value through to `visit_unit`.
        d.deserialize_any(V)
    }
}

impl JsonSchema for AnswerMap {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Answers".into()
    }
    fn json_schema(g: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let inner = g.subschema_for::<AnswerFile>();
        schemars::json_schema!({
            "type": "object",
            "description": "Question id (e.g. AIME-1.1) to answer; each id at most once",
            "additionalProperties": inner
        })
    }
}

/// One answer as written.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AnswerFile {
    /// Left out, or written with nothing after it (`answer:`), the question is unanswered.
    #[serde(default)]
    #[schemars(with = "Option<RawValue>")]
    pub answer: Option<Spanned<RawValue>>,
    /// The supplier's own words.
    #[serde(default)]
    pub comment: Option<String>,
    /// Why the question does not apply, with `answer: n/a`.
    #[serde(default)]
    pub justification: Option<String>,
    /// An empty list, or `evidence:` with nothing after it, lists no evidence.
    #[serde(default)]
    #[schemars(with = "Option<Vec<EvidenceEntry>>")]
    pub evidence: Option<Vec<Spanned<EvidenceEntry>>>,
}

/// One evidence item as written.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "EvidenceFile")]
pub struct EvidenceEntry {
    /// Relative to the submission folder.
    pub file: String,
    pub kind: EvidenceKind,
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub issued: Option<Spanned<String>>,
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub expires: Option<Spanned<String>>,
    /// The third party that verified it.
    #[serde(default)]
    pub verified_by: Option<String>,
    /// When present, must match the file.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub sha256: Option<Spanned<String>>,
    /// A certificate number, looked up in the tender's `certificates.csv` (scoring rules 2).
    #[serde(default)]
    pub certificate: Option<String>,
}

/// `price.yaml` as written.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PriceFile {
    /// Defaults to the tender's currency (GBP unless `[award] currency` says otherwise).
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub currency: Option<Spanned<String>>,
    /// Cost id (as `[[award.costs]]` names them) → amount.
    #[schemars(with = "BTreeMap<String, f64>")]
    pub costs: BTreeMap<String, Spanned<f64>>,
}
