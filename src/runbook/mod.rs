//! Runbooks: the TOML format (`model`), reading files (`load`), parsing with positions
//! (`parse`), layering a team over the default with its checks (`merge`), the findings
//! (`diagnostic`), the merged result (`merged`) and what a command does (`commands`).

pub mod commands;
pub mod diagnostic;
pub mod load;
pub mod merge;
pub mod merged;
pub mod model;
pub mod parse;

pub use diagnostic::{Diagnostic, Severity};
pub use load::{DEFAULT_RUNBOOK, LoadReport, SearchPath, load_paths, load_texts};
pub use merge::{EMBEDDED_NAME, Loaded};
pub use merged::{Card, ComparisonCard, OwnerCard, QuestionCard, ScenarioCard, TeamRunbook};
