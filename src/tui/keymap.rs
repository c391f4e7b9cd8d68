//! Every key of the app in one table: the same table turns key presses into [`Action`]s and
//! draws the help overlay, so the help can never disagree with what the keys do.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::triage::Outcome;

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
    /// Put the struck notes into the export, or leave them out again.
    IncludeStruck,
    /// Start a new triage although open ones about the code exist.
    NewTriage,
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
    /// The help overlay, over any screen: the scrolling keys scroll it, any other key closes
    /// it without acting.
    Help,
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

use Context::{
    Card, Checklist, Compare, Editor, Export, Help, InterviewChoice, InterviewInput, Matrix, Notes,
    Problems, Prompt, Resume, Scenarios, Searching, Triage,
};

const BROWSE: &[Context] = &[
    Matrix, Card, Compare, Scenarios, Triage, Problems, Checklist, Export, Notes, Resume,
];
/// Where `g` and `G` go to the top and the bottom: every browsing screen and the help.
const ENDS: &[Context] = &[
    Matrix, Card, Compare, Scenarios, Triage, Problems, Checklist, Export, Notes, Resume, Help,
];
const LISTS: &[Context] = &[
    Matrix, Card, Compare, Scenarios, Problems, Searching, Checklist, Export, Notes, Help,
];
const TRIAGE: &[Context] = &[InterviewChoice, InterviewInput, Checklist];

/// The key table, in the order the help overlay lists it.
pub const BINDINGS: &[Binding] = &[
    Binding {
        ctrl: false,
        keys: &[KeyCode::Up, KeyCode::Char('k')],
        label: "↑ k",
        action: Action::Up,
        help: "move up / scroll up",
        hint: Some(("↑↓", "move")),
        contexts: BROWSE,
    },
    Binding {
        ctrl: false,
        keys: &[KeyCode::Down, KeyCode::Char('j')],
        label: "↓ j",
        action: Action::Down,
        help: "move down / scroll down",
        hint: None,
        contexts: BROWSE,
    },
    // In the help there is nothing to select: the same keys scroll, and say so.
    Binding {
        ctrl: false,
        keys: &[KeyCode::Up, KeyCode::Char('k')],
        label: "↑ k",
        action: Action::Up,
        help: "scroll up",
        hint: Some(("↑↓", "scroll")),
        contexts: &[Help],
    },
    Binding {
        ctrl: false,
        keys: &[KeyCode::Down, KeyCode::Char('j')],
        label: "↓ j",
        action: Action::Down,
        help: "scroll down",
        hint: None,
        contexts: &[Help],
    },
    Binding {
        ctrl: false,
        keys: &[KeyCode::Up],
        label: "↑",
        action: Action::Up,
        help: "move up",
        hint: Some(("↑↓", "move")),
        contexts: &[Searching, InterviewChoice],
    },
    Binding {
        ctrl: false,
        keys: &[KeyCode::Down],
        label: "↓",
        action: Action::Down,
        help: "move down",
        hint: None,
        contexts: &[Searching, InterviewChoice],
    },
    Binding {
        ctrl: false,
        keys: &[KeyCode::Up],
        label: "↑",
        action: Action::Up,
        help: "previous option, for Enter on an empty field",
        hint: None,
        contexts: &[InterviewInput],
    },
    Binding {
        ctrl: false,
        keys: &[KeyCode::Down],
        label: "↓",
        action: Action::Down,
        help: "next option, for Enter on an empty field",
        hint: None,
        contexts: &[InterviewInput],
    },
    Binding {
        ctrl: false,
        keys: &[KeyCode::PageUp],
        label: "PgUp",
        action: Action::PageUp,
        help: "one page up",
        hint: None,
        contexts: LISTS,
    },
    Binding {
        ctrl: false,
        keys: &[KeyCode::PageDown],
        label: "PgDn",
        action: Action::PageDown,
        help: "one page down",
        hint: None,
        contexts: LISTS,
    },
    Binding {
        ctrl: false,
        keys: &[KeyCode::Char('g'), KeyCode::Home],
        label: "g Home",
        action: Action::Top,
        help: "go to the top",
        hint: None,
        contexts: ENDS,
    },
    Binding {
        ctrl: false,
        keys: &[KeyCode::Char('G'), KeyCode::End],
        label: "G End",
        action: Action::Bottom,
        help: "go to the bottom",
        hint: None,
        contexts: ENDS,
    },
    Binding {
        ctrl: false,
        keys: &[KeyCode::Enter],
        label: "Enter",
        action: Action::Open,
        help: "open the selected code or scenario",
        hint: Some(("Enter", "open")),
        contexts: &[Matrix, Scenarios, Searching, Problems],
    },
    Binding {
        ctrl: false,
        keys: &[KeyCode::Char('t')],
        label: "t",
        action: Action::Triage,
        help: "start a guided triage",
        hint: Some(("t", "triage")),
        contexts: &[Matrix, Card, Compare, Scenarios],
    },
    Binding {
        ctrl: false,
        keys: &[KeyCode::Enter, KeyCode::Char('r')],
        label: "Enter r",
        action: Action::Open,
        help: "resume the selected open triage",
        hint: Some(("Enter", "resume")),
        contexts: &[Resume],
    },
    Binding {
        ctrl: false,
        keys: &[KeyCode::Char('n')],
        label: "n",
        action: Action::NewTriage,
        help: "start a new triage for this code instead",
        hint: Some(("n", "new triage")),
        contexts: &[Resume],
    },
    Binding {
        ctrl: false,
        keys: &[KeyCode::Enter],
        label: "Enter",
        action: Action::Open,
        help: "answer and go to the next question",
        hint: Some(("Enter", "answer")),
        contexts: &[InterviewChoice, InterviewInput],
    },
    Binding {
        ctrl: false,
        keys: &[KeyCode::Enter],
        label: "Enter",
        action: Action::Open,
        help: "write a note on the selected step",
        hint: Some(("Enter", "note")),
        contexts: &[Checklist],
    },
    Binding {
        ctrl: false,
        keys: &[KeyCode::Enter],
        label: "Enter",
        action: Action::Open,
        help: "keep what was typed",
        hint: Some(("Enter", "keep")),
        contexts: &[Prompt],
    },
    Binding {
        ctrl: false,
        keys: &[KeyCode::Tab],
        label: "Tab",
        action: Action::Skip,
        help: "skip this question (not known yet)",
        hint: Some(("Tab", "skip")),
        contexts: &[InterviewChoice, InterviewInput],
    },
    Binding {
        ctrl: false,
        keys: &[KeyCode::Char('d')],
        label: "d",
        action: Action::Mark(Outcome::Done),
        help: "step done",
        hint: Some(("d", "done")),
        contexts: &[Checklist],
    },
    Binding {
        ctrl: false,
        keys: &[KeyCode::Char('r')],
        label: "r",
        action: Action::Mark(Outcome::RuledOut),
        help: "step ruled out (kept in the report)",
        hint: Some(("r", "ruled out")),
        contexts: &[Checklist],
    },
    Binding {
        ctrl: false,
        keys: &[KeyCode::Char('f')],
        label: "f",
        action: Action::Mark(Outcome::FoundIt),
        help: "found it: this step shows the cause",
        hint: Some(("f", "found")),
        contexts: &[Checklist],
    },
    Binding {
        ctrl: false,
        keys: &[KeyCode::Char('n')],
        label: "n",
        action: Action::Mark(Outcome::Skipped),
        help: "skip the step for now",
        hint: None,
        contexts: &[Checklist],
    },
    Binding {
        ctrl: false,
        keys: &[KeyCode::Char('u')],
        label: "u",
        action: Action::Mark(Outcome::Pending),
        help: "undo: back to to-do",
        hint: None,
        contexts: &[Checklist],
    },
    Binding {
        ctrl: false,
        keys: &[KeyCode::Char('a')],
        label: "a",
        action: Action::IncidentNote,
        help: "add a note about the incident",
        hint: Some(("a", "incident note")),
        contexts: &[Checklist],
    },
    Binding {
        ctrl: true,
        keys: &[KeyCode::Char('n')],
        label: "Ctrl-N",
        action: Action::IncidentNote,
        help: "add a note about the incident",
        hint: Some(("Ctrl-N", "note")),
        contexts: TRIAGE,
    },
    Binding {
        ctrl: false,
        keys: &[KeyCode::Char('v')],
        label: "v",
        action: Action::RevealSecrets,
        help: "show or hide secrets in the notes (for your eyes only)",
        hint: Some(("v", "secrets")),
        contexts: &[Checklist, Notes],
    },
    Binding {
        ctrl: false,
        keys: &[KeyCode::Char('i')],
        label: "i",
        action: Action::Details,
        help: "incident details: title, severity, environment...",
        hint: Some(("i", "details")),
        contexts: &[Checklist, InterviewChoice],
    },
    Binding {
        ctrl: false,
        keys: &[KeyCode::Char('x')],
        label: "x",
        action: Action::Export,
        help: "escalate: preview the summary, write the bundle",
        hint: Some(("x", "escalate")),
        contexts: &[Checklist],
    },
    Binding {
        ctrl: false,
        keys: &[KeyCode::Enter, KeyCode::Char('x')],
        label: "Enter x",
        action: Action::Open,
        help: "write the bundle (summary.md, bundle.json)",
        hint: Some(("Enter", "write bundle")),
        contexts: &[Export],
    },
    Binding {
        ctrl: false,
        keys: &[KeyCode::Char('y')],
        label: "y",
        action: Action::Copy,
        help: "copy the summary (OSC 52 over SSH)",
        hint: Some(("y", "copy")),
        contexts: &[Export],
    },
    Binding {
        ctrl: false,
        keys: &[KeyCode::Char('y')],
        label: "y",
        action: Action::CopyCommand,
        help: "copy the selected step's command (OSC 52 over SSH)",
        hint: Some(("y", "copy command")),
        contexts: &[Checklist],
    },
    Binding {
        ctrl: false,
        keys: &[KeyCode::Char('Y')],
        label: "Y",
        action: Action::Copy,
        help: "copy the escalation summary",
        hint: None,
        contexts: &[Checklist],
    },
    Binding {
        ctrl: false,
        keys: &[KeyCode::Char('f')],
        label: "f",
        action: Action::CycleFormat,
        help: "format: Markdown, plain text, Slack",
        hint: Some(("f", "format")),
        contexts: &[Export],
    },
    Binding {
        ctrl: false,
        keys: &[KeyCode::Char('s')],
        label: "s",
        action: Action::IncludeStruck,
        help: "put struck notes in the export (marked struck), or leave them out",
        hint: None,
        contexts: &[Export],
    },
    Binding {
        ctrl: false,
        keys: &[KeyCode::Char('b')],
        label: "b",
        action: Action::Interview,
        help: "back to the interview to change answers",
        hint: Some(("b", "interview")),
        contexts: &[Checklist],
    },
    Binding {
        ctrl: false,
        keys: &[KeyCode::Char('N')],
        label: "N",
        action: Action::Notes,
        help: "all notes in full: read, correct, strike out",
        hint: Some(("N", "notes")),
        contexts: &[Checklist, InterviewChoice],
    },
    Binding {
        ctrl: false,
        keys: &[KeyCode::Char('e'), KeyCode::Enter],
        label: "e Enter",
        action: Action::EditNote,
        help: "correct the selected note (its first stamps stay, an edit stamp is added)",
        hint: Some(("e", "edit")),
        contexts: &[Notes],
    },
    Binding {
        ctrl: false,
        keys: &[KeyCode::Char('x'), KeyCode::Char('d')],
        label: "x d",
        action: Action::StrikeNote,
        help: "strike the note out, or back in (kept; left out of the export)",
        hint: Some(("x", "strike")),
        contexts: &[Notes],
    },
    Binding {
        ctrl: true,
        keys: &[KeyCode::Char('s')],
        label: "Ctrl-S",
        action: Action::Save,
        help: "finish the note (saved as you type)",
        hint: None,
        contexts: &[Editor],
    },
    Binding {
        ctrl: false,
        keys: &[KeyCode::Char(' ')],
        label: "Space",
        action: Action::ToggleSelect,
        help: "mark a code for comparison",
        hint: Some(("Space", "mark")),
        contexts: &[Matrix],
    },
    Binding {
        ctrl: false,
        keys: &[KeyCode::Char('/')],
        label: "/",
        action: Action::Search,
        help: "search by code or keyword",
        hint: Some(("/", "search")),
        contexts: &[Matrix],
    },
    Binding {
        ctrl: false,
        keys: &[KeyCode::Char('c')],
        label: "c",
        action: Action::Compare,
        help: "compare marked codes, or this code with look-alikes",
        hint: Some(("c", "compare")),
        contexts: &[Matrix, Card, Checklist],
    },
    Binding {
        ctrl: false,
        keys: &[KeyCode::Char('s')],
        label: "s",
        action: Action::Scenarios,
        help: "scenarios: situations and their first move",
        hint: Some(("s", "scenarios")),
        contexts: &[Matrix, Card, Compare],
    },
    Binding {
        ctrl: false,
        keys: &[KeyCode::Char('y')],
        label: "y",
        action: Action::CopyCommand,
        help: "copy the command of the marked place (▸)",
        hint: Some(("y", "copy")),
        contexts: &[Card],
    },
    Binding {
        ctrl: false,
        keys: &[KeyCode::Char('p')],
        label: "p",
        action: Action::Problems,
        help: "show runbook problems and warnings",
        hint: None,
        contexts: &[Matrix],
    },
    Binding {
        ctrl: false,
        keys: &[KeyCode::Esc],
        label: "Esc",
        action: Action::Back,
        help: "back to the screen before",
        hint: Some(("Esc", "back")),
        contexts: &[Card, Compare, Scenarios, Triage, Problems, Export],
    },
    Binding {
        ctrl: false,
        keys: &[KeyCode::Esc],
        label: "Esc",
        action: Action::Back,
        help: "cancel: start nothing, resume nothing",
        hint: Some(("Esc", "cancel")),
        contexts: &[Resume],
    },
    // The matrix is the first screen: Esc there only clears, and says so.
    Binding {
        ctrl: false,
        keys: &[KeyCode::Esc],
        label: "Esc",
        action: Action::Back,
        help: "clear the search",
        hint: Some(("Esc", "clear")),
        contexts: &[Searching],
    },
    Binding {
        ctrl: false,
        keys: &[KeyCode::Esc],
        label: "Esc",
        action: Action::Back,
        help: "clear the search, then the marks",
        hint: None,
        contexts: &[Matrix],
    },
    Binding {
        ctrl: false,
        keys: &[KeyCode::Esc],
        label: "Esc",
        action: Action::Back,
        help: "previous question (the answer is kept)",
        hint: Some(("Esc", "previous")),
        contexts: &[InterviewChoice, InterviewInput],
    },
    Binding {
        ctrl: false,
        keys: &[KeyCode::Esc],
        label: "Esc",
        action: Action::Back,
        help: "leave the triage (it stays saved; t returns)",
        hint: Some(("Esc", "leave")),
        contexts: &[Checklist],
    },
    Binding {
        ctrl: false,
        keys: &[KeyCode::Esc],
        label: "Esc",
        action: Action::Back,
        help: "back to the triage",
        hint: Some(("Esc", "back")),
        contexts: &[Notes],
    },
    Binding {
        ctrl: false,
        keys: &[KeyCode::Esc],
        label: "Esc",
        action: Action::Back,
        help: "finish the note (saved as you type)",
        hint: Some(("Esc", "done")),
        contexts: &[Editor],
    },
    Binding {
        ctrl: false,
        keys: &[KeyCode::Esc],
        label: "Esc",
        action: Action::Back,
        help: "leave the field as it was",
        hint: Some(("Esc", "leave as it was")),
        contexts: &[Prompt],
    },
    // `q` and `?` close the help rather than quit or reopen it: they are what was pressed to
    // get there, and what a pager closes on.
    Binding {
        ctrl: false,
        keys: &[KeyCode::Esc, KeyCode::Char('q'), KeyCode::Char('?')],
        label: "Esc q ?",
        action: Action::Back,
        help: "close this help (any other key too)",
        hint: Some(("Esc", "close")),
        contexts: &[Help],
    },
    Binding {
        ctrl: false,
        keys: &[KeyCode::Backspace],
        label: "Bksp",
        action: Action::Backspace,
        help: "delete a character",
        hint: None,
        contexts: &[Searching],
    },
    Binding {
        ctrl: false,
        keys: &[KeyCode::Char('?')],
        label: "?",
        action: Action::Help,
        help: "show or hide this help",
        hint: Some(("?", "help")),
        contexts: &[
            Matrix,
            Card,
            Compare,
            Scenarios,
            Triage,
            Problems,
            Checklist,
            InterviewChoice,
            Export,
            Notes,
            Resume,
        ],
    },
    Binding {
        ctrl: false,
        keys: &[KeyCode::Char('q')],
        label: "q",
        action: Action::Quit,
        help: "quit (everything is saved)",
        hint: Some(("q", "quit")),
        contexts: &[
            Matrix,
            Card,
            Compare,
            Scenarios,
            Triage,
            Problems,
            Checklist,
            InterviewChoice,
            Export,
            Notes,
            Resume,
        ],
    },
];

/// Keys that work everywhere, even while typing; listed in the help as well.
pub const GLOBAL_HELP: &[(&str, &str)] = &[
    ("Ctrl-C", "quit from anywhere"),
    ("Ctrl-Z", "suspend to the shell (fg to return)"),
    ("wheel", "scroll"),
];

/// The action for `key` in `context`, if any. Digits on the matrix jump to a code; in the
/// search field any unbound character is text.
pub fn action_for(key: KeyEvent, context: Context) -> Option<Action> {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    if ctrl {
        match key.code {
            KeyCode::Char('c') => return Some(Action::Quit),
            KeyCode::Char('z') => return Some(Action::Suspend),
            _ => {}
        }
    }
    let bound = BINDINGS
        .iter()
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
        // A card's first three places are numbered: a digit marks the one `y` copies.
        (Context::Card, KeyCode::Char(c @ '1'..='3')) if !ctrl => Some(Action::Type(c)),
        (Context::InterviewInput | Context::Editor | Context::Prompt, _) => Some(Action::Edit(key)),
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
    for binding in BINDINGS.iter().filter(|b| b.contexts.contains(&context)) {
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
    BINDINGS
        .iter()
        .find(|b| b.contexts.contains(&context) && b.action == *action)
        .and_then(|b| b.label.split_whitespace().next())
        .unwrap_or("?")
}

/// The whole label of the key that does `action` in `context` ("Esc q ?"), for a line that
/// lists every key of a thing; `None` when no key does it there.
pub fn label_for(context: Context, action: &Action) -> Option<&'static str> {
    BINDINGS
        .iter()
        .find(|b| b.contexts.contains(&context) && b.action == *action)
        .map(|b| b.label)
}

/// What the status bar says for `action` in `context`, (keys, words) as its hint shows
/// them: a prompt that names a key takes these words, so the two never disagree.
pub fn hint_for(context: Context, action: &Action) -> Option<(&'static str, &'static str)> {
    BINDINGS
        .iter()
        .find(|b| b.contexts.contains(&context) && b.action == *action)
        .and_then(|b| b.hint)
}

/// The rows of the help overlay for `context`: (keys, what they do).
pub fn help_rows(context: Context) -> Vec<(&'static str, &'static str)> {
    let mut rows: Vec<(&str, &str)> = BINDINGS
        .iter()
        .filter(|b| b.contexts.contains(&context))
        .map(|b| (b.label, b.help))
        .collect();
    match context {
        Context::Matrix => rows.push(("0-9", "type a code to jump to it")),
        Context::Card => rows.push(("1-3", "mark that place to look: y copies its command")),
        Context::InterviewChoice => rows.push(("1-9", "answer with that option")),
        Context::InterviewInput => rows.push(("type", "the answer: a code such as 502, or text")),
        Context::Editor => rows.push(("type", "the note; paste freely, it is saved as you type")),
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

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn typing_in_the_search_never_triggers_commands() {
        for c in ['q', 't', 'c', 's', '?', 'j', 'k', 'g', 'G', '/'] {
            assert_eq!(
                action_for(key(KeyCode::Char(c)), Context::Searching),
                Some(Action::Type(c))
            );
        }
    }

    #[test]
    fn ctrl_c_quits_everywhere_even_while_typing() {
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        for context in [
            Context::Matrix,
            Context::Searching,
            Context::Card,
            Context::Triage,
        ] {
            assert_eq!(action_for(ctrl_c, context), Some(Action::Quit));
        }
    }

    #[test]
    fn q_and_help_work_on_every_screen_without_a_text_field() {
        for context in [
            Context::Matrix,
            Context::Card,
            Context::Compare,
            Context::Scenarios,
            Context::Triage,
            Context::Problems,
            Context::Checklist,
            Context::InterviewChoice,
            Context::Export,
            Context::Notes,
        ] {
            let q = action_for(key(KeyCode::Char('q')), context);
            assert_eq!(q, Some(Action::Quit), "{context:?}");
            let help = action_for(key(KeyCode::Char('?')), context);
            assert_eq!(help, Some(Action::Help), "{context:?}");
        }
    }

    #[test]
    fn every_binding_appears_in_the_help_of_its_screens() {
        for binding in BINDINGS {
            for context in binding.contexts {
                assert!(help_rows(*context).contains(&(binding.label, binding.help)));
            }
        }
    }

    #[test]
    fn typing_in_text_fields_is_never_a_command() {
        for context in [Context::InterviewInput, Context::Editor, Context::Prompt] {
            for c in ['q', '?', 'd', 'r', 'a', 't', 'j'] {
                let k = key(KeyCode::Char(c));
                assert_eq!(
                    action_for(k, context),
                    Some(Action::Edit(k)),
                    "{c} in {context:?}"
                );
            }
        }
    }

    #[test]
    fn esc_finishes_every_text_field_and_goes_back_in_the_interview() {
        let esc = key(KeyCode::Esc);
        for context in [
            Context::Editor,
            Context::Prompt,
            Context::InterviewInput,
            Context::InterviewChoice,
            Context::Checklist,
        ] {
            assert_eq!(action_for(esc, context), Some(Action::Back), "{context:?}");
        }
        let ctrl_s = KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL);
        assert_eq!(action_for(ctrl_s, Context::Editor), Some(Action::Save));
    }

    #[test]
    fn in_the_help_q_and_question_mark_close_it_and_ctrl_c_still_quits() {
        for c in ['q', '?', 't', 'd', 'x'] {
            assert_eq!(
                action_for(key(KeyCode::Char(c)), Context::Help),
                Some(Action::Back),
                "{c}"
            );
        }
        assert_eq!(
            action_for(key(KeyCode::Esc), Context::Help),
            Some(Action::Back)
        );
        assert_eq!(
            action_for(key(KeyCode::Char('j')), Context::Help),
            Some(Action::Down)
        );
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(action_for(ctrl_c, Context::Help), Some(Action::Quit));
        assert_eq!(hint_for(Context::Help, &Action::Up), Some(("↑↓", "scroll")));
        assert_eq!(label_for(Context::Help, &Action::Back), Some("Esc q ?"));
    }

    #[test]
    fn digits_jump_on_the_matrix_and_pick_a_place_on_the_card() {
        assert_eq!(
            action_for(key(KeyCode::Char('5')), Context::Matrix),
            Some(Action::Type('5'))
        );
        assert_eq!(
            action_for(key(KeyCode::Char('2')), Context::Card),
            Some(Action::Type('2'))
        );
        // A card has three places: other digits do nothing there.
        assert_eq!(action_for(key(KeyCode::Char('5')), Context::Card), None);
        assert_eq!(action_for(key(KeyCode::Char('0')), Context::Card), None);
    }

    #[test]
    fn y_copies_a_command_where_there_is_one_and_the_summary_stays_a_key_away() {
        let y = key(KeyCode::Char('y'));
        let shift_y = key(KeyCode::Char('Y'));
        assert_eq!(action_for(y, Context::Card), Some(Action::CopyCommand));
        assert_eq!(action_for(y, Context::Checklist), Some(Action::CopyCommand));
        assert_eq!(action_for(shift_y, Context::Checklist), Some(Action::Copy));
        assert_eq!(action_for(y, Context::Export), Some(Action::Copy));
        // Typed into a note or a finding, it is text.
        assert_eq!(action_for(y, Context::Editor), Some(Action::Edit(y)));
    }
}

#[cfg(test)]
mod table_tests {
    use super::*;

    const ALL: [Context; 16] = [
        Context::Matrix,
        Context::Card,
        Context::Compare,
        Context::Scenarios,
        Context::Triage,
        Context::Problems,
        Context::Searching,
        Context::InterviewChoice,
        Context::InterviewInput,
        Context::Checklist,
        Context::Editor,
        Context::Prompt,
        Context::Export,
        Context::Notes,
        Context::Resume,
        Context::Help,
    ];

    #[test]
    fn every_hint_shown_is_a_key_that_works_there() {
        for context in ALL {
            for (keys, words) in hints(context) {
                let action = action_for(key_of(keys), context);
                let bound = BINDINGS
                    .iter()
                    .find(|b| b.contexts.contains(&context) && b.hint == Some((keys, words)));
                assert!(
                    action.is_some() && bound.is_some_and(|b| Some(&b.action) == action.as_ref()),
                    "{context:?}: hint `{keys} {words}` gives {action:?}"
                );
            }
        }
    }

    #[test]
    fn keys_named_in_sentences_come_from_the_table() {
        assert_eq!(key_for(Context::Matrix, &Action::Problems), "p");
        assert_eq!(key_for(Context::Editor, &Action::Back), "Esc");
        assert_eq!(key_for(Context::Editor, &Action::Save), "Ctrl-S");
        assert_eq!(key_for(Context::Export, &Action::CycleFormat), "f");
        assert_eq!(key_for(Context::Prompt, &Action::Open), "Enter");
        // Named, a key must do the thing where it is named.
        for context in ALL {
            for binding in BINDINGS.iter().filter(|b| b.contexts.contains(&context)) {
                let key = key_for(context, &binding.action);
                assert_eq!(
                    action_for(key_of(key), context).as_ref(),
                    Some(&binding.action),
                    "{context:?}: {key}"
                );
            }
        }
        assert_eq!(key_for(Context::Card, &Action::Mark(Outcome::Done)), "?");
    }

    #[test]
    fn no_key_is_bound_twice_in_one_context() {
        for context in ALL {
            let mut seen = Vec::new();
            for binding in BINDINGS.iter().filter(|b| b.contexts.contains(&context)) {
                for key in binding.keys {
                    let entry = (binding.ctrl, *key);
                    assert!(
                        !seen.contains(&entry),
                        "{context:?}: {key:?} (ctrl {}) bound twice",
                        binding.ctrl
                    );
                    seen.push(entry);
                }
            }
        }
    }

    #[test]
    fn every_scrollable_screen_scrolls_with_the_usual_keys() {
        let plain = |code| KeyEvent::new(code, KeyModifiers::NONE);
        for context in [
            Context::Matrix,
            Context::Card,
            Context::Compare,
            Context::Scenarios,
            Context::Problems,
            Context::Checklist,
            Context::Export,
            Context::Notes,
            Context::Help,
        ] {
            for (code, action) in [
                (KeyCode::Up, Action::Up),
                (KeyCode::Char('k'), Action::Up),
                (KeyCode::Down, Action::Down),
                (KeyCode::Char('j'), Action::Down),
                (KeyCode::PageUp, Action::PageUp),
                (KeyCode::PageDown, Action::PageDown),
                (KeyCode::Char('g'), Action::Top),
                (KeyCode::Char('G'), Action::Bottom),
            ] {
                assert_eq!(
                    action_for(plain(code), context),
                    Some(action),
                    "{context:?} {code:?}"
                );
            }
        }
    }
}
