//! A notice too long for the status line (where a summary went and how to fix tmux, a path
//! with the redaction count), shown whole in a box over the foot of the screen until the next
//! key: cut at the edge of the line, it told nothing.

use crate::tui::screens::render;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use crate::text::{visible, wrap};
use crate::tui::theme::Theme;

/// Draws `text` wrapped to the width of `body`, in a box on its last rows (the body keeps its
/// size, so nothing under it moves when the box goes).
pub fn draw(buf: &mut Buffer, body: Rect, text: &str, theme: Theme) {
    let lines: Vec<Line<'static>> = wrap(&visible(text), usize::from(body.width.saturating_sub(2)))
        .into_iter()
        .map(|piece| Line::from(Span::styled(format!(" {piece}"), theme.warning())))
        .collect();
    let height = u16::try_from(lines.len().saturating_add(1))
        .unwrap_or(u16::MAX)
        .min(body.height);
    let area = Rect {
        y: body.bottom().saturating_sub(height),
        height,
        ..body
    };
    let block = Block::default()
        .borders(Borders::TOP)
        .border_style(theme.warning());
    render(buf, Clear, area);
    render(buf, Paragraph::new(lines).block(block), area);
}
