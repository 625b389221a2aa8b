//! Evidence is read in a sandbox (docs/evidence-text.md): a hostile file cited as evidence
//! makes that file `unreadable` and nothing else. Each seed of `tests/fixtures/hostile/`
//! (made by `scripts/make-hostile.py`) is cited in a copy of the example, which must then
//! score exactly as it does with an ordinary broken file in its place.

mod common;
use common::*;
use serde_json::Value;
use std::path::Path;
use std::time::{Duration, Instant};

const SUPPLIER: &str = "brindleworth-digital";

/// A copy of the example where Brindleworth cites `file` (copied in as `evidence/<name>`) as
/// a second piece of evidence for AIME-1.1.
fn example_citing(file: &Path, name: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&example(), dir.path());
    let sub = dir.path().join("submissions").join(SUPPLIER);
    std::fs::copy(file, sub.join("evidence").join(name)).unwrap();
    let yaml = std::fs::read_to_string(sub.join("response.yaml")).unwrap();
    let cited = yaml.replacen(
        "      - file: evidence/ai-register.txt\n        kind: register\n        issued: 2026-04-20\n",
        &format!(
            "      - file: evidence/ai-register.txt\n        kind: register\n        issued: 2026-04-20\n      - file: evidence/{name}\n        kind: register\n        issued: 2026-04-20\n"
        ),
        1,
    );
    assert_ne!(cited, yaml, "the example's AIME-1.1 evidence moved");
    std::fs::write(sub.join("response.yaml"), cited).unwrap();
    dir
}

/// `score --format json` of `dir`: exit code, result, seconds taken.
fn score(dir: &Path) -> (Option<i32>, Value, f64) {
    score_with(dir, Lower::default())
}

/// Lowered reader limits: processor seconds and address space in MiB.
#[derive(Clone, Copy, Default)]
struct Lower {
    cpu_seconds: Option<u64>,
    memory_mib: Option<u64>,
}

/// As [`score`], with the readers' limits lowered.
fn score_with(dir: &Path, lower: Lower) -> (Option<i32>, Value, f64) {
    let t0 = Instant::now();
    let mut cmd = std::process::Command::new(BIN);
    cmd.args(["score", ".", "--format", "json"])
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .env_remove("COLUMNS");
    if let Some(secs) = lower.cpu_seconds {
        cmd.env("TENDERSCORE_WORKER_CPU_SECONDS", secs.to_string());
    }
    if let Some(mib) = lower.memory_mib {
        cmd.env("TENDERSCORE_WORKER_MEMORY_MB", mib.to_string());
    }
    let out = cmd.output().unwrap();
    let secs = t0.elapsed().as_secs_f64();
    let json = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("no JSON ({e}); stderr: {}", stderr(&out)));
    (out.status.code(), json, secs)
}

/// Every supplier's figures, the parts a hostile file must not move: status, rank, totals
/// and each question's raw score, evidence status, credit and score.
fn figures(json: &Value) -> Vec<(String, String)> {
    json["suppliers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            let questions: Vec<String> = s["questions"]
                .as_array()
                .unwrap()
                .iter()
                .map(|q| {
                    format!(
                        "{} raw={} evidence={} credit={} score={}",
                        q["id"], q["raw"], q["evidence"], q["credit"], q["score"]
                    )
                })
                .collect();
            let line = format!(
                "status={} rank={} total={} award={} rubrics={} | {}",
                s["status"],
                s["rank"],
                s["total"],
                s["award_score"],
                s["rubrics"],
                questions.join("; ")
            );
            (s["folder"].as_str().unwrap().to_string(), line)
        })
        .collect()
}

fn content_of<'a>(json: &'a Value, name: &str) -> &'a Value {
    let s = by_folder(json, SUPPLIER);
    let f = s["evidence_files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["file"] == format!("evidence/{name}"))
        .unwrap_or_else(|| panic!("{name} not in the evidence list"));
    f
}

/// The example with an ordinary broken file cited in the same place.
fn baseline() -> (Option<i32>, Vec<(String, String)>) {
    let broken = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(broken.path(), b"%PDF-1.4 this is not a document PK\x03\x04").unwrap();
    let name = "broken.pdf";
    let dir = example_citing(broken.path(), name);
    let (code, json, _) = score(dir.path());
    assert_eq!(content_of(&json, name)["content"], "unreadable");
    (code, figures(&json))
}

/// Each named seed, cited as evidence, is unreadable and changes nothing else.
fn seeds_are_contained(names: &[&str]) {
    seeds_are_contained_with(names, Lower::default());
}

/// As [`seeds_are_contained`], with the readers' limits lowered.
fn seeds_are_contained_with(names: &[&str], lower: Lower) {
    let hostile = fixtures().join("hostile");
    let (_, plain, _) = score(&example());
    let plain = figures(&plain);
    let (base_code, base) = baseline();
    for name in names {
        let dir = example_citing(&hostile.join(name), name);
        let (code, json, secs) = score_with(dir.path(), lower);
        eprintln!(
            "{name}: {secs:.1} s, {}",
            content_of(&json, name)["content_note"]
        );
        // A hang guard, not a speed test: the worker is killed at 40 s whatever it does.
        assert!(secs < 60.0, "{name} took {secs:.1} s");
        assert_eq!(code, base_code, "{name}: exit code");
        // The reader either survives the file (reading no claimed date from it) or dies
        // and the file is unreadable; either way the bid scores as with a broken file.
        let content = content_of(&json, name)["content"].as_str().unwrap_or("");
        assert!(
            ["unreadable", "unchecked", "checked"].contains(&content),
            "{name}: {content}"
        );
        let got = figures(&json);
        assert_eq!(
            got, base,
            "{name}: figures differ from an ordinary broken file"
        );
        // Every other supplier scores as in the example itself.
        for ((folder, g), (_, p)) in got.iter().zip(&plain) {
            if folder != SUPPLIER {
                assert_eq!(g, p, "{name}: {folder} moved");
            }
        }
    }
}

#[test]
fn pdfs_that_recurse_are_contained() {
    seeds_are_contained(&[
        "pdf-xobject-self.pdf",
        "pdf-xobject-cycle.pdf",
        "pdf-nested-arrays.pdf",
        "pdf-nested-arrays-raw.pdf",
        "pdf-nested-dicts.pdf",
        "pdf-nested-dicts-objstm.pdf",
    ]);
}

/// Memory bombs die at their reader's address-space limit, lowered here from 1024 MB to
/// 256 MB so they die sooner (the full limit is held in
/// `a_run_full_of_memory_bombs_stays_under_two_gib`); the note shows the lowered limit.
#[test]
fn pdfs_that_exhaust_memory_are_contained() {
    let lower = Lower {
        memory_mib: Some(256),
        ..Lower::default()
    };
    seeds_are_contained_with(
        &[
            "pdf-flate-bomb.pdf",
            "pdf-tj-memory.pdf",
            "pdf-q-nesting.pdf",
        ],
        lower,
    );
    let hostile = fixtures().join("hostile");
    let dir = example_citing(&hostile.join("pdf-tj-memory.pdf"), "bomb.pdf");
    let (_, json, _) = score_with(dir.path(), lower);
    assert_eq!(
        content_of(&json, "bomb.pdf")["content_note"],
        "the reader ran out of memory (limit 256 MB)"
    );
}

/// A PDF whose drawing never ends is stopped at its reader's processor time. The limit is
/// lowered from 20 s to 2 s here (it can only be lowered), so the test proves the stop without
/// waiting 20 s; the note shows the lowered limit reached the worker.
#[test]
fn pdfs_that_loop_are_contained() {
    let lower = Lower {
        cpu_seconds: Some(2),
        ..Lower::default()
    };
    seeds_are_contained_with(&["pdf-xobject-fanout.pdf"], lower);
    let hostile = fixtures().join("hostile");
    let dir = example_citing(&hostile.join("pdf-xobject-fanout.pdf"), "fanout.pdf");
    let (_, json, _) = score_with(dir.path(), lower);
    assert_eq!(
        content_of(&json, "fanout.pdf")["content_note"],
        "the reader used more than 2 s of processor time and was stopped"
    );
}

#[test]
fn zips_and_xml_that_explode_are_contained() {
    seeds_are_contained(&[
        "docx-zip-bomb.docx",
        "docx-size-lie.docx",
        "docx-deep-nesting.docx",
        "odt-zip-bomb.odt",
        "html-deep-nesting.html",
    ]);
}

/// Files whose loops a reader survives, and entity tricks it leaves unexpanded: read, never
/// expanded or followed, and the run goes on.
#[test]
fn loops_and_entities_a_reader_survives_are_read_safely() {
    let hostile = fixtures().join("hostile");
    for name in [
        "pdf-object-loop.pdf",
        "pdf-length-loop.pdf",
        "pdf-pages-loop.pdf",
        "pdf-xref-loop.pdf",
        "docx-billion-laughs.docx",
        "docx-external-entity.docx",
        "odt-billion-laughs.odt",
        "html-entity-flood.html",
    ] {
        let dir = example_citing(&hostile.join(name), name);
        let (code, json, secs) = score(dir.path());
        let f = content_of(&json, name);
        eprintln!(
            "{name}: {secs:.1} s, {} {}",
            f["content"], f["content_note"]
        );
        assert!(secs < 60.0, "{name} took {secs:.1} s");
        assert_eq!(code, Some(0), "{name}");
        assert!(f["content"].is_string(), "{name}");
        let text = serde_json::to_string(&json).unwrap();
        assert!(
            !text.contains("root:x:0"),
            "{name}: an external entity was followed"
        );
        assert!(
            !text.contains("lollollol"),
            "{name}: an entity was expanded"
        );
    }
}

#[test]
fn visible_controls_are_read() {
    let hostile = fixtures().join("hostile");
    for name in ["control.pdf", "control.docx", "control.odt", "control.html"] {
        let dir = example_citing(&hostile.join(name), name);
        let (_, json, _) = score(dir.path());
        assert_eq!(content_of(&json, name)["content"], "checked", "{name}");
    }
}

/// The peak memory of a whole run, the process and its workers together, sampled from /proc:
/// a bid citing five memory seeds, read two at a time, stays under 2 GiB.
#[cfg(target_os = "linux")]
#[test]
fn a_run_full_of_memory_bombs_stays_under_two_gib() {
    let hostile = fixtures().join("hostile");
    let dir = example_citing(&hostile.join("pdf-tj-memory.pdf"), "m0.pdf");
    let sub = dir.path().join("submissions").join(SUPPLIER);
    let yaml_path = sub.join("response.yaml");
    let mut yaml = std::fs::read_to_string(&yaml_path).unwrap();
    let seeds = [
        "pdf-tj-memory.pdf",
        "pdf-q-nesting.pdf",
        "pdf-flate-bomb.pdf",
        "pdf-q-nesting.pdf",
    ];
    for (i, seed) in seeds.iter().enumerate() {
        let name = format!("m{}.pdf", i + 1);
        std::fs::copy(hostile.join(seed), sub.join("evidence").join(&name)).unwrap();
        yaml = yaml.replacen(
            "        issued: 2026-04-20\n",
            &format!("        issued: 2026-04-20\n      - file: evidence/{name}\n        kind: register\n        issued: 2026-04-20\n"),
            1,
        );
    }
    std::fs::write(&yaml_path, yaml).unwrap();
    let mut child = std::process::Command::new(BIN)
        .args(["score", ".", "--format", "json"])
        .current_dir(dir.path())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let pid = child.id();
    let mut peak = 0u64;
    let t0 = Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        peak = peak.max(tree_rss_kib(pid));
        assert!(
            t0.elapsed() < Duration::from_secs(300),
            "the run did not end"
        );
        std::thread::sleep(Duration::from_millis(2));
    };
    eprintln!("peak of the run and its workers: {} MiB", peak >> 10);
    assert!(status.success() || status.code() == Some(1), "{status:?}");
    assert!(peak > 0);
    assert!(peak < 2 << 20, "peak {} MiB", peak >> 10);
}

/// Resident memory of `pid` and its children, in KiB.
#[cfg(target_os = "linux")]
fn tree_rss_kib(pid: u32) -> u64 {
    let rss = |p: &str| -> u64 {
        std::fs::read_to_string(format!("/proc/{p}/status"))
            .ok()
            .and_then(|s| {
                s.lines()
                    .find(|l| l.starts_with("VmRSS:"))
                    .and_then(|l| l.split_whitespace().nth(1))
                    .and_then(|n| n.parse().ok())
            })
            .unwrap_or(0)
    };
    let mut total = rss(&pid.to_string());
    for e in std::fs::read_dir("/proc").unwrap().flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if !name.bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        let parent = std::fs::read_to_string(format!("/proc/{name}/stat"))
            .ok()
            .and_then(|s| {
                let after = &s[s.rfind(')')? + 2..];
                after.split_whitespace().nth(1)?.parse::<u32>().ok()
            });
        if parent == Some(pid) {
            total += rss(&name);
        }
    }
    total
}

/// One supplier's files cannot hold up the run for long: each file its workers read costs
/// their processor time, a worker that dies costs the whole 20 s, and past 60 s in all the
/// supplier's other files are not read (the panel reads them by hand).
#[test]
fn a_supplier_with_many_hostile_files_is_read_within_its_budget() {
    let hostile = fixtures().join("hostile");
    let bomb = std::fs::read(hostile.join("pdf-tj-memory.pdf")).unwrap();
    let dir = example_citing(&hostile.join("control.pdf"), "control.pdf");
    let sub = dir.path().join("submissions").join(SUPPLIER);
    let yaml_path = sub.join("response.yaml");
    let mut yaml = std::fs::read_to_string(&yaml_path).unwrap();
    let cite =
        "      - file: evidence/control.pdf\n        kind: register\n        issued: 2026-04-20\n";
    let mut items = String::new();
    for i in 0..5 {
        // Five different files (a byte apart), each of which kills its reader.
        let mut bytes = bomb.clone();
        bytes.extend_from_slice(format!("\n%{i}\n").as_bytes());
        std::fs::write(sub.join("evidence").join(format!("b{i}.pdf")), bytes).unwrap();
        items.push_str(&format!(
            "      - file: evidence/b{i}.pdf\n        kind: register\n        issued: 2026-04-20\n"
        ));
    }
    assert!(yaml.contains(cite));
    yaml = yaml.replacen(cite, &format!("{items}{cite}"), 1);
    std::fs::write(&yaml_path, yaml).unwrap();
    // Memory bombs die sooner at 256 MB; each still costs the whole processor time.
    let lower = Lower {
        memory_mib: Some(256),
        ..Lower::default()
    };
    let (code, json, secs) = score_with(dir.path(), lower);
    eprintln!("five readers killed in one bid: {secs:.1} s");
    assert_eq!(code, Some(0));
    let contents: Vec<String> = (0..5)
        .map(|i| content_of(&json, &format!("b{i}.pdf"))["content"].to_string())
        .collect();
    assert_eq!(
        contents,
        [
            "unreadable",
            "unreadable",
            "unreadable",
            "unchecked",
            "unchecked"
        ]
        .map(|c| format!("\"{c}\"")),
    );
    let note = content_of(&json, "b3.pdf")["content_note"].to_string();
    assert!(note.contains("used up the 60 s of reading time"), "{note}");
    // The budget is spent: the control after them is not read either.
    assert_eq!(content_of(&json, "control.pdf")["content"], "unchecked");
}
