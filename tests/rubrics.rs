//! The built-in rubrics: a published version never changes (1.0.0 pinned by its SHA-256), the
//! 1.1.0 versions load, and in 1.1.0 evidence counts: through the scorer, at the default
//! settings, an unevidenced claim at the top level never scores more than an honest,
//! evidenced answer at the lowest level that earns marks.

mod common;
use common::*;
use serde_json::Value;
use std::fmt::Write as _;
use std::path::Path;
use tenderscore::load::registry::Registry;
use tenderscore::model::rubric::{Kind, Question, Tier};

/// SHA-256 of each published file (1.0.0, 1.1.0 and 1.2.0). Changing a published rubric changes
/// the figures of every archived tender that uses it: publish a new version instead.
const PUBLISHED: [(&str, &str); 14] = [
    (
        "aime/1.2.0.yaml",
        "6adf5e982df916cfb4cb266a28adb8e4bbc92a934a7d2f078411279173ea64cb",
    ),
    (
        "contract/1.2.0.yaml",
        "7caf756c563e673929133a328b0b9636520c8f4ea7ccdc0334c72941a08de69b",
    ),
    (
        "gdpr/1.2.0.yaml",
        "c113b7a728e2051d8740e8319c9989bde83157b679e989e899094a05cc29a1eb",
    ),
    (
        "psed/1.2.0.yaml",
        "59acc2f9a7de93c6461df8d1442f40be307ceacbb9896efaea206a276da64781",
    ),
    (
        "social-value/1.2.0.yaml",
        "5635ea5482c26fd244b96a046c2aa962a78a0ef9dd2d7b592b8e85d4257cc36e",
    ),
    (
        "aime/1.1.0.yaml",
        "0959898bdf936dbc36adb9e61884146683c8f468ab854197302df20d50305564",
    ),
    (
        "contract/1.1.0.yaml",
        "fbd4e13891549acb5817e173a489ba87aeaaea10c0ca5e82880498d82f6eb19b",
    ),
    (
        "gdpr/1.1.0.yaml",
        "33e5f0193e743dd77ffde0114829a4215675d766f1021e6dc87ac00c4aecc490",
    ),
    (
        "psed/1.1.0.yaml",
        "8040adf2f5fcc61c4c23a3a0b217f7e1a3daf122c6074da9eec8ae9a7ab7af3a",
    ),
    (
        "social-value/1.1.0.yaml",
        "47c33ac4526918e59171e686119a073085be84144db3adafe904be5a31294347",
    ),
    (
        "aime/1.0.0.yaml",
        "a2c38c114d4b02e723c92d8d86ec214aae7b5e41bda41d1bfd9b3733ecd248b5",
    ),
    (
        "psed/1.0.0.yaml",
        "bbe55a04a36bc2faf4e58d9c3df0f940e35905426e4cf0009ba1289ad9b741ef",
    ),
    (
        "gdpr/1.0.0.yaml",
        "fde2c3c7514c9ce893a9070a3ec9dc79f52d91aacfce2493d8e8340b35be06ac",
    ),
    (
        "contract/1.0.0.yaml",
        "836fab1d0131e175b19b266a5ab8cc2540f99d1b1ded9ca1e6f4f23c70a9115c",
    ),
];

#[test]
fn published_rubric_versions_never_change() {
    use sha2::Digest;
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("rubrics");
    for (file, pinned) in PUBLISHED {
        let bytes = std::fs::read(root.join(file)).unwrap();
        let now = format!("{:x}", sha2::Sha256::digest(&bytes));
        assert_eq!(
            now, pinned,
            "rubrics/{file} has changed: publish a new version instead"
        );
    }
}

#[test]
fn every_built_in_version_loads_and_1_1_0_adds_social_value() {
    let reg = Registry::new(&[]).unwrap();
    for f in reg.files() {
        f.parse().unwrap_or_else(|p| panic!("{p}"));
    }
    for id in ["aime", "psed", "gdpr", "contract", "social-value"] {
        let r = reg.find(&format!("{id}@1.1.0")).unwrap().parse().unwrap();
        assert!(r.question_count() >= 8, "{id}");
    }
}

#[test]
fn rubrics_diff_from_1_0_0_to_1_1_0_reads_as_a_changelog() {
    for id in ["aime", "gdpr"] {
        let o = run_in(
            Path::new(env!("CARGO_MANIFEST_DIR")),
            &[
                "rubrics",
                "diff",
                &format!("{id}@1.0.0"),
                &format!("{id}@1.1.0"),
            ],
        );
        assert_eq!(o.status.code(), Some(0));
        insta::assert_snapshot!(format!("diff_{id}_1_0_0_to_1_1_0"), stdout(&o));
    }
}

/// The highest-scoring and the lowest paying answer of a scale or choice question.
fn top_and_lowest(q: &Question) -> Option<(String, String)> {
    match q.kind {
        Kind::Scale => Some(((q.levels.len() - 1).to_string(), "1".to_string())),
        Kind::Choice => {
            let top = q
                .options
                .iter()
                .max_by(|a, b| a.score.total_cmp(&b.score))?;
            let low = q
                .options
                .iter()
                .filter(|o| o.score > 0.0)
                .min_by(|a, b| a.score.total_cmp(&b.score))?;
            Some((top.value.clone(), low.value.clone()))
        }
        _ => None,
    }
}

#[test]
fn in_1_1_0_an_unevidenced_top_claim_never_beats_an_evidenced_lowest_answer() {
    unevidenced_top_never_beats_evidenced_lowest("1.1.0", 200);
}

#[test]
fn in_1_2_0_an_unevidenced_top_claim_never_beats_an_evidenced_lowest_answer() {
    unevidenced_top_never_beats_evidenced_lowest("1.2.0", 150);
}

fn unevidenced_top_never_beats_evidenced_lowest(version: &str, at_least: usize) {
    let reg = Registry::new(&[]).unwrap();
    let mut checked = 0;
    for id in ["aime", "psed", "gdpr", "contract", "social-value"] {
        let rubric = reg
            .find(&format!("{id}@{version}"))
            .unwrap()
            .parse()
            .unwrap();
        for (tier, risk) in [
            (Tier::Low, "low"),
            (Tier::Medium, "medium"),
            (Tier::High, "high"),
        ] {
            let t = Tender::new(&format!(
                "id = \"P\"\ntitle = \"Property\"\nrisk = \"{risk}\"\nas_of = 2026-10-01\n\n[[rubrics]]\nuse = \"{id}@{version}\"\n"
            ));
            let (mut top, mut low) = (
                "supplier: Top\nanswers:\n".to_string(),
                "supplier: Low\nanswers:\n".to_string(),
            );
            let mut asked = Vec::new();
            for (_, q) in rubric.questions() {
                if q.applies_from > tier {
                    continue;
                }
                let Some((best, lowest)) = top_and_lowest(q) else {
                    continue;
                };
                let kind = q
                    .evidence
                    .kinds
                    .first()
                    .map_or("other".to_string(), |k| k.to_string());
                let _ = writeln!(top, "  {}:\n    answer: {best}", q.id);
                let _ = writeln!(
                    low,
                    "  {}:\n    answer: {lowest}\n    evidence:\n      - {{file: e.txt, kind: {kind}, issued: 2026-09-30}}",
                    q.id
                );
                asked.push(q.id.clone());
            }
            t.response("top", &top).response("low", &low);
            t.file("submissions/low/e.txt", "Evidence for the answer.\n");
            let j = t.json_with_code(0);
            let score = |folder: &str, qid: &str| -> f64 {
                question(by_folder(&j, folder), qid)["score"]
                    .as_f64()
                    .unwrap()
            };
            for qid in &asked {
                let low_q: &Value = question(by_folder(&j, "low"), qid);
                assert_eq!(
                    low_q["evidence"], "attached",
                    "{qid} at {risk}: the honest answer's evidence must be valid: {low_q}"
                );
                let (u, e) = (score("top", qid), score("low", qid));
                assert!(
                    u <= e + 1e-12,
                    "{id}@{version} {qid} at {risk} risk: unevidenced top claim scores {u}, evidenced lowest answer {e}"
                );
                checked += 1;
            }
        }
    }
    assert!(
        checked > at_least,
        "only {checked} question-and-tier pairs checked"
    );
}
