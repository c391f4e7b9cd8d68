//! Fuzz target: runbook (see api_triage::fuzzing::runbook for what must hold).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| api_triage::fuzzing::runbook(data));
