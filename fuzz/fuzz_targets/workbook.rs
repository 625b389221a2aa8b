//! `response.xlsx` from arbitrary bytes: refused or read, never a panic, a hang or a memory
//! blow-up (the zip is expanded under a bound before anything parses it).
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    tenderscore::load::fuzzing::workbook(data);
});
