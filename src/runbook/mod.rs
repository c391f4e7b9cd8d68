//! Runbooks: the TOML format (`model`), parsing with positions (`parse`), reading files
//! (`load`), layering a team over the default (`merge`) and checking the file added
//! (`validate`), the findings (`diagnostic`), the merged result (`merged`), what a command
//! does (`commands`) and a card as it is read, for every view that shows one (`sheet`), and the default
//! merged ahead of time (`snapshot`), known default timeouts (`timeouts`) and where the
//! escalation's tickets go (`tickets`).

pub mod commands;
pub mod diagnostic;
pub mod load;
pub mod merge;
pub mod merged;
pub mod model;
pub mod parse;
pub mod sheet;
pub mod snapshot;
pub mod tickets;
pub mod timeouts;
mod validate;

pub use diagnostic::{Diagnostic, Severity};
pub use load::{DEFAULT_RUNBOOK, EMBEDDED_NAME, LoadReport, SearchPath, load_paths, load_texts};
pub use merged::{
    BrokenEntry, Card, ComparisonCard, OwnerCard, QuestionCard, ScenarioCard, TeamRunbook, versus,
};
pub use parse::Loaded;
pub use timeouts::TimeoutCard;
