//! The clipboard for real: arboard under Xvfb read back with xclip, and OSC 52 inside tmux
//! with `set-clipboard on` read back with `tmux show-buffer`. CI installs xvfb, xclip and tmux;
//! elsewhere these tests say what is missing and skip.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::support;

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use api_triage::runbook::load_texts;
use api_triage::session::{Journal, NoteTarget, Session, Stage};
use api_triage::triage::Checklist;
use jiff::tz::TimeZone;
use support::tmux::Tmux;

const BIN: &str = env!("CARGO_BIN_EXE_api-triage");

fn have(tool: &str) -> bool {
    Command::new("sh")
        .args(["-c", &format!("command -v {tool}")])
        .stdout(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// Whether the tools are there; in CI their absence is a failure, not a skip.
fn tools(names: &[&str]) -> bool {
    let missing: Vec<&&str> = names.iter().filter(|t| !have(t)).collect();
    if missing.is_empty() {
        return true;
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "CI must install {missing:?} (see .ci/run)"
    );
    eprintln!("skipping: {missing:?} not installed");
    false
}

/// A saved session with a planted secret, in `dir/state`.
fn saved_session(dir: &Path) {
    let runbook = load_texts(Vec::new(), None).runbooks.remove(0);
    let mut s = Session::new(
        "2026-11-23T09:00:00Z".parse().unwrap(),
        &runbook.name,
        &runbook.source,
        &runbook.interview,
        Some(503),
    );
    s.incident.title = "Clipboard check".into();
    s.add_note(
        NoteTarget::Incident,
        "< x-request-id: req-CLIP-4242\n> Authorization: Bearer CANARYclipSECRET0123456789",
        "2026-11-23T09:01:00Z".parse().unwrap(),
        &TimeZone::UTC,
    );
    Journal::new(dir.join("state")).save(&s).unwrap();
}

/// The summary in the file that `export --copy` says it wrote ("summary written to PATH; why").
fn summary_in_file_named_by(output: &str) -> String {
    let written = output
        .lines()
        .find_map(|l| l.split("summary written to ").nth(1))
        .and_then(|rest| rest.split(';').next())
        .unwrap_or_else(|| panic!("where the summary went: {output}"));
    std::fs::read_to_string(written.trim()).unwrap()
}

fn wait_until(limit: Duration, mut check: impl FnMut() -> Option<String>) -> Option<String> {
    let start = Instant::now();
    while start.elapsed() < limit {
        if let Some(found) = check() {
            return Some(found);
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    None
}

/// Whether an X client can open `display`: xclip reading an empty clipboard complains about
/// the missing selection, not about the display, once the server is up.
fn display_answers(display: &str) -> bool {
    Command::new("xclip")
        .args(["-o", "-selection", "clipboard"])
        .env("DISPLAY", display)
        .stdout(Stdio::null())
        .output()
        .is_ok_and(|out| !String::from_utf8_lossy(&out.stderr).contains("Can't open display"))
}

/// `command` (the app, or a wrapper already given the app) exporting the session in `dir` with
/// `--copy`, as on a desktop: `display` set, no SSH, tmux or screen.
fn local_export_copy(mut command: Command, dir: &Path, display: &str) -> Command {
    command
        .args(["export", "--copy", "--out"])
        .arg(dir.join("b"))
        .env("API_TRIAGE_STATE_DIR", dir.join("state"))
        .env("DISPLAY", display);
    for name in [
        "SSH_TTY",
        "SSH_CONNECTION",
        "WAYLAND_DISPLAY",
        "TMUX",
        "STY",
    ] {
        command.env_remove(name);
    }
    command
}

struct Killed(Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn export_copy_reaches_the_x11_clipboard_and_stays_after_exit() {
    if !tools(&["Xvfb", "xclip"]) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    saved_session(dir.path());
    let display = format!(":{}", 90 + std::process::id() % 9);
    let _xvfb = Killed(
        Command::new("Xvfb")
            .args([display.as_str(), "-nolisten", "tcp"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
    );
    // The socket appears before the server serves clients; a slow first start (a fresh CI
    // machine) can take seconds more, so wait until a client is actually answered.
    assert!(
        wait_until(Duration::from_secs(30), || display_answers(&display)
            .then(String::new))
        .is_some(),
        "Xvfb did not start"
    );
    let out = local_export_copy(Command::new(BIN), dir.path(), &display)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains("copied to the clipboard"), "{stderr}");
    // The app has exited; the clipboard still holds the summary.
    let clip = wait_until(Duration::from_secs(10), || {
        let out = Command::new("xclip")
            .args(["-o", "-selection", "clipboard"])
            .env("DISPLAY", &display)
            .output()
            .ok()?;
        let text = String::from_utf8_lossy(&out.stdout).to_string();
        text.contains("Clipboard check").then_some(text)
    })
    .expect("summary in the X11 clipboard");
    assert!(clip.contains("req-CLIP-4242"));
    assert!(
        !clip.contains("CANARYclipSECRET"),
        "redacted before copying"
    );
    // Another program taking the clipboard ends the keeper api-triage left behind.
    let _ = Command::new("xclip")
        .args(["-selection", "clipboard", "-i", "-loops", "1"])
        .env("DISPLAY", &display)
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .spawn();
}

#[test]
fn over_ssh_inside_tmux_the_copy_goes_by_osc52() {
    if !tools(&["tmux"]) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    saved_session(dir.path());
    let server = Tmux::new("api-triage-e2e");
    let tmux = |args: &[&str]| server.run(args);
    // Set from inside the pane, so it is in force before the app asks tmux about it.
    let script = format!(
        "tmux set-option -g set-clipboard on; \
         env SSH_TTY=/dev/pts/0 API_TRIAGE_STATE_DIR={} {BIN} export --copy --out {} > {} 2>&1; sleep 30",
        dir.path().join("state").display(),
        dir.path().join("b").display(),
        dir.path().join("log").display(),
    );
    server.start(&script).unwrap();
    let buffer = wait_until(Duration::from_secs(15), || {
        let out = tmux(&["show-buffer"]);
        let text = String::from_utf8_lossy(&out.stdout).to_string();
        text.contains("Clipboard check").then_some(text)
    });
    let log = std::fs::read_to_string(dir.path().join("log")).unwrap_or_default();
    server.kill_server();
    let buffer = buffer.unwrap_or_else(|| panic!("no OSC 52 copy in tmux; app said:\n{log}"));
    assert!(log.contains("OSC 52 through tmux"), "{log}");
    assert!(buffer.contains("req-CLIP-4242"));
    assert!(!buffer.contains("CANARYclipSECRET"));
}

#[test]
fn a_tmux_that_ignores_osc52_is_named_and_the_summary_still_lands_in_a_file() {
    if !tools(&["tmux"]) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    saved_session(dir.path());
    let server = Tmux::new("api-triage-e2e-external");
    // tmux's own default, spelled out: programs' OSC 52 is ignored.
    let script = format!(
        "tmux set-option -g set-clipboard external; tmux set-option -g allow-passthrough off; \
         env SSH_TTY=/dev/pts/0 API_TRIAGE_STATE_DIR={} {BIN} export --copy --out {} > {} 2>&1; \
         touch {}; sleep 30",
        dir.path().join("state").display(),
        dir.path().join("b").display(),
        dir.path().join("log").display(),
        dir.path().join("done").display(),
    );
    server.start(&script).unwrap();
    let finished = wait_until(Duration::from_secs(15), || {
        dir.path().join("done").exists().then(String::new)
    });
    let log = std::fs::read_to_string(dir.path().join("log")).unwrap_or_default();
    let buffers = server.run(&["list-buffers"]);
    server.kill_server();
    assert!(finished.is_some(), "export --copy did not finish: {log}");
    assert!(log.contains("set-clipboard is external"), "{log}");
    assert!(log.contains("tmux set -g set-clipboard on"), "{log}");
    assert!(
        !log.contains("OSC 52 through tmux"),
        "never claims it: {log}"
    );
    assert!(
        String::from_utf8_lossy(&buffers.stdout).trim().is_empty(),
        "tmux really dropped it"
    );
    let summary = summary_in_file_named_by(&log);
    assert!(summary.contains("Clipboard check"));
}

#[test]
fn with_no_display_answering_and_no_terminal_the_summary_goes_to_a_file_and_says_why() {
    if !tools(&["setsid"]) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    saved_session(dir.path());
    // setsid: a new session without a controlling terminal, as under cron.
    let mut setsid = Command::new("setsid");
    setsid.args(["--wait", BIN]);
    let out = local_export_copy(setsid, dir.path(), ":4321")
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains("desktop clipboard unavailable"), "{stderr}");
    assert!(stderr.contains("no terminal"), "{stderr}");
    assert!(
        !stderr.contains("OSC 52)"),
        "never claims a copy that went nowhere: {stderr}"
    );
    let summary = summary_in_file_named_by(&stderr);
    assert!(summary.contains("Clipboard check"));
    assert!(!summary.contains("CANARYclipSECRET"));
}

/// A saved triage of 502 at its checklist, in `dir/state`; its id and the command of its
/// second step (the card's second place), as the runbook writes it.
fn saved_checklist(dir: &Path) -> (String, String) {
    let runbook = load_texts(Vec::new(), None).runbooks.remove(0);
    let card = runbook.card(502).unwrap();
    let mut s = Session::new(
        "2026-11-23T09:00:00Z".parse().unwrap(),
        &runbook.name,
        &runbook.source,
        &runbook.interview,
        Some(502),
    );
    s.incident.title = "Step copy check".into();
    s.checklist = Checklist::from_card(&card);
    s.stage = Stage::Checklist;
    Journal::new(dir.join("state")).save(&s).unwrap();
    (s.id.clone(), card.look_first[1].how.clone())
}

/// The app resumed on that checklist in a tmux pane run as `env_prefix`; `j` selects the
/// second step and `y` copies its command. The pane's screen once the app says where the
/// copy went.
fn copy_second_step(server: &Tmux, dir: &Path, id: &str, setup: &str, env: &str) -> String {
    let script = format!(
        "{setup} env {env} API_TRIAGE_STATE_DIR={} {BIN} resume {id}; sleep 60",
        dir.join("state").display(),
    );
    server.start(&script).unwrap();
    let ready = wait_until(Duration::from_secs(20), || {
        let screen = server.screen();
        screen.contains("Checklist").then_some(screen)
    });
    assert!(ready.is_some(), "no checklist:\n{}", server.screen());
    server.run(&["send-keys", "j"]);
    std::thread::sleep(Duration::from_millis(300));
    server.run(&["send-keys", "y"]);
    wait_until(Duration::from_secs(10), || {
        let screen = server.screen();
        screen.contains("Command of step 2").then_some(screen)
    })
    .unwrap_or_else(|| panic!("no copy outcome:\n{}", server.screen()))
}

#[test]
fn y_on_a_checklist_step_sends_its_command_by_osc52_through_tmux() {
    if !tools(&["tmux"]) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (id, command) = saved_checklist(dir.path());
    assert!(command.contains("<namespace>"), "{command}");
    let server = Tmux::new("api-triage-e2e-step");
    // Over SSH, in a tmux that passes a program's OSC 52 on.
    let screen = copy_second_step(
        &server,
        dir.path(),
        &id,
        "tmux set-option -g set-clipboard on;",
        "SSH_TTY=/dev/pts/0",
    );
    let buffer = wait_until(Duration::from_secs(10), || {
        let out = server.run(&["show-buffer"]);
        let text = String::from_utf8_lossy(&out.stdout).to_string();
        (!text.is_empty()).then_some(text)
    });
    server.run(&["send-keys", "q"]);
    server.kill_server();
    assert!(
        screen.contains("Command of step 2 sent to your terminal's clipboard (OSC 52 through"),
        "{screen}"
    );
    // Exactly the runbook's command: one line, placeholders kept, no continuation marks.
    assert_eq!(buffer.as_deref(), Some(command.as_str()));
}

#[test]
fn y_on_a_checklist_step_puts_its_command_on_the_x11_clipboard() {
    if !tools(&["tmux", "Xvfb", "xclip"]) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (id, command) = saved_checklist(dir.path());
    let display = format!(":{}", 80 + std::process::id() % 9);
    let _xvfb = Killed(
        Command::new("Xvfb")
            .args([display.as_str(), "-nolisten", "tcp"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
    );
    assert!(
        wait_until(Duration::from_secs(30), || display_answers(&display)
            .then(String::new))
        .is_some(),
        "Xvfb did not start"
    );
    let server = Tmux::new("api-triage-e2e-step-x11");
    // A local desktop: a display, no SSH.
    let screen = copy_second_step(
        &server,
        dir.path(),
        &id,
        "",
        &format!("-u SSH_TTY -u SSH_CONNECTION -u WAYLAND_DISPLAY DISPLAY={display}"),
    );
    server.run(&["send-keys", "q"]);
    server.kill_server();
    assert!(
        screen.contains("Command of step 2 copied to the clipboard"),
        "{screen}"
    );
    let clip = wait_until(Duration::from_secs(10), || {
        let out = Command::new("xclip")
            .args(["-o", "-selection", "clipboard"])
            .env("DISPLAY", &display)
            .output()
            .ok()?;
        let text = String::from_utf8_lossy(&out.stdout).to_string();
        (!text.is_empty()).then_some(text)
    });
    // Another program taking the clipboard ends the keeper api-triage left behind.
    let _ = Command::new("xclip")
        .args(["-selection", "clipboard", "-i", "-loops", "1"])
        .env("DISPLAY", &display)
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .spawn();
    assert_eq!(clip.as_deref(), Some(command.as_str()));
}
