//! A tiny harness: builds tender folders in temporary directories and runs the real binary.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub const BIN: &str = env!("CARGO_BIN_EXE_tenderscore");

pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// A tender folder using the test rubric `t@1.0.0` (copied in as `rubrics/t/1.0.0.yaml`).
pub struct Tender {
    pub dir: tempfile::TempDir,
}

/// A tender.toml for `t@1.0.0` at the given risk, with extra TOML appended.
pub fn toml(risk: &str, extra: &str) -> String {
    format!(
        "id = \"T-001\"\ntitle = \"Test tender\"\nbuyer = \"Test Council\"\nrisk = \"{risk}\"\nas_of = 2026-10-01\nrubric_dirs = [\"rubrics\"]\n\n[[rubrics]]\nuse = \"t@1.0.0\"\nweight = 1\n{extra}"
    )
}

impl Tender {
    pub fn new(tender_toml: &str) -> Tender {
        let dir = tempfile::tempdir().unwrap();
        let t = Tender { dir };
        t.file("tender.toml", tender_toml);
        t.file(
            "rubrics/t/1.0.0.yaml",
            &std::fs::read_to_string(fixtures().join("rubrics/t/1.0.0.yaml")).unwrap(),
        );
        std::fs::create_dir_all(t.path().join("submissions")).unwrap();
        t
    }

    /// The usual test tender: risk medium, default scoring.
    pub fn medium() -> Tender {
        Tender::new(&toml("medium", ""))
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn file(&self, rel: &str, content: &str) -> &Self {
        let p = self.path().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, content).unwrap();
        self
    }

    /// `submissions/<folder>/response.yaml`.
    pub fn response(&self, folder: &str, yaml: &str) -> &Self {
        self.file(&format!("submissions/{folder}/response.yaml"), yaml)
    }

    pub fn marks(&self, csv: &str) -> &Self {
        self.file("marks.csv", csv)
    }

    pub fn run(&self, args: &[&str]) -> Output {
        run_in(self.path(), args)
    }

    /// `score . --format json`, parsed; panics unless it exits with `code`.
    pub fn json_with_code(&self, code: i32) -> serde_json::Value {
        let out = self.run(&["score", ".", "--format", "json"]);
        assert_eq!(
            out.status.code(),
            Some(code),
            "stderr: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).unwrap()
    }

    pub fn json(&self) -> serde_json::Value {
        self.json_with_code(0)
    }
}

pub fn run_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .env_remove("COLUMNS")
        .output()
        .unwrap()
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The supplier object named `name` in a JSON result.
pub fn supplier<'a>(json: &'a serde_json::Value, name: &str) -> &'a serde_json::Value {
    json["suppliers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["supplier"] == name)
        .unwrap_or_else(|| panic!("no supplier {name}"))
}

/// The supplier object whose folder is `folder` (a supplier's identity) in a JSON result.
pub fn by_folder<'a>(json: &'a serde_json::Value, folder: &str) -> &'a serde_json::Value {
    json["suppliers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["folder"] == folder)
        .unwrap_or_else(|| panic!("no folder {folder} in {json}"))
}

/// The question object `id` of a supplier.
pub fn question<'a>(s: &'a serde_json::Value, id: &str) -> &'a serde_json::Value {
    s["questions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["id"] == id)
        .unwrap_or_else(|| panic!("no question {id}"))
}

pub fn approx(a: &serde_json::Value, b: f64) {
    let a = a.as_f64().unwrap_or_else(|| panic!("{a} is not a number"));
    assert!((a - b).abs() < 1e-9, "{a} != {b}");
}

/// Copies a folder tree (regular files and folders only).
pub fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_tree(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), target).unwrap();
        }
    }
}

/// The bundled example tender.
pub fn example() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/care-triage")
}

/// A copy of the example made final: the panel has moderated Meadowbank's CONTRACT-7 and the
/// tender flags no abnormally low price.
pub fn final_example() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&example(), dir.path());
    let toml = std::fs::read_to_string(dir.path().join("tender.toml")).unwrap();
    let toml: String = toml
        .lines()
        .filter(|l| !l.trim_start().starts_with("abnormally_low"))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(dir.path().join("tender.toml"), toml).unwrap();
    let marks = dir.path().join("marks.csv");
    let mut m = std::fs::read_to_string(&marks).unwrap();
    m.push_str(
        "moderated,meadowbank-analytics,CONTRACT-7,3,Moderated by the panel on 2026-10-06\n",
    );
    std::fs::write(&marks, m).unwrap();
    dir
}

/// The top answer of every non-text question of the five built-in rubrics at 1.1.0 (id,
/// answer, the first evidence kind it accepts).
pub fn top_answers() -> Vec<(String, serde_json::Value, String)> {
    top_answers_at("1.1.0")
}

/// [`top_answers`] at another version of the built-in rubrics (the example uses 1.2.0).
pub fn top_answers_at(version: &str) -> Vec<(String, serde_json::Value, String)> {
    use serde_json::Value;
    let mut out = Vec::new();
    for r in ["aime", "psed", "gdpr", "contract", "social-value"] {
        let path =
            Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("rubrics/{r}/{version}.yaml"));
        let rubric: Value =
            serde_saphyr::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        for s in rubric["sections"].as_array().unwrap() {
            for q in s["questions"].as_array().unwrap() {
                let best = match q["kind"].as_str().unwrap() {
                    "scale" => Value::from(q["levels"].as_array().map_or(4, |l| l.len() - 1)),
                    "choice" => q["options"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .max_by(|a, b| {
                            a["score"]
                                .as_f64()
                                .partial_cmp(&b["score"].as_f64())
                                .unwrap()
                        })
                        .map(|o| o["value"].clone())
                        .unwrap(),
                    "yes_no" => match &q["expect"] {
                        Value::Null => Value::from("yes"),
                        e => e.clone(),
                    },
                    _ => continue,
                };
                let kind = q["evidence"]["kinds"][0]
                    .as_str()
                    .unwrap_or("other")
                    .to_string();
                out.push((q["id"].as_str().unwrap().to_string(), best, kind));
            }
        }
    }
    out
}
