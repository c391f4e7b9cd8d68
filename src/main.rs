//! The `api-triage` binary: parse the command line, run, and map failures to exit codes.

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use clap::Parser;

use api_triage::cli::{self, Cli, Style};

fn main() -> ExitCode {
    // The background keeper of the desktop clipboard (see export::clipboard).
    if std::env::args().nth(1).as_deref() == Some(api_triage::clipboard::HOLD_COMMAND) {
        return ExitCode::from(
            u8::try_from(api_triage::clipboard::hold_clipboard_main()).unwrap_or(1),
        );
    }
    // `curl -sv URL 2>&1 | api-triage -`: evidence on standard input starts a triage session.
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("-")
        && args[1..].iter().all(|a| a == "--show-secrets")
    {
        let show_secrets = args.len() > 1;
        let now = jiff::Timestamp::now();
        let text = match cli::read_evidence(std::path::Path::new("-")) {
            Ok(text) => text,
            Err(e) => {
                eprintln!("api-triage: {e}");
                return ExitCode::from(2);
            }
        };
        let global = cli::Global {
            runbooks: Vec::new(),
            state_dir: None,
            today: None,
        };
        let report = cli::load(
            &global,
            &[],
            Some(now.to_zoned(jiff::tz::TimeZone::system()).date()),
        );
        let output =
            cli::evidence_to_session(&text, show_secrets, &report, &cli::journal(&global), now);
        return emit(&output);
    }
    let cli = Cli::parse();
    let today = cli.global.today.or_else(|| Some(jiff::Zoned::now().date()));
    let journal = cli::journal(&cli.global);
    let Some(command) = &cli.command else {
        let start = api_triage::tui::Start {
            code: cli.code,
            resume: None,
        };
        return api_triage::tui::run(&cli, today, journal, &start);
    };
    match command {
        cli::Command::Resume { id } => {
            let start = api_triage::tui::Start {
                code: None,
                resume: Some(id.clone()),
            };
            return api_triage::tui::run(&cli, today, journal, &start);
        }
        cli::Command::Export { .. } => {
            let report = cli::load(&cli.global, &[], today);
            // OSC 52 goes to the terminal itself, so it works when stdout is piped.
            let mut tty: Box<dyn Write> =
                match std::fs::OpenOptions::new().write(true).open("/dev/tty") {
                    Ok(tty) => Box::new(tty),
                    // Without a terminal (cron, a pipeline) nothing would read an OSC 52
                    // sequence: saying it was sent would be a lie, so the copy falls to a file.
                    Err(_) => Box::new(NoTerminal),
                };
            let output = cli::export(command, &report, &journal, jiff::Timestamp::now(), &mut tty);
            return emit(&output);
        }
        cli::Command::Evidence {
            file,
            json,
            show_secrets,
        } => {
            let output = match cli::read_evidence(file) {
                Ok(text) => {
                    let report = cli::load(&cli.global, &[], today);
                    cli::evidence(&text, *json, *show_secrets, jiff::Timestamp::now(), &report)
                }
                Err(e) => cli::Output {
                    stderr: format!("api-triage: {e}\n"),
                    code: 2,
                    ..cli::Output::default()
                },
            };
            return emit(&output);
        }
        cli::Command::Completions { shell } => {
            return emit(&cli::Output {
                stdout: cli::completions(*shell),
                ..cli::Output::default()
            });
        }
        cli::Command::Man => {
            return emit(&cli::Output {
                stdout: cli::man_page(),
                ..cli::Output::default()
            });
        }
        cli::Command::Sessions { json } => {
            let output = cli::sessions(&journal, *json);
            return emit(&output);
        }
        _ => {}
    }
    let explicit = match command {
        cli::Command::Check { paths, .. } => paths.clone(),
        _ => Vec::new(),
    };
    let report = cli::load(&cli.global, &explicit, today);
    let style = Style {
        bold: std::io::stdout().is_terminal()
            && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
    };
    let output = cli::run_command(command, &report, style);
    emit(&output)
}

/// The one way out to standard output and error: every text passes the sanitizer (keeping
/// only the CLI's own bold), so nothing read from a server can drive the terminal.
fn emit(output: &cli::Output) -> ExitCode {
    use api_triage::text::sanitize_keeping;
    let keep = cli::Style::SEQUENCES;
    // A closed pipe (`| head`) is not an error worth reporting.
    let _ = std::io::stdout().write_all(sanitize_keeping(&output.stdout, keep).as_bytes());
    let _ = std::io::stderr().write_all(sanitize_keeping(&output.stderr, keep).as_bytes());
    ExitCode::from(u8::try_from(output.code).unwrap_or(1))
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
