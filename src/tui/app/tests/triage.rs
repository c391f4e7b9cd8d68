//! The interview and checklist by key: answers, findings, notes and their drafts, saving.

use super::*;

#[test]
fn the_interview_leads_to_the_checklist_with_answers_kept() {
    let a = triage_at_checklist();
    let triage = a.triage.as_ref().unwrap();
    assert_eq!(a.context(), Context::Checklist);
    assert_eq!(triage.session.stage, Stage::Checklist);
    let answers = &triage.session.interview.answers;
    assert_eq!(
        answers["service"],
        crate::triage::Answer::Text("orders POST /v1/orders".into())
    );
    assert_eq!(
        answers["layer"],
        crate::triage::Answer::Choice("gateway".into())
    );
    assert_eq!(
        answers["spread"],
        crate::triage::Answer::Choice("intermittent".into())
    );
    assert!(!answers.contains_key("changed"), "skipped stays unanswered");
    for not_asked in ["valid", "allowed"] {
        assert!(!answers.contains_key(not_asked), "{not_asked} is not asked");
    }
    assert_eq!(
        triage.session.incident.endpoint, "orders POST /v1/orders",
        "the service answer fills the incident's endpoint"
    );
    assert_eq!(
        triage.session.checklist.steps.len(),
        3 + a.shared.card(0, 502).unwrap().checks.len()
    );
}

#[test]
fn typing_in_the_interview_never_triggers_commands() {
    let mut a = app();
    a.open_code(502);
    press_t(&mut a);
    assert_eq!(a.context(), Context::InterviewInput);
    // Keys that are commands elsewhere are text here.
    let keymap_q = crate::tui::keymap::action_for(
        ratatui::crossterm::event::KeyEvent::new(
            ratatui::crossterm::event::KeyCode::Char('q'),
            ratatui::crossterm::event::KeyModifiers::NONE,
        ),
        a.context(),
    );
    assert!(matches!(keymap_q, Some(Action::Edit(_))));
    typed(&mut a, "q?t");
    assert_eq!(a.triage.as_ref().unwrap().input.lines()[0], "q?t");
    assert!(matches!(a.screen(), Screen::Triage));
}

#[test]
fn a_wrong_code_is_refused_and_going_back_keeps_answers() {
    let backspace = Action::Edit(ratatui::crossterm::event::KeyEvent::new(
        ratatui::crossterm::event::KeyCode::Backspace,
        ratatui::crossterm::event::KeyModifiers::NONE,
    ));
    let mut a = app();
    a.open_code(502);
    press_t(&mut a);
    // Esc goes back to the code question, showing the answer for changing.
    a.update(Action::Back);
    assert_eq!(a.triage.as_ref().unwrap().input.lines()[0], "502");
    for _ in 0..3 {
        a.update(backspace.clone());
    }
    typed(&mut a, "999");
    a.update(Action::Open);
    assert!(a.triage.as_ref().unwrap().error.is_some(), "999 is refused");
    assert_eq!(a.triage.as_ref().unwrap().session.interview.position, 0);
    for _ in 0..3 {
        a.update(backspace.clone());
    }
    typed(&mut a, "504");
    a.update(Action::Open);
    let triage = a.triage.as_ref().unwrap();
    assert_eq!(triage.session.code, Some(504));
    assert_eq!(triage.session.interview.position, 1);
    // Esc twice: back to the code question, then out of the triage, which stays open.
    a.update(Action::Back);
    a.update(Action::Back);
    assert_eq!(card_of(&a), Some((0, 502, 0)));
    assert!(a.triage.is_some());
}

#[test]
fn marking_a_step_asks_for_a_finding_and_ruled_out_is_kept() {
    let mut a = triage_at_checklist();
    let effects = a.update(Action::Mark(crate::triage::Outcome::RuledOut));
    assert_eq!(effects, vec![Effect::Save], "a step change saves at once");
    assert_eq!(a.context(), Context::Prompt);
    typed(&mut a, "no upstream errors");
    a.update(Action::Open);
    let step = &a.triage.as_ref().unwrap().session.checklist.steps[0];
    assert_eq!(step.outcome, crate::triage::Outcome::RuledOut);
    assert_eq!(step.finding, "no upstream errors");
    a.update(Action::Down);
    a.update(Action::Mark(crate::triage::Outcome::Skipped));
    assert_eq!(a.context(), Context::Checklist, "skipping asks nothing");
    a.update(Action::Mark(crate::triage::Outcome::Pending));
    assert_eq!(
        a.triage.as_ref().unwrap().session.checklist.steps[1].outcome,
        crate::triage::Outcome::Pending
    );
}

#[test]
fn notes_are_stamped_and_drafts_saved_as_they_are_typed() {
    let mut a = triage_at_checklist();
    a.shared.now = at("2026-11-23T09:03:07Z");
    a.update(Action::Open);
    assert_eq!(a.context(), Context::Editor);
    let effects = a.update(key('x'));
    assert_eq!(effects, vec![Effect::SaveSoon]);
    assert_eq!(
        a.triage
            .as_ref()
            .unwrap()
            .session
            .draft
            .as_ref()
            .unwrap()
            .text,
        "x"
    );
    let long: String = (0..500).fold(String::new(), |mut text, i| {
        let _ = writeln!(text, "< header-{i}: value\u{1b}[31m");
        text
    });
    assert_eq!(
        a.update(Action::Paste(long)),
        vec![Effect::Save],
        "a paste saves at once"
    );
    assert_eq!(a.update(Action::Back), vec![Effect::Save]);
    let session = &a.triage.as_ref().unwrap().session;
    assert!(session.draft.is_none());
    let note = &session.notes[0];
    assert_eq!(note.target, NoteTarget::Step(0));
    assert_eq!(note.elapsed_label(), "T+03:07");
    assert!(
        note.text.starts_with("x< header-0: value\n< header-1"),
        "{}",
        &note.text[..40]
    );
    assert!(!note.text.contains('\u{1b}'));
    assert_eq!(note.text.lines().count(), 500);
}

#[test]
fn an_empty_note_is_not_kept() {
    let mut a = triage_at_checklist();
    a.update(Action::IncidentNote);
    a.update(Action::Save);
    assert!(a.triage.as_ref().unwrap().session.notes.is_empty());
}

#[test]
fn incident_details_are_asked_field_by_field() {
    let mut a = triage_at_checklist();
    a.update(Action::Details);
    typed(&mut a, "Checkout 502s");
    a.update(Action::Open);
    typed(&mut a, "SEV2");
    a.update(Action::Open);
    a.update(Action::Back);
    let incident = &a.triage.as_ref().unwrap().session.incident;
    assert_eq!(incident.title, "Checkout 502s");
    assert_eq!(incident.severity, "SEV2");
    assert!(incident.environment.is_empty());
}

#[test]
fn quitting_with_a_note_open_saves_first() {
    let mut a = triage_at_checklist();
    a.update(Action::IncidentNote);
    typed(&mut a, "half a thought");
    assert_eq!(a.update(Action::Quit), vec![Effect::Save, Effect::Quit]);
    assert_eq!(
        a.triage
            .as_ref()
            .unwrap()
            .session
            .draft
            .as_ref()
            .unwrap()
            .text,
        "half a thought"
    );
}

#[test]
fn a_resumed_session_reopens_its_draft_and_place() {
    let mut a = triage_at_checklist();
    a.update(Action::IncidentNote);
    typed(&mut a, "unfinished");
    let session = a.triage.as_ref().unwrap().session.clone();
    let mut b = app();
    b.resume(session);
    assert!(matches!(b.screen(), Screen::Triage));
    assert_eq!(b.context(), Context::Editor);
    assert_eq!(
        b.triage.as_ref().unwrap().editor.as_ref().unwrap().lines(),
        ["unfinished"]
    );
}

#[test]
fn a_failed_save_is_shown_and_a_later_success_clears_it() {
    let mut a = triage_at_checklist();
    a.saved(Err("read-only file system".into()));
    assert!(
        matches!(&a.triage.as_ref().unwrap().save, SaveStatus::Failed(e) if e.contains("read-only"))
    );
    a.saved(Ok(()));
    assert!(matches!(
        a.triage.as_ref().unwrap().save,
        SaveStatus::Saved(_)
    ));
}
