//! The interview: one question at a time, its options or answer field, and beside it the
//! answers so far and the likely explanations they rank.

use crate::tui::screens::render;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::{Persist, TriageScreen, notes::text_field};
use crate::runbook::model::AnswerKind;
use crate::runbook::{QuestionCard, TeamRunbook};
use crate::session::Stage;
use crate::text::visible;
use crate::triage::{Answer, Checklist, Interview, comparisons_for, rank_causes};
use crate::tui::keymap::{Action, Context, key_for};
use crate::tui::screens::{Shared, fit_line, heading, wrapped};
use crate::tui::theme::Theme;

/// Width from which the answers and explanations sit beside the question.
const SIDE_FROM: u16 = 100;

impl TriageScreen {
    /// Prepares the answer field and highlight for the current question, showing any earlier
    /// answer (the engineer's or the evidence's) so going back means changing it, not
    /// retyping it, and an answer half typed before going back as it was left.
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
        let typed = match (self.drafts.remove(&question.id), previous) {
            (Some(draft), _) => draft,
            (None, Some(Answer::Code(code))) => code.to_string(),
            (None, Some(Answer::Text(text))) => text.clone(),
            _ => String::new(),
        };
        self.input = text_field(&typed);
    }

    /// Keeps what is typed in the answer field of the question being left, unless it is the
    /// answer already recorded.
    fn keep_draft(&mut self, runbook: &TeamRunbook) {
        let Some(question) = self.question(runbook) else {
            return;
        };
        let typed = self.input.lines().join(" ");
        let recorded = match self.session.interview.answers.get(&question.id) {
            Some(Answer::Code(code)) => code.to_string(),
            Some(Answer::Text(text)) => text.clone(),
            _ => String::new(),
        };
        if !typed.trim().is_empty() && typed != recorded {
            self.drafts.insert(question.id.clone(), typed);
        }
    }

    /// After new evidence, and on opening a saved triage: the question on screen shows what
    /// the evidence answered, unless the engineer is typing an answer of their own.
    pub(crate) fn reload_question(&mut self, runbook: &TeamRunbook) {
        if self.input.lines().join("").trim().is_empty() {
            self.load_question(runbook);
        }
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
                self.session.fill_endpoint();
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
        self.keep_draft(runbook);
        self.session.interview.skip(&runbook.interview);
        self.after_answer(runbook);
        Persist::Now
    }

    /// Esc on a question: the previous one; returns false at the first (leave the triage).
    pub fn previous_question(&mut self, runbook: &TeamRunbook) -> bool {
        self.keep_draft(runbook);
        if !self.session.interview.back(&runbook.interview) {
            return false;
        }
        self.load_question(runbook);
        true
    }

    /// `b` on the checklist: back to the last question to change answers.
    pub fn reopen_interview(&mut self, runbook: &TeamRunbook) -> Persist {
        self.session.stage = Stage::Interview;
        self.session.interview.reopen(&runbook.interview);
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
    buf: &mut Buffer,
    area: Rect,
    shared: &Shared,
    triage: &TriageScreen,
    runbook: &TeamRunbook,
) {
    let theme = shared.theme();
    let [header, body] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(area);
    render(
        buf,
        Paragraph::new(triage.header(shared, runbook, theme)),
        header,
    );
    let Some(question) = triage.question(runbook) else {
        return;
    };
    let side_by_side = body.width >= SIDE_FROM;
    let question_width = if side_by_side {
        body.width * 55 / 100
    } else {
        body.width
    };
    let panel = QuestionPanel::new(triage, runbook, question, question_width, theme);
    let (question_area, side_area) = if side_by_side {
        let [q, s] = Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)])
            .areas(body);
        (q, s)
    } else {
        // The question takes what it needs, leaving the explanations at least a third of the
        // rows (and never fewer than four), so re-ranking stays in sight while answering.
        let side_min = (body.height / 3).max(4).min(body.height.saturating_sub(6));
        let room = body.height.saturating_sub(side_min);
        let full = panel.height(true).saturating_add(2);
        let question_rows = if full <= room {
            full
        } else {
            // The help is the first thing left out: the rows it would take go to the side.
            panel.height(false).saturating_add(2).min(room)
        };
        let [q, s] =
            Layout::vertical([Constraint::Length(question_rows), Constraint::Min(0)]).areas(body);
        (q, s)
    };
    panel.draw(buf, question_area, triage, theme);
    // As much detail as fits: everything, or the explanations in full, or a line each.
    let inner_rows = usize::from(side_area.height.saturating_sub(2));
    let detail = [Detail::Full, Detail::Explanations]
        .into_iter()
        .find(|&d| {
            (side_by_side && d == Detail::Full)
                || side_lines(side_area, theme, triage, runbook, d).len() <= inner_rows
        })
        .unwrap_or(Detail::Brief);
    draw_side(buf, side_area, theme, triage, runbook, detail);
}

/// The question's lines, with the options apart so they can be scrolled to keep the
/// highlighted one in sight however small the terminal.
struct QuestionPanel {
    title: String,
    /// Prompt, and where an evidence answer came from.
    head: Vec<Line<'static>>,
    /// The question's help: dropped first when rows are short.
    help: Vec<Line<'static>>,
    /// The typed answer field's label and the line on picking instead.
    field: Vec<Line<'static>>,
    options: Vec<Line<'static>>,
    /// Rows of the highlighted option (and its hint) within `options`.
    selected: (usize, usize),
    error: Vec<Line<'static>>,
}

impl QuestionPanel {
    fn new(
        triage: &TriageScreen,
        runbook: &TeamRunbook,
        question: &QuestionCard,
        width: u16,
        theme: Theme,
    ) -> Self {
        let questions = &runbook.interview;
        let (number, of) = triage.session.interview.progress(questions);
        let width = width.saturating_sub(2);
        let mut head = wrapped(&question.prompt, width, " ", " ", theme.heading());
        if let Some(source) = triage.session.interview.source(&question.id) {
            let shown = triage.shown(runbook);
            let source = shown
                .session
                .interview
                .source(&question.id)
                .unwrap_or(source);
            head.extend(wrapped(
                &format!(
                    "Answered from {source}. {} confirms it; pick another to change it.",
                    key_for(Context::InterviewChoice, &Action::Open)
                ),
                width,
                " ",
                " ",
                theme.command(),
            ));
        }
        let help = question
            .help
            .as_deref()
            .map(|help| wrapped(help, width, " ", " ", theme.dim()))
            .unwrap_or_default();
        let mut field = Vec::new();
        if question.kind != AnswerKind::Choice {
            let label = if question.kind == AnswerKind::Code {
                " Code: "
            } else {
                " Answer: "
            };
            field.push(Line::default());
            field.push(Line::from(Span::styled(label, theme.heading())));
            if !question.options.is_empty() {
                field.push(Line::from(Span::styled(
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
        let mut options = Vec::new();
        let mut selected = (0, 0);
        for (i, option) in question.options.iter().enumerate() {
            let is_selected = i == triage.option;
            let marker = if is_selected { "›" } else { " " };
            let style = if is_selected {
                theme.selected()
            } else {
                Style::new()
            };
            if is_selected {
                selected.0 = options.len();
            }
            options.extend(wrapped(
                &option.label,
                width,
                &format!(" {marker} {}. ", i + 1),
                "      ",
                style,
            ));
            if is_selected && let Some(hint) = &option.hint {
                options.extend(wrapped(hint, width, "      ", "      ", theme.dim()));
            }
            if is_selected {
                selected.1 = options.len();
            }
        }
        let error = triage
            .error
            .as_deref()
            .map(|e| wrapped(e, width, " ", " ", theme.error()))
            .unwrap_or_default();
        Self {
            title: format!(" Interview · question {number} of {of} "),
            head,
            help,
            field,
            options,
            selected,
            error,
        }
    }

    /// Rows inside the border, with or without the help.
    fn height(&self, with_help: bool) -> u16 {
        let gap = usize::from(!self.options.is_empty() && self.field.is_empty());
        let help = if with_help { self.help.len() } else { 0 };
        let rows =
            self.head.len() + help + self.field.len() + gap + self.options.len() + self.error.len();
        u16::try_from(rows).unwrap_or(u16::MAX)
    }

    fn draw(self, buf: &mut Buffer, area: Rect, triage: &TriageScreen, theme: Theme) {
        let block = Block::default()
            .borders(Borders::ALL)
            .title(Span::styled(self.title.clone(), theme.heading()));
        let inner = block.inner(area);
        let rows = usize::from(inner.height);
        let has_field = !self.field.is_empty();
        let mut lines = self.head;
        let fixed = lines.len() + self.field.len() + self.error.len();
        // The help goes when it would push an option out of sight.
        let gap = usize::from(!self.options.is_empty() && !has_field);
        if fixed + self.help.len() + gap + self.options.len() <= rows {
            lines.extend(self.help);
        }
        // The field's label is its second line (after a blank one).
        let field_row = has_field.then(|| lines.len() + 1);
        lines.extend(self.field);
        if gap == 1 && lines.len() + 1 + self.options.len() + self.error.len() <= rows {
            lines.push(Line::default());
        }
        let room = rows.saturating_sub(lines.len() + self.error.len());
        lines.extend(window(self.options, self.selected, room, theme));
        lines.extend(self.error);
        render(buf, Paragraph::new(lines).block(block), area);
        if let Some(row) = field_row {
            let row = u16::try_from(row).unwrap_or(u16::MAX);
            if row < inner.height {
                let field = Rect {
                    x: inner.x + 9,
                    y: inner.y + row,
                    width: inner.width.saturating_sub(10),
                    height: 1,
                };
                render(buf, &triage.input, field);
            }
        }
    }
}

/// The rows of `lines` that fit in `room`, always including `selected` (as much of it as fits),
/// with a mark where more options are above or below.
fn window(
    lines: Vec<Line<'static>>,
    selected: (usize, usize),
    room: usize,
    theme: Theme,
) -> Vec<Line<'static>> {
    if lines.len() <= room {
        return lines;
    }
    if room < 3 {
        // Only the highlighted option fits: it is the one an Enter records.
        return lines.into_iter().skip(selected.0).take(room).collect();
    }
    let body = room - 2;
    let start = if selected.1 <= body {
        0
    } else {
        (selected.1 - body).min(selected.0)
    };
    let total = lines.len();
    let end = (start + body).min(total);
    let more = |text: &str| Line::from(Span::styled(text.to_owned(), theme.dim()));
    let mut out = vec![if start > 0 {
        more("   ↑ more answers")
    } else {
        Line::default()
    }];
    out.extend(lines.into_iter().skip(start).take(end - start));
    if end < total {
        out.push(more("   ↓ more answers"));
    }
    out
}

/// How much the side panel says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Detail {
    /// Answers, explanations with their reasons, comparisons worth making.
    Full,
    /// The explanations with their reasons, then the answers in one run.
    Explanations,
    /// The explanations a line each, then the answers in one run.
    Brief,
}

fn draw_side(
    buf: &mut Buffer,
    area: Rect,
    theme: Theme,
    triage: &TriageScreen,
    runbook: &TeamRunbook,
    detail: Detail,
) {
    if area.height < 3 {
        return;
    }
    let lines = side_lines(area, theme, triage, runbook, detail);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(Span::styled(" So far ", theme.dim()));
    render(buf, Paragraph::new(lines).block(block), area);
}

/// The answers so far and the explanations they rank, in as much `detail` as asked. Short of
/// room the explanations come first: they re-rank with each answer.
fn side_lines(
    area: Rect,
    theme: Theme,
    triage: &TriageScreen,
    runbook: &TeamRunbook,
    detail: Detail,
) -> Vec<Line<'static>> {
    let roomy = detail == Detail::Full;
    let wrap_explanations = detail != Detail::Brief;
    let questions = &runbook.interview;
    let width = area.width.saturating_sub(2);
    let shown = triage.shown(runbook);
    let interview = &shown.session.interview;
    let mut explanations = Vec::new();
    if let Some(card) = triage.code(runbook).and_then(|c| runbook.card(c)) {
        explanations.push(heading(
            &format!(" Likely explanations for {}", card.code),
            theme,
        ));
        let ranked = rank_causes(
            &card,
            &triage.session.interview,
            questions,
            &triage.session.checklist,
        );
        for (i, cause) in ranked.iter().take(4).enumerate() {
            let first = format!("  {}. ", i + 1);
            let style = if cause.is_open() {
                Style::new()
            } else {
                theme.dim()
            };
            if wrap_explanations {
                explanations.extend(wrapped(&cause.text, width, &first, "     ", style));
            } else {
                explanations.push(one_line(&format!("{first}{}", cause.text), width, style));
            }
            let why = match &cause.ruled_out_by {
                Some(step) => format!("ruled out in: {step}"),
                None if !cause.reasons.is_empty() => {
                    format!("because {}", cause.reasons.join(", "))
                }
                None => String::new(),
            };
            if !why.is_empty() {
                if wrap_explanations {
                    explanations.extend(wrapped(&why, width, "     ", "     ", theme.dim()));
                } else {
                    explanations.push(one_line(&format!("     {why}"), width, theme.dim()));
                }
            }
        }
    }
    let mut answers = Vec::new();
    let mut said = Vec::new();
    for planned in interview.plan(questions) {
        let id = &planned.question.id;
        let text = match (interview.answers.get(id), planned.skipped) {
            (Some(answer), _) => {
                let from = if interview.source(id).is_some() {
                    " (from the evidence)"
                } else {
                    ""
                };
                format!("{id}: {}{from}", Interview::describe(questions, id, answer))
            }
            (None, Some(reason)) => format!("{id}: not asked, {reason}"),
            (None, None) => continue,
        };
        said.push(text);
    }
    if roomy {
        answers.push(heading(" Answers so far", theme));
        for text in &said {
            answers.extend(wrapped(text, width, "  ", "    ", Style::new()));
        }
        if said.is_empty() {
            answers.push(Line::from(Span::styled("  none yet", theme.dim())));
        }
    } else if !said.is_empty() {
        answers.extend(wrapped(
            &format!("Answers: {}", said.join(" · ")),
            width,
            " ",
            "   ",
            theme.dim(),
        ));
    }
    let mut lines;
    if roomy {
        lines = answers;
        if !explanations.is_empty() {
            lines.push(Line::default());
            lines.extend(explanations);
        }
        let code = triage.code(runbook).unwrap_or_default();
        let suggested = comparisons_for(runbook, code, &triage.session.interview);
        if !suggested.is_empty() {
            lines.push(Line::default());
            lines.push(heading(" Worth comparing", theme));
            for s in suggested.iter().take(3) {
                lines.extend(wrapped(
                    &format!("{}: {}", comparison_title(code, &s.comparison), s.reason),
                    width,
                    "  - ",
                    "    ",
                    Style::new(),
                ));
            }
        }
    } else {
        lines = explanations;
        lines.extend(answers);
    }
    lines
}

/// A comparison's title with the code in hand first, then the others in the runbook's order:
/// the order the compare screen shows them in.
fn comparison_title(code: u16, comparison: &crate::runbook::ComparisonCard) -> String {
    let mut codes = vec![code];
    codes.extend(comparison.codes.iter().copied().filter(|c| *c != code));
    comparison.title_for(&codes)
}

/// `text` on one line of `width` columns, cut after a whole word with an ellipsis when longer.
fn one_line(text: &str, width: u16, style: Style) -> Line<'static> {
    Line::from(Span::styled(fit_line(&visible(text), width), style))
}
