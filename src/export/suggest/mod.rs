//! Runbook suggestions at export: what the owning team's runbook should have said, read from
//! the redacted triage: a cause the card did not list (with a check that tests it), a place
//! to look or a check that deserves to come first, evidence worth asking for, and the
//! known-good request whose comparison settled the case. Each one says why and cites the step
//! or note it comes from. `snippet` writes them as TOML for the team's file, `read` reads such
//! a file back and `merge` gathers several for one runbook review (`api-triage suggest`).
//! Pure: no clock, no filesystem.

pub mod merge;
pub mod read;
pub mod snippet;
#[cfg(test)]
mod tests;

use serde::Serialize;

use super::Prepared;
use crate::evidence::compare::Part;
use crate::runbook::merged::CauseCard;
use crate::runbook::model::{Example, ExampleKind, LookFirst, Need, StatusCode};
use crate::runbook::{Card, TeamRunbook};
use crate::session::{EventKind, Note, NoteEvidence, NoteTarget, Session, model::elapsed_label};
use crate::triage::{Outcome, Step, StepKind, tests_cause};

/// The bundle's file of suggestions, which `api-triage suggest` reads back.
pub const FILE_NAME: &str = "runbook-suggestion.toml";

/// What a suggestion proposes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// A cause the card does not list, from a step marked "found it".
    NewCause,
    /// The check that tests that new cause, so the ranking can tie them.
    NewCheck,
    /// A later place to look moved first: it found the cause after the earlier ones did not.
    MovePlace,
    /// A check moved first among the checks: it found the cause.
    MoveCheck,
    /// Evidence the card's `needs` do not ask for, that the step which found it held.
    AddNeed,
    /// The known-good request of the good-vs-failing pair that settled the case.
    AddExample,
    /// A note, not a change: a need the escalation still lacked at export.
    MissingNeed,
    /// A note, not a change: the pair's differences, when the good note holds no request.
    Comparison,
}

impl Kind {
    pub const ALL: [Kind; 8] = [
        Kind::NewCause,
        Kind::NewCheck,
        Kind::MovePlace,
        Kind::MoveCheck,
        Kind::AddNeed,
        Kind::AddExample,
        Kind::MissingNeed,
        Kind::Comparison,
    ];

    /// The word in the TOML comments and the JSON: `new-cause`, `move-place`...
    pub fn word(self) -> &'static str {
        match self {
            Kind::NewCause => "new-cause",
            Kind::NewCheck => "new-check",
            Kind::MovePlace => "move-place",
            Kind::MoveCheck => "move-check",
            Kind::AddNeed => "add-need",
            Kind::AddExample => "add-example",
            Kind::MissingNeed => "missing-need",
            Kind::Comparison => "comparison",
        }
    }

    pub fn from_word(word: &str) -> Option<Kind> {
        Self::ALL.into_iter().find(|k| k.word() == word)
    }

    /// The card field it changes; `None` for a note, which changes nothing by itself.
    pub fn field(self) -> Option<Field> {
        match self {
            Kind::NewCause => Some(Field::Causes),
            Kind::NewCheck | Kind::MoveCheck => Some(Field::Checks),
            Kind::MovePlace => Some(Field::LookFirst),
            Kind::AddNeed => Some(Field::Needs),
            Kind::AddExample => Some(Field::Examples),
            Kind::MissingNeed | Kind::Comparison => None,
        }
    }

    /// Whether it moves an item the field has rather than adding one.
    pub fn moves(self) -> bool {
        matches!(self, Kind::MovePlace | Kind::MoveCheck)
    }
}

/// A field of a code entry that a suggestion can change, in the runbook format's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    LookFirst,
    Causes,
    Checks,
    Needs,
    Examples,
}

impl Field {
    pub const ALL: [Field; 5] = [
        Field::LookFirst,
        Field::Causes,
        Field::Checks,
        Field::Needs,
        Field::Examples,
    ];

    /// The key in a `[codes.N]` table.
    pub fn key(self) -> &'static str {
        match self {
            Field::LookFirst => "look_first",
            Field::Causes => "causes",
            Field::Checks => "checks",
            Field::Needs => "needs",
            Field::Examples => "examples",
        }
    }

    /// What the card holds in this field now, item by item.
    pub fn items_of(self, card: &Card) -> Vec<Item> {
        match self {
            Field::LookFirst => card.look_first.iter().cloned().map(Item::Place).collect(),
            Field::Causes => card.causes.iter().cloned().map(Item::Cause).collect(),
            Field::Checks => card.checks.iter().cloned().map(Item::Check).collect(),
            Field::Needs => card.needs.iter().copied().map(Item::Need).collect(),
            Field::Examples => card.examples.iter().cloned().map(Item::Example).collect(),
        }
    }
}

/// One item of a field, as the runbook format has it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Item {
    Place(LookFirst),
    Cause(CauseCard),
    Check(String),
    Need(Need),
    Example(Example),
}

impl Item {
    /// Whether the item belongs in `field`.
    pub fn fits(&self, field: Field) -> bool {
        matches!(
            (self, field),
            (Item::Place(_), Field::LookFirst)
                | (Item::Cause(_), Field::Causes)
                | (Item::Check(_), Field::Checks)
                | (Item::Need(_), Field::Needs)
                | (Item::Example(_), Field::Examples)
        )
    }
}

/// One proposal for the runbook, with why, citing the step or note it comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Suggestion {
    pub code: u16,
    pub kind: Kind,
    /// What goes into the field (the new cause, the place moved up...); for a note, the need
    /// it is about, when it is about one.
    pub item: Option<Item>,
    /// One line: what happened in the triage (step number, note stamp `T+mm:ss`) and so what.
    pub why: String,
}

/// The bundle's `runbook-suggestion.toml` for these suggestions: the snippet for the team
/// file of `runbook` (the runbook that answers for the code), or one comment line saying there
/// is nothing to propose.
pub fn render(prepared: &Prepared, runbook: &TeamRunbook, suggestions: &[Suggestion]) -> String {
    let session = &prepared.session;
    let Some((code, card)) = session
        .code(&runbook.interview)
        .and_then(|code| Some((code, runbook.card(code)?)))
    else {
        return snippet::comment_line(&format!(
            "Nothing to propose: triage {} named no status code that {} has a card for.",
            session.id, runbook.source
        ));
    };
    if suggestions.is_empty() {
        return snippet::comment_line(&format!(
            "Nothing to propose for {} from triage {} of {code}: no step found a cause the \
             card lacks or came late, no need was missing at export, and no known-good vs \
             failing pair told them apart.",
            runbook.source, session.id
        ));
    }
    let mut about = vec![format!(
        "Runbook suggestions from triage {} of {code} {}{}.",
        session.id,
        card.title,
        match session.incident.title.trim() {
            "" => String::new(),
            title => format!(": \"{title}\""),
        }
    )];
    if let Some(broken) = &card.broken {
        about.push(format!(
            "The team's entry for {} did not load ({}: {}): the fields below start from the \
             default's advice.",
            broken.code,
            broken.location(),
            broken.message
        ));
    }
    snippet::Snippet::of(&runbook.source, &runbook.name, about, &card, suggestions).render()
}

/// What the triage in `prepared` (redacted: findings and notes can quote anything) suggests
/// for the card of its code in `runbook`, the runbook that answers for the code. Empty when
/// there is nothing to say.
pub fn suggestions(prepared: &Prepared, runbook: &TeamRunbook) -> Vec<Suggestion> {
    let session = &prepared.session;
    let Some(code) = session.code(&runbook.interview) else {
        return Vec::new();
    };
    let Some(card) = runbook.card(code) else {
        return Vec::new();
    };
    let triage = Triage {
        session,
        card: &card,
        code,
    };
    let mut out = Vec::new();
    triage.new_causes(&mut out);
    triage.moves(&mut out);
    triage.needs(&prepared.missing, &mut out);
    triage.comparison(runbook, &mut out);
    out
}

/// The session and the card, for the proposals to read.
struct Triage<'a> {
    session: &'a Session,
    card: &'a Card,
    code: u16,
}

impl Triage<'_> {
    fn push(&self, out: &mut Vec<Suggestion>, kind: Kind, item: Option<Item>, why: String) {
        if item.is_some() && out.iter().any(|s| s.kind == kind && s.item == item) {
            return;
        }
        out.push(Suggestion {
            code: self.code,
            kind,
            item,
            why,
        });
    }

    fn steps(&self) -> &[Step] {
        &self.session.checklist.steps
    }

    fn found(&self) -> impl Iterator<Item = (usize, &Step)> {
        self.steps()
            .iter()
            .enumerate()
            .filter(|(_, s)| s.outcome == Outcome::FoundIt)
    }

    /// `step 5 "Read the proxy error text" (found it at T+12:30; notes T+11:02, T+12:10)`: the
    /// step by the number the engineer saw, when it was marked found and the notes on it.
    fn cite(&self, index: usize) -> String {
        let title = self.steps().get(index).map_or("", |s| s.title.as_str());
        let mut said = vec!["found it".to_owned()];
        let marked = self
            .session
            .events
            .iter()
            .rev()
            .find_map(|e| match &e.what {
                EventKind::Step { step, outcome, .. }
                    if *step == index && *outcome == Outcome::FoundIt =>
                {
                    Some(elapsed_label(e.stamp.since_start))
                }
                _ => None,
            });
        if let Some(at) = marked {
            said[0] = format!("found it at {at}");
        }
        let notes: Vec<String> = self.notes_on(index).map(Note::elapsed_label).collect();
        match notes.len() {
            0 => {}
            1 => said.push(format!("note {}", notes[0])),
            _ => said.push(format!("notes {}", notes.join(", "))),
        }
        format!("step {} \"{title}\" ({})", index + 1, said.join("; "))
    }

    fn notes_on(&self, index: usize) -> impl Iterator<Item = &Note> {
        self.session
            .live_notes()
            .filter(move |n| n.target == NoteTarget::Step(index))
    }

    /// 1: a step found it and what it found is no cause the card lists (by the ranking's own
    /// rule for a step testing a cause): the finding as a new cause, and a check that names it
    /// so the next checklist tests it.
    fn new_causes(&self, out: &mut Vec<Suggestion>) {
        for (index, step) in self.found() {
            let finding = step.finding.trim();
            if finding.is_empty() {
                continue;
            }
            let listed = self.card.causes.iter().any(|cause| {
                tests_cause(&step.title, &cause.text)
                    || tests_cause(finding, &cause.text)
                    || cause.text.trim().eq_ignore_ascii_case(finding)
            });
            if listed {
                continue;
            }
            let cite = self.cite(index);
            let cause = CauseCard {
                text: finding.to_owned(),
                when: Vec::new(),
            };
            self.push(
                out,
                Kind::NewCause,
                Some(Item::Cause(cause)),
                format!(
                    "{cite} found \"{finding}\", and no cause the card lists shares its words; \
                     word it for any incident before merging"
                ),
            );
            let check = format!("{}: look for {finding}", step.title.trim_end_matches('.'));
            if !self.card.checks.contains(&check) {
                self.push(
                    out,
                    Kind::NewCheck,
                    Some(Item::Check(check)),
                    format!(
                        "the check for the new cause from step {}: it names what was found, \
                         so the checklist tests that cause next time",
                        index + 1
                    ),
                );
            }
        }
    }

    /// 2: the first step that found it came late: a place to look after places that were
    /// worked without finding anything, or a check.
    fn moves(&self, out: &mut Vec<Suggestion>) {
        let Some((index, step)) = self.found().next() else {
            return;
        };
        let places: Vec<(usize, &Step)> = self
            .steps()
            .iter()
            .enumerate()
            .filter(|(i, s)| s.kind == StepKind::LookFirst && *i != index)
            .collect();
        let worked = |steps: &[(usize, &Step)]| {
            steps
                .iter()
                .map(|(i, s)| format!("step {} {}", i + 1, s.outcome.label()))
                .collect::<Vec<_>>()
                .join(", ")
        };
        match step.kind {
            StepKind::LookFirst => {
                let Some(at) = self
                    .card
                    .look_first
                    .iter()
                    .position(|l| l.what == step.title)
                else {
                    return;
                };
                let earlier: Vec<(usize, &Step)> =
                    places.into_iter().filter(|(i, _)| *i < index).collect();
                let none_found = earlier
                    .iter()
                    .all(|(_, s)| matches!(s.outcome, Outcome::Done | Outcome::RuledOut));
                if at == 0 || earlier.is_empty() || !none_found {
                    return;
                }
                self.push(
                    out,
                    Kind::MovePlace,
                    Some(Item::Place(self.card.look_first[at].clone())),
                    format!(
                        "{} found it, place {} of {}, after {} without finding: the place \
                         that found it goes first",
                        self.cite(index),
                        at + 1,
                        self.card.look_first.len(),
                        worked(&earlier)
                    ),
                );
            }
            StepKind::Check => {
                let Some(at) = self.card.checks.iter().position(|c| *c == step.title) else {
                    return;
                };
                if at == 0 {
                    return;
                }
                let before = if places.is_empty() {
                    String::new()
                } else {
                    format!(" (the places to look: {})", worked(&places))
                };
                self.push(
                    out,
                    Kind::MoveCheck,
                    Some(Item::Check(step.title.clone())),
                    format!(
                        "{} found it, check {} of {}{before}: it goes first among the checks",
                        self.cite(index),
                        at + 1,
                        self.card.checks.len()
                    ),
                );
            }
        }
    }

    /// 3: evidence the step that found it held that the card's `needs` do not ask for (it is
    /// what the owning team will want next time), and, as notes for the review, the needs the
    /// escalation still lacked: worth a place or check that gathers them, or dropping if the
    /// case was solved without them.
    fn needs(&self, missing: &[Need], out: &mut Vec<Suggestion>) {
        for (index, _) in self.found() {
            for note in self.notes_on(index) {
                for need in crate::evidence::needs::detect(&note.text) {
                    if self.card.needs.contains(&need) {
                        continue;
                    }
                    self.push(
                        out,
                        Kind::AddNeed,
                        Some(Item::Need(need)),
                        format!(
                            "the note at {} on step {} (found it) holds {}, which the card's \
                             needs do not ask for: it is the evidence that found the cause",
                            note.elapsed_label(),
                            index + 1,
                            need.label()
                        ),
                    );
                }
            }
        }
        let solved = self
            .found()
            .next()
            .map(|(i, _)| format!("; the cause was found without it (step {})", i + 1))
            .unwrap_or_default();
        for need in missing {
            self.push(
                out,
                Kind::MissingNeed,
                Some(Item::Need(*need)),
                format!(
                    "the escalation left without the {} the card asks for (missing at \
                     export){solved}",
                    need.label()
                ),
            );
        }
    }

    /// 4: the known-good and failing notes differ in more than the status: their comparison
    /// is worth keeping, as the known-good request for the card (its note says what the
    /// failing one differed in), or as a note when the good one holds no request.
    fn comparison(&self, runbook: &TeamRunbook, out: &mut Vec<Suggestion>) {
        let session = self.session;
        let (Some((good, failing)), Some(comparison)) = (
            session.marked_pair(),
            session.good_vs_failing(&runbook.timeouts),
        ) else {
            return;
        };
        // Who answered and how long it took tell most; then headers, then the body.
        let rank = |part: Part| match part {
            Part::Status => None,
            Part::ReturnedBy => Some(0),
            Part::Timing => Some(1),
            Part::Header => Some(2),
            Part::Body => Some(3),
        };
        let mut rows: Vec<(u8, &crate::evidence::compare::Row)> = comparison
            .differences
            .iter()
            .filter_map(|row| Some((rank(row.part)?, row)))
            .collect();
        rows.sort_by_key(|(rank, _)| *rank);
        let telling: Vec<String> = rows.iter().take(3).map(|(_, row)| row.text()).collect();
        if telling.is_empty() {
            return;
        }
        let differences = telling.join("; ");
        let pair = format!(
            "the notes at {} (known good) and {} (failing)",
            good.elapsed_label(),
            failing.elapsed_label()
        );
        let request =
            good.run.as_ref().map(|r| r.command.clone()).or_else(|| {
                crate::evidence::request::find_request(&good.text).map(|r| r.to_curl())
            });
        let status = match &good.evidence {
            Some(NoteEvidence::Reading(reading)) => Some(reading.status),
            _ => crate::evidence::response::parse(&good.text).status,
        };
        let (Some(request), Some(expect)) = (request, status.and_then(StatusCode::new)) else {
            self.push(
                out,
                Kind::Comparison,
                None,
                format!(
                    "{pair} differ in: {differences}; the good note holds no request to keep \
                     as an example, so write that comparison into a check"
                ),
            );
            return;
        };
        if self.card.examples.iter().any(|e| e.request == request) {
            return;
        }
        let example = Example {
            name: format!("known good (triage {})", session.id),
            kind: ExampleKind::Good,
            run: crate::runbook::commands::writes(&request).map(|_| false),
            request,
            expect,
            note: Some(format!("the failing response differed in: {differences}")),
            timeout_seconds: None,
        };
        self.push(
            out,
            Kind::AddExample,
            Some(Item::Example(example)),
            format!(
                "{pair} were compared and differ in: {differences}; keeping the good request \
                 lets the next on-call compare the same way"
            ),
        );
    }
}
