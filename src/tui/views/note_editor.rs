//! Overlays of the triage: the multi-line note editor and the one-line prompts (a finding, an
//! incident detail). Text typed here is never taken as a command.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Span;
use ratatui::widgets::{Block, Borders, Clear};

use crate::session::NoteTarget;
use crate::text::visible;
use crate::tui::theme::Theme;
use crate::tui::triage::{PromptKind, Triage};

/// Draws whichever overlay is open.
pub fn draw(frame: &mut Frame, area: Rect, theme: Theme, triage: &Triage) {
    if let Some(editor) = &triage.editor {
        let target = triage
            .session
            .draft
            .as_ref()
            .map_or(NoteTarget::Incident, |d| d.target);
        let about = match target {
            NoteTarget::Incident => "the incident".to_owned(),
            NoteTarget::Step(i) => triage.session.checklist.steps.get(i).map_or_else(
                || format!("step {}", i + 1),
                |s| format!("step {}: {}", i + 1, s.title),
            ),
        };
        let popup = centered(
            area,
            area.width.saturating_sub(4),
            area.height.saturating_sub(2),
        );
        let mut editor = editor.clone();
        editor.set_block(
            Block::default()
                .borders(Borders::ALL)
                .title(Span::styled(
                    visible(&format!(" Note on {about} ")),
                    theme.heading(),
                ))
                .title_bottom(
                    if matches!(triage.save, crate::tui::triage::SaveStatus::Failed(_)) {
                        Span::styled(
                            " Esc or Ctrl-S: done · NOT SAVED (see the status line) ",
                            theme.error(),
                        )
                    } else {
                        Span::styled(
                            " Esc or Ctrl-S: done · saved as you type · paste freely ",
                            theme.dim(),
                        )
                    },
                ),
        );
        frame.render_widget(Clear, popup);
        frame.render_widget(&editor, popup);
    }
    if let Some(prompt) = &triage.prompt {
        let label = match prompt.kind {
            PromptKind::Finding(i) => format!(
                " Finding for step {} (one line; Enter keeps, Esc skips) ",
                i + 1
            ),
            PromptKind::Detail(field) => {
                format!(" {} (Enter: next field · Esc: stop) ", field.label())
            }
        };
        let popup = centered(area, area.width.saturating_sub(8).min(90), 3);
        let mut input = prompt.input.clone();
        input.set_block(
            Block::default()
                .borders(Borders::ALL)
                .title(Span::styled(label, theme.heading())),
        );
        frame.render_widget(Clear, popup);
        frame.render_widget(&input, popup);
    }
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
