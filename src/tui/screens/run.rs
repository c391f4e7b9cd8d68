//! The run screen: a runbook command with its placeholders filled from what the session knows,
//! the missing ones asked for, the whole command shown and editable; it runs only on Enter,
//! streams its output while the keys stay live, and stops (the whole process group) on Esc,
//! Ctrl-C or its timeout. The finished run becomes a note of the triage (the app keeps it).

use std::collections::BTreeMap;

use crate::tui::screens::render;
use jiff::Timestamp;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use ratatui_textarea::TextArea;

use super::{Command, Scroll, Shared, command_lines, wrapped};
use crate::run::output::{Output, human_bytes};
use crate::runbook::commands::writes;
use crate::session::NoteTarget;
use crate::session::run::{RunEnd, duration_label};
use crate::text::visible;
use crate::triage::placeholders::{self, Known};
use crate::tui::effect::Effect;
use crate::tui::keymap::{Action, Context, key_for};
use crate::tui::theme::Theme;

/// Lines redacted around the visible ones, so a secret that spans lines is seen whole.
const CONTEXT: usize = 40;

/// What to run and what is known to fill it: made by the screen `r` was pressed on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunRequest {
    /// Where it came from: "step 2: Ingress error log", "example: known good".
    pub what: String,
    /// The note the run becomes is about this.
    pub target: NoteTarget,
    /// The command as the runbook writes it, placeholders and all.
    pub template: String,
    pub known: BTreeMap<String, Known>,
    pub timeout_seconds: u32,
    /// The runbook's own secret patterns, for redacting the output on screen.
    pub redact: Vec<(String, String)>,
}

#[derive(Debug, Clone)]
enum Phase {
    /// Asking for the placeholders nothing filled, one at a time.
    Ask {
        missing: Vec<String>,
        index: usize,
        input: TextArea<'static>,
        typed: BTreeMap<String, String>,
    },
    /// The whole command, editable; Enter runs exactly this.
    Edit { input: TextArea<'static> },
    Running {
        command: String,
        started: Timestamp,
        output: Output,
    },
    Done {
        command: String,
        ending: RunEnd,
        duration_ms: u64,
        output: String,
        /// What became of it: "kept as a note at T+12:03: 502 from nginx".
        kept: String,
    },
}

/// A command being prepared, run, or looked at once run.
#[derive(Debug, Clone)]
pub struct RunScreen {
    pub id: u64,
    pub request: RunRequest,
    /// The placeholders filled so far and where each value came from.
    filled: Vec<(String, String)>,
    /// Values the engineer typed, remembered in the session for the next command.
    typed: BTreeMap<String, String>,
    phase: Phase,
    scroll: Scroll,
    /// While running, the view follows the newest output until the engineer scrolls.
    follow: bool,
    /// Built at the first draw of output: screens get shared on incident calls, so output is
    /// shown redacted like every note (the notes view's `v` shows a note's secrets).
    redactor: std::cell::OnceCell<crate::export::redact::Redactor>,
}

fn field(text: &str) -> TextArea<'static> {
    let mut area = TextArea::new(vec![text.to_owned()]);
    area.move_cursor(ratatui_textarea::CursorMove::End);
    area
}

impl RunScreen {
    pub fn new(id: u64, request: RunRequest) -> Self {
        let filled = placeholders::fill(&request.template, &request.known);
        let phase = if filled.missing.is_empty() {
            Phase::Edit {
                input: field(&filled.command),
            }
        } else {
            Phase::Ask {
                missing: filled.missing.clone(),
                index: 0,
                input: field(""),
                typed: BTreeMap::new(),
            }
        };
        Self {
            id,
            request,
            filled: filled.filled,
            typed: BTreeMap::new(),
            phase,
            scroll: Scroll::default(),
            follow: true,
            redactor: std::cell::OnceCell::new(),
        }
    }

    pub fn context(&self) -> Context {
        match self.phase {
            Phase::Ask { .. } | Phase::Edit { .. } => Context::RunEdit,
            Phase::Running { .. } => Context::Running,
            Phase::Done { .. } => Context::RunDone,
        }
    }

    pub fn is_running(&self) -> bool {
        matches!(self.phase, Phase::Running { .. })
    }

    /// The command shown now (filled as far as known).
    pub fn command(&self) -> String {
        match &self.phase {
            Phase::Ask { typed, .. } => self.with_typed(typed).command,
            Phase::Edit { input } => input.lines().join(" "),
            Phase::Running { command, .. } | Phase::Done { command, .. } => command.clone(),
        }
    }

    fn with_typed(&self, typed: &BTreeMap<String, String>) -> placeholders::Filled {
        let mut known = self.request.known.clone();
        for (name, value) in typed {
            known.insert(
                name.clone(),
                Known {
                    value: value.clone(),
                    source: "typed now".to_owned(),
                },
            );
        }
        placeholders::fill(&self.request.template, &known)
    }

    pub fn update(&mut self, action: &Action, shared: &Shared) -> Vec<Command> {
        match (&mut self.phase, action) {
            (Phase::Ask { .. } | Phase::Edit { .. } | Phase::Done { .. }, Action::Back) => {
                vec![Command::Leave]
            }
            (Phase::Ask { input, .. } | Phase::Edit { input }, Action::Edit(key)) => {
                if key.code != ratatui::crossterm::event::KeyCode::Enter {
                    input.input(*key);
                }
                Vec::new()
            }
            (Phase::Ask { input, .. } | Phase::Edit { input }, Action::Paste(text)) => {
                // One line: a pasted line break would end the command early.
                let clean = crate::text::normalize(text).replace('\n', " ");
                input.insert_str(clean.trim());
                Vec::new()
            }
            (Phase::Ask { .. }, Action::Open) => self.next_value(),
            (Phase::Edit { input }, Action::Open) => {
                let command = input.lines().join(" ").trim().to_owned();
                if command.is_empty() {
                    return vec![Command::Notice(
                        "Nothing to run: the command is empty".to_owned(),
                    )];
                }
                if let Some(hole) = placeholders::find(&command).first() {
                    return vec![Command::Notice(format!(
                        "Fill in {} first: it is still a placeholder",
                        hole.written
                    ))];
                }
                self.phase = Phase::Running {
                    command: command.clone(),
                    started: shared.now,
                    output: Output::new(),
                };
                self.follow = true;
                vec![Command::StartRun {
                    id: self.id,
                    command,
                    timeout_seconds: self.request.timeout_seconds,
                    typed: self.typed.clone(),
                }]
            }
            (Phase::Running { .. }, Action::Stop) => {
                vec![Command::Effect(Effect::StopRun { id: self.id })]
            }
            (Phase::Done { command, .. }, Action::Run) => {
                let command = command.clone();
                self.phase = Phase::Edit {
                    input: field(&command),
                };
                Vec::new()
            }
            (Phase::Done { command, .. }, Action::CopyCommand) => {
                vec![Command::Effect(Effect::Copy {
                    text: command.clone(),
                    what: crate::tui::effect::Copying::Command {
                        of: self.request.what.clone(),
                    },
                })]
            }
            (Phase::Running { .. } | Phase::Done { .. }, action) => {
                if self.scroll.apply(action, shared.page()) {
                    // Scrolling up stops following; G (the bottom) follows again.
                    self.follow = matches!(action, Action::Bottom);
                }
                Vec::new()
            }
            _ => Vec::new(),
        }
    }

    /// Enter on a placeholder's value: keep it and ask for the next, or show the command.
    fn next_value(&mut self) -> Vec<Command> {
        let Phase::Ask {
            missing,
            index,
            input,
            typed,
        } = &mut self.phase
        else {
            return Vec::new();
        };
        let value = crate::text::normalize(&input.lines().join(" "))
            .trim()
            .to_owned();
        let Some(name) = missing.get(*index).cloned() else {
            return Vec::new();
        };
        if value.is_empty() {
            return vec![Command::Notice(format!(
                "Type a value for <{name}>, or Esc to leave without running"
            ))];
        }
        typed.insert(name.clone(), value.clone());
        self.typed.insert(name, value);
        *index += 1;
        *input = field("");
        if *index < missing.len() {
            return Vec::new();
        }
        let typed = typed.clone();
        let filled = self.with_typed(&typed);
        self.filled = filled.filled;
        self.phase = Phase::Edit {
            input: field(&filled.command),
        };
        Vec::new()
    }

    /// Output arrived from the command.
    pub fn output(&mut self, bytes: &[u8]) {
        if let Phase::Running { output, .. } = &mut self.phase {
            output.push(bytes);
        }
    }

    /// The run ended: what to keep as a note, taken from the screen, and the screen moves to
    /// its last phase. `None` when the screen was not running.
    pub fn finish(
        &mut self,
        ending: RunEnd,
        now: Timestamp,
    ) -> Option<crate::session::run::FinishedRun> {
        let Phase::Running {
            command,
            started,
            output,
        } = &self.phase
        else {
            return None;
        };
        let finished = crate::session::run::FinishedRun {
            target: self.request.target,
            command: command.clone(),
            what: self.request.what.clone(),
            started: *started,
            ended: now,
            ending: ending.clone(),
            output: output.text(),
            left_out_bytes: output.dropped(),
        };
        let duration_ms = u64::try_from(now.duration_since(*started).as_millis()).unwrap_or(0);
        self.phase = Phase::Done {
            command: command.clone(),
            ending,
            duration_ms,
            output: crate::text::normalize(&finished.output).into_owned(),
            kept: String::new(),
        };
        Some(finished)
    }

    /// Says where the finished run was kept.
    pub fn kept(&mut self, where_kept: String) {
        if let Phase::Done { kept, .. } = &mut self.phase {
            *kept = where_kept;
        }
    }

    pub fn draw(&self, buf: &mut Buffer, area: Rect, shared: &Shared) {
        let theme = shared.theme();
        let title = format!(" Run · {} ", visible(&self.request.what));
        let block = Block::default()
            .borders(Borders::ALL)
            .title(Span::styled(title, theme.heading()));
        let inner = block.inner(area);
        render(buf, block, area);
        let width = inner.width;
        match &self.phase {
            Phase::Ask {
                missing,
                index,
                input,
                ..
            } => {
                let mut lines = self.command_block(width, theme);
                lines.push(Line::from(""));
                let name = missing.get(*index).map_or("", String::as_str);
                lines.extend(wrapped(
                    &format!(
                        "Nothing in the triage gives <{name}>: type its value ({} of {}), \
                         Enter for the next, Esc to leave.",
                        index + 1,
                        missing.len()
                    ),
                    width,
                    " ",
                    " ",
                    theme.warning(),
                ));
                Self::draw_with_field(buf, inner, lines, input, &format!(" <{name}> "));
            }
            Phase::Edit { input } => {
                let mut lines = self.command_block(width, theme);
                lines.push(Line::from(""));
                lines.extend(wrapped(
                    &format!(
                        "Enter runs exactly this command (edit it below first if needed); it \
                         stops after {} s. Esc leaves without running.",
                        self.request.timeout_seconds
                    ),
                    width,
                    " ",
                    " ",
                    theme.dim(),
                ));
                if let Some(why) = writes(&self.command()) {
                    lines.extend(wrapped(
                        &format!("Careful: this command {why}."),
                        width,
                        " ",
                        " ",
                        theme.error(),
                    ));
                }
                Self::draw_with_field(buf, inner, lines, input, " command ");
            }
            Phase::Running {
                command,
                started,
                output,
            } => {
                let elapsed =
                    u64::try_from(shared.now.duration_since(*started).as_millis()).unwrap_or(0);
                let status = format!(
                    " Running for {} · {} printed · {} stops it (the whole process group)",
                    duration_label(elapsed),
                    human_bytes(output.total()),
                    key_for(Context::Running, &Action::Stop),
                );
                let text = crate::text::normalize(&output.text()).into_owned();
                self.draw_output(buf, inner, command, &status, &text, theme);
            }
            Phase::Done {
                command,
                ending,
                duration_ms,
                output,
                kept,
            } => {
                let mut status =
                    format!(" {} after {}", ending.label(), duration_label(*duration_ms));
                if !kept.is_empty() {
                    status.push_str(" · ");
                    status.push_str(kept);
                }
                self.draw_output(buf, inner, command, &status, output, theme);
            }
        }
    }

    /// The command as it will run, its placeholders marked, and where filled values came from.
    fn command_block(&self, width: u16, theme: Theme) -> Vec<Line<'static>> {
        let command = self.command();
        let mut lines = vec![Line::from(Span::styled(
            " The command:".to_owned(),
            theme.dim(),
        ))];
        lines.extend(command_lines(
            &command,
            width,
            "   ",
            "     ",
            theme.command(),
            theme,
        ));
        let mut holes: Vec<String> = Vec::new();
        for hole in placeholders::find(&command) {
            if !holes.contains(&hole.written) {
                holes.push(hole.written);
            }
        }
        if !holes.is_empty() {
            lines.extend(wrapped(
                &format!(
                    "Still to fill: {}",
                    holes
                        .iter()
                        .map(|h| format!("<{h}>"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
                width,
                " ",
                " ",
                theme.warning(),
            ));
        }
        if !self.filled.is_empty() {
            let mut seen = Vec::new();
            let from: Vec<String> = self
                .filled
                .iter()
                .filter(|(name, _)| {
                    let new = !seen.contains(name);
                    seen.push(name.clone());
                    new
                })
                .map(|(name, source)| format!("<{name}> from {source}"))
                .collect();
            lines.extend(wrapped(
                &format!("Filled: {}", from.join(", ")),
                width,
                " ",
                "   ",
                theme.dim(),
            ));
        }
        lines
    }

    fn draw_with_field(
        buf: &mut Buffer,
        area: Rect,
        lines: Vec<Line<'static>>,
        input: &TextArea<'static>,
        label: &str,
    ) {
        // The field right under the command it edits, where the eye already is.
        let text_height = u16::try_from(lines.len())
            .unwrap_or(u16::MAX)
            .min(area.height.saturating_sub(3));
        let [text_area, field_area, _] = Layout::vertical([
            Constraint::Length(text_height),
            Constraint::Length(3),
            Constraint::Min(0),
        ])
        .areas(area);
        render(buf, Paragraph::new(lines), text_area);
        let mut input = input.clone();
        input.set_block(
            Block::default()
                .borders(Borders::ALL)
                .title(label.to_owned()),
        );
        render(buf, &input, field_area);
    }

    fn draw_output(
        &self,
        buf: &mut Buffer,
        area: Rect,
        command: &str,
        status: &str,
        output: &str,
        theme: Theme,
    ) {
        let redactor = self.redactor.get_or_init(|| {
            crate::export::redact::Redactor::with_custom_lenient(&self.request.redact).0
        });
        let command = redactor.redact(command).text;
        let mut head = command_lines(&command, area.width, " $ ", "     ", theme.command(), theme);
        head.truncate(3);
        head.extend(wrapped(status, area.width, "", " ", theme.heading()));
        let head_len = u16::try_from(head.len()).unwrap_or(4);
        let [head_area, body] =
            Layout::vertical([Constraint::Length(head_len), Constraint::Min(1)]).areas(area);
        render(buf, Paragraph::new(head), head_area);
        let all: Vec<&str> = output.lines().collect();
        let height = usize::from(body.height);
        if self.follow {
            self.scroll.show(all.len(), all.len(), height);
        }
        let offset = usize::from(self.scroll.clamp(all.len(), height));
        // Only what is on screen is redacted, with some lines around it so a secret that
        // spans lines (a key block) is still seen whole: a stream of megabytes stays cheap.
        let from = offset.saturating_sub(CONTEXT);
        let to = (offset + height + CONTEXT).min(all.len());
        let window = all[from..to].join("\n");
        let redacted = redactor.redact(&window).text;
        let lines: Vec<Line<'static>> = redacted
            .lines()
            .skip(offset - from)
            .take(height)
            .map(|l| Line::from(format!(" {}", visible(l))))
            .collect();
        render(buf, Paragraph::new(lines), body);
    }
}
