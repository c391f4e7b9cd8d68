use super::*;
use crate::session::NoteTarget;
use crate::triage::Checklist;

fn at(text: &str) -> Timestamp {
    text.parse().unwrap()
}

fn default() -> crate::runbook::TeamRunbook {
    crate::runbook::snapshot::embedded_default(None).unwrap()
}

fn session_at_checklist() -> (Session, crate::runbook::TeamRunbook) {
    let runbook = default();
    let mut s = Session::new(
        at("2026-11-23T09:00:00Z"),
        "Default",
        "embedded default",
        &runbook.interview,
        Some(502),
    );
    s.checklist = Checklist::from_card(&runbook.card(502).unwrap());
    (s, runbook)
}

#[test]
fn answers_and_step_outcomes_are_recorded_with_their_words_and_stamps() {
    let (mut s, runbook) = session_at_checklist();
    let before = s.before();
    let question = runbook.interview.iter().find(|q| q.id == "layer").unwrap();
    let option = &question.options[0];
    s.interview
        .answers
        .insert("layer".into(), Answer::Choice(option.id.clone()));
    s.record_changes(
        &before,
        &runbook.interview,
        at("2026-11-23T09:02:00Z"),
        &TimeZone::UTC,
    );
    assert_eq!(s.events.len(), 1);
    assert_eq!(s.events[0].stamp.since_start, 120);
    assert_eq!(
        s.events[0].what.line(),
        format!("{} → {}", question.prompt, option.label)
    );

    // Ruled out, then its finding typed a moment later: one record, with the finding.
    let before = s.before();
    s.checklist.set_outcome(1, Outcome::RuledOut);
    s.record_changes(&before, &[], at("2026-11-23T09:05:00Z"), &TimeZone::UTC);
    let before = s.before();
    s.checklist.set_finding(1, "no restarts in the last hour");
    s.record_changes(&before, &[], at("2026-11-23T09:05:20Z"), &TimeZone::UTC);
    assert_eq!(s.events.len(), 2);
    let line = s.events[1].what.line();
    assert!(line.starts_with("step 2 ruled out: "), "{line}");
    assert!(line.ends_with(" — no restarts in the last hour"), "{line}");
    assert_eq!(s.events[1].stamp.since_start, 300, "the outcome's moment");

    // An incident detail set is a record of its own.
    let before = s.before();
    s.incident.severity = "SEV1".into();
    s.record_changes(&before, &[], at("2026-11-23T09:05:30Z"), &TimeZone::UTC);
    assert_eq!(s.events.len(), 3);
    assert_eq!(s.events[2].what.line(), "severity: SEV1");
    assert_eq!(s.events[2].what.kind(), EntryKind::Detail);
    s.events.pop();

    // Nothing changed, nothing recorded.
    let before = s.before();
    s.record_changes(&before, &[], at("2026-11-23T09:06:00Z"), &TimeZone::UTC);
    assert_eq!(s.events.len(), 2);
}

#[test]
fn a_finding_changed_after_other_events_is_a_record_of_its_own() {
    let (mut s, _) = session_at_checklist();
    let utc = TimeZone::UTC;
    let before = s.before();
    s.checklist.set_outcome(0, Outcome::FoundIt);
    s.record_changes(&before, &[], at("2026-11-23T09:01:00Z"), &utc);
    s.record(
        EventKind::Copied {
            what: "summary".into(),
        },
        at("2026-11-23T09:02:00Z"),
        &utc,
    );
    let before = s.before();
    s.checklist.set_finding(0, "pool exhausted");
    s.record_changes(&before, &[], at("2026-11-23T09:03:00Z"), &utc);
    assert_eq!(s.events.len(), 3);
}

#[test]
fn the_timeline_interleaves_events_and_notes_in_time_order() {
    let (mut s, _) = session_at_checklist();
    let utc = TimeZone::UTC;
    s.add_note(
        NoteTarget::Incident,
        "paged",
        at("2026-11-23T09:01:00Z"),
        &utc,
    );
    s.record(
        EventKind::Exported {
            folder: "20261123-090300-502".into(),
        },
        at("2026-11-23T09:03:00Z"),
        &utc,
    );
    s.add_note(
        NoteTarget::Step(0),
        "HTTP/1.1 502 Bad Gateway\r\nServer: nginx\r\n\r\n",
        at("2026-11-23T09:02:00Z"),
        &utc,
    );
    s.add_note(
        NoteTarget::Incident,
        "typo",
        at("2026-11-23T09:02:30Z"),
        &utc,
    );
    s.toggle_struck(2, at("2026-11-23T09:02:40Z"));
    let timeline = s.timeline(&utc);
    let kinds: Vec<_> = timeline.iter().map(|e| e.kind).collect();
    assert_eq!(
        kinds,
        [
            EntryKind::Start,
            EntryKind::Note,
            EntryKind::Note,
            EntryKind::Export
        ],
        "struck notes are left out"
    );
    assert_eq!(timeline[1].note, Some(0));
    assert_eq!(timeline[1].line, "incident: paged");
    assert_eq!(timeline[2].line, "step 1: HTTP/1.1 502 Bad Gateway");
    assert_eq!(timeline[0].line, "triage started (502)");
}

#[test]
fn events_survive_the_file_and_older_files_have_none() {
    let (mut s, _) = session_at_checklist();
    let utc = TimeZone::UTC;
    s.record(
        EventKind::Update {
            text: "We are investigating 502s on checkout.\nNext update 09:30 UTC".into(),
            due: None,
        },
        at("2026-11-23T09:04:00Z"),
        &utc,
    );
    s.record(
        EventKind::Imported {
            from: "20261123-090300-502".into(),
            original_id: "20261123-090000-502".into(),
            exported_at: at("2026-11-23T09:03:00Z"),
            redacted: 3,
        },
        at("2026-11-23T09:10:00Z"),
        &utc,
    );
    let json = serde_json::to_string(&s).unwrap();
    assert!(json.contains(r#""event":"update""#), "{json}");
    let back: Session = serde_json::from_str(&json).unwrap();
    assert_eq!(back.events, s.events);
    assert_eq!(
        back.events[0].what.line(),
        "status update copied: We are investigating 502s on checkout."
    );

    let mut older: serde_json::Value = serde_json::from_str(&json).unwrap();
    older.as_object_mut().unwrap().remove("events");
    let older: Session = serde_json::from_value(older).unwrap();
    assert!(older.events.is_empty());
}

#[test]
fn event_texts_are_visited_for_redaction() {
    let (mut s, _) = session_at_checklist();
    s.record(
        EventKind::Update {
            text: "token sk_live_abc".into(),
            due: None,
        },
        at("2026-11-23T09:04:00Z"),
        &TimeZone::UTC,
    );
    let mut seen = Vec::new();
    s.for_each_text(|text| seen.push(text.clone()));
    assert!(seen.iter().any(|t| t == "token sk_live_abc"));
}

#[test]
fn the_next_update_is_due_a_cadence_after_the_last_one_or_the_start() {
    let (mut s, _) = session_at_checklist();
    assert_eq!(s.next_update_due(30), at("2026-11-23T09:30:00Z"));
    assert_eq!(s.updates_sent(), (0, None));
    s.record(
        EventKind::Update {
            text: "first".into(),
            due: None,
        },
        at("2026-11-23T09:20:00Z"),
        &TimeZone::UTC,
    );
    assert_eq!(s.next_update_due(30), at("2026-11-23T09:50:00Z"));
    assert_eq!(s.updates_sent(), (1, Some(at("2026-11-23T09:20:00Z"))));
    let countdown = |now: &str| update_countdown(s.next_update_due(30), at(now));
    assert_eq!(
        countdown("2026-11-23T09:20:01Z"),
        ("next update in 30 min".to_owned(), false)
    );
    assert_eq!(
        countdown("2026-11-23T09:49:30Z"),
        ("next update in 1 min".to_owned(), false)
    );
    assert_eq!(
        countdown("2026-11-23T09:50:00Z"),
        ("update due now".to_owned(), true)
    );
    assert_eq!(
        countdown("2026-11-23T09:53:10Z"),
        ("update due 3 min ago".to_owned(), true)
    );
}
