//! The known-good note against the failing one, side by side: which notes they are, then the
//! comparison the domain made of them (`Session::good_vs_failing`), the differences first,
//! scrolled with the usual keys. Redacted as the notes view shows them.

use crate::tui::screens::render;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::{Command, Scroll, Shared, wrapped};
use crate::evidence::compare::{Comparison, LineKind};
use crate::tui::keymap::Action;

/// The comparison on screen, made when it was opened (the session cannot change under it).
#[derive(Debug, Clone)]
pub struct DiffScreen {
    pub comparison: Comparison,
    /// "note 2 · T+01:10 · 200 from the app", and the failing one's.
    pub good: String,
    pub failing: String,
    pub scroll: Scroll,
}

impl DiffScreen {
    pub fn new(comparison: Comparison, good: String, failing: String) -> Self {
        Self {
            comparison,
            good,
            failing,
            scroll: Scroll::default(),
        }
    }

    pub fn update(&mut self, action: &Action, shared: &Shared) -> Vec<Command> {
        self.scroll.apply(action, shared.page());
        Vec::new()
    }

    pub fn draw(&self, buf: &mut Buffer, area: Rect, shared: &Shared) {
        let theme = shared.theme();
        let width = area.width.saturating_sub(2);
        let mut lines: Vec<Line<'static>> = Vec::new();
        for (label, about) in [
            ("Known good: ", &self.good),
            ("Failing:    ", &self.failing),
        ] {
            lines.extend(wrapped(
                about,
                width,
                &format!(" {label}"),
                "             ",
                theme.heading(),
            ));
        }
        for line in self.comparison.lines() {
            match line.kind {
                LineKind::Title => {
                    lines.push(Line::default());
                    lines.extend(wrapped(&line.text, width, " ", " ", theme.heading()));
                }
                LineKind::Group => {
                    lines.extend(wrapped(&line.text, width, " ", " ", theme.dim()));
                }
                LineKind::Difference => {
                    lines.extend(wrapped(
                        &line.text,
                        width,
                        "   ",
                        "       ",
                        theme.warning(),
                    ));
                }
                LineKind::Same => {
                    lines.extend(wrapped(&line.text, width, "   ", "       ", Style::new()));
                }
            }
        }
        let offset = self
            .scroll
            .clamp(lines.len(), usize::from(area.height.saturating_sub(2)));
        let title = format!(
            " Good vs failing: {} differences ",
            self.comparison.differences.len()
        );
        let block = Block::default()
            .borders(Borders::ALL)
            .title(Span::styled(title, theme.heading()));
        render(
            buf,
            Paragraph::new(lines).block(block).scroll((offset, 0)),
            area,
        );
    }
}
