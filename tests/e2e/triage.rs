//! A triage in a real pseudo-terminal: answered, noted, quit, resumed; a session that is open
//! elsewhere; and the reliability target: killed at random moments, nothing shown as saved is
//! ever lost.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::support;

use std::path::Path;
use std::time::Duration;

use api_triage::session::{Journal, Session};
use support::pty::Session as Pty;

const BIN: &str = env!("CARGO_BIN_EXE_api-triage");
const LIMIT: Duration = Duration::from_secs(20);
const ESC: &[u8] = b"\x1b";
const CTRL_N: &[u8] = b"\x0e";

fn start(dir: &Path, args: &[&str]) -> Pty {
    let state = dir.join("state").display().to_string();
    Pty::start(BIN, args, dir, &[("API_TRIAGE_STATE_DIR", &state)], 120, 40)
}

/// Esc is read as a key only when nothing follows it at once.
fn esc(app: &mut Pty) {
    std::thread::sleep(Duration::from_millis(60));
    app.send(ESC);
    std::thread::sleep(Duration::from_millis(120));
}

/// The app on 502, walked by key to its checklist: a gateway made it (so the request and
/// caller questions are not asked), what changed skipped, intermittent.
fn at_the_checklist(dir: &Path) -> Pty {
    let mut app = start(dir, &["502"]);
    app.wait_for("First three places to look", LIMIT);
    app.send(b"t");
    app.wait_for("question 2 of 7", LIMIT);
    app.send(b"orders-api POST /v1/orders\r");
    app.wait_for("Who returned the response?", LIMIT);
    app.send(b"2");
    app.wait_for("question 4 of 5", LIMIT);
    app.send(b"\t");
    app.wait_for("question 5 of 5", LIMIT);
    app.send(b"4");
    app.wait_for("Checklist", LIMIT);
    app
}

/// How the status line counts `n` notes: "· 1 note ", "· 2 notes ".
fn saved_notes(n: usize) -> String {
    if n == 1 {
        "· 1 note ".to_owned()
    } else {
        format!("· {n} notes ")
    }
}

fn journal(dir: &Path) -> Journal {
    Journal::new(dir.join("state"))
}

fn only_session(dir: &Path) -> Session {
    let journal = journal(dir);
    let ids = journal.ids();
    assert_eq!(ids.len(), 1, "{ids:?}");
    journal.load(&ids[0]).unwrap()
}

#[test]
fn triage_a_502_add_a_note_quit_and_resume_where_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = at_the_checklist(dir.path());
    app.send(b"j\r");
    app.wait_for("Note on step 2", LIMIT);
    app.send(b"pods restarted 3 times in 10 min");
    esc(&mut app);
    app.wait_for("· 1 note ", LIMIT);
    app.send(b"q");
    assert_eq!(app.wait_exit(LIMIT), 0);
    assert!(app.restored());

    let saved = only_session(dir.path());
    assert_eq!(saved.code, Some(502));
    assert_eq!(saved.notes[0].text, "pods restarted 3 times in 10 min");

    let mut again = start(dir.path(), &["resume"]);
    again.wait_for("pods restarted 3 times in 10 min", LIMIT);
    assert!(again.screen().contains("Checklist"));
    again.send(b"q");
    assert_eq!(again.wait_exit(LIMIT), 0);
}

#[test]
fn a_note_corrected_and_struck_in_the_notes_view_is_still_struck_when_resumed() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = at_the_checklist(dir.path());
    app.send(b"a");
    app.wait_for("Note on the incident", LIMIT);
    app.send(b"all users in eu-west");
    esc(&mut app);
    app.wait_for("· 1 note ", LIMIT);
    app.send(b"N");
    app.wait_for("Notes: 1", LIMIT);
    app.send(b"e");
    app.wait_for("Correcting the note of T+", LIMIT);
    app.send(b", none elsewhere");
    esc(&mut app);
    app.wait_for_line(&["edited T+", "UTC"], LIMIT);
    app.send(b"x");
    app.wait_for("STRUCK · T+", LIMIT);
    app.wait_for("(1 struck, left out of the export)", LIMIT);
    esc(&mut app);
    app.wait_for("Enter: note on this step", LIMIT);
    app.send(b"q");
    assert_eq!(app.wait_exit(LIMIT), 0);
    assert!(app.restored());

    let saved = only_session(dir.path());
    assert_eq!(saved.notes.len(), 1);
    let note = &saved.notes[0];
    assert_eq!(note.text, "all users in eu-west, none elsewhere");
    assert!(note.struck);
    let edited = note.edited.as_ref().unwrap();
    assert!(edited.at >= note.at, "{} before {}", edited.at, note.at);

    let mut again = start(dir.path(), &["resume"]);
    again.wait_for("Checklist", LIMIT);
    again.send(b"N");
    again.wait_for("STRUCK · T+", LIMIT);
    assert!(
        again
            .screen()
            .contains("all users in eu-west, none elsewhere")
    );
    again.send(b"q");
    assert_eq!(again.wait_exit(LIMIT), 0);
    assert!(only_session(dir.path()).notes[0].struck, "still struck");
}

#[test]
fn a_session_open_in_another_app_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut first = start(dir.path(), &["504"]);
    first.wait_for("504 Gateway Timeout", LIMIT);
    first.send(b"t");
    first.wait_for("saved", LIMIT);
    let mut second = start(dir.path(), &["resume"]);
    assert_eq!(second.wait_exit(LIMIT), 1);
    second.wait_for("open in another api-triage", LIMIT);
    first.send(b"\x03");
    assert_eq!(first.wait_exit(LIMIT), 0);
    // Once the first has quit, the session opens.
    let mut third = start(dir.path(), &["resume"]);
    third.wait_for("question 2 of 7", LIMIT);
    third.send(b"\x03");
    assert_eq!(third.wait_exit(LIMIT), 0);
}

#[test]
fn a_damaged_session_file_gives_a_clear_error_and_keeps_the_last_good_copy() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = start(dir.path(), &["404"]);
    app.wait_for("404 Not Found", LIMIT);
    app.send(b"t");
    app.wait_for("saved", LIMIT);
    app.send(b"\x03");
    assert_eq!(app.wait_exit(LIMIT), 0);
    let journal = journal(dir.path());
    let id = journal.latest().unwrap();
    let path = journal.path(&id);
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, &text[..text.len() / 3]).unwrap();
    let mut broken = start(dir.path(), &["resume"]);
    assert_eq!(broken.wait_exit(LIMIT), 1);
    broken.wait_for("is damaged at line", LIMIT);
    assert!(broken.screen().contains(".json.bak"), "{}", broken.screen());
}

/// A small deterministic pseudo-random sequence, so a failure can be replayed.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, below: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % below
    }
}

/// Esc once the screen shows `shown`: the app has read every key sent before, so the Esc
/// arrives on its own and is read as the key (not as the start of a sequence), without
/// sleeping on either side of it (see [`esc`]). The caller then waits for what Esc does.
fn esc_once_shown(app: &mut Pty, shown: &str) {
    app.wait_for(shown, LIMIT);
    app.send(ESC);
}

#[cfg(unix)]
#[test]
fn killed_at_random_moments_no_saved_note_is_ever_lost() {
    // 100 kills, as four sessions of 25 side by side (each in its own folder, with its own
    // replayable sequence of moments): a round mostly waits for its random moment, so four at
    // once take a quarter of the time and test the same thing.
    let sessions: Vec<_> = (0..4_u64)
        .map(|session| std::thread::spawn(move || kill_rounds(0x5eed_1234 + session, 25)))
        .collect();
    for session in sessions {
        if let Err(panic) = session.join() {
            std::panic::resume_unwind(panic);
        }
    }
}

/// `rounds` times: a note the screen shows as saved, then typing killed at a random moment;
/// every saved note must survive every kill, and a draft saved before one must reopen.
#[cfg(unix)]
fn kill_rounds(seed: u64, rounds: usize) {
    let dir = tempfile::tempdir().unwrap();
    let mut random = Lcg(seed);
    let mut expected: Vec<String> = Vec::new();
    for round in 0..rounds {
        let mut app = if round == 0 {
            start(dir.path(), &["502"])
        } else {
            start(dir.path(), &["resume"])
        };
        if round == 0 {
            app.wait_for("First three places to look", LIMIT);
            app.send(b"t");
        }
        app.wait_for("saved", LIMIT);
        // A note that the screen will show as saved.
        app.send(CTRL_N);
        app.wait_for("Note on the incident", LIMIT);
        let note = format!(
            "note-{round:03}-{}",
            "x".repeat(usize::try_from(random.next(40)).unwrap())
        );
        app.send(note.as_bytes());
        esc_once_shown(&mut app, &note);
        app.wait_for(&saved_notes(expected.len() + 1), LIMIT);
        expected.push(note);
        // Then more typing, killed at a random moment.
        app.send(CTRL_N);
        for chunk in ["unsaved ", "typing ", "in ", "progress"] {
            app.send(chunk.as_bytes());
            std::thread::sleep(Duration::from_millis(random.next(15)));
        }
        std::thread::sleep(Duration::from_millis(random.next(700)));
        app.child.kill().unwrap();
        app.wait_exit(LIMIT);

        let session = only_session(dir.path());
        let notes: Vec<&str> = session.notes.iter().map(|n| n.text.as_str()).collect();
        assert_eq!(
            notes,
            expected.iter().map(String::as_str).collect::<Vec<_>>(),
            "seed {seed:#x}, round {round}"
        );
        if let Some(draft) = &session.draft {
            assert!(
                "unsaved typing in progress".starts_with(draft.text.as_str()),
                "draft {:?}",
                draft.text
            );
        }
        // A draft saved before the kill reopens in the editor on resume with its text; finishing
        // it keeps it as a note.
        if let Some(draft) = &session.draft {
            let mut resumed = start(dir.path(), &["resume"]);
            resumed.wait_for("Note on the incident", LIMIT);
            let text = draft.text.trim_end().to_owned();
            if text.is_empty() {
                // The status line shows the same count before Esc and after: nothing to wait
                // for, so the sleeps around it keep the Ctrl-C below apart from it.
                esc(&mut resumed);
            } else {
                esc_once_shown(&mut resumed, &text);
                expected.push(text);
            }
            resumed.wait_for(&saved_notes(expected.len()), LIMIT);
            resumed.send(b"\x03");
            resumed.wait_exit(LIMIT);
        }
    }
}

#[test]
fn a_state_folder_that_cannot_be_written_is_shown_not_fatal() {
    let dir = tempfile::tempdir().unwrap();
    // A folder inside a regular file can never be created, even by root.
    let blocker = dir.path().join("not-a-folder");
    std::fs::write(&blocker, "").unwrap();
    let state = blocker.join("sessions").display().to_string();
    let mut app = Pty::start(
        BIN,
        &["502"],
        dir.path(),
        &[("API_TRIAGE_STATE_DIR", &state)],
        120,
        40,
    );
    app.wait_for("First three places to look", LIMIT);
    app.send(b"t");
    app.wait_for("NOT SAVED", LIMIT);
    // The app keeps working.
    app.send(b"orders\r");
    app.wait_for("Who returned the response?", LIMIT);
    app.send(b"\x03");
    assert_eq!(app.wait_exit(LIMIT), 0);
    assert!(app.restored());
}
