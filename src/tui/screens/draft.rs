//! A text the app drafts for people outside the terminal (the stakeholder status update, the
//! hand-off for the next responder), in each of its formats: read it, switch format with `f`,
//! correct it with `e` (Esc keeps the edit), copy it with `y` or Enter. What is copied is
//! redacted again (an edit can paste anything) and kept in the timeline.

use crate::tui::screens::render;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use ratatui_textarea::TextArea;

use super::{Command, Scroll, Shared, wrapped};
use crate::export::summary::Format;
use crate::tui::effect::{Copying, Effect};
use crate::tui::keymap::{Action, Context, key_for};

/// Which text is drafted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DraftKind {
    /// A stakeholder status update.
    Update,
    /// The hand-off for the next responder.
    HandOff,
}

impl DraftKind {
    fn title(self) -> &'static str {
        match self {
            DraftKind::Update => "Status update",
            DraftKind::HandOff => "Hand-off",
        }
    }
}

/// One format's text, and whether the engineer changed it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Version {
    pub format: Format,
    pub text: String,
    pub edited: bool,
}

#[derive(Debug, Clone)]
pub struct DraftScreen {
    pub kind: DraftKind,
    /// The runbook whose redaction patterns the copy passes.
    pub runbook: usize,
    pub versions: Vec<Version>,
    /// The version shown (index into `versions`).
    pub shown: usize,
    /// Open while the shown version is being corrected.
    pub editor: Option<TextArea<'static>>,
    /// A line under the title: the cadence, when the update is due.
    pub about: String,
    /// When the drafted update's "next update" line says the next one comes.
    pub due: Option<jiff::Timestamp>,
    pub scroll: Scroll,
    /// An edit not yet copied, and Esc pressed once: the next Esc leaves without it.
    leaving_warned: bool,
}

impl DraftScreen {
    pub fn new(
        kind: DraftKind,
        runbook: usize,
        drafts: Vec<(Format, String)>,
        about: String,
        due: Option<jiff::Timestamp>,
    ) -> Self {
        Self {
            kind,
            runbook,
            versions: drafts
                .into_iter()
                .map(|(format, text)| Version {
                    format,
                    text,
                    edited: false,
                })
                .collect(),
            shown: 0,
            editor: None,
            about,
            due,
            scroll: Scroll::default(),
            leaving_warned: false,
        }
    }

    pub fn context(&self) -> Context {
        if self.editor.is_some() {
            Context::DraftEditor
        } else {
            Context::Draft
        }
    }

    pub fn update(&mut self, action: &Action, shared: &Shared) -> Vec<Command> {
        if let Some(editor) = &mut self.editor {
            match action {
                Action::Edit(key) => {
                    editor.input(*key);
                }
                Action::Paste(text) => {
                    editor.insert_str(crate::text::normalize(text));
                }
                Action::Back | Action::Save => {
                    let text = editor.lines().join("\n");
                    self.editor = None;
                    if let Some(version) = self.versions.get_mut(self.shown)
                        && version.text != text
                    {
                        version.text = text;
                        version.edited = true;
                        self.leaving_warned = false;
                    }
                }
                _ => {}
            }
            return Vec::new();
        }
        if self.scroll.apply(action, shared.page()) {
            return Vec::new();
        }
        match action {
            // An edit is work: leaving drops it, so the first Esc says so and the second goes.
            Action::Back if self.versions.iter().any(|v| v.edited) && !self.leaving_warned => {
                self.leaving_warned = true;
                vec![Command::Notice(format!(
                    "Your edit is not copied yet: {} copies it, {} again leaves without it",
                    key_for(Context::Draft, &Action::Copy),
                    key_for(Context::Draft, &Action::Back)
                ))]
            }
            Action::Back => vec![Command::Leave],
            Action::CycleFormat if self.versions.len() > 1 => {
                self.shown = (self.shown + 1) % self.versions.len();
                self.scroll = Scroll::default();
                Vec::new()
            }
            Action::EditText => {
                if let Some(version) = self.versions.get(self.shown) {
                    let mut area =
                        TextArea::new(version.text.split('\n').map(str::to_owned).collect());
                    area.move_cursor(ratatui_textarea::CursorMove::Top);
                    self.editor = Some(area);
                }
                Vec::new()
            }
            Action::Copy | Action::Open => {
                // Copied: Esc leaves at once.
                self.leaving_warned = true;
                self.copy(shared)
            }
            Action::Paste(_) => vec![Command::Notice(format!(
                "Paste ignored: press {} to correct the text, then paste",
                key_for(Context::Draft, &Action::EditText)
            ))],
            _ => Vec::new(),
        }
    }

    /// The shown version, redacted once more, to the clipboard.
    fn copy(&self, shared: &Shared) -> Vec<Command> {
        let Some(version) = self.versions.get(self.shown) else {
            return Vec::new();
        };
        let patterns = shared
            .runbook(self.runbook)
            .map(|r| r.redact.clone())
            .unwrap_or_default();
        let text = match crate::export::redact::Redactor::with_custom(&patterns) {
            Ok(redactor) => redactor.redact(&version.text).text,
            Err(e) => return vec![Command::Notice(e.to_string())],
        };
        let what = match self.kind {
            DraftKind::Update => Copying::Update {
                text: text.clone(),
                due: self.due,
            },
            DraftKind::HandOff => Copying::HandOff { text: text.clone() },
        };
        vec![Command::Effect(Effect::Copy { text, what })]
    }

    pub fn draw(&self, buf: &mut Buffer, area: Rect, shared: &Shared) {
        let theme = shared.theme();
        let Some(version) = self.versions.get(self.shown) else {
            return;
        };
        let formats: Vec<&str> = self.versions.iter().map(|v| v.format.label()).collect();
        let edited = if version.edited { ", edited" } else { "" };
        let title = format!(
            " {} · {}{edited} ",
            self.kind.title(),
            version.format.label()
        );
        let block = Block::default()
            .borders(Borders::ALL)
            .title(Span::styled(title, theme.heading()));
        if let Some(editor) = &self.editor {
            let mut editor = editor.clone();
            let back = key_for(Context::DraftEditor, &Action::Back);
            editor.set_block(block.title_bottom(format!(" {back} keeps the edit ")));
            render(buf, &editor, area);
            return;
        }
        let width = area.width.saturating_sub(2);
        let mut lines: Vec<Line<'static>> = Vec::new();
        if !self.about.is_empty() {
            lines.extend(wrapped(&self.about, width, " ", " ", theme.dim()));
        }
        if formats.len() > 1 {
            let cycle = key_for(Context::Draft, &Action::CycleFormat);
            lines.extend(wrapped(
                &format!("{cycle}: {}", formats.join(" / ")),
                width,
                " ",
                " ",
                theme.dim(),
            ));
        }
        lines.push(Line::default());
        for line in version.text.lines() {
            lines.extend(wrapped(
                line,
                width,
                " ",
                "   ",
                ratatui::style::Style::new(),
            ));
        }
        let offset = self
            .scroll
            .clamp(lines.len(), usize::from(area.height.saturating_sub(2)));
        render(
            buf,
            Paragraph::new(lines).block(block).scroll((offset, 0)),
            area,
        );
    }
}
