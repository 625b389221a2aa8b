//! What is on disk behind an evidence item: the only I/O the evidence rules need, gathered
//! on load so that scoring stays pure.

use crate::registry::hex;
use sha2::{Digest, Sha256};
use std::io::Read;
use std::path::{Component, Path};

/// Facts about an evidence file, gathered once when the submission is loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileFacts {
    /// A regular file inside the submission folder.
    Present {
        size: u64,
        sha256: String,
    },
    Missing,
    /// Outside the submission folder after resolving `..` and symbolic links.
    Outside,
    /// A folder, device or other non-regular file.
    NotAFile,
    Unreadable(String),
}

impl FileFacts {
    pub fn sha256(&self) -> Option<&str> {
        match self {
            FileFacts::Present { sha256, .. } => Some(sha256),
            _ => None,
        }
    }
}

/// Looks at `rel` inside `folder` without ever reading a file outside it. `root` is
/// `folder` canonicalized, resolved once per submission by the caller.
pub fn inspect(folder: &Path, root: Option<&Path>, rel: &str) -> FileFacts {
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
    let joined = folder.join(relp);
    let real = match joined.canonicalize() {
        Ok(r) => r,
        Err(_) => {
            // A missing file reached through `..` is still outside.
            return if lexically_escapes(relp) {
                FileFacts::Outside
            } else {
                FileFacts::Missing
            };
        }
    };
    if !real.starts_with(root) {
        return FileFacts::Outside;
    }
    let Ok(meta) = std::fs::metadata(&real) else {
        return FileFacts::Missing;
    };
    if !meta.is_file() {
        return FileFacts::NotAFile;
    }
    match hash_file(&real) {
        Ok((size, sha256)) => FileFacts::Present { size, sha256 },
        Err(e) => FileFacts::Unreadable(e.to_string()),
    }
}

fn lexically_escapes(p: &Path) -> bool {
    let mut depth = 0i32;
    for c in p.components() {
        match c {
            Component::ParentDir => {
                depth -= 1;
                if depth < 0 {
                    return true;
                }
            }
            Component::Normal(_) => depth += 1,
            _ => {}
        }
    }
    false
}

/// Size and SHA-256 of a file, streamed.
pub fn hash_file(path: &Path) -> std::io::Result<(u64, String)> {
    let mut f = std::fs::File::open(path)?;
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
    Ok((size, hex(&h.finalize())))
}
