//! The interview: one question at a time, its options or answer field, and beside it the
//! answers so far and the likely explanations they rank.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::{heading, triage_header, wrapped};
use crate::runbook::model::AnswerKind;
use crate::text::visible;
use crate::triage::{Interview, comparisons_for, rank_causes};
use crate::tui::app::App;
use crate::tui::theme::Theme;
use crate::tui::triage::Triage;

/// Width from which the answers and explanations sit beside the question.
const SIDE_FROM: u16 = 100;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: Theme, triage: &Triage) {
    let Some(runbook) = app.runbook(triage.runbook) else {
        return;
    };
    let [header, body] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(area);
    frame.render_widget(Paragraph::new(triage_header(app, triage, theme)), header);
    let (question_area, side_area) = if body.width >= SIDE_FROM {
        let [q, s] = Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)])
            .areas(body);
        (q, s)
    } else {
        let [q, s] = Layout::vertical([Constraint::Min(8), Constraint::Percentage(35)]).areas(body);
        (q, s)
    };
    let Some(question) = triage.question(runbook) else {
        return;
    };
    let questions = &runbook.interview;
    let width = question_area.width.saturating_sub(2);
    let mut lines = vec![Line::from(Span::styled(
        format!(
            " Question {} of {}",
            triage.session.interview.position + 1,
            questions.len()
        ),
        theme.dim(),
    ))];
    lines.extend(wrapped(&question.prompt, width, " ", " ", theme.heading()));
    if let Some(help) = &question.help {
        lines.extend(wrapped(help, width, " ", " ", theme.dim()));
    }
    lines.push(Line::default());
    let typed_field_row;
    if question.kind == AnswerKind::Choice {
        typed_field_row = None;
    } else {
        let label = if question.kind == AnswerKind::Code {
            " Code: "
        } else {
            " Answer: "
        };
        lines.push(Line::from(Span::styled(label, theme.heading())));
        typed_field_row = Some(lines.len() - 1);
        if !question.options.is_empty() {
            lines.push(Line::from(Span::styled(
                " or, with the field empty, pick with ↑↓ and Enter:",
                theme.dim(),
            )));
        }
    }
    for (i, option) in question.options.iter().enumerate() {
        let selected = i == triage.option;
        let marker = if selected { "›" } else { " " };
        let style = if selected {
            theme.selected()
        } else {
            Style::new()
        };
        lines.push(Line::from(Span::styled(
            visible(&format!(" {marker} {}. {}", i + 1, option.label)),
            style,
        )));
        if selected && let Some(hint) = &option.hint {
            lines.extend(wrapped(hint, width, "      ", "      ", theme.dim()));
        }
    }
    if let Some(error) = &triage.error {
        lines.push(Line::default());
        lines.extend(wrapped(error, width, " ", " ", theme.error()));
    }
    let block = Block::default()
        .borders(Borders::ALL)
        .title(Span::styled(" Interview ", theme.heading()));
    let inner = block.inner(question_area);
    frame.render_widget(Paragraph::new(lines).block(block), question_area);
    if let Some(row) = typed_field_row {
        let row = u16::try_from(row).unwrap_or(u16::MAX);
        if row < inner.height {
            let field = Rect {
                x: inner.x + 9,
                y: inner.y + row,
                width: inner.width.saturating_sub(10),
                height: 1,
            };
            frame.render_widget(&triage.input, field);
        }
    }
    draw_side(frame, side_area, app, theme, triage);
}

fn draw_side(frame: &mut Frame, area: Rect, app: &App, theme: Theme, triage: &Triage) {
    let Some(runbook) = app.runbook(triage.runbook) else {
        return;
    };
    let questions = &runbook.interview;
    let width = area.width.saturating_sub(2);
    let mut lines = vec![heading(" Answers so far", theme)];
    let shown = triage.shown(runbook);
    for question in questions {
        if let Some(answer) = shown.session.interview.answers.get(&question.id) {
            let text = format!(
                "{}: {}",
                question.id,
                Interview::describe(questions, &question.id, answer)
            );
            lines.extend(wrapped(&text, width, "  ", "    ", Style::new()));
        }
    }
    if triage.session.interview.answers.is_empty() {
        lines.push(Line::from(Span::styled("  none yet", theme.dim())));
    }
    if let Some(card) = triage.code(runbook).and_then(|c| runbook.card(c)) {
        lines.push(Line::default());
        lines.push(heading(
            &format!(" Likely explanations for {}", card.code),
            theme,
        ));
        for (i, cause) in rank_causes(&card, &triage.session.interview, questions)
            .iter()
            .take(4)
            .enumerate()
        {
            lines.extend(wrapped(
                &cause.text,
                width,
                &format!("  {}. ", i + 1),
                "     ",
                Style::new(),
            ));
            if !cause.reasons.is_empty() {
                lines.extend(wrapped(
                    &format!("because {}", cause.reasons.join(", ")),
                    width,
                    "     ",
                    "     ",
                    theme.dim(),
                ));
            }
        }
        let code = triage.code(runbook).unwrap_or_default();
        let suggested = comparisons_for(runbook, code, &triage.session.interview);
        if !suggested.is_empty() {
            lines.push(Line::default());
            lines.push(heading(" Worth comparing", theme));
            for s in suggested.iter().take(3) {
                lines.extend(wrapped(
                    &format!("{}: {}", s.comparison.title, s.reason),
                    width,
                    "  - ",
                    "    ",
                    Style::new(),
                ));
            }
        }
    }
    let block = Block::default()
        .borders(Borders::ALL)
        .title(Span::styled(" So far ", theme.dim()));
    frame.render_widget(Paragraph::new(lines).block(block), area);
}
