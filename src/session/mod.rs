//! Triage sessions: the saved model (`model`), files of earlier schema versions (`migrate`),
//! the crash-safe journal on disk (`journal`), the notes marked good and failing with
//! their comparison (`pair`), the alerts pasted in (`alert`), what happened when (`events`,
//! the timeline), and a colleague's escalation bundle made into a session (`import`).

mod alert;
pub mod events;
pub mod import;
pub mod journal;
mod known;
mod logs;
pub mod migrate;
pub mod model;
pub mod pair;
pub mod run;

pub use events::{Entry, EntryKind, Event, EventKind};
pub use import::{ImportError, Imported, RedactionMarks, import};
pub use journal::{Journal, JournalError, Lock, State, Summary, default_dir};
pub use model::{Draft, EvidenceReading, Incident, Note, NoteEvidence, NoteTarget, Session, Stage};
pub use pair::{Mark, Pair};
