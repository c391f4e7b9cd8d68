//! The timeline (`T`) and the status update (`u`): what they show, filter, edit and copy, and
//! what copying leaves in the triage.

use super::*;
use crate::session::EntryKind;

fn timeline_of(a: &App) -> &crate::tui::screens::timeline::TimelineScreen {
    match a.screen() {
        Screen::Timeline(screen) => screen,
        _ => panic!("not on the timeline"),
    }
}

#[test]
fn the_timeline_holds_answers_steps_and_notes_in_order_and_filters_by_kind() {
    let mut a = triage_at_checklist();
    a.shared.now = at("2026-11-23T09:04:00Z");
    press_label(&mut a, "o");
    typed(&mut a, "no restarts");
    press_label(&mut a, "Enter");
    a.shared.now = at("2026-11-23T09:06:00Z");
    press_label(&mut a, "a");
    typed(&mut a, "paged by checkout");
    press_label(&mut a, "Esc");
    press_label(&mut a, "T");
    let kinds: Vec<EntryKind> = timeline_of(&a).entries.iter().map(|e| e.kind).collect();
    assert_eq!(kinds.first(), Some(&EntryKind::Start));
    assert!(
        kinds.iter().filter(|k| **k == EntryKind::Answer).count() >= 2,
        "{kinds:?}"
    );
    let step = timeline_of(&a)
        .entries
        .iter()
        .find(|e| e.kind == EntryKind::Step)
        .expect("the ruled-out step");
    assert!(step.line.starts_with("step 1 ruled out: "), "{}", step.line);
    assert!(step.line.ends_with(" — no restarts"), "{}", step.line);
    assert_eq!(step.stamp.since_start, 240);
    assert_eq!(kinds.last(), Some(&EntryKind::Note));

    let screen = screen_text(&a, 80, 24);
    assert!(screen.contains("Timeline: all "), "{screen}");
    assert!(
        screen.contains("T+04:00 09:04:00Z step     step 1 ruled out"),
        "{screen}"
    );
    // Narrow: the stamp on its own line, the words under it with the width to themselves.
    let narrow = screen_text(&a, 60, 16);
    assert!(
        narrow.contains("│  T+00:00 09:00:00Z start        "),
        "{narrow}"
    );
    assert!(narrow.contains("│    triage started (502) "), "{narrow}");

    // f shows one kind at a time, in a fixed order, then all again.
    press_label(&mut a, "f");
    assert_eq!(timeline_of(&a).filter, Some(EntryKind::Start));
    press_label(&mut a, "f");
    assert_eq!(timeline_of(&a).filter, Some(EntryKind::Answer));
    let screen = screen_text(&a, 80, 24);
    assert!(!screen.contains(" step "), "{screen}");
    let effects = press_label(&mut a, "y");
    let Some(Effect::Copy { text, what }) = effects.last() else {
        panic!("nothing copied: {effects:?}");
    };
    assert_eq!(*what, Copying::Timeline);
    assert!(
        text.starts_with("| T+ | UTC | local | kind | what |"),
        "{text}"
    );
    assert!(
        text.lines().skip(2).all(|row| row.contains("| answer |")),
        "{text}"
    );
    let mut presses = 0;
    while timeline_of(&a).filter.is_some() && presses <= EntryKind::ALL.len() {
        press_label(&mut a, "f");
        presses += 1;
    }
    assert_eq!(
        presses, 4,
        "details (the endpoint), step, note, then every kind"
    );
    press_label(&mut a, "Esc");
    assert!(matches!(a.screen(), Screen::Triage));
}

fn draft_of(a: &App) -> &crate::tui::screens::draft::DraftScreen {
    match a.screen() {
        Screen::Draft(screen) => screen,
        _ => panic!("not on a draft"),
    }
}

#[test]
fn a_status_update_is_drafted_edited_redacted_copied_and_restarts_the_countdown() {
    let mut a = triage_at_checklist();
    a.triage.as_mut().unwrap().session.incident.severity = "SEV2".into();
    a.shared.now = at("2026-11-23T09:10:00Z");
    let header = screen_text(&a, 100, 30);
    assert!(header.contains("next update in 20 min"), "{header}");
    a.shared.now = at("2026-11-23T09:33:00Z");
    let header = screen_text(&a, 100, 30);
    assert!(
        header.contains("update due 3 min ago (u drafts it)"),
        "{header}"
    );

    press_label(&mut a, "u");
    let screen = screen_text(&a, 100, 30);
    assert!(screen.contains("Status update · Slack"), "{screen}");
    assert!(
        screen.contains("Every 30 min (SEV2): update due 3 min ago."),
        "{screen}"
    );
    assert!(
        screen.contains("*Investigating: [SEV2] 502 Bad Gateway"),
        "{screen}"
    );
    press_label(&mut a, "f");
    assert_eq!(draft_of(&a).versions[draft_of(&a).shown].format, Format::Md);
    press_label(&mut a, "e");
    assert_eq!(a.context(), Context::DraftEditor);
    typed(
        &mut a,
        "Ops note: token ghp_0123456789abcdefghijABCDEFGHIJ012345. ",
    );
    press_label(&mut a, "Esc");
    assert_eq!(
        a.context(),
        Context::Draft,
        "Esc keeps the edit, stays on the draft"
    );
    let screen = screen_text(&a, 100, 30);
    assert!(
        screen.contains("Status update · Markdown, edited"),
        "{screen}"
    );
    // An edit not copied is not dropped by one Esc.
    press_label(&mut a, "Esc");
    assert_eq!(a.context(), Context::Draft);
    assert!(
        a.notice
            .as_deref()
            .is_some_and(|n| n.starts_with("Your edit is not copied yet: y copies it")),
        "{:?}",
        a.notice
    );
    let effects = press_label(&mut a, "y");
    let Some(Effect::Copy { text, what }) = effects.last() else {
        panic!("nothing copied: {effects:?}");
    };
    assert!(text.starts_with("Ops note: token "), "{text}");
    assert!(
        !text.contains("ghp_0123456789"),
        "the copy is redacted: {text}"
    );
    assert!(text.contains("**Investigating: "), "{text}");
    let what = what.clone();
    a.copied(&what, "copied to the clipboard", false);
    let session = &a.triage.as_ref().unwrap().session;
    assert_eq!(session.updates_sent().0, 1);
    press_label(&mut a, "Esc");
    let header = screen_text(&a, 100, 30);
    assert!(header.contains("next update in 30 min"), "{header}");
    press_label(&mut a, "T");
    let last = timeline_of(&a).entries.last().unwrap();
    assert_eq!(last.kind, EntryKind::Update);
    assert!(
        last.line
            .starts_with("status update copied: Ops note: token "),
        "{}",
        last.line
    );
}

#[test]
fn the_hand_off_is_drafted_in_three_formats_and_kept_in_the_timeline_when_copied() {
    let mut a = triage_at_checklist();
    press_label(&mut a, "o");
    typed(&mut a, "ingress log clean");
    press_label(&mut a, "Enter");
    press_label(&mut a, "H");
    let formats: Vec<Format> = draft_of(&a).versions.iter().map(|v| v.format).collect();
    assert_eq!(formats, [Format::Md, Format::Slack, Format::Text]);
    let screen = screen_text(&a, 100, 40);
    assert!(screen.contains("Hand-off · Markdown"), "{screen}");
    assert!(screen.contains("api-triage resume FOLDER"), "{screen}");
    assert!(
        screen.contains("ingress log clean"),
        "the ruled-out step and why: {screen}"
    );
    let effects = press_label(&mut a, "Enter");
    let Some(Effect::Copy { what, .. }) = effects.last() else {
        panic!("nothing copied: {effects:?}");
    };
    let what = what.clone();
    assert!(matches!(what, Copying::HandOff { .. }));
    a.copied(&what, "copied to the clipboard", false);
    press_label(&mut a, "Esc");
    press_label(&mut a, "T");
    let last = timeline_of(&a).entries.last().unwrap();
    assert_eq!(last.kind, EntryKind::HandOff);
    assert!(last.line.starts_with("handed off: "), "{}", last.line);
}

#[test]
fn an_update_that_reached_no_clipboard_nor_file_is_not_kept_and_restarts_nothing() {
    let mut a = triage_at_checklist();
    press_label(&mut a, "u");
    let effects = press_label(&mut a, "y");
    let Some(Effect::Copy { what, .. }) = effects.last() else {
        panic!("nothing copied: {effects:?}");
    };
    let what = what.clone();
    a.copy_failed(&what, "NOT copied, nor written to /state/copies");
    assert_eq!(a.triage.as_ref().unwrap().session.updates_sent().0, 0);
    assert!(
        a.notice
            .as_deref()
            .is_some_and(|n| n.starts_with("Status update NOT copied")),
        "{:?}",
        a.notice
    );
}

#[test]
fn without_a_cadence_the_update_says_so_and_the_header_counts_nothing() {
    let mut a = triage_at_checklist();
    // The default runbook's `default` cadence applies to any severity: take it away.
    let mut report = load_texts(Vec::new(), None);
    for runbook in &mut report.runbooks {
        runbook.update_every_minutes.clear();
    }
    a.shared.matrix = Matrix::from_report(&report);
    let header = screen_text(&a, 100, 30);
    assert!(!header.contains("next update"), "{header}");
    press_label(&mut a, "u");
    let screen = screen_text(&a, 100, 30);
    assert!(
        screen.contains("The runbook sets no update cadence for no severity set"),
        "{screen}"
    );
    assert!(
        screen.contains("*Next update:* when we know more"),
        "{screen}"
    );
}

#[test]
fn the_timeline_hides_a_secret_typed_in_a_finding_as_the_triage_does() {
    let mut a = triage_at_checklist();
    press_label(&mut a, "o");
    typed(
        &mut a,
        "pool token ghp_0123456789abcdefghijABCDEFGHIJ012345 expired",
    );
    press_label(&mut a, "Enter");
    press_label(&mut a, "T");
    let step = timeline_of(&a)
        .entries
        .iter()
        .find(|e| e.kind == EntryKind::Step)
        .expect("the ruled-out step");
    assert!(
        !step.line.contains("ghp_0123456789"),
        "shown on a shared screen: {}",
        step.line
    );
    let effects = press_label(&mut a, "y");
    let Some(Effect::Copy { text, .. }) = effects.last() else {
        panic!("nothing copied: {effects:?}");
    };
    assert!(!text.contains("ghp_0123456789"), "copied: {text}");
}

#[test]
fn the_timeline_is_copied_redacted_even_while_secrets_are_revealed() {
    let mut a = triage_at_checklist();
    press_label(&mut a, "o");
    typed(
        &mut a,
        "pool token ghp_0123456789abcdefghijABCDEFGHIJ012345 expired",
    );
    press_label(&mut a, "Enter");
    press_label(&mut a, "v");
    press_label(&mut a, "T");
    let effects = press_label(&mut a, "y");
    let Some(Effect::Copy { text, .. }) = effects.last() else {
        panic!("nothing copied: {effects:?}");
    };
    assert!(text.contains("pool token "), "{text}");
    assert!(!text.contains("ghp_0123456789"), "copied: {text}");
}

#[test]
fn the_countdown_after_a_copy_counts_to_the_time_the_update_promised() {
    let mut a = triage_at_checklist();
    a.triage.as_mut().unwrap().session.incident.severity = "SEV2".into();
    a.shared.now = at("2026-11-23T09:40:50Z");
    press_label(&mut a, "u");
    let text = &draft_of(&a).versions[0].text;
    assert!(text.contains("by 10:10 UTC (every 30 min)"), "{text}");
    // Read over and corrected for a few minutes before it goes out.
    a.shared.now = at("2026-11-23T09:47:00Z");
    let effects = press_label(&mut a, "y");
    let Some(Effect::Copy { what, .. }) = effects.last() else {
        panic!("nothing copied: {effects:?}");
    };
    let what = what.clone();
    a.copied(&what, "copied to the clipboard", false);
    press_label(&mut a, "Esc");
    a.shared.now = at("2026-11-23T10:09:30Z");
    let header = screen_text(&a, 100, 30);
    assert!(header.contains("next update in 1 min"), "{header}");
    a.shared.now = at("2026-11-23T10:10:00Z");
    let header = screen_text(&a, 100, 30);
    assert!(
        header.contains("update due now"),
        "the stakeholders were told 10:10: {header}"
    );
}
