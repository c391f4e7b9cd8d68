//! Issue 13's HTTP accuracy in a real terminal: the 499 and Cloudflare 52x cards, and the
//! escalation summary's Reproduce section built from the request a pasted `curl -v` captured,
//! the token left out.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::support::tmux::Tmux;

use std::path::Path;
use std::time::Duration;

const BIN: &str = env!("CARGO_BIN_EXE_api-triage");
const LIMIT: Duration = Duration::from_secs(20);

#[test]
fn the_499_and_522_cards_say_whose_fault_it_is_at_80x24() {
    for (code, title) in [
        ("499", "499 Client Closed Request (nginx)"),
        ("522", "522 Connection Timed Out (Cloudflare)"),
    ] {
        let tmux = Tmux::new(&format!("card-{code}"));
        tmux.start_sized(&format!("exec '{BIN}' {code}"), 80, 24)
            .unwrap();
        let screen = tmux.wait_for(title, LIMIT);
        assert!(screen.contains("First three places to look"), "{screen}");
        tmux.keys(&["q"], true);
    }
}

#[test]
fn the_summary_reproduces_the_captured_request_without_its_token() {
    let dir = tempfile::tempdir().unwrap();
    let fixture =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/requests/curl-v-post-http1.txt");
    let tmux = Tmux::new("reproduce");
    let script = format!(
        "export API_TRIAGE_STATE_DIR='{state}'; cd '{dir}'; \
         '{BIN}' - --no-tui < '{fixture}' > /dev/null; \
         '{BIN}' export --print > summary.md; echo EXPORT-DONE; sleep 30",
        state = dir.path().join("state").display(),
        dir = dir.path().display(),
        fixture = fixture.display(),
    );
    tmux.start_sized(&script, 100, 30).unwrap();
    tmux.wait_for("EXPORT-DONE", LIMIT);
    let summary = std::fs::read_to_string(dir.path().join("summary.md")).unwrap();
    let reproduce = &summary[summary.find("Reproduce").expect("a Reproduce section")..];
    assert!(
        reproduce.contains("From the request in the note"),
        "{summary}"
    );
    assert!(
        reproduce.contains("curl -sS -D - -X POST http://orders.example.test:18701/v1/orders"),
        "{summary}"
    );
    assert!(
        reproduce.contains("'Authorization: Bearer <token>'"),
        "{summary}"
    );
    assert!(
        !summary.contains("eyJhbGciOiJIUzI1NiJ9"),
        "the token leaked:\n{summary}"
    );
    assert!(
        !dir.path()
            .read_dir()
            .unwrap()
            .flatten()
            .any(|e| e.path().is_dir() && e.file_name().to_string_lossy().contains("-50")),
        "--print writes no bundle"
    );
}
