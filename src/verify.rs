//! Comparing a saved result with a fresh scoring of the same tender: every file hash, then
//! every figure. Works on JSON values so results written by older versions still compare on
//! the keys they have. Pure: both results are given.

use serde_json::Value;

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
    "supplier",
    "folder",
];

/// Differences between `saved` and `fresh`, inputs first. `submissions` is the folder name
/// used to name response and evidence files.
pub fn compare(saved: &Value, fresh: &Value, submissions: &str) -> Vec<Difference> {
    let mut files = Vec::new();
    let mut figures = Vec::new();
    let file = |out: &mut Vec<Difference>, name: String, a: &Value, b: &Value| {
        if a != b {
            out.push(Difference {
                kind: "file",
                text: format!(
                    "{name} changed: sha256 was {}, is now {}",
                    short(a),
                    short(b)
                ),
            });
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
    let empty = Vec::new();
    let arr = |v: &Value| v.as_array().unwrap_or(&empty).clone();
    for r in arr(&saved["rubrics"]) {
        let reference = r["ref"].as_str().unwrap_or("?");
        match arr(&fresh["rubrics"]).iter().find(|x| x["ref"] == r["ref"]) {
            None => files.push(Difference {
                kind: "file",
                text: format!("rubric {reference} is no longer used by the tender"),
            }),
            Some(now) => {
                file(
                    &mut files,
                    format!("rubric {reference}"),
                    &r["sha256"],
                    &now["sha256"],
                );
                if r.get("weight").is_some() && r["weight"] != now["weight"] {
                    figures.push(Difference {
                        kind: "figure",
                        text: format!(
                            "rubric {reference} weight: was {}, is now {}",
                            short(&r["weight"]),
                            short(&now["weight"])
                        ),
                    });
                }
            }
        }
    }
    for now in arr(&fresh["rubrics"]) {
        if !arr(&saved["rubrics"])
            .iter()
            .any(|x| x["ref"] == now["ref"])
        {
            files.push(Difference {
                kind: "file",
                text: format!("rubric {} is now used but was not", short(&now["ref"])),
            });
        }
    }
    let marks = |v: &Value| v["marks"].get("sha256").cloned().unwrap_or(Value::Null);
    match (marks(saved), marks(fresh)) {
        (Value::Null, Value::Null) => {}
        (Value::Null, _) => files.push(Difference {
            kind: "file",
            text: "marks.csv was added".into(),
        }),
        (_, Value::Null) => files.push(Difference {
            kind: "file",
            text: "marks.csv was removed".into(),
        }),
        (a, b) => file(&mut files, "marks.csv".into(), &a, &b),
    }
    let fresh_suppliers = arr(&fresh["suppliers"]);
    for s in arr(&saved["suppliers"]) {
        let folder = s["folder"].as_str().unwrap_or("?");
        let who = format!("supplier {} ({folder})", short(&s["supplier"]));
        let Some(now) = fresh_suppliers.iter().find(|x| x["folder"] == s["folder"]) else {
            files.push(Difference {
                kind: "file",
                text: format!("{submissions}/{folder} is gone ({who})"),
            });
            continue;
        };
        if s.get("response_sha256").is_some() {
            file(
                &mut files,
                format!("{submissions}/{folder}/response.yaml"),
                &s["response_sha256"],
                &now["response_sha256"],
            );
        }
        let now_files = arr(&now["evidence_files"]);
        for e in arr(&s["evidence_files"]) {
            let name = format!(
                "{submissions}/{folder}/{}",
                e["file"].as_str().unwrap_or("?")
            );
            match now_files.iter().find(|x| x["file"] == e["file"]) {
                Some(n) => file(&mut files, name, &e["sha256"], &n["sha256"]),
                None => files.push(Difference {
                    kind: "file",
                    text: format!("{name} is no longer cited"),
                }),
            }
        }
        for n in &now_files {
            if !arr(&s["evidence_files"])
                .iter()
                .any(|x| x["file"] == n["file"])
            {
                files.push(Difference {
                    kind: "file",
                    text: format!(
                        "{submissions}/{folder}/{} is newly cited",
                        n["file"].as_str().unwrap_or("?")
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
        let now_q = arr(&now["questions"]);
        for q in arr(&s["questions"]) {
            let id = q["id"].as_str().unwrap_or("?");
            match now_q.iter().find(|x| x["id"] == q["id"]) {
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
            if !arr(&s["questions"]).iter().any(|x| x["id"] == nq["id"]) {
                figures.push(Difference {
                    kind: "figure",
                    text: format!(
                        "{who}, question {}: newly scored",
                        nq["id"].as_str().unwrap_or("?")
                    ),
                });
            }
        }
    }
    for now in &fresh_suppliers {
        if !arr(&saved["suppliers"])
            .iter()
            .any(|x| x["folder"] == now["folder"])
        {
            files.push(Difference {
                kind: "file",
                text: format!(
                    "{submissions}/{} is new (supplier {})",
                    now["folder"].as_str().unwrap_or("?"),
                    short(&now["supplier"])
                ),
            });
        }
    }
    files.extend(figures);
    files
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
