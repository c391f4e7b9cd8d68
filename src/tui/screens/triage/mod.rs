//! The triage screen: the session being worked on and what only the terminal needs beside it
//! (answer field, note editor, prompts, save status). Its stages and overlays have a file each:
//! `interview`, `checklist`, `notes`, `notes_view` (every note in full); `shown` is what the
//! screen shows of the session (redacted), `update` how actions change it.

mod checklist;
mod interview;
mod notes;
mod notes_view;
mod shown;
mod update;

use jiff::Timestamp;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui_textarea::TextArea;
use std::cell::RefCell;
use std::collections::BTreeMap;

pub(crate) use checklist::notes_count;
pub use notes::{Field, Prompt, PromptKind};
pub use notes_view::NotesView;
pub use shown::Shown;

use super::Shared;
use crate::runbook::model::AnswerKind;
use crate::runbook::{QuestionCard, TeamRunbook};
use crate::session::model::elapsed_label;
use crate::session::{Session, Stage};
use crate::text::visible;
use crate::tui::keymap::{Action, Context, key_for};
use crate::tui::theme::Theme;

/// Whether the session on screen is safely on disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveStatus {
    /// Changes wait for the next save (within a second).
    Pending,
    Saved(Timestamp),
    /// The last save failed; the previous file is intact.
    Failed(String),
}

/// The triage being worked on.
#[derive(Debug, Clone)]
pub struct TriageScreen {
    pub session: Session,
    /// Index of the runbook the triage follows.
    pub runbook: usize,
    /// The answer being typed for a code or text question.
    pub input: TextArea<'static>,
    /// The highlighted option of a choice question.
    pub option: usize,
    /// Answers being typed, by question id, kept when the engineer goes back or skips so
    /// coming back finds them as they were.
    pub drafts: BTreeMap<String, String>,
    /// Why the last answer was refused.
    pub error: Option<String>,
    /// The note being written, if any; its text is mirrored into `session.draft`.
    pub editor: Option<TextArea<'static>>,
    pub prompt: Option<Prompt>,
    pub save: SaveStatus,
    /// Whether a copy of this session is on disk (a resumed one, or one saved since), so a
    /// failed save can say whether an earlier copy is there to fall back on.
    pub saved_once: bool,
    /// What the evidence reader made of the last note, shown until the next one.
    pub evidence: Option<String>,
    /// Whether the engineer asked to see secrets on the screen (for them alone).
    pub reveal: bool,
    /// The notes view, when open: over the stage, under the editor that corrects a note.
    pub notes_view: Option<NotesView>,
    /// The redacted view of the session last drawn, and the session and card it was made from.
    shown_cache: RefCell<Option<shown::ShownCache>>,
}

/// What a triage action asks of the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Persist {
    /// Nothing changed.
    Nothing,
    /// Save within a second (typing).
    Soon,
    /// Save at once (a step changed, a note was added, a paste).
    Now,
}

impl TriageScreen {
    /// Wraps a session, reopening the note that was being written when it was last saved.
    pub fn new(session: Session, runbook: usize, now: Timestamp) -> Self {
        let editor = session.draft.as_ref().map(|d| {
            let mut area = TextArea::new(d.text.split('\n').map(str::to_owned).collect());
            area.move_cursor(ratatui_textarea::CursorMove::Bottom);
            area.move_cursor(ratatui_textarea::CursorMove::End);
            area
        });
        Self {
            session,
            runbook,
            input: notes::text_field(""),
            option: 0,
            drafts: BTreeMap::new(),
            error: None,
            editor,
            prompt: None,
            save: SaveStatus::Saved(now),
            saved_once: false,
            evidence: None,
            reveal: false,
            notes_view: None,
            shown_cache: RefCell::new(None),
        }
    }

    pub fn questions<'r>(&self, runbook: &'r TeamRunbook) -> &'r [QuestionCard] {
        &runbook.interview
    }

    /// The question being asked, if the interview is on.
    pub fn question<'r>(&self, runbook: &'r TeamRunbook) -> Option<&'r QuestionCard> {
        if self.session.stage == Stage::Interview {
            self.session.interview.current(&runbook.interview)
        } else {
            None
        }
    }

    /// The status code of the triage, once known.
    pub fn code(&self, runbook: &TeamRunbook) -> Option<u16> {
        self.session.code(&runbook.interview)
    }

    /// Which key context applies: an open prompt or editor first, then the stage.
    pub fn context(&self, shared: &Shared) -> Context {
        if self.prompt.is_some() {
            return Context::Prompt;
        }
        if self.editor.is_some() {
            return Context::Editor;
        }
        if self.notes_view.is_some() {
            return Context::Notes;
        }
        match self.session.stage {
            Stage::Checklist => Context::Checklist,
            Stage::Interview => match shared
                .runbook(self.runbook)
                .and_then(|r| self.question(r))
                .map(|q| q.kind)
            {
                Some(AnswerKind::Choice) | None => Context::InterviewChoice,
                Some(AnswerKind::Code | AnswerKind::Text) => Context::InterviewInput,
            },
        }
    }

    pub fn draw(&self, buf: &mut Buffer, area: Rect, shared: &Shared) {
        let theme = shared.theme();
        let Some(runbook) = shared.runbook(self.runbook) else {
            return;
        };
        match (&self.notes_view, self.session.stage) {
            (Some(view), _) => notes_view::draw(buf, area, shared, self, view, runbook),
            (None, Stage::Interview) => interview::draw(buf, area, shared, self, runbook),
            (None, Stage::Checklist) => checklist::draw(buf, area, shared, self, runbook),
        }
        self.draw_overlays(buf, area, theme);
    }

    /// The first line of the triage screens: code, incident title, time since the start.
    fn header(&self, shared: &Shared, runbook: &TeamRunbook, theme: Theme) -> Line<'static> {
        let code = self.code(runbook);
        let title = code.and_then(|c| runbook.card(c)).map_or_else(
            || "code not known yet".to_owned(),
            |card| format!("{} {}", card.code, card.title),
        );
        // The title as the screen shows every typed text: redacted unless revealed.
        let shown_title = self.shown(runbook).session.incident.title.clone();
        let incident = if shown_title.is_empty() {
            format!(
                "untitled ({} to name it)",
                key_for(Context::Checklist, &Action::Details)
            )
        } else {
            shown_title
        };
        let elapsed = elapsed_label(shared.now.as_second() - self.session.created.as_second());
        let title = visible(&format!(" {title}"));
        let rest = visible(&format!(" · {incident} · {elapsed}"));
        // The status update countdown, from the runbook's cadence for the severity: a calm
        // reminder in the warning colour once it is due, never a popup.
        let update = runbook
            .update_every_minutes(&self.session.incident.severity)
            .map(|minutes| {
                let due = self.session.next_update_due(minutes);
                let (text, is_due) = crate::session::events::update_countdown(due, shared.now);
                let key = key_for(Context::Checklist, &Action::StatusUpdate);
                if is_due {
                    (
                        format!(" · {text} ({key} drafts it)"),
                        theme.warning(),
                        true,
                    )
                } else {
                    (format!(" · {text}"), theme.dim(), false)
                }
            });
        let session = visible(&format!(" · session {}", self.session.id));
        // Half a session id is no use for `resume`: show it whole or not at all (`sessions`
        // lists it).
        let mut spans = vec![Span::raw(title.as_str()), Span::raw(rest.as_str())];
        if let Some((text, _, _)) = &update {
            spans.push(Span::raw(text.as_str()));
        }
        spans.push(Span::raw(session.as_str()));
        let width = usize::from(shared.viewport.0);
        let show_session = Line::from(spans.clone()).width() <= width;
        // A countdown cut in half says nothing: not due, it shows whole or not at all.
        let fits = Line::from(spans[..spans.len() - 1].to_vec()).width() <= width;
        let update = update.filter(|(_, _, due)| *due || fits);
        let mut line = vec![
            Span::styled(title, theme.code()),
            Span::styled(rest, theme.dim()),
        ];
        match update {
            // Due: right after the code, where a narrow terminal cannot cut it off.
            Some((text, style, true)) => line.insert(1, Span::styled(text, style)),
            // Counting down: after the time since the start, the session id dropped first.
            Some((text, style, false)) => line.push(Span::styled(text, style)),
            None => {}
        }
        if show_session {
            line.push(Span::styled(session, theme.dim()));
        }
        Line::from(line)
    }
}
