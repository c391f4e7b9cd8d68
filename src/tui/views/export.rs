//! The escalation preview: what the team still wants, how many secrets were redacted, and the
//! summary exactly as it will be pasted.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::wrapped;
use crate::text::visible;
use crate::tui::app::App;
use crate::tui::theme::Theme;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: Theme, scroll: usize) {
    let Some(preview) = &app.preview else {
        frame.render_widget(
            Paragraph::new(" Nothing to export: no triage is open."),
            area,
        );
        return;
    };
    let width = area.width.saturating_sub(2);
    let mut head = Vec::new();
    if preview.missing.is_empty() {
        head.push(Line::from(Span::styled(
            " Everything the team asks for is in the evidence.",
            theme.command(),
        )));
    } else {
        let labels: Vec<&str> = preview.missing.iter().map(|n| n.label()).collect();
        head.extend(wrapped(
            &format!(
                "Still missing: {}. You can export anyway.",
                labels.join(", ")
            ),
            width,
            " ",
            " ",
            theme.warning(),
        ));
    }
    for outcome in &preview.outcomes {
        let style = if outcome.trouble {
            theme.warning()
        } else {
            theme.command()
        };
        head.extend(wrapped(&outcome.text, width, " ", "   ", style));
    }
    head.push(Line::from(vec![
        Span::styled(format!(" {} · ", preview.redaction), theme.heading()),
        Span::styled(
            // The keys are on the status line; this line says what the preview is.
            format!("{} (f changes the format)", preview.format.label()),
            theme.dim(),
        ),
    ]));
    if !preview.redacted_kinds.is_empty() {
        head.extend(wrapped(
            &format!("Redacted: {}; marked below.", preview.redacted_kinds),
            width,
            " ",
            "   ",
            theme.dim(),
        ));
    }
    // Honest about the limit: a password typed with no name around it looks like any word.
    head.extend(wrapped(
        "Read it before sharing: a password typed without a name is not recognised.",
        width,
        " ",
        "   ",
        theme.dim(),
    ));
    let head_height = u16::try_from(head.len()).unwrap_or(2);
    let [top, body] =
        Layout::vertical([Constraint::Length(head_height), Constraint::Min(1)]).areas(area);
    frame.render_widget(Paragraph::new(head), top);
    let lines = lines(app, body.width.saturating_sub(2), theme);
    let max = lines
        .len()
        .saturating_sub(usize::from(body.height.saturating_sub(2)));
    let scroll = u16::try_from(scroll.min(max)).unwrap_or(u16::MAX);
    let block = Block::default().borders(Borders::ALL).title(Span::styled(
        " Escalation summary (redacted) ",
        theme.heading(),
    ));
    frame.render_widget(Paragraph::new(lines).block(block).scroll((scroll, 0)), body);
}

/// The preview's lines at `width`, for drawing and for the scroll limit.
pub fn lines(app: &App, width: u16, theme: Theme) -> Vec<Line<'static>> {
    let Some(preview) = &app.preview else {
        return Vec::new();
    };
    preview
        .text
        .lines()
        .flat_map(|line| {
            if line.is_empty() {
                vec![Line::default()]
            } else {
                crate::text::wrap(&visible(line), usize::from(width.max(8)))
                    .into_iter()
                    .map(|wrapped| marked(&wrapped, theme))
                    .collect()
            }
        })
        .collect()
}

/// A line with every redaction marker highlighted, so the engineer sees where secrets were.
fn marked(line: &str, theme: Theme) -> Line<'static> {
    let mark = crate::export::redact::MARK;
    let mut spans = Vec::new();
    let mut rest = line;
    while let Some(at) = rest.find(mark) {
        if at > 0 {
            spans.push(Span::raw(rest[..at].to_owned()));
        }
        spans.push(Span::styled(mark.to_owned(), theme.redacted()));
        rest = &rest[at + mark.len()..];
    }
    if !rest.is_empty() {
        spans.push(Span::raw(rest.to_owned()));
    }
    Line::from(spans)
}
