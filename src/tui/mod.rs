//! The terminal app: setting the terminal up and always putting it back (normal exit, error,
//! panic, SIGTERM, SIGHUP, Ctrl-Z), and the event loop that turns events into actions.
//! `app` routes between `screens` (one file each: state, update, drawing), `keymap` holds
//! every key, `effect` what an update asks the loop to do.

pub mod app;
pub mod effect;
mod first_frame;
pub mod keymap;
mod log_reading;
pub mod screens;
pub mod theme;

use crate::exit::Exit;
use std::io::{self, IsTerminal, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event, KeyEventKind, MouseEventKind,
};
use ratatui::crossterm::terminal::EnterAlternateScreen;
use ratatui::crossterm::{execute, queue};

use crate::matrix::Matrix;
use crate::session::{Journal, Lock};
use app::App;
use effect::Effect;
use keymap::Action;

/// What to open: the code matrix (optionally on a code's card), or a saved session.
#[derive(Debug, Clone, Default)]
pub struct Start {
    pub code: Option<u16>,
    /// `Some(None)`: resume the latest session; `Some(Some(id))`: that session.
    pub resume: Option<Option<String>>,
}

/// Runs the app until the user quits; returns the process exit code. The runbooks come from
/// `load` (see `crate::startup`), the sessions from `journal`. `load` is called once the
/// terminal is set up, so while the embedded default is being read on another thread (see
/// `runbook::snapshot::preload`) setting up the terminal costs the first frame nothing.
/// Loading never fails (problems become findings on the problems screen), so nothing it
/// could say needs the plain terminal. On the code matrix, `first_screen` may give what that
/// screen shows of the runbooks (see `startup::first_screen`): the first frame is drawn from
/// it before `load` is called.
pub fn run(
    load: impl FnOnce() -> crate::runbook::LoadReport,
    first_screen: impl FnOnce() -> Option<crate::runbook::TeamRunbook>,
    journal: Journal,
    start: &Start,
) -> Exit {
    let export_dir = crate::startup::export_dir(None);
    if let Some(code) = start
        .code
        .filter(|code| !crate::code::StatusCode::is_valid(*code))
    {
        say(format!("{code} is not an HTTP status code (100-599)"));
        return Exit::Usage;
    }
    if !interactive() {
        say(
            "the app needs a terminal; for scripts use a command such as `api-triage list`, \
             `api-triage explain 502` (see --help)",
        );
        return Exit::Usage;
    }
    // A session to resume is opened and locked before the terminal is taken over, so a
    // problem is a plain message.
    let mut saver = Saver::new(journal);
    let resumed = match &start.resume {
        None => None,
        Some(id) => match saver.open(id.as_deref()) {
            Ok(session) => Some(session),
            Err(e) => {
                say(&e);
                return Exit::Failed;
            }
        },
    };
    let signal = Arc::new(AtomicUsize::new(0));
    for sig in [signal_hook::consts::SIGTERM, signal_hook::consts::SIGHUP] {
        // Registration only fails for forbidden signals, which these are not.
        let _ = signal_hook::flag::register_usize(
            sig,
            Arc::clone(&signal),
            usize::try_from(sig).unwrap_or(1),
        );
    }

    let mut backend = match take_terminal() {
        Ok(backend) => backend,
        Err(e) => {
            restore();
            say(format!("cannot set up the terminal: {e}"));
            return Exit::Usage;
        }
    };
    install_panic_hook();
    let fault = Fault::from_environment();
    let color = std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let mut shown = None;
    if start.code.is_none()
        && resumed.is_none()
        && let Some(first) = first_screen()
    {
        // A frame that cannot be drawn here fails again, and is reported, below or in the
        // event loop.
        shown = first_frame::draw_first_screen(&mut backend, first, color).ok();
        // The whole is read on another thread while this one waits for it: the core the
        // frame was sent from is given up at once, to the terminal that has the frame to
        // show. (Read here instead, the frame showed 0.8 ms later on 2 cores.)
        crate::runbook::snapshot::preload();
    }
    let report = load();
    // Made once the whole is read: its two screen buffers are fresh memory to fill, work that
    // beside the reading thread would leave no core to the terminal showing the first frame.
    let mut terminal = match Terminal::new(backend) {
        Ok(terminal) => terminal,
        Err(e) => {
            restore();
            say(format!("cannot set up the terminal: {e}"));
            return Exit::Usage;
        }
    };
    if let Some(shown) = shown {
        first_frame::keep_as_shown(&mut terminal, shown);
    }
    // The runbooks move into the matrix: a copy of them all would cost the start-up time.
    let mut app = App::new(Matrix::new(report.runbooks), report.findings, color);
    app.shared.zone = crate::startup::local_zone();
    app.shared.now = jiff::Timestamp::now();
    if let Some(session) = resumed {
        app.resume(session);
    } else if let Some(code) = start.code {
        app.open_code(code);
    }
    // Dropped (killing what still runs) however this function ends.
    let mut runner = crate::run::Runner::new();
    let mut readings = log_reading::LogReadings::default();
    // A bug that panics must not cost the user their notes: the panic hook has already given
    // the terminal back; the session as it stood is still saved below.
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        event_loop(
            &mut terminal,
            &mut app,
            &signal,
            &mut saver,
            &export_dir,
            fault,
            &mut runner,
            &mut readings,
        )
    }));
    // Whatever ended the loop, what still runs is stopped and recorded as stopped, and the
    // session is written before the terminal is given back.
    app.shared.now = jiff::Timestamp::now();
    for (id, ending) in runner.stop_all() {
        app.run_ended(id, ending);
    }
    saver.save_now(&mut app);
    restore();
    if let Some(triage) = &app.triage {
        if let screens::triage::SaveStatus::Failed(e) = &triage.save {
            say(format!(
                "the last changes could not be saved in {}: {e}",
                saver.journal.dir().display()
            ));
        } else {
            say(format!(
                "session {} saved in {} (resume with `api-triage resume`)",
                triage.session.id,
                saver.journal.dir().display()
            ));
        }
    }
    match outcome {
        Ok(Ok(())) => {}
        Ok(Err(e)) => {
            say(format!("terminal error: {e}"));
            return Exit::Failed;
        }
        // Rust's own exit code for a panic.
        Err(_) => return Exit::Panic,
    }
    match signal.load(Ordering::SeqCst) {
        0 => Exit::Ok,
        sig => Exit::Signal(i32::try_from(sig).unwrap_or(0)),
    }
}

/// Whether the app can run: it draws on standard output, a terminal, and reads keys from
/// standard input when that is the terminal, else from the controlling terminal (`/dev/tty`,
/// which crossterm opens itself when standard input is a pipe: `cat response | api-triage -`).
pub fn interactive() -> bool {
    io::stdout().is_terminal()
        && (io::stdin().is_terminal()
            || std::fs::OpenOptions::new()
                .read(true)
                .write(true)
                .open("/dev/tty")
                .is_ok())
}

/// The width to wrap messages to on the terminal standard error is written to, when it is
/// one: a column less than the terminal's, so that no line reaches its edge (a line filling
/// the last column makes some terminals wrap on their own, leaving a blank line).
pub fn stderr_columns() -> Option<usize> {
    if !io::stderr().is_terminal() {
        return None;
    }
    ratatui::crossterm::terminal::size()
        .ok()
        .map(|(columns, _)| usize::from(columns).saturating_sub(1))
        .filter(|columns| *columns > 0)
}

/// A fault to inject, for the fault tests only: `API_TRIAGE_FAULT=panic` makes F12 panic inside
/// the event loop, as a bug in a screen would. Unset (always, outside tests) it does nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fault {
    None,
    PanicOnF12,
}

impl Fault {
    fn from_environment() -> Self {
        match std::env::var("API_TRIAGE_FAULT").as_deref() {
            Ok("panic") => Self::PanicOnF12,
            _ => Self::None,
        }
    }
}

/// Writes the triage session: at once when asked, otherwise within a second of the last
/// keystroke; holds the session's lock.
struct Saver {
    journal: Journal,
    lock: Option<(String, Lock)>,
    /// Sessions this process created or opened, so a new one never overwrites another's.
    owned: std::collections::HashSet<String>,
    dirty_since: Option<Instant>,
    last_edit: Instant,
}

impl Saver {
    fn new(journal: Journal) -> Self {
        Self {
            journal,
            lock: None,
            owned: std::collections::HashSet::new(),
            dirty_since: None,
            last_edit: Instant::now(),
        }
    }

    fn open(
        &mut self,
        id: Option<&str>,
    ) -> Result<crate::session::Session, crate::session::JournalError> {
        let id = match id {
            Some(id) => id.to_owned(),
            None => self.journal.latest()?,
        };
        let lock = self.journal.lock(&id)?;
        let session = self.journal.load(&id)?;
        self.owned.insert(id.clone());
        self.lock = Some((id, lock));
        Ok(session)
    }

    fn mark_dirty(&mut self) {
        self.last_edit = Instant::now();
        self.dirty_since.get_or_insert(self.last_edit);
    }

    /// Saves when typing has paused or changes have waited long enough.
    /// Saves when an edit has settled; whether it saved (the status line changed).
    fn tick(&mut self, app: &mut App) -> bool {
        if let Some(since) = self.dirty_since
            && (self.last_edit.elapsed() >= Duration::from_millis(300)
                || since.elapsed() >= Duration::from_millis(800))
        {
            self.save_now(app);
            return true;
        }
        false
    }

    fn save_now(&mut self, app: &mut App) {
        self.dirty_since = None;
        let Some(triage) = app.triage.as_mut() else {
            return;
        };
        // A new session is created under a name no other session has (two triages started in
        // the same second, even by two processes, get two files), and then saved as usual.
        if !self.owned.contains(&triage.session.id) {
            if let Err(e) = self.journal.create(&mut triage.session) {
                app.saved(Err(e.brief()));
                return;
            }
            self.owned.insert(triage.session.id.clone());
        }
        let id = triage.session.id.clone();
        if self.lock.as_ref().is_none_or(|(held, _)| *held != id) {
            self.lock = None;
            match self.journal.lock(&id) {
                Ok(lock) => self.lock = Some((id, lock)),
                Err(e) => {
                    app.saved(Err(e.brief()));
                    return;
                }
            }
        }
        let result = self.journal.save(&triage.session).map_err(|e| e.brief());
        app.saved(result);
    }
}

/// Whether the app holds the terminal (raw mode, alternate screen), so it is given back once:
/// leaving the alternate screen a second time would move the cursor back over what was
/// printed after the first (the panic message, say).
static TERMINAL_TAKEN: AtomicBool = AtomicBool::new(false);

/// Whether the set-up sequences (alternate screen, bracketed paste, mouse) have gone out: they
/// wait in the [`FrameWriter`] to go out with the first frame, so a terminal given back before
/// that is only taken out of raw mode, not sent the sequences that undo them.
static SETUP_SENT: AtomicBool = AtomicBool::new(false);

/// Where the app's frames go: each in one write (see [`FrameWriter`]).
type AppBackend = CrosstermBackend<FrameWriter>;

/// The terminal the app draws on, keeping the last frame sent to compare the next with.
type AppTerminal = Terminal<AppBackend>;

/// Holds what ratatui writes for a frame and hands it to the terminal in one write when
/// ratatui flushes, at the end of every frame. Written straight to standard output, the first
/// frame at 120x40 went out in five writes of 1 KB (its line buffer), each cell's few bytes
/// through the lock and the line buffer's search for a newline: about a quarter of the
/// instructions spent sending that frame. A frame not flushed when the writer is dropped (a
/// panic while drawing) is dropped with it, never written after the terminal is given back.
/// The set-up sequences are its first bytes (see [`take_terminal`]).
#[derive(Debug, Default)]
struct FrameWriter {
    pending: Vec<u8>,
    /// Whether `pending` holds the set-up sequences, not sent yet.
    holds_setup: bool,
}

impl Write for FrameWriter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.pending.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if self.pending.is_empty() {
            return Ok(());
        }
        let mut out = io::stdout().lock();
        let written = out.write_all(&self.pending).and_then(|()| out.flush());
        // Written or not (a terminal that hung up), the frame is not sent twice; what went
        // out of the set-up may need undoing.
        self.pending.clear();
        if std::mem::take(&mut self.holds_setup) {
            SETUP_SENT.store(true, Ordering::SeqCst);
        }
        written
    }
}

/// Takes the terminal for drawing: raw mode now; alternate screen, bracketed paste and mouse
/// reporting with the first frame, in the same write. Each write wakes the terminal, which on
/// a small machine takes a core from the app while the app is still getting its first frame
/// ready (a separate write of the set-up cost the first frame about 0.8 ms on 2 cores). No
/// question is asked of the terminal (the size comes from the kernel), so nothing waits for
/// its answer.
fn take_terminal() -> io::Result<AppBackend> {
    // Marked first: a set-up that fails half way is undone too.
    TERMINAL_TAKEN.store(true, Ordering::SeqCst);
    SETUP_SENT.store(false, Ordering::SeqCst);
    ratatui::crossterm::terminal::enable_raw_mode()?;
    let mut writer = FrameWriter {
        holds_setup: true,
        ..FrameWriter::default()
    };
    queue!(writer, EnterAlternateScreen)?;
    let _ = queue!(writer, EnableBracketedPaste, EnableMouseCapture);
    Ok(CrosstermBackend::new(writer))
}

/// Leaves the terminal as it was found: no mouse reporting, no bracketed paste, main screen,
/// cooked mode, cursor shown. Does nothing when already done; only leaves raw mode when the
/// set-up never went out.
fn restore() {
    if !TERMINAL_TAKEN.swap(false, Ordering::SeqCst) {
        return;
    }
    if !SETUP_SENT.swap(false, Ordering::SeqCst) {
        let _ = ratatui::crossterm::terminal::disable_raw_mode();
        return;
    }
    // The cursor is shown here, not left to the terminal object: a signal that comes before
    // the event loop's first draw ends the app with the cursor hidden by the first frame.
    let _ = execute!(
        io::stdout(),
        DisableMouseCapture,
        DisableBracketedPaste,
        ratatui::crossterm::cursor::Show
    );
    ratatui::restore();
    let _ = io::stdout().flush();
}

/// On a panic on any thread: restore the terminal first, then say briefly what happened.
fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        restore();
        // Where, not what: a panic's message can quote the evidence being read.
        let place = info
            .location()
            .map_or_else(String::new, |l| format!(" at {}:{}", l.file(), l.line()));
        say(format!(
            "internal error, sorry{place}\nYour terminal has been restored. Please report this \
             with the steps that led to it."
        ));
    }));
}

/// A message on standard error, through the one sanitizer (error texts can quote a session
/// file or a path), wrapped at spaces on a terminal (see [`stderr_columns`]).
fn say(message: impl std::fmt::Display) {
    let text = format!(
        "api-triage: {}",
        crate::text::sanitize(&message.to_string())
    );
    match stderr_columns() {
        Some(width) => eprint!("{}", crate::cli::wrap_message(&text, width, "  ")),
        None => eprintln!("{text}"),
    }
}

#[expect(
    clippy::too_many_arguments,
    reason = "the loop's parts: terminal, app, signals, saver, export folder, fault hook, runs, logs"
)]
fn event_loop(
    terminal: &mut AppTerminal,
    app: &mut App,
    signal: &AtomicUsize,
    saver: &mut Saver,
    export_dir: &std::path::Path,
    fault: Fault,
    runner: &mut crate::run::Runner,
    readings: &mut log_reading::LogReadings,
) -> io::Result<()> {
    let mut redraw = true;
    let mut drawn_second = i64::MIN;
    loop {
        if signal.load(Ordering::SeqCst) != 0 {
            return Ok(());
        }
        app.shared.now = jiff::Timestamp::now();
        for update in runner.poll(std::time::Instant::now()) {
            redraw = true;
            match update {
                crate::run::Update::Output { id, bytes } => app.run_output(id, &bytes),
                crate::run::Update::Ended { id, ending } => {
                    if app.run_ended(id, ending) {
                        saver.save_now(app);
                    }
                }
            }
        }
        for update in readings.poll() {
            redraw = true;
            match update {
                log_reading::LogUpdate::Progress {
                    id,
                    lines,
                    bytes,
                    total,
                    elapsed,
                } => app.log_progress(id, lines, bytes, total, elapsed),
                log_reading::LogUpdate::Done { id, result } => {
                    if app.log_read(id, result.map(|p| *p)) {
                        saver.save_now(app);
                    }
                }
            }
        }
        redraw |= saver.tick(app);
        let size = terminal.size()?;
        redraw |= app.shared.viewport != (size.width, size.height);
        app.shared.viewport = (size.width, size.height);
        // Without an event only the clocks on screen (T+mm:ss, "saved at") move, once a
        // second: an idle app on a shared server should cost next to nothing.
        if redraw || app.shared.now.as_second() != drawn_second {
            terminal.draw(|frame| app::draw(frame.buffer_mut(), app))?;
            redraw = false;
            drawn_second = app.shared.now.as_second();
        }
        // What a search reads is made once the first frame is on the screen, not before it:
        // no key can have been read yet.
        app.shared.matrix.prepare_search();
        // A short poll keeps signals and pending saves handled promptly while idle; shorter
        // while a command runs, so its output flows.
        let wait = if runner.is_running() { 40 } else { 100 };
        if !event::poll(Duration::from_millis(wait))? {
            continue;
        }
        redraw = true;
        let action = match event::read()? {
            Event::Key(key) if key.kind != KeyEventKind::Release => {
                // The one deliberate panic: the opt-in fault hook of the panic test, never
                // armed unless API_TRIAGE_FAULT=panic is set.
                assert!(
                    !(fault == Fault::PanicOnF12 && key.code == event::KeyCode::F(12)),
                    "fault injected by API_TRIAGE_FAULT=panic"
                );
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
        app.shared.now = jiff::Timestamp::now();
        // Performing an effect can ask for more (finding the open triages may start one).
        let mut effects: std::collections::VecDeque<Effect> = app.update(action).into();
        while let Some(effect) = effects.pop_front() {
            match effect {
                Effect::Quit => return Ok(()),
                Effect::Suspend => suspend(terminal)?,
                Effect::Save => saver.save_now(app),
                Effect::SaveSoon => saver.mark_dirty(),
                Effect::WriteBundle { name, files } => {
                    let result = crate::export::bundle::write_bundle(export_dir, &name, &files);
                    let written = result.is_ok();
                    app.exported(result.map_err(|e| e.to_string()));
                    // The session now records the export: saved at once.
                    if written {
                        saver.save_now(app);
                    }
                }
                Effect::Copy { text, what } => {
                    let env = crate::clipboard::Environment::from_process();
                    // A private folder of the state directory: the file name cannot be
                    // guessed and nobody else can plant a link there.
                    let private_dir = saver.journal.dir().join("copies");
                    let (stem, ext) = what.file();
                    let outcome = crate::clipboard::copy(
                        &text,
                        &env,
                        &mut io::stdout(),
                        crate::clipboard::Fallback::NewNamedIn(&private_dir, stem, ext),
                    );
                    if outcome.delivered() {
                        app.copied(&what, &outcome.describe(), outcome.warning.is_some());
                    } else {
                        app.copy_failed(&what, &outcome.describe());
                    }
                }
                Effect::FindOpen { runbook, code } => {
                    let open = saver.journal.open_for(code);
                    effects.extend(app.offer_resume(runbook, code, open));
                }
                Effect::StartRun {
                    id,
                    command,
                    timeout_seconds,
                } => {
                    let timeout = Duration::from_secs(u64::from(timeout_seconds));
                    if let Err(e) = runner.start(id, &command, timeout, std::time::Instant::now())
                        && app.run_ended(id, crate::run::Ending::NotStarted(e.to_string()))
                    {
                        saver.save_now(app);
                    }
                }
                Effect::StopRun { id } => runner.stop(id, std::time::Instant::now()),
                Effect::ReadLog { id, path } => readings.start(id, path, app.log_failing()),
                Effect::StopLog { id } => readings.stop(id),
                Effect::Resume { id } => {
                    // The triage in hand is written before another takes its place.
                    saver.save_now(app);
                    let opened = saver.open(Some(&id)).map_err(|e| e.brief());
                    app.resumed(opened);
                }
            }
        }
    }
}

/// Ctrl-Z: give the terminal back to the shell, stop, and redraw everything on `fg`.
fn suspend(terminal: &mut AppTerminal) -> io::Result<()> {
    restore();
    let _ = signal_hook::low_level::raise(signal_hook::consts::SIGTSTP);
    // Execution continues here after SIGCONT.
    *terminal = Terminal::new(take_terminal()?)?;
    terminal.clear()
}
