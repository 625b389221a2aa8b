//! Evidence: its status at the as-of date, why an item is invalid, what the content checks of
//! rules 2 make of it, and the credit a claim keeps.

use super::content;
use crate::load::LoadedTender;
use crate::model::response::{Evidence, FileFacts, Response};
use crate::model::rubric::{Question, Severity, Tier};
use crate::model::tender::Scoring;
use crate::result::*;
use jiff::civil::Date;

pub(crate) struct Ctx<'a> {
    pub risk: Tier,
    pub dates: Dates,
    pub scoring: &'a Scoring,
    /// Scoring rules 2: what the content checks need; none under rules 1.
    pub content: Option<content::Checks<'a>>,
}

/// Per evidence file, the content checks it passed and failed, each with its question, and
/// the phrases found in it.
pub(crate) type FileLog = std::collections::BTreeMap<String, FileChecks>;

#[derive(Debug, Default, Clone)]
pub(crate) struct FileChecks {
    pub(crate) passed: Vec<String>,
    pub(crate) failed: Vec<String>,
    pub(crate) found: Vec<crate::result::Found>,
}

/// What the content checks of rules 2 make of an answer's evidence.
pub(crate) struct Checked {
    pub(crate) status: EvidenceStatus,
    pub(crate) reasons: Vec<String>,
    /// Warnings of kind `identity`.
    pub(crate) identity: Vec<String>,
    /// Critical flags of kind `must_not_show`.
    pub(crate) forbidden: Vec<String>,
    pub(crate) found: Vec<(String, crate::result::Found)>,
}

/// §3.1: evidence status at the as-of date, with every reason an item is invalid.
pub(crate) fn evidence_status(
    dates: Dates,
    q: &Question,
    raw: Option<f64>,
    items: &[Evidence],
) -> (EvidenceStatus, Vec<String>) {
    if raw == Some(0.0) {
        return (EvidenceStatus::NotNeeded, Vec::new());
    }
    if items.is_empty() {
        return (EvidenceStatus::None, Vec::new());
    }
    let reasons: Vec<String> = items
        .iter()
        .flat_map(|e| invalid_reasons(dates, q, e))
        .collect();
    if !reasons.is_empty() {
        (EvidenceStatus::Invalid, reasons)
    } else if items.iter().any(|e| e.verified_by.is_some()) {
        (EvidenceStatus::Verified, reasons)
    } else {
        (EvidenceStatus::Attached, reasons)
    }
}

/// Scoring rules 2: the status of an answer's evidence with its content checked against the
/// claims (docs/formats.md §3.6), and each file's passed and failed checks logged.
pub(crate) fn checked_status(
    ctx: &Ctx,
    checks: &content::Checks,
    q: &Question,
    raw: Option<f64>,
    items: &[Evidence],
    log: &mut FileLog,
) -> Checked {
    let rules1: Vec<String> = items
        .iter()
        .flat_map(|e| invalid_reasons(ctx.dates, q, e))
        .collect();
    let outcomes: Vec<content::ItemOutcome> = items
        .iter()
        .map(|e| content::check_item(checks, q, e))
        .collect();
    let phrases = content::phrases(checks, q, items);
    if raw != Some(0.0) {
        let mut note = |file: &str, text: &str, passed: bool| {
            let what = text.strip_prefix(&format!("{file}: ")).unwrap_or(text);
            let entry = log.entry(file.to_string()).or_default();
            let list = if passed {
                &mut entry.passed
            } else {
                &mut entry.failed
            };
            let line = format!("{}: {what}", q.id);
            if !list.contains(&line) {
                list.push(line);
            }
        };
        for (e, o) in items.iter().zip(&outcomes) {
            for p in &o.passed {
                note(&e.file, p, true);
            }
            for f in o.invalid.iter().chain(&o.unconfirmed).chain(&o.unverified) {
                note(&e.file, f, false);
            }
        }
        for s in &phrases.shown {
            if let Some((file, _)) = s.split_once(": ") {
                note(file, s, true);
            }
        }
        for m in &phrases.missing {
            if let Some((files, _)) = m.split_once(": ") {
                for file in files.split(", ") {
                    note(file, &format!("{file}: {}", &m[files.len() + 2..]), false);
                }
            }
        }
        for (file, why) in &phrases.forbidden {
            note(file, why, false);
        }
        for (file, f) in &phrases.found {
            let entry = log.entry(file.clone()).or_default();
            if !entry.found.contains(f) {
                entry.found.push(f.clone());
            }
        }
    }
    let identity = outcomes.iter().flat_map(|o| o.identity.clone()).collect();
    let (status, reasons) = content::status(raw, items.len(), rules1, &outcomes, &phrases);
    let found = if raw == Some(0.0) {
        Vec::new()
    } else {
        phrases.found
    };
    Checked {
        status,
        reasons,
        identity,
        forbidden: phrases.forbidden.into_iter().map(|(_, why)| why).collect(),
        found,
    }
}

/// Scoring rules 2: what `check` reports of an answer's evidence beyond the rules of §3.1,
/// item by item (index into `items`): a date or what the rubric asks for not shown, an expiry
/// the document or register states, a verifier that does not count, a file that cannot be
/// read. Empty under rules 1.
pub fn content_findings(
    t: &LoadedTender,
    r: &Response,
    q: &Question,
    items: &[Evidence],
) -> Vec<(usize, String)> {
    use crate::model::response::TextFacts;
    if t.tender.scoring.rules < 2 {
        return Vec::new();
    }
    let names = supplier_names(r);
    let checks = checks_for(t, &names);
    let mut out = Vec::new();
    for (i, e) in items.iter().enumerate() {
        let o = content::check_item(&checks, q, e);
        for reason in o.invalid.iter().chain(&o.unconfirmed).chain(&o.unverified) {
            out.push((i, reason.clone()));
        }
        if let Some(TextFacts::Unreadable(why)) = e.text.as_deref() {
            out.push((i, format!("{}: cannot be read ({why})", e.file)));
        }
    }
    let p = content::phrases(&checks, q, items);
    for m in p.missing {
        out.push((0, m));
    }
    for (file, why) in p.forbidden {
        let i = items.iter().position(|e| e.file == file).unwrap_or(0);
        out.push((i, why));
    }
    out
}

/// Scoring rules 2: the phrases of `must_show` and `must_not_show` found in an answer's
/// evidence, by file, as `check` lists them.
pub fn found_in(
    t: &LoadedTender,
    r: &Response,
    q: &Question,
    items: &[Evidence],
) -> Vec<(String, crate::result::Found)> {
    let names = supplier_names(r);
    content::phrases(&checks_for(t, &names), q, items).found
}

/// The supplier's display name, then its legal names.
pub(crate) fn supplier_names(r: &Response) -> Vec<String> {
    std::iter::once(r.supplier.clone())
        .chain(r.legal_names.iter().cloned())
        .collect()
}

/// What the content checks of rules 2 need from a loaded tender, for a supplier's `names`.
pub(crate) fn checks_for<'a>(t: &'a LoadedTender, names: &'a [String]) -> content::Checks<'a> {
    content::Checks {
        as_of: t.tender.as_of,
        names,
        verifiers: &t.tender.evidence.verifiers,
        aliases: &t.tender.evidence.aliases,
        certificates: t.certificates.as_deref(),
    }
}

/// Scoring rules 2: a `panel_check` warning for each file the tool cannot read (no text
/// layer, an image, a format not read, too big, or a file its reader could not parse): it
/// earns nothing until the panel has read it and recorded `confirm_evidence`.
pub(crate) fn content_flags(items: &[Evidence]) -> Vec<Flag> {
    use crate::model::response::TextFacts;
    let mut out: Vec<Flag> = Vec::new();
    let mut seen: Vec<&str> = Vec::new();
    for e in items {
        if seen.contains(&e.file.as_str()) {
            continue;
        }
        seen.push(&e.file);
        let why = match e.text.as_deref() {
            Some(TextFacts::NoText(why)) => format!("not checked: {why}"),
            Some(TextFacts::Unreadable(why)) => format!("cannot be read: {why}"),
            _ => continue,
        };
        out.push(Flag {
            severity: Severity::Warning,
            kind: FlagKind::PanelCheck,
            message: format!(
                "{}: {why}; the panel must read it and record confirm_evidence before it counts",
                e.file
            ),
        });
    }
    out
}

/// Every reason one evidence item is invalid, in the order the evidence rules list them.
/// The dates evidence is judged at: the evaluation date, and the submission deadline if the
/// tender gives one.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Dates {
    pub as_of: Date,
    pub deadline: Option<Date>,
}

impl Dates {
    pub(crate) fn of(t: &crate::model::tender::Tender) -> Dates {
        Dates {
            as_of: t.as_of,
            deadline: t.deadline,
        }
    }
}

pub(crate) fn invalid_reasons(dates: Dates, q: &Question, e: &Evidence) -> Vec<String> {
    let as_of = dates.as_of;
    let f = &e.file;
    let mut out = Vec::new();
    match &e.facts {
        FileFacts::Missing(None) => out.push(format!("{f}: file not found")),
        FileFacts::Missing(Some(near)) => out.push(format!(
            "{f}: file not found (did you mean `{near}`? paths use forward slashes, and letter case must match)"
        )),
        FileFacts::Outside => out.push(format!("{f}: lies outside the submission folder")),
        FileFacts::NotAFile => out.push(format!("{f}: not a regular file")),
        FileFacts::Unreadable(why) => out.push(format!("{f}: cannot be read ({why})")),
        FileFacts::Present { size: 0, .. } => out.push(format!("{f}: file is empty")),
        FileFacts::Present { .. } => {}
    }
    if !q.evidence.kinds.is_empty() && !q.evidence.kinds.contains(&e.kind) {
        let accepted: Vec<String> = q.evidence.kinds.iter().map(|k| k.to_string()).collect();
        out.push(format!(
            "{f}: kind `{}` is not accepted for {} (accepts {})",
            e.kind,
            q.id,
            accepted.join(", ")
        ));
    }
    if let (Some(listed), Some(actual)) = (&e.sha256, e.facts.sha256()) {
        if listed != actual {
            out.push(format!(
                "{f}: sha256 does not match the file (listed {}…, file is {}…)",
                &listed[..12],
                &actual[..12]
            ));
        }
    }
    if let Some(issued) = e.issued {
        if issued > as_of {
            out.push(format!(
                "{f}: issued {issued}, after the as-of date {as_of}"
            ));
        } else if let Some(deadline) = dates.deadline.filter(|d| issued > *d) {
            // A document written after the tenders were in is not part of the tender.
            out.push(format!(
                "{f}: issued {issued}, after the tender deadline {deadline}"
            ));
        }
    }
    if let Some(expires) = e.expires {
        if expires < as_of {
            out.push(format!(
                "{f}: expired {expires}, before the as-of date {as_of}"
            ));
        }
    }
    if let Some(max) = q.evidence.max_age_days {
        match e.issued {
            Some(issued) if issued <= as_of => {
                let age = i64::from((as_of - issued).get_days());
                if age > i64::from(max) {
                    out.push(format!(
                        "{f}: issued {issued}, {age} days before the as-of date; {} accepts evidence up to {max} days old",
                        q.id
                    ));
                }
            }
            Some(_) => {}
            None => out.push(format!(
                "{f}: no issued date, but {} needs evidence issued within {max} days of the as-of date",
                q.id
            )),
        }
    }
    out
}

/// §3.2: the share of a claim's raw score it keeps, given its evidence.
pub(crate) fn credit(ctx: &Ctx, q: &Question, status: EvidenceStatus) -> f64 {
    match status {
        EvidenceStatus::NotNeeded | EvidenceStatus::Verified => 1.0,
        EvidenceStatus::Attached => match q.evidence.verify_at {
            Some(tier) if tier <= ctx.risk => ctx.scoring.unverified_credit,
            _ => 1.0,
        },
        EvidenceStatus::None | EvidenceStatus::Unconfirmed | EvidenceStatus::Invalid => {
            if q.evidence.required {
                0.0
            } else {
                ctx.scoring.unevidenced_credit
            }
        }
    }
}

pub(crate) fn evidence_files(r: &Response, rules2: bool, log: &FileLog) -> Vec<EvidenceHash> {
    use crate::model::response::TextFacts;
    let mut out: Vec<EvidenceHash> = Vec::new();
    for a in r.answers.values() {
        for e in &a.evidence {
            if out.iter().any(|f| f.file == e.file) {
                continue;
            }
            let (content, content_note) = match (rules2, e.text.as_deref()) {
                (false, _) | (true, None) => (None, None),
                (true, Some(TextFacts::Text(_))) => (Some(Content::Checked), None),
                (true, Some(TextFacts::NoText(why))) => {
                    (Some(Content::Unchecked), Some(why.clone()))
                }
                (true, Some(TextFacts::Unreadable(why))) => {
                    (Some(Content::Unreadable), Some(why.clone()))
                }
            };
            let checks = log.get(&e.file).cloned().unwrap_or_default();
            out.push(EvidenceHash {
                file: e.file.clone(),
                sha256: e.facts.sha256().map(str::to_string),
                content,
                content_note,
                passed: checks.passed,
                failed: checks.failed,
                found: checks.found,
            });
        }
    }
    out
}
