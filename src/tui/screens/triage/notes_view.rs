//! The notes view of a triage: every note in full, oldest first, each with its stamps (and the
//! stamp of its last correction), what it is about and its evidence line; the selected note
//! can be corrected in the note editor or struck out. Struck notes stay in the list, marked in
//! words (readable without colour) and drawn dimmed and crossed out.

use std::cell::Cell;

use crate::tui::screens::render;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::{Persist, TriageScreen};
use crate::evidence::timing::{Timing, at_known_defaults};
use crate::runbook::{TeamRunbook, TimeoutCard};
use crate::session::{Mark, Note, NoteTarget, Session};
use crate::tui::keymap::{Action, Context, key_for};
use crate::tui::screens::{Command, Opening, Scroll, Shared, wrapped};
use crate::tui::theme::Theme;

/// The state of the open notes view.
#[derive(Debug, Clone, Default)]
pub struct NotesView {
    /// The selected note. A `Cell` because drawing moves it onto the notes in view after a
    /// page scroll, as `Scroll` clamps: only then are the notes' heights known.
    selected: Cell<usize>,
    pub scroll: Scroll,
    /// Whether the last key moved the selection (the view follows it) rather than scrolled
    /// (the selection follows the view).
    follow: bool,
}

impl NotesView {
    /// The view with note `selected` selected and scrolled to.
    pub fn at(selected: usize) -> Self {
        Self {
            selected: Cell::new(selected),
            scroll: Scroll::default(),
            follow: true,
        }
    }

    /// The index of the selected note.
    pub fn selected(&self) -> usize {
        self.selected.get()
    }

    /// Applies a moving or scrolling key over `len` notes; false when `action` is neither.
    fn apply(&mut self, action: &Action, len: usize, page: usize) -> bool {
        let last = len.saturating_sub(1);
        let selected = self.selected.get();
        match action {
            Action::Up => self.select(selected.saturating_sub(1)),
            Action::Down => self.select(selected.saturating_add(1).min(last)),
            Action::Top | Action::Bottom => {
                self.selected
                    .set(if *action == Action::Top { 0 } else { last });
                self.follow = false;
                self.scroll.apply(action, page);
            }
            Action::PageUp | Action::PageDown | Action::ScrollUp | Action::ScrollDown => {
                self.follow = false;
                self.scroll.apply(action, page);
            }
            _ => return false,
        }
        true
    }

    fn select(&mut self, index: usize) {
        self.selected.set(index);
        self.follow = true;
    }
}

impl TriageScreen {
    /// Opens the notes view at the top, on the oldest note, like every list (`G` goes to the
    /// newest).
    pub fn open_notes(&mut self) {
        self.notes_view = Some(NotesView::at(0));
    }

    /// A key in the notes view; what it asks of the app goes to `commands`.
    pub(super) fn notes_action(
        &mut self,
        action: &Action,
        shared: &Shared,
        commands: &mut Vec<Command>,
    ) -> Persist {
        let len = self.session.notes.len();
        let Some(view) = &mut self.notes_view else {
            return Persist::Nothing;
        };
        if view.apply(action, len, shared.page()) {
            return Persist::Nothing;
        }
        let selected = view.selected();
        match action {
            Action::Back => {
                self.notes_view = None;
                Persist::Nothing
            }
            Action::EditNote => {
                self.open_note_editor(selected);
                Persist::Soon
            }
            Action::StrikeNote if self.session.toggle_struck(selected, shared.now) => Persist::Now,
            Action::MarkGood | Action::MarkFailing => {
                let mark = if *action == Action::MarkGood {
                    Mark::Good
                } else {
                    Mark::Failing
                };
                match self.session.toggle_mark(selected, mark) {
                    Some(marked) => {
                        commands.push(Command::Notice(self.mark_notice(selected, mark, marked)));
                        Persist::Now
                    }
                    None => Persist::Nothing,
                }
            }
            Action::Compare => {
                commands.push(self.compare_marked(shared));
                Persist::Nothing
            }
            _ => Persist::Nothing,
        }
    }

    /// What marking note `index` did, and what is left to do.
    fn mark_notice(&self, index: usize, mark: Mark, marked: bool) -> String {
        let key = |action| key_for(Context::Notes, &action);
        let note = index + 1;
        if !marked {
            return format!("Note {note} is no longer the {} response", mark.label());
        }
        let pair = &self.session.good_vs_failing;
        let next = match (pair.good, pair.failing) {
            (Some(_), Some(_)) => format!("{} sets them side by side", key(Action::Compare)),
            (None, _) => format!("mark the known-good one with {}", key(Action::MarkGood)),
            (_, None) => format!("mark the failing one with {}", key(Action::MarkFailing)),
        };
        format!(
            "Note {note} marked as the {} response; {next}",
            mark.label()
        )
    }

    /// `c`: the marked notes side by side, as the screen shows notes (redacted unless
    /// revealed); or what to mark first.
    fn compare_marked(&self, shared: &Shared) -> Command {
        let key = |action| key_for(Context::Notes, &action);
        let Some(runbook) = shared.runbook(self.runbook) else {
            return Command::Notice("No runbook loaded".to_owned());
        };
        let shown = self.shown(runbook);
        let session = &shown.session;
        let (Some(comparison), Some((good, failing))) = (
            session.good_vs_failing(&runbook.timeouts),
            session.marked_pair(),
        ) else {
            return Command::Notice(format!(
                "Mark a known-good note with {} and a failing one with {} first",
                key(Action::MarkGood),
                key(Action::MarkFailing)
            ));
        };
        let about = |note: &Note, index: Option<usize>| {
            let number = index.map_or_else(String::new, |i| format!("note {} · ", i + 1));
            let read = note
                .evidence_line()
                .unwrap_or_else(|| "no HTTP response read in it".to_owned());
            format!("{number}{} · {read}", note.elapsed_label())
        };
        let pair = session.good_vs_failing;
        Command::Open(Opening::Diff {
            comparison: Box::new(comparison),
            good: about(good, pair.good),
            failing: about(failing, pair.failing),
        })
    }
}

/// Where each note's lines start and end among the lines drawn.
type Spans = Vec<(usize, usize)>;

/// Draws the notes view in place of the stage.
pub(super) fn draw(
    buf: &mut Buffer,
    area: Rect,
    shared: &Shared,
    triage: &TriageScreen,
    view: &NotesView,
    runbook: &TeamRunbook,
) {
    let theme = shared.theme();
    let [header, body] = Layout::vertical([Constraint::Length(1), Constraint::Min(3)]).areas(area);
    render(
        buf,
        Paragraph::new(triage.header(shared, runbook, theme)),
        header,
    );
    // As everywhere on the triage screen: redacted unless the engineer revealed secrets.
    let shown = triage.shown(runbook);
    let session = &shown.session;
    let selected = view.selected().min(session.notes.len().saturating_sub(1));
    view.selected.set(selected);
    let width = body.width.saturating_sub(2);
    let height = usize::from(body.height.saturating_sub(2));
    let (lines, spans) = lines(session, selected, width, theme, &runbook.timeouts);
    view.scroll.clamp(lines.len(), height);
    if let Some(&(start, end)) = spans.get(selected) {
        if view.follow {
            view.scroll.show(start, end, height);
        } else {
            follow_the_view(view, &spans, view.scroll.offset(), height);
        }
    }
    let offset = view.scroll.clamp(lines.len(), height);
    let struck = session.notes.iter().filter(|n| n.struck).count();
    let title = match struck {
        0 => format!(" Notes: {} ", session.notes.len()),
        _ => format!(
            " Notes: {} ({struck} struck, left out of the export) ",
            session.notes.len()
        ),
    };
    let mut block = Block::default()
        .borders(Borders::ALL)
        .title(Span::styled(title, theme.heading()));
    // The keys that compare two notes have no room on the status bar: named here, once
    // there is something to compare.
    if session.notes.len() >= 2 {
        let key = |action| key_for(Context::Notes, &action);
        block = block.title_bottom(
            Line::from(Span::styled(
                format!(
                    " {} good · {} failing · {} compare ",
                    key(Action::MarkGood),
                    key(Action::MarkFailing),
                    key(Action::Compare)
                ),
                theme.dim(),
            ))
            .right_aligned(),
        );
    }
    render(
        buf,
        Paragraph::new(lines).block(block).scroll((offset, 0)),
        body,
    );
}

/// After a scroll: when the selected note is out of view, selects the nearest one in view, so
/// the keys act on a note the engineer can see.
fn follow_the_view(view: &NotesView, spans: &Spans, offset: usize, height: usize) {
    let in_view = |&(start, end): &(usize, usize)| start < offset + height && end > offset;
    let selected = view.selected();
    if spans.get(selected).is_none_or(in_view) {
        return;
    }
    let mut visible = spans.iter().enumerate().filter(|(_, span)| in_view(span));
    let nearest = if spans
        .get(selected)
        .is_some_and(|(start, _)| *start < offset)
    {
        visible.next()
    } else {
        visible.next_back()
    };
    if let Some((index, _)) = nearest {
        view.selected.set(index);
    }
}

/// The lines of every note at `width`, and where each note's lines are.
fn lines(
    session: &Session,
    selected: usize,
    width: u16,
    theme: Theme,
    timeouts: &[TimeoutCard],
) -> (Vec<Line<'static>>, Spans) {
    let mut lines: Vec<Line<'static>> = Vec::new();
    let mut spans = Vec::new();
    if session.notes.is_empty() {
        let key = |action| key_for(Context::Checklist, &action);
        lines.extend(wrapped(
            &format!(
                "No notes yet. {} writes one about the incident, {} on a checklist step one \
                 about the step.",
                key(Action::IncidentNote),
                key(Action::Open)
            ),
            width,
            " ",
            " ",
            theme.dim(),
        ));
    }
    for (i, note) in session.notes.iter().enumerate() {
        let start = lines.len();
        lines.extend(note_lines(
            session,
            i,
            note,
            i == selected,
            (width, theme),
            timeouts,
        ));
        spans.push((start, lines.len()));
        lines.push(Line::default());
    }
    (lines, spans)
}

/// One note: its stamps and what it is about, its correction stamp, its evidence line, its
/// timing as bars and its whole text, wrapped; every text through the one sanitizer
/// (`wrapped` shows escapes).
fn note_lines(
    session: &Session,
    index: usize,
    note: &Note,
    selected: bool,
    (width, theme): (u16, Theme),
    timeouts: &[TimeoutCard],
) -> Vec<Line<'static>> {
    let about = match note.target {
        NoteTarget::Incident => "the incident".to_owned(),
        NoteTarget::Step(i) => session.checklist.steps.get(i).map_or_else(
            || note.about(),
            |s| format!("{}: {}", note.about(), s.title),
        ),
    };
    let mut marker = if note.struck { "STRUCK · " } else { "" }.to_owned();
    match session.mark_of(index) {
        Some(Mark::Good) => marker.push_str("GOOD · "),
        Some(Mark::Failing) => marker.push_str("FAILING · "),
        None => {}
    }
    let first = format!("{} {:>2}. ", if selected { "▸" } else { " " }, index + 1);
    let indent = " ".repeat(first.chars().count());
    let struck = theme.dim().add_modifier(Modifier::CROSSED_OUT);
    let heading = match (selected, note.struck) {
        (true, _) => theme.selected(),
        (false, true) => theme.dim(),
        (false, false) => theme.heading(),
    };
    let mut lines = wrapped(
        &format!("{marker}{} · {about}", note.stamp_line()),
        width,
        &first,
        &indent,
        heading,
    );
    if let Some(edited) = &note.edited {
        lines.extend(wrapped(
            &edited.line(),
            width,
            &format!("{indent}edited "),
            &indent,
            theme.dim(),
        ));
    }
    if let Some(run) = &note.run {
        lines.extend(wrapped(
            &format!(
                "{} ({}, started {}, {})",
                run.command,
                run.what,
                run.started.at.strftime("%H:%M:%SZ"),
                run.outcome_line()
            ),
            width,
            &format!("{indent}ran: "),
            &indent,
            if note.struck { struck } else { theme.command() },
        ));
    }
    if let Some(card) = note.evidence_line() {
        lines.extend(wrapped(
            &card,
            width,
            &format!("{indent}evidence: "),
            &indent,
            if note.struck { struck } else { theme.warning() },
        ));
    }
    if let Some(timing) = &note.timing {
        lines.extend(timing_lines(timing, note.struck, width, theme, timeouts));
    }
    let body = if note.struck { struck } else { Style::new() };
    for text_line in note.text.lines() {
        lines.extend(wrapped(text_line, width, &indent, &indent, body));
    }
    lines
}

/// A note's timing: its heading, a bar per phase (as long as its share of the request), and
/// a line per known timeout a duration sits at, with where that value comes from.
fn timing_lines(
    timing: &Timing,
    struck: bool,
    width: u16,
    theme: Theme,
    timeouts: &[TimeoutCard],
) -> Vec<Line<'static>> {
    use crate::evidence::timing::render::{LABEL_WIDTH, VALUE_WIDTH};
    const INDENT: &str = "      ";
    let dim_if_struck = |style: Style| {
        if struck {
            theme.dim().add_modifier(Modifier::CROSSED_OUT)
        } else {
            style
        }
    };
    let mut out = wrapped(
        &timing.heading(),
        width,
        INDENT,
        INDENT,
        dim_if_struck(theme.dim()),
    );
    let room = usize::from(width)
        .saturating_sub(INDENT.len() + LABEL_WIDTH + 1 + VALUE_WIDTH + 2 + 10)
        .max(4);
    for bar in timing.bars(room) {
        let end = if bar.unfinished { " no answer" } else { "" };
        out.push(Line::from(vec![
            Span::raw(format!(
                "{INDENT}{:<LABEL_WIDTH$} {:>VALUE_WIDTH$}  ",
                bar.phase.label(),
                bar.value
            )),
            Span::styled(bar.cells, dim_if_struck(theme.heading())),
            Span::styled(end, dim_if_struck(theme.warning())),
        ]));
    }
    for flag in at_known_defaults(timing, timeouts) {
        out.extend(wrapped(
            &format!("{}; source: {}", flag.sentence, flag.source),
            width,
            &format!("{INDENT}! "),
            &format!("{INDENT}  "),
            dim_if_struck(theme.warning()),
        ));
    }
    out
}
