//! What a panel, a supplier or an auditor reads, derived from loaded models and a scored
//! result: pure functions producing views that `render` turns into documents.

pub mod check;
pub mod clarify;
pub mod diff;
pub mod ledger;
pub mod marksheet;
pub mod methodology;
pub mod publish;
pub mod records;
pub mod renewals;
pub mod summary;
pub mod verify;
