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
        files: Vec<crate::export::bundle::BundleFile>,
    },
    /// Copy the text to the clipboard (a new private file if no clipboard can take it).
    Copy {
        text: String,
        what: Copying,
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
    /// Start running `command` through the shell (the run screen `id` shows it).
    StartRun {
        id: u64,
        command: String,
        timeout_seconds: u32,
    },
    /// Stop the run `id` and everything it started.
    StopRun {
        id: u64,
    },
    /// Read the access log at `path` in the background (the logs screen `id` shows it).
    ReadLog {
        id: u64,
        path: String,
    },
    /// Stop reading the log of the logs screen `id`.
    StopLog {
        id: u64,
    },
}

/// What a copy holds: named on the status line ("Command of step 4 copied to the clipboard")
/// and in the name of the file it lands in when no clipboard takes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Copying {
    /// The escalation summary.
    Summary,
    /// A `how` command, `of` a place on a card or a checklist step ("place 2", "step 4").
    Command { of: String },
    /// A stakeholder status update, as copied (redacted), and the time its "next update" line
    /// promised: kept in the timeline, the countdown counting to it.
    Update {
        text: String,
        due: Option<jiff::Timestamp>,
    },
    /// The hand-off summary for the next responder, as copied: kept in the timeline.
    HandOff { text: String },
    /// The timeline (as filtered) as a Markdown table.
    Timeline,
}

impl Copying {
    /// How the status line names it, at the start of a sentence.
    pub fn label(&self) -> String {
        match self {
            Copying::Summary => "Summary".to_owned(),
            Copying::Command { of } => format!("Command of {of}"),
            Copying::Update { .. } => "Status update".to_owned(),
            Copying::HandOff { .. } => "Hand-off".to_owned(),
            Copying::Timeline => "Timeline".to_owned(),
        }
    }

    /// What the timeline keeps of the copy, `description` saying where it went; commands are
    /// not kept (their runs are).
    pub fn event(&self, description: &str) -> Option<crate::session::EventKind> {
        use crate::session::EventKind;
        match self {
            Copying::Summary => Some(EventKind::Copied {
                what: format!("{} {description}", self.label()),
            }),
            Copying::Command { .. } | Copying::Timeline => None,
            Copying::Update { text, due } => Some(EventKind::Update {
                text: text.clone(),
                due: *due,
            }),
            Copying::HandOff { text } => Some(EventKind::HandOff { text: text.clone() }),
        }
    }

    /// The file name's start and extension when it is written to a file.
    pub fn file(&self) -> (&'static str, &'static str) {
        match self {
            Copying::Summary => ("summary", "md"),
            Copying::Command { .. } => ("command", "txt"),
            Copying::Update { .. } => ("status-update", "md"),
            Copying::HandOff { .. } => ("hand-off", "md"),
            Copying::Timeline => ("timeline", "md"),
        }
    }
}
