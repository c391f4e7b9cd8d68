//! A triage session as saved to disk: the incident, the interview, the checklist, the evidence
//! notes with their times and what the evidence reader made of each (as data), and any note
//! still being written.

use std::collections::BTreeSet;
use std::fmt;

use jiff::Timestamp;
use jiff::tz::TimeZone;
use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};

use crate::evidence::analysis::Analysis;
use crate::evidence::needs::detect;
use crate::evidence::origin::Origin;
use crate::runbook::QuestionCard;
use crate::runbook::model::Need;
use crate::triage::{Answer, Checklist, Interview};

/// Bumped when the file format changes incompatibly; `migrate` reads every earlier version.
/// 2: a note's evidence is the reading as data, no longer its formatted line.
pub const SCHEMA_VERSION: u32 = 2;

/// Which part of the triage the engineer is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    #[default]
    Interview,
    Checklist,
}

/// Free-form facts about the incident.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Incident {
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub severity: String,
    #[serde(default)]
    pub environment: String,
    #[serde(default)]
    pub endpoint: String,
    /// When the failure was first seen, as the engineer writes it.
    #[serde(default)]
    pub first_seen: String,
}

/// What a note is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "step", rename_all = "snake_case")]
pub enum NoteTarget {
    /// The incident as a whole.
    Incident,
    /// One checklist step, by index.
    Step(usize),
}

/// A timestamped evidence note.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Note {
    pub target: NoteTarget,
    /// When it was written, UTC.
    pub at: Timestamp,
    /// The same moment in the engineer's time zone, as shown to them.
    pub local: String,
    /// Seconds since the triage started.
    pub since_start: i64,
    pub text: String,
    /// When the note holds an HTTP response: what the evidence reader made of it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<NoteEvidence>,
}

impl Note {
    /// `T+mm:ss` (or `T+h:mm:ss` after an hour) since the triage started.
    pub fn elapsed_label(&self) -> String {
        elapsed_label(self.since_start)
    }

    /// The evidence line shown under the note, when it holds an HTTP response.
    pub fn evidence_line(&self) -> Option<String> {
        self.evidence.as_ref().map(NoteEvidence::line)
    }
}

/// What the evidence reader made of a note, kept as data: what a later screen or summary needs
/// to say it again, in the reader's own types.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvidenceReading {
    pub status: u16,
    /// The reason phrase the server sent ("Bad Gateway").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    pub returned_by: Origin,
    /// The token check's most serious finding, when the note held a token.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub token_finding: Option<String>,
}

impl EvidenceReading {
    /// The reading of an analysis; `None` when it found no HTTP status to speak of.
    pub fn of(analysis: &Analysis) -> Option<Self> {
        Some(Self {
            status: analysis.status?,
            reason: analysis.reason.clone(),
            returned_by: analysis.returned_by.clone(),
            token_finding: analysis
                .token
                .as_ref()
                .and_then(|token| token.findings.first().cloned()),
        })
    }

    /// The one-line form shown under a note, in the app and in every summary: "502 from a
    /// reverse proxy or gateway (nginx): error page with a nginx signature; token expired".
    pub fn line(&self) -> String {
        let mut line = format!("{} from {}", self.status, self.returned_by.who());
        if let Some(reason) = self.returned_by.reasons.first() {
            line.push_str(": ");
            line.push_str(reason);
        }
        if let Some(finding) = &self.token_finding {
            line.push_str("; token ");
            line.push_str(finding);
        }
        line
    }

    fn for_each_text(&mut self, visit: &mut impl FnMut(&mut String)) {
        let origin = &mut self.returned_by;
        for text in self
            .reason
            .iter_mut()
            .chain(origin.product.iter_mut())
            .chain(origin.reasons.iter_mut())
            .chain(self.token_finding.iter_mut())
        {
            visit(text);
        }
    }
}

/// A note's evidence: the reading, or the line a version 1 file saved when today's reader
/// does not say the same of the note (see `session::migrate`), kept as it was shown. In the
/// file, a reading is an object and a kept line a string, as version 1 wrote it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum NoteEvidence {
    Reading(EvidenceReading),
    Legacy(String),
}

impl NoteEvidence {
    /// The one-line form shown under the note.
    pub fn line(&self) -> String {
        match self {
            NoteEvidence::Reading(reading) => reading.line(),
            NoteEvidence::Legacy(line) => line.clone(),
        }
    }

    fn for_each_text(&mut self, visit: &mut impl FnMut(&mut String)) {
        match self {
            NoteEvidence::Reading(reading) => reading.for_each_text(visit),
            NoteEvidence::Legacy(line) => visit(line),
        }
    }
}

/// By hand rather than `untagged`, so a damaged reading is reported at its own line and
/// column with what is wrong in it, not as "did not match any variant".
impl<'de> Deserialize<'de> for NoteEvidence {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ReadingOrLine;
        impl<'de> Visitor<'de> for ReadingOrLine {
            type Value = NoteEvidence;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an evidence reading, or the evidence line of a version 1 session")
            }

            fn visit_str<E: de::Error>(self, line: &str) -> Result<NoteEvidence, E> {
                Ok(NoteEvidence::Legacy(line.to_owned()))
            }

            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<NoteEvidence, A::Error> {
                EvidenceReading::deserialize(de::value::MapAccessDeserializer::new(map))
                    .map(NoteEvidence::Reading)
            }
        }
        deserializer.deserialize_any(ReadingOrLine)
    }
}

/// `T+mm:ss`, or `T+h:mm:ss` from an hour on.
pub fn elapsed_label(seconds: i64) -> String {
    let s = seconds.max(0);
    if s >= 3600 {
        format!("T+{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
    } else {
        format!("T+{:02}:{:02}", s / 60, s % 60)
    }
}

/// How long ago `then` was at `now`, in the largest whole unit: "just now", "12 min ago",
/// "3 h ago", "2 d ago". For telling sessions apart at a glance, in the app and `sessions`.
pub fn age_label(then: Timestamp, now: Timestamp) -> String {
    let s = (now.as_second() - then.as_second()).max(0);
    match s {
        0..60 => "just now".to_owned(),
        60..3600 => format!("{} min ago", s / 60),
        3600..86_400 => format!("{} h ago", s / 3600),
        _ => format!("{} d ago", s / 86_400),
    }
}

/// A note being written, saved as it is typed so a crash does not lose it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    pub target: NoteTarget,
    pub text: String,
}

/// One triage, from the first question to the escalation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Session {
    pub schema_version: u32,
    pub id: String,
    pub created: Timestamp,
    pub updated: Timestamp,
    /// The runbook the triage follows (its name) and where it came from.
    pub runbook: String,
    pub runbook_source: String,
    /// The status code being triaged, once known.
    #[serde(default)]
    pub code: Option<u16>,
    #[serde(default)]
    pub incident: Incident,
    #[serde(default)]
    pub interview: Interview,
    #[serde(default)]
    pub stage: Stage,
    #[serde(default)]
    pub checklist: Checklist,
    #[serde(default)]
    pub selected_step: usize,
    #[serde(default)]
    pub notes: Vec<Note>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub draft: Option<Draft>,
    /// When an escalation bundle of it was last written: the triage is "exported", no longer
    /// "open", so `t` on its code offers to resume only the open ones. An optional field,
    /// read as absent from earlier files: no new schema version.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exported: Option<Timestamp>,
}

impl Session {
    /// A new session; its id sorts by time and names the code.
    pub fn new(
        created: Timestamp,
        runbook: &str,
        runbook_source: &str,
        questions: &[QuestionCard],
        code: Option<u16>,
    ) -> Self {
        let stamp = created.strftime("%Y%m%d-%H%M%S").to_string();
        let id = match code {
            Some(code) => format!("{stamp}-{code}"),
            None => stamp,
        };
        Self {
            schema_version: SCHEMA_VERSION,
            id,
            created,
            updated: created,
            runbook: runbook.to_owned(),
            runbook_source: runbook_source.to_owned(),
            code,
            incident: Incident::default(),
            interview: Interview::new(questions, code),
            stage: Stage::Interview,
            checklist: Checklist::default(),
            selected_step: 0,
            notes: Vec::new(),
            draft: None,
            exported: None,
        }
    }

    /// The line the evidence reader made of the first note holding a response: what tells two
    /// sessions about the same code apart in a list.
    pub fn first_evidence_line(&self) -> Option<String> {
        self.notes.iter().find_map(Note::evidence_line)
    }

    /// Normalises every text that came from the engineer (see [`crate::text::normalize`]):
    /// sessions saved by earlier versions kept pastes with CR line breaks and escape codes.
    pub fn normalize_texts(&mut self) {
        self.for_each_text(|text| {
            if let std::borrow::Cow::Owned(clean) = crate::text::normalize(text) {
                *text = clean;
            }
        });
    }

    /// Calls `visit` on every text that came from the engineer or a server: each note and
    /// every text of the evidence read from it, the draft, findings, incident fields and typed
    /// answers. The one list of them, so normalising and redacting can never miss different
    /// ones.
    pub fn for_each_text(&mut self, mut visit: impl FnMut(&mut String)) {
        for note in &mut self.notes {
            visit(&mut note.text);
            if let Some(evidence) = &mut note.evidence {
                evidence.for_each_text(&mut visit);
            }
        }
        if let Some(draft) = &mut self.draft {
            visit(&mut draft.text);
        }
        for step in &mut self.checklist.steps {
            visit(&mut step.finding);
        }
        let incident = &mut self.incident;
        for field in [
            &mut incident.title,
            &mut incident.severity,
            &mut incident.environment,
            &mut incident.endpoint,
            &mut incident.first_seen,
        ] {
            visit(field);
        }
        for answer in self.interview.answers.values_mut() {
            if let Answer::Text(text) = answer {
                visit(text);
            }
        }
    }

    /// Adds a note stamped with `at` in UTC, in `zone`, and relative to the start.
    pub fn add_note(&mut self, target: NoteTarget, text: &str, at: Timestamp, zone: &TimeZone) {
        let local = at
            .to_zoned(zone.clone())
            .strftime("%Y-%m-%d %H:%M:%S %Z")
            .to_string();
        self.notes.push(Note {
            target,
            at,
            local,
            since_start: (at.as_second() - self.created.as_second()).max(0),
            // Every way in (paste, pipe, file, typing) ends here: kept normalised.
            text: crate::text::normalize(text).into_owned(),
            evidence: None,
        });
        self.updated = at;
    }

    /// Adds a note and reads it as evidence: a response in it gets a reading, and its status
    /// and generating layer answer the interview where the engineer has not (their own
    /// answers always win). Returns the reading's line.
    pub fn add_evidence_note(
        &mut self,
        target: NoteTarget,
        text: &str,
        at: Timestamp,
        zone: &TimeZone,
        expected: crate::evidence::token::Expected<'_>,
    ) -> Option<String> {
        self.add_note(target, text, at, zone);
        let analysis = crate::evidence::analysis::analyze_expecting(text, at, expected);
        let reading = EvidenceReading::of(&analysis)?;
        for (question, value) in analysis.suggested_answers() {
            let answer = if question == "code" {
                value.parse().map(Answer::Code).ok()
            } else {
                Some(Answer::Choice(value))
            };
            if let Some(answer) = answer {
                self.interview
                    .answers
                    .entry(question.to_owned())
                    .or_insert(answer);
            }
        }
        if self.code.is_none() {
            self.code = Some(reading.status);
        }
        let line = reading.line();
        if let Some(note) = self.notes.last_mut() {
            note.evidence = Some(NoteEvidence::Reading(reading));
        }
        Some(line)
    }

    /// The notes about one target, oldest first.
    pub fn notes_for(&self, target: NoteTarget) -> impl Iterator<Item = &Note> {
        self.notes.iter().filter(move |n| n.target == target)
    }

    /// The status code being triaged: the engineer's answer to the code question when there
    /// is one (it may correct what the start or the evidence said), else the code the session
    /// started with. The one computation of it: the screen, the summary and the bundle read
    /// this.
    pub fn code(&self, questions: &[QuestionCard]) -> Option<u16> {
        self.interview.code(questions).or(self.code)
    }

    /// The team's `needs` the evidence does not meet yet, in the runbook's order. The one
    /// computation of readiness, for the escalation screen, the summary and `export`.
    pub fn missing_needs(&self, needs: &[Need]) -> Vec<Need> {
        let met = self.needs_met(needs);
        needs.iter().filter(|n| !met.contains(n)).copied().collect()
    }

    /// Which of `needs` the evidence so far fills: from the notes' text, the incident fields
    /// and the interview answers.
    pub fn needs_met(&self, needs: &[Need]) -> BTreeSet<Need> {
        let mut met: BTreeSet<Need> = self.notes.iter().flat_map(|n| detect(&n.text)).collect();
        if !self.incident.first_seen.trim().is_empty() {
            met.insert(Need::Timestamp);
        }
        let answered = |id: &str| {
            self.interview
                .answers
                .get(id)
                .is_some_and(|a| !matches!(a, Answer::Text(t) if t.trim().is_empty()))
        };
        if answered("spread") {
            met.insert(Need::AffectedScope);
        }
        if answered("changed") {
            met.insert(Need::RecentChanges);
        }
        met.retain(|n| needs.contains(n));
        met
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> Timestamp {
        text.parse().unwrap()
    }

    #[test]
    fn notes_are_stamped_in_utc_local_and_since_start() {
        let mut s = Session::new(
            at("2026-11-23T09:00:00Z"),
            "Default",
            "embedded default",
            &[],
            Some(502),
        );
        assert_eq!(s.id, "20261123-090000-502");
        let zone = TimeZone::get("Europe/Berlin").unwrap_or(TimeZone::UTC);
        s.add_note(
            NoteTarget::Incident,
            "first",
            at("2026-11-23T09:04:12Z"),
            &zone,
        );
        let note = &s.notes[0];
        assert_eq!(note.elapsed_label(), "T+04:12");
        assert_eq!(note.at.to_string(), "2026-11-23T09:04:12Z");
        assert!(note.local.starts_with("2026-11-23"));
        assert_eq!(elapsed_label(3725), "T+1:02:05");
    }

    #[test]
    fn ages_read_in_the_largest_whole_unit() {
        let then = at("2026-11-23T09:00:00Z");
        let age = |now: &str| age_label(then, at(now));
        assert_eq!(age("2026-11-23T09:00:59Z"), "just now");
        assert_eq!(age("2026-11-23T09:12:30Z"), "12 min ago");
        assert_eq!(age("2026-11-23T12:59:00Z"), "3 h ago");
        assert_eq!(age("2026-11-25T10:00:00Z"), "2 d ago");
        // A clock set back never gives a negative age.
        assert_eq!(age("2026-11-23T08:00:00Z"), "just now");
    }

    #[test]
    fn needs_tick_off_from_notes_and_answers() {
        let mut s = Session::new(at("2026-11-23T09:00:00Z"), "D", "d", &[], None);
        let needs = [Need::RequestId, Need::Timestamp, Need::AffectedScope];
        assert!(s.needs_met(&needs).is_empty());
        s.add_note(
            NoteTarget::Incident,
            "< x-request-id: abc",
            at("2026-11-23T09:01:00Z"),
            &TimeZone::UTC,
        );
        s.incident.first_seen = "09:00 UTC".into();
        s.interview
            .answers
            .insert("spread".into(), Answer::Choice("everyone".into()));
        assert_eq!(s.needs_met(&needs).len(), 3);
    }

    #[test]
    fn a_session_round_trips_through_json() {
        let mut s = Session::new(at("2026-11-23T09:00:00Z"), "D", "d", &[], Some(404));
        s.add_note(
            NoteTarget::Step(2),
            "line one\nline two",
            at("2026-11-23T09:01:00Z"),
            &TimeZone::UTC,
        );
        s.draft = Some(Draft {
            target: NoteTarget::Incident,
            text: "half".into(),
        });
        let text = serde_json::to_string(&s).unwrap();
        assert_eq!(serde_json::from_str::<Session>(&text).unwrap(), s);
    }

    const NGINX_502: &str = "< HTTP/1.1 502 Bad Gateway\n< Server: nginx/1.22.1\n<\n\
                             <html><hr><center>nginx/1.22.1</center></html>";

    fn with_evidence_note() -> Session {
        let mut s = Session::new(at("2026-11-23T09:00:00Z"), "D", "d", &[], None);
        let line = s.add_evidence_note(
            NoteTarget::Incident,
            NGINX_502,
            at("2026-11-23T09:01:00Z"),
            &TimeZone::UTC,
            crate::evidence::token::Expected::default(),
        );
        assert_eq!(
            line.as_deref(),
            Some("502 from a reverse proxy or gateway (nginx): error page with a nginx signature")
        );
        s
    }

    #[test]
    fn an_evidence_note_keeps_the_reading_as_data_and_shows_its_line() {
        let s = with_evidence_note();
        let note = &s.notes[0];
        let Some(NoteEvidence::Reading(reading)) = &note.evidence else {
            panic!("{:?}", note.evidence);
        };
        assert_eq!(reading.status, 502);
        assert_eq!(reading.reason.as_deref(), Some("Bad Gateway"));
        assert_eq!(
            reading.returned_by.layer,
            Some(crate::evidence::origin::Layer::Gateway)
        );
        assert_eq!(
            note.evidence_line().as_deref(),
            Some("502 from a reverse proxy or gateway (nginx): error page with a nginx signature")
        );
        assert_eq!(s.code, Some(502));
        let json = serde_json::to_value(&s).unwrap();
        assert_eq!(
            json["notes"][0]["evidence"]["returned_by"]["layer"],
            "gateway"
        );
        assert_eq!(
            serde_json::from_value::<Session>(json).unwrap(),
            s,
            "round trip"
        );
    }

    #[test]
    fn every_text_of_a_reading_is_visited() {
        let mut s = with_evidence_note();
        if let Some(NoteEvidence::Reading(reading)) = &mut s.notes[0].evidence {
            reading.token_finding = Some("expired 3 min before the request".into());
        }
        let mut seen = Vec::new();
        s.for_each_text(|text| seen.push(text.clone()));
        for text in [
            "Bad Gateway",
            "nginx",
            "error page with a nginx signature",
            "no application request id",
            "expired 3 min before the request",
        ] {
            assert!(seen.iter().any(|t| t == text), "{text} not in {seen:?}");
        }
    }

    #[test]
    fn a_damaged_reading_is_reported_where_it_is() {
        let mut json = serde_json::to_string_pretty(&with_evidence_note()).unwrap();
        json = json.replace("\"status\": 502", "\"status\": \"502\"");
        let err = serde_json::from_str::<Session>(&json).unwrap_err();
        assert!(err.line() > 1, "{err}");
        assert!(err.to_string().contains("invalid type"), "{err}");
    }
}
