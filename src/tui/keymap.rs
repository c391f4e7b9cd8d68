//! Every key of the app in one table: the same table turns key presses into [`Action`]s and
//! draws the help overlay, so the help can never disagree with what the keys do.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

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
}

/// One row of the key table.
pub struct Binding {
    pub keys: &'static [KeyCode],
    pub label: &'static str,
    pub action: Action,
    pub help: &'static str,
    pub contexts: &'static [Context],
}

use Context::{Card, Compare, Matrix, Problems, Scenarios, Searching, Triage};

const BROWSE: &[Context] = &[Matrix, Card, Compare, Scenarios, Triage, Problems];
const LISTS: &[Context] = &[Matrix, Card, Compare, Scenarios, Problems, Searching];

/// The key table, in the order the help overlay lists it.
pub const BINDINGS: &[Binding] = &[
    Binding {
        keys: &[KeyCode::Up, KeyCode::Char('k')],
        label: "↑ k",
        action: Action::Up,
        help: "move up / scroll up",
        contexts: BROWSE,
    },
    Binding {
        keys: &[KeyCode::Down, KeyCode::Char('j')],
        label: "↓ j",
        action: Action::Down,
        help: "move down / scroll down",
        contexts: BROWSE,
    },
    Binding {
        keys: &[KeyCode::Up],
        label: "↑",
        action: Action::Up,
        help: "move up",
        contexts: &[Searching],
    },
    Binding {
        keys: &[KeyCode::Down],
        label: "↓",
        action: Action::Down,
        help: "move down",
        contexts: &[Searching],
    },
    Binding {
        keys: &[KeyCode::PageUp],
        label: "PgUp",
        action: Action::PageUp,
        help: "one page up",
        contexts: LISTS,
    },
    Binding {
        keys: &[KeyCode::PageDown],
        label: "PgDn",
        action: Action::PageDown,
        help: "one page down",
        contexts: LISTS,
    },
    Binding {
        keys: &[KeyCode::Char('g'), KeyCode::Home],
        label: "g Home",
        action: Action::Top,
        help: "go to the top",
        contexts: BROWSE,
    },
    Binding {
        keys: &[KeyCode::Char('G'), KeyCode::End],
        label: "G End",
        action: Action::Bottom,
        help: "go to the bottom",
        contexts: BROWSE,
    },
    Binding {
        keys: &[KeyCode::Enter],
        label: "Enter",
        action: Action::Open,
        help: "open the selected code or scenario",
        contexts: &[Matrix, Scenarios, Searching, Problems],
    },
    Binding {
        keys: &[KeyCode::Char(' ')],
        label: "Space",
        action: Action::ToggleSelect,
        help: "mark a code for comparison",
        contexts: &[Matrix],
    },
    Binding {
        keys: &[KeyCode::Char('/')],
        label: "/",
        action: Action::Search,
        help: "search by code or keyword",
        contexts: &[Matrix],
    },
    Binding {
        keys: &[KeyCode::Char('c')],
        label: "c",
        action: Action::Compare,
        help: "compare marked codes, or this code with look-alikes",
        contexts: &[Matrix, Card],
    },
    Binding {
        keys: &[KeyCode::Char('s')],
        label: "s",
        action: Action::Scenarios,
        help: "scenarios: situations and their first move",
        contexts: &[Matrix, Card, Compare],
    },
    Binding {
        keys: &[KeyCode::Char('t')],
        label: "t",
        action: Action::Triage,
        help: "start a guided triage",
        contexts: &[Matrix, Card, Compare, Scenarios],
    },
    Binding {
        keys: &[KeyCode::Char('p')],
        label: "p",
        action: Action::Problems,
        help: "show runbook problems and warnings",
        contexts: &[Matrix],
    },
    Binding {
        keys: &[KeyCode::Esc],
        label: "Esc",
        action: Action::Back,
        help: "back / clear the search",
        contexts: &[
            Matrix, Card, Compare, Scenarios, Triage, Problems, Searching,
        ],
    },
    Binding {
        keys: &[KeyCode::Backspace],
        label: "Bksp",
        action: Action::Backspace,
        help: "delete a character",
        contexts: &[Searching],
    },
    Binding {
        keys: &[KeyCode::Char('?')],
        label: "?",
        action: Action::Help,
        help: "show or hide this help",
        contexts: BROWSE,
    },
    Binding {
        keys: &[KeyCode::Char('q')],
        label: "q",
        action: Action::Quit,
        help: "quit",
        contexts: BROWSE,
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
    if key.modifiers.contains(KeyModifiers::CONTROL) {
        return match key.code {
            KeyCode::Char('c') => Some(Action::Quit),
            KeyCode::Char('z') => Some(Action::Suspend),
            _ => None,
        };
    }
    let bound = BINDINGS
        .iter()
        .find(|b| b.contexts.contains(&context) && b.keys.contains(&key.code))
        .map(|b| b.action.clone());
    if bound.is_some() {
        return bound;
    }
    match (context, key.code) {
        (Context::Searching, KeyCode::Char(c)) => Some(Action::Type(c)),
        (Context::Matrix, KeyCode::Char(c)) if c.is_ascii_digit() => Some(Action::Type(c)),
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
    if context == Context::Matrix {
        rows.push(("0-9", "type a code to jump to it"));
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
    fn every_binding_appears_in_the_help_of_its_screens() {
        for binding in BINDINGS {
            for context in binding.contexts {
                assert!(help_rows(*context).contains(&(binding.label, binding.help)));
            }
        }
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
