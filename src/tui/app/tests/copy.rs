//! `y` copies the exact command of a card's place or a checklist step.

use super::*;

#[test]
fn y_on_a_card_copies_the_marked_places_command_exactly() {
    let mut a = app();
    a.open_code(503);
    let places = a.shared.card(0, 503).unwrap().look_first;
    // The first place until another is picked; placeholders kept as the runbook writes them.
    assert!(
        places[0].how.contains("\"<namespace>\""),
        "{}",
        places[0].how
    );
    assert_eq!(
        copies(&press_label(&mut a, "y")),
        [(places[0].how.clone(), command_of("place 1"))]
    );
    let examples = a.shared.card(0, 503).unwrap().examples.len();
    let picks = format!("▸ y copies, r runs place 1 · 1-{} picks", 3 + examples);
    assert!(screen_text(&a, 80, 24).contains(&picks));
    press_label(&mut a, "3");
    assert_eq!(
        copies(&press_label(&mut a, "y")),
        [(places[2].how.clone(), command_of("place 3"))]
    );
    // Picking a place brings it into view, marked, at a small size too.
    a.shared.viewport = (60, 16);
    let screen = screen_text(&a, 60, 16);
    assert!(screen.contains("▸3. Envoy response flags"), "{screen}");
    assert!(screen.contains("r runs place 3"), "{screen}");
    // After the places come the examples: 4 is the first, copied as the runbook writes it.
    let first_example = a.shared.card(0, 503).unwrap().examples[0].request.clone();
    assert!(press_label(&mut a, "4").is_empty());
    assert_eq!(
        copies(&press_label(&mut a, "y")),
        [(first_example, command_of("example 4"))]
    );
    // A digit past the last item picks nothing and changes nothing.
    assert!(examples < 6, "503 should leave 9 unnumbered for this test");
    assert!(press_label(&mut a, "9").is_empty());
    assert!(
        a.notice
            .as_deref()
            .unwrap_or("")
            .contains("9 is not one of them")
    );
    assert_eq!(
        copies(&press_label(&mut a, "y")),
        [(
            a.shared.card(0, 503).unwrap().examples[0].request.clone(),
            command_of("example 4")
        )]
    );
}

#[test]
fn y_on_a_checklist_step_copies_its_command_and_capital_y_the_summary() {
    let mut a = triage_at_checklist();
    let steps = a.triage.as_ref().unwrap().session.checklist.steps.clone();
    press_label(&mut a, "↓");
    let how = steps[1].how.clone().expect("a first place has a command");
    assert_eq!(
        copies(&press_label(&mut a, "y")),
        [(how, command_of("step 2"))]
    );
    // The status line says which way it went, naming what went.
    a.copied(
        &command_of("step 2"),
        "sent to your terminal's clipboard (OSC 52 through tmux)",
        false,
    );
    assert_eq!(
        a.notice.as_deref(),
        Some("Command of step 2 sent to your terminal's clipboard (OSC 52 through tmux)")
    );
    // A check has no command: it says so, and which key copies the summary.
    press_label(&mut a, "↓");
    press_label(&mut a, "↓");
    assert!(steps[3].how.is_none());
    assert!(copies(&press_label(&mut a, "y")).is_empty());
    assert_eq!(
        a.notice.as_deref(),
        Some("Step 4 has no command to copy (Y copies the summary).")
    );
    // Y copies the summary from the checklist, y on the escalation screen as before.
    let summary = copies(&press_label(&mut a, "Y"));
    assert!(
        matches!(&summary[..], [(text, Copying::Summary)] if text.contains("502")),
        "{summary:?}"
    );
    press_label(&mut a, "x");
    assert_eq!(a.context(), Context::Export);
    let summary = copies(&press_label(&mut a, "y"));
    assert!(
        matches!(&summary[..], [(_, Copying::Summary)]),
        "{summary:?}"
    );
}
