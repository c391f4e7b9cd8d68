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
    /// Show the summary in the next format (Markdown, plain text, Slack).
    CycleFormat,
    /// Show or hide secrets in the notes on screen (redacted by default: screens get shared).
    RevealSecrets,
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
}

/// One row of the key table.
pub struct Binding {
    pub keys: &'static [KeyCode],
    /// Whether Ctrl must be held.
    pub ctrl: bool,
    pub label: &'static str,
    pub action: Action,
    pub help: &'static str,
    pub contexts: &'static [Context],
}

use Context::{
    Card, Checklist, Compare, Editor, Export, InterviewChoice, InterviewInput, Matrix, Problems,
    Prompt, Scenarios, Searching, Triage,
};

const BROWSE: &[Context] = &[
    Matrix, Card, Compare, Scenarios, Triage, Problems, Checklist, Export,
];
const LISTS: &[Context] = &[
    Matrix, Card, Compare, Scenarios, Problems, Searching, Checklist, Export,
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
        contexts: BROWSE,
    },
    Binding {
        ctrl: false,
        keys: &[KeyCode::Down, KeyCode::Char('j')],
        label: "↓ j",
        action: Action::Down,
        help: "move down / scroll down",
        contexts: BROWSE,
    },
    Binding {
        ctrl: false,
        keys: &[KeyCode::Up],
        label: "↑",
        action: Action::Up,
        help: "move up",
        contexts: &[Searching, InterviewChoice],
    },
    Binding {
        ctrl: false,
        keys: &[KeyCode::Down],
        label: "↓",
        action: Action::Down,
        help: "move down",
        contexts: &[Searching, InterviewChoice],
    },
    Binding {
        ctrl: false,
        keys: &[KeyCode::PageUp],
        label: "PgUp",
        action: Action::PageUp,
        help: "one page up",
        contexts: LISTS,
    },
    Binding {
        ctrl: false,
        keys: &[KeyCode::PageDown],
        label: "PgDn",
        action: Action::PageDown,
        help: "one page down",
        contexts: LISTS,
    },
    Binding {
        ctrl: false,
        keys: &[KeyCode::Char('g'), KeyCode::Home],
        label: "g Home",
        action: Action::Top,
        help: "go to the top",
        contexts: BROWSE,
    },
    Binding {
        ctrl: false,
        keys: &[KeyCode::Char('G'), KeyCode::End],
        label: "G End",
        action: Action::Bottom,
        help: "go to the bottom",
        contexts: BROWSE,
    },
    Binding {
        ctrl: false,
        keys: &[KeyCode::Enter],
        label: "Enter",
        action: Action::Open,
        help: "open the selected code or scenario",
        contexts: &[Matrix, Scenarios, Searching, Problems],
    },
    Binding {
        ctrl: false,
        keys: &[KeyCode::Enter],
        label: "Enter",
        action: Action::Open,
        help: "answer and go to the next question",
        contexts: &[InterviewChoice, InterviewInput],
    },
    Binding {
        ctrl: false,
        keys: &[KeyCode::Enter],
        label: "Enter",
        action: Action::Open,
        help: "write a note on the selected step",
        contexts: &[Checklist],
    },
    Binding {
        ctrl: false,
        keys: &[KeyCode::Enter],
        label: "Enter",
        action: Action::Open,
        help: "keep what was typed",
        contexts: &[Prompt],
    },
    Binding {
        ctrl: false,
        keys: &[KeyCode::Tab],
        label: "Tab",
        action: Action::Skip,
        help: "skip this question (not known yet)",
        contexts: &[InterviewChoice, InterviewInput],
    },
    Binding {
        ctrl: false,
        keys: &[KeyCode::Char('d')],
        label: "d",
        action: Action::Mark(Outcome::Done),
        help: "step done",
        contexts: &[Checklist],
    },
    Binding {
        ctrl: false,
        keys: &[KeyCode::Char('r')],
        label: "r",
        action: Action::Mark(Outcome::RuledOut),
        help: "step ruled out (kept in the report)",
        contexts: &[Checklist],
    },
    Binding {
        ctrl: false,
        keys: &[KeyCode::Char('f')],
        label: "f",
        action: Action::Mark(Outcome::FoundIt),
        help: "found it: this step shows the cause",
        contexts: &[Checklist],
    },
    Binding {
        ctrl: false,
        keys: &[KeyCode::Char('n')],
        label: "n",
        action: Action::Mark(Outcome::Skipped),
        help: "skip the step for now",
        contexts: &[Checklist],
    },
    Binding {
        ctrl: false,
        keys: &[KeyCode::Char('u')],
        label: "u",
        action: Action::Mark(Outcome::Pending),
        help: "undo: back to to-do",
        contexts: &[Checklist],
    },
    Binding {
        ctrl: false,
        keys: &[KeyCode::Char('a')],
        label: "a",
        action: Action::IncidentNote,
        help: "add a note about the incident",
        contexts: &[Checklist],
    },
    Binding {
        ctrl: true,
        keys: &[KeyCode::Char('n')],
        label: "Ctrl-N",
        action: Action::IncidentNote,
        help: "add a note about the incident",
        contexts: TRIAGE,
    },
    Binding {
        ctrl: false,
        keys: &[KeyCode::Char('v')],
        label: "v",
        action: Action::RevealSecrets,
        help: "show or hide secrets in the notes (for your eyes only)",
        contexts: &[Checklist],
    },
    Binding {
        ctrl: false,
        keys: &[KeyCode::Char('i')],
        label: "i",
        action: Action::Details,
        help: "incident details: title, severity, environment...",
        contexts: &[Checklist, InterviewChoice],
    },
    Binding {
        ctrl: false,
        keys: &[KeyCode::Char('x')],
        label: "x",
        action: Action::Export,
        help: "escalate: preview the summary, write the bundle",
        contexts: &[Checklist],
    },
    Binding {
        ctrl: false,
        keys: &[KeyCode::Enter, KeyCode::Char('x')],
        label: "Enter x",
        action: Action::Open,
        help: "write the bundle (summary.md, bundle.json)",
        contexts: &[Export],
    },
    Binding {
        ctrl: false,
        keys: &[KeyCode::Char('y')],
        label: "y",
        action: Action::Copy,
        help: "copy the summary (OSC 52 over SSH)",
        contexts: &[Checklist, Export],
    },
    Binding {
        ctrl: false,
        keys: &[KeyCode::Char('f')],
        label: "f",
        action: Action::CycleFormat,
        help: "format: Markdown, plain text, Slack",
        contexts: &[Export],
    },
    Binding {
        ctrl: false,
        keys: &[KeyCode::Char('b')],
        label: "b",
        action: Action::Interview,
        help: "back to the interview to change answers",
        contexts: &[Checklist],
    },
    Binding {
        ctrl: true,
        keys: &[KeyCode::Char('s')],
        label: "Ctrl-S",
        action: Action::Save,
        help: "finish the note (saved as you type)",
        contexts: &[Editor],
    },
    Binding {
        ctrl: false,
        keys: &[KeyCode::Char(' ')],
        label: "Space",
        action: Action::ToggleSelect,
        help: "mark a code for comparison",
        contexts: &[Matrix],
    },
    Binding {
        ctrl: false,
        keys: &[KeyCode::Char('/')],
        label: "/",
        action: Action::Search,
        help: "search by code or keyword",
        contexts: &[Matrix],
    },
    Binding {
        ctrl: false,
        keys: &[KeyCode::Char('c')],
        label: "c",
        action: Action::Compare,
        help: "compare marked codes, or this code with look-alikes",
        contexts: &[Matrix, Card, Checklist],
    },
    Binding {
        ctrl: false,
        keys: &[KeyCode::Char('s')],
        label: "s",
        action: Action::Scenarios,
        help: "scenarios: situations and their first move",
        contexts: &[Matrix, Card, Compare],
    },
    Binding {
        ctrl: false,
        keys: &[KeyCode::Char('t')],
        label: "t",
        action: Action::Triage,
        help: "start a guided triage",
        contexts: &[Matrix, Card, Compare, Scenarios],
    },
    Binding {
        ctrl: false,
        keys: &[KeyCode::Char('p')],
        label: "p",
        action: Action::Problems,
        help: "show runbook problems and warnings",
        contexts: &[Matrix],
    },
    Binding {
        ctrl: false,
        keys: &[KeyCode::Esc],
        label: "Esc",
        action: Action::Back,
        help: "back / clear the search",
        contexts: &[
            Matrix, Card, Compare, Scenarios, Triage, Problems, Searching, Export,
        ],
    },
    Binding {
        ctrl: false,
        keys: &[KeyCode::Esc],
        label: "Esc",
        action: Action::Back,
        help: "previous question (the answer is kept)",
        contexts: &[InterviewChoice, InterviewInput],
    },
    Binding {
        ctrl: false,
        keys: &[KeyCode::Esc],
        label: "Esc",
        action: Action::Back,
        help: "leave the triage (it stays saved; t returns)",
        contexts: &[Checklist],
    },
    Binding {
        ctrl: false,
        keys: &[KeyCode::Esc],
        label: "Esc",
        action: Action::Back,
        help: "finish the note (saved as you type)",
        contexts: &[Editor],
    },
    Binding {
        ctrl: false,
        keys: &[KeyCode::Esc],
        label: "Esc",
        action: Action::Back,
        help: "leave the field as it was",
        contexts: &[Prompt],
    },
    Binding {
        ctrl: false,
        keys: &[KeyCode::Backspace],
        label: "Bksp",
        action: Action::Backspace,
        help: "delete a character",
        contexts: &[Searching],
    },
    Binding {
        ctrl: false,
        keys: &[KeyCode::Char('?')],
        label: "?",
        action: Action::Help,
        help: "show or hide this help",
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
        ],
    },
    Binding {
        ctrl: false,
        keys: &[KeyCode::Char('q')],
        label: "q",
        action: Action::Quit,
        help: "quit (everything is saved)",
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
        (Context::InterviewInput | Context::Editor | Context::Prompt, _) => Some(Action::Edit(key)),
        _ => None,
    }
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
        Context::InterviewChoice => rows.push(("1-9", "answer with that option")),
        Context::InterviewInput => rows.push(("type", "the answer: a code such as 502, or text")),
        Context::Editor => rows.push(("type", "the note; paste freely, it is saved as you type")),
        _ => {}
    }
    rows.extend_from_slice(GLOBAL_HELP);
    rows
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
    fn digits_jump_on_the_matrix_only() {
        assert_eq!(
            action_for(key(KeyCode::Char('5')), Context::Matrix),
            Some(Action::Type('5'))
        );
        assert_eq!(action_for(key(KeyCode::Char('5')), Context::Card), None);
    }
}
