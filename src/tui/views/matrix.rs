//! The start screen: the code matrix grouped by class, the search line, the warning banner,
//! and on wide terminals a preview of the selected code.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::{heading, wrapped};
use crate::runbook::Diagnostic;
use crate::text::visible;
use crate::tui::app::App;
use crate::tui::theme::Theme;

/// Width from which the preview pane is shown.
const PREVIEW_FROM: u16 = 100;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: Theme) {
    let mut constraints = Vec::new();
    let banner = banner(app, theme);
    if banner.is_some() {
        constraints.push(Constraint::Length(1));
    }
    let show_search = app.table.searching || !app.table.query.is_empty();
    if show_search {
        constraints.push(Constraint::Length(1));
    }
    constraints.push(Constraint::Min(1));
    let areas = Layout::vertical(constraints).split(area);
    let mut next = 0;
    if let Some(banner) = banner {
        frame.render_widget(Paragraph::new(banner), areas[next]);
        next += 1;
    }
    if show_search {
        let cursor = if app.table.searching { "█" } else { "" };
        let count = app.table.rows.len();
        let line = Line::from(vec![
            Span::styled(" / ", theme.heading()),
            Span::raw(visible(&app.table.query)),
            Span::raw(cursor),
            Span::styled(
                format!("   {count} match{}", if count == 1 { "" } else { "es" }),
                theme.dim(),
            ),
        ]);
        frame.render_widget(Paragraph::new(line), areas[next]);
        next += 1;
    }
    let body = areas[next];
    let (list_area, preview_area) = if body.width >= PREVIEW_FROM {
        let [l, p] = Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)])
            .areas(body);
        (l, Some(p))
    } else {
        (body, None)
    };
    draw_list(frame, list_area, app, theme);
    if let Some(preview_area) = preview_area {
        draw_preview(frame, preview_area, app, theme);
    }
}

fn banner(app: &App, theme: Theme) -> Option<Line<'static>> {
    let errors = app.findings.iter().filter(|d| d.is_error()).count();
    let warnings = app.findings.len() - errors;
    if app.findings.is_empty() {
        return None;
    }
    let first = app
        .findings
        .first()
        .map(Diagnostic::headline)
        .unwrap_or_default();
    let (text, style) = if errors > 0 {
        (
            format!(
                " ⚠ {errors} runbook error(s), {warnings} warning(s): press p to see them · {first}"
            ),
            theme.error(),
        )
    } else {
        (
            format!(" ⚠ {warnings} runbook warning(s), p to see them · {first}"),
            theme.warning(),
        )
    };
    Some(Line::from(Span::styled(visible(&text), style)))
}

/// One line of the list before it is formatted: only the lines in view are formatted.
enum Entry {
    Blank,
    Header(usize),
    Row(usize),
}

fn draw_list(frame: &mut Frame, area: Rect, app: &App, theme: Theme) {
    let rows = &app.table.rows;
    let searching = !app.table.query.trim().is_empty();
    let several_teams = app.matrix.runbooks().len() > 2;
    let width = usize::from(area.width);
    let height = usize::from(area.height);
    if rows.is_empty() {
        let line = Line::from(Span::styled(
            " No code matches. Try a code (\"50\") or a word: auth, rate, timeout, gateway. Esc clears.",
            theme.warning(),
        ));
        frame.render_widget(Paragraph::new(line), area);
        return;
    }
    let mut entries = Vec::with_capacity(rows.len() + 16);
    let mut selected_line = 0;
    let mut last_group = None;
    for (i, row) in rows.iter().enumerate() {
        let group = (row.runbook, row.code / 100);
        if !searching && last_group != Some(group) {
            if last_group.is_some() {
                entries.push(Entry::Blank);
            }
            entries.push(Entry::Header(i));
            last_group = Some(group);
        }
        if i == app.table.selected {
            selected_line = entries.len();
        }
        entries.push(Entry::Row(i));
    }
    // Keep the selection in view without remembering an offset between frames.
    let offset = selected_line
        .saturating_sub(height.saturating_sub(1) * 2 / 3)
        .min(entries.len().saturating_sub(height));
    // Titles tell codes apart, so they get their full length first, but never the owner's
    // place: "who owns it" must stay readable at 80 columns ("Platform / gateway team").
    let title_width = app
        .table
        .longest_title
        .min(width.saturating_sub(8 + 24))
        .max(4);
    let owner_width = width.saturating_sub(8 + title_width + 1).max(4);
    let lines: Vec<Line<'static>> = entries
        .iter()
        .skip(offset)
        .take(height)
        .map(|entry| match entry {
            Entry::Blank => Line::default(),
            Entry::Header(i) => {
                let row = &rows[*i];
                let mut title = format!("{}xx {}", row.code / 100, class_name(row.code / 100));
                if app.matrix.runbooks().len() > 1 {
                    title = format!("{} · {title}", row.team);
                }
                heading(&format!(" {title}"), theme)
            }
            Entry::Row(i) => {
                let row = &rows[*i];
                let mark = if app.table.marked.contains(&(row.runbook, row.code)) {
                    "●"
                } else {
                    " "
                };
                let own = if row.own_entry { "*" } else { " " };
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
                let style = if *i == app.table.selected {
                    theme.selected()
                } else {
                    Style::new()
                };
                Line::from(Span::styled(visible(&fit(&text, width)), style))
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), area);
}

fn draw_preview(frame: &mut Frame, area: Rect, app: &App, theme: Theme) {
    let block = Block::default()
        .borders(Borders::LEFT)
        .title(Span::styled(" preview ", theme.dim()));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let Some(row) = app.table.rows.get(app.table.selected) else {
        return;
    };
    let Some(card) = app.matrix.card(row) else {
        return;
    };
    let width = inner.width.saturating_sub(1);
    let mut lines = vec![Line::from(Span::styled(
        visible(&format!(" {} {}", card.code, card.title)),
        theme.code(),
    ))];
    lines.extend(wrapped(
        &format!("{} · {}", card.owner.name, card.owner.contact),
        width,
        " ",
        " ",
        theme.heading(),
    ));
    lines.push(Line::default());
    lines.extend(wrapped(&card.meaning, width, " ", " ", Style::new()));
    lines.push(Line::default());
    lines.push(heading(" Look first", theme));
    for (i, look) in card.look_first.iter().enumerate() {
        lines.extend(wrapped(
            &look.what,
            width,
            &format!(" {}. ", i + 1),
            "    ",
            Style::new(),
        ));
    }
    lines.push(Line::default());
    lines.push(Line::from(Span::styled(
        " Enter: full card · c: compare · t: triage",
        theme.dim(),
    )));
    frame.render_widget(Paragraph::new(lines), inner);
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
