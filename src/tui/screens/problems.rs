//! Runbook problems found at start, as `path:line:col` with the source line, so a broken
//! runbook is explained instead of crashing the app.

use crate::tui::screens::render;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::{Command, Scroll, Shared, wrapped};
use crate::tui::keymap::Action;
use crate::tui::theme::Theme;

/// The list of problems, scrolled.
#[derive(Debug, Clone, Default)]
pub struct ProblemsScreen {
    pub scroll: Scroll,
}

impl ProblemsScreen {
    pub fn update(&mut self, action: &Action, shared: &Shared) -> Vec<Command> {
        if self.scroll.apply(action, shared.page()) {
            return Vec::new();
        }
        match action {
            // Read, understood: on to the matrix.
            Action::Open => vec![Command::Leave],
            _ => Vec::new(),
        }
    }

    pub fn draw(&self, buf: &mut Buffer, area: Rect, shared: &Shared) {
        let theme = shared.theme();
        let lines = lines(shared, theme, area.width.saturating_sub(2));
        let scroll = self
            .scroll
            .clamp(lines.len(), usize::from(area.height.saturating_sub(2)));
        let block = Block::default()
            .borders(Borders::ALL)
            .title(Span::styled(" Runbook problems ", theme.error()));
        render(
            buf,
            Paragraph::new(lines).block(block).scroll((scroll, 0)),
            area,
        );
    }
}

/// The findings as lines at `width`.
fn lines(shared: &Shared, theme: Theme, width: u16) -> Vec<Line<'static>> {
    let errors = shared.findings.iter().filter(|d| d.is_error()).count();
    let mut out = wrapped(
        &format!(
            "{errors} error(s) and {} warning(s). The app runs on what could be loaded; fix the \
             files and restart, or check them with `api-triage check`.",
            shared.findings.len() - errors
        ),
        width,
        " ",
        " ",
        theme.dim(),
    );
    if shared.findings.is_empty() {
        out.push(Line::from(" No problems: every runbook loaded cleanly."));
    }
    for finding in &shared.findings {
        out.push(Line::default());
        let style = if finding.is_error() {
            theme.error()
        } else {
            theme.warning()
        };
        out.extend(wrapped(&finding.headline(), width, " ", "   ", style));
        if finding.line > 0 {
            out.push(Line::from(vec![
                Span::styled(format!(" {:>4} | ", finding.line), theme.dim()),
                Span::raw(finding.snippet.clone()),
            ]));
            out.push(Line::from(Span::styled(
                format!(
                    "      | {}{}",
                    " ".repeat(finding.caret_at),
                    "^".repeat(finding.underline.max(1))
                ),
                Style::new(),
            )));
        }
    }
    out
}
