//! Fuzz target: redact (see api_triage::fuzzing::redact for what must hold).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| api_triage::fuzzing::redact(data));
