//! Fuzz target: evidence (see api_triage::fuzzing::evidence for what must hold).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| api_triage::fuzzing::evidence(data));
