//! An alert pasted or piped into a triage: kept with its note, it fills the incident's title,
//! severity, environment, first-seen time and endpoint, and pre-answers the interview's
//! service and code, each only where the engineer has written nothing.

use super::model::{Note, Session};
use crate::evidence::alerts::Alert;
use crate::triage::Answer;

impl Session {
    /// Fills what the alert read from note `index` names and nobody has written yet, and
    /// returns its evidence line. Read by `read_evidence`, the one reading of a note.
    pub(super) fn take_alert(&mut self, index: usize) -> Option<String> {
        let note = self.notes.get(index)?;
        let alert = note.alert.clone()?;
        let read_at = note.at;
        let source = format!(
            "the {} in the note at {}",
            alert.source.what(),
            note.elapsed_label()
        );
        let incident = &mut self.incident;
        for (field, value) in [
            (&mut incident.title, Some(alert.title())),
            (&mut incident.severity, alert.incident_severity.clone()),
            (&mut incident.environment, alert.environment.clone()),
            (&mut incident.first_seen, alert.first_seen()),
            (&mut incident.endpoint, alert.service.clone()),
        ] {
            if let Some(value) = value
                && field.trim().is_empty()
            {
                *field = value;
            }
        }
        if let Some(service) = &alert.service {
            self.interview
                .pre_answer("service", Answer::Text(service.clone()), &source);
        }
        if let Some(code) = alert.code {
            self.interview
                .pre_answer("code", Answer::Code(code), &source);
            if self.code.is_none() {
                self.code = Some(code);
            }
        }
        Some(alert.line(read_at))
    }

    /// The alerts read from the notes that still count (not struck), oldest first: the
    /// summary names the first.
    pub fn alerts(&self) -> impl Iterator<Item = (&Note, &Alert)> {
        self.live_notes()
            .filter_map(|note| note.alert.as_ref().map(|alert| (note, alert)))
    }
}

#[cfg(test)]
mod tests {
    use jiff::Timestamp;
    use jiff::tz::TimeZone;

    use crate::session::{NoteTarget, Session};
    use crate::triage::Answer;

    const ALERTMANAGER: &str = include_str!("../../tests/fixtures/alerts/alertmanager.json");

    fn at(text: &str) -> Timestamp {
        text.parse().unwrap()
    }

    fn paste(s: &mut Session, text: &str) -> Option<String> {
        s.add_evidence_note(
            NoteTarget::Incident,
            text,
            at("2026-11-23T09:00:12Z"),
            &TimeZone::UTC,
            crate::evidence::token::Expected::default(),
        )
    }

    #[test]
    fn an_alert_fills_what_is_empty_and_pre_answers_service_and_code() {
        let mut s = Session::new(at("2026-11-23T09:00:00Z"), "D", "d", &[], None);
        let line = paste(&mut s, ALERTMANAGER).unwrap();
        assert!(
            line.starts_with("Alertmanager alert firing: OrdersHigh5xx"),
            "{line}"
        );
        let note = &s.notes[0];
        assert_eq!(note.evidence, None, "no response in it");
        assert_eq!(note.evidence_line().as_deref(), Some(line.as_str()));
        assert_eq!(s.incident.title, "OrdersHigh5xx (2 alerts)");
        assert_eq!(s.incident.severity, "SEV1");
        assert_eq!(s.incident.environment, "prod");
        assert_eq!(s.incident.first_seen, "2026-12-03 02:40 UTC");
        assert_eq!(s.incident.endpoint, "orders-api");
        assert_eq!(s.code, Some(502));
        assert_eq!(s.interview.answers.get("code"), Some(&Answer::Code(502)));
        assert_eq!(
            s.interview.source("code"),
            Some("the Alertmanager alert in the note at T+00:12")
        );
        assert_eq!(
            s.interview.answers.get("service"),
            Some(&Answer::Text("orders-api".into()))
        );
        assert_eq!(s.alerts().count(), 1);
        let json = serde_json::to_string(&s).unwrap();
        assert_eq!(serde_json::from_str::<Session>(&json).unwrap(), s);
        // Struck, it is no longer the session's alert.
        s.toggle_struck(0, at("2026-11-23T09:01:00Z"));
        assert_eq!(s.alerts().count(), 0);
    }

    #[test]
    fn the_engineer_is_never_overruled() {
        let mut s = Session::new(at("2026-11-23T09:00:00Z"), "D", "d", &[], None);
        s.incident.title = "Checkout down for EU".into();
        s.incident.severity = "SEV2".into();
        s.interview.answers.insert("code".into(), Answer::Code(504));
        paste(&mut s, ALERTMANAGER);
        assert_eq!(s.incident.title, "Checkout down for EU");
        assert_eq!(s.incident.severity, "SEV2");
        assert_eq!(s.incident.environment, "prod", "empty: filled");
        assert_eq!(s.interview.answers.get("code"), Some(&Answer::Code(504)));
        assert_eq!(s.interview.source("code"), None);
    }

    #[test]
    fn corrected_into_a_response_the_note_drops_its_alert() {
        let mut s = Session::new(at("2026-11-23T09:00:00Z"), "D", "d", &[], None);
        paste(&mut s, ALERTMANAGER);
        s.edit_note(
            0,
            "< HTTP/1.1 503 Service Unavailable\n< Server: nginx\n<\n",
            at("2026-11-23T09:02:00Z"),
            &TimeZone::UTC,
            crate::evidence::token::Expected::default(),
        );
        assert_eq!(s.notes[0].alert, None);
        assert!(s.notes[0].evidence.is_some());
    }
}
