//! `--supplier`: which suppliers a document is about. A name is a folder first (a
//! supplier's identity); a display name is accepted only when exactly one supplier gives it,
//! as in `marks.csv`. Ranks stay those of the whole tender.

use crate::problem::{did_you_mean, Problem};
use crate::result::{SupplierResult, TenderResult};

/// The folder `name` stands for: an unknown or ambiguous name is an error that says what to
/// write instead.
fn folder_of<'a>(result: &'a TenderResult, name: &str) -> Result<&'a str, Problem> {
    if let Some(s) = result.suppliers.iter().find(|s| s.folder == name) {
        return Ok(&s.folder);
    }
    let by_name: Vec<&str> = result
        .suppliers
        .iter()
        .filter(|s| s.supplier == name)
        .map(|s| s.folder.as_str())
        .collect();
    match by_name.as_slice() {
        [one] => Ok(one),
        [] => Err(Problem::asked(format!(
            "no supplier `{name}` in this tender{}",
            did_you_mean(
                name,
                result
                    .suppliers
                    .iter()
                    .flat_map(|s| [s.folder.as_str(), s.supplier.as_str()])
            )
        ))),
        many => Err(Problem::asked(format!(
            "supplier `{name}` is ambiguous: it is the display name given in folders {}; name the folder instead",
            many.iter().map(|f| format!("`{f}`")).collect::<Vec<_>>().join(" and ")
        ))),
    }
}

/// Keeps only the named suppliers (all of them when `names` is empty) and records the
/// selection in the result.
pub fn select(result: &mut TenderResult, names: &[String]) -> Result<(), Problem> {
    if names.is_empty() {
        return Ok(());
    }
    let keep = names
        .iter()
        .map(|n| folder_of(result, n).map(String::from))
        .collect::<Result<Vec<_>, _>>()?;
    result.suppliers.retain(|s| keep.contains(&s.folder));
    result.selection = result.suppliers.iter().map(|s| s.folder.clone()).collect();
    Ok(())
}

/// The one supplier `name` stands for.
pub fn find<'a>(result: &'a TenderResult, name: &str) -> Result<&'a SupplierResult, Problem> {
    let folder = folder_of(result, name)?;
    Ok(result
        .suppliers
        .iter()
        .find(|s| s.folder == folder)
        .expect("folder_of returns a folder of the result"))
}
