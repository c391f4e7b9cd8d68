//! The guided triage: the interview (`interview`), the checklist it leads to (`checklist`) and
//! the ranking of causes and comparisons by the answers (`ranking`). Pure: no I/O, no clock,
//! no terminal.

pub mod checklist;
pub mod interview;
pub mod placeholders;
pub mod ranking;

pub use checklist::{Checklist, Outcome, Step, StepKind};
pub use interview::{Answer, AnswerError, Interview};
pub use ranking::{
    NextStep, RankedCause, SuggestedComparison, comparisons_for, most_likely, next_steps,
    rank_causes, tests_cause,
};
