//! The offer to resume an open triage of the code when `t` is pressed.

use super::*;

#[test]
fn t_on_a_code_with_open_triages_offers_to_resume_the_newest() {
    let dir = tempfile::tempdir().unwrap();
    let open = open_502_triages(dir.path());
    assert_eq!(open.len(), 2, "the exported one is not offered");
    let mut a = app();
    a.shared.now = at("2026-11-23T09:00:00Z");
    a.open_code(502);
    let effects = a.update(Action::Triage);
    let Some(Effect::FindOpen { runbook, code }) = effects.first().cloned() else {
        panic!("{effects:?}");
    };
    assert!(a.offer_resume(runbook, code, open).is_empty());
    assert_eq!(a.context(), Context::Resume);
    assert!(a.triage.is_none(), "nothing started yet");
    // Enter resumes the newest; the loop opens it and hands it back.
    assert_eq!(
        press_label(&mut a, "Enter"),
        vec![Effect::Resume {
            id: "20261123-080000-502".into()
        }]
    );
    // Opening can fail (another app has it): said, and the offer stays.
    a.resumed(Err(
        "session 20261123-080000-502 is open in another api-triage (pid 7)".into(),
    ));
    assert_eq!(a.context(), Context::Resume);
    assert!(a.notice.as_deref().unwrap().contains("pid 7"));
    // ↓ then r picks the older one.
    press_label(&mut a, "↓");
    assert_eq!(
        press_label(&mut a, "r"),
        vec![Effect::Resume {
            id: "20261123-070000-502".into()
        }]
    );
    let journal = crate::session::Journal::new(dir.path());
    a.resumed(Ok(journal.load("20261123-070000-502").unwrap()));
    assert!(matches!(a.screen(), Screen::Triage));
    assert_eq!(a.triage.as_ref().unwrap().session.id, "20261123-070000-502");
    // The offer is gone: leaving the triage leads back to the card.
    assert!(matches!(a.stack[a.stack.len() - 2], Screen::Card(_)));
    assert!(!a.stack.iter().any(|s| matches!(s, Screen::Resume(_))));
}

#[test]
fn n_starts_a_new_triage_and_esc_starts_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app();
    a.open_code(502);
    a.update(Action::Triage);
    a.offer_resume(0, 502, open_502_triages(dir.path()));
    press_label(&mut a, "Esc");
    assert!(matches!(a.screen(), Screen::Card(_)));
    assert!(a.triage.is_none());
    a.update(Action::Triage);
    a.offer_resume(0, 502, open_502_triages(dir.path()));
    assert_eq!(press_label(&mut a, "n"), vec![Effect::Save]);
    assert!(matches!(a.screen(), Screen::Triage));
    assert_eq!(a.triage.as_ref().unwrap().session.code, Some(502));
    assert_eq!(
        a.triage.as_ref().unwrap().session.notes.len(),
        0,
        "a new one"
    );
    // The offer was left before the triage opened: the card is below it.
    assert!(matches!(a.stack[a.stack.len() - 2], Screen::Card(_)));
    assert!(!a.stack.iter().any(|s| matches!(s, Screen::Resume(_))));
}

#[test]
fn the_offer_shows_title_age_notes_and_evidence_over_the_card() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app();
    a.shared.now = at("2026-11-23T09:00:00Z");
    a.open_code(502);
    a.update(Action::Triage);
    a.offer_resume(0, 502, open_502_triages(dir.path()));
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).unwrap();
    terminal
        .draw(|frame| super::draw(frame.buffer_mut(), &a))
        .unwrap();
    let screen = format!("{}", terminal.backend());
    for text in [
        "Open triages for 502",
        "2 triages for 502 are still open (not exported).",
        "Checkout failing · 50 min ago · 1 note",
        "502 from a reverse proxy or gateway (nginx)",
        "(untitled) · 1 h ago · 1 note",
        "Enter resume the selected one · n start a new one · Esc cancel",
        "502 Bad Gateway",
    ] {
        assert!(screen.contains(text), "{text}\n{screen}");
    }
}
