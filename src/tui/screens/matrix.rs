//! The start screen: the code matrix grouped by class, the search line, the warning banner,
//! and on wide terminals a preview of the selected code; typing a code jumps to it, marks
//! pick codes to compare.

use std::collections::BTreeSet;
use std::rc::Rc;

use crate::tui::screens::render;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::card::fact;
use super::{
    Command, Opening, Shared, cut_top_line, heading, moved_selection, put_line, put_lines,
    split_columns, wrapped,
};
use crate::code::StatusCode;
use crate::matrix::{Matrix, Row};
use crate::runbook::Diagnostic;
use crate::runbook::sheet::{Label, Part, sheet};
use crate::text::visible;
use crate::tui::keymap::{Action, Context, key_for};
use crate::tui::theme::Theme;

/// Width from which the preview pane is shown.
const PREVIEW_FROM: u16 = 100;

/// The matrix screen's own state: the search and the selection.
#[derive(Debug, Clone, Default)]
pub struct MatrixScreen {
    pub query: String,
    pub searching: bool,
    pub selected: usize,
    /// Rows matching the query, in display order, as indices into the matrix's rows.
    pub rows: Vec<usize>,
    /// Recent searches and their hits: Backspace finds its query here, and a query typed on
    /// from one of them is looked for among its hits only.
    recent: Vec<(String, Rc<Vec<usize>>)>,
    /// Codes marked for comparison, as (runbook, code).
    pub marked: BTreeSet<(usize, u16)>,
    /// Digits typed to jump to a code.
    pub digits: String,
    /// The longest title among `rows`, so the title column does not shift while scrolling.
    pub longest_title: usize,
    /// The engineer has moved, jumped or searched to a row. Until then the highlighted row is
    /// just the first one, and a triage started from the matrix asks for the code instead of
    /// assuming it.
    pub picked: bool,
}

impl MatrixScreen {
    pub fn new(shared: &Shared) -> Self {
        let mut screen = Self::default();
        screen.refresh_rows(shared);
        screen
    }

    pub fn context(&self) -> Context {
        if self.searching {
            Context::Searching
        } else {
            Context::Matrix
        }
    }

    /// The highlighted row.
    pub fn selected_row<'s>(&self, shared: &'s Shared) -> Option<&'s Row> {
        self.row(shared, self.selected)
    }

    /// The row shown at `index`.
    pub fn row<'s>(&self, shared: &'s Shared, index: usize) -> Option<&'s Row> {
        self.rows
            .get(index)
            .and_then(|id| shared.matrix.rows().get(*id))
    }

    /// The runbook and code a triage or the scenarios started here are about. An untouched
    /// matrix has not told us the code: the first row is just where the highlight starts.
    pub fn about(&self, shared: &Shared) -> (usize, Option<u16>) {
        match self.selected_row(shared) {
            Some(row) if self.picked => (row.runbook, Some(row.code)),
            Some(row) => (row.runbook, None),
            None => (shared.runbook_index_for(None), None),
        }
    }

    pub fn update(&mut self, action: &Action, shared: &Shared) -> Vec<Command> {
        if let Some(moved) = moved_selection(self.selected, self.rows.len(), action, shared.page())
        {
            self.selected = moved;
            self.picked = true;
            return Vec::new();
        }
        match action {
            Action::Back => self.back(shared),
            Action::Open => {
                self.searching = false;
                self.picked = true;
                if let Some(row) = self.selected_row(shared) {
                    return vec![Command::Open(Opening::Card {
                        runbook: row.runbook,
                        code: row.code,
                    })];
                }
                Vec::new()
            }
            Action::Search => {
                self.searching = true;
                self.digits.clear();
                Vec::new()
            }
            Action::ToggleSelect => {
                self.toggle_mark(shared);
                Vec::new()
            }
            Action::Compare => self.compare(shared),
            Action::Type(c) => self.type_char(*c, shared),
            Action::Backspace => {
                self.query.pop();
                self.refresh_rows(shared);
                Vec::new()
            }
            Action::Paste(text) => self.paste(text, shared),
            _ => Vec::new(),
        }
    }

    /// Esc clears the search first, then the marks; the matrix is never left.
    fn back(&mut self, shared: &Shared) -> Vec<Command> {
        if self.searching || !self.query.is_empty() {
            self.searching = false;
            self.query.clear();
            self.refresh_rows(shared);
        } else if !self.marked.is_empty() {
            self.marked.clear();
            return vec![Command::Notice("Marks cleared".to_owned())];
        }
        Vec::new()
    }

    /// The marked codes of one runbook side by side, or the highlighted code and its
    /// look-alikes.
    fn compare(&self, shared: &Shared) -> Vec<Command> {
        if self.marked.len() >= 2 {
            let first = self.marked.iter().next().map_or(0, |m| m.0);
            let codes = self
                .marked
                .iter()
                .filter(|m| m.0 == first)
                .map(|m| m.1)
                .collect();
            return super::compare::open(first, codes);
        }
        match self.selected_row(shared) {
            Some(row) => super::card::compare_look_alikes(shared, row.runbook, row.code),
            None => Vec::new(),
        }
    }

    fn toggle_mark(&mut self, shared: &Shared) {
        let Some(row) = self.selected_row(shared) else {
            return;
        };
        let key = (row.runbook, row.code);
        if !self.marked.remove(&key) {
            self.marked.insert(key);
        }
        self.selected = (self.selected + 1).min(self.rows.len().saturating_sub(1));
        self.picked = true;
    }

    fn type_char(&mut self, c: char, shared: &Shared) -> Vec<Command> {
        if self.searching {
            self.query.push(c);
            self.refresh_rows(shared);
            return Vec::new();
        }
        // Digits on the matrix jump to the first code that starts with them.
        if self.digits.len() >= 3 {
            self.digits.clear();
        }
        self.digits.push(c);
        let digits = self.digits.clone();
        if digits.len() == 3 {
            self.digits.clear();
        }
        let all = shared.matrix.rows();
        if let Some(index) = self
            .rows
            .iter()
            .position(|id| all[*id].code.to_string().starts_with(&digits))
        {
            self.selected = index;
            self.picked = true;
        } else if digits.len() == 3 {
            // A code the runbook does not list still has its class advice.
            if let Ok(code) = digits.parse::<u16>() {
                if StatusCode::is_valid(code) {
                    let runbook = shared.runbook_index_for(Some(code));
                    return vec![Command::Open(Opening::Card { runbook, code })];
                }
                return vec![Command::Notice(format!(
                    "{code} is not an HTTP status code"
                ))];
            }
        }
        Vec::new()
    }

    fn paste(&mut self, text: &str, shared: &Shared) -> Vec<Command> {
        if !self.searching {
            return vec![Command::Notice(
                "Paste ignored: there is no text field here".to_owned(),
            )];
        }
        // A search is one line: the first line of the normalised paste (terminals send line
        // breaks as CR), without control characters.
        let text = crate::text::normalize(text);
        let line = text.lines().next().unwrap_or("");
        self.query
            .extend(line.chars().filter(|c| !c.is_control()).take(200));
        self.refresh_rows(shared);
        Vec::new()
    }

    /// Recomputes the rows for the query, keeping the selection in range.
    pub fn refresh_rows(&mut self, shared: &Shared) {
        let previous = self.selected_row(shared).map(|r| (r.runbook, r.code));
        let ids = self.hits_for(shared);
        let all = shared.matrix.rows();
        self.longest_title = shared.matrix.longest_title(&ids).unwrap_or(10);
        self.rows = ids;
        if !self.query.trim().is_empty() {
            self.picked = true;
        }
        self.selected = if self.query.is_empty() {
            // A cleared search keeps the row it had found, not whatever sits at its index.
            previous
                .and_then(|p| {
                    self.rows
                        .iter()
                        .position(|id| (all[*id].runbook, all[*id].code) == p)
                })
                .unwrap_or(self.selected)
                .min(self.rows.len().saturating_sub(1))
        } else {
            0
        };
    }

    /// The hits for the query: remembered, narrowed from a query it extends, or searched.
    fn hits_for(&mut self, shared: &Shared) -> Vec<usize> {
        const REMEMBERED: usize = 32;
        let query = self.query.trim().to_owned();
        if query.is_empty() {
            return shared.matrix.search_ids("");
        }
        if let Some((_, ids)) = self.recent.iter().find(|(q, _)| *q == query) {
            return ids.as_ref().clone();
        }
        let narrowed = self
            .recent
            .iter()
            .filter(|(q, _)| Matrix::narrows(q, &query))
            .max_by_key(|(q, _)| q.len())
            .map(|(_, ids)| Rc::clone(ids));
        let ids = match narrowed {
            Some(among) => shared.matrix.search_among(&query, &among),
            None => shared.matrix.search_ids(&query),
        };
        if self.recent.len() >= REMEMBERED {
            self.recent.remove(0);
        }
        self.recent.push((query, Rc::new(ids.clone())));
        ids
    }

    pub fn draw(&self, buf: &mut Buffer, area: Rect, shared: &Shared) {
        let theme = shared.theme();
        let mut body = area;
        if let Some(banner) = banner(shared, theme) {
            render(buf, Paragraph::new(banner), cut_top_line(&mut body));
        }
        if self.searching || !self.query.is_empty() {
            let cursor = if self.searching { "█" } else { "" };
            let count = self.rows.len();
            let line = Line::from(vec![
                Span::styled(" / ", theme.heading()),
                Span::raw(visible(&self.query)),
                Span::raw(cursor),
                Span::styled(
                    format!("   {count} match{}", if count == 1 { "" } else { "es" }),
                    theme.dim(),
                ),
            ]);
            render(buf, Paragraph::new(line), cut_top_line(&mut body));
        }
        let (list_area, preview_area) = if body.width >= PREVIEW_FROM {
            let (l, p) = split_columns(body, 55);
            (l, Some(p))
        } else {
            (body, None)
        };
        self.draw_list(buf, list_area, shared, theme);
        if let Some(preview_area) = preview_area {
            self.draw_preview(buf, preview_area, shared, theme);
        }
    }
}

fn banner(shared: &Shared, theme: Theme) -> Option<Line<'static>> {
    let errors = shared.findings.iter().filter(|d| d.is_error()).count();
    let warnings = shared.findings.len() - errors;
    if shared.findings.is_empty() {
        return None;
    }
    let first = shared
        .findings
        .first()
        .map(Diagnostic::headline)
        .unwrap_or_default();
    let problems = key_for(Context::Matrix, &Action::Problems);
    let (text, style) = if errors > 0 {
        (
            format!(
                " ⚠ {errors} runbook error(s), {warnings} warning(s): press {problems} to see them · {first}"
            ),
            theme.error(),
        )
    } else {
        (
            format!(" ⚠ {warnings} runbook warning(s), {problems} to see them · {first}"),
            theme.warning(),
        )
    };
    Some(Line::from(Span::styled(visible(&text), style)))
}

/// One line of the list before it is formatted: only the lines in view are formatted.
#[derive(Debug, Clone, Copy)]
enum Entry {
    Blank,
    Header(usize),
    Row(usize),
}

/// The lines of the list in order, made as they are read.
struct Entries<'a> {
    ids: &'a [usize],
    all: &'a [Row],
    grouped: bool,
    next: usize,
    last_group: Option<(usize, u16)>,
    /// Lines due before the row at `next`.
    pending: Option<[Option<Entry>; 2]>,
}

impl Iterator for Entries<'_> {
    type Item = Entry;

    fn next(&mut self) -> Option<Entry> {
        if let Some(pending) = &mut self.pending {
            if let Some(entry) = pending.iter_mut().find_map(Option::take) {
                return Some(entry);
            }
            self.pending = None;
            let row = self.next;
            self.next += 1;
            return Some(Entry::Row(row));
        }
        let row = self.all.get(*self.ids.get(self.next)?)?;
        let group = (row.runbook, row.code / 100);
        if self.grouped && self.last_group != Some(group) {
            let blank = self.last_group.is_some().then_some(Entry::Blank);
            self.last_group = Some(group);
            self.pending = Some([blank, Some(Entry::Header(self.next))]);
            return self.next();
        }
        let index = self.next;
        self.next += 1;
        Some(Entry::Row(index))
    }
}

impl MatrixScreen {
    fn draw_list(&self, buf: &mut Buffer, area: Rect, shared: &Shared, theme: Theme) {
        let all = shared.matrix.rows();
        let row_at = |i: usize| &all[self.rows[i]];
        let searching = !self.query.trim().is_empty();
        let several_teams = shared.matrix.runbooks().len() > 2;
        let width = usize::from(area.width);
        let height = usize::from(area.height);
        if self.rows.is_empty() {
            let line = Line::from(Span::styled(
                format!(
                    " No code matches. Try a code (\"50\") or a word: auth, rate, timeout, gateway. \
                     {} clears.",
                    key_for(Context::Searching, &Action::Back)
                ),
                theme.warning(),
            ));
            render(buf, Paragraph::new(line), area);
            return;
        }
        // The list as lines: a heading (after a blank line, but for the first) opens each
        // class of codes. Only the lines in view are made: with thousands of rows, making them
        // all on every key press would cost more than the rest of the frame.
        let entries = || Entries {
            ids: &self.rows,
            all,
            grouped: !searching,
            next: 0,
            last_group: None,
            pending: None,
        };
        let (total, selected_line) =
            entries()
                .enumerate()
                .fold((0_usize, 0), |(total, selected), (line, entry)| {
                    let here = matches!(entry, Entry::Row(i) if i == self.selected);
                    (total + 1, if here { line } else { selected })
                });
        // Keep the selection in view without remembering an offset between frames.
        let offset = selected_line
            .saturating_sub(height.saturating_sub(1) * 2 / 3)
            .min(total.saturating_sub(height));
        // Titles tell codes apart, so they get their full length first, but never the owner's
        // place: "who owns it" must stay readable at 80 columns ("Platform / gateway team").
        let title_width = self.longest_title.min(width.saturating_sub(8 + 24)).max(4);
        let owner_width = width.saturating_sub(8 + title_width + 1).max(4);
        let lines: Vec<Line<'static>> = entries()
            .skip(offset)
            .take(height)
            .map(|entry| match entry {
                Entry::Blank => Line::default(),
                Entry::Header(i) => {
                    let row = row_at(i);
                    let mut title = format!("{}xx {}", row.code / 100, class_name(row.code / 100));
                    if shared.matrix.runbooks().len() > 1 {
                        title = format!("{} · {title}", row.team);
                    }
                    heading(&format!(" {title}"), theme)
                }
                Entry::Row(i) => {
                    let row = row_at(i);
                    let mark = if self.marked.contains(&(row.runbook, row.code)) {
                        "●"
                    } else {
                        " "
                    };
                    // "!": the team's entry did not load; the mark reads without colour.
                    let own = if row.broken {
                        "!"
                    } else if row.own_entry {
                        "*"
                    } else {
                        " "
                    };
                    let team = if several_teams && searching {
                        format!(" [{}]", row.team)
                    } else {
                        String::new()
                    };
                    let text = format!(
                        "{mark}{:>4}{own} {:<title_width$} {}{team}",
                        row.code,
                        fit(&row.title, title_width),
                        fit(&row.owner, owner_width),
                    );
                    let style = if i == self.selected {
                        theme.selected()
                    } else if row.broken {
                        theme.warning()
                    } else {
                        Style::new()
                    };
                    Line::from(Span::styled(visible(&fit(&text, width)), style))
                }
            })
            .collect();
        // Line by line into the buffer: each line already fits, so a paragraph's reflow would
        // only cost time on every key press.
        let buffer = &mut *buf;
        for (line, y) in lines.iter().zip(area.top()..area.bottom()) {
            put_line(buffer, area.x, y, line, area.width);
        }
    }

    fn draw_preview(&self, buf: &mut Buffer, area: Rect, shared: &Shared, theme: Theme) {
        let block = Block::default()
            .borders(Borders::LEFT)
            .title(Span::styled(" preview ", theme.dim()));
        let inner = block.inner(area);
        render(buf, block, area);
        let Some(row) = self.selected_row(shared) else {
            return;
        };
        let Some(card) = shared.matrix.card(row) else {
            return;
        };
        let width = inner.width.saturating_sub(1);
        let name = shared.runbook(row.runbook).map_or("", |r| r.name.as_str());
        let sheet = sheet(card, name);
        let mut lines = vec![Line::from(Span::styled(
            visible(&format!(" {}", sheet.heading())),
            theme.code(),
        ))];
        // A few parts of the card, under the card's labels; first the banner of an entry
        // that did not load.
        if let Some(banner) = sheet.banner() {
            lines.extend(wrapped(banner, width, " ! ", "   ", theme.warning()));
        }
        if let Some(owner) = sheet.fact(Label::Owner) {
            lines.extend(
                fact(
                    Label::Owner,
                    owner,
                    width.saturating_sub(1),
                    theme.heading(),
                )
                .into_iter()
                .map(|line| {
                    let mut spans = vec![Span::raw(" ")];
                    spans.extend(line.spans);
                    Line::from(spans)
                }),
            );
        }
        lines.push(Line::default());
        lines.extend(wrapped(&card.meaning, width, " ", " ", Style::new()));
        lines.push(Line::default());
        lines.push(heading(&format!(" {}", Label::LookFirst.text()), theme));
        for part in sheet.under(Label::LookFirst) {
            if let Part::Step { number, what, .. } = part {
                lines.extend(wrapped(
                    what,
                    width,
                    &format!(" {number}. "),
                    "    ",
                    Style::new(),
                ));
            }
        }
        lines.push(Line::default());
        lines.push(Line::from(Span::styled(
            format!(
                " {}: full card · {}: compare · {}: triage",
                key_for(Context::Matrix, &Action::Open),
                key_for(Context::Matrix, &Action::Compare),
                key_for(Context::Matrix, &Action::Triage),
            ),
            theme.dim(),
        )));
        // Already wrapped to the width: put line by line, as a paragraph would.
        put_lines(buf, inner, lines);
    }
}

fn class_name(class: u16) -> &'static str {
    match class {
        1 => "Informational",
        2 => "Success",
        3 => "Redirection",
        4 => "Client errors",
        _ => "Server errors",
    }
}

/// Cuts `text` to `width` characters with an ellipsis, so columns stay aligned.
fn fit(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        return text.to_owned();
    }
    let mut cut: String = text.chars().take(width.saturating_sub(1)).collect();
    cut.push('…');
    cut
}
