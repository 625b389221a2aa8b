//! A supplier's price, `submissions/<folder>/price.yaml`, read when the tender has `[award]`:
//!
//! ```yaml
//! currency: GBP
//! costs:
//!   implementation: 45000
//!   licence: 62000
//! ```

use super::read::{self, Links, MAX_RESPONSE_BYTES};
use crate::model::tender::{Award, Price};
use crate::problem::{did_you_mean, Problem};
use schemars::JsonSchema;
use serde::Deserialize;
use serde_saphyr::Spanned;
use std::collections::BTreeMap;
use std::path::Path;

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

/// Reads and checks a supplier's price against `[award]`: every cost line given once, none
/// unknown, amounts finite and not negative, the tender's currency.
pub fn load(dir: &Path, award: &Award) -> Result<Price, Vec<Problem>> {
    let path = dir.join("price.yaml");
    if std::fs::symlink_metadata(&path).is_err() {
        return Err(vec![Problem::file(
            &path,
            "no price.yaml in this supplier folder: a tender with [award] needs every supplier's price",
        )]);
    }
    let (text, _) =
        read::read_text_with(&path, MAX_RESPONSE_BYTES, Links::Refuse).map_err(|p| vec![p])?;
    parse(&path, &text, award)
}

/// Checks the text of a `price.yaml` against `[award]` (see [`load`]).
pub fn parse(path: &Path, text: &str, award: &Award) -> Result<Price, Vec<Problem>> {
    let path = path.to_path_buf();
    let file: PriceFile = read::parse(&path, text).map_err(|p| vec![p])?;
    let mut problems = Vec::new();
    let currency = match &file.currency {
        Some(c) if c.value.trim() != award.currency => {
            problems.push(Problem::at_loc(
                &path,
                &c.referenced,
                format!(
                    "currency `{}`: this tender is priced in {}",
                    c.value.trim(),
                    award.currency
                ),
            ));
            c.value.trim().to_string()
        }
        _ => award.currency.clone(),
    };
    for (id, v) in &file.costs {
        if !award.costs.iter().any(|c| &c.id == id) {
            problems.push(Problem::at_loc(
                &path,
                &v.referenced,
                format!(
                    "`{id}` is not a cost line of this tender{}; it names {}",
                    did_you_mean(id, award.costs.iter().map(|c| c.id.as_str())),
                    award
                        .costs
                        .iter()
                        .map(|c| c.id.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            ));
        } else if !(v.value.is_finite() && v.value >= 0.0) {
            problems.push(Problem::at_loc(
                &path,
                &v.referenced,
                format!(
                    "`{id}` must be an amount of 0 or more, found {}",
                    crate::model::number::show_number(v.value)
                ),
            ));
        }
    }
    let mut costs = Vec::new();
    let (mut once, mut yearly) = (0.0, 0.0);
    for line in &award.costs {
        match file.costs.get(&line.id) {
            Some(v) => {
                costs.push((line.id.clone(), v.value));
                if line.per_year {
                    yearly += v.value;
                } else {
                    once += v.value;
                }
            }
            None => problems.push(Problem::file(
                &path,
                format!("costs: `{}` ({}) is missing", line.id, line.label),
            )),
        }
    }
    if problems.is_empty() {
        Ok(Price {
            currency,
            costs,
            whole_life_cost: once + f64::from(award.years) * yearly,
        })
    } else {
        Err(problems)
    }
}
