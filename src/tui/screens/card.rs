//! The code card: meaning, owner, the first three places to look, causes, checks, examples
//! and look-alikes of one status code, scrollable. It draws the card's sheet
//! (`runbook::sheet`), as `explain` prints it: same labels, same order. One of the first three
//! places or examples is marked (the first place, until a digit picks another): `y` copies
//! its command, `r` runs it in the open triage.

use std::cell::Cell;

use crate::tui::screens::render;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::{Command, Scroll, Shared, command_lines, heading, wrapped};
use crate::runbook::model::ExampleKind;
use crate::runbook::sheet::{Label, Part, Sheet, sheet};
use crate::text::{visible, wrap};
use crate::tui::effect::{Copying, Effect};
use crate::tui::keymap::{Action, Context, key_for};
use crate::tui::theme::Theme;

/// Width from which the good and failing examples are shown side by side.
const SIDE_BY_SIDE: u16 = 100;

/// One code's card, scrolled, with one of its first places marked for copying.
#[derive(Debug, Clone)]
pub struct CardScreen {
    pub runbook: usize,
    pub code: u16,
    pub scroll: Scroll,
    /// The marked item (0 for the first place): the one whose command `y` copies and `r`
    /// runs. The card's places come first, then its examples.
    pub place: usize,
    /// Bring the marked place into view at the next draw (the only moment the layout is
    /// known), after a digit picked it.
    reveal: Cell<bool>,
}

impl CardScreen {
    pub fn new(runbook: usize, code: u16) -> Self {
        Self {
            runbook,
            code,
            scroll: Scroll::default(),
            place: 0,
            reveal: Cell::new(false),
        }
    }

    pub fn update(&mut self, action: &Action, shared: &Shared) -> Vec<Command> {
        if self.scroll.apply(action, shared.page()) {
            return Vec::new();
        }
        match action {
            Action::Compare => compare_look_alikes(shared, self.runbook, self.code),
            Action::Type(digit) => self.pick(*digit, shared),
            Action::CopyCommand => self.copy(shared),
            Action::Run => {
                let places = shared
                    .card(self.runbook, self.code)
                    .map_or(0, |c| c.look_first.len());
                let source = match self.place.checked_sub(places) {
                    Some(index) => super::RunSource::Example {
                        runbook: self.runbook,
                        code: self.code,
                        index,
                    },
                    None => super::RunSource::Place {
                        runbook: self.runbook,
                        code: self.code,
                        place: self.place,
                    },
                };
                vec![Command::Run(source)]
            }
            _ => Vec::new(),
        }
    }

    /// A digit marks that place or example (1 for the first place; the examples follow the
    /// places) and brings it into view.
    fn pick(&mut self, digit: char, shared: &Shared) -> Vec<Command> {
        let items = shared
            .card(self.runbook, self.code)
            .map_or(0, |c| pickable(&c));
        match digit.to_digit(10).and_then(|d| usize::try_from(d).ok()) {
            Some(n) if (1..=items).contains(&n) => {
                self.place = n - 1;
                self.reveal.set(true);
                Vec::new()
            }
            _ => vec![Command::Notice(format!(
                "This card numbers {items} places and examples; {digit} is not one of them."
            ))],
        }
    }

    /// `y`: the marked place's command, exactly as the runbook writes it (placeholders such
    /// as `<namespace>` kept), to the clipboard.
    fn copy(&self, shared: &Shared) -> Vec<Command> {
        let card = shared.card(self.runbook, self.code);
        let places = card.as_ref().map_or(0, |c| c.look_first.len());
        let item = card.and_then(|c| match self.place.checked_sub(places) {
            None => c.look_first.get(self.place).map(|p| p.how.clone()),
            Some(i) => c.examples.get(i).map(|e| e.request.clone()),
        });
        let of = if self.place < places {
            format!("place {}", self.place + 1)
        } else {
            format!("example {}", self.place + 1)
        };
        match item {
            Some(text) => vec![Command::Effect(Effect::Copy {
                text,
                what: Copying::Command { of },
            })],
            None => vec![Command::Notice(
                "This card has no place to look, so no command to copy.".to_owned(),
            )],
        }
    }

    pub fn draw(&self, buf: &mut Buffer, area: Rect, shared: &Shared) {
        let theme = shared.theme();
        let inner_width = area.width.saturating_sub(2);
        let (places, items) = shared
            .card(self.runbook, self.code)
            .map_or((0, 0), |c| (c.look_first.len(), pickable(&c)));
        let (title, lines) = match shared.card(self.runbook, self.code) {
            Some(card) => {
                let name = shared.runbook(self.runbook).map_or("", |r| r.name.as_str());
                let sheet = sheet(&card, name);
                let (lines, marked) = sheet_lines(&sheet, theme, inner_width, self.place, places);
                if self.reveal.replace(false)
                    && let Some((start, end)) = marked
                {
                    self.scroll
                        .show(start, end, usize::from(area.height.saturating_sub(2)));
                }
                (visible(&format!(" {} ", sheet.heading())), lines)
            }
            None => (
                String::new(),
                vec![Line::from(format!(
                    "{} is not an HTTP status code.",
                    self.code
                ))],
            ),
        };
        let scroll = self
            .scroll
            .clamp(lines.len(), usize::from(area.height.saturating_sub(2)));
        let mut block = Block::default()
            .borders(Borders::ALL)
            .title(Span::styled(title, theme.code()));
        if items > 0 {
            // On the border, so it is seen wherever the card is scrolled: which place `y`
            // copies and `r` runs, and how to pick another.
            let marked = if self.place < places {
                format!("place {}", self.place + 1)
            } else {
                format!("example {}", self.place + 1)
            };
            block = block.title_bottom(
                Line::from(Span::styled(
                    format!(
                        " ▸ {} copies, {} runs {marked} · 1-{items} picks ",
                        key_for(Context::Card, &Action::CopyCommand),
                        key_for(Context::Card, &Action::Run),
                    ),
                    theme.dim(),
                ))
                .right_aligned(),
            );
        }
        render(
            buf,
            Paragraph::new(lines).block(block).scroll((scroll, 0)),
            area,
        );
    }
}

/// How many of a card's items a digit can mark: its places, then its examples, up to 9.
fn pickable(card: &crate::runbook::Card) -> usize {
    (card.look_first.len() + card.examples.len()).min(9)
}

/// `c` on a code: the code beside the codes its card says it is confused with.
pub fn compare_look_alikes(shared: &Shared, runbook: usize, code: u16) -> Vec<Command> {
    let mut codes = vec![code];
    if let Some(card) = shared.card(runbook, code) {
        codes.extend(card.compare.iter().copied().filter(|c| *c != code));
    }
    super::compare::open(runbook, codes)
}

/// A sheet's lines at `width`, sections set apart by a blank line, with the place `marked`
/// (0 for the first) marked; and where that place's lines are.
fn sheet_lines(
    sheet: &Sheet,
    theme: Theme,
    width: u16,
    marked: usize,
    places: usize,
) -> (Vec<Line<'static>>, Option<(usize, usize)>) {
    let mut out = Vec::new();
    let mut marked_at = None;
    for (i, section) in sheet.sections.iter().enumerate() {
        if i > 0 {
            out.push(Line::default());
        }
        if let Some(label) = section.heading {
            out.push(heading(label.text(), theme));
        }
        if section.heading == Some(Label::Examples) {
            let start = out.len();
            let (lines, at) = examples(&section.parts, width, theme, places, marked);
            out.extend(lines);
            if let Some((a, b)) = at {
                marked_at = Some((start + a, start + b));
            }
            continue;
        }
        for part in &section.parts {
            let start = out.len();
            let is_marked = matches!(part, Part::Step { number, .. } if *number == marked + 1);
            out.extend(part_lines(part, width, theme, is_marked));
            if is_marked {
                marked_at = Some((start, out.len()));
            }
        }
    }
    (out, marked_at)
}

/// One part's lines at `width`; `marked` for the place `y` copies.
fn part_lines(part: &Part, width: u16, theme: Theme, marked: bool) -> Vec<Line<'static>> {
    match part {
        // Marked as on the matrix row ("!"), so it is seen without colour.
        Part::Banner(text) => wrapped(text, width, "! ", "  ", theme.warning()),
        Part::FallbackNotice(text) => wrapped(text, width, "", "", theme.warning()),
        Part::Fact { label, text } => fact(*label, text, width, fact_style(*label, theme)),
        Part::Meaning(text) => wrapped(text, width, "", "", Style::new()),
        Part::Step {
            number,
            what,
            command,
        } => {
            let mut out = wrapped(what, width, "    ", "    ", theme.heading());
            // The number in front, marked (reversed, so it reads without colour) when `y`
            // copies this place.
            if let Some(first) = out.first_mut() {
                let (number, style) = if marked {
                    (format!("▸{number}."), theme.selected())
                } else {
                    (format!(" {number}."), Style::new())
                };
                first.spans[0] = Span::styled(number, style);
                first.spans.insert(1, Span::raw(" "));
            }
            out.extend(command_lines(
                command,
                width,
                "    $ ",
                "        ",
                theme.command(),
                theme,
            ));
            out
        }
        Part::Cause(text) => wrapped(text, width, " - ", "   ", Style::new()),
        Part::Check { number, text } => wrapped(
            text,
            width,
            &format!(" {number:>2}. "),
            "     ",
            Style::new(),
        ),
        // Examples are numbered across their section, so `examples` draws them all.
        Part::Example { .. } => Vec::new(),
        Part::ConfusedWith { others, .. } => {
            let codes: Vec<String> = others.iter().map(u16::to_string).collect();
            let how = format!(
                "{} (press {} to compare)",
                codes.join(", "),
                key_for(Context::Card, &Action::Compare)
            );
            fact(Label::ConfusedWith, &how, width, theme.code())
        }
    }
}

/// The style of a fact's text (its label stays plain).
fn fact_style(label: Label, theme: Theme) -> Style {
    match label {
        Label::Owner => theme.heading(),
        Label::Runbook => theme.dim(),
        Label::Needs => theme.warning(),
        _ => Style::new(),
    }
}

/// "Label: text" wrapped to `width` with a hanging indent, the label plain and the text in
/// `style`; narrow columns wrap the label's words too.
pub(super) fn fact(label: Label, text: &str, width: u16, style: Style) -> Vec<Line<'static>> {
    let label = format!("{}:", label.text());
    let all = visible(&format!("{label} {text}"));
    let avail = usize::from(width).saturating_sub(2).max(8);
    let mut plain = label.chars().count();
    wrap(&all, avail)
        .into_iter()
        .enumerate()
        .map(|(i, piece)| {
            let mut spans = Vec::new();
            if i > 0 {
                spans.push(Span::raw("  "));
            }
            // The label's part of this line: up to its colon, wherever the wrap put it.
            let cut = piece
                .char_indices()
                .nth(plain)
                .map_or(piece.len(), |(at, _)| at);
            let (head, tail) = piece.split_at(cut);
            plain = plain.saturating_sub(head.chars().count() + 1);
            if !head.is_empty() {
                spans.push(Span::raw(head.to_owned()));
            }
            if !tail.is_empty() {
                spans.push(Span::styled(tail.to_owned(), style));
            }
            Line::from(spans)
        })
        .collect()
}

/// One example's lines, its number (`number`, as digits pick it) reversed when `marked`.
fn example_lines(
    part: &Part,
    width: u16,
    theme: Theme,
    number: usize,
    marked: bool,
) -> Vec<Line<'static>> {
    let Part::Example {
        kind,
        kind_label,
        summary,
        request,
        note,
    } = part
    else {
        return Vec::new();
    };
    let style = match kind {
        ExampleKind::Good => theme.command(),
        ExampleKind::Failing => theme.error(),
    };
    let mut out = Vec::new();
    for (i, piece) in wrap(
        &visible(&format!("{kind_label}: {summary}")),
        usize::from(width).saturating_sub(5).max(8),
    )
    .into_iter()
    .enumerate()
    {
        if i == 0 {
            let (label, rest) = piece.split_at(piece.len().min(kind_label.len()));
            let number_style = if marked {
                theme.selected()
            } else {
                theme.dim()
            };
            out.push(Line::from(vec![
                Span::raw(" "),
                Span::styled(number.to_string(), number_style),
                Span::raw(" "),
                Span::styled(label.to_owned(), style),
                Span::raw(rest.to_owned()),
            ]));
        } else {
            out.push(Line::from(format!("     {piece}")));
        }
    }
    out.extend(command_lines(
        request,
        width,
        "   $ ",
        "       ",
        theme.command(),
        theme,
    ));
    if let Some(note) = note {
        out.extend(wrapped(note, width, "   ", "   ", theme.dim()));
    }
    out
}

/// Good and failing examples: side by side when wide enough, else one after the other. Each
/// is numbered after the card's `places`; the one numbered `marked + 1` is marked, and where
/// its lines are is returned.
fn examples(
    examples: &[Part],
    width: u16,
    theme: Theme,
    places: usize,
    marked: usize,
) -> (Vec<Line<'static>>, Option<(usize, usize)>) {
    let of_kind = |wanted: ExampleKind| -> Vec<(usize, &Part)> {
        examples
            .iter()
            .enumerate()
            .filter(|(_, p)| matches!(p, Part::Example { kind, .. } if *kind == wanted))
            .collect()
    };
    // One column of examples, and where the marked one's lines are in it.
    let column = |parts: &[(usize, &Part)], width: u16| {
        let mut lines = Vec::new();
        let mut at = None;
        for (index, part) in parts {
            let start = lines.len();
            let is_marked = places + index == marked;
            lines.extend(example_lines(
                part,
                width,
                theme,
                places + index + 1,
                is_marked,
            ));
            if is_marked {
                at = Some((start, lines.len()));
            }
        }
        (lines, at)
    };
    let (good, failing) = (of_kind(ExampleKind::Good), of_kind(ExampleKind::Failing));
    if width < SIDE_BY_SIDE || good.is_empty() || failing.is_empty() {
        let all: Vec<(usize, &Part)> = examples.iter().enumerate().collect();
        return column(&all, width);
    }
    let half = (width - 2) / 2;
    let (left, left_at) = column(&good, half);
    let (right, right_at) = column(&failing, half);
    let rows = left.len().max(right.len());
    let lines = (0..rows)
        .map(|i| {
            let mut spans = Vec::new();
            let l = left.get(i).cloned().unwrap_or_default();
            let used = l.width();
            spans.extend(l.spans);
            spans.push(Span::raw(
                " ".repeat(usize::from(half).saturating_sub(used) + 2),
            ));
            if let Some(r) = right.get(i) {
                spans.extend(r.spans.clone());
            }
            Line::from(spans)
        })
        .collect();
    (lines, left_at.or(right_at))
}
