//! The key table itself, as data: every binding, in files by what the keys are for, and the
//! groups of screens they apply to; the lookups that read it live in the parent module.

use super::{Binding, Context};

use Context::{
    Card, Checklist, Compare, Diff, Draft, Export, Help, InterviewChoice, InterviewInput, Logs,
    Matrix, Notes, Problems, Resume, RunDone, Running, Scenarios, Searching, Timeline, Triage,
};

const BROWSE: &[Context] = &[
    Matrix, Card, Compare, Scenarios, Triage, Problems, Checklist, Export, Notes, Resume, Diff,
    Running, RunDone, Logs, Timeline, Draft,
];
/// Where `g` and `G` go to the top and the bottom: every browsing screen and the help.
const ENDS: &[Context] = &[
    Matrix, Card, Compare, Scenarios, Triage, Problems, Checklist, Export, Notes, Resume, Diff,
    Help, Running, RunDone, Logs, Timeline, Draft,
];
const LISTS: &[Context] = &[
    Matrix, Card, Compare, Scenarios, Problems, Searching, Checklist, Export, Notes, Diff, Help,
    Running, RunDone, Logs, Timeline, Draft,
];
const TRIAGE: &[Context] = &[InterviewChoice, InterviewInput, Checklist];

mod leaving;
mod moving;
mod notes_and_matrix;
mod sharing;
mod triage;

/// The key table in the order the help overlay lists it: the files' bindings one after the
/// other. The first binding of a key in a context is the one that acts.
const GROUPS: &[&[Binding]] = &[
    moving::BINDINGS,
    triage::BINDINGS,
    sharing::BINDINGS,
    notes_and_matrix::BINDINGS,
    leaving::BINDINGS,
];

/// Every binding, in table order.
pub fn all() -> impl Iterator<Item = &'static Binding> {
    GROUPS.iter().flat_map(|group| group.iter())
}
