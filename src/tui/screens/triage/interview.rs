//! The interview: one question at a time, its options or answer field, and beside it the
//! answers so far and the likely explanations they rank.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::{Persist, TriageScreen, notes::text_field};
use crate::runbook::TeamRunbook;
use crate::runbook::model::AnswerKind;
use crate::session::Stage;
use crate::text::visible;
use crate::triage::{Answer, Checklist, Interview, comparisons_for, rank_causes};
use crate::tui::keymap::{Action, Context, key_for};
use crate::tui::screens::{Shared, heading, wrapped};
use crate::tui::theme::Theme;

/// Width from which the answers and explanations sit beside the question.
const SIDE_FROM: u16 = 100;

impl TriageScreen {
    /// Prepares the answer field and highlight for the current question, showing any earlier
    /// answer so going back means changing it, not retyping it.
    fn load_question(&mut self, runbook: &TeamRunbook) {
        self.error = None;
        let Some(question) = self.question(runbook) else {
            return;
        };
        let previous = self.session.interview.answers.get(&question.id);
        self.option = match previous {
            Some(Answer::Choice(id)) => question
                .options
                .iter()
                .position(|o| &o.id == id)
                .unwrap_or(0),
            _ => 0,
        };
        let typed = match previous {
            Some(Answer::Code(code)) => code.to_string(),
            Some(Answer::Text(text)) => text.clone(),
            _ => String::new(),
        };
        self.input = text_field(&typed);
    }

    /// After the last question: build the checklist for the code (keeping work already done).
    fn finish_interview(&mut self, runbook: &TeamRunbook) {
        let code = self.session.code(&runbook.interview);
        self.session.code = code;
        if let Some(card) = code.and_then(|c| runbook.card(c)) {
            self.session.checklist = if self.session.checklist.steps.is_empty() {
                Checklist::from_card(&card)
            } else {
                self.session.checklist.rebuilt_from(&card)
            };
        }
        self.session.stage = Stage::Checklist;
        self.session.selected_step = self
            .session
            .selected_step
            .min(self.session.checklist.steps.len().saturating_sub(1));
    }

    fn after_answer(&mut self, runbook: &TeamRunbook) {
        if self.session.interview.is_done(&runbook.interview) {
            self.finish_interview(runbook);
        } else {
            self.load_question(runbook);
        }
    }

    /// Enter on a question: take the highlighted option or the typed text.
    pub fn submit_answer(&mut self, runbook: &TeamRunbook) -> Persist {
        let Some(question) = self.question(runbook) else {
            return Persist::Nothing;
        };
        let typed = self.input.lines().join(" ");
        let answer = match question.kind {
            AnswerKind::Choice => question
                .options
                .get(self.option)
                .map(|o| Answer::Choice(o.id.clone())),
            AnswerKind::Text => Some(Answer::Text(typed.trim().to_owned())),
            AnswerKind::Code if typed.trim().is_empty() => question
                .options
                .get(self.option)
                .map(|o| Answer::Choice(o.id.clone())),
            AnswerKind::Code => match self.session.interview.parse(&runbook.interview, &typed) {
                Ok(answer) => Some(answer),
                Err(e) => {
                    self.error = Some(e.to_string());
                    return Persist::Nothing;
                }
            },
        };
        let Some(answer) = answer else {
            return Persist::Nothing;
        };
        match self.session.interview.answer(&runbook.interview, answer) {
            Ok(()) => {
                if let Some(code) = self.session.interview.code(&runbook.interview) {
                    self.session.code = Some(code);
                }
                self.after_answer(runbook);
                Persist::Now
            }
            Err(e) => {
                self.error = Some(e.to_string());
                Persist::Nothing
            }
        }
    }

    /// A digit on a choice question answers with that option.
    pub fn answer_by_number(&mut self, runbook: &TeamRunbook, digit: char) -> Persist {
        let Some(question) = self.question(runbook) else {
            return Persist::Nothing;
        };
        let Some(index) = digit
            .to_digit(10)
            .and_then(|d| usize::try_from(d).ok())
            .filter(|d| *d >= 1)
        else {
            return Persist::Nothing;
        };
        if index > question.options.len() {
            self.error = Some(format!("there are {} answers", question.options.len()));
            return Persist::Nothing;
        }
        self.option = index - 1;
        self.submit_answer(runbook)
    }

    pub fn skip_question(&mut self, runbook: &TeamRunbook) -> Persist {
        if self.question(runbook).is_none() {
            return Persist::Nothing;
        }
        self.session.interview.skip(&runbook.interview);
        self.after_answer(runbook);
        Persist::Now
    }

    /// Esc on a question: the previous one; returns false at the first (leave the triage).
    pub fn previous_question(&mut self, runbook: &TeamRunbook) -> bool {
        if !self.session.interview.back() {
            return false;
        }
        self.load_question(runbook);
        true
    }

    /// `b` on the checklist: back to the last question to change answers.
    pub fn reopen_interview(&mut self, runbook: &TeamRunbook) -> Persist {
        self.session.stage = Stage::Interview;
        let last = runbook.interview.len().saturating_sub(1);
        self.session.interview.position = self.session.interview.position.min(last);
        self.load_question(runbook);
        Persist::Now
    }

    pub fn move_option(&mut self, runbook: &TeamRunbook, delta: isize) {
        if let Some(question) = self.question(runbook) {
            let last = question.options.len().saturating_sub(1);
            self.option = self.option.saturating_add_signed(delta).min(last);
        }
    }
}

/// Draws the interview stage of the triage screen.
pub(super) fn draw(
    frame: &mut Frame,
    area: Rect,
    shared: &Shared,
    triage: &TriageScreen,
    runbook: &TeamRunbook,
) {
    let theme = shared.theme();
    let [header, body] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(area);
    frame.render_widget(
        Paragraph::new(triage.header(shared, runbook, theme)),
        header,
    );
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
                format!(
                    " or, with the field empty, pick with {}{} and {}:",
                    key_for(Context::InterviewInput, &Action::Up),
                    key_for(Context::InterviewInput, &Action::Down),
                    key_for(Context::InterviewInput, &Action::Open),
                ),
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
    draw_side(frame, side_area, theme, triage, runbook);
}

fn draw_side(
    frame: &mut Frame,
    area: Rect,
    theme: Theme,
    triage: &TriageScreen,
    runbook: &TeamRunbook,
) {
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
