//! The screens, one file each: its state, how actions change it and how it is drawn. A screen
//! reads what every screen shares ([`Shared`]) and asks the app for what it cannot do itself
//! ([`Command`]: open or leave a screen, start a triage, perform an effect); no screen knows
//! the app.

pub mod card;
pub mod compare;
pub mod diff;
pub mod draft;
pub mod export;
pub mod help;
pub mod logs;
pub mod matrix;
pub mod notice;
pub mod problems;
pub mod resume;
pub mod run;
pub mod scenarios;
pub mod timeline;
pub mod triage;

use std::cell::Cell;

use jiff::Timestamp;
use jiff::tz::TimeZone;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::keymap::Action;
use super::theme::Theme;
use crate::matrix::Matrix;
use crate::runbook::{Card, Diagnostic, ScenarioCard, TeamRunbook};
use crate::text::{CONTINUATION, LongWords, visible, wrap_command, wrap_hanging};

/// Draws `widget` over `area` of the screen being built. Screens draw into a plain buffer,
/// not a terminal's frame, so the first frame can be drawn before there is a terminal (see
/// `tui::draw_first_screen`).
pub fn render(buf: &mut Buffer, widget: impl Widget, area: Rect) {
    widget.render(area, buf);
}

/// The most codes shown side by side in a comparison.
pub const MAX_COMPARE: usize = 4;

/// What every screen may read: the runbooks, the problems found at start, the time and the
/// terminal.
#[derive(Debug, Clone)]
pub struct Shared {
    pub matrix: Matrix,
    pub findings: Vec<Diagnostic>,
    /// Colours allowed (false under `NO_COLOR`: bold and reverse only).
    pub color: bool,
    /// The terminal size at the last draw, for paging.
    pub viewport: (u16, u16),
    /// The time, set by the event loop before each update (the app never reads the clock).
    pub now: Timestamp,
    /// The engineer's time zone, for note stamps.
    pub zone: TimeZone,
}

impl Shared {
    pub fn runbook(&self, index: usize) -> Option<&TeamRunbook> {
        self.matrix.runbooks().get(index)
    }

    /// The card for a code in a runbook, falling back to its class advice.
    pub fn card(&self, runbook: usize, code: u16) -> Option<Card> {
        self.runbook(runbook)?.card(code)
    }

    pub fn scenarios(&self, runbook: usize) -> &[ScenarioCard] {
        self.runbook(runbook)
            .map_or(&[], |r| r.scenarios.as_slice())
    }

    /// The runbook that answers for `code` (the team's when it lists the code).
    pub fn runbook_index_for(&self, code: Option<u16>) -> usize {
        let picked = self.matrix.pick(None, code);
        self.matrix
            .runbooks()
            .iter()
            .position(|r| picked.is_some_and(|p| std::ptr::eq(p, r)))
            .unwrap_or(0)
    }

    /// Lines a page holds: the terminal height less the title and status bars.
    pub fn page(&self) -> usize {
        usize::from(self.viewport.1.saturating_sub(4)).max(1)
    }

    pub fn theme(&self) -> Theme {
        Theme { color: self.color }
    }
}

/// A screen on the app's stack. The matrix is always at the bottom; the triage screen's state
/// lives beside the stack, since it outlives visits to it.
#[derive(Debug, Clone)]
pub enum Screen {
    Problems(problems::ProblemsScreen),
    Matrix(matrix::MatrixScreen),
    Card(card::CardScreen),
    Compare(compare::CompareScreen),
    Scenarios(scenarios::ScenariosScreen),
    Triage,
    Export(export::ExportScreen),
    /// The offer to resume an open triage about a code, over the screen `t` was pressed on.
    Resume(resume::ResumeScreen),
    /// A runbook command being prepared, run, or looked at once run (boxed: it holds the
    /// output, far bigger than any other screen).
    Run(Box<run::RunScreen>),
    /// An access log being read, then its picture.
    Logs(Box<logs::LogsScreen>),
    /// The triage's known-good note against its failing one.
    Diff(diff::DiffScreen),
    /// The triage's timeline.
    Timeline(timeline::TimelineScreen),
    /// A drafted status update or hand-off.
    Draft(Box<draft::DraftScreen>),
}

/// What a screen asks of the app after an action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// Open a screen over this one.
    Open(Opening),
    /// Leave this screen for the one below.
    Leave,
    /// Say something on the status line.
    Notice(String),
    /// Start a triage about `code` in `runbook`, or return to the open one about it; when
    /// saved ones about it are still open, offer to resume one first.
    StartTriage { runbook: usize, code: Option<u16> },
    /// Start a new triage about `code` in `runbook`, whatever is open.
    NewTriage { runbook: usize, code: Option<u16> },
    /// Reopen the saved triage `id` in place of the current one.
    ResumeTriage { id: String },
    /// Open the escalation preview of the triage.
    Escalate,
    /// Something for the event loop to do.
    Effect(super::effect::Effect),
    /// Open the run screen for a command of the runbook (the app fills in what it knows).
    Run(RunSource),
    /// Read the access log at this path into the triage, on a logs screen.
    ReadLog(String),
    /// Start the command the run screen `id` shows; `typed` are the placeholder values the
    /// engineer typed, kept in the triage for the next command.
    StartRun {
        id: u64,
        command: String,
        timeout_seconds: u32,
        typed: std::collections::BTreeMap<String, String>,
    },
}

/// Which runbook command `r` was pressed on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RunSource {
    /// A checklist step of the triage, by index.
    Step(usize),
    /// One of a card's first three places (0 for the first).
    Place {
        runbook: usize,
        code: u16,
        place: usize,
    },
    /// One of a card's example requests, by index.
    Example {
        runbook: usize,
        code: u16,
        index: usize,
    },
}

/// A screen to open, as data so screens need not build each other.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Opening {
    Card {
        runbook: usize,
        code: u16,
    },
    Compare {
        runbook: usize,
        codes: Vec<u16>,
    },
    Scenarios {
        runbook: usize,
    },
    Problems,
    /// The marked notes of the triage compared: the comparison, and which notes they are.
    Diff {
        comparison: Box<crate::evidence::compare::Comparison>,
        good: String,
        failing: String,
    },
    /// The triage's timeline, as the triage shows it (redacted unless revealed).
    Timeline {
        entries: Vec<crate::session::Entry>,
        /// The runbook whose redaction patterns the copy passes.
        runbook: usize,
    },
    /// A text drafted from the triage, in each format, with a line about it.
    Draft {
        kind: draft::DraftKind,
        runbook: usize,
        drafts: Vec<(crate::export::summary::Format, String)>,
        about: String,
        /// When the drafted update promises the next one.
        due: Option<jiff::Timestamp>,
    },
}

impl Opening {
    pub fn into_screen(self) -> Screen {
        match self {
            Opening::Card { runbook, code } => Screen::Card(card::CardScreen::new(runbook, code)),
            Opening::Compare { runbook, codes } => {
                Screen::Compare(compare::CompareScreen::new(runbook, codes))
            }
            Opening::Scenarios { runbook } => {
                Screen::Scenarios(scenarios::ScenariosScreen::new(runbook))
            }
            Opening::Problems => Screen::Problems(problems::ProblemsScreen::default()),
            Opening::Diff {
                comparison,
                good,
                failing,
            } => Screen::Diff(diff::DiffScreen::new(*comparison, good, failing)),
            Opening::Timeline { entries, runbook } => {
                Screen::Timeline(timeline::TimelineScreen::new(entries, runbook))
            }
            Opening::Draft {
                kind,
                runbook,
                drafts,
                about,
                due,
            } => Screen::Draft(Box::new(draft::DraftScreen::new(
                kind, runbook, drafts, about, due,
            ))),
        }
    }
}

/// The first line shown of a scrolling text. Keys move it freely; drawing clamps it to the
/// text at the size it is drawn, the only moment that size is known, and keeps the clamped
/// value so ↑ after `G` moves at once.
#[derive(Debug, Clone, Default)]
pub struct Scroll {
    offset: Cell<usize>,
}

impl Scroll {
    pub fn offset(&self) -> usize {
        self.offset.get()
    }

    /// Moves for a scrolling key; false when `action` is not one.
    pub fn apply(&self, action: &Action, page: usize) -> bool {
        let offset = self.offset.get();
        let moved = match action {
            Action::Up | Action::ScrollUp => offset.saturating_sub(1),
            Action::Down | Action::ScrollDown => offset.saturating_add(1),
            Action::PageUp => offset.saturating_sub(page),
            Action::PageDown => offset.saturating_add(page),
            Action::Top => 0,
            Action::Bottom => usize::MAX / 2,
            _ => return false,
        };
        self.offset.set(moved);
        true
    }

    /// Moves just enough that lines `start..end` are in view in `height` rows; their start
    /// first when they do not all fit.
    pub fn show(&self, start: usize, end: usize, height: usize) {
        let offset = self.offset.get();
        if start < offset {
            self.offset.set(start);
        } else if end > offset.saturating_add(height) {
            self.offset.set(start.min(end.saturating_sub(height)));
        }
    }

    /// The offset to draw `content` lines in `height` rows with, kept for the next key.
    pub fn clamp(&self, content: usize, height: usize) -> u16 {
        let clamped = self.offset.get().min(content.saturating_sub(height));
        self.offset.set(clamped);
        u16::try_from(clamped).unwrap_or(u16::MAX)
    }
}

/// Moves a list selection for a moving key, within `len` rows; `None` when `action` is not
/// one.
pub fn moved_selection(selected: usize, len: usize, action: &Action, page: usize) -> Option<usize> {
    let last = len.saturating_sub(1);
    let moved = match action {
        Action::Up | Action::ScrollUp => selected.saturating_sub(1),
        Action::Down | Action::ScrollDown => selected.saturating_add(1),
        Action::PageUp => selected.saturating_sub(page),
        Action::PageDown => selected.saturating_add(page),
        Action::Top => 0,
        Action::Bottom => last,
        _ => return None,
    };
    Some(moved.min(last))
}

/// Wraps `text` to `width` with a first-line prefix and a hanging indent, as styled lines.
pub(crate) fn wrapped(
    text: &str,
    width: u16,
    first: &str,
    rest: &str,
    style: Style,
) -> Vec<Line<'static>> {
    let room = |prefix: &str| usize::from(width).saturating_sub(prefix.chars().count());
    wrap_hanging(&visible(text), room(first), room(rest))
        .into_iter()
        .enumerate()
        .map(|(i, piece)| {
            let prefix = if i == 0 { first } else { rest };
            Line::from(vec![
                Span::raw(prefix.to_owned()),
                Span::styled(piece, style),
            ])
        })
        .collect()
}

/// A shell command wrapped to `width` for a box, its first line after `first` and the others
/// after `rest` (indented deeper, so they read as the same command): broken only between the
/// shell's words, or inside a word longer than the line, each line but the last ending with
/// the shell's continuation mark, drawn dim. One column before the border stays free, so a
/// command never touches it and the mark is not read as part of the border.
pub(crate) fn command_lines(
    command: &str,
    width: u16,
    first: &str,
    rest: &str,
    style: Style,
    theme: Theme,
) -> Vec<Line<'static>> {
    let indent = first.chars().count().max(rest.chars().count());
    let avail = usize::from(width).saturating_sub(indent + 1).max(8);
    let pieces = wrap_command(&visible(command), avail, LongWords::Break);
    let last = pieces.len().saturating_sub(1);
    pieces
        .into_iter()
        .enumerate()
        .map(|(i, piece)| {
            let prefix = if i == 0 { first } else { rest };
            let mut spans = vec![Span::raw(prefix.to_owned())];
            match piece.strip_suffix(CONTINUATION).filter(|_| i < last) {
                Some(body) => {
                    spans.push(Span::styled(body.to_owned(), style));
                    spans.push(Span::styled(CONTINUATION.to_string(), theme.dim()));
                }
                None => spans.push(Span::styled(piece, style)),
            }
            Line::from(spans)
        })
        .collect()
}

/// `text` in `width` columns: whole when it fits, else cut after the last whole word that
/// leaves at least half the line, with an ellipsis.
pub(crate) fn fit_line(text: &str, width: u16) -> String {
    let width = usize::from(width);
    if text.chars().count() <= width {
        return text.to_owned();
    }
    let cut: String = text.chars().take(width.saturating_sub(1)).collect();
    let cut = match cut.rfind(' ') {
        Some(space) if cut[..space].chars().count() * 2 >= width => cut[..space]
            .trim_end_matches([',', ';', ':', '·', ' '])
            .to_owned(),
        _ => cut,
    };
    format!("{cut}…")
}

/// A section heading line.
pub(crate) fn heading(text: &str, theme: Theme) -> Line<'static> {
    Line::from(Span::styled(visible(text), theme.heading()))
}

/// Cuts the top line off `area` and returns it; `area` keeps the rest. With a line to spare
/// this is what `Layout::vertical([Length(1), .., Min(1)])` gives, without ratatui's
/// constraint solver: solving the three layouts of the first frame (the app's frame and the
/// code matrix) took a tenth of its instructions. A test holds the two equal.
pub(crate) fn cut_top_line(area: &mut Rect) -> Rect {
    let line = Rect {
        height: area.height.min(1),
        ..*area
    };
    area.y += line.height;
    area.height -= line.height;
    line
}

/// Cuts the bottom line off `area` and returns it; `area` keeps the rest (see
/// [`cut_top_line`]).
pub(crate) fn cut_bottom_line(area: &mut Rect) -> Rect {
    let height = area.height.min(1);
    area.height -= height;
    Rect {
        y: area.bottom(),
        height,
        ..*area
    }
}

/// `area` cut in two side by side, `percent` of its width on the left: what
/// `Layout::horizontal([Percentage(percent), Percentage(100 - percent)])` gives (rounded to the
/// nearest column, a half up), without the constraint solver (see [`cut_top_line`]).
pub(crate) fn split_columns(area: Rect, percent: u16) -> (Rect, Rect) {
    let width = u32::from(area.width);
    let left = u16::try_from((width * u32::from(percent.min(100)) + 50) / 100).unwrap_or(0);
    let left = Rect {
        width: left,
        ..area
    };
    let right = Rect {
        x: left.right(),
        width: area.width - left.width,
        ..area
    };
    (left, right)
}

/// `buffer.set_line(x, y, line, max_width)`, quicker for a line all in ASCII (every row of
/// the code matrix, most card text): ratatui cuts every string into graphemes and measures
/// each (a third of the first frame's drawing), while an ASCII character is its own grapheme,
/// one cell wide, and control characters are dropped as ratatui drops them. A test holds the
/// two equal.
pub(crate) fn put_line(
    buffer: &mut Buffer,
    x: u16,
    y: u16,
    line: &Line<'_>,
    max_width: u16,
) -> (u16, u16) {
    if !line.spans.iter().all(|span| span.content.is_ascii()) {
        return buffer.set_line(x, y, line, max_width);
    }
    let mut remaining = max_width;
    let mut x = x;
    for span in &line.spans {
        if remaining == 0 {
            break;
        }
        let style = line.style.patch(span.style);
        let start = x;
        let mut room = buffer.area.right().saturating_sub(x).min(remaining);
        for byte in span.content.bytes() {
            if byte.is_ascii_control() {
                continue;
            }
            if room == 0 {
                break;
            }
            room -= 1;
            if let Some(cell) = buffer.cell_mut((x, y)) {
                cell.set_char(char::from(byte)).set_style(style);
            }
            x += 1;
        }
        remaining = remaining.saturating_sub(x - start);
    }
    (x, y)
}

/// `Paragraph::new(lines)` rendered in `area` (no wrapping, no block, no style of its own):
/// one line per row, through [`put_line`] when the line is all ASCII. A test holds the two
/// equal.
pub(crate) fn put_lines(buffer: &mut Buffer, area: Rect, lines: Vec<Line<'_>>) {
    for (line, y) in lines.into_iter().zip(area.top()..area.bottom()) {
        if line.spans.iter().all(|span| span.content.is_ascii()) && line.alignment.is_none() {
            put_line(buffer, area.x, y, &line, area.width);
        } else {
            Paragraph::new(line).render(
                Rect {
                    y,
                    height: 1,
                    ..area
                },
                buffer,
            );
        }
    }
}

#[cfg(test)]
mod layout_tests {
    use super::{cut_bottom_line, cut_top_line, split_columns};
    use ratatui::layout::{Constraint, Layout, Rect};

    #[test]
    fn cutting_lines_gives_what_the_constraint_solver_gives() {
        for height in 2..=300 {
            let area = Rect::new(3, 2, 120, height);
            let [title, body, status] = Layout::vertical([
                Constraint::Length(1),
                Constraint::Min(1),
                Constraint::Length(1),
            ])
            .areas(area);
            let mut rest = area;
            let top = cut_top_line(&mut rest);
            let bottom = cut_bottom_line(&mut rest);
            if height >= 3 {
                assert_eq!(
                    (top, rest, bottom),
                    (title, body, status),
                    "height {height}"
                );
            }
            for lines in 0..=2_u16 {
                let mut constraints = vec![Constraint::Length(1); usize::from(lines)];
                constraints.push(Constraint::Min(1));
                let solved = Layout::vertical(constraints).split(area);
                let mut rest = area;
                let cut: Vec<Rect> = (0..lines).map(|_| cut_top_line(&mut rest)).collect();
                if height > lines {
                    assert_eq!(cut, solved[..usize::from(lines)], "height {height}");
                    assert_eq!(rest, solved[usize::from(lines)], "height {height}");
                }
            }
        }
    }

    #[test]
    fn splitting_columns_gives_what_the_constraint_solver_gives() {
        for width in 0..=1000 {
            let area = Rect::new(4, 1, width, 30);
            for percent in [50, 55] {
                let [left, right] = Layout::horizontal([
                    Constraint::Percentage(percent),
                    Constraint::Percentage(100 - percent),
                ])
                .areas(area);
                assert_eq!(
                    split_columns(area, percent),
                    (left, right),
                    "width {width}, {percent}%"
                );
            }
        }
    }
}

#[cfg(test)]
mod put_tests {
    use super::{put_line, put_lines};
    use ratatui::buffer::Buffer;
    use ratatui::layout::Rect;
    use ratatui::style::{Color, Modifier, Style};
    use ratatui::text::{Line, Span};
    use ratatui::widgets::{Paragraph, Widget};

    /// Lines as the screens make them, and some no screen makes: controls, CR LF, tabs, wide
    /// and combining characters, empty spans, a style on the line and on its spans.
    fn lines() -> Vec<Line<'static>> {
        let texts = [
            "  101  Switching Protocols                Platform / gateway team",
            "a\r\nb\tc\u{1b}[31md\u{7f}e",
            "",
            " · escalate: Page platform-primary",
            "wide 漢字 and e\u{301} combining",
            "x".repeat(300).leak(),
        ];
        let styles = [
            Style::new(),
            Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
            Style::new()
                .bg(Color::Indexed(4))
                .remove_modifier(Modifier::BOLD),
        ];
        let mut lines = Vec::new();
        for (i, text) in texts.iter().enumerate() {
            for (j, style) in styles.iter().enumerate() {
                let spans = vec![
                    Span::styled(*text, *style),
                    Span::raw(""),
                    Span::styled(texts[(i + 1) % texts.len()], styles[(j + 1) % styles.len()]),
                ];
                lines.push(Line::from(spans.clone()));
                lines.push(Line::from(spans).style(styles[(j + 2) % styles.len()]));
            }
        }
        lines
    }

    #[test]
    fn put_line_draws_what_set_line_draws() {
        for line in lines() {
            for (x, width) in [(0, 80), (3, 10), (70, 80), (79, 5), (0, 0), (5, 200)] {
                let area = Rect::new(0, 0, 80, 2);
                let mut by_ratatui = Buffer::empty(area);
                by_ratatui.set_style(area, Style::new().fg(Color::Blue));
                let mut by_put = by_ratatui.clone();
                let a = by_ratatui.set_line(x, 1, &line, width);
                let b = put_line(&mut by_put, x, 1, &line, width);
                assert_eq!(
                    (a, &by_ratatui),
                    (b, &by_put),
                    "{line:?} at {x}, width {width}"
                );
            }
        }
    }

    #[test]
    fn put_lines_draws_what_a_paragraph_draws() {
        for width in [1, 7, 40, 80] {
            for height in [1, 3, 40] {
                let area = Rect::new(2, 1, width, height);
                let whole = Rect::new(0, 0, 90, 45);
                let mut by_paragraph = Buffer::empty(whole);
                let mut by_put = Buffer::empty(whole);
                Paragraph::new(lines()).render(area, &mut by_paragraph);
                put_lines(&mut by_put, area, lines());
                assert_eq!(by_paragraph, by_put, "{width}x{height}");
            }
        }
    }
}
