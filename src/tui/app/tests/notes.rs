//! The notes view: correcting and striking notes, and what the escalation does with struck ones.

use super::*;

#[test]
fn the_notes_view_corrects_and_strikes_notes_by_key() {
    let mut a = with_two_notes_in_the_notes_view();
    assert_eq!(a.context(), Context::Notes);
    let view = |a: &App| {
        a.triage
            .as_ref()
            .unwrap()
            .notes_view
            .as_ref()
            .unwrap()
            .selected()
    };
    assert_eq!(view(&a), 0, "opens on the oldest note");
    press_label(&mut a, "G");
    assert_eq!(view(&a), 1, "G: the newest");
    press_label(&mut a, "j");
    assert_eq!(view(&a), 1, "stays on the last");
    press_label(&mut a, "k");
    assert_eq!(view(&a), 0);
    // Letters here are commands, never text: `e` opens the editor on the note, prefilled.
    assert_eq!(press_label(&mut a, "e"), vec![Effect::SaveSoon]);
    assert_eq!(a.context(), Context::Editor);
    let triage = a.triage.as_ref().unwrap();
    assert_eq!(
        triage.editor.as_ref().unwrap().lines(),
        ["ingress log: upstream reset"]
    );
    assert_eq!(triage.session.draft.as_ref().unwrap().editing, Some(0));
    a.shared.now = at("2026-11-23T09:07:30Z");
    typed(&mut a, " (pod orders-7d9)");
    assert_eq!(press_label(&mut a, "Esc"), vec![Effect::Save]);
    assert_eq!(
        a.context(),
        Context::Notes,
        "back in the view after the edit"
    );
    let session = &a.triage.as_ref().unwrap().session;
    assert_eq!(session.notes.len(), 2, "corrected, not added");
    let note = &session.notes[0];
    assert_eq!(note.text, "ingress log: upstream reset (pod orders-7d9)");
    assert_eq!(note.target, NoteTarget::Step(0));
    assert_eq!(note.elapsed_label(), "T+02:00", "the first stamp stays");
    let edited = note.edited.as_ref().unwrap().line();
    assert!(edited.starts_with("T+07:30 · 09:07:30Z · "), "{edited}");
    assert!(session.draft.is_none());
    // An edit left as it was adds no stamp.
    press_label(&mut a, "j");
    press_label(&mut a, "e");
    a.shared.now = at("2026-11-23T09:08:00Z");
    press_label(&mut a, "Esc");
    assert_eq!(a.triage.as_ref().unwrap().session.notes[1].edited, None);
    // Struck: kept, marked; struck again: back.
    assert_eq!(press_label(&mut a, "x"), vec![Effect::Save]);
    assert!(a.triage.as_ref().unwrap().session.notes[1].struck);
    assert_eq!(a.triage.as_ref().unwrap().session.notes.len(), 2);
    press_label(&mut a, "d");
    assert!(
        !a.triage.as_ref().unwrap().session.notes[1].struck,
        "d strikes it back in"
    );
    press_label(&mut a, "x");
    press_label(&mut a, "Esc");
    assert_eq!(a.context(), Context::Checklist, "Esc leaves the view only");
    assert!(a.triage.as_ref().unwrap().session.notes[1].struck);
}

#[test]
fn a_struck_note_stays_out_of_the_escalation_until_asked_for() {
    let mut a = with_two_notes_in_the_notes_view();
    press_label(&mut a, "G");
    press_label(&mut a, "x");
    press_label(&mut a, "Esc");
    press_label(&mut a, "x");
    let preview = |a: &App| match a.screen() {
        Screen::Export(s) => s.preview.as_ref().unwrap().text.clone(),
        _ => panic!("not on the escalation screen"),
    };
    let text = preview(&a);
    assert!(text.contains("upstream reset"), "{text}");
    assert!(
        !text.contains("9f1"),
        "the struck note and its id are left out\n{text}"
    );
    let before = format!("{a:?}");
    press_label(&mut a, "s");
    assert_ne!(format!("{a:?}"), before);
    let text = preview(&a);
    assert!(text.contains("STRUCK OUT · T+03:00"), "{text}");
    assert!(text.contains("x-request-id: 9f1"), "{text}");
    let Some(Effect::WriteBundle { files, .. }) = press_label(&mut a, "Enter").pop() else {
        panic!("no bundle written");
    };
    let json = &files.iter().find(|f| f.name == "bundle.json").unwrap().text;
    assert!(json.contains("\"struck\": true"), "{json}");
    press_label(&mut a, "s");
    let Some(Effect::WriteBundle { files, .. }) = press_label(&mut a, "Enter").pop() else {
        panic!("no bundle written");
    };
    for file in &files {
        assert!(!file.text.contains("9f1"), "{}: {}", file.name, file.text);
    }
}

#[test]
fn a_correction_interrupted_by_a_crash_reopens_as_a_correction() {
    let mut a = with_two_notes_in_the_notes_view();
    press_label(&mut a, "j");
    press_label(&mut a, "e");
    typed(&mut a, " and more");
    let session = a.triage.as_ref().unwrap().session.clone();
    let mut b = app();
    b.resume(session);
    assert_eq!(b.context(), Context::Editor);
    b.shared.now = at("2026-11-23T09:09:00Z");
    press_label(&mut b, "Esc");
    let notes = &b.triage.as_ref().unwrap().session.notes;
    assert_eq!(notes.len(), 2);
    assert!(notes[1].text.ends_with("9f1 and more"), "{}", notes[1].text);
    assert!(notes[1].edited.is_some());
}
