//! Triage sessions: the saved model (`model`), files of earlier schema versions (`migrate`),
//! the crash-safe journal on disk (`journal`), the notes marked good and failing with
//! their comparison (`pair`), and the alerts pasted in (`alert`).

mod alert;
pub mod journal;
mod known;
mod logs;
pub mod migrate;
pub mod model;
pub mod pair;
pub mod run;

pub use journal::{Journal, JournalError, Lock, State, Summary, default_dir};
pub use model::{Draft, EvidenceReading, Incident, Note, NoteEvidence, NoteTarget, Session, Stage};
pub use pair::{Mark, Pair};
