//! The checklist: steps with their outcomes, the selected step's command, finding and notes,
//! the evidence the team wants before escalating, and what has been ruled out.

use std::fmt::Write as _;

use crate::tui::screens::render;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use super::{Persist, Prompt, PromptKind, TriageScreen, notes::text_field};
use crate::runbook::TeamRunbook;
use crate::session::{NoteTarget, Session};
use crate::text::visible;
use crate::triage::{Outcome, most_likely, rank_causes};
use crate::tui::effect::{Copying, Effect};
use crate::tui::keymap::{Action, Context, key_for};
use crate::tui::screens::{Command, Shared, command_lines, fit_line, heading, wrapped};
use crate::tui::theme::Theme;

/// Width from which the step detail sits beside the list.
const SIDE_FROM: u16 = 100;

impl TriageScreen {
    /// Moves the step selection; the selection is saved, so a resumed triage opens on it.
    pub fn move_step(&mut self, delta: isize) -> Persist {
        let last = self.session.checklist.steps.len().saturating_sub(1);
        self.session.selected_step = self
            .session
            .selected_step
            .saturating_add_signed(delta)
            .min(last);
        Persist::Soon
    }

    /// `y`: the selected step's command, exactly as the runbook writes it, to the clipboard;
    /// a step without one says so (and which key copies the summary instead).
    pub fn copy_step_command(&self) -> Command {
        let index = self.session.selected_step;
        let step = self.session.checklist.steps.get(index);
        match step.and_then(|s| s.how.clone()) {
            Some(how) => Command::Effect(Effect::Copy {
                text: how,
                what: Copying::Command {
                    of: format!("step {}", index + 1),
                },
            }),
            None if step.is_none() => Command::Notice("No step is selected.".to_owned()),
            None => Command::Notice(format!(
                "Step {} has no command to copy ({} copies the summary).",
                index + 1,
                key_for(Context::Checklist, &Action::Copy)
            )),
        }
    }

    /// Sets the outcome of the selected step and asks for a one-line finding.
    pub fn mark(&mut self, outcome: Outcome) -> Persist {
        let index = self.session.selected_step;
        let Some(step) = self.session.checklist.steps.get(index) else {
            return Persist::Nothing;
        };
        let finding = step.finding.clone();
        self.session.checklist.set_outcome(index, outcome);
        if matches!(
            outcome,
            Outcome::Done | Outcome::RuledOut | Outcome::FoundIt
        ) {
            self.prompt = Some(Prompt {
                kind: PromptKind::Finding(index),
                input: text_field(&finding),
            });
        }
        Persist::Now
    }
}

/// Draws the checklist stage of the triage screen.
pub(super) fn draw(
    buf: &mut Buffer,
    area: Rect,
    shared: &Shared,
    triage: &TriageScreen,
    runbook: &TeamRunbook,
) {
    let theme = shared.theme();
    let card = triage.code(runbook).and_then(|c| runbook.card(c));
    let needs = card.as_ref().map(|c| c.needs.clone()).unwrap_or_default();
    let needs_height = if needs.is_empty() { 0 } else { 2 };
    let [header, body, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(3),
        Constraint::Length(needs_height + 1),
    ])
    .areas(area);
    render(
        buf,
        Paragraph::new(triage.header(shared, runbook, theme)),
        header,
    );
    let (list_area, detail_area) = if body.width >= SIDE_FROM {
        let [l, d] = Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)])
            .areas(body);
        (l, d)
    } else {
        let [l, d] =
            Layout::vertical([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(body);
        (l, d)
    };
    // Notes and findings as an export would show them, unless the engineer revealed them.
    let shown = triage.shown(runbook);
    draw_steps(buf, list_area, theme, &shown.session);
    draw_detail(
        buf,
        detail_area,
        theme,
        (&shown.session, &runbook.timeouts),
        shown.evidence.as_deref(),
    );

    let met = triage.session.needs_met(&needs);
    let [needs_area, summary_area] =
        Layout::vertical([Constraint::Length(needs_height), Constraint::Length(1)]).areas(footer);
    if !needs.is_empty() {
        let mut spans = vec![Span::styled(" Before escalating: ", theme.heading())];
        for need in &needs {
            let (mark, style) = if met.contains(need) {
                ("[x] ", theme.command())
            } else {
                ("[ ] ", theme.warning())
            };
            spans.push(Span::styled(format!("{mark}{}  ", need.label()), style));
        }
        render(
            buf,
            Paragraph::new(Line::from(spans)).wrap(Wrap { trim: false }),
            needs_area,
        );
    }
    let checklist = &triage.session.checklist;
    let counts = format!(
        " {} of {} steps settled · {} ruled out · {}",
        checklist.settled(),
        checklist.steps.len(),
        checklist.ruled_out().count(),
        notes_count(triage.session.notes.len())
    );
    let mut verdict = String::new();
    if let Some(found) = checklist.found().next() {
        verdict = format!("found: {}", found.found_text());
    } else if let Some(card) = &card {
        let ranked = rank_causes(
            card,
            &triage.session.interview,
            &runbook.interview,
            checklist,
        );
        if let Some(top) = most_likely(&ranked) {
            verdict = format!("most likely: {}", top.text);
        }
    }
    // Short of room, the verdict goes before the counts: it is what the engineer acts on.
    let whole = if verdict.is_empty() {
        counts.clone()
    } else {
        format!("{counts} · {verdict}")
    };
    let line = if whole.chars().count() <= usize::from(summary_area.width) || verdict.is_empty() {
        whole
    } else {
        format!(" {verdict}")
    };
    // Cut after a whole word: half a word reads as a different word.
    let summary = fit_line(&visible(&line), summary_area.width);
    render(
        buf,
        Paragraph::new(Line::from(Span::styled(summary, theme.dim()))),
        summary_area,
    );
}

/// "1 note", "2 notes".
pub(crate) fn notes_count(count: usize) -> String {
    if count == 1 {
        "1 note".to_owned()
    } else {
        format!("{count} notes")
    }
}

fn draw_steps(buf: &mut Buffer, area: Rect, theme: Theme, session: &Session) {
    let checklist = &session.checklist;
    let width = area.width.saturating_sub(2);
    let mut lines: Vec<Line<'static>> = Vec::new();
    let mut selected_line = 0;
    if checklist.steps.is_empty() {
        lines.extend(wrapped(
            "No steps: the code is not known. Press b to answer the code question.",
            width,
            " ",
            " ",
            theme.warning(),
        ));
    }
    for (i, step) in checklist.steps.iter().enumerate() {
        let selected = i == session.selected_step;
        if selected {
            selected_line = lines.len();
        }
        let style = match (selected, step.outcome) {
            (true, _) => theme.selected(),
            (false, Outcome::Done | Outcome::RuledOut | Outcome::Skipped) => theme.dim(),
            (false, Outcome::FoundIt) => theme.warning(),
            (false, Outcome::Pending) => Style::new(),
        };
        let first = format!(" {} {:>2}. ", step.outcome.marker(), i + 1);
        let pad = " ".repeat(first.chars().count());
        lines.extend(wrapped(&step.title, width, &first, &pad, style));
        if !step.finding.is_empty() {
            lines.extend(wrapped(
                &format!("→ {}", step.finding),
                width,
                &pad,
                &pad,
                theme.dim(),
            ));
        }
    }
    let height = usize::from(area.height.saturating_sub(2));
    let offset = selected_line.saturating_sub(height.saturating_sub(1) * 2 / 3);
    let offset = offset.min(lines.len().saturating_sub(height));
    let block = Block::default()
        .borders(Borders::ALL)
        .title(Span::styled(" Checklist ", theme.heading()));
    render(
        buf,
        Paragraph::new(lines)
            .block(block)
            .scroll((u16::try_from(offset).unwrap_or(u16::MAX), 0)),
        area,
    );
}

fn draw_detail(
    buf: &mut Buffer,
    area: Rect,
    theme: Theme,
    (session, timeouts): (&Session, &[crate::runbook::TimeoutCard]),
    last_evidence: Option<&str>,
) {
    let width = area.width.saturating_sub(2);
    let index = session.selected_step;
    let mut lines = Vec::new();
    if let Some(step) = session.checklist.steps.get(index) {
        lines.extend(wrapped(&step.title, width, " ", " ", theme.heading()));
        if let Some(how) = &step.how {
            lines.extend(command_lines(
                how,
                width,
                " $ ",
                "     ",
                theme.command(),
                theme,
            ));
        }
        lines.push(Line::from(Span::styled(
            format!(" Outcome: {}", step.outcome.label()),
            theme.dim(),
        )));
        if !step.finding.is_empty() {
            lines.extend(wrapped(
                &step.finding,
                width,
                " Finding: ",
                "   ",
                Style::new(),
            ));
        }
        let notes: Vec<_> = session.notes_for(NoteTarget::Step(index)).collect();
        if !notes.is_empty() {
            lines.push(Line::default());
        }
        for note in notes {
            let struck = if note.struck { "STRUCK · " } else { "" };
            lines.push(Line::from(Span::styled(
                visible(&format!(" {struck}{}", note.stamp_line())),
                theme.dim(),
            )));
            if let Some(card) = note.evidence_line() {
                lines.extend(wrapped(
                    &card,
                    width,
                    "   evidence: ",
                    "             ",
                    theme.warning(),
                ));
            }
            // A run's timing on one line here; the notes view (N) draws it as bars.
            if let Some(timing) = &note.timing {
                let flags = crate::evidence::timing::at_known_defaults(timing, timeouts);
                let mut line = format!(
                    "{} in total: {}",
                    crate::evidence::timing::duration(timing.total_micros),
                    timing.one_line()
                );
                // The first known timeout it sits at; the notes view lists them all.
                if let Some(first) = flags.first() {
                    line.push_str("; ");
                    line.push_str(&first.sentence);
                    if flags.len() > 1 {
                        let _ = write!(
                            line,
                            " (and {} more: {} lists them)",
                            flags.len() - 1,
                            key_for(Context::Checklist, &Action::Notes)
                        );
                    }
                }
                lines.extend(wrapped(
                    &line,
                    width,
                    "   timing: ",
                    "             ",
                    theme.dim(),
                ));
            }
            // Whole and wrapped: the notes view (N) scrolls through every note.
            for text_line in note.text.lines() {
                lines.extend(wrapped(text_line, width, "   ", "   ", Style::new()));
            }
        }
    }
    if let Some(card) = last_evidence {
        lines.push(Line::default());
        lines.extend(wrapped(
            card,
            width,
            " Last evidence: ",
            "   ",
            theme.warning(),
        ));
    }
    let incident_notes = session.notes_for(NoteTarget::Incident).count();
    lines.push(Line::default());
    // Wrapped, not cut: on a narrow panel these keys are the ones the engineer needs next.
    let key = |action: Action| key_for(Context::Checklist, &action);
    lines.extend(wrapped(
        &format!(
            "{}: note on this step · {}: incident note ({incident_notes} so far)",
            key(Action::Open),
            key(Action::IncidentNote)
        ),
        width,
        " ",
        " ",
        theme.dim(),
    ));
    lines.extend(wrapped(
        &format!(
            "{} done · {} ruled out · {} found it · {} skip · {} undo",
            key(Action::Mark(Outcome::Done)),
            key(Action::Mark(Outcome::RuledOut)),
            key(Action::Mark(Outcome::FoundIt)),
            key(Action::Mark(Outcome::Skipped)),
            key(Action::Mark(Outcome::Pending)),
        ),
        width,
        " ",
        " ",
        theme.dim(),
    ));
    let block = Block::default()
        .borders(Borders::ALL)
        .title(Span::styled(" Step ", theme.dim()));
    render(buf, Paragraph::new(lines).block(block), area);
    let _ = heading;
}
