//! The triage's timeline: every answer, step outcome, note, run, log read, export, update and
//! hand-off on one time axis (`Session::timeline`, redacted as the triage shows it), filtered
//! by kind with `f`, copied as Markdown with `y`, scrolled with the usual keys.

use std::fmt::Write as _;

use crate::tui::screens::render;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::{Command, Scroll, Shared, wrapped};
use crate::session::{Entry, EntryKind};
use crate::tui::effect::{Copying, Effect};
use crate::tui::keymap::{Action, Context, key_for};

/// Wide enough to show each row's local time beside UTC.
const LOCAL_FROM: u16 = 100;
/// Inner width from which the words go beside the stamp rather than under it.
const BESIDE_FROM: u16 = 70;

/// The timeline as it was when opened (the triage cannot change under it).
#[derive(Debug, Clone)]
pub struct TimelineScreen {
    pub entries: Vec<Entry>,
    /// The runbook whose redaction patterns the copy passes.
    pub runbook: usize,
    /// The one kind shown, or every kind.
    pub filter: Option<EntryKind>,
    pub scroll: Scroll,
}

impl TimelineScreen {
    pub fn new(entries: Vec<Entry>, runbook: usize) -> Self {
        Self {
            entries,
            runbook,
            filter: None,
            scroll: Scroll::default(),
        }
    }

    /// The entries the filter keeps.
    fn shown(&self) -> impl Iterator<Item = &Entry> {
        self.entries
            .iter()
            .filter(|e| self.filter.is_none_or(|kind| e.kind == kind))
    }

    /// The next filter: every kind, then each kind the timeline holds, in a fixed order.
    fn next_filter(&self) -> Option<EntryKind> {
        let present: Vec<EntryKind> = EntryKind::ALL
            .into_iter()
            .filter(|kind| self.entries.iter().any(|e| e.kind == *kind))
            .collect();
        match self.filter {
            None => present.first().copied(),
            Some(kind) => present
                .iter()
                .position(|k| *k == kind)
                .and_then(|i| present.get(i + 1).copied()),
        }
    }

    pub fn update(&mut self, action: &Action, shared: &Shared) -> Vec<Command> {
        if self.scroll.apply(action, shared.page()) {
            return Vec::new();
        }
        match action {
            Action::Filter => {
                self.filter = self.next_filter();
                self.scroll = Scroll::default();
                let what = self
                    .filter
                    .map_or_else(|| "every kind".to_owned(), |k| k.word().to_owned());
                vec![Command::Notice(format!(
                    "Timeline: {} shown ({what})",
                    self.shown().count()
                ))]
            }
            Action::Copy => {
                let entries: Vec<Entry> = self.shown().cloned().collect();
                let kinds = self.filter.map(|k| vec![k]);
                let text = crate::export::timeline::markdown(&entries, kinds.as_deref());
                // Redacted again: the entries are as shown, and shown may mean revealed.
                let patterns = shared
                    .runbook(self.runbook)
                    .map(|r| r.redact.clone())
                    .unwrap_or_default();
                match crate::export::redact::Redactor::with_custom(&patterns) {
                    Ok(redactor) => vec![Command::Effect(Effect::Copy {
                        text: redactor.redact(&text).text,
                        what: Copying::Timeline,
                    })],
                    Err(e) => vec![Command::Notice(e.to_string())],
                }
            }
            _ => Vec::new(),
        }
    }

    pub fn draw(&self, buf: &mut Buffer, area: Rect, shared: &Shared) {
        let theme = shared.theme();
        let width = area.width.saturating_sub(2);
        let local = area.width >= LOCAL_FROM;
        let mut lines: Vec<Line<'static>> = Vec::new();
        for entry in self.shown() {
            let mut prefix = format!(
                " {:>8} {}",
                crate::session::model::elapsed_label(entry.stamp.since_start),
                entry.stamp.at.strftime("%H:%M:%SZ")
            );
            if local {
                // "2026-11-23 10:03:07 CET" → "10:03:07 CET": the date is the UTC column's.
                let time = entry.stamp.local.split_once(' ').map_or("", |(_, t)| t);
                let _ = write!(prefix, " {time:<12}");
            }
            let _ = write!(prefix, " {:<8} ", entry.kind.word());
            let style = match entry.kind {
                EntryKind::Step | EntryKind::Export | EntryKind::Update | EntryKind::HandOff => {
                    theme.heading()
                }
                EntryKind::Start | EntryKind::Import => theme.dim(),
                _ => Style::new(),
            };
            if width < BESIDE_FROM {
                // Narrow: the stamp and kind on a line of their own, the words under them with
                // the width to themselves (beside a 30-column stamp they wrapped every 3 words).
                lines.push(Line::from(Span::styled(
                    prefix.trim_end().to_owned(),
                    theme.dim(),
                )));
                lines.extend(wrapped(&entry.line, width, "    ", "    ", style));
                continue;
            }
            let indent = " ".repeat(prefix.chars().count());
            let mut rows = wrapped(&entry.line, width, &prefix, &indent, style);
            if let Some(first) = rows.first_mut() {
                // The stamp column dim, the kind as it is: the eye runs down the words.
                let spans = std::mem::take(&mut first.spans);
                let mut spans = spans.into_iter();
                if let Some(stamp) = spans.next() {
                    first.spans.push(Span::styled(stamp.content, theme.dim()));
                }
                first.spans.extend(spans);
            }
            lines.extend(rows);
        }
        if lines.is_empty() {
            lines.push(Line::from(" Nothing of this kind yet."));
        }
        let offset = self
            .scroll
            .clamp(lines.len(), usize::from(area.height.saturating_sub(2)));
        let filter = key_for(Context::Timeline, &Action::Filter);
        let showing = match self.filter {
            None => format!("all {}", self.entries.len()),
            Some(kind) => format!(
                "{} {} of {}",
                self.shown().count(),
                kind.word(),
                self.entries.len()
            ),
        };
        let title = format!(" Timeline: {showing} ({filter} filters) ");
        let block = Block::default()
            .borders(Borders::ALL)
            .title(Span::styled(title, theme.heading()));
        render(
            buf,
            Paragraph::new(lines).block(block).scroll((offset, 0)),
            area,
        );
    }
}
