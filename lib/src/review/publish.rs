//! The award as open contracting data (`tenderscore publish`): what an OCDS release of a
//! final evaluation says, built from the tender and its result. Pure; `render::ocds` writes
//! the JSON.

use crate::load::LoadedTender;
use crate::result::{Status, TenderResult};

/// Why there is nothing to publish yet.
#[derive(Debug, Clone, PartialEq)]
pub enum NotYet {
    /// tender.toml has no `[publish] ocid_prefix`.
    NoPrefix,
    /// The evaluation cannot be final: scoring rules 1 without `[award]` never says.
    NeverFinal,
    /// Provisional: one line per matter pending.
    Pending(Vec<String>),
    /// Final, and no tender qualifies: there is no award to publish.
    NoAward,
}

/// A tenderer as the release names it.
#[derive(Debug, Clone, PartialEq)]
pub struct Tenderer {
    /// The party id within the release: `GB-COH-<number>` for a Companies House number,
    /// else `tenderer-<folder>`.
    pub id: String,
    pub name: String,
    /// The first legal name given, else the display name.
    pub legal_name: String,
    /// A Companies House number, normalised (eight characters).
    pub companies_house: Option<String>,
    pub winner: bool,
}

/// What the release says.
#[derive(Debug, Clone, PartialEq)]
pub struct Notice {
    pub ocid: String,
    pub tender_id: String,
    pub title: String,
    pub buyer: String,
    /// The tender's as-of date (YYYY-MM-DD): the release's date.
    pub date: String,
    /// `ratedCriteria` with a price, `qualityOnly` without.
    pub criteria: &'static str,
    /// The award criteria in words, from the methodology.
    pub criteria_details: String,
    pub tenderers: Vec<Tenderer>,
    /// The whole-life cost and currency of the winning tender, under `[award]`.
    pub value: Option<(f64, String)>,
    /// The tool version and rules version, for the release's description.
    pub rules: u32,
}

/// A Companies House number in its eight-character form (`1234567` → `01234567`,
/// `sc123456` → `SC123456`), when `n` is one.
pub fn companies_house(n: &str) -> Option<String> {
    let k: String = n
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_uppercase)
        .collect();
    if !k.is_ascii() {
        return None;
    }
    let digits = k.bytes().all(|b| b.is_ascii_digit());
    if digits && (1..=8).contains(&k.len()) {
        return Some(format!("{k:0>8}"));
    }
    let (prefix, rest) = k.split_at(k.len().min(2));
    (k.len() == 8
        && prefix.bytes().all(|b| b.is_ascii_uppercase())
        && rest.bytes().all(|b| b.is_ascii_digit()))
    .then_some(k)
}

/// The release of a final evaluation, or why there is none yet.
pub fn notice(t: &LoadedTender, result: &TenderResult) -> Result<Notice, NotYet> {
    let Some(settings) = &t.tender.publish else {
        return Err(NotYet::NoPrefix);
    };
    match result.is_final {
        None => return Err(NotYet::NeverFinal),
        Some(false) => {
            return Err(NotYet::Pending(
                result
                    .pending
                    .iter()
                    .map(|p| {
                        let q = p
                            .question
                            .as_deref()
                            .map(|q| format!(" {q}"))
                            .unwrap_or_default();
                        format!(
                            "{}{q}: {} ({})",
                            p.supplier,
                            p.what,
                            p.kind.replace('_', " ")
                        )
                    })
                    .collect(),
            ))
        }
        Some(true) => {}
    }
    let Some(winner) = result.leader() else {
        return Err(NotYet::NoAward);
    };
    let m = super::methodology::build(t);
    let mut parts: Vec<String> = m
        .criteria
        .iter()
        .map(|c| {
            format!(
                "{} {}%",
                c.title,
                crate::model::number::format_number(round1(c.share))
            )
        })
        .collect();
    if let Some(p) = &m.price {
        parts.push(format!(
            "price {}% ({})",
            crate::model::number::format_number(round1(p.share)),
            p.formula
        ));
    }
    let basis = if m.price.is_some() {
        "Most advantageous tender"
    } else {
        "Highest quality score"
    };
    let mut ids: std::collections::BTreeSet<String> = std::collections::BTreeSet::new();
    let tenderers = result
        .suppliers
        .iter()
        .filter(|s| s.status != Status::Error)
        .map(|s| {
            let response = t
                .submissions
                .iter()
                .find(|sub| sub.folder == s.folder)
                .and_then(|sub| sub.response.as_ref().ok());
            // Two tenders giving one number keep apart: party ids are unique in a release.
            let ch = s
                .company_number
                .as_deref()
                .and_then(companies_house)
                .filter(|n| ids.insert(format!("GB-COH-{n}")));
            Tenderer {
                id: match &ch {
                    Some(n) => format!("GB-COH-{n}"),
                    None => format!("tenderer-{}", s.folder),
                },
                name: s.supplier.clone(),
                legal_name: response
                    .and_then(|r| r.legal_names.first().cloned())
                    .unwrap_or_else(|| s.supplier.clone()),
                companies_house: ch,
                winner: s.folder == winner.folder,
            }
        })
        .collect();
    Ok(Notice {
        ocid: format!("{}-{}", settings.ocid_prefix, t.tender.id),
        tender_id: t.tender.id.clone(),
        title: t.tender.title.clone(),
        buyer: t.tender.buyer.clone(),
        date: t.tender.as_of.to_string(),
        criteria: if m.price.is_some() {
            "ratedCriteria"
        } else {
            "qualityOnly"
        },
        criteria_details: format!("{basis}: {}.", parts.join("; ")),
        tenderers,
        value: winner
            .price
            .as_ref()
            .map(|p| (p.whole_life_cost, p.currency.clone())),
        rules: t.tender.scoring.rules,
    })
}

fn round1(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

#[cfg(test)]
mod tests {
    use super::companies_house;

    #[test]
    fn companies_house_numbers_are_told_from_other_registers() {
        assert_eq!(companies_house("1234567").as_deref(), Some("01234567"));
        assert_eq!(companies_house("sc 123456").as_deref(), Some("SC123456"));
        assert_eq!(companies_house("NI123456").as_deref(), Some("NI123456"));
        assert_eq!(companies_house("HRB 12345"), None);
        assert_eq!(companies_house("123456789"), None);
        assert_eq!(companies_house(""), None);
        // Not one, and never a panic on a character wider than a byte.
        assert_eq!(companies_house("Nº 1234567"), None);
        assert_eq!(companies_house("№ 01234567"), None);
    }
}
