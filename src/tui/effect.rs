//! What the event loop must do after an update: the side effects screens ask for, as values.

/// What the event loop must do after an update.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    Quit,
    Suspend,
    /// Write the triage session to disk now.
    Save,
    /// Write it within a second (the user is typing).
    SaveSoon,
    /// Write the bundle folder (named `name`) with these contents.
    WriteBundle {
        name: String,
        summary: String,
        json: String,
    },
    /// Copy the text to the clipboard (a new private file if no clipboard can take it).
    Copy {
        text: String,
    },
    /// Find the saved triages about `code` that are still open and hand them to
    /// `App::offer_resume`, which offers them or starts a new triage in `runbook`.
    FindOpen {
        runbook: usize,
        code: u16,
    },
    /// Save the current triage, then open the saved one `id` (locked) and hand it to
    /// `App::resumed`.
    Resume {
        id: String,
    },
}
