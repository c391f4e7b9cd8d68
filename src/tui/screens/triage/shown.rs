//! What the triage screen shows of the session: redacted like an export, because incident
//! calls share screens, unless the engineer revealed secrets; redacted again only when a
//! shown text changes.

use std::rc::Rc;

use super::TriageScreen;
use crate::export::redact::Redactor;
use crate::export::summary::redact_session;
use crate::runbook::TeamRunbook;
use crate::session::Session;
use crate::triage::Answer;

/// The redacted notes and findings last drawn, and what they were made from: only these are
/// redacted again when they change (typing in the note editor changes the draft, not them).
#[derive(Debug, Clone)]
pub(super) struct ShownCache {
    notes: Vec<crate::session::Note>,
    findings: Vec<String>,
    evidence: Option<String>,
    incident: crate::session::Incident,
    answers: std::collections::BTreeMap<String, Answer>,
    events: Vec<crate::session::Event>,
    redacted_incident: crate::session::Incident,
    redacted_answers: std::collections::BTreeMap<String, Answer>,
    redacted_notes: Vec<crate::session::Note>,
    redacted_findings: Vec<String>,
    redacted_evidence: Option<String>,
    /// The timeline's recorded events quote findings, answers and details as typed.
    redacted_events: Vec<crate::session::Event>,
    hidden: usize,
}
/// What the screen shows of a triage: redacted like an export, because incident calls share
/// screens, unless the engineer revealed secrets.
#[derive(Debug, Clone)]
pub struct Shown {
    pub session: Session,
    /// The last evidence card.
    pub evidence: Option<String>,
    /// Secrets hidden on screen.
    pub hidden: usize,
}

impl TriageScreen {
    /// The session as the screen shows it: redacted with the runbook's rules (the same as an
    /// export), or as typed while the engineer reveals secrets. Redacted once per change.
    pub fn shown(&self, runbook: &TeamRunbook) -> Rc<Shown> {
        if self.reveal {
            return Rc::new(Shown {
                session: self.session.clone(),
                evidence: self.evidence.clone(),
                hidden: 0,
            });
        }
        let findings: Vec<String> = self
            .session
            .checklist
            .steps
            .iter()
            .map(|step| step.finding.clone())
            .collect();
        let mut cache = self.shown_cache.borrow_mut();
        let fresh = cache.as_ref().is_some_and(|hit| {
            hit.notes == self.session.notes
                && hit.findings == findings
                && hit.evidence == self.evidence
                && hit.incident == self.session.incident
                && hit.answers == self.session.interview.answers
                && hit.events == self.session.events
        });
        if !fresh {
            let redactor = Redactor::with_custom_lenient(&runbook.redact).0;
            let mut only = self.session.clone();
            only.draft = None;
            let redacted = redact_session(&only, &redactor);
            let redacted_evidence = self
                .evidence
                .as_deref()
                .map(|card| redactor.redact(card).text);
            *cache = Some(ShownCache {
                notes: self.session.notes.clone(),
                findings,
                evidence: self.evidence.clone(),
                incident: self.session.incident.clone(),
                answers: self.session.interview.answers.clone(),
                events: self.session.events.clone(),
                redacted_incident: redacted.session.incident.clone(),
                redacted_answers: redacted.session.interview.answers.clone(),
                redacted_notes: redacted.session.notes,
                redacted_events: redacted.session.events,
                redacted_findings: redacted
                    .session
                    .checklist
                    .steps
                    .into_iter()
                    .map(|step| step.finding)
                    .collect(),
                redacted_evidence,
                hidden: redacted.count,
            });
        }
        let mut session = self.session.clone();
        let (evidence, hidden) = match cache.as_ref() {
            Some(hit) => {
                session.notes.clone_from(&hit.redacted_notes);
                session.incident.clone_from(&hit.redacted_incident);
                session.interview.answers.clone_from(&hit.redacted_answers);
                session.events.clone_from(&hit.redacted_events);
                for (step, finding) in session
                    .checklist
                    .steps
                    .iter_mut()
                    .zip(&hit.redacted_findings)
                {
                    step.finding.clone_from(finding);
                }
                (hit.redacted_evidence.clone(), hit.hidden)
            }
            None => (None, 0),
        };
        Rc::new(Shown {
            session,
            evidence,
            hidden,
        })
    }
}
