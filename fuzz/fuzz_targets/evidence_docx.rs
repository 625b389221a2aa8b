//! A .docx evidence file read through the sandbox, exactly as scoring reads it (the worker is
//! the `tenderscore` named by TENDERSCORE_WORKER; fuzz/README.md). Seeded from
//! tests/fixtures/hostile and the repository's .docx files.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| tenderscore::load::fuzzing::evidence("docx", data));
