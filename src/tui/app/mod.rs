//! The app: the stack of screens, the triage beside it, the help overlay and the status line.
//! It routes each action to the screen on top, carries out what the screen asks (open or
//! leave a screen, start a triage, escalate) and hands side effects to the event loop. No
//! drawing of its own beyond the frame (`draw`), no terminal.

mod draw;
mod logs;
mod run;

use jiff::Timestamp;
use jiff::tz::TimeZone;

pub use draw::{MIN_HEIGHT, MIN_WIDTH, draw};

use super::effect::{Copying, Effect};
use super::keymap::{Action, Context};
use super::screens::export::{ExportOutcome, ExportScreen, ExportStep};
use super::screens::matrix::MatrixScreen;
use super::screens::resume::ResumeScreen;
use super::screens::triage::{SaveStatus, TriageScreen};
use super::screens::{Command, Opening, Screen, Scroll, Shared};
use crate::matrix::Matrix;
use crate::runbook::Diagnostic;
use crate::session::Session;

/// Everything the app shows.
#[derive(Debug, Clone)]
pub struct App {
    /// What every screen reads.
    pub shared: Shared,
    /// The screens, the matrix at the bottom; `Esc` goes back one.
    pub stack: Vec<Screen>,
    /// The triage being worked on, kept when leaving its screen.
    pub triage: Option<TriageScreen>,
    pub help_open: bool,
    /// How far the help overlay is scrolled; back to its top each time it opens.
    pub help_scroll: Scroll,
    /// A message for the status bar, cleared by the next action; one too long for the line is
    /// shown in full in a box above it.
    pub notice: Option<String>,
    /// The id of the last run screen opened.
    next_run: u64,
}

impl App {
    /// A new app on the matrix; on the problems screen first when a runbook has errors.
    pub fn new(matrix: Matrix, findings: Vec<Diagnostic>, color: bool) -> Self {
        let shared = Shared {
            matrix,
            findings,
            color,
            viewport: (80, 24),
            now: Timestamp::UNIX_EPOCH,
            zone: TimeZone::UTC,
        };
        let matrix_screen = MatrixScreen::new(&shared);
        let broken = shared.findings.iter().any(Diagnostic::is_error);
        let mut app = Self {
            shared,
            stack: vec![Screen::Matrix(matrix_screen)],
            triage: None,
            help_open: false,
            help_scroll: Scroll::default(),
            notice: None,
            next_run: 0,
        };
        if broken {
            app.open(Opening::Problems);
        }
        app
    }

    /// Opens the app straight on the card of `code` (`api-triage 502`).
    pub fn open_code(&mut self, code: u16) {
        let runbook = self.shared.runbook_index_for(Some(code));
        self.open(Opening::Card { runbook, code });
    }

    pub fn screen(&self) -> &Screen {
        self.stack.last().unwrap_or(&Screen::Triage)
    }

    /// The matrix screen, always at the bottom of the stack.
    pub fn matrix_screen(&self) -> Option<&MatrixScreen> {
        match self.stack.first() {
            Some(Screen::Matrix(matrix)) => Some(matrix),
            _ => None,
        }
    }

    /// Which key context applies now: the help's while it is open.
    pub fn context(&self) -> Context {
        if self.help_open {
            return Context::Help;
        }
        self.screen_context()
    }

    /// The key context of the screen on top, under the help when it is open: the keys the
    /// help lists.
    pub fn screen_context(&self) -> Context {
        match self.screen() {
            Screen::Matrix(matrix) => matrix.context(),
            Screen::Card(_) => Context::Card,
            Screen::Compare(_) => Context::Compare,
            Screen::Scenarios(_) => Context::Scenarios,
            Screen::Triage => self
                .triage
                .as_ref()
                .map_or(Context::Triage, |t| t.context(&self.shared)),
            Screen::Export(_) => Context::Export,
            Screen::Problems(_) => Context::Problems,
            Screen::Resume(_) => Context::Resume,
            Screen::Run(run) => run.context(),
            Screen::Logs(logs) => logs.context(),
            Screen::Diff(_) => Context::Diff,
            Screen::Timeline(_) => Context::Timeline,
            Screen::Draft(draft) => draft.context(),
        }
    }

    /// Reopens a saved session on the triage screen.
    pub fn resume(&mut self, session: Session) {
        let runbooks = self.shared.matrix.runbooks();
        let runbook = runbooks
            .iter()
            .position(|r| r.name == session.runbook)
            .unwrap_or_else(|| self.shared.runbook_index_for(session.code));
        if let Some(followed) = runbooks.get(runbook).filter(|r| r.name != session.runbook) {
            self.notice = Some(format!(
                "Runbook \"{}\" is not loaded; following \"{}\" instead",
                session.runbook, followed.name
            ));
        }
        let mut triage = TriageScreen::new(session, runbook, self.shared.now);
        triage.saved_once = true;
        // An answer the evidence gave (a piped response or alert) is in the field or on the
        // option, so Enter confirms it rather than picking the first option.
        if let Some(book) = self.shared.runbook(runbook) {
            triage.reload_question(book);
        }
        self.triage = Some(triage);
        self.stack.push(Screen::Triage);
    }

    /// Records how the last save went, for the status bar.
    pub fn saved(&mut self, result: Result<(), String>) {
        if let Some(triage) = &mut self.triage {
            triage.saved_once |= result.is_ok();
            triage.save = match result {
                Ok(()) => SaveStatus::Saved(self.shared.now),
                Err(e) => SaveStatus::Failed(e),
            };
        }
    }

    /// Applies `action` and returns what the event loop must do.
    pub fn update(&mut self, action: Action) -> Vec<Effect> {
        self.notice = None;
        if self.help_open {
            // The overlay takes every key: the scrolling keys scroll it, Ctrl-C and Ctrl-Z do
            // as everywhere, a paste is dropped (there is no field under the help to take
            // it) and any other key closes it without acting.
            match action {
                Action::Quit | Action::Suspend => {}
                Action::Paste(_) => return Vec::new(),
                _ => {
                    if !self.help_scroll.apply(&action, self.shared.page()) {
                        self.help_open = false;
                    }
                    return Vec::new();
                }
            }
        }
        match action {
            Action::Quit => return self.with_save(Effect::Quit),
            Action::Suspend => return self.with_save(Effect::Suspend),
            Action::Help => {
                self.help_open = true;
                self.help_scroll = Scroll::default();
                return Vec::new();
            }
            _ => {}
        }
        let commands = self.route(action);
        self.perform(commands)
    }

    /// Quitting and suspending save a triage first, including a note still being written.
    fn with_save(&self, effect: Effect) -> Vec<Effect> {
        if self.triage.is_some() {
            vec![Effect::Save, effect]
        } else {
            vec![effect]
        }
    }

    /// Hands `action` to the screen on top. The triage takes every key; elsewhere the keys
    /// that mean the same on every screen are the app's.
    fn route(&mut self, action: Action) -> Vec<Command> {
        if matches!(self.screen(), Screen::Triage) {
            return match self.triage.as_mut() {
                Some(triage) => triage.update(action, &self.shared),
                None => vec![Command::Leave],
            };
        }
        if let Some(Screen::Run(screen)) = self.stack.last_mut() {
            return screen.update(&action, &self.shared);
        }
        // A draft takes every key: Esc in its editor keeps the edit, it does not leave.
        if let Some(Screen::Draft(screen)) = self.stack.last_mut() {
            return screen.update(&action, &self.shared);
        }
        if let Some(Screen::Logs(screen)) = self.stack.last_mut()
            && !matches!(action, Action::Back)
        {
            return screen.update(&action, &self.shared);
        }
        let on_matrix = matches!(self.screen(), Screen::Matrix(_));
        match action {
            Action::Back if !on_matrix => return vec![Command::Leave],
            Action::Paste(_) if !on_matrix => {
                return vec![Command::Notice(
                    "Paste ignored: there is no text field here".to_owned(),
                )];
            }
            Action::Problems => return vec![Command::Open(Opening::Problems)],
            Action::Triage => {
                let (runbook, code) = self.about();
                return vec![Command::StartTriage { runbook, code }];
            }
            Action::Scenarios => {
                let runbook = self.about().0;
                return vec![Command::Open(Opening::Scenarios { runbook })];
            }
            _ => {}
        }
        let shared = &self.shared;
        match self.stack.last_mut() {
            Some(Screen::Matrix(screen)) => screen.update(&action, shared),
            Some(Screen::Card(screen)) => screen.update(&action, shared),
            Some(Screen::Compare(screen)) => screen.update(&action, shared),
            Some(Screen::Scenarios(screen)) => screen.update(&action, shared),
            Some(Screen::Problems(screen)) => screen.update(&action, shared),
            Some(Screen::Resume(screen)) => screen.update(&action, shared),
            Some(Screen::Diff(screen)) => screen.update(&action, shared),
            Some(Screen::Timeline(screen)) => screen.update(&action, shared),
            Some(Screen::Export(screen)) => {
                let triage = self
                    .triage
                    .as_ref()
                    .and_then(|t| Some((&t.session, shared.runbook(t.runbook)?)));
                screen.update(&action, shared, triage)
            }
            Some(Screen::Triage | Screen::Run(_) | Screen::Logs(_) | Screen::Draft(_)) | None => {
                Vec::new()
            }
        }
    }

    /// The runbook and code the screen on top is about, for a triage or the scenarios.
    fn about(&self) -> (usize, Option<u16>) {
        let shared = &self.shared;
        let triage = self.triage.as_ref().map(|t| {
            let code = shared.runbook(t.runbook).and_then(|r| t.code(r));
            (t.runbook, code)
        });
        match self.screen() {
            Screen::Matrix(matrix) => matrix.about(shared),
            Screen::Card(card) => (card.runbook, Some(card.code)),
            Screen::Compare(compare) => (compare.runbook, compare.codes.first().copied()),
            Screen::Scenarios(scenarios) => (scenarios.runbook, scenarios.code(shared)),
            Screen::Triage
            | Screen::Export(_)
            | Screen::Run(_)
            | Screen::Diff(_)
            | Screen::Timeline(_)
            | Screen::Draft(_)
            | Screen::Logs(_) => triage.unwrap_or((0, None)),
            Screen::Problems(_) => (shared.runbook_index_for(None), None),
            Screen::Resume(resume) => (resume.runbook, Some(resume.code)),
        }
    }

    /// Carries out what the screen asked, in order; returns the effects for the event loop.
    fn perform(&mut self, commands: Vec<Command>) -> Vec<Effect> {
        let mut effects = Vec::new();
        for command in commands {
            match command {
                Command::Open(opening) => self.open(opening),
                Command::Leave => {
                    if self.stack.len() > 1 {
                        self.stack.pop();
                    }
                }
                Command::Notice(text) => self.notice = Some(text),
                Command::StartTriage { runbook, code } => {
                    effects.extend(self.start_triage(runbook, code));
                }
                Command::NewTriage { runbook, code } => {
                    effects.extend(self.new_triage(runbook, code));
                }
                Command::ResumeTriage { id } => effects.extend(self.resume_triage(id)),
                Command::Escalate => self.escalate(),
                Command::Effect(effect) => effects.push(effect),
                Command::Run(source) => self.open_run(source),
                Command::ReadLog(path) => effects.extend(self.open_log(path)),
                Command::StartRun {
                    id,
                    command,
                    timeout_seconds,
                    typed,
                } => {
                    if !typed.is_empty() {
                        self.remember_typed(typed);
                        effects.push(Effect::SaveSoon);
                    }
                    effects.push(Self::start_run(id, command, timeout_seconds));
                }
            }
        }
        effects
    }

    fn open(&mut self, opening: Opening) {
        self.stack.push(opening.into_screen());
    }

    /// Back to the triage in hand when it is about the same code; otherwise, for a code, the
    /// saved triages about it that are still open are looked up first (see
    /// [`App::offer_resume`]); without a code, a new triage.
    fn start_triage(&mut self, runbook: usize, code: Option<u16>) -> Vec<Effect> {
        if let Some(triage) = &self.triage {
            let same_code = code.is_none() || triage.session.code == code;
            if same_code && triage.runbook == runbook {
                self.stack.push(Screen::Triage);
                return Vec::new();
            }
        }
        match code {
            Some(code) => vec![Effect::FindOpen { runbook, code }],
            None => self.new_triage(runbook, None),
        }
    }

    /// With the open triages about `code` found (newest first): offers to resume one, or
    /// starts a new triage when there are none.
    pub fn offer_resume(
        &mut self,
        runbook: usize,
        code: u16,
        open: Vec<crate::session::Summary>,
    ) -> Vec<Effect> {
        if open.is_empty() {
            return self.new_triage(runbook, Some(code));
        }
        self.stack
            .push(Screen::Resume(ResumeScreen::new(runbook, code, open)));
        Vec::new()
    }

    /// A new triage pre-filled with the code in hand, saved at once.
    fn new_triage(&mut self, runbook: usize, code: Option<u16>) -> Vec<Effect> {
        let Some(book) = self.shared.runbook(runbook) else {
            return Vec::new();
        };
        let now = self.shared.now;
        let session = Session::new(now, &book.name, &book.source, &book.interview, code);
        let mut triage = TriageScreen::new(session, runbook, now);
        triage.save = SaveStatus::Pending;
        self.triage = Some(triage);
        self.stack.push(Screen::Triage);
        vec![Effect::Save]
    }

    /// Resuming a saved triage: the one in hand is simply shown again; another is opened by
    /// the event loop (it takes the file's lock), which then calls [`App::resumed`].
    fn resume_triage(&mut self, id: String) -> Vec<Effect> {
        if self.triage.as_ref().is_some_and(|t| t.session.id == id) {
            self.leave_resume_offer();
            self.stack.push(Screen::Triage);
            return Vec::new();
        }
        vec![Effect::Resume { id }]
    }

    /// How opening a saved triage went: on the triage screen in place of the offer, or a
    /// message on the status line with the offer still open (`n` still starts a new one).
    pub fn resumed(&mut self, result: Result<Session, String>) {
        match result {
            Ok(session) => {
                self.leave_resume_offer();
                self.resume(session);
            }
            Err(e) => self.notice = Some(format!("Cannot resume: {e}")),
        }
    }

    fn leave_resume_offer(&mut self) {
        if matches!(self.stack.last(), Some(Screen::Resume(_))) {
            self.stack.pop();
        }
    }

    /// Opens the escalation preview of the triage, fresh: outcomes of an earlier visit may be
    /// stale.
    fn escalate(&mut self) {
        let Some(triage) = &self.triage else {
            return;
        };
        let Some(runbook) = self.shared.runbook(triage.runbook) else {
            return;
        };
        let (screen, commands) = ExportScreen::new(&triage.session, runbook, self.shared.now);
        self.stack.push(Screen::Export(screen));
        // Only notices come back from preparing a preview.
        let _ = self.perform(commands);
    }

    /// Reports where the bundle went.
    pub fn exported(&mut self, result: Result<std::path::PathBuf, String>) {
        let redaction = self
            .export_screen()
            .and_then(ExportScreen::redaction)
            .map_or_else(String::new, |r| format!(" ({r})"));
        if let Ok(path) = &result
            && let Some(triage) = &mut self.triage
        {
            // No longer an open triage: `t` on its code stops offering to resume it.
            triage.session.exported = Some(self.shared.now);
            let folder = path
                .file_name()
                .map_or_else(String::new, |name| name.to_string_lossy().into_owned());
            triage.session.record(
                crate::session::EventKind::Exported { folder },
                self.shared.now,
                &self.shared.zone,
            );
        }
        let outcome = match result {
            Ok(path) => ExportOutcome {
                of: ExportStep::Bundle,
                text: format!("Bundle written to {}{redaction}", path.display()),
                trouble: false,
            },
            Err(e) => ExportOutcome {
                of: ExportStep::Bundle,
                text: format!("Bundle NOT written: {e}"),
                trouble: true,
            },
        };
        self.record_outcome(outcome);
    }

    /// Reports which way the copy of `what` went; `trouble` when it did not go the
    /// preferred way. The summary's outcome is also kept on the escalation screen.
    pub fn copied(&mut self, what: &Copying, description: &str, trouble: bool) {
        let text = format!("{} {description}", what.label());
        // Kept in the timeline whichever way it went (a file when no clipboard took it).
        if let Some(triage) = &mut self.triage
            && let Some(event) = what.event(description)
        {
            triage
                .session
                .record(event, self.shared.now, &self.shared.zone);
        }
        match what {
            Copying::Summary => self.record_outcome(ExportOutcome {
                of: ExportStep::Copy,
                text,
                trouble,
            }),
            Copying::Command { .. }
            | Copying::Update { .. }
            | Copying::HandOff { .. }
            | Copying::Timeline => {
                self.notice = Some(text);
            }
        }
    }

    /// Says that the copy of `what` went nowhere; nothing is kept in the timeline (an update
    /// nobody received restarts no countdown).
    pub fn copy_failed(&mut self, what: &Copying, description: &str) {
        let text = format!("{} {description}", what.label());
        match what {
            Copying::Summary => self.record_outcome(ExportOutcome {
                of: ExportStep::Copy,
                text,
                trouble: true,
            }),
            _ => self.notice = Some(text),
        }
    }

    /// Shows `outcome` on the status line and, in full, on the export screen if it is open.
    fn record_outcome(&mut self, outcome: ExportOutcome) {
        self.notice = Some(outcome.text.clone());
        if let Some(Screen::Export(screen)) = self.stack.last_mut() {
            screen.record(outcome);
        }
    }

    fn export_screen(&self) -> Option<&ExportScreen> {
        match self.screen() {
            Screen::Export(screen) => Some(screen),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests;
