//! What changed between two versions of a rubric, as an auditor needs to see it: why an old
//! bid would score differently under the new version. Pure.

use crate::model::rubric::{Question, Rubric};
use std::collections::BTreeMap;

fn fmt_num(x: f64) -> String {
    crate::model::number::format_number(x)
}

fn list<T: std::fmt::Display>(v: &[T]) -> String {
    if v.is_empty() {
        "any".into()
    } else {
        v.iter()
            .map(|x| x.to_string())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

fn opt<T: std::fmt::Display>(v: &Option<T>) -> String {
    v.as_ref()
        .map(|x| x.to_string())
        .unwrap_or_else(|| "none".into())
}

/// One line per change: `+` added, `-` removed, `~` changed.
pub fn diff(a: &Rubric, b: &Rubric) -> Vec<String> {
    let mut out = Vec::new();
    if a.title != b.title {
        out.push(format!("~ title: \"{}\" → \"{}\"", a.title, b.title));
    }
    let sec_a: BTreeMap<&str, _> = a
        .sections
        .iter()
        .map(|s| (s.id.value.as_str(), s))
        .collect();
    let sec_b: BTreeMap<&str, _> = b
        .sections
        .iter()
        .map(|s| (s.id.value.as_str(), s))
        .collect();
    for s in &a.sections {
        match sec_b.get(s.id.value.as_str()) {
            None => out.push(format!("- section {} ({}) removed", s.id.value, s.title)),
            Some(n) => {
                if s.weight != n.weight {
                    out.push(format!(
                        "~ section {}: weight {} → {}",
                        s.id.value,
                        fmt_num(s.weight),
                        fmt_num(n.weight)
                    ));
                }
                if s.title != n.title {
                    out.push(format!(
                        "~ section {}: title \"{}\" → \"{}\"",
                        s.id.value, s.title, n.title
                    ));
                }
            }
        }
    }
    for s in &b.sections {
        if !sec_a.contains_key(s.id.value.as_str()) {
            out.push(format!(
                "+ section {} ({}) added, weight {}",
                s.id.value,
                s.title,
                fmt_num(s.weight)
            ));
        }
    }
    let qa: BTreeMap<&str, (&str, &Question)> = a
        .questions()
        .map(|(s, q)| (q.id.as_str(), (s.id.value.as_str(), q)))
        .collect();
    let qb: BTreeMap<&str, (&str, &Question)> = b
        .questions()
        .map(|(s, q)| (q.id.as_str(), (s.id.value.as_str(), q)))
        .collect();
    for (_, q) in a.questions() {
        match qb.get(q.id.as_str()) {
            None => out.push(format!("- {} removed: {}", q.id, q.text)),
            Some((sec, n)) => {
                let (old_sec, _) = qa[q.id.as_str()];
                if old_sec != *sec {
                    out.push(format!("~ {}: moved from section {old_sec} to {sec}", q.id));
                }
                out.extend(
                    question_changes(q, n)
                        .into_iter()
                        .map(|c| format!("~ {}: {c}", q.id)),
                );
            }
        }
    }
    for (sec, q) in b.questions() {
        if !qa.contains_key(q.id.as_str()) {
            out.push(format!(
                "+ {} added in section {} ({}, weight {}): {}",
                q.id,
                sec.id.value,
                q.kind,
                fmt_num(q.weight),
                q.text
            ));
        }
    }
    // Consistency rules (scoring rules 2), by id.
    let rules = |r: &Rubric| -> Vec<(String, String)> {
        r.consistency
            .iter()
            .map(|c| {
                (
                    c.value.id.clone(),
                    format!("{}; {}", c.value.words(), c.value.message),
                )
            })
            .collect()
    };
    let (ra, rb) = (rules(a), rules(b));
    for (id, text) in &ra {
        match rb.iter().find(|(i, _)| i == id) {
            None => out.push(format!("consistency rule {id} removed")),
            Some((_, t)) if t != text => {
                out.push(format!("consistency rule {id} changed: {text} → {t}"))
            }
            _ => {}
        }
    }
    for (id, text) in &rb {
        if !ra.iter().any(|(i, _)| i == id) {
            out.push(format!("consistency rule {id} added: {text}"));
        }
    }
    out
}

/// `label old → new` when the two texts differ.
fn changed(c: &mut Vec<String>, label: &str, old: String, new: String) {
    if old != new {
        c.push(format!("{label} {old} → {new}"));
    }
}

fn question_changes(a: &Question, b: &Question) -> Vec<String> {
    let mut c = Vec::new();
    if a.text != b.text {
        c.push(format!("reworded: \"{}\" → \"{}\"", a.text, b.text));
    }
    changed(&mut c, "kind", a.kind.to_string(), b.kind.to_string());
    changed(&mut c, "weight", fmt_num(a.weight), fmt_num(b.weight));
    // Levels compared only while the question stays a scale: a change of kind is said above.
    let both_scales =
        a.kind == crate::model::rubric::Kind::Scale && b.kind == crate::model::rubric::Kind::Scale;
    if both_scales && a.levels != b.levels {
        if a.levels.len() != b.levels.len() {
            c.push(format!(
                "scale 0-{} → 0-{} (raw scores change)",
                a.levels.len().saturating_sub(1),
                b.levels.len().saturating_sub(1)
            ));
        }
        for (i, (x, y)) in a.levels.iter().zip(&b.levels).enumerate() {
            if x != y {
                c.push(format!("level {i} reworded: \"{x}\" → \"{y}\""));
            }
        }
    }
    let oa: BTreeMap<&str, _> = a.options.iter().map(|o| (o.value.as_str(), o)).collect();
    let ob: BTreeMap<&str, _> = b.options.iter().map(|o| (o.value.as_str(), o)).collect();
    for (v, o) in &oa {
        match ob.get(v) {
            None => c.push(format!("option `{v}` removed")),
            Some(n) if n.score != o.score => c.push(format!(
                "option `{v}` score {} → {}",
                fmt_num(o.score),
                fmt_num(n.score)
            )),
            Some(n) if n.label != o.label => c.push(format!(
                "option `{v}` relabelled \"{}\" → \"{}\"",
                o.label, n.label
            )),
            _ => {}
        }
    }
    for (v, o) in &ob {
        if !oa.contains_key(v) {
            c.push(format!("option `{v}` added (score {})", fmt_num(o.score)));
        }
    }
    if a.expects_yes() != b.expects_yes() && a.kind == crate::model::rubric::Kind::YesNo {
        c.push(format!(
            "expected answer {} → {}",
            if a.expects_yes() { "yes" } else { "no" },
            if b.expects_yes() { "yes" } else { "no" }
        ));
    }
    let bands = |q: &Question| serde_json::to_string(&q.bands).unwrap_or_default();
    if bands(a) != bands(b) {
        c.push(format!("bands {} → {}", bands(a), bands(b)));
    }
    let (ea, eb) = (&a.evidence, &b.evidence);
    let fields = [
        (
            "evidence required",
            ea.required.to_string(),
            eb.required.to_string(),
        ),
        ("evidence kinds", list(&ea.kinds), list(&eb.kinds)),
        (
            "evidence max age (days)",
            opt(&ea.max_age_days),
            opt(&eb.max_age_days),
        ),
        (
            "verification needed from risk",
            opt(&ea.verify_at),
            opt(&eb.verify_at),
        ),
        (
            "evidence must show",
            a.evidence.must_show_words().unwrap_or_else(|| "–".into()),
            b.evidence.must_show_words().unwrap_or_else(|| "–".into()),
        ),
        (
            "evidence must not show",
            a.evidence
                .must_not_show_words()
                .unwrap_or_else(|| "–".into()),
            b.evidence
                .must_not_show_words()
                .unwrap_or_else(|| "–".into()),
        ),
        ("gate", a.gate.to_string(), b.gate.to_string()),
        (
            "applies from risk",
            a.applies_from.to_string(),
            b.applies_from.to_string(),
        ),
        ("n/a allowed", a.na.to_string(), b.na.to_string()),
    ];
    for (label, old, new) in fields {
        changed(&mut c, label, old, new);
    }
    let flags = |q: &Question| {
        q.flags
            .iter()
            .map(|f| format!("{:?} {}: {}", f.answers, f.severity, f.message))
            .collect::<Vec<_>>()
    };
    if flags(a) != flags(b) {
        c.push("flags changed".into());
    }
    if a.guidance != b.guidance {
        c.push("guidance reworded".into());
    }
    if a.refs != b.refs {
        c.push(format!(
            "refs {} → {}",
            a.refs.join("; "),
            b.refs.join("; ")
        ));
    }
    c
}
