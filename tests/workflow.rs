//! Issue 3: the built-in rubrics, `init`, `template`, and the generated docs.

mod common;
use common::*;
use tenderscore::load::registry::Registry;
use tenderscore::model::rubric::Kind;

/// Fills every blank answer of a template with a valid answer (the best one), reading the
/// template as YAML (not by its comments) and writing it back as JSON, which is valid YAML.
fn fill(template: &str, name: &str) -> String {
    let reg = Registry::new(&[]).unwrap();
    // Latest versions first: the template is for the 1.2.0 rubrics init writes.
    let mut rubrics: Vec<_> = reg.files().map(|f| f.parse().unwrap()).collect();
    rubrics.reverse();
    let find = |id: &str| {
        rubrics
            .iter()
            .flat_map(|r| r.questions().map(|(_, q)| q.clone()))
            .find(|q| q.id == id)
            .unwrap()
    };
    let mut v: serde_json::Value = serde_saphyr::from_str(template).unwrap();
    v["supplier"] = name.into();
    for (id, a) in v["answers"].as_object_mut().unwrap() {
        let q = find(id);
        a["answer"] = match q.kind {
            Kind::Scale => (q.levels.len() - 1).into(),
            Kind::Choice => q.options[0].value.clone().into(),
            Kind::YesNo => if q.expects_yes() { "yes" } else { "no" }.into(),
            Kind::Number => q.bands[0].max.or(q.bands[0].min).unwrap().into(),
            Kind::Text => "We describe our method here.".into(),
        };
    }
    serde_json::to_string_pretty(&v).unwrap()
}

#[test]
fn init_then_template_then_score_walkthrough() {
    let tmp = tempfile::tempdir().unwrap();
    let o = run_in(
        tmp.path(),
        &[
            "init",
            "t",
            "--id",
            "W-1",
            "--title",
            "Walkthrough",
            "--as-of",
            "2026-10-01",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    // init refuses to overwrite
    let again = run_in(tmp.path(), &["init", "t"]);
    assert_eq!(again.status.code(), Some(2));
    assert!(stderr(&again).contains("never overwrites"));
    // the new tender is valid, with all five 1.1.0 rubrics, and has no submissions yet
    let o = run_in(tmp.path(), &["check", "t"]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    assert!(stderr(&o).contains("5 rubric(s), 0 submission(s)"));

    let o = run_in(tmp.path(), &["template", "t"]);
    assert_eq!(o.status.code(), Some(0));
    let template = stdout(&o);
    // every question that applies at the tender's risk tier is there
    for id in ["AIME-1.1", "PSED-1", "GDPR-2", "CONTRACT-1"] {
        assert!(template.contains(&format!("\n  {id}:\n")), "{id}");
    }
    // unfilled, it does not pass for an answer
    std::fs::create_dir_all(tmp.path().join("t/submissions/blank")).unwrap();
    std::fs::write(
        tmp.path().join("t/submissions/blank/response.yaml"),
        &template,
    )
    .unwrap();
    assert_eq!(run_in(tmp.path(), &["check", "t"]).status.code(), Some(1));
    std::fs::remove_dir_all(tmp.path().join("t/submissions/blank")).unwrap();

    let filled = fill(&template, "Filled In Ltd");
    std::fs::create_dir_all(tmp.path().join("t/submissions/filled")).unwrap();
    std::fs::write(
        tmp.path().join("t/submissions/filled/response.yaml"),
        filled,
    )
    .unwrap();
    let o = run_in(tmp.path(), &["check", "t"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let o = run_in(tmp.path(), &["score", "t", "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let j: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let s = supplier(&j, "Filled In Ltd");
    // best answers but no evidence: required-evidence questions earn 0, so some gate fails
    assert!(s["total"].as_f64().unwrap() > 0.0);
    assert_eq!(s["counts"]["unanswered"], 0);
    assert_eq!(s["status"], "fail");
    let reasons: Vec<&str> = s["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r.as_str().unwrap())
        .collect();
    assert!(
        reasons.contains(&"gate GDPR-10 failed: required evidence is missing"),
        "{reasons:?}"
    );
}

#[test]
fn template_from_rubric_references_respects_the_risk_tier() {
    let o = run_in(
        std::path::Path::new("."),
        &["template", "aime@1.0.0", "--risk", "low"],
    );
    assert_eq!(o.status.code(), Some(0));
    let low = stdout(&o);
    let o = run_in(std::path::Path::new("."), &["template", "aime@1.0.0"]);
    let high = stdout(&o);
    assert!(high.matches("answer:").count() > low.matches("answer:").count());
    let o = run_in(std::path::Path::new("."), &["template", "nosuch@1.0.0"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn built_in_rubrics_meet_their_brief() {
    let reg = Registry::new(&[]).unwrap();
    let count = |id: &str| {
        reg.find(&format!("{id}@1.0.0"))
            .unwrap()
            .parse()
            .unwrap()
            .question_count()
    };
    assert!(count("aime") >= 30);
    assert!(count("psed") >= 10);
    assert!(count("gdpr") >= 15);
    assert!(count("contract") >= 10);
    let aime = reg.find("aime@1.0.0").unwrap().parse().unwrap();
    assert_eq!(aime.sections.len(), 10, "one section per AIME theme");
    assert!(
        aime.questions().all(|(_, q)| q.kind != Kind::YesNo),
        "AIME answers are scaled, not yes/no"
    );
    let gdpr = reg.find("gdpr@1.0.0").unwrap().parse().unwrap();
    assert!(gdpr.questions().any(|(_, q)| q.gate));
}

#[test]
fn rubrics_list_and_show_fit_a_terminal() {
    let o = run_in(std::path::Path::new("."), &["rubrics", "list"]);
    let out = stdout(&o);
    for id in ["aime", "psed", "gdpr", "contract"] {
        assert!(
            out.lines()
                .any(|l| l.trim_start().starts_with(id) && l.contains("1.0.0")),
            "{out}"
        );
    }
    let o = run_in(std::path::Path::new("."), &["rubrics", "show", "gdpr"]);
    assert_eq!(o.status.code(), Some(0));
    for line in stdout(&o).lines() {
        // only an unbreakable URL may exceed 80 columns
        assert!(
            line.chars().count() <= 80 || !line.trim().contains(' '),
            "{line}"
        );
    }
}

/// Generated files that must not drift: docs/rubrics.md and docs/schema/*.json.
/// Set TENDERSCORE_UPDATE_DOCS=1 to rewrite them.
#[test]
fn generated_docs_are_current() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = vec![("docs/rubrics.md".to_string(), vec!["rubrics", "docs"])];
    for w in ["rubric", "tender", "response", "result", "ledger"] {
        files.push((format!("docs/schema/{w}.schema.json"), vec!["schema", w]));
    }
    for (path, args) in files {
        let o = run_in(root, &args);
        assert_eq!(o.status.code(), Some(0));
        let p = root.join(&path);
        if std::env::var_os("TENDERSCORE_UPDATE_DOCS").is_some() {
            std::fs::write(&p, &o.stdout).unwrap();
        }
        let committed = std::fs::read(&p).unwrap_or_default();
        assert!(
            committed == o.stdout,
            "{path} is out of date: run TENDERSCORE_UPDATE_DOCS=1 cargo test"
        );
    }
}
