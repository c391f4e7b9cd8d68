//! Session files across versions: a file saved by version 1 (`tests/fixtures/sessions/v1-*`,
//! evidence kept as its line) opens, migrated, showing the same lines; a file saved by version
//! 2 (`v2-*`) opens as it was; a file saved by this release (`v3-*`: a note corrected, one
//! struck out) opens and is saved again byte for byte.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};

use api_triage::evidence::origin::{Confidence, Layer};
use api_triage::export::summary::Format;
use api_triage::export::{prepare, prepare_with};
use api_triage::runbook::{TeamRunbook, load_texts};
use api_triage::session::model::{SCHEMA_VERSION, Stamp};
use api_triage::session::{Journal, Note, NoteEvidence, NoteTarget, Session, Stage};
use jiff::Timestamp;

const ID: &str = "20261123-090000-502";
const V1: &str = "tests/fixtures/sessions/v1-502-payments.json";
const V2: &str = "tests/fixtures/sessions/v2-502-payments.json";
const V3: &str = "tests/fixtures/sessions/v3-502-payments.json";

fn fixture(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

/// The fixture as the session file `ID` of a journal in `dir`.
fn journal_with(dir: &Path, path: &str) -> Journal {
    std::fs::copy(fixture(path), dir.join(format!("{ID}.json"))).unwrap();
    Journal::new(dir)
}

fn payments() -> TeamRunbook {
    let text = std::fs::read_to_string(fixture("runbooks/examples/payments.toml")).unwrap();
    load_texts(vec![("payments.toml".to_owned(), text)], None)
        .runbooks
        .into_iter()
        .find(|r| r.name == "Payments API")
        .unwrap()
}

/// The evidence lines a fixture file holds, as version 1 wrote them.
fn v1_lines() -> Vec<Option<String>> {
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(fixture(V1)).unwrap()).unwrap();
    json["notes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|note| note["evidence"].as_str().map(str::to_owned))
        .collect()
}

/// The lines version 1 showed, in the words this release uses for the same reading (it says
/// "error page in the style of nginx" where version 1 said "with a nginx signature").
fn v1_lines_today() -> Vec<Option<String>> {
    v1_lines()
        .into_iter()
        .map(|l| {
            l.map(|l| {
                l.replace(
                    "error page with a nginx signature",
                    "error page in the style of nginx",
                )
            })
        })
        .collect()
}

fn lines(session: &Session) -> Vec<Option<String>> {
    session.notes.iter().map(Note::evidence_line).collect()
}

#[test]
fn a_v1_session_opens_migrated_and_shows_the_same_evidence_lines() {
    let dir = tempfile::tempdir().unwrap();
    let session = journal_with(dir.path(), V1).load(ID).unwrap();
    assert_eq!(session.schema_version, SCHEMA_VERSION);
    assert_eq!(lines(&session), v1_lines_today());
    // The 502 reads the same today: it is data again, token finding included.
    let Some(NoteEvidence::Reading(reading)) = &session.notes[0].evidence else {
        panic!("{:?}", session.notes[0].evidence);
    };
    assert_eq!(reading.status, 502);
    assert_eq!(reading.returned_by.layer, Some(Layer::Gateway));
    assert_eq!(reading.returned_by.product.as_deref(), Some("nginx"));
    assert_eq!(reading.returned_by.confidence, Confidence::High);
    assert_eq!(
        reading.token_finding.as_deref(),
        Some("expired 3 min before the request")
    );
    assert_eq!(session.notes[1].evidence, None);
    // The 401's token finding came from the runbook's audience, which the file does not
    // record: its line is kept as it was shown.
    assert!(matches!(
        session.notes[2].evidence,
        Some(NoteEvidence::Legacy(_))
    ));
    // Everything else as it was.
    assert_eq!(session.incident.title, "Checkout charges failing");
    assert_eq!(session.stage, Stage::Checklist);
    assert_eq!(session.interview.answers.len(), 7);
    assert_eq!(session.checklist.steps.len(), 2);
    assert_eq!(session.notes[1].target, NoteTarget::Step(0));
    assert_eq!(
        session.draft.as_ref().map(|d| d.target),
        Some(NoteTarget::Step(1))
    );
}

#[test]
fn a_migrated_v1_session_summarises_its_evidence_as_before() {
    let dir = tempfile::tempdir().unwrap();
    let session = journal_with(dir.path(), V1).load(ID).unwrap();
    let runbook = payments();
    let now: Timestamp = "2026-11-23T09:30:00Z".parse().unwrap();
    let md = prepare(&session, &runbook, true)
        .unwrap()
        .render(&runbook, now, Format::Md);
    for line in v1_lines_today().into_iter().flatten() {
        assert!(
            md.contains(&format!("**Evidence:** {line}\n")),
            "{line}\n{md}"
        );
    }
}

#[test]
fn a_migrated_v1_session_is_saved_as_the_current_version() {
    let dir = tempfile::tempdir().unwrap();
    let journal = journal_with(dir.path(), V1);
    let session = journal.load(ID).unwrap();
    journal.save(&session).unwrap();
    let saved: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(journal.path(ID)).unwrap()).unwrap();
    assert_eq!(saved["schema_version"], SCHEMA_VERSION);
    assert_eq!(saved["notes"][0]["evidence"]["status"], 502);
    assert!(saved["notes"][2]["evidence"].is_string());
    assert_eq!(journal.load(ID).unwrap(), session);
}

#[test]
fn a_v2_session_opens() {
    let dir = tempfile::tempdir().unwrap();
    let session = journal_with(dir.path(), V2).load(ID).unwrap();
    assert_eq!(session.schema_version, SCHEMA_VERSION);
    assert_eq!(session.notes.len(), 4);
    let mut expected = v1_lines();
    // Added by this release, with the payments runbook's token expectations.
    expected.push(Some(
        "401 from the app: JSON error body in an application format; token audience \
         api://orders, but this API expects api://payments"
            .to_owned(),
    ));
    assert_eq!(lines(&session), expected);
    let Some(NoteEvidence::Reading(reading)) = &session.notes[3].evidence else {
        panic!("{:?}", session.notes[3].evidence);
    };
    assert_eq!(reading.returned_by.layer, Some(Layer::App));
    assert_eq!(reading.reason.as_deref(), Some("Unauthorized"));
}

#[test]
fn a_v2_session_is_saved_again_as_it_was_in_the_current_version() {
    let dir = tempfile::tempdir().unwrap();
    let journal = journal_with(dir.path(), V2);
    let session = journal.load(ID).unwrap();
    assert!(
        session
            .notes
            .iter()
            .all(|n| !n.struck && n.edited.is_none())
    );
    journal.save(&session).unwrap();
    assert_eq!(
        std::fs::read_to_string(journal.path(ID)).unwrap(),
        std::fs::read_to_string(fixture(V2)).unwrap().replacen(
            "\"schema_version\": 2,",
            &format!("\"schema_version\": {SCHEMA_VERSION},"),
            1
        )
    );
}

#[test]
fn a_session_saved_by_this_release_opens_with_its_corrected_and_struck_notes() {
    let dir = tempfile::tempdir().unwrap();
    let session = journal_with(dir.path(), V3).load(ID).unwrap();
    assert_eq!(session.schema_version, SCHEMA_VERSION);
    let corrected = &session.notes[1];
    assert_eq!(
        corrected.elapsed_label(),
        "T+08:10",
        "the first stamp stays"
    );
    assert_eq!(
        corrected.edited.as_ref().map(Stamp::line).as_deref(),
        Some("T+13:20 · 09:13:20Z · 2026-11-23 09:13:20 UTC")
    );
    assert!(session.notes[2].struck);
    assert_eq!(session.notes.iter().filter(|n| n.struck).count(), 1);
    let runbook = payments();
    let now: Timestamp = "2026-11-23T09:30:00Z".parse().unwrap();
    let md = prepare(&session, &runbook, true)
        .unwrap()
        .render(&runbook, now, Format::Md);
    assert!(
        !md.contains("09:12:30"),
        "the struck note is left out\n{md}"
    );
    assert!(md.contains("**Edited:** 2026-11-23 09:13:20Z"), "{md}");
    let prepared = prepare_with(&session, &runbook, true, true).unwrap();
    assert_eq!(prepared.struck_left_out, 0);
    let md = prepared.render(&runbook, now, Format::Md);
    assert!(
        md.contains("**STRUCK OUT · T+12:30 · 2026-11-23 09:12:30Z · incident**"),
        "{md}"
    );
}

#[test]
fn a_session_saved_by_this_release_is_saved_again_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let journal = journal_with(dir.path(), V3);
    let session = journal.load(ID).unwrap();
    journal.save(&session).unwrap();
    assert_eq!(
        std::fs::read_to_string(journal.path(ID)).unwrap(),
        std::fs::read_to_string(fixture(V3)).unwrap()
    );
}
