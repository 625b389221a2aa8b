//! Comparing a saved result with a fresh scoring of the same tender: every file hash, then
//! every figure. Works on JSON values so results written by older versions still compare on
//! the keys they have. Pure: both results are given.

use serde_json::Value;
use std::collections::{HashMap, HashSet};

/// One difference between the saved result and today's.
#[derive(Debug, Clone, PartialEq)]
pub struct Difference {
    /// `file` (an input changed) or `figure` (a result differs).
    pub kind: &'static str,
    pub text: String,
}

fn short(v: &Value) -> String {
    match v {
        Value::String(s) if s.len() == 64 && s.bytes().all(|b| b.is_ascii_hexdigit()) => {
            format!("{}…", &s[..12])
        }
        Value::String(s) => crate::sanitize::inline(s),
        Value::Null => "null".into(),
        other => crate::sanitize::inline(&other.to_string()),
    }
}

/// Keys compared per question and per supplier (more keys are compared when present in both).
const SKIP_SUPPLIER: &[&str] = &[
    "questions",
    "evidence_files",
    "response_sha256",
    "response_file",
    "price_sha256",
    "supplier",
    "folder",
];

/// One input's hash then and now: added (none then), `gone` (none now), or changed.
fn hash_change(out: &mut Vec<Difference>, name: String, a: &Value, b: &Value, gone: &str) {
    let text = match (a, b) {
        _ if a == b => return,
        (Value::Null, _) => format!("{name} was added"),
        (_, Value::Null) => format!("{name} was {gone}"),
        (a, b) => return out.push(changed(&name, a, b)),
    };
    out.push(Difference { kind: "file", text });
}

fn changed(name: &str, a: &Value, b: &Value) -> Difference {
    Difference {
        kind: "file",
        text: format!(
            "{name} changed: sha256 was {}, is now {}",
            short(a),
            short(b)
        ),
    }
}

/// A saved supplier whose folder no longer exists: said plainly, as a bid that has gone.
fn gone(submissions: &str, s: &Value) -> Difference {
    Difference {
        kind: "file",
        text: format!(
            "{submissions}/{} is gone: the bid of supplier {} ({}) is no longer in the tender",
            short(&s["folder"]),
            short(&s["supplier"]),
            short(&s["folder"])
        ),
    }
}

/// The items of a JSON array by the string at `key`, in order; no copies.
fn by_key<'a>(v: &'a Value, key: &str) -> (Vec<&'a Value>, HashMap<&'a str, &'a Value>) {
    let items: Vec<&Value> = v.as_array().map(|a| a.iter().collect()).unwrap_or_default();
    let map = items
        .iter()
        .filter_map(|x| x[key].as_str().map(|k| (k, *x)))
        .collect();
    (items, map)
}

/// Differences between `saved` and `fresh`, inputs first. `submissions` is the folder name
/// used to name response and evidence files. Linear in the size of the results: every list
/// is indexed once. When the saved result covers only some suppliers (`score --supplier`,
/// recorded as `selection`), only those are compared and the others are not "new".
pub fn compare(saved: &Value, fresh: &Value, submissions: &str) -> Vec<Difference> {
    let saved = &without_ledger_flags(saved);
    let mut files = Vec::new();
    let mut figures = Vec::new();
    let file = |out: &mut Vec<Difference>, name: String, a: &Value, b: &Value| {
        if a != b {
            out.push(changed(&name, a, b));
        }
    };
    file(
        &mut files,
        "tender.toml".into(),
        &saved["tender"]["sha256"],
        &fresh["tender"]["sha256"],
    );
    for k in ["id", "risk", "as_of"] {
        if saved["tender"].get(k).is_some() && saved["tender"][k] != fresh["tender"][k] {
            figures.push(Difference {
                kind: "figure",
                text: format!(
                    "tender {k}: was {}, is now {}",
                    short(&saved["tender"][k]),
                    short(&fresh["tender"][k])
                ),
            });
        }
    }
    let (saved_rubrics, saved_rubric) = by_key(&saved["rubrics"], "ref");
    let (fresh_rubrics, fresh_rubric) = by_key(&fresh["rubrics"], "ref");
    for r in &saved_rubrics {
        let reference = r["ref"].as_str().unwrap_or("?");
        match fresh_rubric.get(reference) {
            None => files.push(Difference {
                kind: "file",
                text: format!(
                    "rubric {} is no longer used by the tender",
                    short(&r["ref"])
                ),
            }),
            Some(now) => {
                file(
                    &mut files,
                    format!("rubric {}", short(&r["ref"])),
                    &r["sha256"],
                    &now["sha256"],
                );
                if r.get("weight").is_some() && r["weight"] != now["weight"] {
                    figures.push(Difference {
                        kind: "figure",
                        text: format!(
                            "rubric {} weight: was {}, is now {}",
                            short(&r["ref"]),
                            short(&r["weight"]),
                            short(&now["weight"])
                        ),
                    });
                }
            }
        }
    }
    for now in &fresh_rubrics {
        if !now["ref"]
            .as_str()
            .is_some_and(|k| saved_rubric.contains_key(k))
        {
            files.push(Difference {
                kind: "file",
                text: format!("rubric {} is now used but was not", short(&now["ref"])),
            });
        }
    }
    let marks = |v: &Value| v["marks"].get("sha256").cloned().unwrap_or(Value::Null);
    let mut buyer_files = vec![("marks.csv".to_string(), marks(saved), marks(fresh))];
    // Scoring rules 2: the buyer's lists (verifiers.csv, certificates.csv).
    let (saved_registers, _) = by_key(&saved["registers"], "file");
    let (fresh_registers, _) = by_key(&fresh["registers"], "file");
    let mut names: Vec<&str> = saved_registers
        .iter()
        .chain(&fresh_registers)
        .filter_map(|r| r["file"].as_str())
        .collect();
    names.dedup();
    names.sort();
    names.dedup();
    for name in names {
        let hash = |list: &[&Value]| {
            list.iter()
                .find(|r| r["file"] == name)
                .map_or(Value::Null, |r| r["sha256"].clone())
        };
        buyer_files.push((
            name.to_string(),
            hash(&saved_registers),
            hash(&fresh_registers),
        ));
    }
    for (name, a, b) in buyer_files {
        hash_change(&mut files, name, &a, &b, "removed");
    }
    let selection: Option<HashSet<&str>> = saved["selection"]
        .as_array()
        .map(|a| a.iter().filter_map(Value::as_str).collect());
    let (saved_suppliers, saved_supplier) = by_key(&saved["suppliers"], "folder");
    let (fresh_suppliers, fresh_supplier) = by_key(&fresh["suppliers"], "folder");
    for s in &saved_suppliers {
        let folder = short(&s["folder"]);
        let who = format!("supplier {} ({folder})", short(&s["supplier"]));
        let Some(now) = s["folder"].as_str().and_then(|f| fresh_supplier.get(f)) else {
            files.push(Difference {
                kind: "file",
                text: format!(
                    "{submissions}/{folder} is gone: the bid of {who} is no longer in the tender"
                ),
            });
            continue;
        };
        if s.get("response_sha256").is_some() {
            // By the name of the file the supplier sent: response.xlsx for a workbook.
            let name = |v: &Value| {
                v["response_file"]
                    .as_str()
                    .unwrap_or("response.yaml")
                    .to_string()
            };
            let is = name(now);
            // A result saved before `response_file` existed does not say: take today's name.
            let was = if s.get("response_file").is_some() || now.get("response_file").is_none() {
                name(s)
            } else if s["response_sha256"] == now["response_sha256"] {
                is.clone()
            } else {
                name(s)
            };
            if was == is {
                file(
                    &mut files,
                    format!("{submissions}/{folder}/{is}"),
                    &s["response_sha256"],
                    &now["response_sha256"],
                );
            } else {
                files.push(Difference {
                    kind: "file",
                    text: format!(
                        "{submissions}/{folder}/{was} was replaced by {is}: sha256 was {}, is now {}",
                        short(&s["response_sha256"]),
                        short(&now["response_sha256"])
                    ),
                });
            }
        }
        // The price, named as such (results written before price_sha256 existed skip this;
        // their price figures are still compared below).
        if s.get("price_sha256").is_some() {
            hash_change(
                &mut files,
                format!("{submissions}/{folder}/price.yaml"),
                &s["price_sha256"],
                &now["price_sha256"],
                "removed or cannot be read",
            );
        }
        let (saved_files, _) = by_key(&s["evidence_files"], "file");
        let (now_files, now_file) = by_key(&now["evidence_files"], "file");
        let saved_names: HashSet<&str> = saved_files
            .iter()
            .filter_map(|e| e["file"].as_str())
            .collect();
        for e in &saved_files {
            let name = format!("{submissions}/{folder}/{}", short(&e["file"]));
            match e["file"].as_str().and_then(|f| now_file.get(f)) {
                Some(n) => file(&mut files, name, &e["sha256"], &n["sha256"]),
                None => files.push(Difference {
                    kind: "file",
                    text: format!("{name} is no longer cited"),
                }),
            }
        }
        for n in &now_files {
            if !n["file"].as_str().is_some_and(|f| saved_names.contains(f)) {
                files.push(Difference {
                    kind: "file",
                    text: format!(
                        "{submissions}/{folder}/{} is newly cited",
                        short(&n["file"])
                    ),
                });
            }
        }
        if let Some(obj) = s.as_object() {
            for (k, v) in obj {
                if SKIP_SUPPLIER.contains(&k.as_str()) {
                    continue;
                }
                diff_value(&mut figures, &format!("{who} {k}"), v, &now[k]);
            }
        }
        let (saved_q, _) = by_key(&s["questions"], "id");
        let (now_q, now_by_id) = by_key(&now["questions"], "id");
        let saved_ids: HashSet<&str> = saved_q.iter().filter_map(|q| q["id"].as_str()).collect();
        for q in &saved_q {
            let id = short(&q["id"]);
            match q["id"].as_str().and_then(|i| now_by_id.get(i)) {
                None => figures.push(Difference {
                    kind: "figure",
                    text: format!("{who}, question {id}: no longer scored"),
                }),
                Some(nq) => {
                    if let Some(obj) = q.as_object() {
                        for (k, v) in obj {
                            diff_value(
                                &mut figures,
                                &format!("{who}, question {id} {k}"),
                                v,
                                &nq[k],
                            );
                        }
                    }
                }
            }
        }
        for nq in &now_q {
            if !nq["id"].as_str().is_some_and(|i| saved_ids.contains(i)) {
                figures.push(Difference {
                    kind: "figure",
                    text: format!("{who}, question {}: newly scored", short(&nq["id"])),
                });
            }
        }
    }
    for now in &fresh_suppliers {
        let Some(folder) = now["folder"].as_str() else {
            continue;
        };
        let covered = selection.as_ref().is_none_or(|sel| sel.contains(folder));
        if covered && !saved_supplier.contains_key(folder) {
            files.push(Difference {
                kind: "file",
                text: format!(
                    "{submissions}/{} is new (supplier {})",
                    short(&now["folder"]),
                    short(&now["supplier"])
                ),
            });
        }
    }
    files.extend(figures);
    files
}

/// The differences that can still be named when the tender cannot be re-scored because its
/// `marks.csv` has problems: bids that have gone, then each problem of `marks.csv`.
pub fn cannot_rescore(
    saved: &Value,
    now: &crate::load::LoadedTender,
    submissions: &str,
) -> Vec<Difference> {
    let mut out = Vec::new();
    let (saved_suppliers, _) = by_key(&saved["suppliers"], "folder");
    for s in saved_suppliers {
        let Some(folder) = s["folder"].as_str() else {
            continue;
        };
        if !now.submissions.iter().any(|x| x.folder == folder) {
            out.push(gone(submissions, s));
        }
    }
    for p in &now.marks_problems {
        out.push(Difference {
            kind: "file",
            text: format!("marks.csv can no longer be applied, so no figure was compared: {p}"),
        });
    }
    out
}

/// Compares a figure or a nested object of figures, naming the path of each difference.
fn diff_value(out: &mut Vec<Difference>, path: &str, a: &Value, b: &Value) {
    if a == b {
        return;
    }
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            for (k, v) in x {
                diff_value(
                    out,
                    &format!("{path} {k}"),
                    v,
                    y.get(k).unwrap_or(&Value::Null),
                );
            }
            for k in y.keys().filter(|k| !x.contains_key(*k)) {
                out.push(Difference {
                    kind: "figure",
                    text: format!("{path} {k}: new, {}", short(&y[k])),
                });
            }
        }
        _ => out.push(Difference {
            kind: "figure",
            text: format!("{path}: was {}, is now {}", short(a), short(b)),
        }),
    }
}

/// The saved result without the warnings other councils' ledgers raised (`--ledger`): they
/// are questions for the panel, not figures, and depend on files outside the tender, so a
/// result saved with them verifies against a fresh score without them.
fn without_ledger_flags(saved: &Value) -> Value {
    let mut saved = saved.clone();
    let Some(suppliers) = saved.get_mut("suppliers").and_then(Value::as_array_mut) else {
        return saved;
    };
    for s in suppliers {
        let mut removed = 0;
        if let Some(questions) = s.get_mut("questions").and_then(Value::as_array_mut) {
            for q in questions {
                if let Some(flags) = q.get_mut("flags").and_then(Value::as_array_mut) {
                    let before = flags.len();
                    flags.retain(|f| f["kind"] != "ledger");
                    removed += before - flags.len();
                }
            }
        }
        if removed > 0 {
            if let Some(n) = s.pointer_mut("/counts/flags") {
                if let Some(v) = n.as_u64() {
                    *n = Value::from(v.saturating_sub(removed as u64));
                }
            }
        }
    }
    saved
}
