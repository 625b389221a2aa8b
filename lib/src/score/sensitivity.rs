//! How robust the ranking is. Computed exactly from a scored tender, without sampling: a
//! supplier's total is a ratio of linear functions of any one rubric weight, so "the leader
//! stays the leader" is a set of quadratic inequalities in that weight, solved in closed form.
//!
//! The analysis keeps fixed which suppliers qualify (their pass/fail status as scored) and,
//! under `[award]`, their price scores; it asks which of them leads as one weight, or a few
//! marks, or a supplier's evidence, change.

use crate::load::LoadedTender;
use crate::result::{EvidenceStatus, QuestionResult, ScoreSource, SupplierResult, TenderResult};
use schemars::JsonSchema;
use serde::Serialize;

/// The whole analysis.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
pub struct Sensitivity {
    /// `award` (ranked by award score) or `quality` (by quality total).
    pub basis: String,
    /// The folder of the supplier ranked first, if any qualifies.
    pub leader: Option<String>,
    pub weights: Vec<WeightRange>,
    /// The fewest one-point mark changes that change the leader, if marks can.
    pub marks: Option<MarkChange>,
    pub evidence: Vec<EvidenceWhatIf>,
    /// `robust` or `fragile`.
    pub verdict: String,
    /// The nearest change that changes the leader, in words.
    pub nearest: Option<String>,
}

/// The range of one weight, others fixed, over which the leader stays the leader.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
pub struct WeightRange {
    /// A rubric reference, or `quality_weight` / `price_weight` under `[award]`.
    pub weight: String,
    pub value: f64,
    pub low: f64,
    /// None: no upper limit.
    pub high: Option<f64>,
    /// The smaller relative change (as a fraction, signed) that reaches a limit, and who
    /// then leads; none when no change of this weight changes the leader.
    pub nearest_change: Option<f64>,
    pub new_leader: Option<String>,
}

/// Marks that, moved by one point each, change the leader.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
pub struct MarkChange {
    pub count: usize,
    /// `E1 on quillon-ai AIME-3.4: 2 → 3`.
    pub moves: Vec<String>,
    pub new_leader: String,
}

/// What full evidence credit for a supplier's unevidenced and unconfirmed claims would do.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
pub struct EvidenceWhatIf {
    pub folder: String,
    pub now: f64,
    pub with_full_credit: f64,
    pub would_lead: bool,
}

/// A weight change below this share, or this many marks, makes the ranking fragile.
const FRAGILE_WEIGHT: f64 = 0.25;
const FRAGILE_MARKS: usize = 2;

/// The suppliers that qualify for the ranking: ranked as scored.
fn qualifying(r: &TenderResult) -> Vec<&SupplierResult> {
    r.suppliers.iter().filter(|s| s.rank.is_some()).collect()
}

/// Quality total from question results, as scoring sums them (award rubrics only), with
/// `rubric_weights` in place of the tender's.
pub(crate) fn total_of(
    t: &LoadedTender,
    questions: &[QuestionResult],
    rubric_weights: &[f64],
) -> f64 {
    let mut parts = Vec::new();
    for (r, w) in t.rubrics.iter().zip(rubric_weights) {
        if !r.stage.is_award() {
            continue;
        }
        let sections: Vec<(f64, Option<f64>)> = r
            .rubric
            .sections
            .iter()
            .map(|s| {
                let qs: Vec<QuestionResult> = questions
                    .iter()
                    .filter(|q| q.rubric == r.reference && q.section == s.id.value)
                    .cloned()
                    .collect();
                (s.weight, super::status::section_percent(&qs))
            })
            .collect();
        parts.push((*w, super::status::weighted_mean(&sections)));
    }
    super::status::weighted_mean(&parts).unwrap_or(0.0)
}

/// A supplier's ranking value from its quality total.
fn value(r: &TenderResult, s: &SupplierResult, quality: f64) -> f64 {
    match (&r.award, s.price.as_ref().and_then(|p| p.score)) {
        (Some(a), Some(p)) => super::award::award_score(a, quality, p),
        _ => quality,
    }
}

/// Analyses a scored tender (`r` must be `t` scored, every supplier listed).
pub fn analyse(t: &LoadedTender, r: &TenderResult) -> Sensitivity {
    let q = qualifying(r);
    let leader = r.suppliers.iter().find(|s| s.rank == Some(1));
    let mut out = Sensitivity {
        basis: if r.award.is_some() {
            "award"
        } else {
            "quality"
        }
        .into(),
        leader: leader.map(|l| l.folder.clone()),
        weights: Vec::new(),
        marks: None,
        evidence: Vec::new(),
        verdict: "robust".into(),
        nearest: None,
    };
    let Some(leader) = leader else {
        return out;
    };
    let weights: Vec<f64> = t.rubrics.iter().map(|x| x.weight).collect();
    // Each rubric weight in turn.
    for (k, used) in t.rubrics.iter().enumerate() {
        if !used.stage.is_award() {
            continue;
        }
        let at = |w: f64| -> Vec<f64> {
            let mut ws = weights.clone();
            ws[k] = w;
            q.iter()
                .map(|s| value(r, s, total_of(t, &s.questions, &ws)))
                .collect()
        };
        // Each supplier's quality is (a + b w) / (c + d w) in this weight.
        let coeffs: Vec<(f64, f64, f64, f64)> = q
            .iter()
            .map(|s| linear_fraction(t, s, &weights, k))
            .collect();
        let li = q
            .iter()
            .position(|s| s.folder == leader.folder)
            .unwrap_or(0);
        let mut polys = Vec::new();
        for i in 0..q.len() {
            if i == li {
                continue;
            }
            polys.push(difference(r, q[li], q[i], coeffs[li], coeffs[i]));
        }
        out.weights.push(range(
            used.reference.clone(),
            weights[k],
            &polys,
            &|w| at(w),
            &q,
            li,
        ));
    }
    if let Some(a) = &r.award {
        // Quality and price weights: value difference × (qw + pw) is linear in each.
        let li = q
            .iter()
            .position(|s| s.folder == leader.folder)
            .unwrap_or(0);
        let qp = |s: &SupplierResult| {
            (
                s.total.unwrap_or(0.0),
                s.price.as_ref().and_then(|p| p.score).unwrap_or(0.0),
            )
        };
        for which in ["quality_weight", "price_weight"] {
            let (w0, other) = if which == "quality_weight" {
                (a.quality_weight, a.price_weight)
            } else {
                (a.price_weight, a.quality_weight)
            };
            let polys: Vec<[f64; 3]> = (0..q.len())
                .filter(|&i| i != li)
                .map(|i| {
                    let ((ql, pl), (qi, pi)) = (qp(q[li]), qp(q[i]));
                    let (own, rest) = if which == "quality_weight" {
                        (ql - qi, pl - pi)
                    } else {
                        (pl - pi, ql - qi)
                    };
                    [other * rest, own, 0.0]
                })
                .collect();
            let at = |w: f64| -> Vec<f64> {
                q.iter()
                    .map(|s| {
                        let (qq, pp) = qp(s);
                        if which == "quality_weight" {
                            (w * qq + other * pp) / (w + other)
                        } else {
                            (other * qq + w * pp) / (w + other)
                        }
                    })
                    .collect()
            };
            out.weights
                .push(range(which.into(), w0, &polys, &|w| at(w), &q, li));
        }
    }
    out.marks = marks(t, r, &q, leader);
    out.evidence = evidence(t, r, leader);
    // The verdict.
    let weight_change = out
        .weights
        .iter()
        .filter_map(|w| w.nearest_change.map(|c| (c, w)))
        .min_by(|a, b| a.0.abs().total_cmp(&b.0.abs()));
    let mut fragile = Vec::new();
    if let Some((c, w)) = weight_change {
        if c.abs() < FRAGILE_WEIGHT {
            fragile.push(format!(
                "{}{:.0}% on {} makes {} the leader",
                if c > 0.0 { "+" } else { "" },
                c * 100.0,
                w.weight,
                w.new_leader.clone().unwrap_or_default()
            ));
        }
    }
    if let Some(m) = &out.marks {
        if m.count <= FRAGILE_MARKS {
            fragile.push(format!(
                "{} mark change(s) of one point make {} the leader",
                m.count, m.new_leader
            ));
        }
    }
    if fragile.is_empty() {
        out.nearest = weight_change.map(|(c, w)| {
            format!(
                "{}{:.0}% on {} would make {} the leader",
                if c > 0.0 { "+" } else { "" },
                c * 100.0,
                w.weight,
                w.new_leader.clone().unwrap_or_default()
            )
        });
    } else {
        out.verdict = "fragile".into();
        out.nearest = Some(fragile.join("; "));
    }
    out
}

/// A supplier's quality total as (a + b w) / (c + d w) in rubric weight `k`.
fn linear_fraction(
    t: &LoadedTender,
    s: &SupplierResult,
    weights: &[f64],
    k: usize,
) -> (f64, f64, f64, f64) {
    let (mut a, mut c) = (0.0, 0.0);
    let (mut b, mut d) = (0.0, 0.0);
    for (j, used) in t.rubrics.iter().enumerate() {
        if !used.stage.is_award() {
            continue;
        }
        let Some(v) = s.rubrics.as_ref().and_then(|f| f.get(&used.reference)) else {
            continue;
        };
        if j == k {
            b = v;
            d = 1.0;
        } else {
            a += weights[j] * v;
            c += weights[j];
        }
    }
    (a, b, c, d)
}

/// value(leader) − value(other), times both (positive) denominators, as a quadratic
/// [c0, c1, c2] in the weight.
fn difference(
    r: &TenderResult,
    l: &SupplierResult,
    o: &SupplierResult,
    (al, bl, cl, dl): (f64, f64, f64, f64),
    (ao, bo, co, d_o): (f64, f64, f64, f64),
) -> [f64; 3] {
    // (al + bl w)(co + do w) − (ao + bo w)(cl + dl w)
    let quality = [
        al * co - ao * cl,
        al * d_o + bl * co - ao * dl - bo * cl,
        bl * d_o - bo * dl,
    ];
    match &r.award {
        None => quality,
        Some(a) => {
            let pl = l.price.as_ref().and_then(|p| p.score).unwrap_or(0.0);
            let po = o.price.as_ref().and_then(|p| p.score).unwrap_or(0.0);
            // qw × quality + pw (pl − po)(cl + dl w)(co + do w)
            let k = a.price_weight * (pl - po);
            let den = [cl * co, cl * d_o + dl * co, dl * d_o];
            [
                a.quality_weight * quality[0] + k * den[0],
                a.quality_weight * quality[1] + k * den[1],
                a.quality_weight * quality[2] + k * den[2],
            ]
        }
    }
}

/// Real roots of c0 + c1 w + c2 w².
fn roots(p: &[f64; 3]) -> Vec<f64> {
    let [c, b, a] = *p;
    let eps = 1e-12;
    if a.abs() < eps {
        if b.abs() < eps {
            return Vec::new();
        }
        return vec![-c / b];
    }
    let disc = b * b - 4.0 * a * c;
    if disc < 0.0 {
        return Vec::new();
    }
    let s = disc.sqrt();
    vec![(-b - s) / (2.0 * a), (-b + s) / (2.0 * a)]
}

fn eval(p: &[f64; 3], w: f64) -> f64 {
    p[0] + p[1] * w + p[2] * w * w
}

/// The range of a weight (from `w0`, within 0..∞) over which every difference stays ≥ 0.
fn range(
    name: String,
    w0: f64,
    polys: &[[f64; 3]],
    values_at: &dyn Fn(f64) -> Vec<f64>,
    q: &[&SupplierResult],
    leader: usize,
) -> WeightRange {
    // A difference is "zero" within rounding of its own size: figures are sums of products.
    let holds = |w: f64| {
        polys.iter().all(|p| {
            let size = (p[0].abs() + p[1].abs() * w + p[2].abs() * w * w).max(1.0);
            eval(p, w) >= -1e-9 * size
        })
    };
    let mut cuts: Vec<f64> = polys
        .iter()
        .flat_map(roots)
        .filter(|x| x.is_finite() && *x >= 0.0)
        .collect();
    cuts.sort_by(f64::total_cmp);
    cuts.dedup_by(|a, b| (*a - *b).abs() < 1e-12);
    // Walk outwards from w0 past roots where the leader still leads beyond them. A root at
    // w0 itself (the leader tied there) counts on both sides: the tie may break either way.
    let tol = 1e-9 * (1.0 + w0.abs());
    let mut high = None;
    for (i, &x) in cuts.iter().enumerate().filter(|(_, x)| **x > w0 - tol) {
        let beyond = cuts.get(i + 1).map_or(x + x.max(1.0), |n| (x + n) / 2.0);
        if !holds(beyond) {
            high = Some(x.max(w0));
            break;
        }
    }
    let mut low = 0.0;
    for (i, &x) in cuts
        .iter()
        .enumerate()
        .rev()
        .filter(|(_, x)| **x < w0 + tol)
    {
        let beyond = if i == 0 {
            x / 2.0
        } else {
            (x + cuts[i - 1]) / 2.0
        };
        if !holds(beyond) {
            low = x.min(w0);
            break;
        }
    }
    let leader_beyond = |w: f64| -> Option<String> {
        let v = values_at(w);
        let best = (0..v.len())
            .filter(|&i| i != leader)
            .max_by(|&a, &b| v[a].total_cmp(&v[b]))?;
        Some(q[best].folder.clone())
    };
    let up = high.map(|h| ((h - w0) / w0, h));
    let down = (low > 0.0 || !holds(0.0)).then_some(((low - w0) / w0, low));
    let nearest = match (up, down) {
        (Some(u), Some(d)) => Some(if u.0.abs() <= d.0.abs() { u } else { d }),
        (u, d) => u.or(d),
    }
    .filter(|_| w0 > 0.0);
    WeightRange {
        weight: name,
        value: w0,
        low,
        high,
        nearest_change: nearest.map(|n| n.0),
        new_leader: nearest.and_then(|(c, edge)| {
            let step = (w0 * 1e-6).max(1e-9);
            leader_beyond(if c > 0.0 {
                edge + step
            } else {
                (edge - step).max(0.0)
            })
        }),
    }
}

/// The raw score of a marked question with one mark moved.
fn raw_with(q: &QuestionResult, scale: f64, moved: usize, delta: f64) -> Option<f64> {
    let moderated = q
        .marks
        .iter()
        .position(|m| m.evaluator.eq_ignore_ascii_case("moderated"));
    let marks: Vec<f64> = q
        .marks
        .iter()
        .enumerate()
        .map(|(i, m)| f64::from(m.mark) + if i == moved { delta } else { 0.0 })
        .collect();
    match moderated {
        Some(i) => Some(marks[i] / scale),
        None if !marks.is_empty() => Some(marks.iter().sum::<f64>() / marks.len() as f64 / scale),
        None => None,
    }
}

/// The fewest one-point mark moves (down for the leader, up for one challenger) that let the
/// challenger overtake; the best challenger.
fn marks(
    t: &LoadedTender,
    r: &TenderResult,
    q: &[&SupplierResult],
    leader: &SupplierResult,
) -> Option<MarkChange> {
    let scale = f64::from(t.tender.scoring.marks_scale);
    let weights: Vec<f64> = t.rubrics.iter().map(|x| x.weight).collect();
    let v = |s: &SupplierResult, qs: &[QuestionResult]| value(r, s, total_of(t, qs, &weights));
    let base_l = v(leader, &leader.questions);
    // Gains from the leader's own marks going down.
    let moves_of = |s: &SupplierResult, delta: f64| -> Vec<(f64, String)> {
        let base = v(s, &s.questions);
        let mut out = Vec::new();
        for (qi, qr) in s.questions.iter().enumerate() {
            if !matches!(qr.source, ScoreSource::Marks | ScoreSource::Moderated) {
                continue;
            }
            let moderated = qr
                .marks
                .iter()
                .any(|m| m.evaluator.eq_ignore_ascii_case("moderated"));
            for (mi, m) in qr.marks.iter().enumerate() {
                let is_mod = m.evaluator.eq_ignore_ascii_case("moderated");
                if moderated && !is_mod {
                    continue; // a moderated mark decides: the others do not count
                }
                let new = f64::from(m.mark) + delta;
                if new < 0.0 || new > scale {
                    continue;
                }
                let Some(raw) = raw_with(qr, scale, mi, delta) else {
                    continue;
                };
                let mut qs = s.questions.clone();
                qs[qi].raw = Some(raw);
                qs[qi].score = Some(raw);
                let gain = (v(s, &qs) - base).abs();
                if gain > 0.0 {
                    out.push((
                        gain,
                        format!(
                            "{} on {} {}: {} → {}",
                            m.evaluator, s.folder, qr.id, m.mark, new
                        ),
                    ));
                }
            }
        }
        out
    };
    let down = moves_of(leader, -1.0);
    let mut best: Option<MarkChange> = None;
    for s in q.iter().filter(|s| s.folder != leader.folder) {
        let gap = base_l - v(s, &s.questions);
        let mut all: Vec<(f64, String)> = down.clone();
        all.extend(moves_of(s, 1.0));
        all.sort_by(|a, b| b.0.total_cmp(&a.0));
        let mut sum = 0.0;
        let mut used = Vec::new();
        for (g, what) in all {
            if sum > gap + 1e-9 {
                break;
            }
            sum += g;
            used.push(what);
        }
        if sum > gap + 1e-9 && best.as_ref().is_none_or(|b| used.len() < b.count) {
            best = Some(MarkChange {
                count: used.len(),
                moves: used,
                new_leader: s.folder.clone(),
            });
        }
    }
    best
}

/// For each supplier other than the leader, its total with full credit for its unevidenced
/// and unconfirmed claims: what a clarification round could change.
fn evidence(t: &LoadedTender, r: &TenderResult, leader: &SupplierResult) -> Vec<EvidenceWhatIf> {
    let weights: Vec<f64> = t.rubrics.iter().map(|x| x.weight).collect();
    let lead = value(r, leader, total_of(t, &leader.questions, &weights));
    r.suppliers
        .iter()
        .filter(|s| s.folder != leader.folder && s.total.is_some())
        .map(|s| {
            let mut qs = s.questions.clone();
            for q in &mut qs {
                if matches!(
                    q.evidence,
                    EvidenceStatus::None | EvidenceStatus::Unconfirmed
                ) && q.source == ScoreSource::Auto
                {
                    if let Some(raw) = q.raw {
                        q.score = Some(raw);
                    }
                }
            }
            // Under [award], a supplier with a price but no price score (it did not qualify)
            // is given the score its price would earn among the qualifying ones, so its
            // what-if compares award score with award score.
            let price = match (&r.award, &s.price) {
                (Some(a), Some(p)) if p.score.is_none() => {
                    let mut all: Vec<f64> = r
                        .suppliers
                        .iter()
                        .filter(|x| x.price.as_ref().is_some_and(|p| p.score.is_some()))
                        .map(|x| x.price.as_ref().map_or(0.0, |p| p.whole_life_cost))
                        .collect();
                    all.push(p.whole_life_cost);
                    Some(super::award::price_score(a, p.whole_life_cost, &all))
                }
                _ => None,
            };
            let v = |quality: f64| match (&r.award, price) {
                (Some(a), Some(p)) => super::award::award_score(a, quality, p),
                _ => value(r, s, quality),
            };
            let now = v(s.total.unwrap_or(0.0));
            let with = v(total_of(t, &qs, &weights));
            EvidenceWhatIf {
                folder: s.folder.clone(),
                now,
                with_full_credit: with,
                would_lead: with > lead + 1e-9,
            }
        })
        .collect()
}
