//! The terminal app: setting the terminal up and always putting it back (normal exit, error,
//! panic, SIGTERM, SIGHUP, Ctrl-Z), and the event loop that turns events into actions.
//! `app` holds the state, `keymap` the keys, `views` the drawing.

pub mod app;
pub mod keymap;
pub mod theme;
pub mod views;

use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use jiff::civil::Date;
use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event, KeyEventKind, MouseEventKind,
};
use ratatui::crossterm::execute;

use crate::cli::{self, Cli};
use crate::matrix::Matrix;
use app::{App, Effect};
use keymap::Action;

/// Runs the app until the user quits; returns the process exit code.
pub fn run(cli: &Cli, today: Option<Date>) -> ExitCode {
    if let Some(code) = cli.code.filter(|code| !(100..=599).contains(code)) {
        eprintln!("api-triage: {code} is not an HTTP status code (100-599)");
        return ExitCode::from(2);
    }
    if !io::stdout().is_terminal() || !io::stdin().is_terminal() {
        eprintln!(
            "api-triage: the app needs a terminal; for scripts use a command such as \
             `api-triage list`, `api-triage explain 502` (see --help)"
        );
        return ExitCode::from(2);
    }
    let report = cli::load(&cli.global, &[], today);
    let color = std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let mut app = App::new(Matrix::from_report(&report), report.findings, color);
    if let Some(code) = cli.code {
        app.open_code(code);
    }

    let signal = Arc::new(AtomicUsize::new(0));
    for sig in [signal_hook::consts::SIGTERM, signal_hook::consts::SIGHUP] {
        // Registration only fails for forbidden signals, which these are not.
        let _ = signal_hook::flag::register_usize(
            sig,
            Arc::clone(&signal),
            usize::try_from(sig).unwrap_or(1),
        );
    }

    let mut terminal = match ratatui::try_init() {
        Ok(terminal) => terminal,
        Err(e) => {
            eprintln!("api-triage: cannot set up the terminal: {e}");
            return ExitCode::from(2);
        }
    };
    install_panic_hook();
    let _ = execute!(io::stdout(), EnableBracketedPaste, EnableMouseCapture);
    let result = event_loop(&mut terminal, &mut app, &signal);
    restore();
    match result {
        Ok(()) => {}
        Err(e) => {
            eprintln!("api-triage: terminal error: {e}");
            return ExitCode::from(1);
        }
    }
    match signal.load(Ordering::SeqCst) {
        0 => ExitCode::SUCCESS,
        sig => ExitCode::from(u8::try_from(128 + sig).unwrap_or(1)),
    }
}

/// Leaves the terminal as it was found: no mouse reporting, no bracketed paste, main screen,
/// cooked mode, cursor shown. Safe to call more than once.
fn restore() {
    let _ = execute!(io::stdout(), DisableMouseCapture, DisableBracketedPaste);
    ratatui::restore();
    let _ = io::stdout().flush();
}

/// On a panic on any thread: restore the terminal first, then say briefly what happened.
fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        restore();
        eprintln!(
            "api-triage: internal error, sorry: {info}\nYour terminal has been restored. \
             Please report this with the steps that led to it."
        );
    }));
}

fn event_loop(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    signal: &AtomicUsize,
) -> io::Result<()> {
    loop {
        if signal.load(Ordering::SeqCst) != 0 {
            return Ok(());
        }
        let size = terminal.size()?;
        app.viewport = (size.width, size.height);
        terminal.draw(|frame| views::draw(frame, app))?;
        // A short poll keeps signals noticed promptly while idle.
        if !event::poll(Duration::from_millis(200))? {
            continue;
        }
        let action = match event::read()? {
            Event::Key(key) if key.kind != KeyEventKind::Release => {
                keymap::action_for(key, app.context())
            }
            Event::Paste(text) => Some(Action::Paste(text)),
            Event::Mouse(mouse) => match mouse.kind {
                MouseEventKind::ScrollUp => Some(Action::ScrollUp),
                MouseEventKind::ScrollDown => Some(Action::ScrollDown),
                _ => None,
            },
            _ => None,
        };
        let Some(action) = action else {
            continue;
        };
        for effect in app.update(action) {
            match effect {
                Effect::Quit => return Ok(()),
                Effect::Suspend => suspend(terminal)?,
            }
        }
    }
}

/// Ctrl-Z: give the terminal back to the shell, stop, and redraw everything on `fg`.
fn suspend(terminal: &mut DefaultTerminal) -> io::Result<()> {
    restore();
    let _ = signal_hook::low_level::raise(signal_hook::consts::SIGTSTP);
    // Execution continues here after SIGCONT.
    *terminal = ratatui::try_init()?;
    let _ = execute!(io::stdout(), EnableBracketedPaste, EnableMouseCapture);
    terminal.clear()
}
