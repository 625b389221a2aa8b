//! What is on disk behind an evidence item: the only I/O the evidence rules need, gathered
//! on load so that scoring stays pure.

use crate::model::response::FileFacts;
use sha2::{Digest, Sha256};
use std::io::Read;
use std::path::{Component, Path, PathBuf};

/// Looks at `rel` inside `folder` without ever reading a file outside it. `root` is
/// `folder` canonicalized, resolved once per submission by the caller.
///
/// Paths resolve the same way on every platform, so one archive scores the same on Linux,
/// macOS and Windows: separators are forward slashes only (a backslash is part of a name,
/// and so not found), and names match exactly, letter case included (checked against the
/// folder listing where the file system ignores case).
pub fn inspect(folder: &Path, root: Option<&Path>, rel: &str) -> FileFacts {
    match inspect_exact(folder, root, rel) {
        FileFacts::Missing(_) => FileFacts::Missing(near_match(folder, rel)),
        found => found,
    }
}

fn inspect_exact(folder: &Path, root: Option<&Path>, rel: &str) -> FileFacts {
    if rel.contains('\\') {
        return FileFacts::Missing(None);
    }
    let relp = Path::new(rel);
    if relp.is_absolute()
        || relp
            .components()
            .any(|c| matches!(c, Component::Prefix(_) | Component::RootDir))
    {
        return FileFacts::Outside;
    }
    let Some(root) = root else {
        return FileFacts::Unreadable("cannot resolve the submission folder".into());
    };
    let (real, meta) = match plain_path(root, relp, rel) {
        Some(found) => found,
        None => {
            let real = match folder.join(relp).canonicalize() {
                Ok(r) => r,
                Err(_) => {
                    // A missing file reached through `..` is still outside.
                    return if !super::read::stays_inside(relp) {
                        FileFacts::Outside
                    } else {
                        FileFacts::Missing(None)
                    };
                }
            };
            if !real.starts_with(root) {
                return FileFacts::Outside;
            }
            let Ok(meta) = std::fs::metadata(&real) else {
                return FileFacts::Missing(None);
            };
            (real, meta)
        }
    };
    if cfg!(not(target_os = "linux")) && !names_match_exactly(folder, relp) {
        return FileFacts::Missing(None);
    }
    if !meta.is_file() {
        return FileFacts::NotAFile;
    }
    match hash_file(&real) {
        Ok((size, sha256)) => FileFacts::Present { size, sha256 },
        Err(e) => FileFacts::Unreadable(e.to_string()),
    }
}

/// The path `canonicalize` would give for `rel` under the submission folder whose canonical
/// path is `root`, and its metadata, found with one `lstat` per component, when `rel` is plain:
/// names only (no `.`, `..` or trailing `/`), every one existing and none a symbolic link.
/// Anything else (`None`) goes the long way, through `canonicalize`, which resolves links and
/// reports what is missing. This saves a `readlink` for every component of the absolute path
/// and a `stat` for each of the thousands of evidence files an archive re-score looks at.
fn plain_path(root: &Path, rel: &Path, text: &str) -> Option<(PathBuf, std::fs::Metadata)> {
    if text.is_empty() || text.ends_with('/') {
        return None;
    }
    let mut path = root.to_path_buf();
    let mut meta = None;
    for c in rel.components() {
        let Component::Normal(name) = c else {
            return None;
        };
        path.push(name);
        let m = std::fs::symlink_metadata(&path).ok()?;
        if m.file_type().is_symlink() {
            return None;
        }
        meta = Some(m);
    }
    Some((path, meta?))
}

/// Whether every component of `rel` is listed under exactly that name in its folder (on a
/// file system that ignores letter case, opening `Evidence/Policy.TXT` would succeed).
fn names_match_exactly(folder: &Path, rel: &Path) -> bool {
    let mut dir = folder.to_path_buf();
    for c in rel.components() {
        let Component::Normal(name) = c else {
            if let Component::ParentDir = c {
                dir.pop();
            }
            continue;
        };
        let listed = std::fs::read_dir(&dir)
            .map(|entries| entries.flatten().any(|e| e.file_name() == name))
            .unwrap_or(false);
        if !listed {
            return false;
        }
        dir.push(name);
    }
    true
}

/// The file a supplier most likely meant, when `rel` is not found: the same path with
/// forward slashes, or a name in the same folder that differs only in letter case or by one
/// or two characters.
fn near_match(folder: &Path, rel: &str) -> Option<String> {
    let rel = rel.replace('\\', "/");
    let (parent, name) = match rel.rsplit_once('/') {
        Some((p, n)) => (p.to_string(), n.to_string()),
        None => (String::new(), rel.clone()),
    };
    if Path::new(&rel)
        .components()
        .any(|c| !matches!(c, Component::Normal(_) | Component::CurDir))
    {
        return None;
    }
    let dir = folder.join(&parent);
    let entries: Vec<String> = std::fs::read_dir(&dir)
        .ok()?
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .filter_map(|e| e.file_name().to_str().map(str::to_string))
        .collect();
    let join = |n: &str| {
        if parent.is_empty() {
            n.to_string()
        } else {
            format!("{parent}/{n}")
        }
    };
    if let Some(same) = entries.iter().find(|e| **e == name) {
        return Some(join(same));
    }
    if let Some(case) = entries
        .iter()
        .find(|e| e.eq_ignore_ascii_case(&name) || e.to_lowercase() == name.to_lowercase())
    {
        return Some(join(case));
    }
    entries
        .iter()
        .map(|e| (strsim::levenshtein(e, &name), e))
        .filter(|(d, _)| *d <= 2)
        .min()
        .map(|(_, e)| join(e))
}

/// Size and SHA-256 of a file, streamed.
pub fn hash_file(path: &Path) -> std::io::Result<(u64, String)> {
    // Opened without blocking and checked again once open: a file swapped for a FIFO after it
    // was looked at must not hang the run.
    let mut f = crate::load::read::open_regular(path, crate::load::read::Links::Follow)
        .map_err(|p| std::io::Error::other(p.message))?;
    let mut h = Sha256::new();
    let mut buf = vec![0u8; 64 * 1024];
    let mut size = 0u64;
    loop {
        let n = f.read(&mut buf)?;
        if n == 0 {
            break;
        }
        size += n as u64;
        h.update(&buf[..n]);
    }
    Ok((size, format!("{:x}", h.finalize())))
}
