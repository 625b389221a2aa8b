//! The award as an OCDS 1.1 release package (Open Contracting Data Standard): one release,
//! tag `award`, with the buyer and tenderers as parties, the tender and the award.
//! Every date is the tender's as-of date: the tool never reads the clock, so the same files
//! give the same bytes.

use crate::review::publish::Notice;
use serde_json::{json, Value};

/// The release package as pretty JSON.
pub fn package(n: &Notice) -> String {
    let date = format!("{}T00:00:00Z", n.date);
    let party_ref = |id: &str, name: &str| json!({"id": id, "name": name});
    let mut parties = vec![json!({
        "id": "buyer",
        "name": n.buyer,
        "roles": ["buyer"],
    })];
    for t in &n.tenderers {
        let mut roles = vec!["tenderer"];
        if t.winner {
            roles.push("supplier");
        }
        let mut identifier = json!({"legalName": t.legal_name});
        if let Some(ch) = &t.companies_house {
            identifier["scheme"] = json!("GB-COH");
            identifier["id"] = json!(ch);
        }
        parties.push(json!({
            "id": t.id,
            "name": t.name,
            "identifier": identifier,
            "roles": roles,
        }));
    }
    let winners: Vec<Value> = n
        .tenderers
        .iter()
        .filter(|t| t.winner)
        .map(|t| party_ref(&t.id, &t.name))
        .collect();
    let mut award = json!({
        "id": format!("{}-award-1", n.tender_id),
        "title": format!("Award of {}", n.title),
        "description": format!(
            "The most advantageous tender as evaluated by tenderscore {} under scoring rules {}; the award is pending until the standstill period ends and the contract is signed.",
            env!("CARGO_PKG_VERSION"),
            n.rules
        ),
        "status": "pending",
        "date": date,
        "suppliers": winners,
    });
    if let Some((amount, currency)) = &n.value {
        award["value"] = json!({"amount": round2(*amount), "currency": currency});
    }
    let release = json!({
        "ocid": n.ocid,
        "id": format!("{}-award", n.ocid),
        "date": date,
        "tag": ["award"],
        "initiationType": "tender",
        "language": "en",
        "parties": parties,
        "buyer": party_ref("buyer", &n.buyer),
        "tender": {
            "id": n.tender_id,
            "title": n.title,
            "status": "complete",
            "awardCriteria": n.criteria,
            "awardCriteriaDetails": n.criteria_details,
            "numberOfTenderers": n.tenderers.len(),
            "tenderers": n.tenderers.iter().map(|t| party_ref(&t.id, &t.name)).collect::<Vec<_>>(),
        },
        "awards": [award],
    });
    let package = json!({
        "uri": format!("urn:ocds:{}", n.ocid),
        "version": "1.1",
        "publishedDate": date,
        "publisher": {"name": n.buyer},
        "releases": [release],
    });
    super::cells::to_json(&package)
}

/// Money in the release: to the penny.
fn round2(v: f64) -> f64 {
    (v * 100.0).round() / 100.0
}
