//! `[award]`: price joins quality to find the most advantageous tender. A tender qualifies
//! for a price score when its quality status is pass or incomplete, its quality total reaches
//! the threshold and its whole-life cost is within the budget. Price scores are relative to
//! the lowest qualifying cost; award score = (quality weight × quality total + price weight ×
//! price score) / (quality weight + price weight).

use crate::load::Submission;
use crate::model::rubric::Severity;
use crate::model::tender::{Award, PriceMethod};
use crate::result::{Figures, Flag, FlagKind, PriceInfo, Status, SupplierResult};

/// Applies `[award]` to scored suppliers: price errors, threshold and budget, price and award
/// scores, and the flags for abnormally low prices and rank reversals.
pub(crate) fn apply(
    award: &Award,
    subs: &[Submission],
    suppliers: &mut [SupplierResult],
    rules: u32,
) {
    for s in suppliers.iter_mut() {
        let Some(price) = subs
            .iter()
            .find(|x| x.folder == s.folder)
            .and_then(|x| x.price.as_ref())
        else {
            continue;
        };
        match price {
            Err(problems) => {
                s.status = Status::Error;
                s.reasons = problems.iter().map(|p| p.to_string()).collect();
            }
            Ok(p) => {
                s.price = Some(PriceInfo {
                    currency: p.currency.clone(),
                    whole_life_cost: p.whole_life_cost,
                    costs: Figures(p.costs.iter().map(|(k, v)| (k.clone(), Some(*v))).collect()),
                    score: None,
                });
                if !matches!(s.status, Status::Pass | Status::Incomplete) {
                    continue;
                }
                let quality = s.total.unwrap_or(0.0);
                let mut fail = Vec::new();
                if quality < award.quality_threshold {
                    fail.push(format!(
                        "quality total {quality:.1} is below the quality threshold of {}",
                        crate::model::number::format_number(award.quality_threshold)
                    ));
                }
                if let Some(b) = award.budget.filter(|b| p.whole_life_cost > *b) {
                    fail.push(format!(
                        "whole-life cost {} is above the budget of {}",
                        money(p.whole_life_cost),
                        money(b)
                    ));
                }
                if !fail.is_empty() {
                    s.status = Status::Fail;
                    fail.append(&mut s.reasons);
                    s.reasons = fail;
                }
            }
        }
    }
    let qualifying: Vec<usize> = (0..suppliers.len())
        .filter(|&i| qualifies(&suppliers[i]))
        .collect();
    let costs: Vec<(usize, f64)> = qualifying
        .iter()
        .map(|&i| (i, cost(&suppliers[i])))
        .collect();
    for &(i, c) in &costs {
        let all: Vec<f64> = costs.iter().map(|(_, c)| *c).collect();
        let p = price_score(award, c, &all);
        let s = &mut suppliers[i];
        if let Some(info) = s.price.as_mut() {
            info.score = Some(p);
        }
        s.award_score = Some(award_score(award, s.total.unwrap_or(0.0), p));
    }
    let before: Vec<usize> = suppliers.iter().map(|s| s.flags.len()).collect();
    abnormally_low(award, &costs, suppliers);
    rank_reversals(award, &costs, suppliers, rules >= 2);
    // Supplier-level flags count like the others.
    for (s, n) in suppliers.iter_mut().zip(before) {
        let added = (s.flags.len() - n) as u32;
        if let Some(c) = s.counts.as_mut() {
            c.flags += added;
        }
    }
}

fn qualifies(s: &SupplierResult) -> bool {
    matches!(s.status, Status::Pass | Status::Incomplete) && s.price.is_some()
}

fn cost(s: &SupplierResult) -> f64 {
    s.price.as_ref().map_or(0.0, |p| p.whole_life_cost)
}

/// An amount as written in reasons: whole units with thousands separated.
pub fn money(v: f64) -> String {
    // Formatted from the float itself, not an integer cast that would saturate past 9.2e18.
    let digits = format!("{:.0}", v.abs().round());
    let negative = v.round() < 0.0;
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    if negative {
        format!("-{out}")
    } else {
        out
    }
}

/// The price score (0-100) of a cost among the qualifying costs `all` (which include it).
pub(crate) fn price_score(award: &Award, cost: f64, all: &[f64]) -> f64 {
    let lowest = all.iter().copied().fold(f64::INFINITY, f64::min);
    let score = match award.price_method {
        PriceMethod::Lowest => {
            if cost <= lowest {
                100.0
            } else {
                100.0 * lowest / cost
            }
        }
        PriceMethod::Linear => {
            if cost <= lowest {
                100.0
            } else if lowest <= 0.0 {
                0.0
            } else {
                (100.0 * (1.0 - (cost - lowest) / lowest)).max(0.0)
            }
        }
        PriceMethod::Budget => {
            let budget = award.budget.unwrap_or(lowest);
            if budget - lowest <= 0.0 {
                100.0
            } else {
                (100.0 * (budget - cost) / (budget - lowest)).clamp(0.0, 100.0)
            }
        }
    };
    score.clamp(0.0, 100.0)
}

pub(crate) fn award_score(award: &Award, quality: f64, price: f64) -> f64 {
    (award.quality_weight * quality + award.price_weight * price)
        / (award.quality_weight + award.price_weight)
}

/// A cost below `abnormally_low` × the median of the other qualifying costs, or × the
/// buyer's own estimate (with few tenders the median of the others says little): a warning
/// to investigate before award, never an exclusion.
fn abnormally_low(award: &Award, costs: &[(usize, f64)], suppliers: &mut [SupplierResult]) {
    let Some(share) = award.abnormally_low else {
        return;
    };
    for &(i, c) in costs {
        let mut others: Vec<f64> = costs
            .iter()
            .filter(|(j, _)| *j != i)
            .map(|(_, c)| *c)
            .collect();
        others.sort_by(f64::total_cmp);
        let n = others.len();
        let median = match n {
            0 => None,
            _ if n % 2 == 1 => Some(others[n / 2]),
            _ => Some((others[n / 2 - 1] + others[n / 2]) / 2.0),
        };
        let against = [
            median.map(|m| ("the median of the other qualifying tenders", m)),
            award
                .abnormally_low_estimate
                .map(|e| ("the pre-tender estimate", e)),
        ];
        for (what, figure) in against.into_iter().flatten() {
            if c < share * figure {
                suppliers[i].flags.push(Flag {
                    severity: Severity::Warning,
                    kind: FlagKind::AbnormallyLow,
                    message: format!(
                        "whole-life cost {} is below {} of {what} ({}): {LOOK_INTO}",
                        money(c),
                        crate::model::number::format_number(share),
                        money(figure)
                    ),
                });
            }
        }
    }
}

/// What an abnormally low price calls for (Procurement Act 2023 s.19(3)(c) and (4)–(5)).
const LOOK_INTO: &str = "an abnormally low price to look into before award (Procurement Act 2023 s.19(3)(c)–(5)): the supplier is asked to explain it, and its tender may be disregarded only if the explanation does not satisfy the panel";

/// The order of two tenders can depend on a third: every price method scores against the
/// lowest qualifying cost (`budget` through its denominator, budget − lowest), so leaving
/// the lowest out changes the price scores. Each pair whose order would change if one other
/// qualifying tender were left out is flagged once, on both.
///
/// `exact` (scoring rules 2 and later): every price method, `budget` included, and a tie
/// that would become an order (or an order that would become a tie) counts as a change, as
/// it changes the ranks. Scoring rules 1 keeps its first form, so its results stay as they
/// were: `lowest` and `linear` only, and only a strict reversal.
fn rank_reversals(
    award: &Award,
    costs: &[(usize, f64)],
    suppliers: &mut [SupplierResult],
    exact: bool,
) {
    if (!exact && award.price_method == PriceMethod::Budget) || costs.len() < 3 {
        return;
    }
    let quality = |i: usize| suppliers[i].total.unwrap_or(0.0);
    let all: Vec<f64> = costs.iter().map(|(_, c)| *c).collect();
    let order = |a: (usize, f64), b: (usize, f64), among: &[f64]| {
        let x = award_score(award, quality(a.0), price_score(award, a.1, among));
        let y = award_score(award, quality(b.0), price_score(award, b.1, among));
        (x - y, x.total_cmp(&y))
    };
    let mut notes: Vec<(usize, String)> = Vec::new();
    for (ai, &a) in costs.iter().enumerate() {
        for &b in &costs[ai + 1..] {
            let now = order(a, b, &all);
            for &(c, _) in costs {
                if c == a.0 || c == b.0 {
                    continue;
                }
                let without: Vec<f64> = costs
                    .iter()
                    .filter(|(j, _)| *j != c)
                    .map(|(_, x)| *x)
                    .collect();
                let then = order(a, b, &without);
                let changed = if exact {
                    now.1 != then.1
                } else {
                    now.0 * then.0 < 0.0
                };
                if changed {
                    let name = |i: usize| suppliers[i].shown_name();
                    let text = format!(
                        "the order of {} and {} would change if {}'s tender were left out: the price method scores each price against the lowest",
                        name(a.0),
                        name(b.0),
                        name(c)
                    );
                    notes.push((a.0, text.clone()));
                    notes.push((b.0, text));
                    break;
                }
            }
        }
    }
    for (i, message) in notes {
        suppliers[i].flags.push(Flag {
            severity: Severity::Info,
            kind: FlagKind::RankDependsOnOthers,
            message,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::tender::CostLine;

    fn award(method: PriceMethod, budget: Option<f64>) -> Award {
        Award {
            quality_weight: 70.0,
            price_weight: 30.0,
            quality_threshold: 60.0,
            price_method: method,
            budget,
            years: 4,
            abnormally_low: Some(0.7),
            abnormally_low_estimate: None,
            currency: "GBP".into(),
            costs: vec![CostLine {
                id: "x".into(),
                label: "X".into(),
                per_year: false,
            }],
        }
    }

    #[test]
    fn price_scores_by_hand() {
        let all = [400_000.0, 500_000.0, 800_000.0];
        let lowest = award(PriceMethod::Lowest, None);
        // 100 × 400,000 / 500,000 = 80
        assert_eq!(price_score(&lowest, 500_000.0, &all), 80.0);
        let linear = award(PriceMethod::Linear, None);
        // 100 × (1 − 100,000 / 400,000) = 75; 800,000 is twice the lowest: 0
        assert_eq!(price_score(&linear, 500_000.0, &all), 75.0);
        assert_eq!(price_score(&linear, 800_000.0, &all), 0.0);
        let budget = award(PriceMethod::Budget, Some(900_000.0));
        // 100 × (900,000 − 500,000) / (900,000 − 400,000) = 80
        assert_eq!(price_score(&budget, 500_000.0, &all), 80.0);
        assert_eq!(price_score(&budget, 400_000.0, &[400_000.0]), 100.0);
        // award score: (70 × 80 + 30 × 80) / 100 = 80
        assert_eq!(award_score(&lowest, 80.0, 80.0), 80.0);
        assert_eq!(money(1_234_567.4), "1,234,567");
    }
}
