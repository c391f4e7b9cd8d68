//! A colleague's escalation bundle opened in a real pseudo-terminal: `api-triage resume
//! BUNDLE_DIR` imports it and the app opens on the imported triage's checklist.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::support;

use std::time::Duration;

use api_triage::runbook::load_texts;
use api_triage::session::{EventKind, Journal, NoteTarget, Session, Stage};
use api_triage::triage::{Checklist, Outcome};
use support::pty::Session as Pty;

const BIN: &str = env!("CARGO_BIN_EXE_api-triage");
const LIMIT: Duration = Duration::from_secs(20);

#[test]
fn resume_of_a_bundle_folder_opens_the_imported_triage_on_its_checklist() {
    let dir = tempfile::tempdir().unwrap();
    let runbook = load_texts(Vec::new(), None).runbooks.remove(0);
    let now = jiff::Timestamp::now();
    let mut sent = Session::new(
        now - jiff::SignedDuration::from_mins(30),
        &runbook.name,
        &runbook.source,
        &runbook.interview,
        Some(502),
    );
    sent.incident.title = "Checkout down in EU".into();
    sent.interview.position = runbook.interview.len();
    sent.stage = Stage::Checklist;
    sent.checklist = Checklist::from_card(&runbook.card(502).unwrap());
    sent.checklist.set_outcome(0, Outcome::RuledOut);
    sent.checklist
        .set_finding(0, "ingress log clean since 08:00");
    sent.add_note(
        NoteTarget::Step(1),
        "orders pods restarted 7 times since the deploy",
        now - jiff::SignedDuration::from_mins(20),
        &jiff::tz::TimeZone::UTC,
    );
    let folder = api_triage::export::prepare(&sent, &runbook, true)
        .unwrap()
        .write_bundle(&runbook, now, &dir.path().join("from-colleague"))
        .unwrap();

    let state = dir.path().join("state").display().to_string();
    let folder_arg = folder.display().to_string();
    let mut app = Pty::start(
        BIN,
        &["resume", &folder_arg],
        dir.path(),
        &[("API_TRIAGE_STATE_DIR", &state)],
        120,
        40,
    );
    app.wait_for("Checkout down in EU", LIMIT);
    app.wait_for("Checklist", LIMIT);
    app.wait_for("ingress log clean since 08:00", LIMIT);
    app.send(b"q");
    assert_eq!(app.wait_exit(LIMIT), 0);
    assert!(app.restored());

    let journal = Journal::new(dir.path().join("state"));
    let ids = journal.ids();
    assert_eq!(ids.len(), 1, "{ids:?}");
    let imported = journal.load(&ids[0]).unwrap();
    assert_ne!(imported.id, sent.id);
    assert_eq!(imported.notes, sent.notes);
    assert!(
        imported
            .events
            .iter()
            .any(|e| matches!(&e.what, EventKind::Imported { original_id, .. } if *original_id == sent.id)),
        "{:?}",
        imported.events
    );
}
