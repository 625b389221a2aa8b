//! The library's layers, checked on its source: a module imports only its own layer and the
//! layers below it (docs/architecture.md), so the module graph cannot grow a loop between
//! layers, and the library never names clap or anyhow.

use std::path::Path;

/// Bottom to top.
const LAYERS: [&str; 8] = [
    "sanitize", "problem", "model", "result", "load", "score", "review", "render",
];

fn rank(layer: &str) -> usize {
    LAYERS.iter().position(|l| *l == layer).unwrap_or_else(|| {
        panic!("`{layer}` is not a layer: add it to LAYERS and docs/architecture.md")
    })
}

fn sources(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            sources(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// Every `crate::<layer>` named in a source text (a macro exported at the crate root,
/// `crate::name!`, is not a layer).
fn imports(text: &str) -> Vec<String> {
    text.match_indices("crate::")
        .filter_map(|(i, m)| {
            let rest = &text[i + m.len()..];
            let name: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            let is_macro = rest[name.len()..].starts_with('!');
            (!name.is_empty() && !is_macro).then_some(name)
        })
        .collect()
}

#[test]
fn each_module_imports_only_its_own_layer_and_those_below() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("lib/src");
    let mut files = Vec::new();
    sources(&root, &mut files);
    assert!(files.len() > 20, "lib/src not found");
    let mut wrong = Vec::new();
    for f in &files {
        let rel = f.strip_prefix(&root).unwrap();
        let first = rel
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_str()
            .unwrap();
        let layer = first.trim_end_matches(".rs");
        if layer == "lib" {
            continue;
        }
        let text = std::fs::read_to_string(f).unwrap();
        for target in imports(&text) {
            if rank(&target) > rank(layer) {
                wrong.push(format!("{} imports crate::{target}", rel.display()));
            }
        }
        for banned in ["clap::", "anyhow::"] {
            if text.contains(banned) {
                wrong.push(format!("{} names {banned}", rel.display()));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn the_check_sees_an_upward_import() {
    assert_eq!(
        imports("use crate::render::x; crate::model::y"),
        ["render", "model"]
    );
    assert!(rank("render") > rank("model"));
}
