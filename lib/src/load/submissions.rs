//! The submissions folder: one supplier's response, price and evidence per folder, each read
//! and checked on its own (one bad file never stops the others).

use super::loaded::*;
use super::read as yaml;
use super::{doctext, evidence, names, price, response, text, workbook};
use crate::model::response::Response;
use crate::model::tender::Tender;
use crate::problem::{Problem, Problems};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::Path;

/// What stands in the submissions folder under one name.
enum Entry {
    /// A real folder: a supplier's submission.
    Folder(String),
    /// Something that must be reported, never skipped: the supplier is put in `error`.
    Refused(String, String),
}

pub(crate) fn load_submissions(
    tender: &Tender,
    rubrics: &[TenderRubric],
) -> Result<Vec<Submission>, Problems> {
    let dir = &tender.submissions_dir;
    if std::fs::symlink_metadata(dir).is_ok_and(|m| m.file_type().is_symlink()) {
        return Err(Problem::file(
            dir,
            "the submissions folder is a symbolic link; it must be a real folder inside the tender",
        )
        .into());
    }
    let entries = std::fs::read_dir(dir)
        .map_err(|e| Problem::file(dir, format!("cannot read the submissions folder: {e}")))?;
    let mut found: Vec<Entry> = Vec::new();
    for e in entries {
        let e =
            e.map_err(|e| Problem::file(dir, format!("cannot read the submissions folder: {e}")))?;
        let raw = e.file_name();
        let Ok(kind) = e.file_type() else { continue };
        let Some(name) = raw.to_str() else {
            // A Latin-1 name from a Windows zip: reported, never silently skipped.
            if kind.is_dir() || kind.is_symlink() {
                let shown = raw.to_string_lossy().into_owned();
                found.push(Entry::Refused(
                    shown,
                    "this folder's name is not valid UTF-8 text, so it cannot be named in marks or results; rename it (for example with `convmv` or by hand) and score again".into(),
                ));
            }
            continue;
        };
        if name.starts_with('.') {
            continue;
        }
        if kind.is_symlink() {
            found.push(Entry::Refused(
                name.to_string(),
                "is a symbolic link; a supplier folder must be a real folder inside the tender (a link could clone another bid)".into(),
            ));
        } else if kind.is_dir() {
            found.push(Entry::Folder(name.to_string()));
        }
    }
    found.sort_by(|a, b| {
        let key = |e: &Entry| match e {
            Entry::Folder(n) | Entry::Refused(n, _) => n.clone(),
        };
        key(a).cmp(&key(b))
    });
    let catalog = Catalog::new(&tender.id, rubrics);
    let mut subs: Vec<Submission> = found
        .par_iter()
        .map(|entry| match entry {
            Entry::Folder(folder) => load_submission(
                &dir.join(folder),
                folder,
                &catalog,
                tender.scoring.rules >= 2,
            ),
            Entry::Refused(folder, why) => {
                let path = dir.join(folder);
                Submission {
                    folder: folder.clone(),
                    dir: path.clone(),
                    response_path: path.join("response.yaml"),
                    response_sha256: None,
                    response: Err(vec![Problem::file(&path, why.clone())]),
                    shares_name_with: Vec::new(),
                    shares_evidence_with: Vec::new(),
                    price: None,
                    price_sha256: None,
                    warnings: Vec::new(),
                    invisible_in_names: Vec::new(),
                    cells: workbook::AsYaml::default(),
                }
            }
        })
        .collect();
    let rules2 = tender.scoring.rules >= 2;
    let keys: Vec<Vec<String>> = subs
        .iter()
        .map(|s| match &s.response {
            Ok(r) => name_keys(r, rules2),
            Err(_) => Vec::new(),
        })
        .collect();
    let mut by_name: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (s, keys) in subs.iter().zip(&keys) {
        for k in keys {
            by_name.entry(k).or_default().push(&s.folder);
        }
    }
    let others: Vec<Vec<String>> = subs
        .iter()
        .zip(&keys)
        .map(|(s, keys)| {
            let mut others: Vec<String> = keys
                .iter()
                .flat_map(|k| &by_name[k.as_str()])
                .filter(|f| **f != s.folder)
                .map(|f| f.to_string())
                .collect();
            others.sort();
            others.dedup();
            others
        })
        .collect();
    for (s, others) in subs.iter_mut().zip(others) {
        s.shares_name_with = others;
    }
    if rules2 {
        shared_evidence(&mut subs);
    }
    if let Some(award) = &tender.award {
        for s in subs.iter_mut().filter(|s| s.response.is_ok()) {
            let (price, sha256) = price::load_for(&s.dir, &s.response_path, award);
            s.price = Some(price);
            s.price_sha256 = sha256;
        }
    }
    Ok(subs)
}

/// The names a response goes by, as compared for duplicates: under rules 1 its display name
/// exactly; under rules 2 its display and legal names by what they look like
/// ([`names::identity_key`]: UTS #39 skeleton, invisible characters removed, company forms aside).
fn name_keys(r: &Response, rules2: bool) -> Vec<String> {
    if !rules2 {
        return vec![r.supplier.clone()];
    }
    let mut keys: Vec<String> = std::iter::once(&r.supplier)
        .chain(&r.legal_names)
        .map(|n| names::identity_key(n))
        .filter(|k| !k.is_empty())
        .collect();
    keys.sort();
    keys.dedup();
    keys
}

/// Scoring rules 2: a certificate number, or an evidence file (by SHA-256), cited by two
/// suppliers. A group company's certificate may be legitimate, so it is the panel's to
/// resolve; until then both are incomplete.
fn shared_evidence(subs: &mut [Submission]) {
    let cited: Vec<BTreeMap<String, String>> = subs
        .iter()
        .map(|s| s.response.as_ref().map(citations).unwrap_or_default())
        .collect();
    let mut by_key: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (s, c) in subs.iter().zip(&cited) {
        for k in c.keys() {
            by_key.entry(k).or_default().push(&s.folder);
        }
    }
    let lines: Vec<Vec<String>> = subs
        .iter()
        .zip(&cited)
        .map(|(s, c)| {
            c.iter()
                .filter_map(|(k, what)| {
                    let others: Vec<String> = by_key[k.as_str()]
                        .iter()
                        .filter(|f| **f != s.folder)
                        .map(|f| format!("`{f}`"))
                        .collect();
                    (!others.is_empty())
                        .then(|| format!("{what} the supplier in folder {}", others.join(" and ")))
                })
                .collect()
        })
        .collect();
    for (s, lines) in subs.iter_mut().zip(lines) {
        s.shares_evidence_with = lines;
    }
}

/// What a response cites that another response could cite too, keyed for comparison
/// (certificate numbers as [`names::certificate_key`], files by SHA-256; certificates sort
/// first), each with the words that say so.
fn citations(r: &Response) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for e in r.answers.values().flat_map(|a| &a.evidence) {
        if let Some(n) = &e.certificate {
            let key = names::certificate_key(n);
            if !key.is_empty() {
                out.entry(format!("certificate {key}"))
                    .or_insert_with(|| format!("certificate {n} is also cited by"));
            }
        }
        if let Some(sha) = e.facts.sha256() {
            out.entry(format!("sha256 {sha}")).or_insert_with(|| {
                format!(
                    "{} (SHA-256 {}…) is the same file as one cited by",
                    e.file,
                    &sha[..16.min(sha.len())]
                )
            });
        }
    }
    out
}

/// Loads one supplier folder; never fails, a broken response is kept as its problems. With
/// `read_text` (scoring rules 2) the text of every evidence file present is read too, once
/// per file.
fn load_submission(dir: &Path, folder: &str, catalog: &Catalog, read_text: bool) -> Submission {
    let yaml_path = dir.join("response.yaml");
    let xlsx_path = dir.join("response.xlsx");
    let has_yaml = std::fs::symlink_metadata(&yaml_path).is_ok();
    let has_xlsx = std::fs::symlink_metadata(&xlsx_path).is_ok();
    let response_path = if has_xlsx && !has_yaml {
        xlsx_path.clone()
    } else {
        yaml_path.clone()
    };
    let mut sub = Submission {
        folder: folder.to_string(),
        dir: dir.to_path_buf(),
        response_path: response_path.clone(),
        response_sha256: None,
        response: Err(Vec::new()),
        shares_name_with: Vec::new(),
        shares_evidence_with: Vec::new(),
        price: None,
        price_sha256: None,
        warnings: Vec::new(),
        invisible_in_names: Vec::new(),
        cells: workbook::AsYaml::default(),
    };
    if has_yaml && has_xlsx {
        sub.response = Err(vec![Problem::file(
            &xlsx_path,
            "this folder holds both response.yaml and response.xlsx: keep the one the supplier submitted",
        )]);
        return sub;
    }
    if !has_yaml && !has_xlsx {
        sub.response = Err(vec![Problem::file(
            &yaml_path,
            "no response.yaml (or response.xlsx) in this supplier folder",
        )]);
        return sub;
    }
    // The text to parse, and for a workbook where each of its lines came from.
    let read: Result<(String, String, Option<workbook::AsYaml>), Vec<Problem>> = if has_xlsx {
        yaml::read_bytes_with(&xlsx_path, yaml::MAX_RESPONSE_BYTES, yaml::Links::Refuse)
            .map_err(|p| vec![p])
            .and_then(|bytes| {
                let sha256 = yaml::sha256_hex(&bytes);
                let book = workbook::read(&xlsx_path, &bytes)?;
                Ok((book.yaml.clone(), sha256, Some(book)))
            })
    } else {
        yaml::read_text_with(&yaml_path, yaml::MAX_RESPONSE_BYTES, yaml::Links::Refuse)
            .map(|(text, sha)| (text, sha, None))
            .map_err(|p| vec![p])
    };
    sub.response = match read {
        Err(p) => Err(p),
        Ok((text, sha256, book)) => {
            sub.response_sha256 = Some(sha256);
            if let Some(b) = &book {
                sub.cells = workbook::AsYaml {
                    yaml: String::new(),
                    cells: b.cells.clone(),
                    warnings: Vec::new(),
                };
                sub.warnings = b
                    .warnings
                    .iter()
                    .map(|w| Problem::file(&response_path, w.clone()))
                    .collect();
            }
            let mut cache: BTreeMap<String, crate::model::response::FileFacts> = BTreeMap::new();
            let root = dir.canonicalize().ok();
            let parsed = response::parse(&response_path, &text, catalog, |rel| {
                cache
                    .entry(rel.to_string())
                    .or_insert_with(|| evidence::inspect(dir, root.as_deref(), rel))
                    .clone()
            })
            .map_err(|p| match &book {
                Some(b) => Problems(
                    p.0.into_iter()
                        .map(|x| b.locate(&response_path, x))
                        .collect(),
                ),
                None => p,
            });
            match parsed {
                Ok(mut r) if read_text => {
                    let generic = generic_legal_names(&r, &text, &response_path);
                    if !generic.is_empty() {
                        Err(generic)
                    } else {
                        if let Some(root) = &root {
                            read_evidence_text(&mut r, root);
                        }
                        for name in std::iter::once(&mut r.supplier).chain(&mut r.legal_names) {
                            if name.chars().any(doctext::is_invisible) {
                                let shown: String = name
                                    .chars()
                                    .map(|c| {
                                        if doctext::is_invisible(c) {
                                            format!("<U+{:04X}>", c as u32)
                                        } else {
                                            c.to_string()
                                        }
                                    })
                                    .collect();
                                name.retain(|c| !doctext::is_invisible(c));
                                sub.warnings.push(Problem::file(
                                    &response_path,
                                    format!(
                                        "the name `{shown}` holds invisible characters; they are removed, and it is shown as `{name}`"
                                    ),
                                ));
                                sub.invisible_in_names.push(shown);
                            }
                        }
                        Ok(r)
                    }
                }
                parsed => parsed.map_err(|p| p.0),
            }
        }
    };
    sub
}

/// Scoring rules 2: a problem for each legal name that names nobody in particular (`Ltd`,
/// `Services Limited`), at the line it is on.
fn generic_legal_names(r: &Response, text: &str, path: &Path) -> Vec<Problem> {
    let from = text.lines().position(|l| l.contains("legal_names"));
    r.legal_names
        .iter()
        .filter(|n| !names::distinctive(n))
        .map(|n| {
            let line = from
                .and_then(|from| {
                    text.lines()
                        .enumerate()
                        .skip(from)
                        .find(|(_, l)| l.contains(n.as_str()))
                })
                .map_or(0, |(i, _)| i as u32 + 1);
            Problem::at(
                path,
                line,
                0,
                format!(
                    "legal_names: `{n}` names no particular company (only company forms and generic words); give the registered name as on the company register, or remove it"
                ),
            )
        })
        .collect()
}

/// Reads the text of every evidence file present, once per distinct file (by SHA-256 and
/// extension: the same bytes under two names are read once), for the content checks, in the order the response
/// cites them, within the supplier's reading budget ([`text::SUPPLIER_BUDGET`]).
fn read_evidence_text(r: &mut Response, root: &Path) {
    use crate::model::response::{FileFacts, TextFacts};
    use std::sync::Arc;
    let mut texts: BTreeMap<String, Arc<TextFacts>> = BTreeMap::new();
    let mut budget = text::SUPPLIER_BUDGET;
    for e in r.answers.values_mut().flat_map(|a| a.evidence.iter_mut()) {
        let FileFacts::Present { size, sha256 } = &e.facts else {
            continue;
        };
        // The extension decides the reader: the same bytes named `.txt` and `.pdf` are two
        // readings.
        let ext = Path::new(&e.file)
            .extension()
            .map(|x| x.to_string_lossy().to_ascii_lowercase())
            .unwrap_or_default();
        let text = texts.entry(format!("{sha256}.{ext}")).or_insert_with(|| {
            // The file was found inside the folder when it was hashed; look again, so a
            // file swapped for a link since then is not read.
            let real = root.join(&e.file).canonicalize();
            Arc::new(match real {
                Ok(p) if p.starts_with(root) => text::extract(&p, *size, sha256, &mut budget),
                _ => TextFacts::Unreadable("the file moved while it was being read".into()),
            })
        });
        e.text = Some(Arc::clone(text));
    }
}
