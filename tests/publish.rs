//! `publish --format ocds` (docs/ledger.md, "Publishing the award"): an OCDS 1.1 release
//! package of a final evaluation, validated against the standard's own schemas.

mod common;
use common::*;
use serde_json::Value;
use std::path::Path;

/// The OCDS 1.1 schemas, as published by the Open Contracting Partnership.
fn ocds_dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ocds")
}

fn validate(package: &Value) -> Result<(), String> {
    let read = |f: &str| -> Value {
        serde_json::from_str(&std::fs::read_to_string(ocds_dir().join(f)).unwrap()).unwrap()
    };
    let package_schema = read("release-package-schema.json");
    // One pattern in the release schema (a quantity's interval, `[1,INF)`) is valid in
    // JavaScript's regular expressions, which JSON Schema uses, but puts an unescaped `[`
    // inside a character class, which boon's checker (Rust's regex syntax) reads as a nested
    // class. Escaped, it matches the same strings. Our releases hold no quantity.
    let release_schema: Value = serde_json::from_str(
        &std::fs::read_to_string(ocds_dir().join("release-schema.json"))
            .unwrap()
            .replace(r#"[([\\]]"#, r#"[(\\[\\]]"#)
            .replace(r#"[)[\\]]"#, r#"[)\\[\\]]"#),
    )
    .unwrap();
    let package_id = package_schema["id"].as_str().unwrap().to_string();
    let release_id = release_schema["id"].as_str().unwrap().to_string();
    let mut schemas = boon::Schemas::new();
    let mut compiler = boon::Compiler::new();
    compiler.enable_format_assertions();
    compiler.add_resource(&release_id, release_schema).unwrap();
    compiler.add_resource(&package_id, package_schema).unwrap();
    let id = compiler.compile(&package_id, &mut schemas).unwrap();
    schemas.validate(package, id).map_err(|e| format!("{e:#}"))
}

/// The example's tender.toml with its `[publish]` table (the last in the file) taken out.
fn without_publish(dir: &Path) -> String {
    let toml = std::fs::read_to_string(dir.join("tender.toml")).unwrap();
    let cut = toml.find("\n[publish]").expect("the example publishes");
    toml[..cut].to_string()
}

#[test]
fn the_award_of_a_final_evaluation_is_a_valid_ocds_release_package() {
    let dir = final_example();
    let o = run_in(dir.path(), &["publish", ".", "--format", "ocds"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let package: Value = serde_json::from_slice(&o.stdout).unwrap();
    validate(&package).unwrap();
    let release = &package["releases"][0];
    assert_eq!(release["ocid"], "ocds-nm0001-NMBC-2026-031");
    assert_eq!(release["tag"], serde_json::json!(["award"]));
    assert_eq!(release["date"], "2026-10-01T00:00:00Z");
    // The winner is the one `score` ranks first, as supplier and tenderer.
    let result: Value =
        serde_json::from_slice(&run_in(dir.path(), &["score", ".", "--format", "json"]).stdout)
            .unwrap();
    let first = result["suppliers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["rank"] == 1)
        .unwrap();
    let award = &release["awards"][0];
    assert_eq!(award["suppliers"][0]["name"], first["supplier"]);
    assert_eq!(award["value"]["currency"], first["price"]["currency"]);
    approx(
        &award["value"]["amount"],
        first["price"]["whole_life_cost"].as_f64().unwrap(),
    );
    let parties = release["parties"].as_array().unwrap();
    let winner = parties
        .iter()
        .find(|p| p["id"] == award["suppliers"][0]["id"])
        .unwrap();
    assert_eq!(winner["roles"], serde_json::json!(["tenderer", "supplier"]));
    let readable = result["suppliers"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["status"] != "error")
        .count();
    assert_eq!(release["tender"]["numberOfTenderers"], readable);
    assert_eq!(parties.len(), readable + 1);
    assert!(release["tender"]["awardCriteriaDetails"]
        .as_str()
        .unwrap()
        .contains("price"));
    // Same files, same bytes: no clock.
    let again = run_in(dir.path(), &["publish", ".", "--format", "ocds"]);
    assert_eq!(o.stdout, again.stdout);
}

#[test]
fn the_validator_is_not_a_rubber_stamp() {
    let dir = final_example();
    let o = run_in(dir.path(), &["publish", "."]);
    let mut package: Value = serde_json::from_slice(&o.stdout).unwrap();
    package["releases"][0]["tag"] = serde_json::json!([]);
    assert!(validate(&package).is_err());
    let mut package: Value = serde_json::from_slice(&o.stdout).unwrap();
    package["releases"][0]["date"] = "1 October 2026".into();
    assert!(validate(&package).is_err());
}

#[test]
fn a_provisional_evaluation_publishes_nothing_and_says_what_is_pending() {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&example(), dir.path());
    let o = run_in(dir.path(), &["publish", ".", "-o", "award.json"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(!dir.path().join("award.json").exists());
    let err = stderr(&o);
    assert!(err.contains("provisional"), "{err}");
    assert!(err.contains("meadowbank-analytics CONTRACT-7"), "{err}");
}

#[test]
fn without_an_ocid_prefix_it_says_how_to_add_one_and_a_bad_prefix_is_refused() {
    let dir = final_example();
    let p = dir.path().join("tender.toml");
    let toml = without_publish(dir.path());
    std::fs::write(&p, &toml).unwrap();
    let o = run_in(dir.path(), &["publish", "."]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("[publish] ocid_prefix"),
        "{}",
        stderr(&o)
    );
    std::fs::write(&p, format!("{toml}\n[publish]\nocid_prefix = \"NMBC\"\n")).unwrap();
    let o = run_in(dir.path(), &["publish", "."]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("ocid_prefix must be an OCDS prefix"),
        "{}",
        stderr(&o)
    );
}
