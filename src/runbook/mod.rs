//! Runbooks: the TOML format (`model`), reading files (`load`), parsing with positions
//! (`parse`), layering a team over the default with its checks (`layer`), the findings
//! (`diagnostic`), the merged result (`merged`), what a command does (`commands`) and a card
//! as it is read, for every view that shows one (`sheet`).

pub mod commands;
pub mod diagnostic;
pub mod layer;
pub mod load;
pub mod merged;
pub mod model;
pub mod parse;
pub mod sheet;

pub use diagnostic::{Diagnostic, Severity};
pub use layer::{EMBEDDED_NAME, Loaded};
pub use load::{DEFAULT_RUNBOOK, LoadReport, SearchPath, load_paths, load_texts};
pub use merged::{Card, ComparisonCard, OwnerCard, QuestionCard, ScenarioCard, TeamRunbook};
