//! The flow around a triage, in a real pseudo-terminal 80x24: evidence piped into
//! `api-triage -` opens the app with keys from the terminal, `t` on a code with an open triage
//! offers to resume it, and a refusal message wraps at spaces.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::support;

use std::path::Path;
use std::time::Duration;

use api_triage::session::{Journal, NoteTarget, Session};
use support::pty::Session as Pty;

const BIN: &str = env!("CARGO_BIN_EXE_api-triage");
const LIMIT: Duration = Duration::from_secs(20);

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/evidence")
        .join(name)
        .display()
        .to_string()
}

/// Runs `command` through `sh -c` in an 80x24 terminal, the sessions in `dir/state`.
fn shell(dir: &Path, command: &str) -> Pty {
    let state = dir.join("state").display().to_string();
    Pty::start(
        "sh",
        &["-c", command],
        dir,
        &[("API_TRIAGE_STATE_DIR", &state), ("BIN", BIN)],
        80,
        24,
    )
}

fn start(dir: &Path, args: &[&str]) -> Pty {
    let state = dir.join("state").display().to_string();
    Pty::start(BIN, args, dir, &[("API_TRIAGE_STATE_DIR", &state)], 80, 24)
}

#[test]
fn piped_evidence_opens_the_app_on_its_session_with_keys_from_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let file = fixture("nginx-502-dead-upstream.txt");
    // Standard input is the pipe; the terminal is only the controlling one.
    let mut s = shell(dir.path(), &format!("cat '{file}' | \"$BIN\" -"));
    s.wait_for("502 Bad Gateway · untitled", LIMIT);
    // Pre-answered from the evidence: the code and who returned it.
    s.wait_for("layer: Gateway", LIMIT);
    s.wait_for("saved", LIMIT);
    // Keys reach the app: typing an answer shows it.
    s.send(b"orders-api");
    s.wait_for("Answer: orders-api", LIMIT);
    s.send(b"\x03");
    assert_eq!(s.wait_exit(LIMIT), 0);
    assert!(s.restored(), "terminal left in app mode");
    s.wait_for("saved in", LIMIT);
    let journal = Journal::new(dir.path().join("state"));
    let session = journal.load(&journal.latest().unwrap()).unwrap();
    assert_eq!(session.code, Some(502));
    assert_eq!(session.notes.len(), 1, "the evidence is the first note");
}

#[test]
fn piped_evidence_with_no_tui_prints_the_reading_on_a_terminal_too() {
    let dir = tempfile::tempdir().unwrap();
    let file = fixture("nginx-502-dead-upstream.txt");
    let mut s = shell(dir.path(), &format!("cat '{file}' | \"$BIN\" - --no-tui"));
    assert_eq!(s.wait_exit(LIMIT), 0);
    s.wait_for("Saved as triage session", LIMIT);
    let screen = s.screen();
    assert!(
        screen.contains("Returned by: a reverse proxy or gateway (nginx)"),
        "{screen}"
    );
    assert!(
        !s.raw
            .lock()
            .unwrap()
            .windows(8)
            .any(|w| w == b"\x1b[?1049h"),
        "no app"
    );
}

/// A saved, open 502 triage titled "Checkout down", holding a 502 response.
fn open_502(dir: &Path) -> String {
    let journal = Journal::new(dir.join("state"));
    let now = jiff::Timestamp::now();
    let mut session = Session::new(
        now - jiff::SignedDuration::from_mins(20),
        "Default HTTP API runbook",
        "embedded default",
        &[],
        Some(502),
    );
    session.incident.title = "Checkout down".into();
    session.add_evidence_note(
        NoteTarget::Incident,
        "< HTTP/1.1 502 Bad Gateway\r< Server: nginx\r<\r",
        now - jiff::SignedDuration::from_mins(15),
        &jiff::tz::TimeZone::UTC,
        api_triage::evidence::token::Expected::default(),
    );
    journal.create(&mut session).unwrap();
    session.id
}

#[test]
fn t_on_a_code_with_an_open_triage_offers_to_resume_it() {
    let dir = tempfile::tempdir().unwrap();
    let id = open_502(dir.path());
    let mut s = start(dir.path(), &["502"]);
    s.wait_for("s scenarios", LIMIT);
    s.send(b"t");
    // The status line is the frame's last row: once it shows, the whole offer is drawn.
    s.wait_for("n new triage", LIMIT);
    let offer = s.screen();
    assert!(offer.contains("A triage for 502 is still open"), "{offer}");
    assert!(
        offer.contains("Checkout down · 15 min ago · 1 note"),
        "{offer}"
    );
    assert!(
        offer.contains("502 from a reverse proxy or gateway (nginx)"),
        "{offer}"
    );
    assert!(
        offer.contains("Enter resume · n new triage · Esc cancel"),
        "{offer}"
    );
    // Esc: nothing started, back on the card.
    std::thread::sleep(Duration::from_millis(60));
    s.send(b"\x1b");
    std::thread::sleep(Duration::from_millis(120));
    s.wait_for("t triage", LIMIT);
    assert!(!s.screen().contains("Open triages"), "{}", s.screen());
    // Again, and Enter resumes it: its title is on the triage screen.
    s.send(b"t");
    s.wait_for("Open triages for 502", LIMIT);
    s.send(b"\r");
    s.wait_for("502 Bad Gateway · Checkout down", LIMIT);
    s.send(b"\x03");
    assert_eq!(s.wait_exit(LIMIT), 0);
    assert!(s.restored());
    let journal = Journal::new(dir.path().join("state"));
    assert_eq!(journal.ids(), vec![id], "no second 502 triage was started");
}

#[test]
fn a_refusal_wraps_at_spaces_in_an_80_column_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let id = open_502(dir.path());
    let mut first = start(dir.path(), &["resume", &id]);
    first.wait_for("Checkout down", LIMIT);
    let mut second = start(dir.path(), &["resume", &id]);
    assert_eq!(second.wait_exit(LIMIT), 1);
    second.wait_for("close it there first", LIMIT);
    let screen = second.screen();
    for line in screen.lines().filter(|l| !l.trim().is_empty()) {
        let start = line.trim_start().chars().next().unwrap();
        assert!(
            start.is_alphanumeric() || "(`".contains(start),
            "a line starts with punctuation:\n{screen}"
        );
        assert!(
            line.chars().count() < 80,
            "the terminal had to cut:\n{screen}"
        );
    }
    first.send(b"\x03");
    assert_eq!(first.wait_exit(LIMIT), 0);
}
