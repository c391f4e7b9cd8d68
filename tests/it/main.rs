//! Every test that needs no terminal, in one binary (one link step instead of twelve): the
//! command line, the default runbook, evidence and redaction corpora, exports, generated
//! files, screens on `TestBackend`, and the architecture's dependency rule.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "test code"
)]

mod architecture;
mod cli;
mod default_runbook;
mod evidence_corpus;
mod export;
mod fuzz_regressions;
mod generated;
mod redaction_corpus;
mod runbook_fixtures;
mod schema;
mod triage_engine;
mod tui_screens;
