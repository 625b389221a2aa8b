//! `response.yaml` from arbitrary bytes: the fast reader and serde-saphyr must agree on
//! every file the fast reader accepts, and the whole response check must not panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        tenderscore::load::fuzzing::response(text);
    }
});
