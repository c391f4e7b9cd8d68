//! Codes side by side, under the question from the runbook that tells them apart.

use crate::tui::screens::render;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::card::fact;
use super::{Command, MAX_COMPARE, Opening, Scroll, Shared, heading, wrapped};
use crate::matrix::Matrix;
use crate::runbook::sheet::{Label, Part, sheet};
use crate::tui::keymap::Action;
use crate::tui::theme::Theme;

/// Codes of one runbook side by side, scrolled together.
#[derive(Debug, Clone)]
pub struct CompareScreen {
    pub runbook: usize,
    pub codes: Vec<u16>,
    pub scroll: Scroll,
}

/// The commands that open a comparison of `codes`, or say why there is nothing to compare.
pub fn open(runbook: usize, codes: Vec<u16>) -> Vec<Command> {
    if codes.len() < 2 {
        return vec![Command::Notice(
            "Nothing to compare: mark codes with Space, or open a code that lists look-alikes"
                .to_owned(),
        )];
    }
    let mut commands = Vec::new();
    if codes.len() > MAX_COMPARE {
        commands.push(Command::Notice(format!(
            "Comparing the first {MAX_COMPARE} codes"
        )));
    }
    commands.push(Command::Open(Opening::Compare { runbook, codes }));
    commands
}

impl CompareScreen {
    pub fn new(runbook: usize, mut codes: Vec<u16>) -> Self {
        codes.truncate(MAX_COMPARE);
        Self {
            runbook,
            codes,
            scroll: Scroll::default(),
        }
    }

    pub fn update(&mut self, action: &Action, shared: &Shared) -> Vec<Command> {
        if self.scroll.apply(action, shared.page()) {
            return Vec::new();
        }
        match (action, self.codes.first()) {
            (Action::Compare, Some(&first)) => {
                super::card::compare_look_alikes(shared, self.runbook, first)
            }
            _ => Vec::new(),
        }
    }

    pub fn draw(&self, buf: &mut Buffer, area: Rect, shared: &Shared) {
        let theme = shared.theme();
        let (runbook, codes) = (self.runbook, self.codes.as_slice());
        let question = question_lines(shared, theme, runbook, codes, area.width);
        let question_height = u16::try_from(question.len())
            .unwrap_or(u16::MAX)
            .min(area.height / 2);
        let [top, body] =
            Layout::vertical([Constraint::Length(question_height), Constraint::Min(1)]).areas(area);
        render(buf, Paragraph::new(question), top);
        let n = u32::try_from(codes.len().max(1)).unwrap_or(1);
        let columns = Layout::horizontal((0..n).map(|_| Constraint::Ratio(1, n))).split(body);
        let columns: Vec<(u16, Rect, Vec<Line<'static>>)> = codes
            .iter()
            .zip(columns.iter())
            .map(|(code, column)| {
                let lines = column_lines(
                    shared,
                    theme,
                    runbook,
                    codes,
                    *code,
                    column.width.saturating_sub(2),
                );
                (*code, *column, lines)
            })
            .collect();
        // The columns scroll together, as far as the tallest one goes.
        let tallest = columns.iter().map(|c| c.2.len()).max().unwrap_or(0);
        let scroll = self
            .scroll
            .clamp(tallest, usize::from(body.height.saturating_sub(2)));
        for (code, column, lines) in columns {
            let block = Block::default()
                .borders(Borders::ALL)
                .title(Span::styled(format!(" {code} "), theme.code()));
            render(
                buf,
                Paragraph::new(lines).block(block).scroll((scroll, 0)),
                column,
            );
        }
    }
}

fn question_lines(
    shared: &Shared,
    theme: Theme,
    runbook: usize,
    codes: &[u16],
    width: u16,
) -> Vec<Line<'static>> {
    let comparison = shared
        .runbook(runbook)
        .and_then(|r| Matrix::comparison(r, codes));
    match comparison {
        Some(c) => {
            // The codes in the columns' order, as the title bar lists them.
            let mut lines = vec![heading(&format!(" {}", c.title_for(codes)), theme)];
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
    shared: &Shared,
    theme: Theme,
    runbook: usize,
    codes: &[u16],
    code: u16,
    width: u16,
) -> Vec<Line<'static>> {
    let Some(card) = shared.card(runbook, code) else {
        return vec![Line::from("no entry")];
    };
    let side = shared
        .runbook(runbook)
        .and_then(|r| Matrix::comparison(r, codes))
        .and_then(|c| {
            c.sides
                .iter()
                .find(|s| s.code == code)
                .map(|s| s.when.clone())
        });
    let name = shared.runbook(runbook).map_or("", |r| r.name.as_str());
    let sheet = sheet(&card, name);
    let mut lines = wrapped(&sheet.title, width, "", "", theme.code());
    if let Some(banner) = sheet.banner() {
        lines.extend(wrapped(banner, width, "! ", "  ", theme.warning()));
    }
    if let Some(when) = side {
        lines.push(Line::default());
        lines.extend(wrapped(&when, width, "When: ", "  ", theme.warning()));
    }
    lines.push(Line::default());
    lines.extend(wrapped(&card.meaning, width, "", "", Style::new()));
    lines.push(Line::default());
    // Who owns it and where it comes from, under the card's labels and in its order; a
    // column has room for the owner's name only (the card has the contact and escalation).
    lines.extend(fact(Label::Owner, &card.owner.name, width, theme.heading()));
    if let Some(layers) = sheet.fact(Label::ReturnedBy) {
        lines.extend(fact(Label::ReturnedBy, layers, width, Style::new()));
    }
    lines.push(Line::default());
    lines.extend(wrapped(
        Label::LookFirst.text(),
        width,
        "",
        "",
        theme.heading(),
    ));
    for part in sheet.under(Label::LookFirst) {
        if let Part::Step { number, what, .. } = part {
            lines.extend(wrapped(
                what,
                width,
                &format!("{number}. "),
                "   ",
                Style::new(),
            ));
        }
    }
    let causes = sheet.under(Label::Causes);
    if !causes.is_empty() {
        lines.push(Line::default());
        lines.extend(wrapped(
            Label::Causes.text(),
            width,
            "",
            "",
            theme.heading(),
        ));
        for part in causes.iter().take(3) {
            if let Part::Cause(text) = part {
                lines.extend(wrapped(text, width, "- ", "  ", Style::new()));
            }
        }
    }
    lines
}
