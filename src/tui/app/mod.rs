//! The app's state and `App::update`, which applies an [`Action`] and returns the side effects
//! for the event loop to perform. No drawing and no terminal here.

use std::collections::BTreeSet;

use jiff::Timestamp;
use jiff::tz::TimeZone;

use crate::export::summary::Format;
use crate::matrix::{Matrix, Row};
use crate::runbook::model::AnswerKind;
use crate::runbook::model::Need;
use crate::runbook::{Card, Diagnostic, ScenarioCard, TeamRunbook};
use crate::session::{NoteTarget, Session, Stage};
use crate::triage::comparisons_for;

use super::keymap::{Action, Context};
use super::triage::{Field, Persist, SaveStatus, Triage};
use super::views;

mod escalate;
mod navigation;
mod triage_keys;

/// The most codes shown side by side in a comparison.
pub const MAX_COMPARE: usize = 4;

/// A screen of the app; the app keeps a stack of them so `Esc` goes back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Screen {
    /// Runbook errors and warnings found at start.
    Problems { scroll: usize },
    /// The code matrix: the start screen.
    Matrix,
    /// One code's card.
    Card {
        runbook: usize,
        code: u16,
        scroll: usize,
    },
    /// Codes side by side.
    Compare {
        runbook: usize,
        codes: Vec<u16>,
        scroll: usize,
    },
    /// The runbook's scenarios.
    Scenarios { runbook: usize, selected: usize },
    /// The guided triage held in [`App::triage`].
    Triage,
    /// The escalation preview of the triage, in one format.
    Export { format: Format, scroll: usize },
}

/// What the event loop must do after an update.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    Quit,
    Suspend,
    /// Write the triage session to disk now.
    Save,
    /// Write it within a second (the user is typing).
    SaveSoon,
    /// Write the bundle folder (named `name`) with these contents.
    WriteBundle {
        name: String,
        summary: String,
        json: String,
    },
    /// Copy the text to the clipboard (a new private file if no clipboard can take it).
    Copy {
        text: String,
    },
}

/// The redacted summary shown before it leaves the terminal.
#[derive(Debug, Clone)]
pub struct ExportPreview {
    pub format: Format,
    pub text: String,
    /// "3 secrets redacted".
    pub redaction: String,
    /// What was redacted, per kind ("2 cookie header, 1 jwt"); empty when nothing was.
    pub redacted_kinds: String,
    /// The team's needs that the evidence does not fill yet.
    pub missing: Vec<Need>,
    /// Where the bundle and the copy went, in full: the status line has room for one line
    /// only, and a path or a clipboard warning is exactly what must not be cut off.
    pub outcomes: Vec<ExportOutcome>,
}

/// What became of a bundle write or a copy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportOutcome {
    pub of: ExportStep,
    pub text: String,
    /// Something went wrong or was only partly done: shown as a warning.
    pub trouble: bool,
}

/// The two ways a summary leaves the app; the export screen shows the latest outcome of each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportStep {
    Bundle,
    Copy,
}

/// The matrix screen's own state: the search and the selection.
#[derive(Debug, Clone, Default)]
pub struct MatrixState {
    pub query: String,
    pub searching: bool,
    pub selected: usize,
    /// Rows matching the query, in display order.
    pub rows: Vec<Row>,
    /// Codes marked for comparison, as (runbook, code).
    pub marked: BTreeSet<(usize, u16)>,
    /// Digits typed to jump to a code.
    pub digits: String,
    /// The longest title among `rows`, so the title column does not shift while scrolling.
    pub longest_title: usize,
    /// The engineer has moved, jumped or searched to a row. Until then the highlighted row is
    /// just the first one, and a triage started from the matrix asks for the code instead of
    /// assuming it.
    pub picked: bool,
}

/// Everything the app shows.
#[derive(Debug, Clone)]
pub struct App {
    pub matrix: Matrix,
    pub findings: Vec<Diagnostic>,
    pub stack: Vec<Screen>,
    pub table: MatrixState,
    pub help_open: bool,
    /// A one-line message for the status bar, cleared by the next action.
    pub notice: Option<String>,
    /// Colours allowed (false under `NO_COLOR`: bold and reverse only).
    pub color: bool,
    /// The terminal size at the last draw, for paging and scroll limits.
    pub viewport: (u16, u16),
    /// The time, set by the event loop before each update (the app never reads the clock).
    pub now: Timestamp,
    /// The engineer's time zone, for note stamps.
    pub zone: TimeZone,
    /// The triage being worked on, kept when leaving its screen.
    pub triage: Option<Triage>,
    /// The escalation preview, computed when it is opened or its format changes.
    pub preview: Option<ExportPreview>,
}

impl App {
    /// A new app on the matrix; on the problems screen first when a runbook has errors.
    pub fn new(matrix: Matrix, findings: Vec<Diagnostic>, color: bool) -> Self {
        let mut app = Self {
            matrix,
            findings,
            stack: vec![Screen::Matrix],
            table: MatrixState::default(),
            help_open: false,
            notice: None,
            color,
            viewport: (80, 24),
            now: Timestamp::UNIX_EPOCH,
            zone: TimeZone::UTC,
            triage: None,
            preview: None,
        };
        app.refresh_rows();
        if app.findings.iter().any(Diagnostic::is_error) {
            app.stack.push(Screen::Problems { scroll: 0 });
        }
        app
    }

    /// Opens the app straight on the card of `code` (`api-triage 502`).
    pub fn open_code(&mut self, code: u16) {
        let runbook = self.runbook_index_for(Some(code));
        self.stack.push(Screen::Card {
            runbook,
            code,
            scroll: 0,
        });
    }

    pub fn screen(&self) -> &Screen {
        self.stack.last().unwrap_or(&Screen::Matrix)
    }

    /// Which key context applies now.
    pub fn context(&self) -> Context {
        match self.screen() {
            Screen::Matrix if self.table.searching => Context::Searching,
            Screen::Matrix => Context::Matrix,
            Screen::Card { .. } => Context::Card,
            Screen::Compare { .. } => Context::Compare,
            Screen::Scenarios { .. } => Context::Scenarios,
            Screen::Triage => self.triage_context(),
            Screen::Export { .. } => Context::Export,
            Screen::Problems { .. } => Context::Problems,
        }
    }

    fn triage_context(&self) -> Context {
        let Some(triage) = &self.triage else {
            return Context::Triage;
        };
        if triage.prompt.is_some() {
            return Context::Prompt;
        }
        if triage.editor.is_some() {
            return Context::Editor;
        }
        match triage.session.stage {
            Stage::Checklist => Context::Checklist,
            Stage::Interview => match self
                .runbook(triage.runbook)
                .and_then(|r| triage.question(r))
                .map(|q| q.kind)
            {
                Some(AnswerKind::Choice) | None => Context::InterviewChoice,
                Some(AnswerKind::Code | AnswerKind::Text) => Context::InterviewInput,
            },
        }
    }

    /// Reopens a saved session on the triage screen.
    pub fn resume(&mut self, session: Session) {
        let runbook = self
            .matrix
            .runbooks()
            .iter()
            .position(|r| r.name == session.runbook)
            .unwrap_or_else(|| self.runbook_index_for(session.code));
        if self
            .matrix
            .runbooks()
            .get(runbook)
            .is_some_and(|r| r.name != session.runbook)
        {
            self.notice = Some(format!(
                "Runbook \"{}\" is not loaded; following \"{}\" instead",
                session.runbook,
                self.matrix.runbooks()[runbook].name
            ));
        }
        let mut triage = Triage::new(session, runbook, self.now);
        triage.saved_once = true;
        self.triage = Some(triage);
        self.stack.push(Screen::Triage);
    }

    /// Records how the last save went, for the status bar.
    pub fn saved(&mut self, result: Result<(), String>) {
        if let Some(triage) = &mut self.triage {
            triage.saved_once |= result.is_ok();
            triage.save = match result {
                Ok(()) => SaveStatus::Saved(self.now),
                Err(e) => SaveStatus::Failed(e),
            };
        }
    }

    pub fn runbook(&self, index: usize) -> Option<&TeamRunbook> {
        self.matrix.runbooks().get(index)
    }

    /// The card for a code in a runbook, falling back to its class advice.
    pub fn card(&self, runbook: usize, code: u16) -> Option<Card> {
        self.runbook(runbook)?.card(code)
    }

    pub fn scenarios(&self, runbook: usize) -> &[ScenarioCard] {
        self.runbook(runbook)
            .map_or(&[], |r| r.scenarios.as_slice())
    }

    /// Lines a page holds: the terminal height less the title and status bars.
    fn page(&self) -> usize {
        usize::from(self.viewport.1.saturating_sub(4)).max(1)
    }

    /// Applies `action` and returns what the event loop must do.
    pub fn update(&mut self, action: Action) -> Vec<Effect> {
        self.notice = None;
        if self.help_open {
            // The overlay takes every key; any key but quit closes it.
            match action {
                Action::Quit => return vec![Effect::Quit],
                Action::Suspend => return vec![Effect::Suspend],
                _ => {
                    self.help_open = false;
                    return Vec::new();
                }
            }
        }
        if matches!(self.screen(), Screen::Triage) && self.triage.is_some() {
            return self.update_triage(action);
        }
        match action {
            Action::Quit => return self.quit(),
            Action::Suspend => return vec![Effect::Suspend],
            Action::Help => self.help_open = true,
            Action::Back => self.back(),
            Action::Problems => self.stack.push(Screen::Problems { scroll: 0 }),
            Action::Scenarios => {
                let runbook = self.current_runbook();
                self.stack.push(Screen::Scenarios {
                    runbook,
                    selected: 0,
                });
            }
            Action::Triage => return self.start_triage(),
            Action::Compare => self.compare(),
            Action::Open if matches!(self.screen(), Screen::Export { .. }) => {
                return self.write_bundle();
            }
            Action::Copy => return self.copy_summary(),
            Action::CycleFormat => {
                if let Some(Screen::Export { format, scroll }) = self.stack.last_mut() {
                    *format = format.next();
                    *scroll = 0;
                    let format = *format;
                    self.refresh_preview(format);
                }
            }
            Action::Open => self.open(),
            Action::Search => {
                self.table.searching = true;
                self.table.digits.clear();
            }
            Action::ToggleSelect => self.toggle_mark(),
            Action::Type(c) => self.type_char(c),
            Action::Backspace => {
                self.table.query.pop();
                self.refresh_rows();
            }
            Action::Paste(text) => self.paste(&text),
            Action::Up | Action::ScrollUp => self.move_by(-1),
            Action::Down | Action::ScrollDown => self.move_by(1),
            Action::PageUp => self.move_by(-isize_of(self.page())),
            Action::PageDown => self.move_by(isize_of(self.page())),
            Action::Top => self.move_by(isize::MIN / 2),
            Action::Bottom => self.move_by(isize::MAX / 2),
            // Keys that only mean something on the triage screen.
            Action::Edit(_)
            | Action::Skip
            | Action::Mark(_)
            | Action::IncidentNote
            | Action::RevealSecrets
            | Action::Details
            | Action::Interview
            | Action::Export
            | Action::Save => {}
        }
        Vec::new()
    }

    /// Quitting saves a triage first, including a note still being written.
    fn quit(&self) -> Vec<Effect> {
        if self.triage.is_some() {
            vec![Effect::Save, Effect::Quit]
        } else {
            vec![Effect::Quit]
        }
    }
}

fn isize_of(value: usize) -> isize {
    isize::try_from(value).unwrap_or(isize::MAX)
}

#[cfg(test)]
mod tests;
