//! The validated types every later layer trusts, and the pure rules on them. Nothing here
//! reads a file: `load` builds these from files, once.

pub(crate) mod answer;
pub mod decision;
pub mod ledger;
pub(crate) mod marks;
pub(crate) mod number;
pub(crate) mod response;
pub mod rubric;
pub mod tender;
pub(crate) mod value;

/// Every enum in files and outputs has one name per value: its serde name. `Display` is
/// derived from it here, so the name a file is read with, the name JSON and CSV write, and
/// the name a table shows cannot drift apart.
#[macro_export]
#[doc(hidden)]
macro_rules! display_as_serde {
    ($($t:ty),+ $(,)?) => {$(
        impl std::fmt::Display for $t {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&$crate::model::serde_name(self))
            }
        }
    )+};
}

/// The serde name of a unit enum value (`EvidenceKind::AuditReport` → `audit_report`).
pub fn serde_name<T: serde::Serialize>(v: &T) -> String {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}
