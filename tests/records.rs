//! `records`: the council's DPIA, equality impact assessment and ATRS drafts (docs/records.md),
//! on the example and on made-up tenders: every section there, only questions the tender asks
//! cited, only hashes of real files, unfilled fields marked, findings listed as risks, DOCX
//! read back with the tool's own evidence reader.

mod common;
use common::*;
use serde_json::Value;
use sha2::{Digest, Sha256};
use std::path::Path;

fn record(dir: &Path, supplier: &str, kind: &str, format: &str) -> Vec<u8> {
    let o = run_in(
        dir,
        &[
            "records",
            ".",
            "--supplier",
            supplier,
            "--kind",
            kind,
            "--format",
            format,
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    o.stdout
}

fn record_json(dir: &Path, supplier: &str, kind: &str) -> Value {
    serde_json::from_slice(&record(dir, supplier, kind, "json")).unwrap()
}

/// Every value under a key named `key`, anywhere in `v`.
fn all_under<'a>(v: &'a Value, key: &str, out: &mut Vec<&'a Value>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                if k == key {
                    out.push(x);
                }
                all_under(x, key, out);
            }
        }
        Value::Array(a) => a.iter().for_each(|x| all_under(x, key, out)),
        _ => {}
    }
}

/// Every `{file, sha256}` object anywhere in `v`.
fn cites(v: &Value, out: &mut Vec<(String, Option<String>)>) {
    match v {
        Value::Object(m) => {
            if let (Some(Value::String(f)), Some(h)) = (m.get("file"), m.get("sha256")) {
                out.push((f.clone(), h.as_str().map(String::from)));
            }
            m.values().for_each(|x| cites(x, out));
        }
        Value::Array(a) => a.iter().for_each(|x| cites(x, out)),
        _ => {}
    }
}

const DPIA_SECTIONS: [&str; 7] = [
    "step_1_need",
    "step_2_processing",
    "step_3_consultation",
    "step_4_necessity",
    "step_5_risks",
    "step_6_measures",
    "step_7_sign_off",
];
const CHARACTERISTICS: [&str; 9] = [
    "age",
    "disability",
    "gender_reassignment",
    "marriage_and_civil_partnership",
    "pregnancy_and_maternity",
    "race",
    "religion_or_belief",
    "sex",
    "sexual_orientation",
];
/// Tier 1 and Tier 2 of the ATRS template v3.0 (template_table.md), in order.
const ATRS_FIELDS: [&str; 50] = [
    "name",
    "description",
    "website_url",
    "contact_email",
    "organisation_or_department",
    "team",
    "senior_responsible_owner",
    "external_supplier_involvement",
    "external_supplier",
    "companies_house_number",
    "external_supplier_role",
    "procurement_procedure_type",
    "data_access_terms",
    "detailed_description",
    "scope",
    "benefit",
    "previous_process",
    "alternatives_considered",
    "process_integration",
    "provided_information",
    "frequency_and_scale_of_usage",
    "human_decisions_and_review",
    "required_training",
    "appeals_and_review",
    "system_architecture",
    "phase",
    "maintenance",
    "models",
    "model_name",
    "model_version",
    "model_task",
    "model_input",
    "model_output",
    "model_architecture",
    "model_performance",
    "datasets",
    "dataset_purposes",
    "source_data_name",
    "data_modality",
    "data_description",
    "data_quantities",
    "sensitive_attributes",
    "data_completeness_and_representativeness",
    "source_data_url",
    "data_collection",
    "data_cleaning",
    "data_sharing_agreements",
    "data_access_and_storage",
    "impact_assessment",
    "risks_and_mitigations",
];

/// The field keys of a record's JSON, section by section.
fn field_keys(j: &Value) -> Vec<(String, String)> {
    j["fields"]
        .as_object()
        .unwrap()
        .iter()
        .flat_map(|(s, f)| {
            f.as_object()
                .unwrap()
                .keys()
                .map(|k| (s.clone(), k.clone()))
                .collect::<Vec<_>>()
        })
        .collect()
}

#[test]
fn each_record_of_the_example_has_every_section_cites_only_asked_questions_and_real_files() {
    let dir = example();
    let result = {
        let o = run_in(&dir, &["score", ".", "--format", "json"]);
        serde_json::from_slice::<Value>(&o.stdout).unwrap()
    };
    // Pennine answers in YAML, Larkspur in a workbook.
    for folder in ["pennine-care-data", "larkspur"] {
        let asked: Vec<String> = by_folder(&result, folder)["questions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|q| q["id"].as_str().unwrap().to_string())
            .collect();
        for kind in ["dpia", "eqia", "atrs"] {
            let j = record_json(&dir, folder, kind);
            let keys = field_keys(&j);
            let sections: Vec<&str> = j["fields"]
                .as_object()
                .unwrap()
                .keys()
                .map(String::as_str)
                .collect();
            match kind {
                "dpia" => assert_eq!(sections, DPIA_SECTIONS),
                "eqia" => {
                    for c in CHARACTERISTICS {
                        assert!(
                            keys.iter()
                                .any(|(s, k)| s == "protected_characteristics" && k == c),
                            "{c} missing"
                        );
                    }
                    for aim in [
                        "eliminate_discrimination",
                        "advance_equality_of_opportunity",
                        "foster_good_relations",
                    ] {
                        assert!(keys.iter().any(|(s, k)| s == "aims" && k == aim), "{aim}");
                    }
                    for s in ["risks_and_mitigations", "sign_off"] {
                        assert!(sections.contains(&s), "{s}");
                    }
                }
                _ => {
                    let tiers: Vec<&str> = keys
                        .iter()
                        .filter(|(s, _)| s.starts_with("tier_"))
                        .map(|(_, k)| k.as_str())
                        .collect();
                    assert_eq!(tiers, ATRS_FIELDS);
                }
            }

            // Only questions the tender asks.
            let mut ids = Vec::new();
            all_under(&j, "question", &mut ids);
            let mut lists = Vec::new();
            all_under(&j, "questions", &mut lists);
            let ids: Vec<&str> = ids
                .iter()
                .filter_map(|v| v.as_str())
                .chain(
                    lists
                        .iter()
                        .filter_map(|v| v.as_array())
                        .flatten()
                        .filter_map(|v| v.as_str()),
                )
                .collect();
            assert!(ids.len() > 10, "{kind} cites {ids:?}");
            for id in ids {
                assert!(asked.iter().any(|a| a == id), "{kind} cites {id}");
            }

            // Only hashes of real files: each the first 16 hex digits of the file's SHA-256.
            let mut files = Vec::new();
            cites(&j, &mut files);
            assert!(files.iter().any(|(f, _)| f.starts_with("evidence/")));
            for (file, sha) in files {
                let path = if file == "tender.toml" {
                    dir.join(&file)
                } else {
                    dir.join("submissions").join(folder).join(&file)
                };
                let bytes = std::fs::read(&path).unwrap_or_else(|_| panic!("{kind}: {file}"));
                let real = format!("{:x}", Sha256::digest(bytes));
                let sha = sha.unwrap_or_else(|| panic!("{file} has no hash"));
                assert_eq!(sha.len(), 16);
                assert_eq!(sha, real[..16], "{kind}: {file}");
            }

            // Unfilled fields say so.
            let mut unfilled = 0;
            for section in j["fields"].as_object().unwrap().values() {
                for (k, f) in section.as_object().unwrap() {
                    let empty = f["entries"].as_array().unwrap().is_empty() && f["draft"].is_null();
                    if empty {
                        unfilled += 1;
                        assert!(
                            f["council_to_complete"]
                                .as_str()
                                .is_some_and(|c| c.starts_with("Council to complete")),
                            "{kind}.{k}: {f}"
                        );
                    }
                }
            }
            assert!(
                unfilled > 0,
                "{kind}: every record leaves the council something"
            );
            let md = String::from_utf8(record(&dir, folder, kind, "markdown")).unwrap();
            assert!(md.matches("**Council to complete").count() >= unfilled);
        }
    }
}

#[test]
fn a_contradiction_is_a_listed_risk_in_the_dpia_for_the_council_to_assess() {
    let j = record_json(&example(), "cobalt-analytics", "dpia");
    let risks = j["risks"].as_array().unwrap();
    let c = risks
        .iter()
        .find(|r| r["finding"] == "contradiction")
        .unwrap_or_else(|| panic!("{risks:#?}"));
    let qs: Vec<&str> = c["questions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q.as_str().unwrap())
        .collect();
    assert!(qs.contains(&"GDPR-8") && qs.contains(&"GDPR-24"), "{qs:?}");
    // Listed once though both questions carry the flag.
    assert_eq!(
        risks
            .iter()
            .filter(|r| r["finding"] == "contradiction")
            .count(),
        1
    );
    for r in risks {
        assert_eq!(r["likelihood"], "Council to assess");
        assert_eq!(r["severity"], "Council to assess");
    }
    // The DPIA's risk step lists them.
    let step5 = &j["fields"]["step_5_risks"]["risks"];
    assert!(step5["draft"]
        .as_str()
        .unwrap()
        .contains("HUMAN-REVIEW-VS-AUTOMATED"));
}

#[test]
fn unconfirmed_security_evidence_is_a_listed_risk_in_the_dpia() {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&example(), dir.path());
    // Pennine's penetration test no longer shows what GDPR-14 asks of it.
    let pen = dir
        .path()
        .join("submissions/pennine-care-data/evidence/pen-test-2026.txt");
    std::fs::write(
        &pen,
        "Pennine Care Data Ltd. Office network review, 30 March 2026. Printers were checked.\n",
    )
    .unwrap();
    let o = run_in(dir.path(), &["score", ".", "--format", "json"]);
    let result: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(
        question(by_folder(&result, "pennine-care-data"), "GDPR-14")["evidence"],
        "unconfirmed"
    );
    let j = record_json(dir.path(), "pennine-care-data", "dpia");
    let risk = j["risks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["finding"] == "unconfirmed_evidence" && r["questions"][0] == "GDPR-14")
        .unwrap_or_else(|| panic!("{:#}", j["risks"]));
    let real = format!("{:x}", Sha256::digest(std::fs::read(&pen).unwrap()));
    assert_eq!(risk["files"][0]["file"], "evidence/pen-test-2026.txt");
    assert_eq!(risk["files"][0]["sha256"], real[..16]);
    // The unchanged example lists no such risk; nor, as a claim without evidence, Pennine's
    // acceptance of the council's own retention clause (GDPR-18), which asks for none.
    let j = record_json(&example(), "pennine-care-data", "dpia");
    let risks = j["risks"].as_array().unwrap();
    assert!(!risks.iter().any(|r| r["questions"][0] == "GDPR-14"));
    assert!(
        !risks.iter().any(|r| r["questions"][0] == "GDPR-18"),
        "{risks:#?}"
    );
    let entry = j["fields"]["step_2_processing"]["nature"]["entries"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["question"] == "GDPR-18")
        .unwrap();
    assert_eq!(entry["evidence"], "no evidence given");
}

#[test]
fn docx_reads_back_with_every_section_and_is_the_same_bytes_twice() {
    use tenderscore::load::readers::{read, Format, Raw};
    let dir = example();
    for (kind, headings) in [
        (
            "dpia",
            vec![
                "Step 1: Identify the need for a DPIA",
                "Step 5: Identify and assess risks",
                "Step 7: Sign off and record outcomes",
            ],
        ),
        (
            "eqia",
            vec![
                "Marriage and civil partnership",
                "(c) Foster good relations",
            ],
        ),
        (
            "atrs",
            vec![
                "Tier 1",
                "Tier 2: 2.5 Risks, mitigations and impact assessments",
            ],
        ),
    ] {
        let a = record(&dir, "pennine-care-data", kind, "docx");
        let b = record(&dir, "pennine-care-data", kind, "docx");
        assert_eq!(a, b, "{kind}: the same files give the same bytes");
        let Raw::Text(text) = read(Format::Docx, &a) else {
            panic!("{kind}: the DOCX does not read back")
        };
        for h in headings {
            assert!(text.contains(h), "{kind}: {h}");
        }
        assert!(text.contains("Council to complete"));
        assert!(text.contains("Pennine Care Data Ltd"));
        // Word's own heading styles, so the navigation pane finds them.
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&a)).unwrap();
        let mut xml = String::new();
        std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut xml)
            .unwrap();
        assert!(xml.contains("w:pStyle w:val=\"Heading2\""));
        // The Markdown says the same in the same order.
        let md = String::from_utf8(record(&dir, "pennine-care-data", kind, "md")).unwrap();
        assert_eq!(
            md.matches("Council to complete").count(),
            text.matches("Council to complete").count(),
            "{kind}"
        );
    }
}

#[test]
fn no_draft_states_the_councils_conclusion() {
    let dir = example();
    for folder in ["pennine-care-data", "cobalt-analytics", "larkspur"] {
        for kind in ["dpia", "eqia", "atrs"] {
            let md = String::from_utf8(record(&dir, folder, kind, "md")).unwrap();
            // The tool's own text: not the template's prompts (in italics), the supplier's
            // answers, words or quoted evidence.
            let ours: String = md
                .lines()
                .filter(|l| !l.starts_with('_'))
                .filter(|l| {
                    ![
                        "**Answer:**",
                        "**The supplier's words:**",
                        "**Named in",
                        "asked: “",
                    ]
                    .iter()
                    .any(|m| l.contains(m))
                })
                .collect::<Vec<_>>()
                .join("\n")
                .to_lowercase();
            for conclusion in [
                "low risk",
                "high risk",
                "medium risk",
                "risk is low",
                "risk is high",
                "acceptable risk",
                "duty is met",
                "meets the duty",
                "is compliant",
                "complies with",
                "no risk",
                "can proceed",
            ] {
                assert!(!ours.contains(conclusion), "{folder} {kind}: {conclusion}");
            }
        }
    }
}

/// A tender of the built-in rubric `rubric` at `version`, one supplier giving the top answer
/// to every question whose id starts with `prefix`.
fn tender_of(rubric: &str, prefix: &str, version: &str) -> Tender {
    let t = Tender::new(&format!(
        "id = \"T-002\"\ntitle = \"Case notes\"\nbuyer = \"Test Council\"\nrisk = \"low\"\nas_of = 2026-10-01\n\n[scoring]\nrules = 2\n\n[[rubrics]]\nuse = \"{rubric}@{version}\"\nweight = 1\n"
    ));
    let answers: String = top_answers_at(version)
        .into_iter()
        .filter(|(id, _, _)| id.starts_with(prefix))
        .map(|(id, best, _)| format!("  {id}:\n    answer: {best}\n"))
        .collect();
    t.response(
        "a",
        &format!("supplier: Acme Ltd\ncompany_number: \"01234567\"\nanswers:\n{answers}"),
    );
    t
}

fn aime_tender(version: &str) -> Tender {
    tender_of("aime", "AIME-", version)
}

#[test]
fn one_table_serves_both_rubric_versions() {
    // AIME-1.3 (change tracking) is asked only by aime 1.1.0: the ATRS maintenance field
    // cites it there, and not under 1.2.0, which does not ask it.
    let old = record_json(aime_tender("1.1.0").path(), "a", "atrs");
    let new = record_json(aime_tender("1.2.0").path(), "a", "atrs");
    let maintenance = |j: &Value| {
        j["fields"]["tier_2_tool_specification"]["maintenance"]["questions"]
            .as_array()
            .unwrap()
            .clone()
    };
    assert!(maintenance(&old).contains(&Value::from("AIME-1.3")));
    assert!(!maintenance(&new).contains(&Value::from("AIME-1.3")));
    // CONTRACT-14 asked for live references in 1.1.0 and about acceptance testing in 1.2.0:
    // the DPIA's necessity step and the ATRS model performance take it only at 1.2.0, the
    // ATRS benefit only at 1.1.0; and a draft's risks come only from questions it cites.
    let at = |v: &str| {
        let t = tender_of("contract", "CONTRACT-", v);
        (
            record_json(t.path(), "a", "dpia"),
            record_json(t.path(), "a", "atrs"),
        )
    };
    let cites = |j: &Value, s: &str, f: &str| {
        j["fields"][s][f]["questions"]
            .as_array()
            .unwrap()
            .contains(&Value::from("CONTRACT-14"))
    };
    let (dpia, atrs) = at("1.1.0");
    assert!(!cites(&dpia, "step_4_necessity", "necessity"));
    assert!(!cites(
        &atrs,
        "tier_2_model_specification",
        "model_performance"
    ));
    assert!(cites(&atrs, "tier_2_description_and_rationale", "benefit"));
    let mut all = Vec::new();
    all_under(&dpia, "question", &mut all);
    assert!(!all.contains(&&Value::from("CONTRACT-14")), "{dpia:#}");
    let (dpia, atrs) = at("1.2.0");
    assert!(cites(&dpia, "step_4_necessity", "necessity"));
    assert!(cites(
        &atrs,
        "tier_2_model_specification",
        "model_performance"
    ));
    assert!(!cites(&atrs, "tier_2_description_and_rationale", "benefit"));

    // AIME-1.1 informs the model's name under both.
    for j in [&old, &new] {
        assert_eq!(
            j["fields"]["tier_2_model_specification"]["model_name"]["questions"][0],
            "AIME-1.1"
        );
        assert_eq!(
            j["fields"]["tier_2_owner_and_responsibility"]["companies_house_number"]["entries"][0]
                ["value"],
            "01234567"
        );
    }
}

#[test]
fn supplier_text_cannot_inject_markup_or_break_the_docx() {
    let t = Tender::new(
        "id = \"T-003\"\ntitle = \"Case notes\"\nbuyer = \"Test Council\"\nrisk = \"low\"\nas_of = 2026-10-01\n\n[scoring]\nrules = 2\n\n[[rubrics]]\nuse = \"gdpr@1.2.0\"\nweight = 1\n",
    );
    t.response(
        "a",
        "supplier: \"Evil <b>Ltd</b>\"\nanswers:\n  GDPR-4:\n    answer: \"Data flows \\u001b[31m <img src=x onerror=alert(1)> [click](http://evil.example) **bold** \\u0007 \\uFFFF end\"\n  GDPR-2:\n    answer: \"no\"\n    comment: \"# Not a heading\\n| not | a table | &#x202E; _em_ ~~gone~~ uk_only Terms & Conditions\"\n",
    );
    let md = String::from_utf8(record(t.path(), "a", "dpia", "md")).unwrap();
    assert!(!md.contains("<img"), "{md}");
    assert!(!md.contains("<b>"));
    assert!(!md.contains("[click](http"));
    assert!(!md.contains('\u{1b}') && !md.contains('\u{7}'));
    assert!(!md.contains("\n# Not a heading"));
    // Character references, emphasis and strike-through are text, not markup.
    assert!(md.contains("&amp;#x202E;") && !md.contains(" &#x202E;"));
    assert!(md.contains("\\_em\\_") && md.contains("\\~\\~gone\\~\\~"));
    // As in the other Markdown outputs, what cannot be markup is left as written.
    assert!(md.contains("uk_only Terms & Conditions"), "{md}");
    let docx = record(t.path(), "a", "dpia", "docx");
    let tenderscore::load::readers::Raw::Text(text) =
        tenderscore::load::readers::read(tenderscore::load::readers::Format::Docx, &docx)
    else {
        panic!("the DOCX does not read back")
    };
    assert!(
        text.contains("<img src=x onerror=alert(1)>"),
        "kept as text"
    );
    assert!(!text.contains('\u{1b}'));
    // Nor a character XML 1.0 forbids, which would make Word refuse the document.
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&docx)).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut xml)
        .unwrap();
    assert!(xml.contains("Data flows") && !xml.contains('\u{FFFF}'));
}

#[test]
fn an_unknown_supplier_or_kind_is_refused_with_exit_2() {
    let o = run_in(
        &example(),
        &["records", ".", "--supplier", "nobody", "--kind", "dpia"],
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("nobody"));
    let o = run_in(
        &example(),
        &["records", ".", "--supplier", "larkspur", "--kind", "pia"],
    );
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn docs_print_the_current_field_table() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/records.md");
    let doc = std::fs::read_to_string(&path).unwrap();
    let (begin, end) = ("<!-- field-table:begin -->\n", "<!-- field-table:end -->");
    let a = doc.find(begin).expect("the begin marker") + begin.len();
    let b = doc.find(end).expect("the end marker");
    let table = tenderscore::render::records::field_table();
    if std::env::var_os("TENDERSCORE_UPDATE_DOCS").is_some() {
        std::fs::write(&path, format!("{}{table}{}", &doc[..a], &doc[b..])).unwrap();
        return;
    }
    assert!(
        doc[a..b] == table,
        "docs/records.md's field table is out of date: run TENDERSCORE_UPDATE_DOCS=1 cargo test --test records"
    );
}

#[test]
fn a_councils_own_rubric_reusing_a_built_in_id_is_not_placed() {
    // The test rubric, with its first question renamed GDPR-4: the id says nothing about what
    // it asks ("How mature is your policy?"), so no field takes it.
    let t = Tender::medium();
    let rubric = std::fs::read_to_string(fixtures().join("rubrics/t/1.0.0.yaml"))
        .unwrap()
        .replace("id: T-1\n", "id: GDPR-4\n");
    t.file("rubrics/t/1.0.0.yaml", &rubric);
    t.response(
        "a",
        "supplier: Acme Ltd\nanswers:\n  GDPR-4:\n    answer: 4\n    comment: Our policy is audited.\n",
    );
    let j = record_json(t.path(), "a", "dpia");
    let mut ids = Vec::new();
    all_under(&j, "question", &mut ids);
    assert!(ids.is_empty(), "{ids:?}");
    assert!(!String::from_utf8(record(t.path(), "a", "dpia", "md"))
        .unwrap()
        .contains("Our policy is audited"));
    assert!(
        j["fields"]["step_2_processing"]["nature"]["council_to_complete"]
            .as_str()
            .unwrap()
            .starts_with("Council to complete")
    );
}
