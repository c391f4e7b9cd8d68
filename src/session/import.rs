//! A colleague's escalation bundle made into a session on this machine: `bundle.json` read
//! (earlier bundle and session formats upgraded, newer ones refused), everything in it kept,
//! a fresh id, the import recorded as an event, and what the sender's export redacted counted
//! so every later view can say it stays redacted. Pure: the caller reads the file, passes the
//! clock and saves the session (`Journal::create`).

use std::fmt::Write as _;

use jiff::Timestamp;
use jiff::tz::TimeZone;

use super::events::{Event, EventKind};
use super::migrate::{ReadError, read_value};
use super::model::{Session, new_id};
use crate::export::bundle::BUNDLE_SCHEMA_VERSION;
use crate::export::redact::MARK;

/// The largest `bundle.json` read: far above a real triage (a paste is kept up to 8 MiB), far
/// below what would hurt to hold in memory.
pub const MAX_BUNDLE_BYTES: u64 = 32 * 1024 * 1024;

/// Why `bundle.json` gives no session.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error(
        "bundle.json is {bytes} bytes; bundles over {} MiB are refused, so this is probably not one",
        MAX_BUNDLE_BYTES / (1024 * 1024)
    )]
    TooLarge { bytes: u64 },
    #[error("bundle.json is not an escalation bundle api-triage can read: {0}")]
    Damaged(String),
    #[error(
        "bundle.json was written by a newer api-triage (bundle format {found}; this one reads up \
         to {known}): upgrade api-triage to import it"
    )]
    Newer { found: u32, known: u32 },
    #[error(
        "the session in bundle.json was saved by a newer api-triage (session format {found}; \
         this one reads up to {known}): upgrade api-triage to import it"
    )]
    NewerSession { found: u32, known: u32 },
}

/// What an import made: the session to save, and what the bundle said about itself.
#[derive(Debug, Clone)]
pub struct Imported {
    /// The session, with a new id and the import recorded; not saved yet.
    pub session: Session,
    /// The id the session had on the sender's machine.
    pub original_id: String,
    pub exported_at: Timestamp,
    /// The bundle's format, and the session format it held (both before upgrading).
    pub bundle_version: u32,
    pub session_version: u32,
    /// The runbook the sender's triage followed, by name.
    pub runbook: String,
    /// Whether the sender's export redacted secrets, and how many.
    pub sender_redacted: bool,
    pub secrets_redacted: usize,
    /// Where the redaction mark stands in what was imported.
    pub marks: RedactionMarks,
}

/// Where the redaction mark (`[REDACTED]`) stands in a session: how many times in all its
/// texts, and in how many notes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RedactionMarks {
    pub marks: usize,
    pub notes: usize,
}

/// The import recorded in a session, as its `Imported` event holds it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImportedFrom<'a> {
    pub from: &'a str,
    pub original_id: &'a str,
    pub exported_at: Timestamp,
    pub redacted: usize,
}

/// Takes field `name` out of the bundle's top level, read as a `T`; `None` when it is absent.
fn field<T: serde::de::DeserializeOwned>(
    object: &mut serde_json::Map<String, serde_json::Value>,
    name: &str,
) -> Result<Option<T>, ImportError> {
    object
        .remove(name)
        .map(|value| {
            serde_json::from_value(value)
                .map_err(|e| ImportError::Damaged(format!("its {name} is not valid: {e}")))
        })
        .transpose()
}

/// Reads the text of `bundle.json` into a new session: `from` is the bundle folder's name,
/// `now` and `zone` stamp the import.
pub fn import(
    text: &str,
    from: &str,
    now: Timestamp,
    zone: &TimeZone,
) -> Result<Imported, ImportError> {
    let bytes = text.len() as u64;
    if bytes > MAX_BUNDLE_BYTES {
        return Err(ImportError::TooLarge { bytes });
    }
    let damaged = |e: serde_json::Error| ImportError::Damaged(e.to_string());
    let mut value: serde_json::Value = serde_json::from_str(text).map_err(damaged)?;
    let Some(object) = value.as_object_mut() else {
        return Err(ImportError::Damaged(
            "it is JSON, but not an object".to_owned(),
        ));
    };
    // Read first, so a newer bundle is refused before its new shape can fail to parse.
    let bundle_version = match object.get("schema_version").map(serde_json::Value::as_u64) {
        Some(Some(v)) => u32::try_from(v).unwrap_or(u32::MAX),
        _ => {
            return Err(ImportError::Damaged(
                "no schema_version (a whole number): is this the bundle.json of an export?"
                    .to_owned(),
            ));
        }
    };
    if bundle_version > BUNDLE_SCHEMA_VERSION {
        return Err(ImportError::Newer {
            found: bundle_version,
            known: BUNDLE_SCHEMA_VERSION,
        });
    }
    if bundle_version == 0 {
        return Err(ImportError::Damaged(
            "bundle format 0 does not exist".to_owned(),
        ));
    }
    let missing = |name: &str| ImportError::Damaged(format!("it has no {name}"));
    let exported_at: Timestamp =
        field(object, "exported_at")?.ok_or_else(|| missing("exported_at"))?;
    let sender_redacted: bool = field(object, "redacted")?.unwrap_or(false);
    let secrets_redacted: usize = field(object, "secrets_redacted")?.unwrap_or(0);
    let runbook: String = field(object, "runbook")?.unwrap_or_default();
    let mut inner: serde_json::Value =
        field(object, "session")?.ok_or_else(|| missing("session"))?;
    let Some(fields) = inner.as_object_mut() else {
        return Err(ImportError::Damaged(
            "its session is not an object".to_owned(),
        ));
    };
    // Bundle 1 held a session of format 1; a session that does not say is of its bundle's.
    let session_version = match fields.get("schema_version") {
        None => {
            fields.insert("schema_version".to_owned(), bundle_version.into());
            bundle_version
        }
        Some(v) => v
            .as_u64()
            .map_or(0, |v| u32::try_from(v).unwrap_or(u32::MAX)),
    };
    let mut session = read_value(inner).map_err(|e| match e {
        ReadError::Newer { found, known } => ImportError::NewerSession { found, known },
        ReadError::Damaged(e) => ImportError::Damaged(format!("in its session: {e}")),
    })?;
    session.normalize_texts();
    normalize_labels(&mut session);
    one_line_fields(&mut session);
    keep_indices_in_range(&mut session);
    // Normalised as every text of the session is when it is loaded again.
    let original_id = crate::text::normalize(&std::mem::take(&mut session.id)).into_owned();
    // Named by the moment of the import, so it sorts as the newest session here and its
    // name never comes from the file (an id is a file name).
    session.id = new_id(now, session.code);
    // Open here: the sender's export does not make it exported on this machine.
    session.exported = None;
    let redacted = if sender_redacted { secrets_redacted } else { 0 };
    session.record(
        EventKind::Imported {
            from: crate::text::normalize(from).into_owned(),
            original_id: original_id.clone(),
            exported_at,
            redacted,
        },
        now,
        zone,
    );
    let marks = session.redaction_marks();
    Ok(Imported {
        session,
        original_id,
        exported_at,
        bundle_version,
        session_version,
        runbook: crate::text::normalize(&runbook).into_owned(),
        sender_redacted,
        secrets_redacted: redacted,
        marks,
    })
}

/// Normalises the texts `Session::normalize_texts` leaves alone because the program wrote
/// them (step titles, stamps): a bundle comes from elsewhere, and any of it may be hostile.
fn normalize_labels(session: &mut Session) {
    let clean = |text: &mut String| {
        if let std::borrow::Cow::Owned(clean) = crate::text::normalize(text) {
            *text = clean;
        }
    };
    clean(&mut session.runbook);
    clean(&mut session.runbook_source);
    for step in &mut session.checklist.steps {
        clean(&mut step.title);
        if let Some(how) = &mut step.how {
            clean(how);
        }
    }
    for note in &mut session.notes {
        clean(&mut note.local);
        if let Some(edited) = &mut note.edited {
            clean(&mut edited.local);
        }
        if let Some(run) = &mut note.run {
            clean(&mut run.started.local);
        }
    }
    for event in &mut session.events {
        clean(&mut event.stamp.local);
    }
    for answer in session.interview.answers.values_mut() {
        if let crate::triage::Answer::Choice(id) = answer {
            clean(id);
        }
    }
}

/// The incident's details and the typed answers are one-line fields in the app (a paste into
/// one keeps its first line); a bundle's may hold line breaks, which would start new lines,
/// headings or code blocks in every export quoting them. Each run of them becomes one space.
fn one_line_fields(session: &mut Session) {
    let fold = |text: &mut String| {
        if text.contains('\n') {
            *text = crate::text::one_line(text);
        }
    };
    let incident = &mut session.incident;
    for field in [
        &mut incident.title,
        &mut incident.severity,
        &mut incident.environment,
        &mut incident.endpoint,
        &mut incident.first_seen,
    ] {
        fold(field);
    }
    for answer in session.interview.answers.values_mut() {
        if let crate::triage::Answer::Text(text) = answer {
            fold(text);
        }
    }
}

/// Drops what points past the end of its list (a mark on note 9 of 3, a draft editing a note
/// that is not there): a hand-edited or damaged bundle must not send the app out of range.
fn keep_indices_in_range(session: &mut Session) {
    let notes = session.notes.len();
    let pair = &mut session.good_vs_failing;
    pair.good = pair.good.filter(|i| *i < notes);
    pair.failing = pair.failing.filter(|i| *i < notes);
    if pair.good.is_some() && pair.good == pair.failing {
        pair.failing = None;
    }
    let steps = session.checklist.steps.len();
    if let Some(draft) = &mut session.draft {
        draft.editing = draft.editing.filter(|i| *i < notes);
        // Its text is kept, about the incident, when the step it was for is not there.
        if matches!(draft.target, super::model::NoteTarget::Step(i) if i >= steps) {
            draft.target = super::model::NoteTarget::Incident;
        }
    }
    session.selected_step = session.selected_step.min(steps.saturating_sub(1));
}

impl Session {
    /// Where the redaction mark stands in the session's texts.
    pub fn redaction_marks(&self) -> RedactionMarks {
        let mut marks = 0;
        // `for_each_text` is the one list of texts; it visits them mutably, so on a copy.
        self.clone()
            .for_each_text(|text| marks += text.matches(MARK).count());
        let notes = self
            .notes
            .iter()
            .filter(|note| note.text.contains(MARK))
            .count();
        RedactionMarks { marks, notes }
    }

    /// The last import of this session from a bundle, when it was made from one.
    pub fn imported_from(&self) -> Option<ImportedFrom<'_>> {
        self.events
            .iter()
            .rev()
            .find_map(|Event { what, .. }| match what {
                EventKind::Imported {
                    from,
                    original_id,
                    exported_at,
                    redacted,
                } => Some(ImportedFrom {
                    from,
                    original_id,
                    exported_at: *exported_at,
                    redacted: *redacted,
                }),
                _ => None,
            })
    }

    /// What the summary and the hand-off say of an imported session: where it came from, and
    /// that what the sender redacted stays redacted. `None` when it was not imported.
    pub fn import_line(&self) -> Option<String> {
        let from = self.imported_from()?;
        Some(format!(
            "from bundle {} (session {}, exported {} UTC); {}",
            from.from,
            from.original_id,
            from.exported_at.strftime("%Y-%m-%d %H:%M"),
            self.redaction_kept()?
        ))
    }

    /// "3 values the sender redacted stay redacted (marked [REDACTED] in 2 notes)", or that
    /// the sender's export redacted nothing; `None` when the session was not imported.
    pub fn redaction_kept(&self) -> Option<String> {
        let from = self.imported_from()?;
        let marks = self.redaction_marks();
        // The sender's count; a bundle that does not give one still shows its marks.
        let n = if from.redacted > 0 {
            from.redacted
        } else {
            marks.marks
        };
        let mut line = match n {
            0 => return Some("the sender's export redacted nothing".to_owned()),
            1 => format!("1 value the sender redacted stays redacted (marked {MARK}"),
            n => format!("{n} values the sender redacted stay redacted (marked {MARK}"),
        };
        match marks.notes {
            0 => line.push(')'),
            1 => line.push_str(" in 1 note)"),
            notes => {
                let _ = write!(line, " in {notes} notes)");
            }
        }
        Some(line)
    }
}

#[cfg(test)]
mod tests;
