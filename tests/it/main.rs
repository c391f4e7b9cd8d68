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
mod evidence_later_rounds;
mod export;
mod fuzz_regressions;
mod generated;
mod handoff;
mod logs;
mod paste_tools;
mod redaction_corpus;
mod runbook_fixtures;
mod schema;
mod sessions;
mod suggest;
mod tickets;
mod timing_diff;
mod triage_engine;
mod tui_screens;

/// Helpers shared by the modules above.
mod util {
    use std::io::Write as _;
    use std::process::{Command, Output, Stdio};

    /// Runs `command` with `input` on its standard input and waits for it.
    pub fn feed(mut command: Command, input: &str) -> Output {
        let mut child = command
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(input.as_bytes())
            .unwrap();
        child.wait_with_output().unwrap()
    }
}
