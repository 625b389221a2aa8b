//! Entry points for the fuzz targets (`fuzz/`): each loader on text, as it is given an
//! untrusted file, with fixed surroundings (built-in rubrics, two suppliers, a tender with
//! `[award]`). Each may return an error, never panic. Not part of the documented API.

use super::loaded::{Catalog, TenderRubric};
use super::marks::MarkTargets;
use super::registry::Registry;
use crate::model::response::FileFacts;
use crate::model::tender::{Award, CostLine, PriceMethod};
use std::path::Path;
use std::sync::OnceLock;

fn rubrics() -> &'static Vec<TenderRubric> {
    static R: OnceLock<Vec<TenderRubric>> = OnceLock::new();
    R.get_or_init(|| {
        let registry = Registry::new(&[]).expect("built-in rubrics load");
        ["aime@1.1.0", "gdpr@1.1.0", "contract@1.1.0"]
            .iter()
            .map(|r| TenderRubric::whole(registry.find(r).expect("built in")).expect("valid"))
            .collect()
    })
}

/// `response.yaml`: the fast reader must agree with serde-saphyr, and the whole response
/// check must not panic.
pub fn response(text: &str) {
    if let Err(e) = super::fastyaml::check_same(text) {
        panic!("the fast reader and serde-saphyr differ: {}", e.message);
    }
    let catalog = Catalog::new("T-1", rubrics());
    let _ = super::response::parse(Path::new("response.yaml"), text, &catalog, |_| {
        FileFacts::Missing(None)
    });
}

/// A rubric file.
pub fn rubric(text: &str) {
    let _ = super::rubric::parse(Path::new("rubrics/x/1.0.0.yaml"), text, None);
}

/// `tender.toml`.
pub fn tender(text: &str) {
    let _ = super::tender::parse(Path::new("tender.toml"), text, Path::new("."));
}

fn targets() -> MarkTargets<'static> {
    MarkTargets {
        suppliers: vec![("Acme AI Ltd", "acme"), ("Beta", "beta")],
        broken_folders: vec!["gamma"],
        questions: vec!["AIME-3.4", "GDPR-22", "CONTRACT-7"],
        not_asked: vec!["AIME-1.1"],
        marks_scale: 5,
    }
}

/// `marks.csv`.
pub fn marks(text: &str) {
    let mut notes = Vec::new();
    let _ = super::marks::parse(Path::new("marks.csv"), text, &targets(), &mut notes);
}

/// `decisions.csv`.
pub fn decisions(text: &str) {
    let _ = super::decisions::parse(
        Path::new("decisions.csv"),
        text,
        &targets(),
        &mut Vec::new(),
    );
}

/// `price.yaml` against a two-line `[award]`.
pub fn price(text: &str) {
    let award = Award {
        quality_weight: 70.0,
        price_weight: 30.0,
        quality_threshold: 0.0,
        price_method: PriceMethod::Lowest,
        budget: None,
        years: 4,
        abnormally_low: Some(0.7),
        abnormally_low_estimate: None,
        currency: "GBP".into(),
        costs: vec![
            CostLine {
                id: "implementation".into(),
                label: "Implementation".into(),
                per_year: false,
            },
            CostLine {
                id: "licence".into(),
                label: "Licence".into(),
                per_year: true,
            },
        ],
    };
    let _ = super::price::parse(Path::new("price.yaml"), text, &award);
}

/// A saved JSON result, as `verify` reads it.
pub fn result(text: &str) {
    let _ = super::saved::parse(Path::new("result.json"), text);
}

/// `response.xlsx`: bytes that may or may not be a workbook.
pub fn workbook(bytes: &[u8]) {
    if let Ok(book) = super::workbook::read(Path::new("response.xlsx"), bytes) {
        response(&book.yaml);
    }
}

/// An evidence file of `format` read through the sandbox, as scoring reads it: the worker
/// (`TENDERSCORE_WORKER`, the path of a built `tenderscore`, or `tenderscore` on PATH) parses
/// it. The scoring side must never panic or hang, and a worker that dies must be reported
/// with a cause in words.
pub fn evidence(format: &str, bytes: &[u8]) {
    use super::readers::Format;
    use super::sandbox::{self, Outcome};
    static START: std::sync::Once = std::sync::Once::new();
    START.call_once(|| {
        let worker = std::env::var_os("TENDERSCORE_WORKER").unwrap_or_else(|| "tenderscore".into());
        sandbox::set_program(worker.into());
    });
    let format = Format::from_name(format).expect("html, pdf, docx or odt");
    match sandbox::read(format, bytes) {
        Outcome::Read(..) => {}
        Outcome::Died(why) => assert!(
            why.starts_with("the reader ")
                && !why.contains("exit code")
                && !why.contains("malformed"),
            "a worker ended in a way the sandbox does not explain: {why}"
        ),
    }
}
