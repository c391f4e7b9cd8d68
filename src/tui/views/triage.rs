//! The guided triage screen. Until the interview lands this is a labelled placeholder that
//! still gives the first three places to look for the code in hand.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Paragraph};

use super::{heading, wrapped};
use crate::tui::app::App;
use crate::tui::theme::Theme;

pub fn draw(
    frame: &mut Frame,
    area: Rect,
    app: &App,
    theme: Theme,
    runbook: usize,
    code: Option<u16>,
) {
    let width = area.width.saturating_sub(2);
    let mut lines = vec![heading(" Guided triage: not available yet", theme)];
    lines.extend(wrapped(
        "The interview, checklist and evidence notes are being built. Until then, start from the \
         first three places to look:",
        width,
        " ",
        " ",
        theme.warning(),
    ));
    if let Some(card) = code.and_then(|c| app.card(runbook, c)) {
        lines.push(Line::default());
        lines.push(heading(&format!(" {} {}", card.code, card.title), theme));
        for (i, look) in card.look_first.iter().enumerate() {
            lines.extend(wrapped(
                &look.what,
                width,
                &format!(" {}. ", i + 1),
                "    ",
                Style::new(),
            ));
            lines.extend(wrapped(
                &look.how,
                width,
                "    $ ",
                "      ",
                theme.command(),
            ));
        }
    }
    let block = Block::default()
        .borders(Borders::ALL)
        .title(" Triage (placeholder) ");
    frame.render_widget(Paragraph::new(lines).block(block), area);
}
