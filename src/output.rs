//! Where results go: stdout, or `-o FILE`. One writer serves every command:
//! - a regular file (or a new one) is written to a temporary file beside it, synced, then
//!   renamed over it, so an error or a kill never leaves a half-written result;
//! - a character device or FIFO (`-o /dev/null`, `-o >(gzip)`) is written into, never
//!   replaced, even as root;
//! - a folder, or any file the run reads, is refused;
//! - SIGINT, SIGTERM and SIGHUP remove the temporary file before the process ends, and a
//!   temporary file left by a killed run (SIGKILL) is removed by the next run writing there.

use anyhow::{bail, Context, Result};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

/// Temporary files not yet renamed into place: removed if the process is interrupted.
fn pending() -> &'static Mutex<Vec<PathBuf>> {
    static PENDING: OnceLock<Mutex<Vec<PathBuf>>> = OnceLock::new();
    PENDING.get_or_init(|| {
        // Installed once, on the first temporary file. If another handler is already set
        // (a host program embedding the library), the Drop clean-up still applies.
        let _ = ctrlc::set_handler(|| {
            if let Ok(files) = pending().lock() {
                for f in files.iter() {
                    let _ = std::fs::remove_file(f);
                }
            }
            std::process::exit(130);
        });
        Mutex::new(Vec::new())
    })
}

fn track(path: &Path, on: bool) {
    if let Ok(mut files) = pending().lock() {
        if on {
            files.push(path.to_path_buf());
        } else {
            files.retain(|f| f != path);
        }
    }
}

/// What `-o` names, once looked at.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Kind {
    /// A regular file or nothing yet: replaced atomically.
    Replace,
    /// A character device or FIFO: written into.
    WriteInto,
}

/// An `-o` target checked before any work is done.
#[derive(Debug, Clone)]
pub struct Target {
    path: PathBuf,
    kind: Kind,
    /// The canonical path of the existing regular file, to refuse it as an input.
    existing: Option<PathBuf>,
}

impl Target {
    /// Looks at `path`: a folder is refused; a device or FIFO is written into; anything else
    /// (a regular file, or nothing) is replaced atomically.
    pub fn new(path: &Path) -> Result<Target> {
        if path.file_name().is_none() {
            bail!("{}: not a file name", path.display());
        }
        let meta = std::fs::metadata(path);
        let kind = match &meta {
            Ok(m) if m.is_dir() => bail!(
                "{}: is a folder; name a file to write, for example {}",
                path.display(),
                path.join("result.json").display()
            ),
            Ok(m) if m.is_file() => Kind::Replace,
            Ok(_) => Kind::WriteInto,
            Err(_) => Kind::Replace,
        };
        let existing = match (&meta, &kind) {
            (Ok(_), Kind::Replace) => path.canonicalize().ok(),
            _ => None,
        };
        Ok(Target {
            path: path.to_path_buf(),
            kind,
            existing,
        })
    }

    /// Refuses the target when it is a file the run reads (`reads` is given its canonical
    /// path): `-o tender.toml` must never destroy an input.
    pub fn refuse_input(&self, reads: impl Fn(&Path) -> bool) -> Result<()> {
        if let Some(c) = &self.existing {
            if reads(c) {
                bail!(
                    "{}: is one of the files this run reads; write the output somewhere else",
                    self.path.display()
                );
            }
        }
        Ok(())
    }

    /// The canonical path of the file that would be replaced, if it exists.
    pub fn existing(&self) -> Option<&Path> {
        self.existing.as_deref()
    }

    /// Opens the target for writing.
    pub fn open(&self) -> Result<OutputFile> {
        match self.kind {
            Kind::WriteInto => {
                let f = std::fs::OpenOptions::new()
                    .write(true)
                    .open(&self.path)
                    .with_context(|| format!("{}: cannot write", self.path.display()))?;
                Ok(OutputFile {
                    dest: self.path.clone(),
                    tmp: None,
                    file: Some(std::io::BufWriter::new(f)),
                })
            }
            Kind::Replace => {
                let dir = match self.path.parent() {
                    Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
                    _ => PathBuf::from("."),
                };
                let name = self
                    .path
                    .file_name()
                    .map(|n| n.to_string_lossy().to_string())
                    .unwrap_or_default();
                remove_stale(&dir, &name);
                let pid = std::process::id();
                let mut n = 0u32;
                loop {
                    let tmp = dir.join(format!(".{name}.tmp-{pid}-{n}"));
                    // Tracked before it exists, so a signal at any moment removes it.
                    track(&tmp, true);
                    let opened = std::fs::OpenOptions::new()
                        .write(true)
                        .create_new(true)
                        .open(&tmp);
                    if opened.is_err() {
                        track(&tmp, false);
                    }
                    match opened {
                        Ok(f) => {
                            return Ok(OutputFile {
                                dest: self.path.clone(),
                                tmp: Some(tmp),
                                file: Some(std::io::BufWriter::new(f)),
                            });
                        }
                        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && n < 1000 => {
                            n += 1
                        }
                        Err(e) => {
                            return Err(e)
                                .with_context(|| format!("{}: cannot write", self.path.display()))
                        }
                    }
                }
            }
        }
    }
}

/// Removes `.NAME.tmp-PID-N` files left by a run that no longer exists (or by an earlier
/// process with this very PID, as happens in a container where the tool is always PID 1).
fn remove_stale(dir: &Path, name: &str) {
    let prefix = format!(".{name}.tmp-");
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let file = e.file_name();
        let Some(rest) = file.to_str().and_then(|f| f.strip_prefix(&prefix)) else {
            continue;
        };
        let pid = rest.split('-').next().and_then(|p| p.parse::<u32>().ok());
        let Some(pid) = pid else { continue };
        if pid == std::process::id() || !process_alive(pid) {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

fn process_alive(pid: u32) -> bool {
    if cfg!(target_os = "linux") {
        Path::new(&format!("/proc/{pid}")).exists()
    } else {
        // Without /proc, assume alive: a stale file is left rather than another run's removed.
        true
    }
}

/// An output being written; [`OutputFile::commit`] puts it in place. Dropped without a
/// commit, the temporary file is removed.
pub struct OutputFile {
    dest: PathBuf,
    tmp: Option<PathBuf>,
    file: Option<std::io::BufWriter<std::fs::File>>,
}

impl Write for OutputFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match &mut self.file {
            Some(f) => f.write(buf),
            None => Err(std::io::Error::other("output already committed")),
        }
    }
    fn flush(&mut self) -> std::io::Result<()> {
        match &mut self.file {
            Some(f) => f.flush(),
            None => Ok(()),
        }
    }
}

impl OutputFile {
    /// Flushes, syncs and renames the temporary file over the destination.
    pub fn commit(mut self) -> Result<()> {
        let dest = self.dest.clone();
        let done = (|| -> std::io::Result<()> {
            if let Some(f) = self.file.take() {
                let f = f.into_inner().map_err(|e| e.into_error())?;
                if let Some(tmp) = &self.tmp {
                    f.sync_all()?;
                    std::fs::rename(tmp, &dest)?;
                }
            }
            Ok(())
        })();
        if done.is_ok() {
            if let Some(tmp) = self.tmp.take() {
                track(&tmp, false);
            }
        }
        done.with_context(|| format!("{}: cannot write", dest.display()))
    }
}

impl Drop for OutputFile {
    fn drop(&mut self) {
        if let Some(tmp) = self.tmp.take() {
            self.file.take();
            let _ = std::fs::remove_file(&tmp);
            track(&tmp, false);
        }
    }
}

/// Writes finished bytes to a checked target, atomically where it is a file.
pub fn write_to(target: &Target, bytes: &[u8]) -> Result<()> {
    let mut f = target.open()?;
    f.write_all(bytes)
        .with_context(|| format!("{}: cannot write", target.path.display()))?;
    f.commit()
}

/// Sends finished output to `-o FILE` or stdout. Output is built fully in memory first, so an
/// error part-way never leaves partial data behind. Commands that read input files check the
/// target first with [`Target::refuse_input`] and call [`write_to`].
pub fn emit(output: Option<&Path>, bytes: &[u8]) -> Result<()> {
    match output {
        Some(p) => write_to(&Target::new(p)?, bytes),
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(bytes)?;
            out.flush()?;
            Ok(())
        }
    }
}

/// True when an error chain ends in a closed pipe (`| head`): that is a quiet success.
pub fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
