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

    /// Recomputes the redacted summary of the triage in `format`.
    fn refresh_preview(&mut self, format: Format) {
        let outcomes = self.preview.take().map(|p| p.outcomes).unwrap_or_default();
        let Some(triage) = &self.triage else {
            return;
        };
        let Some(runbook) = self.runbook(triage.runbook) else {
            return;
        };
        match crate::export::prepare(&triage.session, runbook, true) {
            Ok(prepared) => {
                self.preview = Some(ExportPreview {
                    format,
                    text: prepared.render(runbook, self.now, format),
                    redaction: prepared.redaction_note(),
                    redacted_kinds: prepared.redaction_kinds(),
                    missing: prepared.missing,
                    outcomes,
                });
            }
            Err(e) => self.notice = Some(e.to_string()),
        }
    }

    /// The effect that writes the bundle of the triage, redacted.
    fn write_bundle(&mut self) -> Vec<Effect> {
        let Some(triage) = &self.triage else {
            return Vec::new();
        };
        let Some(runbook) = self.runbook(triage.runbook) else {
            return Vec::new();
        };
        match crate::export::prepare(&triage.session, runbook, true) {
            Ok(prepared) => {
                let name = crate::export::bundle::folder_name(
                    self.now,
                    prepared.session.code(&runbook.interview),
                    &prepared.session.incident.title,
                );
                vec![
                    Effect::Save,
                    Effect::WriteBundle {
                        name,
                        summary: prepared.render(runbook, self.now, Format::Md),
                        json: prepared.bundle_json(runbook, self.now),
                    },
                ]
            }
            Err(e) => {
                self.notice = Some(e.to_string());
                Vec::new()
            }
        }
    }

    /// The effect that copies the summary: the previewed format, else Markdown.
    fn copy_summary(&mut self) -> Vec<Effect> {
        let format = match self.screen() {
            Screen::Export { format, .. } => *format,
            _ => Format::Md,
        };
        let Some(triage) = &self.triage else {
            return Vec::new();
        };
        let Some(runbook) = self.runbook(triage.runbook) else {
            return Vec::new();
        };
        match crate::export::prepare(&triage.session, runbook, true) {
            Ok(prepared) => {
                let effect = Effect::Copy {
                    text: prepared.render(runbook, self.now, format),
                };
                self.notice = Some(format!(
                    "Copying the summary ({})…",
                    prepared.redaction_note()
                ));
                vec![effect]
            }
            Err(e) => {
                self.notice = Some(e.to_string());
                Vec::new()
            }
        }
    }

    /// Reports where the bundle went.
    pub fn exported(&mut self, result: Result<std::path::PathBuf, String>) {
        let redaction = self
            .preview
            .as_ref()
            .map_or_else(String::new, |p| format!(" ({})", p.redaction));
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

    /// Reports which way the copy went; `trouble` when it did not go the preferred way.
    pub fn copied(&mut self, description: &str, trouble: bool) {
        let outcome = ExportOutcome {
            of: ExportStep::Copy,
            text: format!("Summary {description}"),
            trouble,
        };
        self.record_outcome(outcome);
    }

    /// Shows `outcome` on the status line and, in full, on the export screen, replacing the
    /// earlier outcome of the same step.
    fn record_outcome(&mut self, outcome: ExportOutcome) {
        self.notice = Some(outcome.text.clone());
        if let Some(preview) = &mut self.preview {
            preview.outcomes.retain(|o| o.of != outcome.of);
            preview.outcomes.push(outcome);
        }
    }

    /// Quitting saves a triage first, including a note still being written.
    fn quit(&self) -> Vec<Effect> {
        if self.triage.is_some() {
            vec![Effect::Save, Effect::Quit]
        } else {
            vec![Effect::Quit]
        }
    }

    /// `t`: back to the open triage when it is about the same code, otherwise a new one
    /// pre-filled with the code in hand.
    fn start_triage(&mut self) -> Vec<Effect> {
        let (runbook, mut code) = self.current_code();
        if matches!(self.screen(), Screen::Matrix) && !self.table.picked {
            code = None;
        }
        if let Some(triage) = &self.triage {
            let same_code = code.is_none() || triage.session.code == code;
            if same_code && triage.runbook == runbook {
                self.stack.push(Screen::Triage);
                return Vec::new();
            }
        }
        let Some(book) = self.runbook(runbook) else {
            return Vec::new();
        };
        let session = Session::new(self.now, &book.name, &book.source, &book.interview, code);
        let mut triage = Triage::new(session, runbook, self.now);
        triage.save = SaveStatus::Pending;
        self.triage = Some(triage);
        self.stack.push(Screen::Triage);
        vec![Effect::Save]
    }

    fn update_triage(&mut self, action: Action) -> Vec<Effect> {
        let context = self.context();
        let now = self.now;
        let zone = self.zone.clone();
        let Some(mut triage) = self.triage.take() else {
            return Vec::new();
        };
        let Some(runbook) = self.matrix.runbooks().get(triage.runbook).cloned() else {
            self.triage = Some(triage);
            return Vec::new();
        };
        let mut effects = Vec::new();
        let mut leave = false;
        let persist = match (context, action) {
            (_, Action::Quit) => {
                self.triage = Some(triage);
                return self.quit();
            }
            (_, Action::Suspend) => {
                self.triage = Some(triage);
                return vec![Effect::Save, Effect::Suspend];
            }
            (_, Action::Help) => {
                self.help_open = true;
                Persist::Nothing
            }
            (_, Action::Paste(text)) => triage.paste(&text),
            (_, Action::Edit(key)) => triage.edit(key),
            (Context::Prompt, Action::Open) => triage.confirm_prompt(),
            (Context::Prompt, Action::Back) => {
                triage.cancel_prompt();
                Persist::Nothing
            }
            (Context::Editor, Action::Back | Action::Save) => {
                triage.finish_note(now, &zone, &runbook)
            }
            (_, Action::IncidentNote) => {
                triage.open_editor(NoteTarget::Incident);
                Persist::Soon
            }
            (_, Action::Details) => {
                triage.open_detail(Field::Title);
                Persist::Nothing
            }
            (_, Action::RevealSecrets) => {
                triage.reveal = !triage.reveal;
                self.notice = Some(if triage.reveal {
                    "Secrets shown on screen: v hides them again. Exports stay redacted.".to_owned()
                } else {
                    "Secrets hidden on screen, as in the export.".to_owned()
                });
                Persist::Nothing
            }
            (Context::InterviewChoice | Context::InterviewInput, Action::Open) => {
                triage.submit_answer(&runbook)
            }
            (Context::InterviewChoice, Action::Type(digit)) => {
                triage.answer_by_number(&runbook, digit)
            }
            (Context::InterviewChoice, Action::Up | Action::ScrollUp) => {
                triage.move_option(&runbook, -1);
                Persist::Nothing
            }
            (Context::InterviewChoice, Action::Down | Action::ScrollDown) => {
                triage.move_option(&runbook, 1);
                Persist::Nothing
            }
            (Context::InterviewChoice | Context::InterviewInput, Action::Skip) => {
                triage.skip_question(&runbook)
            }
            (Context::InterviewChoice | Context::InterviewInput, Action::Back) => {
                leave = !triage.previous_question(&runbook);
                Persist::Soon
            }
            (Context::Checklist, Action::Up | Action::ScrollUp) => {
                triage.move_step(-1);
                Persist::Soon
            }
            (Context::Checklist, Action::Down | Action::ScrollDown) => {
                triage.move_step(1);
                Persist::Soon
            }
            (Context::Checklist, Action::PageUp) => {
                triage.move_step(-isize_of(self.page()));
                Persist::Soon
            }
            (Context::Checklist, Action::PageDown) => {
                triage.move_step(isize_of(self.page()));
                Persist::Soon
            }
            (Context::Checklist, Action::Top) => {
                triage.move_step(isize::MIN / 2);
                Persist::Soon
            }
            (Context::Checklist, Action::Bottom) => {
                triage.move_step(isize::MAX / 2);
                Persist::Soon
            }
            (Context::Checklist, Action::Mark(outcome)) => triage.mark(outcome),
            (Context::Checklist, Action::Open) => {
                triage.open_step_editor();
                Persist::Soon
            }
            (Context::Checklist, Action::Interview) => triage.reopen_interview(&runbook),
            (Context::Checklist, Action::Export) => {
                self.triage = Some(triage);
                self.stack.push(Screen::Export {
                    format: Format::Md,
                    scroll: 0,
                });
                // A fresh look at the export: outcomes of an earlier visit may be stale.
                self.preview = None;
                self.refresh_preview(Format::Md);
                return vec![Effect::Save];
            }
            (Context::Checklist, Action::Copy) => {
                self.triage = Some(triage);
                let mut effects = self.copy_summary();
                effects.insert(0, Effect::Save);
                return effects;
            }
            (Context::Checklist, Action::Compare) => {
                if let Some(code) = triage.code(&runbook) {
                    let suggested = comparisons_for(&runbook, code, &triage.session.interview);
                    if let Some(first) = suggested.first() {
                        let mut codes = vec![code];
                        codes.extend(
                            first
                                .comparison
                                .codes
                                .iter()
                                .copied()
                                .filter(|c| *c != code),
                        );
                        codes.truncate(MAX_COMPARE);
                        self.stack.push(Screen::Compare {
                            runbook: triage.runbook,
                            codes,
                            scroll: 0,
                        });
                    }
                }
                Persist::Nothing
            }
            (Context::Checklist, Action::Back) => {
                leave = true;
                Persist::Nothing
            }
            _ => Persist::Nothing,
        };
        match persist {
            Persist::Nothing => {}
            Persist::Soon => {
                triage.save = SaveStatus::Pending;
                effects.push(Effect::SaveSoon);
            }
            Persist::Now => {
                triage.save = SaveStatus::Pending;
                effects.push(Effect::Save);
            }
        }
        triage.session.updated = now;
        self.triage = Some(triage);
        if leave {
            self.stack.pop();
            effects.push(Effect::Save);
        }
        effects
    }

    fn back(&mut self) {
        if matches!(self.screen(), Screen::Matrix) {
            if self.table.searching || !self.table.query.is_empty() {
                self.table.searching = false;
                self.table.query.clear();
                self.refresh_rows();
            } else if !self.table.marked.is_empty() {
                self.table.marked.clear();
                self.notice = Some("Marks cleared".to_owned());
            }
            return;
        }
        self.stack.pop();
        if self.stack.is_empty() {
            self.stack.push(Screen::Matrix);
        }
    }

    /// The runbook the current screen is about, or the one to use for a new view.
    fn current_runbook(&self) -> usize {
        match self.screen() {
            Screen::Card { runbook, .. }
            | Screen::Compare { runbook, .. }
            | Screen::Scenarios { runbook, .. } => *runbook,
            Screen::Triage | Screen::Export { .. } => self.triage.as_ref().map_or(0, |t| t.runbook),
            Screen::Matrix => self
                .table
                .rows
                .get(self.table.selected)
                .map_or_else(|| self.runbook_index_for(None), |r| r.runbook),
            Screen::Problems { .. } => self.runbook_index_for(None),
        }
    }

    /// The code the current screen is about, if any, with its runbook.
    fn current_code(&self) -> (usize, Option<u16>) {
        match self.screen() {
            Screen::Card { runbook, code, .. } => (*runbook, Some(*code)),
            Screen::Compare { runbook, codes, .. } => (*runbook, codes.first().copied()),
            Screen::Matrix => self
                .table
                .rows
                .get(self.table.selected)
                .map_or((self.runbook_index_for(None), None), |r| {
                    (r.runbook, Some(r.code))
                }),
            Screen::Scenarios { runbook, selected } => (
                *runbook,
                self.scenarios(*runbook)
                    .get(*selected)
                    .and_then(|s| s.codes.first().copied()),
            ),
            Screen::Triage | Screen::Export { .. } => self
                .triage
                .as_ref()
                .map_or((0, None), |t| (t.runbook, t.session.code)),
            Screen::Problems { .. } => (self.runbook_index_for(None), None),
        }
    }

    fn runbook_index_for(&self, code: Option<u16>) -> usize {
        let picked = self.matrix.pick(None, code);
        self.matrix
            .runbooks()
            .iter()
            .position(|r| picked.is_some_and(|p| std::ptr::eq(p, r)))
            .unwrap_or(0)
    }

    fn open(&mut self) {
        match self.screen().clone() {
            Screen::Matrix => {
                self.table.searching = false;
                self.table.picked = true;
                if let Some(row) = self.table.rows.get(self.table.selected) {
                    self.stack.push(Screen::Card {
                        runbook: row.runbook,
                        code: row.code,
                        scroll: 0,
                    });
                }
            }
            Screen::Scenarios { runbook, selected } => {
                let Some(scenario) = self.scenarios(runbook).get(selected) else {
                    return;
                };
                let codes = scenario.codes.clone();
                match codes.as_slice() {
                    [] => {}
                    [code] => self.stack.push(Screen::Card {
                        runbook,
                        code: *code,
                        scroll: 0,
                    }),
                    _ => self.stack.push(Screen::Compare {
                        runbook,
                        codes: codes.into_iter().take(MAX_COMPARE).collect(),
                        scroll: 0,
                    }),
                }
            }
            Screen::Problems { .. } => self.back(),
            _ => {}
        }
    }

    fn compare(&mut self) {
        let (runbook, codes) = match self.screen() {
            Screen::Matrix if self.table.marked.len() >= 2 => {
                let first = self.table.marked.iter().next().map_or(0, |m| m.0);
                let codes: Vec<u16> = self
                    .table
                    .marked
                    .iter()
                    .filter(|m| m.0 == first)
                    .map(|m| m.1)
                    .collect();
                (first, codes)
            }
            _ => {
                let (runbook, Some(code)) = self.current_code() else {
                    return;
                };
                let mut codes = vec![code];
                if let Some(card) = self.card(runbook, code) {
                    codes.extend(card.compare.iter().copied().filter(|c| *c != code));
                }
                (runbook, codes)
            }
        };
        if codes.len() < 2 {
            self.notice = Some(
                "Nothing to compare: mark codes with Space, or open a code that lists look-alikes"
                    .to_owned(),
            );
            return;
        }
        if codes.len() > MAX_COMPARE {
            self.notice = Some(format!("Comparing the first {MAX_COMPARE} codes"));
        }
        self.stack.push(Screen::Compare {
            runbook,
            codes: codes.into_iter().take(MAX_COMPARE).collect(),
            scroll: 0,
        });
    }

    fn toggle_mark(&mut self) {
        let Some(row) = self.table.rows.get(self.table.selected) else {
            return;
        };
        let key = (row.runbook, row.code);
        if !self.table.marked.remove(&key) {
            self.table.marked.insert(key);
        }
        self.move_by(1);
    }

    fn type_char(&mut self, c: char) {
        if self.table.searching {
            self.table.query.push(c);
            self.refresh_rows();
            return;
        }
        // Digits on the matrix jump to the first code that starts with them.
        if self.table.digits.len() >= 3 {
            self.table.digits.clear();
        }
        self.table.digits.push(c);
        let digits = self.table.digits.clone();
        if let Some(index) = self
            .table
            .rows
            .iter()
            .position(|r| r.code.to_string().starts_with(&digits))
        {
            self.table.selected = index;
            self.table.picked = true;
        } else if digits.len() == 3 {
            // A code the runbook does not list still has its class advice.
            if let Ok(code) = digits.parse::<u16>() {
                if crate::code::StatusCode::is_valid(code) {
                    self.open_code(code);
                } else {
                    self.notice = Some(format!("{code} is not an HTTP status code"));
                }
            }
        }
        if digits.len() == 3 {
            self.table.digits.clear();
        }
    }

    fn paste(&mut self, text: &str) {
        if !self.table.searching || !matches!(self.screen(), Screen::Matrix) {
            self.notice = Some("Paste ignored: there is no text field here".to_owned());
            return;
        }
        // A search is one line: the first line of the normalised paste (terminals send line
        // breaks as CR), without control characters.
        let text = crate::text::normalize(text);
        let line = text.lines().next().unwrap_or("");
        self.table
            .query
            .extend(line.chars().filter(|c| !c.is_control()).take(200));
        self.refresh_rows();
    }

    /// Recomputes the matrix rows for the query, keeping the selection in range.
    pub fn refresh_rows(&mut self) {
        let previous = self
            .table
            .rows
            .get(self.table.selected)
            .map(|r| (r.runbook, r.code));
        let hits = self.matrix.search(&self.table.query);
        let mut rows: Vec<Row> = hits.into_iter().map(|h| h.row).collect();
        if self.table.query.trim().is_empty() {
            rows.sort_by(|a, b| a.runbook.cmp(&b.runbook).then(a.code.cmp(&b.code)));
        }
        self.table.longest_title = rows
            .iter()
            .map(|r| r.title.chars().count())
            .max()
            .unwrap_or(10);
        self.table.rows = rows;
        if !self.table.query.trim().is_empty() {
            self.table.picked = true;
        }
        self.table.selected = if self.table.query.is_empty() {
            // A cleared search keeps the row it had found, not whatever sits at its index.
            previous
                .and_then(|p| {
                    self.table
                        .rows
                        .iter()
                        .position(|r| (r.runbook, r.code) == p)
                })
                .unwrap_or(self.table.selected)
                .min(self.table.rows.len().saturating_sub(1))
        } else {
            0
        };
    }

    fn move_by(&mut self, delta: isize) {
        let width = self.viewport.0;
        let page = self.page();
        let app = &*self;
        let limit = match app.screen() {
            Screen::Matrix => app.table.rows.len().saturating_sub(1),
            Screen::Scenarios { runbook, .. } => app.scenarios(*runbook).len().saturating_sub(1),
            Screen::Card { .. } | Screen::Compare { .. } | Screen::Problems { .. } => {
                views::content_height(app, width).saturating_sub(page)
            }
            Screen::Triage => 0,
            Screen::Export { .. } => views::content_height(app, width).saturating_sub(page),
        };
        let shift = |value: usize| -> usize {
            let moved = isize_of(value).saturating_add(delta).max(0);
            usize::try_from(moved).unwrap_or(0).min(limit)
        };
        match self.stack.last_mut() {
            Some(Screen::Matrix) => {
                self.table.selected = shift(self.table.selected);
                self.table.picked = true;
            }
            Some(Screen::Scenarios { selected, .. }) => *selected = shift(*selected),
            Some(
                Screen::Card { scroll, .. }
                | Screen::Compare { scroll, .. }
                | Screen::Problems { scroll }
                | Screen::Export { scroll, .. },
            ) => *scroll = shift(*scroll),
            _ => {}
        }
    }
}

fn isize_of(value: usize) -> isize {
    isize::try_from(value).unwrap_or(isize::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::runbook::load_texts;
    use std::fmt::Write as _;

    fn app() -> App {
        let report = load_texts(Vec::new(), None);
        App::new(Matrix::from_report(&report), report.findings, false)
    }

    fn selected_code(app: &App) -> u16 {
        app.table.rows[app.table.selected].code
    }

    #[test]
    fn moving_stays_within_the_list() {
        let mut a = app();
        a.update(Action::Up);
        assert_eq!(a.table.selected, 0);
        a.update(Action::Bottom);
        assert_eq!(a.table.selected, a.table.rows.len() - 1);
        a.update(Action::Down);
        assert_eq!(a.table.selected, a.table.rows.len() - 1);
        a.update(Action::Top);
        assert_eq!(a.table.selected, 0);
        a.update(Action::PageDown);
        assert_eq!(a.table.selected, a.page().min(a.table.rows.len() - 1));
        a.update(Action::PageUp);
        assert_eq!(a.table.selected, 0);
        a.update(Action::ScrollDown);
        assert_eq!(a.table.selected, 1);
        a.update(Action::ScrollUp);
        assert_eq!(a.table.selected, 0);
    }

    #[test]
    fn search_filters_as_you_type_and_esc_clears() {
        let mut a = app();
        let all = a.table.rows.len();
        a.update(Action::Search);
        assert_eq!(a.context(), Context::Searching);
        for c in "gatway".chars() {
            a.update(Action::Type(c));
        }
        assert_eq!(selected_code(&a), 502);
        assert!(a.table.rows.len() < all);
        a.update(Action::Backspace);
        assert_eq!(a.table.query, "gatwa");
        a.update(Action::Back);
        assert!(a.table.query.is_empty() && !a.table.searching);
        assert_eq!(a.table.rows.len(), all);
    }

    #[test]
    fn enter_opens_the_card_and_esc_goes_back() {
        let mut a = app();
        a.update(Action::Search);
        for c in "504".chars() {
            a.update(Action::Type(c));
        }
        a.update(Action::Open);
        assert_eq!(
            a.screen(),
            &Screen::Card {
                runbook: 0,
                code: 504,
                scroll: 0
            }
        );
        a.update(Action::Down);
        assert!(matches!(a.screen(), Screen::Card { scroll: 1, .. }));
        a.update(Action::Back);
        assert_eq!(a.screen(), &Screen::Matrix);
    }

    #[test]
    fn digits_jump_to_a_code_and_an_unlisted_code_opens_its_class_card() {
        let mut a = app();
        for c in "42".chars() {
            a.update(Action::Type(c));
        }
        // The first listed code starting with the digits: 421 Misdirected Request.
        assert_eq!(selected_code(&a), 421);
        a.update(Action::Type('9'));
        assert_eq!(selected_code(&a), 429);
        for c in "418".chars() {
            a.update(Action::Type(c));
        }
        assert_eq!(
            a.screen(),
            &Screen::Card {
                runbook: 0,
                code: 418,
                scroll: 0
            }
        );
    }

    #[test]
    fn compare_from_a_card_uses_its_look_alikes() {
        let mut a = app();
        a.open_code(401);
        a.update(Action::Compare);
        let Screen::Compare { codes, .. } = a.screen() else {
            panic!("not on compare: {:?}", a.screen());
        };
        assert_eq!(codes[0], 401);
        assert!(codes.contains(&403));
        assert!(codes.len() <= MAX_COMPARE);
    }

    #[test]
    fn compare_marked_codes_from_the_matrix() {
        let mut a = app();
        for c in "502".chars() {
            a.update(Action::Type(c));
        }
        a.update(Action::ToggleSelect);
        a.update(Action::ToggleSelect);
        assert_eq!(a.table.marked.len(), 2);
        a.update(Action::Compare);
        assert_eq!(
            a.screen(),
            &Screen::Compare {
                runbook: 0,
                codes: vec![502, 503],
                scroll: 0
            }
        );
        a.update(Action::Back);
        a.update(Action::Back);
        assert!(a.table.marked.is_empty(), "Esc on the matrix clears marks");
    }

    #[test]
    fn compare_with_nothing_to_compare_explains_why() {
        let team = "[runbook]\nname = \"T\"\n[codes.202]\ncompare = []\n".to_owned();
        let report = load_texts(vec![("t.toml".to_owned(), team)], None);
        let mut a = App::new(Matrix::from_report(&report), report.findings, false);
        a.open_code(202);
        let before = a.stack.len();
        a.update(Action::Compare);
        assert_eq!(a.stack.len(), before);
        assert!(
            a.notice
                .as_deref()
                .is_some_and(|n| n.contains("Nothing to compare"))
        );
    }

    #[test]
    fn scenarios_lead_to_their_codes() {
        let mut a = app();
        a.update(Action::Scenarios);
        let scenarios = a.scenarios(0).to_vec();
        let index = scenarios
            .iter()
            .position(|s| s.codes.len() == 1)
            .expect("a one-code scenario");
        for _ in 0..index {
            a.update(Action::Down);
        }
        a.update(Action::Open);
        assert!(
            matches!(a.screen(), Screen::Card { code, .. } if *code == scenarios[index].codes[0])
        );
    }

    #[test]
    fn triage_from_an_untouched_matrix_asks_for_the_code() {
        let mut a = app();
        a.update(Action::Triage);
        let triage = a.triage.as_ref().unwrap();
        assert_eq!(triage.session.code, None, "the first row is not a choice");
        assert_eq!(triage.question(a.runbook(0).unwrap()).unwrap().id, "code");
    }

    #[test]
    fn triage_from_a_row_the_engineer_moved_to_takes_its_code() {
        let mut a = app();
        a.update(Action::Down);
        let code = selected_code(&a);
        a.update(Action::Triage);
        assert_eq!(a.triage.as_ref().unwrap().session.code, Some(code));
        let mut b = app();
        for digit in ['5', '0', '2'] {
            b.update(Action::Type(digit));
        }
        b.update(Action::Triage);
        assert_eq!(b.triage.as_ref().unwrap().session.code, Some(502));
        // The row read on its card and left with Esc was chosen too.
        let mut c = app();
        c.update(Action::Open);
        c.update(Action::Back);
        let first = selected_code(&c);
        c.update(Action::Triage);
        assert_eq!(c.triage.as_ref().unwrap().session.code, Some(first));
    }

    #[test]
    fn a_cleared_search_keeps_the_row_it_found() {
        let mut a = app();
        a.update(Action::Search);
        for c in "gatway".chars() {
            a.update(Action::Type(c));
        }
        assert_eq!(selected_code(&a), 502);
        a.update(Action::Back);
        assert!(a.table.query.is_empty());
        assert_eq!(selected_code(&a), 502, "still on the row the search found");
        a.update(Action::Triage);
        assert_eq!(a.triage.as_ref().unwrap().session.code, Some(502));
    }

    #[test]
    fn triage_starts_prefilled_with_the_code_in_hand() {
        let mut a = app();
        a.open_code(503);
        let effects = a.update(Action::Triage);
        assert_eq!(effects, vec![Effect::Save], "a new triage is saved at once");
        assert_eq!(a.screen(), &Screen::Triage);
        let triage = a.triage.as_ref().unwrap();
        assert_eq!(triage.session.code, Some(503));
        assert_eq!(
            triage.question(a.runbook(0).unwrap()).unwrap().id,
            "service"
        );
    }

    #[test]
    fn help_opens_and_any_key_closes_it_without_acting() {
        let mut a = app();
        a.update(Action::Help);
        assert!(a.help_open);
        a.update(Action::Down);
        assert!(!a.help_open);
        assert_eq!(a.table.selected, 0, "the key that closed help did not move");
    }

    #[test]
    fn quit_and_suspend_are_effects() {
        let mut a = app();
        assert_eq!(a.update(Action::Quit), vec![Effect::Quit]);
        assert_eq!(a.update(Action::Suspend), vec![Effect::Suspend]);
        a.update(Action::Help);
        assert_eq!(a.update(Action::Quit), vec![Effect::Quit]);
    }

    #[test]
    fn paste_goes_into_the_search_only_and_loses_control_characters() {
        let mut a = app();
        a.update(Action::Paste("q".to_owned()));
        assert!(a.notice.is_some());
        assert_eq!(a.screen(), &Screen::Matrix);
        a.update(Action::Search);
        a.update(Action::Paste("gate\u{1b}[2Jway\nsecond line".to_owned()));
        // Spelled out, never obeyed: the search shows what was pasted.
        assert_eq!(a.table.query, "gate\\e[2Jway");
    }

    #[test]
    fn problems_screen_comes_first_when_a_runbook_is_broken() {
        let team = "[runbook]\nname = \"T\"\n[codes.502]\nowner = \"ghost\"\n".to_owned();
        let report = load_texts(vec![("t.toml".to_owned(), team)], None);
        let mut a = App::new(Matrix::from_report(&report), report.findings, false);
        assert_eq!(a.screen(), &Screen::Problems { scroll: 0 });
        a.update(Action::Open);
        assert_eq!(a.screen(), &Screen::Matrix);
        a.update(Action::Problems);
        assert_eq!(a.screen(), &Screen::Problems { scroll: 0 });
    }

    fn at(text: &str) -> Timestamp {
        text.parse().unwrap()
    }

    fn key(c: char) -> Action {
        Action::Edit(ratatui::crossterm::event::KeyEvent::new(
            ratatui::crossterm::event::KeyCode::Char(c),
            ratatui::crossterm::event::KeyModifiers::NONE,
        ))
    }

    fn typed(a: &mut App, text: &str) {
        for c in text.chars() {
            a.update(key(c));
        }
    }

    /// A triage of 502 walked to its checklist: gateway, intermittent.
    fn triage_at_checklist() -> App {
        let mut a = app();
        a.now = at("2026-11-23T09:00:00Z");
        a.open_code(502);
        a.update(Action::Triage);
        typed(&mut a, "orders POST /v1/orders");
        a.update(Action::Open);
        for answer in ['2', '1', '1'] {
            a.update(Action::Type(answer));
        }
        a.update(Action::Skip);
        a.update(Action::Type('4'));
        a
    }

    #[test]
    fn the_interview_leads_to_the_checklist_with_answers_kept() {
        let a = triage_at_checklist();
        let triage = a.triage.as_ref().unwrap();
        assert_eq!(a.context(), Context::Checklist);
        assert_eq!(triage.session.stage, Stage::Checklist);
        let answers = &triage.session.interview.answers;
        assert_eq!(
            answers["service"],
            crate::triage::Answer::Text("orders POST /v1/orders".into())
        );
        assert_eq!(
            answers["layer"],
            crate::triage::Answer::Choice("gateway".into())
        );
        assert_eq!(
            answers["spread"],
            crate::triage::Answer::Choice("intermittent".into())
        );
        assert!(!answers.contains_key("changed"), "skipped stays unanswered");
        assert_eq!(
            triage.session.checklist.steps.len(),
            3 + a.card(0, 502).unwrap().checks.len()
        );
    }

    #[test]
    fn typing_in_the_interview_never_triggers_commands() {
        let mut a = app();
        a.open_code(502);
        a.update(Action::Triage);
        assert_eq!(a.context(), Context::InterviewInput);
        // Keys that are commands elsewhere are text here.
        let keymap_q = super::super::keymap::action_for(
            ratatui::crossterm::event::KeyEvent::new(
                ratatui::crossterm::event::KeyCode::Char('q'),
                ratatui::crossterm::event::KeyModifiers::NONE,
            ),
            a.context(),
        );
        assert!(matches!(keymap_q, Some(Action::Edit(_))));
        typed(&mut a, "q?t");
        assert_eq!(a.triage.as_ref().unwrap().input.lines()[0], "q?t");
        assert_eq!(a.screen(), &Screen::Triage);
    }

    #[test]
    fn a_wrong_code_is_refused_and_going_back_keeps_answers() {
        let backspace = Action::Edit(ratatui::crossterm::event::KeyEvent::new(
            ratatui::crossterm::event::KeyCode::Backspace,
            ratatui::crossterm::event::KeyModifiers::NONE,
        ));
        let mut a = app();
        a.open_code(502);
        a.update(Action::Triage);
        // Esc goes back to the code question, showing the answer for changing.
        a.update(Action::Back);
        assert_eq!(a.triage.as_ref().unwrap().input.lines()[0], "502");
        for _ in 0..3 {
            a.update(backspace.clone());
        }
        typed(&mut a, "999");
        a.update(Action::Open);
        assert!(a.triage.as_ref().unwrap().error.is_some(), "999 is refused");
        assert_eq!(a.triage.as_ref().unwrap().session.interview.position, 0);
        for _ in 0..3 {
            a.update(backspace.clone());
        }
        typed(&mut a, "504");
        a.update(Action::Open);
        let triage = a.triage.as_ref().unwrap();
        assert_eq!(triage.session.code, Some(504));
        assert_eq!(triage.session.interview.position, 1);
        // Esc twice: back to the code question, then out of the triage, which stays open.
        a.update(Action::Back);
        a.update(Action::Back);
        assert_eq!(
            a.screen(),
            &Screen::Card {
                runbook: 0,
                code: 502,
                scroll: 0
            }
        );
        assert!(a.triage.is_some());
    }

    #[test]
    fn marking_a_step_asks_for_a_finding_and_ruled_out_is_kept() {
        let mut a = triage_at_checklist();
        let effects = a.update(Action::Mark(crate::triage::Outcome::RuledOut));
        assert_eq!(effects, vec![Effect::Save], "a step change saves at once");
        assert_eq!(a.context(), Context::Prompt);
        typed(&mut a, "no upstream errors");
        a.update(Action::Open);
        let step = &a.triage.as_ref().unwrap().session.checklist.steps[0];
        assert_eq!(step.outcome, crate::triage::Outcome::RuledOut);
        assert_eq!(step.finding, "no upstream errors");
        a.update(Action::Down);
        a.update(Action::Mark(crate::triage::Outcome::Skipped));
        assert_eq!(a.context(), Context::Checklist, "skipping asks nothing");
        a.update(Action::Mark(crate::triage::Outcome::Pending));
        assert_eq!(
            a.triage.as_ref().unwrap().session.checklist.steps[1].outcome,
            crate::triage::Outcome::Pending
        );
    }

    #[test]
    fn notes_are_stamped_and_drafts_saved_as_they_are_typed() {
        let mut a = triage_at_checklist();
        a.now = at("2026-11-23T09:03:07Z");
        a.update(Action::Open);
        assert_eq!(a.context(), Context::Editor);
        let effects = a.update(key('x'));
        assert_eq!(effects, vec![Effect::SaveSoon]);
        assert_eq!(
            a.triage
                .as_ref()
                .unwrap()
                .session
                .draft
                .as_ref()
                .unwrap()
                .text,
            "x"
        );
        let long: String = (0..500).fold(String::new(), |mut text, i| {
            let _ = writeln!(text, "< header-{i}: value\u{1b}[31m");
            text
        });
        assert_eq!(
            a.update(Action::Paste(long)),
            vec![Effect::Save],
            "a paste saves at once"
        );
        assert_eq!(a.update(Action::Back), vec![Effect::Save]);
        let session = &a.triage.as_ref().unwrap().session;
        assert!(session.draft.is_none());
        let note = &session.notes[0];
        assert_eq!(note.target, NoteTarget::Step(0));
        assert_eq!(note.elapsed_label(), "T+03:07");
        assert!(
            note.text.starts_with("x< header-0: value\n< header-1"),
            "{}",
            &note.text[..40]
        );
        assert!(!note.text.contains('\u{1b}'));
        assert_eq!(note.text.lines().count(), 500);
    }

    #[test]
    fn an_empty_note_is_not_kept() {
        let mut a = triage_at_checklist();
        a.update(Action::IncidentNote);
        a.update(Action::Save);
        assert!(a.triage.as_ref().unwrap().session.notes.is_empty());
    }

    #[test]
    fn incident_details_are_asked_field_by_field() {
        let mut a = triage_at_checklist();
        a.update(Action::Details);
        typed(&mut a, "Checkout 502s");
        a.update(Action::Open);
        typed(&mut a, "SEV2");
        a.update(Action::Open);
        a.update(Action::Back);
        let incident = &a.triage.as_ref().unwrap().session.incident;
        assert_eq!(incident.title, "Checkout 502s");
        assert_eq!(incident.severity, "SEV2");
        assert!(incident.environment.is_empty());
    }

    #[test]
    fn quitting_with_a_note_open_saves_first() {
        let mut a = triage_at_checklist();
        a.update(Action::IncidentNote);
        typed(&mut a, "half a thought");
        assert_eq!(a.update(Action::Quit), vec![Effect::Save, Effect::Quit]);
        assert_eq!(
            a.triage
                .as_ref()
                .unwrap()
                .session
                .draft
                .as_ref()
                .unwrap()
                .text,
            "half a thought"
        );
    }

    #[test]
    fn a_resumed_session_reopens_its_draft_and_place() {
        let mut a = triage_at_checklist();
        a.update(Action::IncidentNote);
        typed(&mut a, "unfinished");
        let session = a.triage.as_ref().unwrap().session.clone();
        let mut b = app();
        b.resume(session);
        assert_eq!(b.screen(), &Screen::Triage);
        assert_eq!(b.context(), Context::Editor);
        assert_eq!(
            b.triage.as_ref().unwrap().editor.as_ref().unwrap().lines(),
            ["unfinished"]
        );
    }

    #[test]
    fn a_failed_save_is_shown_and_a_later_success_clears_it() {
        let mut a = triage_at_checklist();
        a.saved(Err("read-only file system".into()));
        assert!(
            matches!(&a.triage.as_ref().unwrap().save, SaveStatus::Failed(e) if e.contains("read-only"))
        );
        a.saved(Ok(()));
        assert!(matches!(
            a.triage.as_ref().unwrap().save,
            SaveStatus::Saved(_)
        ));
    }

    #[test]
    fn a_pasted_response_gets_an_evidence_line_and_pre_answers_what_is_unanswered() {
        let mut a = app();
        a.now = at("2026-11-23T09:00:00Z");
        a.update(Action::Triage);
        a.update(Action::IncidentNote);
        let transcript = "$ curl -sv https://api.example.com/v1/orders\n> GET /v1/orders HTTP/1.1\n\
                          > Host: api.example.com\n< HTTP/1.1 502 Bad Gateway\n< Server: nginx/1.22.1\n<\n\
                          <html><head><title>502 Bad Gateway</title></head><body>\n\
                          <hr><center>nginx/1.22.1</center></body></html>";
        a.update(Action::Paste(transcript.to_owned()));
        a.update(Action::Save);
        let triage = a.triage.as_ref().unwrap();
        let note = triage.session.notes.last().unwrap();
        let card = note.evidence.as_deref().unwrap();
        assert!(
            card.starts_with("502 from a reverse proxy or gateway (nginx)"),
            "{card}"
        );
        assert_eq!(triage.evidence.as_deref(), Some(card));
        assert_eq!(
            triage.session.interview.answers.get("layer"),
            Some(&crate::triage::Answer::Choice("gateway".into()))
        );
        // An answer the engineer already gave is never overruled.
        let mut b = app();
        b.update(Action::Triage);
        b.triage
            .as_mut()
            .unwrap()
            .session
            .interview
            .answers
            .insert("layer".into(), crate::triage::Answer::Choice("app".into()));
        b.update(Action::IncidentNote);
        b.update(Action::Paste(transcript.to_owned()));
        b.update(Action::Save);
        assert_eq!(
            b.triage
                .as_ref()
                .unwrap()
                .session
                .interview
                .answers
                .get("layer"),
            Some(&crate::triage::Answer::Choice("app".into()))
        );
    }
}
