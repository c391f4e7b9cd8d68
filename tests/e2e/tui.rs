//! The built binary in a real pseudo-terminal: a user's session from start to quit, and the
//! terminal put back on every way out.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::support;

use std::time::Duration;

use support::pty::Session;

const BIN: &str = env!("CARGO_BIN_EXE_api-triage");
const LIMIT: Duration = Duration::from_secs(20);

#[test]
fn search_gateway_open_502_and_quit_restores_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Session::start(BIN, &[], dir.path(), &[], 100, 30);
    s.wait_for("code matrix", LIMIT);
    s.send(b"/gateway");
    // The query and its count in one line: "/ gateway" alone is also in "Platform / gateway
    // team", and a count alone may be a frame of "/g".
    s.wait_for_line(&["/ gateway", "matches"], LIMIT);
    assert!(s.screen().contains("502  Bad Gateway"), "{}", s.screen());
    s.send(b"\r");
    // The matrix preview shows the card's title and headings too: wait for the card's own keys.
    s.wait_for("s scenarios", LIMIT);
    let card = s.screen();
    assert!(card.contains("502 Bad Gateway"), "{card}");
    assert!(card.contains("First three places to look"), "{card}");
    assert!(card.contains("kubectl -n ingress-nginx logs"), "{card}");
    s.send(b"q");
    assert_eq!(s.wait_exit(LIMIT), 0);
    assert!(s.restored(), "terminal left in app mode");
}

#[test]
fn at_60x16_the_help_scrolls_to_its_end_and_closes_and_q_then_quits() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Session::start(BIN, &[], dir.path(), &[], 60, 16);
    s.wait_for("code matrix", LIMIT);
    s.send(b"?");
    s.wait_for("more below", LIMIT);
    assert!(!s.screen().contains("Shift+drag"), "{}", s.screen());
    s.send(b"j");
    s.wait_for("more above", LIMIT);
    s.send(b"G");
    s.wait_for("Shift+drag selects text to copy.", LIMIT);
    let end = s.screen();
    assert!(
        end.contains("wheel") && !end.contains("more below"),
        "{end}"
    );
    // q closes the help, as a pager's q does: the app is still there, on the matrix.
    s.send(b"q");
    s.wait_for("Space mark", LIMIT);
    assert!(!s.screen().contains("Keys"), "{}", s.screen());
    std::thread::sleep(Duration::from_millis(150));
    assert!(s.child.try_wait().unwrap().is_none(), "q in the help quit");
    s.send(b"q");
    assert_eq!(s.wait_exit(LIMIT), 0);
    assert!(s.restored(), "terminal left in app mode");
}

#[test]
fn a_code_argument_opens_its_card() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Session::start(BIN, &["504"], dir.path(), &[], 100, 30);
    s.wait_for("504 Gateway Timeout", LIMIT);
    s.send(b"\x03"); // Ctrl-C
    assert_eq!(s.wait_exit(LIMIT), 0);
    assert!(s.restored());
}

#[test]
fn a_pasted_escape_sequence_is_text_not_commands() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Session::start(BIN, &[], dir.path(), &[], 100, 30);
    s.wait_for("code matrix", LIMIT);
    s.send(b"/");
    // A bracketed paste holding a quit key and a screen-clearing sequence.
    s.send(b"\x1b[200~q\x1b[2Jgateway\x1b[201~");
    s.wait_for("/ q", LIMIT);
    assert!(
        s.child.try_wait().unwrap().is_none(),
        "a pasted q must not quit"
    );
    // Esc alone, then q once the app has taken it as a key (not the start of Alt-q).
    s.send(b"\x1b");
    s.wait_for("code matrix", LIMIT);
    std::thread::sleep(Duration::from_millis(150));
    s.send(b"q");
    assert_eq!(s.wait_exit(LIMIT), 0);
    assert!(s.restored());
}

#[cfg(unix)]
#[test]
fn sigterm_and_sighup_restore_the_terminal() {
    for signal in ["TERM", "HUP"] {
        let dir = tempfile::tempdir().unwrap();
        let mut s = Session::start(BIN, &[], dir.path(), &[], 100, 30);
        s.wait_for("code matrix", LIMIT);
        let pid = s.child.process_id().unwrap();
        let status = std::process::Command::new("kill")
            .args([&format!("-{signal}"), &pid.to_string()])
            .status()
            .unwrap();
        assert!(status.success());
        let code = s.wait_exit(LIMIT);
        assert!(
            code == 143 || code == 129,
            "exit code {code} after SIG{signal}"
        );
        assert!(s.restored(), "terminal not restored after SIG{signal}");
    }
}

#[test]
fn a_tiny_terminal_says_so_and_still_quits() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Session::start(BIN, &[], dir.path(), &[], 40, 10);
    s.wait_for("too small", LIMIT);
    s.send(b"q");
    assert_eq!(s.wait_exit(LIMIT), 0);
    assert!(s.restored());
}

#[test]
fn a_broken_runbook_opens_on_the_problems_screen() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("team.toml");
    std::fs::write(
        &file,
        "[runbook]\nname = \"T\"\n[codes.502]\nowner = \"ghost\"\n",
    )
    .unwrap();
    let mut s = Session::start(
        BIN,
        &["--runbook", file.to_str().unwrap()],
        dir.path(),
        &[],
        100,
        30,
    );
    s.wait_for("unknown owner `ghost`", LIMIT);
    assert!(s.screen().contains("team.toml:4:9"));
    s.send(b"\r");
    s.wait_for("code matrix", LIMIT);
    s.send(b"q");
    assert_eq!(s.wait_exit(LIMIT), 0);
}

#[test]
fn a_team_entry_that_did_not_load_shows_its_banner_on_the_card() {
    let dir = tempfile::tempdir().unwrap();
    // A short relative path, so the banner's first words fit one line of 80 columns.
    std::fs::create_dir(dir.path().join("t")).unwrap();
    std::fs::copy(
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/team-mistakes/payments.toml"
        ),
        dir.path().join("t/payments.toml"),
    )
    .unwrap();
    let mut s = Session::start(BIN, &["--runbook", "t"], dir.path(), &[], 80, 24);
    s.wait_for("Runbook problems", LIMIT);
    s.send(b"\x1b");
    s.wait_for("code matrix", LIMIT);
    std::thread::sleep(Duration::from_millis(150));
    s.send(b"502");
    s.wait_for("502! Bad Gateway", LIMIT);
    s.send(b"\r");
    s.wait_for("s scenarios", LIMIT);
    s.wait_for(
        "! t/payments.toml:16:1: this team's entry for 502 did not load",
        LIMIT,
    );
    let card = s.screen();
    assert!(
        card.contains("`look_frist`); showing the default advice."),
        "{card}"
    );
    assert!(
        card.contains("Runbook: embedded default (Payments API's entry did not load)"),
        "{card}"
    );
    s.send(b"q");
    assert_eq!(s.wait_exit(LIMIT), 0);
    assert!(s.restored());
}
