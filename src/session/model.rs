//! A triage session as saved to disk: the incident, the interview, the checklist, the evidence
//! notes with their times and what the evidence reader made of each (as data), and any note
//! still being written.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use jiff::Timestamp;
use jiff::tz::TimeZone;
use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};

use crate::evidence::analysis::Analysis;
use crate::evidence::needs::detect;
use crate::evidence::origin::Origin;
use crate::evidence::timing::Timing;
use crate::runbook::QuestionCard;
use crate::runbook::model::Need;
use crate::triage::{Answer, Checklist, Interview};

/// Bumped when the file format changes incompatibly; `migrate` reads every earlier version.
/// 2: a note's evidence is the reading as data, no longer its formatted line.
/// 3: a note may be edited (stamped) or struck out, and a draft may be the edit of a note. An
/// older api-triage would read such a file with the marks dropped and save the struck notes
/// back as live ones, so it must refuse the file instead.
pub const SCHEMA_VERSION: u32 = 3;

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
    /// When the note shows how long a request took (curl's `-w` output, `--trace-time`
    /// stamps, a HAR entry): the timing, phase by phase. Read with the evidence, and kept
    /// apart from it since a timing needs no status (`curl -o /dev/null -w ...`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timing: Option<Timing>,
    /// When the engineer last corrected the text; the stamps above stay those of the writing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub edited: Option<Stamp>,
    /// Struck out: kept in the session and shown as struck, but no longer counted as evidence
    /// (needs, ids) and left out of exports unless asked for.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub struck: bool,
    /// When the note is the output of a command run from the app: the command as run and how
    /// it ended. The note's stamps are the run's end; `text` is what it printed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub run: Option<super::run::RunRecord>,
    /// When the note holds an alert payload (Alertmanager, Grafana, `PagerDuty`, Opsgenie, an
    /// alert e-mail): what was read from it. A note holds an alert or a response, not both.
    /// Optional, like `timing`: no new schema version.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alert: Option<crate::evidence::alerts::Alert>,
}

/// A moment of the triage as the engineer is shown it: UTC, their local time, and since the
/// start. A note's own stamps are flat fields of [`Note`] (the file format of version 1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    pub at: Timestamp,
    pub local: String,
    pub since_start: i64,
}

impl Stamp {
    /// `at` in `zone` and relative to `start`, the one way every stamp is made.
    pub fn new(at: Timestamp, zone: &TimeZone, start: Timestamp) -> Self {
        Self {
            at,
            local: at
                .to_zoned(zone.clone())
                .strftime("%Y-%m-%d %H:%M:%S %Z")
                .to_string(),
            since_start: (at.as_second() - start.as_second()).max(0),
        }
    }

    /// "T+03:07 · 09:03:07Z · 2026-11-23 10:03:07 CET", as every screen shows a stamp.
    pub fn line(&self) -> String {
        stamp_line(self.since_start, self.at, &self.local)
    }
}

fn stamp_line(since_start: i64, at: Timestamp, local: &str) -> String {
    format!(
        "{} · {} · {local}",
        elapsed_label(since_start),
        at.strftime("%H:%M:%SZ")
    )
}

impl Note {
    /// `T+mm:ss` (or `T+h:mm:ss` after an hour) since the triage started.
    pub fn elapsed_label(&self) -> String {
        elapsed_label(self.since_start)
    }

    /// The note's stamps on one line: "T+03:07 · 09:03:07Z · 2026-11-23 10:03:07 CET".
    pub fn stamp_line(&self) -> String {
        stamp_line(self.since_start, self.at, &self.local)
    }

    /// What the note is about, in words: "incident" or "step 2".
    pub fn about(&self) -> String {
        match self.target {
            NoteTarget::Incident => "incident".to_owned(),
            NoteTarget::Step(i) => format!("step {}", i.saturating_add(1)),
        }
    }

    /// The evidence line shown under the note, when it holds an HTTP response or an alert.
    pub fn evidence_line(&self) -> Option<String> {
        self.alert
            .as_ref()
            .map(|alert| alert.line(self.at))
            .or_else(|| self.evidence.as_ref().map(NoteEvidence::line))
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
    /// The credential check's most serious finding, when it had one.
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
            // The credentials' most serious finding: the claims' own, or one the response
            // adds ("not sent", "refused though its claims look valid").
            token_finding: analysis
                .credentials
                .as_ref()
                .and_then(|credentials| credentials.findings.first().cloned()),
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
            .chain(origin.check.iter_mut())
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

/// A session id made at `at`: it sorts by time and names the code ("20261123-090000-502").
/// `Journal::create` adds `-2`, `-3`... when the name is taken.
pub fn new_id(at: Timestamp, code: Option<u16>) -> String {
    let stamp = at.strftime("%Y%m%d-%H%M%S").to_string();
    match code {
        Some(code) => format!("{stamp}-{code}"),
        None => stamp,
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
    /// The index of the note this draft corrects; `None` for a new note.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub editing: Option<usize>,
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
    /// Values the engineer gave for a command's placeholders (`namespace` = `payments`),
    /// offered again for the next command that names them.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub vars: BTreeMap<String, String>,
    /// The notes marked as the known-good and the failing response, to compare (see
    /// `session::pair`). Optional, like `exported`: no new schema version.
    #[serde(default, skip_serializing_if = "super::pair::Pair::is_empty")]
    pub good_vs_failing: super::pair::Pair,
    /// What happened when, beyond the notes: answers, step outcomes, exports, updates,
    /// hand-offs (see `session::events`). Optional: older files have none, no schema bump.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub events: Vec<super::events::Event>,
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
        let id = new_id(created, code);
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
            vars: BTreeMap::new(),
            good_vs_failing: super::pair::Pair::default(),
            events: Vec::new(),
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
            // A run's command holds values typed or read from responses (a token, an id).
            if let Some(run) = &mut note.run {
                visit(&mut run.command);
                visit(&mut run.what);
                if let super::run::RunEnd::NotStarted { error } = &mut run.ending {
                    visit(error);
                }
            }
            if let Some(timing) = &mut note.timing {
                timing.for_each_text(&mut visit);
            }
            if let Some(alert) = &mut note.alert {
                alert.for_each_text(&mut visit);
            }
        }
        for value in self.vars.values_mut() {
            visit(value);
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
        for source in self.interview.sources.values_mut() {
            visit(source);
        }
        self.for_each_event_text(&mut visit);
    }

    /// Adds a note stamped with `at` in UTC, in `zone`, and relative to the start.
    pub fn add_note(&mut self, target: NoteTarget, text: &str, at: Timestamp, zone: &TimeZone) {
        let Stamp {
            at,
            local,
            since_start,
        } = Stamp::new(at, zone, self.created);
        self.notes.push(Note {
            target,
            at,
            local,
            since_start,
            // Every way in (paste, pipe, file, typing) ends here: kept normalised.
            text: crate::text::normalize(text).into_owned(),
            evidence: None,
            timing: None,
            edited: None,
            struck: false,
            run: None,
            alert: None,
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
        self.read_evidence(self.notes.len() - 1, expected)
    }

    /// Replaces the text of note `index` with a correction made at `at`: its stamps stay,
    /// an `edited` stamp is added, and the new text is read as evidence again, as a new
    /// note's is. Returns the reading's line; `None` also when there is no such note.
    pub fn edit_note(
        &mut self,
        index: usize,
        text: &str,
        at: Timestamp,
        zone: &TimeZone,
        expected: crate::evidence::token::Expected<'_>,
    ) -> Option<String> {
        let stamp = Stamp::new(at, zone, self.created);
        let note = self.notes.get_mut(index)?;
        note.text = crate::text::normalize(text).into_owned();
        note.edited = Some(stamp);
        self.updated = at;
        self.read_evidence(index, expected)
    }

    /// Strikes note `index` out, or back in; false when there is no such note.
    pub fn toggle_struck(&mut self, index: usize, at: Timestamp) -> bool {
        let Some(note) = self.notes.get_mut(index) else {
            return false;
        };
        note.struck = !note.struck;
        self.updated = at;
        true
    }

    /// Reads note `index` as evidence, the one reading of a note's text whether it was just
    /// written or corrected: the reading replaces the note's evidence (a corrected note that
    /// no longer holds a response has none), and answers what the interview has not. An
    /// alert payload is read as an alert (see `session::alert`).
    pub(super) fn read_evidence(
        &mut self,
        index: usize,
        expected: crate::evidence::token::Expected<'_>,
    ) -> Option<String> {
        let note = self.notes.get_mut(index)?;
        // An alert payload is no response: read as the alert it is, and nothing else.
        note.alert = crate::evidence::alerts::read(&note.text);
        if note.alert.is_some() {
            note.evidence = None;
            note.timing = None;
            return self.take_alert(index);
        }
        // Read at the note's own time, not the correction's: a token's expiry is judged
        // against when the response was captured.
        let analysis = crate::evidence::analysis::analyze_expecting(&note.text, note.at, expected);
        let reading = EvidenceReading::of(&analysis);
        note.evidence = reading.clone().map(NoteEvidence::Reading);
        note.timing.clone_from(&analysis.timing);
        let reading = reading?;
        let stamp = note.elapsed_label();
        let line = reading.line();
        // A success pasted beside the failure is the known-good one (a health check, the same
        // call from another region): it says nothing of who returned the failure, which code
        // it is or where it happens. Only an error, or the code being triaged, answers.
        let failing = reading.status >= 400 || self.code == Some(reading.status);
        if !failing {
            return Some(line);
        }
        let source = format!("the response in the note at {stamp}: {line}");
        for (question, value) in analysis.suggested_answers() {
            let answer = if question == "code" {
                value.parse().map(Answer::Code).ok()
            } else {
                Some(Answer::Choice(value))
            };
            if let Some(answer) = answer {
                self.interview.pre_answer(question, answer, &source);
            }
        }
        if self.code.is_none() {
            self.code = Some(reading.status);
        }
        if self.incident.endpoint.trim().is_empty()
            && let Some(url) = &analysis.url
        {
            self.incident.endpoint = match &analysis.method {
                Some(method) => format!("{method} {url}"),
                None => url.clone(),
            };
        }
        Some(line)
    }

    /// The notes that still count as evidence: all but the struck ones.
    pub fn live_notes(&self) -> impl Iterator<Item = &Note> {
        self.notes.iter().filter(|n| !n.struck)
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

    /// Fills the incident's endpoint from the service answer while the engineer has not
    /// written one, so the details and the summary name it without retyping.
    pub fn fill_endpoint(&mut self) {
        if !self.incident.endpoint.trim().is_empty() {
            return;
        }
        if let Some(Answer::Text(service)) = self.interview.answers.get("service")
            && !service.trim().is_empty()
        {
            self.incident.endpoint = service.trim().to_owned();
        }
    }

    /// The team's `needs` the evidence does not meet yet, in the runbook's order. The one
    /// computation of readiness, for the escalation screen, the summary and `export`.
    pub fn missing_needs(&self, needs: &[Need]) -> Vec<Need> {
        let met = self.needs_met(needs);
        needs.iter().filter(|n| !met.contains(n)).copied().collect()
    }

    /// Which of `needs` the evidence so far fills: from the notes' text (struck notes are
    /// withdrawn evidence and count for nothing), the incident fields and the interview
    /// answers.
    pub fn needs_met(&self, needs: &[Need]) -> BTreeSet<Need> {
        let mut met: BTreeSet<Need> = self.live_notes().flat_map(|n| detect(&n.text)).collect();
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
    fn a_known_good_response_pasted_first_answers_nothing_the_failure_does() {
        let mut s = Session::new(at("2026-11-23T09:00:00Z"), "D", "d", &[], Some(502));
        let utc = TimeZone::UTC;
        let expected = crate::evidence::token::Expected {
            audience: None,
            issuer: None,
        };
        let good = "> GET /healthz HTTP/1.1\r\n> Host: api.example.com\r\n>\r\n\
                    < HTTP/1.1 200 OK\r\n< Content-Type: application/json\r\n<\r\n{\"ok\":true}";
        let line = s.add_evidence_note(
            NoteTarget::Incident,
            good,
            at("2026-11-23T09:01:00Z"),
            &utc,
            expected,
        );
        assert!(line.is_some_and(|l| l.starts_with("200 ")), "read, shown");
        assert!(
            !s.interview.answers.contains_key("layer"),
            "{:?}",
            s.interview.answers
        );
        assert!(s.incident.endpoint.is_empty(), "{}", s.incident.endpoint);
        assert_eq!(s.code, Some(502));
        let failing = "> POST /v1/orders HTTP/1.1\r\n> Host: api.example.com\r\n>\r\n\
                       < HTTP/1.1 502 Bad Gateway\r\n< Server: nginx\r\n<\r\n\
                       <html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>";
        s.add_evidence_note(
            NoteTarget::Incident,
            failing,
            at("2026-11-23T09:02:00Z"),
            &utc,
            expected,
        );
        assert!(
            s.interview.answers.contains_key("layer"),
            "{:?}",
            s.interview.answers
        );
        assert!(
            s.incident.endpoint.contains("/v1/orders"),
            "{}",
            s.incident.endpoint
        );
    }

    #[test]
    fn needs_tick_off_from_notes_and_answers() {
        let mut s = Session::new(at("2026-11-23T09:00:00Z"), "D", "d", &[], None);
        let needs = [Need::RequestId, Need::Timestamp, Need::AffectedScope];
        assert!(s.needs_met(&needs).is_empty());
        s.add_note(
            NoteTarget::Incident,
            "< x-request-id: 7f3c9a1b",
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
            editing: None,
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
            Some("502 from a reverse proxy or gateway (nginx): error page in the style of nginx")
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
            Some("502 from a reverse proxy or gateway (nginx): error page in the style of nginx")
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
            reading.returned_by.check = Some("look for request id r-1 in the app's log".into());
        }
        let mut seen = Vec::new();
        s.for_each_text(|text| seen.push(text.clone()));
        for text in [
            "Bad Gateway",
            "nginx",
            "error page in the style of nginx",
            "look for request id r-1 in the app's log",
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

    #[test]
    fn an_edit_keeps_the_first_stamps_adds_its_own_and_reads_the_text_again() {
        let mut s = Session::new(at("2026-11-23T09:00:00Z"), "D", "d", &[], None);
        let zone = TimeZone::get("Europe/Berlin").unwrap_or(TimeZone::UTC);
        s.add_note(
            NoteTarget::Step(1),
            "pasted the wrong thing",
            at("2026-11-23T09:01:00Z"),
            &zone,
        );
        let before = s.notes[0].clone();
        assert_eq!(before.evidence, None);
        // Pasted as a terminal sends it: CR line breaks, colour codes.
        let fixed = NGINX_502
            .replace('\n', "\r\n")
            .replace("nginx/", "\u{1b}[1mnginx/");
        let line = s.edit_note(
            0,
            &fixed,
            at("2026-11-23T09:05:30Z"),
            &zone,
            crate::evidence::token::Expected::default(),
        );
        assert_eq!(
            line.as_deref(),
            Some("502 from a reverse proxy or gateway (nginx): error page in the style of nginx")
        );
        let note = &s.notes[0];
        assert_eq!(
            (note.at, &note.local, note.since_start, note.target),
            (before.at, &before.local, 60, NoteTarget::Step(1)),
            "the note's own stamps stay"
        );
        let edited = note.edited.as_ref().unwrap();
        assert_eq!(edited.at, at("2026-11-23T09:05:30Z"));
        assert_eq!(
            edited.line(),
            format!("T+05:30 · 09:05:30Z · {}", edited.local)
        );
        assert!(
            edited.local.starts_with("2026-11-23 10:05:30"),
            "{}",
            edited.local
        );
        assert!(!note.text.contains('\r') && !note.text.contains('\u{1b}'));
        assert!(note.evidence_line().is_some());
        assert_eq!(s.notes.len(), 1);
        assert_eq!(s.code, Some(502), "read again like a new note");
        // Corrected into plain words, the note holds no response any more.
        s.edit_note(
            0,
            "nothing to read here",
            at("2026-11-23T09:06:00Z"),
            &zone,
            crate::evidence::token::Expected::default(),
        );
        assert_eq!(s.notes[0].evidence, None);
        assert_eq!(s.notes[0].at, before.at);
        let json = serde_json::to_string(&s).unwrap();
        assert_eq!(serde_json::from_str::<Session>(&json).unwrap(), s);
    }

    #[test]
    fn a_note_keeps_the_timing_it_shows_even_without_a_status() {
        let mut s = Session::new(at("2026-11-23T09:00:00Z"), "D", "d", &[], None);
        s.add_evidence_note(
            NoteTarget::Incident,
            "$ curl -s -o /dev/null -w @curl-format.txt https://api.example.com/v1/orders\r\n\
             time_namelookup:  0.004s\r\ntime_connect:  0.012s\r\n\
             time_starttransfer:  60.040s\r\ntime_total:  60.041s\r\n",
            at("2026-11-23T09:01:00Z"),
            &TimeZone::UTC,
            crate::evidence::token::Expected::default(),
        );
        let note = &s.notes[0];
        assert_eq!(note.evidence, None, "no status in it");
        let timing = note.timing.as_ref().unwrap();
        assert_eq!(timing.total_micros, 60_041_000);
        let json = serde_json::to_value(&s).unwrap();
        assert_eq!(json["notes"][0]["timing"]["source"], "curl-write-out");
        assert_eq!(json["notes"][0]["timing"]["phases"][2]["phase"], "wait");
        assert_eq!(serde_json::from_value::<Session>(json).unwrap(), s);
        // Corrected into plain words, the timing goes with the text.
        s.edit_note(
            0,
            "wrong paste",
            at("2026-11-23T09:02:00Z"),
            &TimeZone::UTC,
            crate::evidence::token::Expected::default(),
        );
        assert_eq!(s.notes[0].timing, None);
    }

    #[test]
    fn a_struck_note_stays_but_meets_no_need() {
        let mut s = Session::new(at("2026-11-23T09:00:00Z"), "D", "d", &[], None);
        let needs = [Need::RequestId];
        s.add_note(
            NoteTarget::Incident,
            "< x-request-id: 7f3c9a1b",
            at("2026-11-23T09:01:00Z"),
            &TimeZone::UTC,
        );
        assert_eq!(s.missing_needs(&needs), []);
        assert!(s.toggle_struck(0, at("2026-11-23T09:02:00Z")));
        assert_eq!(s.notes.len(), 1, "kept in the session");
        assert!(s.notes[0].struck);
        assert_eq!(s.missing_needs(&needs), [Need::RequestId]);
        assert_eq!(s.live_notes().count(), 0);
        let json = serde_json::to_string(&s).unwrap();
        assert!(json.contains("\"struck\":true"), "{json}");
        assert_eq!(serde_json::from_str::<Session>(&json).unwrap(), s);
        assert!(s.toggle_struck(0, at("2026-11-23T09:03:00Z")));
        assert_eq!(s.missing_needs(&needs), []);
        assert!(!s.toggle_struck(7, at("2026-11-23T09:03:00Z")));
        // A live, unedited note is saved as before: no new fields in the file.
        let json = serde_json::to_string(&s.notes[0]).unwrap();
        assert!(
            !json.contains("struck") && !json.contains("edited"),
            "{json}"
        );
    }
}
