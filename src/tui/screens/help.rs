//! The help overlay: every key of the current screen, drawn from the key table. It scrolls
//! when it does not fit (the triage's help runs past 16 rows), with a mark saying so.

use crate::tui::screens::render;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::Scroll;
use crate::text::{visible, wrap};
use crate::tui::keymap::{Action, Context, help_rows, hint_for, key_for, label_for};
use crate::tui::theme::Theme;

/// The widest the overlay gets: wider, the rows read badly.
const MAX_WIDTH: u16 = 72;
/// The keys column: one space, then the widest label ("Enter r") and a gap.
const KEYS: usize = 9;

/// Draws the help for `context` over `area`, scrolled by `scroll` (clamped here, where the
/// height is known).
pub fn draw(buf: &mut Buffer, area: Rect, context: Context, theme: Theme, scroll: &Scroll) {
    let width = area.width.min(MAX_WIDTH);
    let lines = lines(context, usize::from(width.saturating_sub(2)), theme);
    let height = u16::try_from(lines.len().saturating_add(2))
        .unwrap_or(u16::MAX)
        .min(area.height);
    let popup = Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    };
    let inner = usize::from(height.saturating_sub(2));
    let offset = scroll.clamp(lines.len(), inner);
    let above = offset > 0;
    let below = usize::from(offset).saturating_add(inner) < lines.len();
    // The keys and words of the status line's hints, so the two say the same.
    let close = label_for(Context::Help, &Action::Back).unwrap_or("Esc");
    let closes = hint_for(Context::Help, &Action::Back).map_or("close", |h| h.1);
    // Named always, as the status line's hints name them: the marks say whether there is
    // anything to scroll to.
    let (arrows, words) = hint_for(Context::Help, &Action::Up).unwrap_or(("↑↓", "scroll"));
    let paging = [
        &Action::PageUp,
        &Action::PageDown,
        &Action::Top,
        &Action::Bottom,
    ]
    .map(|action| key_for(Context::Help, action));
    let keys = format!(" {arrows} {} {words} · {close} {closes} ", paging.join(" "));
    let mut block = Block::default()
        .borders(Borders::ALL)
        .title(Span::styled(" Keys ", theme.heading()))
        .title_bottom(Line::from(Span::styled(keys, theme.dim())));
    if above {
        block = block
            .title(Line::from(Span::styled(" ↑ more above ", theme.warning())).right_aligned());
    }
    if below {
        block = block.title_bottom(
            Line::from(Span::styled(" ↓ more below ", theme.warning())).right_aligned(),
        );
    }
    render(buf, Clear, popup);
    render(
        buf,
        Paragraph::new(lines).block(block).scroll((offset, 0)),
        popup,
    );
}

/// The overlay's lines at `width` (inside its border): each key with what it does, wrapped
/// under itself, then a word on copying text.
fn lines(context: Context, width: usize, theme: Theme) -> Vec<Line<'static>> {
    let text_width = width.saturating_sub(KEYS + 1).max(8);
    let mut lines: Vec<Line<'static>> = Vec::new();
    for (keys, what) in help_rows(context) {
        for (i, piece) in wrap(&visible(what), text_width).into_iter().enumerate() {
            let keys = if i == 0 { keys } else { "" };
            lines.push(Line::from(vec![
                Span::styled(format!(" {keys:<width$}", width = KEYS - 1), theme.code()),
                Span::raw(piece),
            ]));
        }
    }
    lines.push(Line::default());
    lines.extend(
        wrap("Shift+drag selects text to copy.", width.saturating_sub(1))
            .into_iter()
            .map(|piece| Line::from(Span::styled(format!(" {piece}"), theme.dim()))),
    );
    lines
}
