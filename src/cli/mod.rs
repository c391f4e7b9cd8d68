//! The command line: parse it, run the command, and say how it ended. Each command returns
//! its output and exit code, so tests can run it without a process.

mod args;
mod check;
mod compare;
mod diff;
mod evidence;
mod explain;
mod export;
mod import;
mod list;
pub mod logs;
mod sessions;
mod suggest;
mod text;
mod timeline;

pub use args::{Cli, Command, FormatArg, Global, VERSION, completions, man_page};
pub use diff::{Input, diff};
pub use evidence::{
    MAX_EVIDENCE_BYTES, evidence, evidence_session, evidence_to_session, read_evidence,
};
pub use export::export;
pub use sessions::sessions;
pub use text::{render_card, wrap_message};

use std::fmt::Write as _;
use std::io::{IsTerminal as _, Write};
use std::path::PathBuf;

use jiff::civil::Date;
use serde_json::json;

pub use crate::exit::Exit;
use crate::matrix::Matrix;
use crate::runbook::{Card, LoadReport, TeamRunbook};
use crate::text::{visible, wrap};
use check::check;
use compare::compare;
use explain::{explain, no_card, unknown_team};
use list::list;
use text::{side_by_side, truncate};

/// Width of plain-text output: fits a default terminal and an incident-channel code block.
pub const WIDTH: usize = 80;

/// What a command produced: text for stdout, text for stderr, and the exit code.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Output {
    pub stdout: String,
    pub stderr: String,
    pub exit: Exit,
}

/// How plain text is decorated: bold headings only on a terminal without `NO_COLOR`.
#[derive(Debug, Clone, Copy, Default)]
pub struct Style {
    pub bold: bool,
}

impl Style {
    /// The only escape sequences the CLI writes itself: bold on, and reset.
    pub const SEQUENCES: &'static [&'static str] = &["\u{1b}[1m", "\u{1b}[0m"];

    fn heading(self, text: &str) -> String {
        if self.bold {
            format!("{}{text}{}", Self::SEQUENCES[0], Self::SEQUENCES[1])
        } else {
            text.to_owned()
        }
    }
}

/// Loads the runbooks for a command: the explicit paths, or the search path.
pub fn load(global: &Global, explicit: &[PathBuf], today: Option<Date>) -> LoadReport {
    crate::startup::load_runbooks(&global.runbooks, explicit, today)
}

/// A saved session, `id` or else the latest, with its id: what `export` and `timeline` read.
fn saved_session(
    journal: &crate::session::Journal,
    id: Option<&str>,
) -> Result<(String, crate::session::Session), String> {
    let id = match id {
        Some(id) => id.to_owned(),
        None => journal.latest().map_err(|e| e.to_string())?,
    };
    let session = journal.load(&id).map_err(|e| e.to_string())?;
    Ok((id, session))
}

/// The loaded runbook a session follows, else the first loaded.
fn runbook_of<'m>(
    matrix: &'m Matrix,
    session: &crate::session::Session,
) -> Result<&'m TeamRunbook, String> {
    matrix
        .runbooks()
        .iter()
        .find(|r| r.name == session.runbook)
        .or_else(|| matrix.runbooks().first())
        .ok_or_else(|| "no runbook loaded".to_owned())
}

/// Runs a subcommand against loaded runbooks.
pub fn run_command(command: &Command, report: &LoadReport, style: Style) -> Output {
    let matrix = Matrix::from_report(report);
    let mut out = match command {
        Command::Check { json, .. } => return check(report, *json, style),
        Command::Sessions { .. }
        | Command::Resume { .. }
        | Command::Import { .. }
        | Command::Export { .. }
        | Command::Timeline { .. }
        | Command::Evidence { .. }
        | Command::Diff { .. }
        | Command::Logs { .. }
        | Command::Suggest { .. }
        | Command::Completions { .. }
        | Command::Man => {
            return Output::default();
        }
        Command::List { search, json } => list(&matrix, search.as_deref(), *json, style),
        Command::Explain { code, team, json } => {
            explain(&matrix, *code, team.as_deref(), *json, style)
        }
        Command::Compare { codes, team, json } => {
            compare(&matrix, codes, team.as_deref(), *json, style)
        }
    };
    let errors = report.errors();
    if errors > 0 || report.unreadable {
        out.stderr.insert_str(
            0,
            &format!(
                "api-triage: {errors} problem(s) in the runbooks; showing what could be loaded \
                 (run `api-triage check` for details)\n"
            ),
        );
    }
    out
}

pub(super) fn ok(stdout: String) -> Output {
    Output {
        stdout,
        stderr: String::new(),
        exit: Exit::Ok,
    }
}

pub(super) fn to_json(value: &serde_json::Value) -> String {
    let mut text =
        crate::text::sanitize_json(&serde_json::to_string_pretty(value).unwrap_or_default())
            .into_owned();
    text.push('\n');
    text
}

/// The sessions folder for this run.
pub fn journal(global: &Global) -> crate::session::Journal {
    crate::startup::journal(global.state_dir.as_ref())
}

/// Runs api-triage with the process's arguments and says how it ended. The only place that
/// decides which command runs; `emit` is the only place that writes its output.
pub fn run() -> Exit {
    // The background keeper of the desktop clipboard (see export::clipboard).
    if std::env::args().nth(1).as_deref() == Some(crate::clipboard::HOLD_COMMAND) {
        return match crate::clipboard::hold_clipboard_main() {
            0 => Exit::Ok,
            _ => Exit::Failed,
        };
    }
    // Every command but the app opening on the code matrix has the embedded default read on
    // the other core while the command line is parsed (and the terminal set up). The app on
    // the matrix draws its first frame from the first-screen part and has the whole read once
    // that frame is sent: a thread reading it meanwhile would take a core from the frame (on
    // a busy 2-core machine the frame waited up to 2 ms for one).
    if std::env::args_os().len() > 1 {
        crate::runbook::snapshot::preload();
    }
    // `curl -sv URL 2>&1 | api-triage -`: evidence on standard input starts a triage session.
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("-")
        && args[1..]
            .iter()
            .all(|a| a == "--show-secrets" || a == "--no-tui")
    {
        return piped_evidence(
            args.iter().any(|a| a == "--show-secrets"),
            args.iter().any(|a| a == "--no-tui"),
        );
    }
    let cli = Cli::from_process();
    let today = cli
        .global
        .today
        .or_else(|| Some(crate::startup::today(jiff::Timestamp::now())));
    let journal = journal(&cli.global);
    let Some(command) = &cli.command else {
        let start = crate::tui::Start {
            code: cli.code,
            resume: None,
        };
        let first_screen = || crate::startup::first_screen(&cli.global.runbooks, today);
        let load = || load(&cli.global, &[], today);
        return crate::tui::run(load, first_screen, journal, &start);
    };
    match command {
        Command::Resume { id } => {
            let id = match import::resume_target(id.as_deref(), &journal) {
                Ok(id) => id,
                Err(output) => return emit(&output),
            };
            let start = crate::tui::Start {
                code: None,
                resume: Some(id),
            };
            let load = || load(&cli.global, &[], today);
            return crate::tui::run(load, || None, journal, &start);
        }
        Command::Import { bundle, json } => {
            let report = load(&cli.global, &[], today);
            return emit(&import::import(
                bundle,
                *json,
                &journal,
                &report,
                jiff::Timestamp::now(),
            ));
        }
        Command::Export { .. } => {
            let report = load(&cli.global, &[], today);
            // OSC 52 goes to the terminal itself, so it works when stdout is piped.
            let mut tty: Box<dyn Write> =
                match std::fs::OpenOptions::new().write(true).open("/dev/tty") {
                    Ok(tty) => Box::new(tty),
                    // Without a terminal (cron, a pipeline) nothing would read an OSC 52
                    // sequence: saying it was sent would be a lie, so the copy falls to a file.
                    Err(_) => Box::new(NoTerminal),
                };
            let output = export(command, &report, &journal, jiff::Timestamp::now(), &mut tty);
            return emit(&output);
        }
        Command::Timeline {
            session,
            format,
            kind,
        } => {
            let report = load(&cli.global, &[], today);
            return emit(&timeline::timeline(
                session.as_deref(),
                *format,
                kind,
                &journal,
                &report,
            ));
        }
        Command::Evidence {
            file,
            json,
            show_secrets,
        } => {
            let output = match read_evidence(file) {
                Ok(text) => {
                    let report = load(&cli.global, &[], today);
                    evidence(&text, *json, *show_secrets, jiff::Timestamp::now(), &report)
                }
                Err(e) => Output {
                    stderr: format!("api-triage: {e}\n"),
                    exit: Exit::Usage,
                    ..Output::default()
                },
            };
            return emit(&output);
        }
        Command::Diff {
            good,
            failing,
            json,
            show_secrets,
        } => {
            let report = load(&cli.global, &[], today);
            return emit(&diff_files(good, failing, *json, *show_secrets, &report));
        }
        Command::Logs {
            files,
            format,
            time_field,
            status_field,
            path_field,
            failing,
            json,
        } => {
            let reading = logs::format_named(
                format.as_deref(),
                time_field.as_deref(),
                status_field.as_deref(),
                path_field.as_deref(),
            )
            .and_then(|format| {
                Ok(logs::Reading {
                    format,
                    failing: logs::failing_named(failing.as_deref())?,
                })
            });
            let output = match reading {
                Ok(reading) => {
                    let style = Style {
                        bold: std::io::stdout().is_terminal()
                            && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
                    };
                    logs::logs(files, &reading, *json, style)
                }
                Err(e) => Output {
                    stderr: format!("api-triage: {e}\n"),
                    exit: Exit::Usage,
                    ..Output::default()
                },
            };
            return emit(&output);
        }
        Command::Suggest { bundles, json } => {
            return emit(&suggest::suggest(bundles, *json));
        }
        Command::Completions { shell } => {
            return emit(&Output {
                stdout: completions(*shell),
                ..Output::default()
            });
        }
        Command::Man => {
            return emit(&Output {
                stdout: man_page(),
                ..Output::default()
            });
        }
        Command::Sessions { json } => {
            let output = sessions(&journal, *json, jiff::Timestamp::now());
            return emit(&output);
        }
        _ => {}
    }
    let explicit = match command {
        Command::Check { paths, .. } => paths.clone(),
        _ => Vec::new(),
    };
    let report = load(&cli.global, &explicit, today);
    let style = Style {
        bold: std::io::stdout().is_terminal()
            && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
    };
    let output = run_command(command, &report, style);
    emit(&output)
}

/// `api-triage diff GOOD FAILING`: reads both (one may be standard input) and compares them.
fn diff_files(
    good: &std::path::Path,
    failing: &std::path::Path,
    json: bool,
    show_secrets: bool,
    report: &LoadReport,
) -> Output {
    let usage = |message: String| Output {
        stderr: format!("api-triage: {message}\n"),
        exit: Exit::Usage,
        ..Output::default()
    };
    if good.as_os_str() == "-" && failing.as_os_str() == "-" {
        return usage(
            "only one of GOOD and FAILING can be `-` (standard input); give the other as a file"
                .to_owned(),
        );
    }
    let (good_text, failing_text) = match (read_evidence(good), read_evidence(failing)) {
        (Ok(g), Ok(f)) => (g, f),
        (Err(e), _) | (_, Err(e)) => return usage(e),
    };
    let name = |path: &std::path::Path| {
        if path.as_os_str() == "-" {
            "standard input".to_owned()
        } else {
            path.display().to_string()
        }
    };
    let (good_name, failing_name) = (name(good), name(failing));
    let style = Style {
        bold: std::io::stdout().is_terminal()
            && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
    };
    diff(
        Input {
            name: &good_name,
            text: &good_text,
        },
        Input {
            name: &failing_name,
            text: &failing_text,
        },
        json,
        show_secrets,
        jiff::Timestamp::now(),
        report,
        style,
    )
}

/// `api-triage -`: the evidence on standard input becomes a new triage session. On a terminal
/// the app opens on it, its keys read from the terminal (standard input is the pipe, as with
/// `less` and `fzf`); otherwise, or with `--no-tui`, the reading is printed.
fn piped_evidence(show_secrets: bool, no_tui: bool) -> Exit {
    let now = jiff::Timestamp::now();
    let text = match read_evidence(std::path::Path::new("-")) {
        Ok(text) => text,
        Err(e) => {
            return emit(&Output {
                stderr: format!("api-triage: {e}\n"),
                exit: Exit::Usage,
                ..Output::default()
            });
        }
    };
    let global = Global {
        runbooks: Vec::new(),
        state_dir: None,
        today: None,
    };
    let report = load(&global, &[], Some(crate::startup::today(now)));
    let journal = journal(&global);
    if no_tui || !crate::tui::interactive() {
        return emit(&evidence_to_session(
            &text,
            show_secrets,
            &report,
            &journal,
            now,
        ));
    }
    match evidence_session(&text, &report, &journal, now) {
        Ok(id) => {
            let start = crate::tui::Start {
                code: None,
                resume: Some(Some(id)),
            };
            crate::tui::run(|| report, || None, journal, &start)
        }
        Err(output) => emit(&output),
    }
}

/// The one way out to standard output and error: every text passes the sanitizer (keeping
/// only the CLI's own bold), so nothing read from a server can drive the terminal. Messages on
/// a terminal are wrapped at spaces to its width, so the terminal never cuts one mid-word.
fn emit(output: &Output) -> Exit {
    use crate::text::sanitize_keeping;
    let keep = Style::SEQUENCES;
    let stderr = match crate::tui::stderr_columns() {
        Some(width) => std::borrow::Cow::Owned(wrap_message(&output.stderr, width, "  ")),
        None => std::borrow::Cow::Borrowed(output.stderr.as_str()),
    };
    // A closed pipe (`| head`) is not an error worth reporting.
    let _ = std::io::stdout().write_all(sanitize_keeping(&output.stdout, keep).as_bytes());
    let _ = std::io::stderr().write_all(sanitize_keeping(&stderr, keep).as_bytes());
    output.exit
}

/// Stands in for `/dev/tty` when the process has no terminal: every write fails, honestly.
struct NoTerminal;

impl Write for NoTerminal {
    fn write(&mut self, _buf: &[u8]) -> std::io::Result<usize> {
        Err(std::io::Error::new(
            std::io::ErrorKind::NotConnected,
            "no terminal",
        ))
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}
