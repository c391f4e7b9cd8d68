//! Codes side by side, under the question from the runbook that tells them apart.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::{heading, wrapped};
use crate::matrix::Matrix;
use crate::tui::app::App;
use crate::tui::theme::Theme;

pub fn draw(
    frame: &mut Frame,
    area: Rect,
    app: &App,
    theme: Theme,
    runbook: usize,
    codes: &[u16],
    scroll: usize,
) {
    let question = question_lines(app, theme, runbook, codes, area.width);
    let question_height = u16::try_from(question.len())
        .unwrap_or(u16::MAX)
        .min(area.height / 2);
    let [top, body] =
        Layout::vertical([Constraint::Length(question_height), Constraint::Min(1)]).areas(area);
    frame.render_widget(Paragraph::new(question), top);
    let n = u32::try_from(codes.len().max(1)).unwrap_or(1);
    let columns = Layout::horizontal((0..n).map(|_| Constraint::Ratio(1, n))).split(body);
    let scroll = u16::try_from(scroll).unwrap_or(u16::MAX);
    for (code, column) in codes.iter().zip(columns.iter()) {
        let block = Block::default()
            .borders(Borders::ALL)
            .title(Span::styled(format!(" {code} "), theme.code()));
        let lines = column_lines(
            app,
            theme,
            runbook,
            codes,
            *code,
            column.width.saturating_sub(2),
        );
        frame.render_widget(
            Paragraph::new(lines).block(block).scroll((scroll, 0)),
            *column,
        );
    }
}

/// The tallest column's height at `width`, for scrolling.
pub fn height(app: &App, runbook: usize, codes: &[u16], width: u16) -> usize {
    let theme = Theme { color: false };
    let n = u16::try_from(codes.len().max(1)).unwrap_or(1);
    let column_width = (width / n).saturating_sub(2);
    let question = question_lines(app, theme, runbook, codes, width).len();
    codes
        .iter()
        .map(|code| column_lines(app, theme, runbook, codes, *code, column_width).len())
        .max()
        .unwrap_or(0)
        + question
        + 2
}

fn question_lines(
    app: &App,
    theme: Theme,
    runbook: usize,
    codes: &[u16],
    width: u16,
) -> Vec<Line<'static>> {
    let comparison = app
        .runbook(runbook)
        .and_then(|r| Matrix::comparison(r, codes));
    match comparison {
        Some(c) => {
            let mut lines = vec![heading(&format!(" {}", c.title), theme)];
            lines.extend(wrapped(
                &c.question,
                width,
                " Ask: ",
                "      ",
                theme.warning(),
            ));
            lines
        }
        None => wrapped(
            "The runbook has no comparison of exactly these codes: read them side by side.",
            width,
            " ",
            " ",
            theme.dim(),
        ),
    }
}

fn column_lines(
    app: &App,
    theme: Theme,
    runbook: usize,
    codes: &[u16],
    code: u16,
    width: u16,
) -> Vec<Line<'static>> {
    let Some(card) = app.card(runbook, code) else {
        return vec![Line::from("no entry")];
    };
    let side = app
        .runbook(runbook)
        .and_then(|r| Matrix::comparison(r, codes))
        .and_then(|c| {
            c.sides
                .iter()
                .find(|s| s.code == code)
                .map(|s| s.when.clone())
        });
    let mut lines = wrapped(&card.title, width, "", "", theme.code());
    if let Some(when) = side {
        lines.push(Line::default());
        lines.extend(wrapped(&when, width, "When: ", "  ", theme.warning()));
    }
    lines.push(Line::default());
    lines.extend(wrapped(&card.meaning, width, "", "", Style::new()));
    lines.push(Line::default());
    if !card.generated_by.is_empty() {
        let layers: Vec<&str> = card.generated_by.iter().map(|l| l.label()).collect();
        lines.extend(wrapped(
            &layers.join(", "),
            width,
            "From: ",
            "  ",
            Style::new(),
        ));
    }
    lines.extend(wrapped(
        &card.owner.name,
        width,
        "Owner: ",
        "  ",
        theme.heading(),
    ));
    lines.push(Line::default());
    lines.push(heading("Look first", theme));
    for (i, look) in card.look_first.iter().enumerate() {
        lines.extend(wrapped(
            &look.what,
            width,
            &format!("{}. ", i + 1),
            "   ",
            Style::new(),
        ));
    }
    if !card.causes.is_empty() {
        lines.push(Line::default());
        lines.push(heading("Causes", theme));
        for cause in card.causes.iter().take(3) {
            lines.extend(wrapped(&cause.text, width, "- ", "  ", Style::new()));
        }
    }
    lines
}
