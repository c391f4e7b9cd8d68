//! Every key of the app in one table: the same table turns key presses into [`Action`]s and
//! draws the help overlay, so the help can never disagree with what the keys do.
//! Here: the types and the lookups that read the table; the table itself is `bindings/`, a file per purpose.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::triage::Outcome;

mod bindings;
#[cfg(test)]
mod tests;

pub use bindings::all as bindings;

/// What the user asked for, independent of the key that asked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Move the selection (or scroll) one line up.
    Up,
    /// Move the selection (or scroll) one line down.
    Down,
    PageUp,
    PageDown,
    Top,
    Bottom,
    /// Open the selected item.
    Open,
    /// Go back one screen, or clear the search.
    Back,
    /// Start typing a search.
    Search,
    /// Compare the selected codes, or this code with the codes it is confused with.
    Compare,
    /// Mark a code in the matrix for comparison.
    ToggleSelect,
    /// Open the list of scenarios.
    Scenarios,
    /// Start a guided triage.
    Triage,
    /// Show or hide the help overlay.
    Help,
    /// Show the runbook problems (errors and warnings) found at start.
    Problems,
    Quit,
    /// A character typed into a text field (the search), or a digit to jump to a code.
    Type(char),
    /// Delete the character before the cursor of a text field.
    Backspace,
    /// Text pasted as a whole (bracketed paste): never interpreted as keys.
    Paste(String),
    /// Mouse wheel.
    ScrollUp,
    ScrollDown,
    /// Suspend to the shell (Ctrl-Z).
    Suspend,
    /// A key for the focused text field (answer, note, finding): never a command.
    Edit(KeyEvent),
    /// Skip the current interview question.
    Skip,
    /// Set the outcome of the selected checklist step.
    Mark(Outcome),
    /// Write a note about the incident as a whole.
    IncidentNote,
    /// Edit the incident's title, severity, environment, endpoint and first-seen time.
    Details,
    /// Go back to the interview to change answers.
    Interview,
    /// Finish the note being written (same as Esc in the editor).
    Save,
    /// Preview the escalation summary and write the bundle.
    Export,
    /// Copy the escalation summary to the clipboard.
    Copy,
    /// Copy a command to the clipboard: the marked place's on a card, the selected step's on
    /// the checklist.
    CopyCommand,
    /// Show the summary in the next format (Markdown, plain text, Slack).
    CycleFormat,
    /// Show or hide secrets in the notes on screen (redacted by default: screens get shared).
    RevealSecrets,
    /// Open the notes view: every note of the triage in full.
    Notes,
    /// Correct the selected note in the note editor.
    EditNote,
    /// Strike the selected note out, or back in.
    StrikeNote,
    /// Mark the selected note as the known-good response (or take the mark off).
    MarkGood,
    /// Mark the selected note as the failing response (or take the mark off).
    MarkFailing,
    /// Put the struck notes into the export, or leave them out again.
    IncludeStruck,
    /// Start a new triage although open ones about the code exist.
    NewTriage,
    /// Run the command of the marked place or selected step (shown first, run on Enter).
    Run,
    /// Stop the running command, or the log being read.
    Stop,
    /// Read an access log into the triage (its path asked for).
    ReadLog,
    /// Zoom the log's picture to the hour around the first bad minute, or back out.
    Zoom,
    /// Open the timeline: every event of the triage on one time axis.
    Timeline,
    /// Show the next kind of event only (the timeline's filter).
    Filter,
    /// Draft a stakeholder status update from the triage.
    StatusUpdate,
    /// Draft the hand-off for the next responder.
    HandOff,
    /// Correct the drafted text before copying it.
    EditText,
}

/// The screens a binding applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    Matrix,
    Card,
    Compare,
    Scenarios,
    Triage,
    Problems,
    /// Typing in the search field: only keys listed for it act, every other key is text.
    Searching,
    /// An interview question answered by picking an option.
    InterviewChoice,
    /// An interview question answered by typing (a code or text): letters are text.
    InterviewInput,
    /// The checklist of a triage.
    Checklist,
    /// Writing a note: every key is text but Esc and Ctrl-S, which finish it.
    Editor,
    /// A one-line field (a finding, an incident detail): Enter keeps it, Esc leaves it.
    Prompt,
    /// The escalation preview.
    Export,
    /// The notes view of a triage: every note in full, to read, correct or strike out.
    Notes,
    /// The offer to resume an open triage about the code, made when `t` is pressed.
    Resume,
    /// The known-good note against the failing one, side by side.
    Diff,
    /// The help overlay, over any screen: the scrolling keys scroll it, any other key closes
    /// it without acting.
    Help,
    /// A command to run, being filled in and checked: keys are text but Enter and Esc.
    RunEdit,
    /// A command running: its output scrolls; Esc or Ctrl-C stops it.
    Running,
    /// A command that has run: its output to read.
    RunDone,
    /// An access log being read: Esc stops.
    LogReading,
    /// An access log's picture: ↑↓ pick a route, `z` zooms.
    Logs,
    /// The triage's timeline.
    Timeline,
    /// A drafted status update or hand-off, to read, switch format and copy.
    Draft,
    /// Correcting a drafted text: keys are text but Esc and Ctrl-S, which keep the edit.
    DraftEditor,
}

/// One row of the key table.
pub struct Binding {
    pub keys: &'static [KeyCode],
    /// Whether Ctrl must be held.
    pub ctrl: bool,
    pub label: &'static str,
    pub action: Action,
    pub help: &'static str,
    /// What the status bar shows for it, (keys, words), when it is worth a place there.
    pub hint: Option<(&'static str, &'static str)>,
    pub contexts: &'static [Context],
}

/// Keys that work everywhere, even while typing; listed in the help as well.
pub const GLOBAL_HELP: &[(&str, &str)] = &[
    (
        "Ctrl-C",
        "quit from anywhere (stops a running command first)",
    ),
    ("Ctrl-Z", "suspend to the shell (fg to return)"),
    ("wheel", "scroll"),
];

/// The action for `key` in `context`, if any. Digits on the matrix jump to a code; in the
/// search field any unbound character is text.
pub fn action_for(key: KeyEvent, context: Context) -> Option<Action> {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    if ctrl {
        match key.code {
            // While a command runs, Ctrl-C is for it, as in a shell.
            KeyCode::Char('c') if context == Context::Running => return Some(Action::Stop),
            KeyCode::Char('c') => return Some(Action::Quit),
            KeyCode::Char('z') => return Some(Action::Suspend),
            _ => {}
        }
    }
    let bound = bindings()
        .find(|b| b.ctrl == ctrl && b.contexts.contains(&context) && b.keys.contains(&key.code))
        .map(|b| b.action.clone());
    if bound.is_some() {
        return bound;
    }
    match (context, key.code) {
        (Context::Searching, KeyCode::Char(c)) if !ctrl => Some(Action::Type(c)),
        (Context::Matrix | Context::InterviewChoice, KeyCode::Char(c)) if c.is_ascii_digit() => {
            Some(Action::Type(c))
        }
        // A card's places and examples are numbered: a digit marks the one `y` copies.
        (Context::Card, KeyCode::Char(c @ '1'..='9')) if !ctrl => Some(Action::Type(c)),
        (
            Context::InterviewInput
            | Context::Editor
            | Context::DraftEditor
            | Context::Prompt
            | Context::RunEdit,
            _,
        ) => Some(Action::Edit(key)),
        // As before the help scrolled: a key it does not use closes it, and does nothing else.
        (Context::Help, _) => Some(Action::Back),
        _ => None,
    }
}

/// The status bar's key hints for `context`, in the table's order, one per action (`a` and
/// `Ctrl-N` both write an incident note: the first listed is shown), `? help` last. Made from
/// the key table like the help overlay, so a hint can never name a key that does not work.
pub fn hints(context: Context) -> Vec<(&'static str, &'static str)> {
    let mut shown: Vec<(&'static str, &'static str)> = Vec::new();
    let mut actions: Vec<&Action> = Vec::new();
    let mut help = None;
    for binding in bindings().filter(|b| b.contexts.contains(&context)) {
        let Some(hint) = binding.hint else {
            continue;
        };
        if actions.contains(&&binding.action) {
            continue;
        }
        actions.push(&binding.action);
        if binding.action == Action::Help {
            help = Some(hint);
        } else {
            shown.push(hint);
        }
    }
    shown.extend(help);
    shown
}

/// The key to name for `action` in `context` inside a sentence ("p", "Esc", "Enter"): the
/// first key of the first binding that does it there. Every key named on screen comes from
/// the table; an action with no key there reads "?" (the help), never a key that does nothing.
pub fn key_for(context: Context, action: &Action) -> &'static str {
    bindings()
        .find(|b| b.contexts.contains(&context) && b.action == *action)
        .and_then(|b| b.label.split_whitespace().next())
        .unwrap_or("?")
}

/// The whole label of the key that does `action` in `context` ("Esc q ?"), for a line that
/// lists every key of a thing; `None` when no key does it there.
pub fn label_for(context: Context, action: &Action) -> Option<&'static str> {
    bindings()
        .find(|b| b.contexts.contains(&context) && b.action == *action)
        .map(|b| b.label)
}

/// What the status bar says for `action` in `context`, (keys, words) as its hint shows
/// them: a prompt that names a key takes these words, so the two never disagree.
pub fn hint_for(context: Context, action: &Action) -> Option<(&'static str, &'static str)> {
    bindings()
        .find(|b| b.contexts.contains(&context) && b.action == *action)
        .and_then(|b| b.hint)
}

/// The rows of the help overlay for `context`: (keys, what they do).
pub fn help_rows(context: Context) -> Vec<(&'static str, &'static str)> {
    let mut rows: Vec<(&str, &str)> = bindings()
        .filter(|b| b.contexts.contains(&context))
        .map(|b| (b.label, b.help))
        .collect();
    match context {
        Context::Matrix => rows.push(("0-9", "type a code to jump to it")),
        Context::Card => rows.push(("1-3", "mark that place to look: y copies its command")),
        Context::InterviewChoice => rows.push(("1-9", "answer with that option")),
        Context::InterviewInput => rows.push(("type", "the answer: a code such as 502, or text")),
        Context::Editor => rows.push(("type", "the note; paste freely, it is saved as you type")),
        Context::DraftEditor => rows.push(("type", "correct the text; paste freely")),
        _ => {}
    }
    rows.extend_from_slice(GLOBAL_HELP);
    rows
}

/// The key a hint names first (`↑↓` is ↑, `Enter x` is Enter).
#[cfg(test)]
#[allow(clippy::unwrap_used)]
pub(crate) fn key_of(label: &str) -> KeyEvent {
    let first = label.split_whitespace().next().unwrap_or(label);
    let (code, modifiers) = match first {
        "Enter" => (KeyCode::Enter, KeyModifiers::NONE),
        "Esc" => (KeyCode::Esc, KeyModifiers::NONE),
        "Tab" => (KeyCode::Tab, KeyModifiers::NONE),
        "Space" => (KeyCode::Char(' '), KeyModifiers::NONE),
        "PgUp" => (KeyCode::PageUp, KeyModifiers::NONE),
        "PgDn" => (KeyCode::PageDown, KeyModifiers::NONE),
        "Bksp" => (KeyCode::Backspace, KeyModifiers::NONE),
        other if other.starts_with("Ctrl-") => (
            KeyCode::Char(other[5..].to_ascii_lowercase().chars().next().unwrap()),
            KeyModifiers::CONTROL,
        ),
        other if other.starts_with('↑') => (KeyCode::Up, KeyModifiers::NONE),
        other if other.starts_with('↓') => (KeyCode::Down, KeyModifiers::NONE),
        other => (
            KeyCode::Char(other.chars().next().unwrap()),
            KeyModifiers::NONE,
        ),
    };
    KeyEvent::new(code, modifiers)
}
