//! Copying the summary to the clipboard, the way that works where the engineer is: the desktop
//! clipboard (arboard) on a local display, OSC 52 through the terminal over SSH (passing
//! through tmux and screen), and a file when neither can take the text. Always says which way
//! the copy went. The only module that touches the clipboard.

use std::io::{self, BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use base64::Engine as _;

/// OSC 52 payloads larger than this are not sent: many terminals cap far lower, and some drop
/// the whole sequence silently.
pub const OSC52_MAX: usize = 74_000;

/// The hidden subcommand that keeps the desktop clipboard's contents after the app exits.
pub const HOLD_COMMAND: &str = "__hold-clipboard";

/// What the process knows about where it runs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[allow(
    clippy::struct_excessive_bools,
    reason = "four independent facts about the environment"
)]
pub struct Environment {
    /// `SSH_TTY` or `SSH_CONNECTION` is set: the desktop clipboard is on another machine.
    pub ssh: bool,
    /// Inside tmux (`TMUX`).
    pub tmux: bool,
    /// Inside GNU screen (`STY`).
    pub screen: bool,
    /// A display server to talk to (`DISPLAY` or `WAYLAND_DISPLAY`), or a desktop OS.
    pub display: bool,
    /// Inside tmux, why tmux will drop an application's OSC 52 (its `set-clipboard` is not
    /// `on` and passthrough is off); `None` when it passes it on or tmux could not be asked.
    pub tmux_drops_osc52: Option<String>,
}

impl Environment {
    pub fn from_process() -> Self {
        let set = |name: &str| std::env::var_os(name).is_some_and(|v| !v.is_empty());
        let tmux = set("TMUX");
        let ssh = set("SSH_TTY") || set("SSH_CONNECTION");
        let display = set("DISPLAY")
            || set("WAYLAND_DISPLAY")
            || cfg!(any(target_os = "macos", target_os = "windows"));
        // tmux is asked only when OSC 52 is the way the copy will go, so a desktop copy never
        // waits on it.
        let osc52_first = ssh || !display;
        Self {
            ssh,
            tmux,
            tmux_drops_osc52: if tmux && osc52_first {
                tmux_drops_osc52()
            } else {
                None
            },
            screen: set("STY"),
            display,
        }
    }
}

/// Asks the tmux server the app runs in whether it will pass an application's OSC 52 on.
/// tmux's default `set-clipboard external` silently ignores it: the copy the status line
/// announces would never arrive, which is exactly the lost copy engineers complain of.
fn tmux_drops_osc52() -> Option<String> {
    let reason = tmux_blocks_reason(&tmux_option("set-clipboard")?)?;
    // With passthrough allowed, the wrapped sequence reaches the outer terminal instead.
    let passthrough = tmux_option("allow-passthrough").unwrap_or_default();
    (passthrough != "on" && passthrough != "all").then_some(reason)
}

/// The warning for a tmux whose `set-clipboard` is `value` and whose passthrough is off.
fn tmux_blocks_reason(value: &str) -> Option<String> {
    (value != "on").then(|| {
        format!(
            "tmux ignores OSC 52 from programs here (set-clipboard is {value}); \
             `tmux set -g set-clipboard on` makes the next copy work"
        )
    })
}

/// One global option of the current tmux server; `None` when tmux does not answer within a
/// second (a hung server must not hang the copy).
fn tmux_option(name: &str) -> Option<String> {
    let mut child = Command::new("tmux")
        .args(["show-options", "-gv", name])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    let deadline = std::time::Instant::now() + Duration::from_secs(1);
    loop {
        match child.try_wait() {
            Ok(Some(status)) if status.success() => break,
            Ok(Some(_)) | Err(_) => return None,
            Ok(None) if std::time::Instant::now() >= deadline => {
                let _ = child.kill();
                let _ = child.wait();
                return None;
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(5)),
        }
    }
    let mut value = String::new();
    io::Read::read_to_string(&mut child.stdout.take()?, &mut value).ok()?;
    Some(value.trim().to_owned())
}

/// How the text was copied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Via {
    /// The desktop clipboard.
    System,
    /// An OSC 52 sequence to the terminal; the terminal decides whether to accept it.
    Osc52 { through: &'static str },
    /// Written to a file, because no clipboard could take it.
    File(PathBuf),
    /// Nowhere: no clipboard took it and the file it was meant for could not be written.
    Nowhere { tried: PathBuf },
}

/// The result of a copy, with anything the engineer should know.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Copied {
    pub via: Via,
    pub warning: Option<String>,
}

impl Copied {
    /// Whether the text went anywhere the engineer can take it from.
    pub fn delivered(&self) -> bool {
        !matches!(self.via, Via::Nowhere { .. })
    }

    /// One line for the status bar or stderr.
    pub fn describe(&self) -> String {
        let base = match &self.via {
            Via::System => "copied to the clipboard".to_owned(),
            Via::Osc52 { through } => {
                format!("sent to your terminal's clipboard (OSC 52{through})")
            }
            // The warning that follows says why no clipboard took it.
            Via::File(path) => format!("written to {}", path.display()),
            Via::Nowhere { tried } => format!("NOT copied, nor written to {}", tried.display()),
        };
        match &self.warning {
            Some(w) => format!("{base}; {w}"),
            None => base,
        }
    }
}

/// The OSC 52 sequence that sets the clipboard to `text`, wrapped for tmux or screen; `None`
/// when the text is too long for it.
pub fn osc52_sequence(text: &str, env: &Environment) -> Option<Vec<u8>> {
    let payload = base64::engine::general_purpose::STANDARD.encode(text.as_bytes());
    if payload.len() > OSC52_MAX {
        return None;
    }
    let plain = format!("\u{1b}]52;c;{payload}\u{7}");
    let mut out = plain.clone().into_bytes();
    if env.tmux {
        // tmux with `set-clipboard on` takes the plain sequence itself; with passthrough
        // allowed, the wrapped one reaches the outer terminal too.
        let escaped = plain.replace('\u{1b}', "\u{1b}\u{1b}");
        out.extend_from_slice(format!("\u{1b}Ptmux;{escaped}\u{1b}\\").as_bytes());
    } else if env.screen {
        // screen passes a DCS through in pieces of at most 768 bytes.
        out.clear();
        let bytes = plain.as_bytes();
        for chunk in bytes.chunks(760) {
            out.extend_from_slice(b"\x1bP");
            out.extend_from_slice(chunk);
            out.extend_from_slice(b"\x1b\\");
        }
    }
    Some(out)
}

/// Where a copy goes when no clipboard takes it.
#[derive(Debug, Clone, Copy)]
pub enum Fallback<'p> {
    /// A file that already holds the very text (the bundle's `summary.md`): named, not written.
    Existing(&'p Path),
    /// A new file with a name nobody can guess, in this folder (created 0700 if missing):
    /// `summary-….md`.
    NewIn(&'p Path),
    /// The same, for another text: the file name's start and extension (`command`, `txt`).
    NewNamedIn(&'p Path, &'static str, &'static str),
}

/// Copies `text`: the desktop clipboard on a local display, otherwise (or when that fails)
/// OSC 52 to `terminal`, otherwise a file (see [`Fallback`]). The text passes the one
/// sanitizer first: whatever is pasted from the clipboard later cannot drive a terminal.
pub fn copy(
    text: &str,
    env: &Environment,
    terminal: &mut dyn Write,
    fallback: Fallback<'_>,
) -> Copied {
    let text = &*crate::text::sanitize(text);
    let mut problems = Vec::new();
    if env.display && !env.ssh {
        match hold_in_background(text) {
            Ok(()) => {
                return Copied {
                    via: Via::System,
                    warning: None,
                };
            }
            Err(e) => problems.push(format!("desktop clipboard unavailable ({e})")),
        }
    }
    let sequence = osc52_sequence(text, env);
    let sent = sequence
        .as_ref()
        .map(|sequence| terminal.write_all(sequence).and_then(|()| terminal.flush()));
    match sent {
        Some(Ok(())) if env.tmux_drops_osc52.is_some() => {
            // Sent anyway (a later `set-clipboard on` does not replay it), but the text must
            // also land somewhere it can be found.
            problems.extend(env.tmux_drops_osc52.clone());
        }
        Some(Ok(())) => {
            let through = if env.tmux {
                " through tmux"
            } else if env.screen {
                " through screen"
            } else {
                ""
            };
            if text.len() > 8_000 {
                problems.push("long text: some terminals accept far less than this".to_owned());
            }
            // Why the desktop clipboard was passed over matters: the engineer may be pasting
            // into a window that never sees OSC 52.
            let warning = (!problems.is_empty()).then(|| problems.join("; "));
            return Copied {
                via: Via::Osc52 { through },
                warning,
            };
        }
        Some(Err(e)) => problems.push(format!("the terminal could not be written ({e})")),
        None => problems.push(format!("too long for OSC 52 ({} KB)", text.len() / 1024)),
    }
    match write_fallback(fallback, text) {
        Ok(path) => Copied {
            via: Via::File(path),
            warning: Some(problems.join("; ")),
        },
        Err((path, e)) => Copied {
            via: Via::Nowhere { tried: path },
            warning: Some(format!(
                "{}; and the file could not be written: {e}",
                problems.join("; ")
            )),
        },
    }
}

/// The file the text went to: an existing one as it is, or a new, private, unguessable one
/// (created new, so a planted symlink or file is never written through).
fn write_fallback(fallback: Fallback<'_>, text: &str) -> Result<PathBuf, (PathBuf, io::Error)> {
    match fallback {
        Fallback::Existing(path) => Ok(path.to_path_buf()),
        Fallback::NewIn(dir) => write_fallback(Fallback::NewNamedIn(dir, "summary", "md"), text),
        Fallback::NewNamedIn(dir, stem, ext) => {
            let (path, mut file) = crate::private_fs::create_unpredictable(dir, stem, ext)
                .map_err(|e| (dir.to_path_buf(), e))?;
            file.write_all(text.as_bytes())
                .and_then(|()| file.sync_all())
                .map_err(|e| (path.clone(), e))?;
            Ok(path)
        }
    }
}

/// Hands the text to a small background copy of this program that owns the desktop clipboard
/// until another program takes it over: on X11 and Wayland the contents vanish with their
/// owner, so the owner must outlive the app for a paste to work after it exits.
fn hold_in_background(text: &str) -> Result<(), String> {
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let mut command = Command::new(exe);
    command
        .arg(HOLD_COMMAND)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    #[cfg(unix)]
    {
        use std::os::unix::process::CommandExt;
        // Its own process group: a Ctrl-C or a closed terminal does not take the clipboard away.
        command.process_group(0);
    }
    let mut child = command.spawn().map_err(|e| e.to_string())?;
    let mut stdin = child
        .stdin
        .take()
        .ok_or("no pipe to the clipboard keeper")?;
    stdin
        .write_all(text.as_bytes())
        .map_err(|e| e.to_string())?;
    drop(stdin);
    let stdout = child
        .stdout
        .take()
        .ok_or("no pipe from the clipboard keeper")?;
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut line = String::new();
        let _ = BufReader::new(stdout).read_line(&mut line);
        let _ = tx.send(line);
    });
    match rx.recv_timeout(Duration::from_secs(3)) {
        Ok(line) if line.trim() == "ok" => Ok(()),
        Ok(line) if !line.trim().is_empty() => {
            // arboard's generic preamble says nothing the engineer can act on.
            let reason = line.trim().trim_start_matches("error: ");
            Err(reason
                .trim_start_matches("Unknown error while interacting with the clipboard: ")
                .to_owned())
        }
        Ok(_) => Err("the clipboard keeper stopped".to_owned()),
        Err(_) => {
            let _ = child.kill();
            Err("no answer from the display".to_owned())
        }
    }
}

/// The body of the hidden `__hold-clipboard` command: reads the text on stdin, takes the
/// clipboard, says `ok`, and keeps it until another program takes it over.
pub fn hold_clipboard_main() -> i32 {
    let mut text = String::new();
    if io::Read::read_to_string(&mut io::stdin(), &mut text).is_err() {
        println!("error: cannot read the text");
        return 1;
    }
    let mut clipboard = match arboard::Clipboard::new() {
        Ok(c) => c,
        Err(e) => {
            println!("error: {e}");
            return 1;
        }
    };
    if let Err(e) = clipboard.set_text(text.clone()) {
        println!("error: {e}");
        return 1;
    }
    println!("ok");
    let _ = io::stdout().flush();
    // A keeper never outlives a working day, nor the local display it serves: waiting on a
    // display that has gone would otherwise wait forever.
    let socket = local_display_socket();
    std::thread::spawn(move || {
        let started = std::time::Instant::now();
        while started.elapsed() < Duration::from_hours(12) {
            std::thread::sleep(Duration::from_secs(2));
            if socket.as_ref().is_some_and(|s| !display_answers(s)) {
                break;
            }
        }
        std::process::exit(0);
    });
    #[cfg(target_os = "linux")]
    {
        use arboard::SetExtLinux;
        // Blocks until another program owns the clipboard, then exits.
        let _ = clipboard.set().wait().text(text);
    }
    0
}

/// Whether a local X display still accepts connections (a killed server leaves its socket
/// file behind, so the file alone says nothing).
#[cfg(unix)]
fn display_answers(socket: &Path) -> bool {
    std::os::unix::net::UnixStream::connect(socket).is_ok()
}

#[cfg(not(unix))]
fn display_answers(_socket: &Path) -> bool {
    true
}

/// The socket of a local X display (`:0` is `/tmp/.X11-unix/X0`); `None` for a remote one.
fn local_display_socket() -> Option<PathBuf> {
    let display = std::env::var("DISPLAY").ok()?;
    let number = display.strip_prefix(':')?.split('.').next()?;
    number
        .chars()
        .all(|c| c.is_ascii_digit())
        .then(|| PathBuf::from(format!("/tmp/.X11-unix/X{number}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(sequence: &[u8]) -> String {
        let text = String::from_utf8(sequence.to_vec()).unwrap();
        let start = text.find("52;c;").unwrap() + 5;
        let end = text[start..].find('\u{7}').unwrap() + start;
        String::from_utf8(
            base64::engine::general_purpose::STANDARD
                .decode(&text[start..end])
                .unwrap(),
        )
        .unwrap()
    }

    #[test]
    fn osc52_carries_the_text_and_never_queries() {
        let seq = osc52_sequence("hello ✓", &Environment::default()).unwrap();
        assert_eq!(decode(&seq), "hello ✓");
        assert!(
            !String::from_utf8_lossy(&seq).contains(";?"),
            "never the query form"
        );
    }

    #[test]
    fn inside_tmux_the_sequence_is_also_wrapped_for_passthrough() {
        let env = Environment {
            tmux: true,
            ..Environment::default()
        };
        let seq = String::from_utf8(osc52_sequence("x", &env).unwrap()).unwrap();
        assert!(seq.starts_with("\u{1b}]52;c;"));
        assert!(seq.contains("\u{1b}Ptmux;\u{1b}\u{1b}]52;c;eA==\u{7}\u{1b}\\"));
    }

    #[test]
    fn inside_screen_long_sequences_are_chunked() {
        let env = Environment {
            screen: true,
            ..Environment::default()
        };
        let seq = osc52_sequence(&"a".repeat(2000), &env).unwrap();
        let text = String::from_utf8(seq).unwrap();
        assert!(text.matches("\u{1b}P").count() >= 4);
        for chunk in text.split("\u{1b}\\") {
            assert!(chunk.len() <= 770);
        }
    }

    #[test]
    fn text_too_long_for_osc52_goes_to_a_file_and_says_where() {
        let dir = tempfile::tempdir().unwrap();
        let text = "x".repeat(OSC52_MAX);
        let mut terminal = Vec::new();
        let env = Environment {
            ssh: true,
            ..Environment::default()
        };
        let copied = copy(&text, &env, &mut terminal, Fallback::NewIn(dir.path()));
        let Via::File(file) = copied.via.clone() else {
            panic!("{copied:?}")
        };
        assert!(file.starts_with(dir.path()));
        assert!(terminal.is_empty());
        assert_eq!(std::fs::read_to_string(&file).unwrap(), text);
        assert!(
            copied.describe().starts_with("written to"),
            "{}",
            copied.describe()
        );
        assert!(copied.describe().contains("too long for OSC 52"));
    }

    #[test]
    fn a_file_that_cannot_be_written_is_no_copy_and_says_so() {
        let dir = tempfile::tempdir().unwrap();
        // A folder inside a regular file can never be created.
        let blocker = dir.path().join("not-a-folder");
        std::fs::write(&blocker, "").unwrap();
        let env = Environment {
            ssh: true,
            tmux: true,
            tmux_drops_osc52: tmux_blocks_reason("external"),
            ..Environment::default()
        };
        let mut terminal = Vec::new();
        let copied = copy(
            "update",
            &env,
            &mut terminal,
            Fallback::NewIn(&blocker.join("copies")),
        );
        assert!(!copied.delivered(), "{copied:?}");
        let said = copied.describe();
        assert!(said.starts_with("NOT copied, nor written to"), "{said}");
    }

    #[test]
    fn a_tmux_that_drops_osc52_gets_the_file_too_and_says_how_to_fix_it() {
        let dir = tempfile::tempdir().unwrap();
        let env = Environment {
            ssh: true,
            tmux: true,
            tmux_drops_osc52: tmux_blocks_reason("external"),
            ..Environment::default()
        };
        let mut terminal = Vec::new();
        let copied = copy("summary", &env, &mut terminal, Fallback::NewIn(dir.path()));
        let Via::File(file) = copied.via.clone() else {
            panic!("{copied:?}")
        };
        assert_eq!(std::fs::read_to_string(&file).unwrap(), "summary");
        assert_eq!(decode(&terminal), "summary", "still sent, for passthrough");
        let said = copied.describe();
        assert!(said.starts_with("written to"), "{said}");
        assert!(said.contains("set-clipboard is external"), "{said}");
        assert!(said.contains("tmux set -g set-clipboard on"), "{said}");
        assert!(
            !said.contains("OSC 52 through tmux"),
            "never claims it: {said}"
        );
        assert_eq!(tmux_blocks_reason("on"), None);
    }

    #[test]
    fn over_ssh_osc52_is_used_even_with_a_display() {
        let dir = tempfile::tempdir().unwrap();
        let env = Environment {
            ssh: true,
            display: true,
            ..Environment::default()
        };
        let mut terminal = Vec::new();
        let copied = copy("summary", &env, &mut terminal, Fallback::NewIn(dir.path()));
        assert_eq!(copied.via, Via::Osc52 { through: "" });
        assert_eq!(decode(&terminal), "summary");
        assert!(copied.describe().contains("OSC 52"));
    }

    #[test]
    fn the_copy_fallback_never_writes_through_a_planted_link_and_is_private() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim");
        std::fs::write(&victim, "precious").unwrap();
        let private_dir = dir.path().join("copies");
        std::fs::create_dir(&private_dir).unwrap();
        // Whatever names an attacker plants, the fallback's name is not among them.
        for guess in [
            "summary.md",
            "api-triage-summary.md",
            "summary-0000000000000000.md",
        ] {
            std::os::unix::fs::symlink(&victim, private_dir.join(guess)).unwrap();
        }
        let env = Environment {
            ssh: true,
            tmux: true,
            tmux_drops_osc52: tmux_blocks_reason("external"),
            ..Environment::default()
        };
        let outcome = copy(
            "summary",
            &env,
            &mut Vec::new(),
            Fallback::NewIn(&private_dir),
        );
        let Via::File(file) = outcome.via.clone() else {
            panic!("{outcome:?}")
        };
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
        assert_eq!(std::fs::read_to_string(&file).unwrap(), "summary");
        assert_eq!(
            std::fs::metadata(&file).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }

    #[test]
    fn the_clipboard_never_gets_escape_sequences() {
        let env = Environment {
            ssh: true,
            ..Environment::default()
        };
        let mut terminal = Vec::new();
        let dir = tempfile::tempdir().unwrap();
        copy(
            "Server: x\u{1b}]52;c;cm0gLXJmIH4vKg==\u{7}\u{9b}2J\u{202e}",
            &env,
            &mut terminal,
            Fallback::NewIn(dir.path()),
        );
        let copied = decode(&terminal);
        assert!(!copied.chars().any(crate::text::is_unsafe), "{copied:?}");
        assert!(copied.contains("\\e]52"), "{copied}");
    }
}
