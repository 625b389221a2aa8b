//! The tender file, `tender.toml` (docs/formats.md, "Tender").

use crate::model::number::{check_weight, show_number, MAX_MARKS_SCALE};
use crate::model::rubric::Tier;
use crate::model::tender::{EvidenceSettings, RubricEntry, Scoring, Tender, LATEST_RULES};
use crate::problem::Problem;
use jiff::civil::Date;
use schemars::JsonSchema;
use serde::Deserialize;
use std::path::Path;

/// `tender.toml` as written.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TenderFile {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub buyer: String,
    pub risk: Tier,
    /// The evaluation date (a TOML date, e.g. 2026-10-01).
    #[schemars(with = "String")]
    pub as_of: toml::value::Datetime,
    /// The submission deadline (a TOML date): evidence issued after it is invalid, under any
    /// scoring rules. Absent: not checked.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub deadline: Option<toml::value::Datetime>,
    #[serde(default = "default_submissions")]
    pub submissions: String,
    #[serde(default)]
    pub rubric_dirs: Vec<String>,
    pub rubrics: Vec<RubricEntry>,
    #[serde(default)]
    pub scoring: Scoring,
    #[serde(default)]
    pub evidence: EvidenceSettings,
    /// Price and the most advantageous tender.
    #[serde(default)]
    pub award: Option<crate::model::tender::Award>,
    /// Contradiction rules of this tender (scoring rules 2), as in a rubric's `consistency`.
    #[serde(default)]
    pub consistency: Vec<crate::model::rubric::ConsistencyRule>,
    /// Where the evaluation methodology is published (a web address), quoted in summaries.
    #[serde(default)]
    pub methodology_url: Option<String>,
    /// What assessment summaries disclose.
    #[serde(default)]
    pub summary: crate::model::tender::SummarySettings,
    /// How the award is published as open contracting data (`tenderscore publish`).
    #[serde(default)]
    pub publish: Option<crate::model::tender::PublishSettings>,
}

fn default_submissions() -> String {
    "submissions".into()
}

/// One step of a path into a TOML document.
pub(crate) enum Seg<'a> {
    Key(&'a str),
    Index(usize),
}

/// Line and column of the value at `path`, from the TOML parser's spans.
pub(crate) fn locate(text: &str, path: &[Seg]) -> Option<(u32, u32)> {
    use toml::de::{DeTable, DeValue};
    let doc = DeTable::parse(text).ok()?;
    let table: &DeTable = doc.get_ref();
    let mut value: Option<&DeValue> = None;
    let mut span = None;
    for seg in path {
        let (next_span, next): (std::ops::Range<usize>, &DeValue) = match (seg, value) {
            (Seg::Key(k), None) => {
                let (_, v) = table.iter().find(|(key, _)| key.get_ref().as_ref() == *k)?;
                (v.span(), v.get_ref())
            }
            (Seg::Key(k), Some(v)) => {
                let t = v.as_table()?;
                let (_, v) = t.iter().find(|(key, _)| key.get_ref().as_ref() == *k)?;
                (v.span(), v.get_ref())
            }
            (Seg::Index(i), Some(v)) => {
                let item = v.as_array()?.get(*i)?;
                (item.span(), item.get_ref())
            }
            (Seg::Index(_), None) => return None,
        };
        span = Some(next_span);
        value = Some(next);
    }
    span.map(|s| line_col(text, s.start))
}

/// Line and column (1-based) of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (u32, u32) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() as u32 + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) as u32 + 1;
    (line, col)
}

/// Parses and checks `tender.toml` (rubric references are resolved later, by the loader).
pub fn parse(path: &Path, text: &str, dir: &Path) -> Result<Tender, Vec<Problem>> {
    let mut file: TenderFile = toml::from_str(text).map_err(|e| {
        let msg = e.message().trim().to_string();
        vec![match e.span() {
            Some(span) => {
                let (l, c) = line_col(text, span.start);
                Problem::at(path, l, c, msg)
            }
            None => Problem::file(path, msg),
        }]
    })?;
    // Under rules 2 a per-rubric minimum is the council's choice, not a default: an absent
    // `min_rubric` means none (a rubric that must reach a minimum says so with `min`).
    if file.scoring.rules >= 2
        && locate(text, &[Seg::Key("scoring"), Seg::Key("min_rubric")]).is_none()
    {
        file.scoring.min_rubric = 0.0;
    }
    let mut problems = Vec::new();
    // Locate a value for messages by its path in the document, from the parser's spans.
    let at = |where_: &[Seg], msg: String| {
        let (line, col) = locate(text, where_).unwrap_or((0, 0));
        Problem::at(path, line, col, msg)
    };
    use Seg::{Index as I, Key as K};
    if file.id.trim().is_empty() {
        problems.push(at(&[K("id")], "id must not be empty".into()));
    }
    let as_of = match (file.as_of.date, file.as_of.time) {
        (Some(d), None) => Date::new(d.year as i16, d.month as i8, d.day as i8).ok(),
        _ => None,
    };
    if as_of.is_none() {
        problems.push(at(
            &[K("as_of")],
            "as_of must be a date such as 2026-10-01 (no time)".into(),
        ));
    }
    let deadline = match file.deadline.map(|d| (d.date, d.time)) {
        None => None,
        Some((Some(d), None)) => match Date::new(d.year as i16, d.month as i8, d.day as i8) {
            Ok(d) => Some(d),
            Err(_) => {
                problems.push(at(&[K("deadline")], "deadline is not a date".into()));
                None
            }
        },
        Some(_) => {
            problems.push(at(
                &[K("deadline")],
                "deadline must be a date such as 2026-09-20 (no time): the day tenders were due"
                    .into(),
            ));
            None
        }
    };
    if let (Some(d), Some(a)) = (deadline, as_of) {
        if d > a {
            problems.push(at(
                &[K("deadline")],
                format!("the deadline {d} is after the evaluation date as_of {a}: tenders are evaluated after they are in"),
            ));
        }
    }
    if file.rubrics.is_empty() {
        problems.push(Problem::file(
            path,
            "a tender needs at least one [[rubrics]] table",
        ));
    }
    for (i, r) in file.rubrics.iter().enumerate() {
        if let Err(why) = check_weight(r.weight) {
            problems.push(at(
                &[K("rubrics"), I(i), K("weight")],
                format!("{}: weight {why}", r.use_),
            ));
        }
        for (q, w) in &r.weights {
            if let Err(why) = check_weight(*w) {
                problems.push(at(
                    &[K("rubrics"), I(i), K("weights"), K(q)],
                    format!("{}: weight of {q} {why}", r.use_),
                ));
            }
        }
    }
    if !file.rubrics.is_empty()
        && file
            .rubrics
            .iter()
            .all(|r| r.weight == 0.0 || !r.stage.is_award())
    {
        problems.push(at(
            &[K("rubrics"), I(0), K("weight")],
            "at least one rubric needs a weight above 0 (and to be an award criterion, the default stage)".into(),
        ));
    }
    let s = &file.scoring;
    for (name, v) in [
        ("unevidenced_credit", s.unevidenced_credit),
        ("unverified_credit", s.unverified_credit),
    ] {
        if !(0.0..=1.0).contains(&v) {
            problems.push(at(
                &[K("scoring"), K(name)],
                format!("{name} must be from 0 to 1, found {}", show_number(v)),
            ));
        }
    }
    for (i, r) in file.rubrics.iter().enumerate() {
        if let Some(m) = r.min.filter(|m| !(0.0..=100.0).contains(m)) {
            problems.push(at(
                &[K("rubrics"), I(i), K("min")],
                format!("min must be from 0 to 100, found {}", show_number(m)),
            ));
        }
    }
    if let Some(a) = &file.award {
        if let Some(e) = a
            .abnormally_low_estimate
            .filter(|e| !(e.is_finite() && *e > 0.0))
        {
            problems.push(at(
                &[K("award"), K("abnormally_low_estimate")],
                format!(
                    "abnormally_low_estimate must be the estimated whole-life cost, above 0, found {}",
                    show_number(e)
                ),
            ));
        }
    }
    for (name, v) in [("min_total", s.min_total), ("min_rubric", s.min_rubric)] {
        if !(0.0..=100.0).contains(&v) {
            problems.push(at(
                &[K("scoring"), K(name)],
                format!("{name} must be from 0 to 100, found {}", show_number(v)),
            ));
        }
    }
    if !(1..=MAX_MARKS_SCALE).contains(&s.marks_scale) {
        problems.push(at(
            &[K("scoring"), K("marks_scale")],
            format!(
                "marks_scale must be a whole number from 1 to {MAX_MARKS_SCALE}, found {}",
                s.marks_scale
            ),
        ));
    }
    if !(s.max_mark_spread.is_finite()
        && (0.0..=f64::from(MAX_MARKS_SCALE)).contains(&s.max_mark_spread))
    {
        problems.push(at(
            &[K("scoring"), K("max_mark_spread")],
            format!(
                "max_mark_spread must be a number from 0 to {MAX_MARKS_SCALE}, found {}",
                show_number(s.max_mark_spread)
            ),
        ));
    }
    if !(1..=LATEST_RULES).contains(&s.rules) {
        problems.push(at(
            &[K("scoring"), K("rules")],
            format!(
                "rules must be 1 (evidence taken on trust) or {LATEST_RULES} (evidence read and checked), found {}",
                s.rules
            ),
        ));
    }
    for (i, v) in file.evidence.verifiers.iter().enumerate() {
        if v.trim().is_empty() {
            problems.push(at(
                &[K("evidence"), K("verifiers"), I(i)],
                "a verifier must not be empty".into(),
            ));
        }
    }
    if let Some(p) = &file.publish {
        if !crate::model::tender::PublishSettings::prefix_ok(&p.ocid_prefix) {
            problems.push(at(
                &[K("publish"), K("ocid_prefix")],
                format!(
                    "ocid_prefix must be an OCDS prefix, `ocds-` and six letters or digits (the Open Contracting Partnership registers one per publisher), found `{}`",
                    crate::sanitize::inline(&p.ocid_prefix)
                ),
            ));
        }
    }
    if let Some(a) = &file.award {
        check_award(a, &mut |keys: &[Seg], msg: String| {
            problems.push(at(keys, msg))
        });
    }
    let submissions_dir = dir.join(&file.submissions);
    if !super::read::stays_inside(Path::new(&file.submissions)) {
        problems.push(at(
            &[K("submissions")],
            "submissions must be a folder inside the tender folder".into(),
        ));
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(Tender {
        id: file.id,
        title: file.title,
        buyer: file.buyer,
        risk: file.risk,
        as_of: as_of.expect("checked above"),
        deadline,
        submissions_dir,
        rubric_dirs: file.rubric_dirs.iter().map(|d| dir.join(d)).collect(),
        rubrics: file.rubrics,
        scoring: file.scoring,
        evidence: file.evidence,
        consistency: file.consistency,
        award: file.award,
        methodology_url: file.methodology_url,
        summary: file.summary,
        publish: file.publish,
    })
}

/// `[award]`: finite weights with a positive sum, a threshold from 0 to 100, a budget where
/// the method needs one, at least one cost line with unique ids.
fn check_award(a: &crate::model::tender::Award, bad: &mut impl FnMut(&[Seg], String)) {
    use crate::model::tender::PriceMethod;
    use Seg::{Index as I, Key as K};
    for (name, v) in [
        ("quality_weight", a.quality_weight),
        ("price_weight", a.price_weight),
    ] {
        if let Err(e) = check_weight(v) {
            bad(&[K("award"), K(name)], format!("{name} {e}"));
        }
    }
    if a.quality_weight + a.price_weight <= 0.0 {
        bad(
            &[K("award"), K("quality_weight")],
            "quality_weight and price_weight cannot both be 0".into(),
        );
    }
    if !(0.0..=100.0).contains(&a.quality_threshold) {
        bad(
            &[K("award"), K("quality_threshold")],
            format!(
                "quality_threshold must be from 0 to 100, found {}",
                show_number(a.quality_threshold)
            ),
        );
    }
    match a.budget {
        Some(b) if !(b.is_finite() && b > 0.0) => bad(
            &[K("award"), K("budget")],
            format!("budget must be a positive amount, found {}", show_number(b)),
        ),
        None if a.price_method == PriceMethod::Budget => bad(
            &[K("award"), K("price_method")],
            "price_method \"budget\" scores against the budget: give `budget`".into(),
        ),
        _ => {}
    }
    if !(1..=50).contains(&a.years) {
        bad(
            &[K("award"), K("years")],
            format!("years must be from 1 to 50, found {}", a.years),
        );
    }
    if let Some(f) = a.abnormally_low {
        if !(f.is_finite() && f > 0.0 && f <= 1.0) {
            bad(
                &[K("award"), K("abnormally_low")],
                format!(
                    "abnormally_low is a share of the median, above 0 and at most 1, found {}",
                    show_number(f)
                ),
            );
        }
    }
    if a.costs.is_empty() {
        bad(
            &[K("award")],
            "[award] needs at least one [[award.costs]] line".into(),
        );
    }
    let mut seen = std::collections::BTreeSet::new();
    for (i, c) in a.costs.iter().enumerate() {
        if c.id.trim().is_empty() || !seen.insert(c.id.as_str()) {
            bad(
                &[K("award"), K("costs"), I(i), K("id")],
                format!("cost id `{}` must be given and unique", c.id),
            );
        }
    }
}
