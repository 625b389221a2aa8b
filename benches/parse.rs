//! `cargo bench --bench parse`: reading `response.yaml`, the fast reader against
//! serde-saphyr, in MiB/s on one core. Responses: every `response.yaml` under
//! `$BENCH_RESPONSES` (for example a bench/gen_archive.py archive), else the example's.
//! Figures go in docs/performance.md; nothing here asserts a time.

use std::path::{Path, PathBuf};
use std::time::Instant;
use tenderscore::load::fastyaml;

fn collect(dir: &Path, out: &mut Vec<PathBuf>, limit: usize) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = entries.flatten().map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        if out.len() >= limit {
            return;
        }
        if p.is_dir() {
            collect(&p, out, limit);
        } else if p.file_name().is_some_and(|n| n == "response.yaml") {
            out.push(p);
        }
    }
}

fn main() {
    let root = std::env::var_os("BENCH_RESPONSES")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("examples"));
    let mut files = Vec::new();
    collect(&root, &mut files, 1000);
    let texts: Vec<String> = files
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    let fast_taken = texts
        .iter()
        .filter(|t| fastyaml::parse(t).is_some())
        .count();
    println!(
        "{} responses, {:.1} MiB, from {}; the fast reader takes {} of them",
        texts.len(),
        bytes as f64 / (1 << 20) as f64,
        root.display(),
        fast_taken
    );
    // Enough rounds for about $BENCH_MIB (default 50) MiB each way.
    let mib: usize = std::env::var("BENCH_MIB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(50);
    let rounds = (mib << 20) / bytes.max(1) + 1;
    let only = std::env::var("BENCH_ONLY").unwrap_or_default();
    for (name, f) in [
        (
            "fast reader",
            (|t: &str| fastyaml::parse(t).is_some()) as fn(&str) -> bool,
        ),
        ("serde-saphyr", fastyaml::parse_with_serde_saphyr),
    ] {
        if !only.is_empty() && !name.starts_with(&only) {
            continue;
        }
        let mut best = f64::INFINITY;
        for _ in 0..3 {
            let start = Instant::now();
            let mut ok = 0;
            for _ in 0..rounds {
                for t in &texts {
                    ok += usize::from(f(t));
                }
            }
            std::hint::black_box(ok);
            best = best.min(start.elapsed().as_secs_f64());
        }
        let mib = (bytes * rounds) as f64 / (1 << 20) as f64;
        println!(
            "{name:>13}: {:.0} MiB/s ({mib:.0} MiB in {best:.2} s, best of 3)",
            mib / best
        );
    }
}
