//! Moving and scrolling: the arrows, j and k, pages and the ends, on every screen that has
//! a selection or a text to scroll.

use ratatui::crossterm::event::KeyCode;

use super::super::Context::{Help, InterviewChoice, InterviewInput, Searching};
use super::super::{Action, Binding};
use super::{BROWSE, ENDS, LISTS};

pub(super) const BINDINGS: &[Binding] = &[
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
];
