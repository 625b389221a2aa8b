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

/// A module's path (`["score", "question"]`) from its file under lib/src.
fn module_of(rel: &Path) -> Vec<String> {
    let mut parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_str().unwrap().to_string())
        .collect();
    let last = parts.pop().unwrap();
    match last.as_str() {
        "mod.rs" | "lib.rs" => {}
        file => parts.push(file.trim_end_matches(".rs").to_string()),
    }
    parts
}

/// The file a module path lives in, if it is a module of this crate.
fn file_of(root: &Path, module: &[String]) -> Option<std::path::PathBuf> {
    if module.is_empty() {
        return Some(root.join("lib.rs"));
    }
    let base = module.join("/");
    [
        root.join(format!("{base}.rs")),
        root.join(&base).join("mod.rs"),
    ]
    .into_iter()
    .find(|p| p.is_file())
}

/// The text of a file without its inline `#[cfg(test)] mod tests { … }` (a test module may use
/// its parent: it is not part of the module graph).
fn without_inline_tests(text: &str) -> &str {
    match text.find("#[cfg(test)]\nmod tests {") {
        Some(i) => &text[..i],
        None => text,
    }
}

/// The modules a module's source uses: `crate::a::b`, `super::a`, `self::a` and any path
/// through a child it declares (`a::f` after `mod a;`), each resolved to the longest prefix
/// that is a module file. Declaring a child is not using it.
fn refers_to(root: &Path, module: &[String], text: &str) -> Vec<Vec<String>> {
    // Comments (a doc link to a module) are not uses.
    let code: String = without_inline_tests(text)
        .lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .map(|l| format!("{l}\n"))
        .collect();
    let text = code.as_str();
    let children: Vec<String> = text
        .lines()
        .filter_map(|l| {
            let l = l.trim();
            let rest = l
                .strip_prefix("pub mod ")
                .or_else(|| l.strip_prefix("pub(crate) mod "))
                .or_else(|| l.strip_prefix("mod "))?;
            rest.strip_suffix(';').map(str::to_string)
        })
        .filter(|c| c != "tests")
        .collect();
    let ident = |c: char| c.is_ascii_alphanumeric() || c == '_';
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < text.len() {
        // The start of a path: not preceded by an identifier character or `::`.
        let starts = i == 0 || {
            let p = bytes[i - 1] as char;
            !ident(p) && p != ':'
        };
        if !starts || !ident(bytes[i] as char) || !text.is_char_boundary(i) {
            i += 1;
            continue;
        }
        let rest = &text[i..];
        let mut segments: Vec<&str> = Vec::new();
        for part in rest.split("::") {
            let end = part.find(|c: char| !ident(c)).unwrap_or(part.len());
            if end == 0 {
                break;
            }
            segments.push(&part[..end]);
            if end < part.len() {
                break;
            }
        }
        let head_len = segments.first().map_or(1, |s| s.len().max(1));
        // A macro (`crate::name!`) is not a module.
        let path_len: usize = segments.iter().map(|s| s.len() + 2).sum::<usize>() - 2;
        let is_macro = rest[path_len.min(rest.len())..].starts_with('!');
        let after = &rest[path_len.min(rest.len())..];
        let grouped = after.starts_with("::{") || after.starts_with("::*");
        if (segments.len() >= 2 || grouped) && !is_macro {
            let anchor = |head: &str| -> Option<(Vec<String>, usize)> {
                match head {
                    "crate" => Some((Vec::new(), 1)),
                    "self" => Some((module.to_vec(), 1)),
                    "super" => {
                        let ups = segments.iter().take_while(|s| **s == "super").count();
                        let mut b = module.to_vec();
                        for _ in 0..ups {
                            b.pop();
                        }
                        Some((b, ups))
                    }
                    child if children.iter().any(|c| c == child) => Some((module.to_vec(), 0)),
                    _ => None,
                }
            };
            // The longest prefix of `base` + `tail` that is a module file.
            let resolve = |mut base: Vec<String>, tail: &[&str]| {
                let mut best = base.clone();
                for s in tail {
                    base.push(s.to_string());
                    if file_of(root, &base).is_some() {
                        best = base.clone();
                    } else {
                        break;
                    }
                }
                best
            };
            if let Some((base, skip)) = anchor(segments[0]) {
                let tail = &segments[skip..];
                if let Some(list) = after.strip_prefix("::{") {
                    // `use super::{a, b::c, X}`: each item on its own.
                    let list = &list[..list.find('}').unwrap_or(list.len())];
                    for item in list.split(',') {
                        let item: Vec<&str> = item
                            .trim()
                            .split("::")
                            .map(|s| s.trim_matches(|c: char| !ident(c)))
                            .filter(|s| !s.is_empty() && *s != "self")
                            .collect();
                        let mut all = tail.to_vec();
                        all.extend(item);
                        out.push(resolve(base.clone(), &all));
                    }
                } else {
                    out.push(resolve(base, tail));
                }
            }
        }
        i += head_len;
    }
    out.retain(|m| m != module && file_of(root, m).is_some());
    out.sort();
    out.dedup();
    out
}

/// Every loop in the graph of the library's modules (test modules left out).
fn module_cycles(root: &Path) -> Vec<String> {
    let mut files = Vec::new();
    sources(root, &mut files);
    let mut graph: std::collections::BTreeMap<Vec<String>, Vec<Vec<String>>> = Default::default();
    for f in &files {
        let rel = f.strip_prefix(root).unwrap();
        if rel.file_name().is_some_and(|n| n == "tests.rs") {
            continue;
        }
        let module = module_of(rel);
        let text = std::fs::read_to_string(f).unwrap();
        let mut to = refers_to(root, &module, &text);
        to.retain(|m| m.last().is_none_or(|l| l != "tests"));
        graph.insert(module, to);
    }
    // Depth-first search; a back edge closes a loop.
    fn visit(
        m: &Vec<String>,
        graph: &std::collections::BTreeMap<Vec<String>, Vec<Vec<String>>>,
        state: &mut std::collections::BTreeMap<Vec<String>, u8>,
        stack: &mut Vec<Vec<String>>,
        loops: &mut Vec<String>,
    ) {
        state.insert(m.clone(), 1);
        stack.push(m.clone());
        for n in graph.get(m).into_iter().flatten() {
            match state.get(n).copied().unwrap_or(0) {
                0 => visit(n, graph, state, stack, loops),
                1 => {
                    let from = stack.iter().position(|x| x == n).unwrap();
                    let names: Vec<String> = stack[from..]
                        .iter()
                        .chain(std::iter::once(n))
                        .map(|x| format!("crate::{}", x.join("::")))
                        .collect();
                    loops.push(names.join(" -> "));
                }
                _ => {}
            }
        }
        stack.pop();
        state.insert(m.clone(), 2);
    }
    let mut state: std::collections::BTreeMap<Vec<String>, u8> = Default::default();
    let mut loops = Vec::new();
    for m in graph.keys() {
        if !state.contains_key(m) {
            visit(m, &graph, &mut state, &mut Vec::new(), &mut loops);
        }
    }
    loops
}

#[test]
fn no_module_imports_in_a_circle() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("lib/src");
    let loops = module_cycles(&root);
    assert!(
        loops.is_empty(),
        "{} loops in the module graph (a module may use its children and its siblings below \
         it, never its parent or a module that uses it):\n{}",
        loops.len(),
        loops.join("\n")
    );
}

#[test]
fn the_check_sees_a_child_that_uses_its_parent_and_allows_siblings() {
    // `use super::*` and `use super::{…}` name the parent too.
    let root = std::env::temp_dir().join(format!("tenderscore-layers-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    std::fs::create_dir_all(root.join("a")).unwrap();
    std::fs::write(root.join("lib.rs"), "pub mod a;\n").unwrap();
    std::fs::write(
        root.join("a/mod.rs"),
        "mod b;\nmod c;\n/// [`super::a`]\npub fn f() { b::g() }\n",
    )
    .unwrap();
    // c uses its sibling b: allowed.
    std::fs::write(root.join("a/c.rs"), "use super::b::g;\n").unwrap();
    // b uses its parent, which uses b: a loop.
    for uses_parent in [
        "pub fn g() { super::f() }\n",
        "use super::*;\n",
        "use super::{f, Thing};\n",
    ] {
        std::fs::write(root.join("a/b.rs"), uses_parent).unwrap();
        let loops = module_cycles(&root);
        assert_eq!(
            loops,
            ["crate::a -> crate::a::b -> crate::a"],
            "{uses_parent}"
        );
    }
    std::fs::write(root.join("a/b.rs"), "pub fn g() { super::c::h() }\n").unwrap();
    std::fs::write(root.join("a/c.rs"), "pub fn h() {}\n").unwrap();
    assert!(module_cycles(&root).is_empty());
    std::fs::remove_dir_all(&root).unwrap();
}

/// Every file of the library, with its text.
fn library_files() -> Vec<(std::path::PathBuf, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("lib/src");
    let mut files = Vec::new();
    sources(&root, &mut files);
    files.sort();
    files
        .into_iter()
        .map(|f| {
            let text = std::fs::read_to_string(&f).unwrap();
            (f.strip_prefix(&root).unwrap().to_path_buf(), text)
        })
        .collect()
}

/// A function's error type in a signature: the text after the last top-level comma of
/// `Result<…>`.
fn string_errors(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let Some(at) = line.find("-> Result<") else {
            continue;
        };
        let inner = &line[at + "-> Result<".len()..];
        let mut depth = 0;
        let mut last_comma = None;
        let mut end = inner.len();
        for (i, c) in inner.char_indices() {
            match c {
                '<' | '(' | '[' => depth += 1,
                ')' | ']' => depth -= 1,
                '>' if depth == 0 => {
                    end = i;
                    break;
                }
                '>' => depth -= 1,
                ',' if depth == 0 => last_comma = Some(i),
                _ => {}
            }
        }
        if let Some(c) = last_comma {
            if inner[c + 1..end].trim() == "String" {
                out.push(format!("line {}: {}", n + 1, line.trim()));
            }
        }
    }
    out
}

#[test]
fn no_library_function_fails_with_a_bare_string() {
    assert_eq!(
        string_errors(
            "fn a() -> Result<Vec<u8>, String> {\nfn b() -> Result<(u8, String), Problem> {"
        ),
        ["line 1: fn a() -> Result<Vec<u8>, String> {"]
    );
    let found: Vec<String> = library_files()
        .iter()
        .flat_map(|(f, text)| {
            string_errors(text)
                .into_iter()
                .map(move |e| format!("{}: {e}", f.display()))
        })
        .collect();
    assert!(
        found.is_empty(),
        "the library's error is `Problem` (or `Problems`), or a typed error where the caller \
         must tell failures apart:\n{}",
        found.join("\n")
    );
}

#[test]
fn no_library_file_is_over_800_lines() {
    let long: Vec<String> = library_files()
        .iter()
        .filter(|(_, text)| text.lines().count() > 800)
        .map(|(f, text)| format!("{}: {} lines", f.display(), text.lines().count()))
        .collect();
    assert!(
        long.is_empty(),
        "split these by job (docs/architecture.md):\n{}",
        long.join("\n")
    );
}
