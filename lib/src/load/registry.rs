//! Where rubrics come from: the built-in ones compiled from `rubrics/`, plus extra folders.

use crate::model::rubric::{Rubric, Version};
use crate::problem::{Problem, Problems};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

include!(concat!(env!("OUT_DIR"), "/builtin_rubrics.rs"));

/// Where a rubric file was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    BuiltIn,
    Dir(PathBuf),
}

/// One rubric file, not yet parsed.
#[derive(Debug, Clone)]
pub struct RubricFile {
    pub id: String,
    pub version: Version,
    /// A path for messages: `rubrics/aime/1.0.0.yaml` for built-ins.
    pub path: PathBuf,
    pub origin: Origin,
    /// Shared, so the registry each tender builds does not copy the built-in texts.
    pub text: Arc<str>,
    pub sha256: String,
}

impl RubricFile {
    pub fn reference(&self) -> String {
        format!("{}@{}", self.id, self.version)
    }

    /// Parses and validates the rubric. Valid rubrics are cached for the process by path and
    /// hash, so an archive of thousands of tenders parses each rubric version once.
    pub fn parse(&self) -> Result<Rubric, Problems> {
        type Cache = Mutex<HashMap<(PathBuf, String), Arc<Rubric>>>;
        static CACHE: OnceLock<Cache> = OnceLock::new();
        let key = (self.path.clone(), self.sha256.clone());
        let cache = CACHE.get_or_init(Default::default);
        if let Some(r) = cache.lock().ok().and_then(|c| c.get(&key).cloned()) {
            return Ok((*r).clone());
        }
        let version = self.version.to_string();
        let parsed = super::rubric::parse(&self.path, &self.text, Some((&self.id, &version)))?;
        if let Ok(mut c) = cache.lock() {
            c.insert(key, Arc::new(parsed.clone()));
        }
        Ok(parsed)
    }
}

/// Every rubric version known to this run, by id then version.
#[derive(Debug, Default, Clone)]
pub struct Registry {
    files: BTreeMap<String, BTreeMap<Version, RubricFile>>,
}

impl Registry {
    /// The built-in rubrics and those in `dirs` (each laid out as `<id>/<version>.yaml`).
    pub fn new(dirs: &[PathBuf]) -> Result<Registry, Problems> {
        static BUILT_IN: OnceLock<Registry> = OnceLock::new();
        let mut reg = BUILT_IN
            .get_or_init(|| {
                let mut reg = Registry::default();
                let mut problems = Vec::new();
                for (rel, text, sha256) in BUILTIN {
                    let path = Path::new("rubrics").join(rel);
                    if let Some((id, version)) = name_parts(&path) {
                        reg.insert(
                            RubricFile {
                                id,
                                version,
                                path: path.clone(),
                                origin: Origin::BuiltIn,
                                text: Arc::from(*text),
                                sha256: (*sha256).to_string(),
                            },
                            &mut problems,
                        );
                    }
                }
                reg
            })
            .clone();
        let mut problems = Vec::new();
        for dir in dirs {
            reg.add_dir(dir, &mut problems);
        }
        if problems.is_empty() {
            Ok(reg)
        } else {
            Err(Problems(problems))
        }
    }

    fn add_dir(&mut self, dir: &Path, problems: &mut Vec<Problem>) {
        let entries = match std::fs::read_dir(dir) {
            Ok(e) => e,
            Err(e) => {
                problems.push(Problem::file(
                    dir,
                    format!("cannot read rubric folder: {e}"),
                ));
                return;
            }
        };
        let mut subdirs: Vec<PathBuf> = entries
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.is_dir())
            .collect();
        subdirs.sort();
        for sub in subdirs {
            let mut files: Vec<PathBuf> = std::fs::read_dir(&sub)
                .into_iter()
                .flatten()
                .flatten()
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "yaml" || e == "yml"))
                .collect();
            files.sort();
            for path in files {
                let Some((id, version)) = name_parts(&path) else {
                    problems.push(Problem::file(
                        &path,
                        "rubric files must be named <id>/<MAJOR.MINOR.PATCH>.yaml",
                    ));
                    continue;
                };
                match crate::load::read::read_text(&path, crate::load::read::MAX_RUBRIC_BYTES) {
                    Ok((text, sha256)) => self.insert(
                        RubricFile {
                            id,
                            version,
                            path: path.clone(),
                            origin: Origin::Dir(dir.to_path_buf()),
                            text: text.into(),
                            sha256,
                        },
                        problems,
                    ),
                    Err(p) => problems.push(p),
                }
            }
        }
    }

    fn insert(&mut self, file: RubricFile, problems: &mut Vec<Problem>) {
        let versions = self.files.entry(file.id.clone()).or_default();
        if let Some(existing) = versions.get(&file.version) {
            if existing.sha256 != file.sha256 {
                problems.push(Problem::file(
                    &file.path,
                    format!(
                        "{} is already defined by {} with different contents; a published \
                         version is immutable, so give the change a new version",
                        file.reference(),
                        existing.path.display()
                    ),
                ));
            }
            return;
        }
        versions.insert(file.version, file);
    }

    /// All rubric files, by id then version.
    pub fn files(&self) -> impl Iterator<Item = &RubricFile> {
        self.files.values().flat_map(|v| v.values())
    }

    /// Finds `id@version`, or the latest version of `id` when no version is given.
    pub fn find(&self, reference: &str) -> Result<&RubricFile, Problem> {
        let (id, version) = match reference.split_once('@') {
            Some((id, v)) => (id, Some(v)),
            None => (reference, None),
        };
        let Some(versions) = self.files.get(id) else {
            let ids: Vec<&str> = self.files.keys().map(String::as_str).collect();
            return Err(Problem::asked(format!(
                "no rubric `{id}`{}; known rubrics: {}",
                crate::problem::did_you_mean(id, ids.iter().copied()),
                ids.join(", ")
            )));
        };
        match version {
            None => versions
                .values()
                .next_back()
                .ok_or_else(|| Problem::asked(format!("no versions of `{id}`"))),
            Some(v) => {
                let parsed = Version::parse(v).ok_or_else(|| {
                    Problem::asked(format!(
                        "`{reference}`: the version must be exact, MAJOR.MINOR.PATCH"
                    ))
                })?;
                versions.get(&parsed).ok_or_else(|| {
                    Problem::asked(format!(
                        "no rubric `{reference}`; versions of `{id}`: {}",
                        versions
                            .keys()
                            .map(|v| v.to_string())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ))
                })
            }
        }
    }
}

/// `(id, version)` from `…/<id>/<version>.yaml`.
fn name_parts(path: &Path) -> Option<(String, Version)> {
    let stem = path.file_stem()?.to_str()?;
    let id = path.parent()?.file_name()?.to_str()?;
    Some((id.to_string(), Version::parse(stem)?))
}
