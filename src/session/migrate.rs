//! Session files of every schema version read into today's `Session`, and newer ones refused:
//! a file from a later api-triage is never read with what it added dropped. Version 1 kept a
//! note's evidence as the line it showed; that line becomes a reading again by reading the
//! note's own text at the note's time, and is kept only when the reading shows the very same
//! line. The token check of that day also used the runbook's expectations, which the file does
//! not record, so a line today's reader does not reproduce stays as it was shown. Version 3
//! only added marks (a note edited or struck, a draft that edits a note) whose absence means
//! what version 2 meant, so a version 2 file reads as it is. Pure.

use serde::Deserialize;

use super::model::{EvidenceReading, NoteEvidence, SCHEMA_VERSION, Session};
use crate::evidence::analysis::analyze;

/// Why the text of a session file gives no session.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error(transparent)]
    Damaged(#[from] serde_json::Error),
    #[error("saved in session format {found} by a newer api-triage; this one reads up to {known}")]
    Newer { found: u32, known: u32 },
}

/// Reads the text of a session file of any version up to [`SCHEMA_VERSION`], upgraded to it.
pub fn read(text: &str) -> Result<Session, ReadError> {
    /// Read first, so a newer file is refused before its new shape can fail to parse.
    #[derive(Deserialize)]
    struct Version {
        schema_version: u32,
    }
    let Version { schema_version } = serde_json::from_str(text)?;
    if schema_version > SCHEMA_VERSION {
        return Err(ReadError::Newer {
            found: schema_version,
            known: SCHEMA_VERSION,
        });
    }
    Ok(upgrade(serde_json::from_str(text)?, schema_version))
}

/// [`read`] for a session already parsed as JSON: the one inside an escalation bundle (see
/// `session::import`).
pub fn read_value(value: serde_json::Value) -> Result<Session, ReadError> {
    let schema_version = value
        .get("schema_version")
        .and_then(serde_json::Value::as_u64)
        .map(|v| u32::try_from(v).unwrap_or(u32::MAX));
    let Some(schema_version) = schema_version else {
        return Err(ReadError::Damaged(serde::de::Error::custom(
            "no schema_version (a whole number) in the session",
        )));
    };
    if schema_version > SCHEMA_VERSION {
        return Err(ReadError::Newer {
            found: schema_version,
            known: SCHEMA_VERSION,
        });
    }
    Ok(upgrade(serde_json::from_value(value)?, schema_version))
}

/// A session read in the shape of today, brought up from `schema_version`.
fn upgrade(mut session: Session, schema_version: u32) -> Session {
    if schema_version < 2 {
        read_again_evidence_lines(&mut session);
    }
    session.schema_version = SCHEMA_VERSION;
    session
}

/// Version 1 to 2: each evidence line becomes the reading it was made from, when reading the
/// note again says exactly the same.
fn read_again_evidence_lines(session: &mut Session) {
    for note in &mut session.notes {
        let Some(NoteEvidence::Legacy(line)) = &note.evidence else {
            continue;
        };
        // The file does not say what the runbook expected of a token that day, so the note is
        // read without expectations: a line whose token finding came from them is not said
        // again, and stays.
        let reading = EvidenceReading::of(&analyze(&note.text, note.at));
        let line = in_todays_words(line);
        if let Some(reading) = reading.filter(|r| r.line() == line) {
            note.evidence = Some(NoteEvidence::Reading(reading));
        }
    }
}

/// A line of an earlier release in the words today's reader uses for the same finding, so
/// rewording a reason does not keep an old line from becoming a reading again.
fn in_todays_words(line: &str) -> String {
    // Up to this release: "error page with a nginx signature".
    let mut out = String::new();
    let mut rest = line;
    while let Some(start) = rest.find("error page with a ") {
        let after = &rest[start + "error page with a ".len()..];
        let Some(end) = after.find(" signature") else {
            break;
        };
        out.push_str(&rest[..start]);
        out.push_str("error page in the style of ");
        out.push_str(&after[..end]);
        rest = &after[end + " signature".len()..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::model::NoteTarget;
    use jiff::tz::TimeZone;

    const NGINX_502: &str = "< HTTP/1.1 502 Bad Gateway\n< Server: nginx/1.22.1\n<\n\
                             <html><hr><center>nginx/1.22.1</center></html>";

    /// A session with one note holding an nginx 502 page.
    fn with_an_nginx_note() -> Session {
        let mut session =
            Session::new("2026-11-23T09:00:00Z".parse().unwrap(), "D", "d", &[], None);
        session.add_note(
            NoteTarget::Incident,
            NGINX_502,
            "2026-11-23T09:01:00Z".parse().unwrap(),
            &TimeZone::UTC,
        );
        session
    }

    /// A session as version 1 saved it: the evidence of each note as its line.
    fn v1_with_evidence(line: &str) -> String {
        let mut session = with_an_nginx_note();
        session.notes[0].evidence = Some(NoteEvidence::Legacy(line.to_owned()));
        session.schema_version = 1;
        serde_json::to_string(&session).unwrap()
    }

    #[test]
    fn a_v1_line_the_reader_says_again_becomes_the_reading() {
        let line = "502 from a reverse proxy or gateway (nginx): error page with a nginx signature";
        let session = read(&v1_with_evidence(line)).unwrap();
        assert_eq!(session.schema_version, SCHEMA_VERSION);
        match &session.notes[0].evidence {
            Some(NoteEvidence::Reading(reading)) => {
                assert_eq!(reading.status, 502);
                assert_eq!(reading.returned_by.product.as_deref(), Some("nginx"));
                assert_eq!(reading.line(), in_todays_words(line));
                assert!(reading.line().ends_with("error page in the style of nginx"));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_v1_line_the_reader_does_not_say_again_is_kept_as_shown() {
        let line = "502 from a reverse proxy or gateway (nginx): error page with a nginx \
                    signature; token audience api://orders, but this API expects api://payments";
        let session = read(&v1_with_evidence(line)).unwrap();
        assert_eq!(
            session.notes[0].evidence,
            Some(NoteEvidence::Legacy(line.to_owned()))
        );
        assert_eq!(session.notes[0].evidence_line().as_deref(), Some(line));
    }

    #[test]
    fn a_newer_file_is_refused_and_a_damaged_one_reported_where_it_breaks() {
        let later = SCHEMA_VERSION + 1;
        let newer = v1_with_evidence("x").replace(
            "\"schema_version\":1",
            &format!("\"schema_version\":{later}"),
        );
        let err = read(&newer).unwrap_err();
        assert!(
            matches!(err, ReadError::Newer { found, known } if found == later && known == SCHEMA_VERSION),
            "{err}"
        );
        let damaged = read("{\n  \"schema_version\": 3,\n  \"notes\": [\n").unwrap_err();
        let ReadError::Damaged(e) = damaged else {
            panic!("{damaged:?}");
        };
        assert_eq!(e.line(), 4);
    }

    #[test]
    fn a_v2_file_reads_as_it_is_with_no_note_edited_or_struck() {
        let mut session = with_an_nginx_note();
        session.schema_version = 2;
        let read_back = read(&serde_json::to_string(&session).unwrap()).unwrap();
        assert_eq!(read_back.schema_version, SCHEMA_VERSION);
        assert!(!read_back.notes[0].struck);
        assert_eq!(read_back.notes[0].edited, None);
        assert_eq!(read_back.notes, session.notes);
    }

    /// The files earlier releases wrote (`tests/fixtures/sessions`) know nothing of timing or
    /// of good and failing marks: they read with none, and every note as it was.
    #[test]
    fn files_from_before_timing_and_marks_read_with_none() {
        for text in [
            include_str!("../../tests/fixtures/sessions/v2-502-payments.json"),
            include_str!("../../tests/fixtures/sessions/v3-502-payments.json"),
        ] {
            let session = read(text).unwrap();
            assert!(session.good_vs_failing.is_empty());
            assert!(session.notes.iter().all(|n| n.timing.is_none()));
            let again = serde_json::to_string(&session).unwrap();
            assert!(
                !again.contains("good_vs_failing") && !again.contains("\"timing\""),
                "saved back as it was"
            );
        }
    }
}
