//! What happened in a triage and when, beyond the notes (which carry their own stamps):
//! answers, step outcomes, exports, status updates, hand-offs and imports, recorded as they
//! happen; and the timeline, the one ordered account of both that the timeline screen and
//! every export read.

use std::collections::BTreeMap;

use jiff::Timestamp;
use jiff::tz::TimeZone;
use serde::{Deserialize, Serialize};

use super::model::{Note, Session, Stamp};
use crate::runbook::QuestionCard;
use crate::triage::{Answer, Interview, Outcome};

/// One recorded moment of the triage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    #[serde(flatten)]
    pub stamp: Stamp,
    #[serde(flatten)]
    pub what: EventKind,
}

/// What happened. Texts are kept as they read when it happened (the option's label, the
/// step's title), so a later runbook change cannot rewrite the record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum EventKind {
    /// An interview question answered, or its answer changed.
    Answered { question: String, answer: String },
    /// An incident detail (title, severity, environment, endpoint, first seen) set or changed.
    Detail { field: String, value: String },
    /// A checklist step's outcome set, with the finding typed for it.
    Step {
        step: usize,
        title: String,
        outcome: Outcome,
        #[serde(default, skip_serializing_if = "String::is_empty")]
        finding: String,
    },
    /// An escalation bundle written (the folder's name, never its full path).
    Exported { folder: String },
    /// The summary copied, and which way it went ("Summary copied to the clipboard").
    Copied { what: String },
    /// A stakeholder status update copied, as it was copied, with the time its "next update"
    /// line promised (the countdown counts to it).
    Update {
        text: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        due: Option<Timestamp>,
    },
    /// A hand-off summary written or copied for the next responder.
    HandOff { text: String },
    /// The session was made on this machine from a colleague's bundle.
    Imported {
        /// The bundle folder's name.
        from: String,
        original_id: String,
        exported_at: Timestamp,
        /// How many values the sender's export had redacted (they stay redacted here).
        redacted: usize,
    },
}

/// The kinds the timeline can be filtered by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntryKind {
    Start,
    Answer,
    Detail,
    Step,
    Note,
    Evidence,
    Run,
    Logs,
    Alert,
    Export,
    Update,
    HandOff,
    Import,
}

impl EntryKind {
    pub const ALL: [EntryKind; 13] = [
        EntryKind::Start,
        EntryKind::Answer,
        EntryKind::Detail,
        EntryKind::Step,
        EntryKind::Note,
        EntryKind::Evidence,
        EntryKind::Run,
        EntryKind::Logs,
        EntryKind::Alert,
        EntryKind::Export,
        EntryKind::Update,
        EntryKind::HandOff,
        EntryKind::Import,
    ];

    /// The word shown in the timeline's kind column and used in its CSV.
    pub fn word(self) -> &'static str {
        match self {
            EntryKind::Start => "start",
            EntryKind::Answer => "answer",
            EntryKind::Detail => "details",
            EntryKind::Step => "step",
            EntryKind::Note => "note",
            EntryKind::Evidence => "evidence",
            EntryKind::Run => "run",
            EntryKind::Logs => "logs",
            EntryKind::Alert => "alert",
            EntryKind::Export => "export",
            EntryKind::Update => "update",
            EntryKind::HandOff => "hand-off",
            EntryKind::Import => "import",
        }
    }
}

/// One line of the timeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub stamp: Stamp,
    pub kind: EntryKind,
    /// One line, as the screen and the exports show it.
    pub line: String,
    /// The note it stands for, when it is one (the screen opens it).
    pub note: Option<usize>,
}

/// What the interview and checklist held before an action, to record what the action changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Before {
    answers: BTreeMap<String, Answer>,
    incident: super::model::Incident,
    steps: Vec<(Outcome, String)>,
}

impl Session {
    /// The answers and step outcomes now, for [`Session::record_changes`] after an action.
    pub fn before(&self) -> Before {
        Before {
            answers: self.interview.answers.clone(),
            incident: self.incident.clone(),
            steps: self
                .checklist
                .steps
                .iter()
                .map(|s| (s.outcome, s.finding.clone()))
                .collect(),
        }
    }

    /// Records, stamped `at`, every answer given or changed and every step outcome or finding
    /// set since `before`. A finding typed for the step whose outcome was the last thing
    /// recorded joins that record instead of making a second one.
    pub fn record_changes(
        &mut self,
        before: &Before,
        questions: &[QuestionCard],
        at: Timestamp,
        zone: &TimeZone,
    ) {
        let mut changes = Vec::new();
        for (id, answer) in &self.interview.answers {
            if before.answers.get(id) != Some(answer) {
                let prompt = questions
                    .iter()
                    .find(|q| &q.id == id)
                    .map_or_else(|| id.clone(), |q| q.prompt.clone());
                let mut answer = Interview::describe(questions, id, answer);
                if answer.trim().is_empty() {
                    "(left empty)".clone_into(&mut answer);
                }
                // An answer the evidence gave, not yet confirmed, says where it came from.
                if let Some(source) = self.interview.sources.get(id) {
                    answer = format!("{answer} (from {source})");
                }
                changes.push(EventKind::Answered {
                    question: prompt,
                    answer,
                });
            }
        }
        let (was, now) = (&before.incident, &self.incident);
        for (field, old, new) in [
            ("title", &was.title, &now.title),
            ("severity", &was.severity, &now.severity),
            ("environment", &was.environment, &now.environment),
            ("endpoint", &was.endpoint, &now.endpoint),
            ("first seen", &was.first_seen, &now.first_seen),
        ] {
            if old != new {
                changes.push(EventKind::Detail {
                    field: field.to_owned(),
                    value: new.clone(),
                });
            }
        }
        for (index, step) in self.checklist.steps.iter().enumerate() {
            let Some((outcome, finding)) = before.steps.get(index) else {
                continue;
            };
            if *outcome == step.outcome && *finding == step.finding {
                continue;
            }
            if *outcome == step.outcome
                && let Some(Event {
                    what:
                        EventKind::Step {
                            step: last,
                            finding: kept,
                            ..
                        },
                    ..
                }) = self.events.last_mut()
                && *last == index
            {
                kept.clone_from(&step.finding);
                continue;
            }
            changes.push(EventKind::Step {
                step: index,
                title: step.title.clone(),
                outcome: step.outcome,
                finding: step.finding.clone(),
            });
        }
        for what in changes {
            self.record(what, at, zone);
        }
    }

    /// Records one event stamped `at`.
    pub fn record(&mut self, what: EventKind, at: Timestamp, zone: &TimeZone) {
        let stamp = Stamp::new(at, zone, self.created);
        self.events.push(Event { stamp, what });
        self.updated = self.updated.max(at);
    }

    /// Every moment of the triage in time order: its start, the recorded events and the
    /// notes (struck ones are left out, as from every export).
    pub fn timeline(&self, zone: &TimeZone) -> Vec<Entry> {
        let mut entries = vec![Entry {
            stamp: Stamp::new(self.created, zone, self.created),
            kind: EntryKind::Start,
            line: match self.code {
                Some(code) => format!("triage started ({code})"),
                None => "triage started".to_owned(),
            },
            note: None,
        }];
        entries.extend(self.events.iter().map(|event| Entry {
            stamp: event.stamp.clone(),
            kind: event.what.kind(),
            line: event.what.line(),
            note: None,
        }));
        for (index, note) in self.notes.iter().enumerate() {
            if note.struck {
                continue;
            }
            entries.push(Entry {
                stamp: Stamp {
                    at: note.at,
                    local: note.local.clone(),
                    since_start: note.since_start,
                },
                kind: note_kind(note),
                line: note_line(note),
                note: Some(index),
            });
        }
        // Stable: what happened in the same second keeps the order it was recorded in.
        entries.sort_by_key(|entry| entry.stamp.at);
        entries
    }

    /// How many status updates were copied, and when the last one was.
    pub fn updates_sent(&self) -> (usize, Option<Timestamp>) {
        let mut sent = self
            .events
            .iter()
            .filter(|e| matches!(e.what, EventKind::Update { .. }));
        let count = sent.clone().count();
        (count, sent.next_back().map(|e| e.stamp.at))
    }

    /// When the next status update is due with one every `minutes`: the time the last one
    /// copied promised, else that long after it, else after the triage started. What the
    /// header's countdown and the reminder read.
    pub fn next_update_due(&self, minutes: u32) -> Timestamp {
        let last = self.events.iter().rev().find_map(|e| match &e.what {
            EventKind::Update { due, .. } => Some((e.stamp.at, *due)),
            _ => None,
        });
        match last {
            Some((_, Some(due))) => due,
            Some((at, None)) => update_due(at, minutes),
            None => update_due(self.created, minutes),
        }
    }

    /// Calls `visit` on every text of the recorded events (for redaction and normalising).
    pub(super) fn for_each_event_text(&mut self, visit: &mut impl FnMut(&mut String)) {
        for event in &mut self.events {
            match &mut event.what {
                EventKind::Answered { question, answer } => {
                    visit(question);
                    visit(answer);
                }
                EventKind::Detail { field, value } => {
                    visit(field);
                    visit(value);
                }
                EventKind::Step { title, finding, .. } => {
                    visit(title);
                    visit(finding);
                }
                EventKind::Exported { folder } => visit(folder),
                EventKind::Copied { what } => visit(what),
                EventKind::Update { text, .. } | EventKind::HandOff { text } => visit(text),
                EventKind::Imported {
                    from, original_id, ..
                } => {
                    visit(from);
                    visit(original_id);
                }
            }
        }
    }
}

impl EventKind {
    pub fn kind(&self) -> EntryKind {
        match self {
            EventKind::Answered { .. } => EntryKind::Answer,
            EventKind::Detail { .. } => EntryKind::Detail,
            EventKind::Step { .. } => EntryKind::Step,
            EventKind::Exported { .. } | EventKind::Copied { .. } => EntryKind::Export,
            EventKind::Update { .. } => EntryKind::Update,
            EventKind::HandOff { .. } => EntryKind::HandOff,
            EventKind::Imported { .. } => EntryKind::Import,
        }
    }

    /// The event in one line.
    pub fn line(&self) -> String {
        match self {
            EventKind::Answered { question, answer } => format!("{question} → {answer}"),
            EventKind::Detail { field, value } if value.trim().is_empty() => {
                format!("{field} cleared")
            }
            EventKind::Detail { field, value } => format!("{field}: {value}"),
            EventKind::Step {
                step,
                title,
                outcome,
                finding,
            } => {
                let mut line = format!(
                    "step {} {}: {title}",
                    step.saturating_add(1),
                    outcome.label()
                );
                if !finding.is_empty() {
                    line.push_str(" — ");
                    line.push_str(finding);
                }
                line
            }
            EventKind::Exported { folder } => format!("escalation bundle written: {folder}"),
            EventKind::Copied { what } => what.clone(),
            EventKind::Update { text, .. } => {
                format!("status update copied: {}", first_line(text))
            }
            EventKind::HandOff { text } => format!("handed off: {}", first_line(text)),
            EventKind::Imported {
                from,
                original_id,
                redacted,
                ..
            } => {
                let values = if *redacted == 1 { "value" } else { "values" };
                format!(
                    "imported from bundle {from} (session {original_id}; {redacted} {values} \
                     redacted by the sender)"
                )
            }
        }
    }
}

/// When the update after one made at `since` is due, with one every `minutes`: to the minute,
/// as the update's "next update by HH:MM" line says it. The one computation of it: the draft's
/// promise and the countdown both come from here.
pub fn update_due(since: Timestamp, minutes: u32) -> Timestamp {
    let due = since
        .checked_add(jiff::SignedDuration::from_mins(i64::from(minutes)))
        .unwrap_or(since);
    let second = due.as_second();
    Timestamp::from_second(second - second.rem_euclid(60)).unwrap_or(due)
}

/// The countdown to a status update `due` at `now`, and whether it is due: "next update in
/// 12 min", "update due now", "update due 3 min ago".
pub fn update_countdown(due: Timestamp, now: Timestamp) -> (String, bool) {
    let left = due.as_second() - now.as_second();
    if left > 0 {
        // Rounded up: "in 1 min" until the very minute it is due.
        (format!("next update in {} min", (left + 59) / 60), false)
    } else if left > -60 {
        ("update due now".to_owned(), true)
    } else {
        (format!("update due {} min ago", -left / 60), true)
    }
}

fn first_line(text: &str) -> &str {
    text.lines()
        .map(str::trim)
        .find(|line| !line.is_empty())
        .unwrap_or("")
}

fn note_kind(note: &Note) -> EntryKind {
    if note.run.is_some() {
        EntryKind::Run
    } else if note.alert.is_some() {
        EntryKind::Alert
    } else if super::logs::is_log_note(note) {
        EntryKind::Logs
    } else if note.evidence.is_some() || note.timing.is_some() {
        EntryKind::Evidence
    } else {
        EntryKind::Note
    }
}

/// A note in one line: what ran, what the evidence reader made of it, or its first line.
fn note_line(note: &Note) -> String {
    let about = note.about();
    if let Some(run) = &note.run {
        return format!("{about}: ran {}", first_line(&run.command));
    }
    if let Some(line) = note.evidence_line() {
        return format!("{about}: {line}");
    }
    format!("{about}: {}", first_line(&note.text))
}

#[cfg(test)]
mod tests;
