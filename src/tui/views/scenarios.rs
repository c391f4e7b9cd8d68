//! The scenarios: situations engineers recognise, each with its likely cause, first move and
//! the codes it leads to.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::{heading, wrapped};
use crate::text::visible;
use crate::tui::app::App;
use crate::tui::theme::Theme;

pub fn draw(
    frame: &mut Frame,
    area: Rect,
    app: &App,
    theme: Theme,
    runbook: usize,
    selected: usize,
) {
    let scenarios = app.scenarios(runbook);
    let list_height = u16::try_from(scenarios.len() + 2)
        .unwrap_or(u16::MAX)
        .min(area.height / 2)
        .max(3);
    let [list_area, detail_area] =
        Layout::vertical([Constraint::Length(list_height), Constraint::Min(1)]).areas(area);
    let visible_rows = usize::from(list_height.saturating_sub(2)).max(1);
    let offset = selected.saturating_sub(visible_rows - 1);
    let code_width = scenarios
        .iter()
        .map(|s| {
            s.codes
                .iter()
                .map(|c| c.to_string().len() + 1)
                .sum::<usize>()
        })
        .max()
        .unwrap_or(4);
    let lines: Vec<Line<'static>> = scenarios
        .iter()
        .enumerate()
        .skip(offset)
        .map(|(i, s)| {
            let codes: Vec<String> = s.codes.iter().map(u16::to_string).collect();
            let text = visible(&format!(" {:<code_width$} {}", codes.join(","), s.title));
            let style = if i == selected {
                theme.selected()
            } else {
                Style::new()
            };
            Line::from(Span::styled(text, style))
        })
        .collect();
    let block = Block::default()
        .borders(Borders::ALL)
        .title(Span::styled(" Scenarios ", theme.heading()));
    let lines = if lines.is_empty() {
        vec![Line::from(" This runbook has no scenarios.")]
    } else {
        lines
    };
    frame.render_widget(Paragraph::new(lines).block(block), list_area);
    let Some(scenario) = scenarios.get(selected) else {
        return;
    };
    let width = detail_area.width.saturating_sub(2);
    let mut detail = vec![heading(&format!(" {}", scenario.title), theme)];
    detail.extend(wrapped(
        &scenario.likely,
        width,
        " Likely:     ",
        "             ",
        Style::new(),
    ));
    detail.extend(wrapped(
        &scenario.first_move,
        width,
        " First move: ",
        "             ",
        theme.warning(),
    ));
    if !scenario.checks.is_empty() {
        detail.push(Line::default());
        detail.push(heading(" Then compare", theme));
        for check in &scenario.checks {
            detail.extend(wrapped(check, width, "  - ", "    ", Style::new()));
        }
    }
    let codes: Vec<String> = scenario.codes.iter().map(u16::to_string).collect();
    detail.push(Line::default());
    detail.push(Line::from(Span::styled(
        format!(" Enter opens {}", codes.join(", ")),
        theme.dim(),
    )));
    frame.render_widget(Paragraph::new(detail), detail_area);
}
