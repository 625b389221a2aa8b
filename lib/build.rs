//! Compiles every `rubrics/<id>/<version>.yaml` into the binary, so the list cannot drift.
use sha2::{Digest, Sha256};
use std::fmt::Write as _;
use std::path::Path;

fn main() {
    // The rubric files live at the top of the repository, beside the README that lists them.
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../rubrics");
    println!("cargo:rerun-if-changed={}", root.display());
    let mut files = Vec::new();
    if let Ok(dirs) = std::fs::read_dir(&root) {
        for dir in dirs.flatten() {
            let path = dir.path();
            if !path.is_dir() {
                continue;
            }
            println!("cargo:rerun-if-changed={}", path.display());
            for f in std::fs::read_dir(&path).into_iter().flatten().flatten() {
                let p = f.path();
                if p.extension().is_some_and(|e| e == "yaml") {
                    println!("cargo:rerun-if-changed={}", p.display());
                    files.push(p);
                }
            }
        }
    }
    files.sort();
    let mut out = String::from("/// Built-in rubric files: (path under rubrics/, contents, SHA-256 of the contents).\npub const BUILTIN: &[(&str, &str, &str)] = &[\n");
    for p in &files {
        let rel = p
            .strip_prefix(&root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        // Hashed here, once, rather than by every run that lists the rubrics.
        let bytes = std::fs::read(p).unwrap();
        let sha = format!("{:x}", Sha256::digest(&bytes));
        writeln!(
            out,
            "    ({rel:?}, include_str!({:?}), {sha:?}),",
            p.display().to_string()
        )
        .unwrap();
    }
    out.push_str("];\n");
    let dest = Path::new(&std::env::var("OUT_DIR").unwrap()).join("builtin_rubrics.rs");
    std::fs::write(dest, out).unwrap();
}
