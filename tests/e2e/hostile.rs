//! A hostile server's response, piped and pasted as it really arrives (CR line breaks, colour
//! codes, OSC 52, OSC 8, OSC 0, CSI 2J, a C1 CSI and U+202E in a header and the body): none of
//! it may reach the terminal, a file or the clipboard as a live control. Checked on stdout of
//! every command, in every export format and file, on the app's screen in tmux
//! (`capture-pane -e`), in the pane's title and in tmux's clipboard.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::support;

use std::io::Write as _;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use api_triage::runbook::load_texts;
use api_triage::session::{Journal, NoteTarget, Session, Stage};
use api_triage::triage::Checklist;
use jiff::tz::TimeZone;
use support::tmux::Tmux;

const BIN: &str = env!("CARGO_BIN_EXE_api-triage");

/// The payload that sets the clipboard through OSC 52: `rm -rf ~/*`, base64.
const CLIPBOARD_PAYLOAD: &str = "cm0gLXJmIH4vKg==";

/// A 502 whose headers and body carry every kind of escape, with CR line breaks as a terminal
/// pastes them.
fn hostile_response() -> String {
    let lines = [
        "HTTP/1.1 502 Bad Gateway".to_owned(),
        format!("Server: nginx\u{1b}]52;c;{CLIPBOARD_PAYLOAD}\u{7}"),
        "X-Title: \u{1b}]0;pwned-title\u{7}ok".to_owned(),
        "Link: \u{1b}]8;;https://evil.example/\u{1b}\\https://docs.example.com\u{1b}]8;;\u{1b}\\"
            .to_owned(),
        "X-Wipe: \u{1b}[2J\u{1b}[Hgone".to_owned(),
        "X-C1: \u{9b}31mred".to_owned(),
        "X-Bidi: abc\u{202e}fed".to_owned(),
        "\u{1b}[36mX-Request-Id\u{1b}[39m: req-HOSTILE-77".to_owned(),
        "Content-Type: text/html".to_owned(),
        String::new(),
        "<html>\u{1b}]52;c;cm0gLXJmIH4vKg==\u{7}bad \u{202e}gateway\u{9b}2J</html>".to_owned(),
    ];
    lines.join("\r") + "\r"
}

/// What must never appear raw in output meant for a terminal or a person.
fn assert_harmless(what: &str, text: &str) {
    for (i, c) in text.chars().enumerate() {
        let allowed = c == '\n' || c == '\t';
        assert!(
            allowed
                || !(c.is_control()
                    || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')),
            "{what}: raw {c:?} at char {i}:\n{text}"
        );
    }
}

fn run(dir: &Path, args: &[&str], stdin: Option<&str>) -> (String, String) {
    let mut child = Command::new(BIN)
        .args(args)
        .env("API_TRIAGE_STATE_DIR", dir.join("state"))
        .env("NO_COLOR", "1")
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    input.write_all(stdin.unwrap_or("").as_bytes()).unwrap();
    drop(input);
    let out = child.wait_with_output().unwrap();
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn piped_hostile_evidence_never_reaches_stdout_or_files_raw() {
    let dir = tempfile::tempdir().unwrap();
    let response = hostile_response();
    std::fs::write(dir.path().join("response.txt"), &response).unwrap();

    let (out, err) = run(dir.path(), &["-"], Some(&response));
    assert_harmless("api-triage - (stdout)", &out);
    assert_harmless("api-triage - (stderr)", &err);
    // CR line breaks were read as lines: the status and the request id were found.
    assert!(out.contains("502"), "{out}");
    assert!(out.contains("req-HOSTILE-77"), "{out}");
    // Spelled out, so the engineer sees the attempt.
    assert!(out.contains("\\e]52"), "{out}");

    for args in [
        vec!["evidence", "response.txt"],
        vec!["evidence", "response.txt", "--json"],
        vec!["evidence", "response.txt", "--show-secrets"],
        vec!["sessions"],
        vec!["sessions", "--json"],
    ] {
        let (out, err) = run(dir.path(), &args, None);
        assert_harmless(&format!("{args:?} stdout"), &out);
        assert_harmless(&format!("{args:?} stderr"), &err);
    }
    let (json, _) = run(dir.path(), &["evidence", "response.txt", "--json"], None);
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(value["status"], 502);

    for format in ["md", "text", "slack", "json"] {
        let out_dir = dir.path().join(format!("bundle-{format}"));
        let (out, err) = run(
            dir.path(),
            &[
                "export",
                "--format",
                format,
                "--out",
                out_dir.to_str().unwrap(),
            ],
            None,
        );
        assert_harmless(&format!("export --format {format}"), &out);
        assert_harmless(&format!("export --format {format} (stderr)"), &err);
        assert!(out.contains("req-HOSTILE-77"), "{format}: {out}");
        for entry in walk(&out_dir) {
            let text = std::fs::read_to_string(&entry).unwrap();
            assert_harmless(&entry.display().to_string(), &text);
        }
    }
    // The hand-off, and a colleague importing the bundle and gathering its suggestions.
    let bundle = walk(&dir.path().join("bundle-md"))
        .into_iter()
        .find(|p| p.ends_with("bundle.json"))
        .and_then(|p| p.parent().map(Path::to_path_buf))
        .expect("a bundle folder");
    let bundle = bundle.to_str().unwrap();
    for args in [
        vec!["export", "--handoff"],
        vec!["import", bundle],
        vec!["import", bundle, "--json"],
        vec!["suggest", bundle],
        vec!["suggest", bundle, "--json"],
    ] {
        let (out, err) = run(dir.path(), &args, None);
        assert_harmless(&format!("{args:?} stdout"), &out);
        assert_harmless(&format!("{args:?} stderr"), &err);
    }
    // The session file is safe to `cat`, too.
    for entry in walk(&dir.path().join("state")) {
        if entry.extension().is_some_and(|e| e == "json") {
            let text = std::fs::read_to_string(&entry).unwrap();
            assert_harmless(&entry.display().to_string(), &text);
        }
    }
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut found = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return found;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            found.extend(walk(&path));
        } else {
            found.push(path);
        }
    }
    found
}

fn have_tmux() -> bool {
    let ok = Command::new("sh")
        .args(["-c", "command -v tmux"])
        .stdout(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    assert!(
        ok || std::env::var_os("CI").is_none(),
        "CI must install tmux (see .ci/run)"
    );
    ok
}

fn wait_for(server: &Tmux, limit: Duration, what: &str) -> String {
    let start = Instant::now();
    loop {
        let screen = server.screen();
        if screen.contains(what) || start.elapsed() > limit {
            return screen;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// The terminal is tmux with `set-clipboard on`, so an OSC 52 that got through would land in
/// its buffer, an OSC 0 in the pane title, and CSI 2J would wipe what was printed.
#[test]
fn in_a_real_terminal_nothing_obeys_the_response() {
    if !have_tmux() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("response.txt"), hostile_response()).unwrap();
    // A session in the checklist with the hostile text as a step note and an incident note.
    let runbook = load_texts(Vec::new(), None).runbooks.remove(0);
    let mut session = Session::new(
        "2026-11-23T09:00:00Z".parse().unwrap(),
        &runbook.name,
        &runbook.source,
        &runbook.interview,
        Some(502),
    );
    session.incident.title = "Hostile check".into();
    session.checklist = Checklist::from_card(&runbook.card(502).unwrap());
    session.stage = Stage::Checklist;
    let at = "2026-11-23T09:01:00Z".parse().unwrap();
    session.add_note(NoteTarget::Step(0), &hostile_response(), at, &TimeZone::UTC);
    session.add_note(
        NoteTarget::Incident,
        &hostile_response(),
        at,
        &TimeZone::UTC,
    );
    Journal::new(dir.path().join("state"))
        .save(&session)
        .unwrap();

    let server = Tmux::new("api-triage-hostile");
    let script = format!(
        "tmux set-option -g set-clipboard on; tmux set-option -g allow-rename on; \
         printf 'BEFORE-MARK\\n'; cd {dir}; \
         API_TRIAGE_STATE_DIR={dir}/state {BIN} - --no-tui < response.txt; \
         API_TRIAGE_STATE_DIR={dir}/state {BIN} evidence response.txt --show-secrets; \
         echo CLI-DONE; sleep 1; \
         API_TRIAGE_STATE_DIR={dir}/state API_TRIAGE_EXPORT_DIR={dir} {BIN} resume {id}; sleep 60",
        dir = dir.path().display(),
        id = session.id,
    );
    // Tall enough for both readings (each gives every signal's reason), so a BEFORE-MARK
    // missing means a CSI 2J wiped it, not that it scrolled away.
    server.start_sized(&script, 120, 100).unwrap();
    let screen = wait_for(&server, Duration::from_secs(20), "CLI-DONE");
    assert!(
        screen.contains("BEFORE-MARK"),
        "CSI 2J wiped the screen:\n{screen}"
    );
    assert!(screen.contains("req-HOSTILE-77"), "{screen}");
    // The app: the checklist with the notes, redacted view then revealed, then the preview.
    let screen = wait_for(&server, Duration::from_secs(20), "Checklist");
    assert!(screen.contains("Checklist"), "{screen}");
    server.run(&["send-keys", "v"]);
    let revealed = wait_for(&server, Duration::from_secs(5), "SECRETS SHOWN");
    assert!(
        revealed.contains("\\e]52"),
        "note shown spelled out:\n{revealed}"
    );
    let coloured =
        String::from_utf8_lossy(&server.run(&["capture-pane", "-p", "-e"]).stdout).into_owned();
    // capture-pane -e writes the cells' attributes as SGR; anything else would be the note's.
    for forbidden in ["\u{1b}]", "\u{1b}[2J", "\u{9b}", "\u{202e}"] {
        assert!(
            !coloured.contains(forbidden),
            "{forbidden:?} reached the screen:\n{coloured}"
        );
    }
    server.run(&["send-keys", "x"]);
    let preview = wait_for(&server, Duration::from_secs(5), "Escalation summary");
    assert!(preview.contains("Escalation summary"), "{preview}");
    server.run(&["send-keys", "y"]);
    std::thread::sleep(Duration::from_millis(800));
    let title = String::from_utf8_lossy(
        &server
            .run(&["display-message", "-p", "#{pane_title}"])
            .stdout,
    )
    .into_owned();
    let buffer = String::from_utf8_lossy(&server.run(&["show-buffer"]).stdout).into_owned();
    server.run(&["send-keys", "q"]);
    server.kill_server();
    assert!(!title.contains("pwned"), "OSC 0 renamed the pane: {title}");
    assert!(
        !buffer.contains("rm -rf"),
        "OSC 52 from the response set the clipboard: {buffer}"
    );
    // The app's own copy (y) may be in the buffer: it is the summary, sanitized.
    assert_harmless("tmux buffer", &buffer);
}
