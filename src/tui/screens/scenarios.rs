//! The scenarios: situations engineers recognise, each with its likely cause, first move and
//! the codes it leads to.

use crate::tui::screens::render;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::{Command, MAX_COMPARE, Opening, Shared, heading, moved_selection, wrapped};
use crate::text::visible;
use crate::tui::keymap::{Action, Context, key_for};

/// The runbook's scenarios and the one selected.
#[derive(Debug, Clone)]
pub struct ScenariosScreen {
    pub runbook: usize,
    pub selected: usize,
}

impl ScenariosScreen {
    pub fn new(runbook: usize) -> Self {
        Self {
            runbook,
            selected: 0,
        }
    }

    /// The code the selected scenario leads to first.
    pub fn code(&self, shared: &Shared) -> Option<u16> {
        shared
            .scenarios(self.runbook)
            .get(self.selected)
            .and_then(|s| s.codes.first().copied())
    }

    pub fn update(&mut self, action: &Action, shared: &Shared) -> Vec<Command> {
        let scenarios = shared.scenarios(self.runbook);
        if let Some(moved) = moved_selection(self.selected, scenarios.len(), action, shared.page())
        {
            self.selected = moved;
            return Vec::new();
        }
        match action {
            Action::Open => {
                let Some(scenario) = scenarios.get(self.selected) else {
                    return Vec::new();
                };
                let runbook = self.runbook;
                match scenario.codes.as_slice() {
                    [] => Vec::new(),
                    [code] => vec![Command::Open(Opening::Card {
                        runbook,
                        code: *code,
                    })],
                    codes => vec![Command::Open(Opening::Compare {
                        runbook,
                        codes: codes.iter().copied().take(MAX_COMPARE).collect(),
                    })],
                }
            }
            Action::Compare => match self.code(shared) {
                Some(code) => super::card::compare_look_alikes(shared, self.runbook, code),
                None => Vec::new(),
            },
            _ => Vec::new(),
        }
    }

    pub fn draw(&self, buf: &mut Buffer, area: Rect, shared: &Shared) {
        draw(buf, area, shared, self.runbook, self.selected);
    }
}

fn draw(buf: &mut Buffer, area: Rect, shared: &Shared, runbook: usize, selected: usize) {
    let theme = shared.theme();
    let scenarios = shared.scenarios(runbook);
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
    render(buf, Paragraph::new(lines).block(block), list_area);
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
        format!(
            " {} opens {}",
            key_for(Context::Scenarios, &Action::Open),
            codes.join(", ")
        ),
        theme.dim(),
    )));
    render(buf, Paragraph::new(detail), detail_area);
}
