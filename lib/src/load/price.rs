//! A supplier's price, `submissions/<folder>/price.yaml`, read when the tender has `[award]`:
//!
//! ```yaml
//! currency: GBP
//! costs:
//!   implementation: 45000
//!   licence: 62000
//! ```

use super::read::{self, Links, MAX_RESPONSE_BYTES};
use super::written::PriceFile;
use crate::model::tender::{Award, Price};
use crate::problem::{did_you_mean, Problem};
use std::path::Path;

/// Reads and checks a supplier's price against `[award]`: every cost line given once, none
/// unknown, amounts 0 or from 0.01 to 10^12, a whole-life cost above 0, the tender's currency;
/// with the SHA-256 of the file, when it could be read.
pub fn load(dir: &Path, award: &Award) -> (Result<Price, Vec<Problem>>, Option<String>) {
    let path = dir.join("price.yaml");
    if std::fs::symlink_metadata(&path).is_err() {
        return (
            Err(vec![Problem::file(
                &path,
                "no price.yaml in this supplier folder: a tender with [award] needs every supplier's price",
            )]),
            None,
        );
    }
    match read::read_text_with(&path, MAX_RESPONSE_BYTES, Links::Refuse) {
        Ok((text, sha256)) => (parse(&path, &text, award), Some(sha256)),
        Err(p) => (Err(vec![p]), None),
    }
}

/// A supplier's price from its `price.yaml`, or from the `Price` sheet of its
/// `response.xlsx` (either, not both), with the SHA-256 of the file it came from.
pub fn load_for(
    dir: &Path,
    response: &Path,
    award: &Award,
) -> (Result<Price, Vec<Problem>>, Option<String>) {
    let is_workbook = response
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"));
    if !is_workbook {
        return load(dir, award);
    }
    let bytes = match read::read_bytes_with(response, MAX_RESPONSE_BYTES, Links::Refuse) {
        Ok(b) => b,
        Err(p) => return (Err(vec![p]), None),
    };
    let sheet = match super::workbook::read_price(response, &bytes) {
        Ok(s) => s,
        Err(p) => return (Err(p), None),
    };
    let Some(sheet) = sheet else {
        return load(dir, award);
    };
    let yaml = dir.join("price.yaml");
    if std::fs::symlink_metadata(&yaml).is_ok() {
        return (
            Err(vec![Problem::file(
                response,
                "the Price sheet is filled in and price.yaml is here too: a price is given once; remove one of them",
            )]),
            None,
        );
    }
    let sha256 = crate::load::read::sha256_hex(&bytes);
    let price = parse(response, &sheet.yaml, award)
        .map_err(|ps| ps.into_iter().map(|p| sheet.locate(response, p)).collect());
    (price, Some(sha256))
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
        } else if !(v.value.is_finite()
            && (v.value == 0.0 || (MIN_AMOUNT..=MAX_AMOUNT).contains(&v.value)))
        {
            problems.push(Problem::at_loc(
                &path,
                &v.referenced,
                format!(
                    "`{id}` must be 0 (nothing charged) or an amount from 0.01 to 1,000,000,000,000, found {}",
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
    let whole_life_cost = once + f64::from(award.years) * yearly;
    if problems.is_empty() && whole_life_cost < MIN_AMOUNT {
        // A tender that costs nothing would set every rival's price score to 0.
        let msg = "the whole-life cost is 0: every cost is 0, which is not a price; give the amounts the tender charges";
        problems.push(match file.costs.values().next() {
            Some(v) => Problem::at_loc(&path, &v.referenced, msg),
            None => Problem::file(&path, msg),
        });
    }
    if problems.is_empty() {
        Ok(Price {
            currency,
            costs,
            whole_life_cost,
        })
    } else {
        Err(problems)
    }
}

/// The smallest amount a cost line may give, other than 0: a penny. A price of 5e-324 is not
/// a price, and would set every rival's price score to 0.
pub const MIN_AMOUNT: f64 = 0.01;
/// The largest amount a cost line may give: a million million, beyond any council contract,
/// and small enough that every sum and ratio of prices stays exact to the penny.
pub const MAX_AMOUNT: f64 = 1e12;
