//! The escalation preview: what the team still wants, how many secrets were redacted, the
//! summary exactly as it will be pasted; writing the bundle, copying the summary, and what
//! became of each.

use crate::tui::screens::render;
use jiff::Timestamp;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::{Command, Scroll, Shared, wrapped};
use crate::export::summary::Format;
use crate::runbook::TeamRunbook;
use crate::runbook::model::Need;
use crate::session::Session;
use crate::text::visible;
use crate::tui::effect::{Copying, Effect};
use crate::tui::keymap::{Action, Context, key_for};
use crate::tui::theme::Theme;

/// The redacted summary shown before it leaves the terminal.
#[derive(Debug, Clone)]
pub struct ExportPreview {
    pub text: String,
    /// "3 secrets redacted".
    pub redaction: String,
    /// What was redacted, per kind ("2 cookie header, 1 jwt"); empty when nothing was.
    pub redacted_kinds: String,
    /// The team's needs that the evidence does not fill yet.
    pub missing: Vec<Need>,
    /// Notes of the session the engineer struck out: left out, or in when asked for.
    pub struck: usize,
}

/// What became of a bundle write or a copy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportOutcome {
    pub of: ExportStep,
    pub text: String,
    /// Something went wrong or was only partly done: shown as a warning.
    pub trouble: bool,
}

/// The two ways a summary leaves the app; the export screen shows the latest outcome of each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportStep {
    Bundle,
    Copy,
}

/// The escalation screen of the open triage.
#[derive(Debug, Clone)]
pub struct ExportScreen {
    pub format: Format,
    pub scroll: Scroll,
    /// The preview in `format`; `None` when the triage could not be prepared (the reason is on
    /// the status line).
    pub preview: Option<ExportPreview>,
    /// Where the bundle and the copy went, in full: the status line has room for one line
    /// only, and a path or a clipboard warning is exactly what must not be cut off.
    pub outcomes: Vec<ExportOutcome>,
    /// Whether the notes the engineer struck out go out too (marked struck); off by default.
    pub include_struck: bool,
}

impl ExportScreen {
    /// The preview of `session` in Markdown, and a notice when it cannot be made.
    pub fn new(session: &Session, runbook: &TeamRunbook, now: Timestamp) -> (Self, Vec<Command>) {
        let mut screen = Self {
            format: Format::Md,
            scroll: Scroll::default(),
            preview: None,
            outcomes: Vec::new(),
            include_struck: false,
        };
        let commands = screen.refresh(session, runbook, now);
        (screen, commands)
    }

    /// Recomputes the redacted summary in the current format.
    fn refresh(
        &mut self,
        session: &Session,
        runbook: &TeamRunbook,
        now: Timestamp,
    ) -> Vec<Command> {
        match crate::export::prepare_with(session, runbook, true, self.include_struck) {
            Ok(prepared) => {
                self.preview = Some(ExportPreview {
                    text: prepared.render(runbook, now, self.format),
                    redaction: prepared.redaction_note(),
                    redacted_kinds: prepared.redaction_kinds(),
                    missing: prepared.missing,
                    struck: session.notes.iter().filter(|n| n.struck).count(),
                });
                Vec::new()
            }
            Err(e) => {
                self.preview = None;
                vec![Command::Notice(e.to_string())]
            }
        }
    }

    /// `session` is the open triage's, with its runbook; without one there is nothing to act on.
    pub fn update(
        &mut self,
        action: &Action,
        shared: &Shared,
        triage: Option<(&Session, &TeamRunbook)>,
    ) -> Vec<Command> {
        if self.scroll.apply(action, shared.page()) {
            return Vec::new();
        }
        let Some((session, runbook)) = triage else {
            return Vec::new();
        };
        match action {
            Action::CycleFormat => {
                self.format = self.format.next();
                self.scroll = Scroll::default();
                self.refresh(session, runbook, shared.now)
            }
            Action::IncludeStruck => {
                self.include_struck = !self.include_struck;
                self.refresh(session, runbook, shared.now)
            }
            Action::Open => write_bundle(session, runbook, shared, self.include_struck),
            Action::Copy => copy_summary(
                session,
                runbook,
                shared.now,
                self.format,
                self.include_struck,
            ),
            _ => Vec::new(),
        }
    }

    /// Shows `outcome` in full, replacing the earlier outcome of the same step.
    pub fn record(&mut self, outcome: ExportOutcome) {
        self.outcomes.retain(|o| o.of != outcome.of);
        self.outcomes.push(outcome);
    }

    /// "(3 secrets redacted)" for the bundle's outcome line.
    pub fn redaction(&self) -> Option<&str> {
        self.preview.as_ref().map(|p| p.redaction.as_str())
    }

    pub fn draw(&self, buf: &mut Buffer, area: Rect, shared: &Shared) {
        let theme = shared.theme();
        let Some(preview) = &self.preview else {
            render(
                buf,
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
        for outcome in &self.outcomes {
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
                format!(
                    "{} ({} changes the format)",
                    self.format.label(),
                    key_for(Context::Export, &Action::CycleFormat)
                ),
                theme.dim(),
            ),
        ]));
        let struck_key = key_for(Context::Export, &Action::IncludeStruck);
        if preview.struck > 0 {
            let (text, style) = if self.include_struck {
                (
                    format!(
                        "{} struck note(s) included, marked struck ({struck_key} leaves them out).",
                        preview.struck
                    ),
                    theme.warning(),
                )
            } else {
                (
                    format!(
                        "{} struck note(s) left out ({struck_key} puts them in, marked struck).",
                        preview.struck
                    ),
                    theme.dim(),
                )
            };
            head.extend(wrapped(&text, width, " ", "   ", style));
        }
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
        render(buf, Paragraph::new(head), top);
        let lines = lines(preview, body.width.saturating_sub(2), theme);
        let scroll = self
            .scroll
            .clamp(lines.len(), usize::from(body.height.saturating_sub(2)));
        let block = Block::default().borders(Borders::ALL).title(Span::styled(
            " Escalation summary (redacted) ",
            theme.heading(),
        ));
        render(
            buf,
            Paragraph::new(lines).block(block).scroll((scroll, 0)),
            body,
        );
    }
}

/// The commands that write the bundle of `session`, redacted.
fn write_bundle(
    session: &Session,
    runbook: &TeamRunbook,
    shared: &Shared,
    include_struck: bool,
) -> Vec<Command> {
    let now = shared.now;
    match crate::export::prepare_with(session, runbook, true, include_struck) {
        // The timeline's stamps in the engineer's zone, as the screen shows them.
        Ok(prepared) => vec![
            Command::Effect(Effect::Save),
            Command::Effect(Effect::WriteBundle {
                name: prepared.bundle_name(runbook, now),
                files: prepared
                    .in_zone(shared.zone.clone())
                    .bundle_files(runbook, now),
            }),
        ],
        Err(e) => vec![Command::Notice(e.to_string())],
    }
}

/// The commands that copy the summary of `session` in `format`, redacted; struck notes only
/// when `include_struck`.
pub fn copy_summary(
    session: &Session,
    runbook: &TeamRunbook,
    now: Timestamp,
    format: Format,
    include_struck: bool,
) -> Vec<Command> {
    match crate::export::prepare_with(session, runbook, true, include_struck) {
        Ok(prepared) => vec![
            Command::Notice(format!(
                "Copying the summary ({})…",
                prepared.redaction_note()
            )),
            Command::Effect(Effect::Copy {
                text: prepared.render(runbook, now, format),
                what: Copying::Summary,
            }),
        ],
        Err(e) => vec![Command::Notice(e.to_string())],
    }
}

/// The preview's lines at `width`.
fn lines(preview: &ExportPreview, width: u16, theme: Theme) -> Vec<Line<'static>> {
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
