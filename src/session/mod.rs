//! Triage sessions: the saved model (`model`) and the crash-safe journal on disk (`journal`).

pub mod journal;
pub mod model;

pub use journal::{Journal, JournalError, Lock, default_dir};
pub use model::{Draft, Incident, Note, NoteTarget, Session, Stage};
