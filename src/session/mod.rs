//! Triage sessions: the saved model (`model`), files of earlier schema versions (`migrate`)
//! and the crash-safe journal on disk (`journal`).

pub mod journal;
mod known;
pub mod migrate;
pub mod model;
pub mod run;

pub use journal::{Journal, JournalError, Lock, State, Summary, default_dir};
pub use model::{Draft, EvidenceReading, Incident, Note, NoteEvidence, NoteTarget, Session, Stage};
