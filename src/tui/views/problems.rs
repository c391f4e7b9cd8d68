//! Runbook problems found at start, as `path:line:col` with the source line, so a broken
//! runbook is explained instead of crashing the app.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::wrapped;
use crate::tui::app::App;
use crate::tui::theme::Theme;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: Theme, scroll: usize) {
    let lines = lines(app, theme, area.width.saturating_sub(2));
    let max = lines
        .len()
        .saturating_sub(usize::from(area.height.saturating_sub(2)));
    let scroll = u16::try_from(scroll.min(max)).unwrap_or(u16::MAX);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(Span::styled(" Runbook problems ", theme.error()));
    frame.render_widget(Paragraph::new(lines).block(block).scroll((scroll, 0)), area);
}

/// The findings as lines at `width`; also used for the scroll limit.
pub fn lines(app: &App, theme: Theme, width: u16) -> Vec<Line<'static>> {
    let errors = app.findings.iter().filter(|d| d.is_error()).count();
    let mut out = wrapped(
        &format!(
            "{errors} error(s) and {} warning(s). The app runs on what could be loaded; fix the \
             files and restart, or check them with `api-triage check`.",
            app.findings.len() - errors
        ),
        width,
        " ",
        " ",
        theme.dim(),
    );
    if app.findings.is_empty() {
        out.push(Line::from(" No problems: every runbook loaded cleanly."));
    }
    for finding in &app.findings {
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
