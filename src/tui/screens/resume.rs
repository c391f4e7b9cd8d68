//! The offer made when `t` is pressed on a code that has open (not exported) triages: resume
//! one of them, newest first, or start a new one, so a third "502 (untitled)" is never started
//! by accident. Drawn as a box over the screen it was opened from.

use crate::tui::screens::render;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::{Command, Shared, moved_selection, wrapped};
use crate::session::Summary;
use crate::text::visible;
use crate::tui::keymap::{Action, Context, key_for};

/// The open triages about one code, and which is selected.
#[derive(Debug, Clone)]
pub struct ResumeScreen {
    /// The runbook and code a new triage would start with.
    pub runbook: usize,
    pub code: u16,
    /// Newest first, titles and evidence lines redacted (the screen may be shared).
    pub open: Vec<Summary>,
    pub selected: usize,
}

impl ResumeScreen {
    pub fn new(runbook: usize, code: u16, mut open: Vec<Summary>) -> Self {
        let redactor = crate::export::redact::Redactor::new();
        for summary in &mut open {
            summary.title = redactor.redact(&summary.title).text;
            if let Some(line) = &mut summary.first_evidence {
                *line = redactor.redact(line).text;
            }
        }
        Self {
            runbook,
            code,
            open,
            selected: 0,
        }
    }

    pub fn update(&mut self, action: &Action, shared: &Shared) -> Vec<Command> {
        if let Some(moved) = moved_selection(self.selected, self.open.len(), action, shared.page())
        {
            self.selected = moved;
            return Vec::new();
        }
        match action {
            Action::Open => self
                .open
                .get(self.selected)
                .map(|s| vec![Command::ResumeTriage { id: s.id.clone() }])
                .unwrap_or_default(),
            Action::NewTriage => vec![
                Command::Leave,
                Command::NewTriage {
                    runbook: self.runbook,
                    code: Some(self.code),
                },
            ],
            _ => Vec::new(),
        }
    }

    /// Draws the offer as a box in the middle of `area`, over what is there.
    pub fn draw(&self, buf: &mut Buffer, area: Rect, shared: &Shared) {
        let theme = shared.theme();
        let width = area.width.min(72);
        let inner = width.saturating_sub(2);
        let count = self.open.len();
        let mut lines = wrapped(
            &if count == 1 {
                format!("A triage for {} is still open (not exported).", self.code)
            } else {
                format!(
                    "{count} triages for {} are still open (not exported).",
                    self.code
                )
            },
            inner,
            " ",
            " ",
            theme.heading(),
        );
        lines.push(Line::default());
        for (i, summary) in self.open.iter().enumerate() {
            let title = if summary.title.is_empty() {
                "(untitled)"
            } else {
                summary.title.as_str()
            };
            let notes = match summary.notes {
                1 => "1 note".to_owned(),
                n => format!("{n} notes"),
            };
            let age = summary.age(shared.now).unwrap_or_default();
            let marker = if i == self.selected { "›" } else { " " };
            let style = if i == self.selected {
                theme.selected()
            } else {
                ratatui::style::Style::new()
            };
            lines.push(Line::from(vec![
                Span::raw(format!(" {marker} ")),
                Span::styled(visible(&cut(title, usize::from(inner) / 2)), style),
                Span::styled(format!(" · {age} · {notes}"), theme.dim()),
            ]));
            let evidence = summary
                .first_evidence
                .as_deref()
                .unwrap_or("no response read among the notes yet");
            lines.push(Line::from(Span::styled(
                visible(&format!(
                    "     {}",
                    cut(evidence, usize::from(inner).saturating_sub(6))
                )),
                theme.dim(),
            )));
        }
        lines.push(Line::default());
        let key = |action| key_for(Context::Resume, &action);
        lines.extend(wrapped(
            &format!(
                "{} resume the selected one · {} start a new one · {} cancel",
                key(Action::Open),
                key(Action::NewTriage),
                key(Action::Back)
            ),
            inner,
            " ",
            " ",
            theme.dim(),
        ));
        let height = u16::try_from(lines.len() + 2)
            .unwrap_or(u16::MAX)
            .min(area.height);
        let popup = Rect {
            x: area.x + (area.width - width) / 2,
            y: area.y + (area.height - height) / 2,
            width,
            height,
        };
        // Keep the selected triage in view when the list is longer than the box.
        let scroll =
            (2 + 2 * self.selected + 2).saturating_sub(usize::from(height.saturating_sub(2)));
        let block = Block::default().borders(Borders::ALL).title(Span::styled(
            format!(" Open triages for {} ", self.code),
            theme.heading(),
        ));
        render(buf, Clear, popup);
        render(
            buf,
            Paragraph::new(lines)
                .block(block)
                .scroll((u16::try_from(scroll).unwrap_or(0), 0)),
            popup,
        );
    }
}

/// `text` cut to `max` characters, with an ellipsis when cut.
fn cut(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let mut out: String = text.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}
