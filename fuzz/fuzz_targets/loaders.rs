//! Every other text loader from arbitrary bytes: the first byte picks the loader (rubric,
//! tender.toml, marks.csv, decisions.csv, price.yaml, a saved JSON result); none may panic.
#![no_main]
use libfuzzer_sys::fuzz_target;
use tenderscore::load::fuzzing as f;

fuzz_target!(|data: &[u8]| {
    let Some((which, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    match which % 6 {
        0 => f::rubric(text),
        1 => f::tender(text),
        2 => f::marks(text),
        3 => f::decisions(text),
        4 => f::price(text),
        _ => f::result(text),
    }
});
