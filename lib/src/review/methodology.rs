//! The evaluation methodology of a tender, to publish with the tender documents (Procurement
//! Act 2023 s.23 asks that award criteria be set out in advance): every award criterion with
//! its share of the whole award, every question with its weight and scale, the conditions of
//! participation and pass/fail rules, thresholds, evidence rules, the price formula with a
//! worked example, the abnormally-low test, contradiction rules, the tie-break and the rules
//! version. Built from the tender alone (no submission is read). Pure.

use crate::load::LoadedTender;
use crate::model::number::format_number;
use crate::model::tender::PriceMethod;

/// The methodology as the documents give it.
#[derive(Debug, Clone)]
pub struct Methodology {
    pub tender: String,
    pub title: String,
    pub buyer: String,
    pub risk: String,
    pub rules: u32,
    /// Award criteria, each with its share of the whole award (percent); with the price's
    /// share, they sum to 100.
    pub criteria: Vec<Criterion>,
    /// `[award]`: the price's share of the award (percent), how it is scored, and a worked
    /// example.
    pub price: Option<PriceRule>,
    /// Conditions of participation: pass/fail, not scored into the award.
    pub participation: Vec<Criterion>,
    /// Every threshold that fails a tender.
    pub thresholds: Vec<String>,
    /// How evidence counts.
    pub evidence: Vec<String>,
    /// Answers that cannot both be true, and what follows.
    pub contradictions: Vec<String>,
    pub tie_break: String,
}

#[derive(Debug, Clone)]
pub struct Criterion {
    pub reference: String,
    pub title: String,
    /// Share of the whole award, in percent (0 for a condition of participation).
    pub share: f64,
    pub minimum: Option<f64>,
    pub questions: Vec<QuestionRule>,
}

#[derive(Debug, Clone)]
pub struct QuestionRule {
    pub id: String,
    pub section: String,
    pub text: String,
    pub weight: f64,
    /// Share of the whole award, in percent.
    pub share: f64,
    /// The scale or options and what each scores.
    pub scale: Vec<String>,
    pub pass_fail: bool,
    pub evidence: Option<String>,
}

#[derive(Debug, Clone)]
pub struct PriceRule {
    pub share: f64,
    pub formula: String,
    pub whole_life: String,
    pub example: String,
    pub abnormally_low: Option<String>,
}

/// The methodology of a loaded tender.
pub fn build(t: &LoadedTender) -> Methodology {
    let risk = t.tender.risk;
    let award = t.tender.award.as_ref();
    let quality_share = award.map_or(100.0, |a| {
        100.0 * a.quality_weight / (a.quality_weight + a.price_weight)
    });
    let sum_award: f64 = t
        .rubrics
        .iter()
        .filter(|r| r.stage.is_award())
        .map(|r| r.weight)
        .sum();
    let scale = t.tender.scoring.marks_scale;
    let criterion = |r: &crate::load::TenderRubric| {
        let share = if r.stage.is_award() && sum_award > 0.0 {
            quality_share * r.weight / sum_award
        } else {
            0.0
        };
        let sum_s: f64 = r.rubric.sections.iter().map(|s| s.weight).sum();
        let mut questions = Vec::new();
        for s in &r.rubric.sections {
            let asked: Vec<_> = s
                .questions
                .iter()
                .map(|q| &q.value)
                .filter(|q| r.asks(q, risk))
                .collect();
            let sum_q: f64 = asked.iter().map(|q| r.weight_of(q)).sum();
            for q in asked {
                let w = r.weight_of(q);
                let part = |a: f64, b: f64| if b > 0.0 { a / b } else { 0.0 };
                let mut lines = q.answer_lines();
                if q.kind == crate::model::rubric::Kind::Text {
                    lines = vec![format!(
                        "written answer, marked 0 to {scale} by each evaluator; the marks are averaged"
                    )];
                }
                let mut ev = Vec::new();
                if q.evidence.required {
                    ev.push("evidence required".to_string());
                }
                if !q.evidence.kinds.is_empty() {
                    let k: Vec<String> = q.evidence.kinds.iter().map(|k| k.to_string()).collect();
                    ev.push(format!("accepted kinds: {}", k.join(", ")));
                }
                if let Some(d) = q.evidence.max_age_days {
                    ev.push(format!("issued within {d} days"));
                }
                if q.evidence.verify_at.is_some_and(|v| v <= risk) {
                    ev.push("third-party verification expected".into());
                }
                if let Some(m) = q.evidence.must_show_words() {
                    ev.push(format!("must show {m}"));
                }
                if let Some(m) = q.evidence.must_not_show_words() {
                    ev.push(format!("must not show {m}"));
                }
                questions.push(QuestionRule {
                    id: q.id.clone(),
                    section: s.title.clone(),
                    text: q.text.trim().to_string(),
                    weight: w,
                    share: share * part(s.weight, sum_s) * part(w, sum_q),
                    scale: lines,
                    pass_fail: q.gate,
                    evidence: (!ev.is_empty()).then(|| ev.join("; ")),
                });
            }
        }
        Criterion {
            reference: r.reference.clone(),
            title: r.rubric.title.clone(),
            share,
            minimum: Some(r.min.unwrap_or(t.tender.scoring.min_rubric)).filter(|m| *m > 0.0),
            questions,
        }
    };
    let criteria = t
        .rubrics
        .iter()
        .filter(|r| r.stage.is_award())
        .map(criterion)
        .collect();
    let participation = t
        .rubrics
        .iter()
        .filter(|r| !r.stage.is_award())
        .map(criterion)
        .collect();
    let sc = &t.tender.scoring;
    let mut thresholds = vec![format!(
        "A tender fails if its quality total is below {} (of 100).",
        format_number(sc.min_total)
    )];
    if sc.min_rubric > 0.0 {
        thresholds.push(format!(
            "A tender fails if it scores below {} in any one rubric, unless that rubric sets its own minimum.",
            format_number(sc.min_rubric)
        ));
    }
    thresholds.push(
        "A tender fails any pass/fail question (marked below) it does not meet, whatever its total."
            .into(),
    );
    if let Some(a) = award {
        if a.quality_threshold > 0.0 {
            thresholds.push(format!(
                "A tender whose quality total is below {} gets no price score and fails.",
                format_number(a.quality_threshold)
            ));
        }
        if let Some(b) = a.budget {
            thresholds.push(format!(
                "A tender whose whole-life cost is above {} {} fails.",
                a.currency,
                crate::score::money(b)
            ));
        }
    }
    let price = award.map(|a| {
        let share = 100.0 - quality_share;
        let formula = match a.price_method {
            PriceMethod::Lowest => "price score = 100 × the lowest qualifying whole-life cost ÷ this tender's whole-life cost".to_string(),
            PriceMethod::Linear => "price score = 100 × (1 − (this cost − the lowest qualifying cost) ÷ the lowest), and not below 0".to_string(),
            PriceMethod::Budget => format!(
                "price score = 100 × (budget − this cost) ÷ (budget − the lowest qualifying cost), with the budget {} {}",
                a.currency,
                a.budget.map(crate::score::money).unwrap_or_default()
            ),
        };
        let (low, this) = (400_000.0, 500_000.0);
        let ps = crate::score::award::price_score(a, this, &[low, this]);
        let quality = 75.0;
        let award_score = crate::score::award::award_score(a, quality, ps);
        let example = format!(
            "Worked example: qualifying whole-life costs of {cur} {} and {cur} {}; the second scores {} on price; with a quality total of {}, its award score is ({} × {} + {} × {}) ÷ ({} + {}) = {}.",
            crate::score::money(low),
            crate::score::money(this),
            format_number((ps * 10.0).round() / 10.0),
            format_number(quality),
            format_number(a.quality_weight),
            format_number(quality),
            format_number(a.price_weight),
            format_number((ps * 10.0).round() / 10.0),
            format_number(a.quality_weight),
            format_number(a.price_weight),
            format_number((award_score * 10.0).round() / 10.0),
            cur = a.currency
        );
        let per_year: Vec<&str> = a.costs.iter().filter(|c| c.per_year).map(|c| c.label.as_str()).collect();
        let once: Vec<&str> = a.costs.iter().filter(|c| !c.per_year).map(|c| c.label.as_str()).collect();
        let whole_life = format!(
            "Whole-life cost = the one-off costs ({}) + {} × the yearly costs ({}), in {}.",
            if once.is_empty() { "none".to_string() } else { once.join(", ") },
            a.years,
            if per_year.is_empty() { "none".to_string() } else { per_year.join(", ") },
            a.currency
        );
        let abnormally_low = a.abnormally_low.map(|s| {
            format!(
                "A whole-life cost below {} of the median of the other qualifying tenders{} is treated as possibly abnormally low: the supplier is asked to explain it, and the tender may be disregarded only if the explanation does not satisfy the panel (Procurement Act 2023 s.19(3)(c)–(5)). A disregarded tender is left out of every price score.",
                format_number(s),
                a.abnormally_low_estimate
                    .map(|e| format!(", or below {} of the council's estimate of {} {}", format_number(s), a.currency, crate::score::money(e)))
                    .unwrap_or_default()
            )
        });
        PriceRule {
            share,
            formula,
            whole_life,
            example,
            abnormally_low,
        }
    });
    let mut evidence = vec![
        format!(
            "A claim with no valid evidence keeps {}% of its score, and none where the question requires evidence; where third-party verification is expected and not given, it keeps {}%.",
            format_number(sc.unevidenced_credit * 100.0),
            format_number(sc.unverified_credit * 100.0)
        ),
        "Evidence is judged at the evaluation date: expired, out-of-date or wrong-kind documents are not valid.".into(),
    ];
    if let Some(d) = t.tender.deadline {
        evidence.push(format!(
            "Evidence issued after the submission deadline ({d}) is not valid."
        ));
    }
    if sc.rules >= 2 {
        evidence.push("Each document is read and the claims made about it are checked against it: the dates claimed must appear in it, an expiry it states is applied, a phrase the question looks for counts only in a sentence that does not deny it, and a document that cannot be read earns nothing until the panel has read it.".into());
        if t.tender.evidence.verifiers.is_empty() {
            evidence.push("A verifier counts when the document names it and its name identifies a particular organisation.".into());
        } else {
            evidence.push(format!(
                "Accepted verifiers: {}.",
                t.tender.evidence.verifiers.join(", ")
            ));
        }
        if t.certificates.is_some() {
            evidence.push("A certificate is verified through the council's certificate register, by its number: it must be valid, unexpired and held by the supplier.".into());
        }
    }
    let contradictions = t
        .contradictions
        .iter()
        .map(|c| {
            format!(
                "{} ({}): {} A tender with a contradiction is not final until the panel has resolved it.",
                c.id,
                c.questions().collect::<Vec<_>>().join(", "),
                c.message.trim()
            )
        })
        .collect();
    Methodology {
        tender: t.tender.id.clone(),
        title: t.tender.title.clone(),
        buyer: t.tender.buyer.clone(),
        risk: risk.to_string(),
        rules: sc.rules,
        criteria,
        price,
        participation,
        thresholds,
        evidence,
        contradictions,
        tie_break: "Tenders with equal award scores (or equal quality totals where no price is evaluated) share a rank; the panel decides between them.".into(),
    }
}
