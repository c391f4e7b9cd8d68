//! An access log read into the triage: its compact account kept as a note, and what it says
//! answering what the engineer has not (how widespread, since when), never overruling them.

use jiff::Timestamp;
use jiff::tz::TimeZone;

use super::model::{NoteTarget, Session};
use crate::evidence::logs::Picture;
use crate::triage::Answer;

/// The first words of a log's note, which tell it from other notes.
const LOG_NOTE_START: &str = "Access log: ";

/// Whether a note is the account of an access log read into the triage.
pub(super) fn is_log_note(note: &super::Note) -> bool {
    note.text.starts_with(LOG_NOTE_START) && note.text.contains("\n(read from ")
}

impl Session {
    /// Keeps the log's account as a note and lets it answer the spread question and the
    /// incident's first-seen time where nothing was given yet. Returns the line to show.
    pub fn add_log_note(
        &mut self,
        name: &str,
        picture: &Picture,
        at: Timestamp,
        zone: &TimeZone,
    ) -> String {
        let report = picture.report();
        let text = format!("{}\n(read from {name})", report.compact());
        self.add_note(NoteTarget::Incident, &text, at, zone);
        let stamp = self
            .notes
            .last()
            .map(super::Note::elapsed_label)
            .unwrap_or_default();
        let source = format!("the access log read at {stamp}");
        if let Some((choice, why)) = picture.spread_answer() {
            self.interview.pre_answer(
                "spread",
                Answer::Choice(choice.to_owned()),
                &format!("{source}: {why}"),
            );
        }
        if self.incident.first_seen.trim().is_empty()
            && let Some(onset) = &report.onset
            && !onset.at_log_start
        {
            self.incident.first_seen = format!("{} (first bad minute in {name})", onset.label);
        }
        self.updated = at;
        match &report.widespread {
            Some(spread) => format!("Access log read: {spread}"),
            None => format!(
                "Access log read: {} lines, no failures stand out",
                report.lines
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::evidence::logs::{Failing, Reader};

    fn picture(bad_route_only: bool) -> Picture {
        let mut reader = Reader::new(None, Failing::ServerErrors);
        for m in 0..20u32 {
            for i in 0..20u32 {
                let path = if i % 2 == 0 {
                    "/v1/checkout"
                } else {
                    "/v1/orders/42"
                };
                let bad = m >= 10 && i % 4 == 0 && (bad_route_only || i % 2 == 0);
                let status = if bad { 502 } else { 200 };
                reader.line(format!("10.0.0.{} - - [03/Dec/2026:02:{:02}:{:02} +0000] \"GET {path} HTTP/1.1\" {status} 1 \"-\" \"x\"", i % 5, 30 + m, i).as_bytes());
            }
        }
        reader.finish()
    }

    #[test]
    fn a_log_answers_spread_and_first_seen_but_never_over_the_engineer() {
        let start: Timestamp = "2026-12-03T02:55:00Z".parse().unwrap();
        let mut s = Session::new(start, "default", "embedded", &[], Some(502));
        let line = s.add_log_note("access.log", &picture(true), start, &TimeZone::UTC);
        assert!(line.contains("/v1/checkout"), "{line}");
        assert_eq!(
            s.incident.first_seen,
            "2026-12-03 02:40 UTC (first bad minute in access.log)"
        );
        assert!(s.notes[0].text.starts_with("Access log: 400 lines"));
        assert!(
            s.notes[0]
                .text
                .contains("First bad minute: 2026-12-03 02:40 UTC")
        );
        // The engineer's own first-seen stays.
        let mut mine = Session::new(start, "default", "embedded", &[], Some(502));
        mine.incident.first_seen = "02:38 UTC, from the alert".into();
        mine.add_log_note("access.log", &picture(true), start, &TimeZone::UTC);
        assert_eq!(mine.incident.first_seen, "02:38 UTC, from the alert");
    }

    #[test]
    fn one_route_failing_reads_as_one_endpoint() {
        assert_eq!(
            picture(true).spread_answer().map(|a| a.0),
            Some("one-endpoint")
        );
    }
}
