//! JSON Schema of each file the tool reads or writes, generated from the Rust types, so the
//! schema and the parser cannot disagree.

/// The files a schema is published for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Which {
    Rubric,
    Tender,
    Response,
    Result,
    Ledger,
}

/// The schema as pretty JSON.
pub fn schema(which: Which) -> String {
    let s = match which {
        Which::Rubric => schemars::schema_for!(crate::model::rubric::Rubric),
        Which::Tender => schemars::schema_for!(crate::load::tender::TenderFile),
        Which::Response => schemars::schema_for!(crate::load::written::ResponseFile),
        Which::Result => schemars::schema_for!(crate::result::TenderResult),
        Which::Ledger => schemars::schema_for!(crate::model::ledger::LedgerLine),
    };
    super::cells::to_json(&s)
}
