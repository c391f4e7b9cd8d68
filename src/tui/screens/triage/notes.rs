//! Overlays of the triage: the multi-line note editor and the one-line prompts (a finding, an
//! incident detail). Text typed here is never taken as a command.

use crate::tui::screens::render;
use jiff::Timestamp;
use jiff::tz::TimeZone;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::text::Span;
use ratatui::widgets::{Block, Borders, Clear};
use ratatui_textarea::TextArea;

use super::{Persist, SaveStatus, TriageScreen};
use crate::runbook::TeamRunbook;
use crate::runbook::model::AnswerKind;
use crate::session::{Draft, NoteTarget};
use crate::text::visible;
use crate::tui::keymap::{Action, Context, hint_for, key_for};
use crate::tui::theme::Theme;

/// A field of the incident details.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Title,
    Severity,
    Environment,
    Endpoint,
    FirstSeen,
}

impl Field {
    pub const ALL: [Field; 5] = [
        Field::Title,
        Field::Severity,
        Field::Environment,
        Field::Endpoint,
        Field::FirstSeen,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Field::Title => "Title",
            Field::Severity => "Severity",
            Field::Environment => "Environment",
            Field::Endpoint => "Affected endpoint",
            Field::FirstSeen => "First seen (time, zone)",
        }
    }

    fn next(self) -> Option<Field> {
        let i = Self::ALL.iter().position(|f| *f == self)?;
        Self::ALL.get(i + 1).copied()
    }
}

/// What a one-line prompt is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PromptKind {
    /// The one-line finding of a step just marked.
    Finding(usize),
    /// An incident detail; Enter moves on to the next one.
    Detail(Field),
    /// The path of an access log to read into the triage.
    LogPath,
}

/// A one-line text field over the screen.
#[derive(Debug, Clone)]
pub struct Prompt {
    pub kind: PromptKind,
    pub input: TextArea<'static>,
}

pub(super) fn text_field(initial: &str) -> TextArea<'static> {
    let mut field = TextArea::new(vec![initial.to_owned()]);
    field.move_cursor(ratatui_textarea::CursorMove::End);
    field
}

impl TriageScreen {
    /// Opens the note editor for a target, continuing a draft for the same target.
    pub fn open_editor(&mut self, target: NoteTarget) {
        if self.editor.is_some() {
            return;
        }
        if self
            .session
            .draft
            .as_ref()
            .is_none_or(|d| d.target != target || d.editing.is_some())
        {
            self.session.draft = Some(Draft {
                target,
                text: String::new(),
                editing: None,
            });
        }
        self.editor = self.session.draft.as_ref().map(|d| editor_with(&d.text));
    }

    /// Opens the note editor on note `index`, prefilled with its text (or with the correction
    /// a crash interrupted), to correct it.
    pub fn open_note_editor(&mut self, index: usize) {
        if self.editor.is_some() {
            return;
        }
        let Some(note) = self.session.notes.get(index) else {
            return;
        };
        if self
            .session
            .draft
            .as_ref()
            .is_none_or(|d| d.editing != Some(index))
        {
            self.session.draft = Some(Draft {
                target: note.target,
                text: note.text.clone(),
                editing: Some(index),
            });
        }
        self.editor = self.session.draft.as_ref().map(|d| editor_with(&d.text));
    }

    /// The step note editor for the selected step.
    pub fn open_step_editor(&mut self) {
        if !self.session.checklist.steps.is_empty() {
            self.open_editor(NoteTarget::Step(self.session.selected_step));
        }
    }

    /// Closes the editor; a note with text is stamped and kept.
    pub fn finish_note(
        &mut self,
        now: Timestamp,
        zone: &TimeZone,
        runbook: &TeamRunbook,
    ) -> Persist {
        let Some(editor) = self.editor.take() else {
            return Persist::Nothing;
        };
        let text = editor.lines().join("\n");
        // Without a draft (never expected) the text is still kept, as an incident note.
        let (target, editing) = self
            .session
            .draft
            .take()
            .map_or((NoteTarget::Incident, None), |d| (d.target, d.editing));
        let expected = runbook.token_expectations();
        let text = text.trim_end();
        let card = match editing {
            // A correction emptied or left as it was changes nothing: striking is how a note
            // goes, and an edit stamp must mean the text changed.
            Some(index) => {
                let same = self.session.notes.get(index).is_none_or(|n| n.text == text);
                if text.trim().is_empty() || same {
                    return Persist::Now;
                }
                self.session.edit_note(index, text, now, zone, expected)
            }
            None if text.trim().is_empty() => None,
            None => self
                .session
                .add_evidence_note(target, text, now, zone, expected),
        };
        if let Some(card) = card {
            self.evidence = Some(card);
            // The evidence may have answered the question on screen: show its answer.
            self.reload_question(runbook);
        }
        Persist::Now
    }

    /// A key for whichever text field has focus.
    pub fn edit(&mut self, key: KeyEvent) -> Persist {
        if let Some(prompt) = &mut self.prompt {
            single_line_input(&mut prompt.input, key);
            return Persist::Nothing;
        }
        if let Some(editor) = &mut self.editor {
            if editor.input(key) {
                self.sync_draft();
                return Persist::Soon;
            }
            return Persist::Nothing;
        }
        single_line_input(&mut self.input, key);
        self.error = None;
        Persist::Nothing
    }

    /// Pasted text goes into the focused field, normalised: terminals send a paste's line
    /// breaks as CR, and colour codes or other escape sequences must not reach the note raw.
    pub fn paste(
        &mut self,
        text: &str,
        now: Timestamp,
        zone: &TimeZone,
        runbook: &TeamRunbook,
    ) -> Persist {
        let safe = crate::text::normalize(text);
        if let Some(prompt) = &mut self.prompt {
            prompt.input.insert_str(safe.lines().next().unwrap_or(""));
            return Persist::Nothing;
        }
        if let Some(editor) = &mut self.editor {
            editor.insert_str(&safe);
            self.sync_draft();
            return Persist::Now;
        }
        let one_line = safe.trim_end().lines().count() <= 1;
        let typed_answer = self
            .question(runbook)
            .is_some_and(|q| q.kind != AnswerKind::Choice);
        // The answer field is hidden under the notes view: a paste there would land unseen.
        if one_line && typed_answer && self.notes_view.is_none() {
            self.input.insert_str(safe.lines().next().unwrap_or(""));
            return Persist::Nothing;
        }
        // Anywhere else a paste is evidence: kept at once as a note, never dropped, and read
        // like any note (it may answer the question on screen).
        if safe.trim().is_empty() {
            return Persist::Nothing;
        }
        let expected = runbook.token_expectations();
        if let Some(reading) = self.session.add_evidence_note(
            NoteTarget::Incident,
            safe.trim_end(),
            now,
            zone,
            expected,
        ) {
            self.evidence = Some(reading);
            self.reload_question(runbook);
        }
        Persist::Now
    }

    fn sync_draft(&mut self) {
        if let (Some(editor), Some(draft)) = (&self.editor, &mut self.session.draft) {
            draft.text = editor.lines().join("\n");
        }
    }

    /// Enter in a prompt: keep the text; incident details move on to the next field.
    pub fn confirm_prompt(&mut self) -> Persist {
        let Some(prompt) = self.prompt.take() else {
            return Persist::Nothing;
        };
        let text = prompt.input.lines().join(" ").trim().to_owned();
        match prompt.kind {
            PromptKind::Finding(index) => self.session.checklist.set_finding(index, &text),
            PromptKind::Detail(field) => {
                *self.field_mut(field) = text;
                if let Some(next) = field.next() {
                    self.open_detail(next);
                }
            }
            PromptKind::LogPath => return Persist::Nothing,
        }
        Persist::Now
    }

    /// Asks for the path of an access log.
    pub fn open_log_prompt(&mut self) {
        self.prompt = Some(Prompt {
            kind: PromptKind::LogPath,
            input: text_field(""),
        });
    }

    /// Enter on the log path prompt: the path typed (with `~/` read as the home folder), and
    /// the prompt closed; `None` when the prompt is another.
    pub fn log_path_prompt(&mut self) -> Option<String> {
        if !matches!(self.prompt.as_ref()?.kind, PromptKind::LogPath) {
            return None;
        }
        let prompt = self.prompt.take()?;
        let typed = prompt.input.lines().join(" ").trim().to_owned();
        Some(match (typed.strip_prefix("~/"), std::env::var_os("HOME")) {
            (Some(rest), Some(home)) => format!("{}/{rest}", home.to_string_lossy()),
            _ => typed,
        })
    }

    pub fn cancel_prompt(&mut self) {
        self.prompt = None;
    }

    /// Opens the prompt for an incident detail, showing its current value.
    pub fn open_detail(&mut self, field: Field) {
        let current = self.field_mut(field).clone();
        self.prompt = Some(Prompt {
            kind: PromptKind::Detail(field),
            input: text_field(&current),
        });
    }

    fn field_mut(&mut self, field: Field) -> &mut String {
        let incident = &mut self.session.incident;
        match field {
            Field::Title => &mut incident.title,
            Field::Severity => &mut incident.severity,
            Field::Environment => &mut incident.environment,
            Field::Endpoint => &mut incident.endpoint,
            Field::FirstSeen => &mut incident.first_seen,
        }
    }

    /// Draws whichever overlay is open.
    pub(super) fn draw_overlays(&self, buf: &mut Buffer, area: Rect, theme: Theme) {
        let triage = self;
        if let Some(editor) = &triage.editor {
            let back = key_for(Context::Editor, &Action::Back);
            let save = key_for(Context::Editor, &Action::Save);
            let draft = triage.session.draft.as_ref();
            let target = draft.map_or(NoteTarget::Incident, |d| d.target);
            let about = match target {
                NoteTarget::Incident => "the incident".to_owned(),
                NoteTarget::Step(i) => triage.session.checklist.steps.get(i).map_or_else(
                    || format!("step {}", i + 1),
                    |s| format!("step {}: {}", i + 1, s.title),
                ),
            };
            let title = match draft
                .and_then(|d| d.editing)
                .and_then(|i| triage.session.notes.get(i))
            {
                Some(note) => format!(
                    " Correcting the note of {} on {about} ",
                    note.elapsed_label()
                ),
                None => format!(" Note on {about} "),
            };
            let popup = centered(
                area,
                area.width.saturating_sub(4),
                area.height.saturating_sub(2),
            );
            let done_words = hint_for(Context::Editor, &Action::Back).map_or("done", |h| h.1);
            let failed = matches!(triage.save, SaveStatus::Failed(_));
            let said: &[&str] = if failed {
                &["NOT SAVED (see the status line)"]
            } else {
                &["saved as you type", "paste freely"]
            };
            let foot = fitted(
                &format!("{back} {done_words} (or {save})"),
                said,
                usize::from(popup.width.saturating_sub(2)),
            );
            let mut editor = editor.clone();
            editor.set_block(
                Block::default()
                    .borders(Borders::ALL)
                    .title(Span::styled(
                        cut_at_word(&visible(&title), usize::from(popup.width.saturating_sub(2))),
                        theme.heading(),
                    ))
                    .title_bottom(Span::styled(
                        foot,
                        if failed { theme.error() } else { theme.dim() },
                    )),
            );
            render(buf, Clear, popup);
            render(buf, &editor, popup);
        }
        if let Some(prompt) = &triage.prompt {
            let label = match prompt.kind {
                PromptKind::Finding(i) => format!(" Finding for step {} (one line) ", i + 1),
                PromptKind::Detail(field) => {
                    let at = Field::ALL.iter().position(|f| *f == field).unwrap_or(0);
                    format!(" {} ({} of {}) ", field.label(), at + 1, Field::ALL.len())
                }
                PromptKind::LogPath => {
                    " Access log to read (a path; .gz too; nginx, Apache, HAProxy, ALB, Envoy, JSON) "
                        .to_owned()
                }
            };
            let popup = centered(area, area.width.saturating_sub(8).min(90), 3);
            let mut input = prompt.input.clone();
            input.set_block(
                Block::default()
                    .borders(Borders::ALL)
                    .title(Span::styled(label, theme.heading()))
                    .title_bottom(Span::styled(prompt_keys(), theme.dim())),
            );
            render(buf, Clear, popup);
            render(buf, &input, popup);
        }
    }
}

/// What the keys of a one-line prompt do, in the words of the status line's hints (the key
/// table's), so the box and the status line say the same thing.
pub(super) fn prompt_keys() -> String {
    let said: Vec<String> = [Action::Open, Action::Back]
        .iter()
        .filter_map(|action| hint_for(Context::Prompt, action))
        .map(|(keys, words)| format!("{keys} {words}"))
        .collect();
    format!(" {} ", said.join(" · "))
}

/// ` first · rest · ...` with whole items of `rest` dropped from the end until it fits
/// `width`: a border text cut mid-word tells nothing.
fn fitted(first: &str, rest: &[&str], width: usize) -> String {
    let mut items = rest.len();
    loop {
        let mut parts = vec![first];
        parts.extend(&rest[..items]);
        let text = format!(" {} ", parts.join(" · "));
        if items == 0 || text.chars().count() <= width {
            return text;
        }
        items -= 1;
    }
}

/// `text` cut to `width` after its last whole word that fits, with `…` (and the space it
/// ended in kept, as a border title's); whole when it fits.
fn cut_at_word(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        return text.to_owned();
    }
    let room: String = text.chars().take(width.saturating_sub(2)).collect();
    let kept = match room.rfind(' ') {
        Some(space) if space > 0 => &room[..space],
        _ => room.as_str(),
    };
    format!("{}… ", kept.trim_end_matches([',', ':', ';']))
}

/// An editor holding `text`, the cursor at its end.
fn editor_with(text: &str) -> TextArea<'static> {
    let mut area = TextArea::new(text.split('\n').map(str::to_owned).collect());
    area.move_cursor(ratatui_textarea::CursorMove::Bottom);
    area.move_cursor(ratatui_textarea::CursorMove::End);
    area
}

fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let width = width.min(area.width);
    let height = height.min(area.height);
    Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    }
}

/// A one-line field: Enter never inserts a line break.
fn single_line_input(field: &mut TextArea<'static>, key: KeyEvent) {
    if key.code == ratatui::crossterm::event::KeyCode::Enter {
        return;
    }
    field.input(key);
}
