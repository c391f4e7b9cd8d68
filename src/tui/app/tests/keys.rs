//! Every hint shown is a key that works there, and every scrolling screen scrolls with the usual keys.

use super::*;

#[test]
fn every_hint_on_every_screen_is_a_key_that_does_something_there() {
    let places = every_place();
    let contexts: Vec<Context> = places.iter().map(|(_, a)| a.context()).collect();
    for expected in [
        Context::Matrix,
        Context::Searching,
        Context::Card,
        Context::Compare,
        Context::Scenarios,
        Context::Problems,
        Context::InterviewInput,
        Context::InterviewChoice,
        Context::Checklist,
        Context::Editor,
        Context::Prompt,
        Context::Export,
        Context::Notes,
        Context::Resume,
        Context::Timeline,
        Context::Draft,
        Context::DraftEditor,
    ] {
        assert!(contexts.contains(&expected), "no place has {expected:?}");
    }
    for (place, start) in places {
        for (keys, words) in crate::tui::keymap::hints(start.context()) {
            let mut a = start.clone();
            // `↑↓` on a list's first row: the second key is the one that moves.
            let label = if keys == "↑↓" { "↓" } else { keys };
            let before = format!("{a:?}");
            let effects = press_label(&mut a, label);
            let changed = format!("{a:?}") != before;
            assert!(
                changed || !effects.is_empty(),
                "{place}: the hint `{keys} {words}` does nothing"
            );
        }
    }
}

#[test]
fn every_scrolling_screen_scrolls_with_the_usual_keys() {
    let mut scrolled = 0;
    for (place, start) in every_place() {
        let scrolls = matches!(
            start.screen(),
            Screen::Card(_)
                | Screen::Compare(_)
                | Screen::Problems(_)
                | Screen::Export(_)
                | Screen::Timeline(_)
        ) || matches!(start.screen(), Screen::Draft(d) if d.editor.is_none());
        if !scrolls {
            continue;
        }
        let mut a = start.clone();
        a.shared.viewport = (60, 16);
        let mut terminal =
            ratatui::Terminal::new(ratatui::backend::TestBackend::new(60, 16)).unwrap();
        let mut draw = |a: &App| {
            terminal
                .draw(|frame| super::draw(frame.buffer_mut(), a))
                .unwrap();
        };
        let offset = |a: &App| match a.screen() {
            Screen::Card(s) => s.scroll.offset(),
            Screen::Compare(s) => s.scroll.offset(),
            Screen::Problems(s) => s.scroll.offset(),
            Screen::Export(s) => s.scroll.offset(),
            Screen::Timeline(s) => s.scroll.offset(),
            Screen::Draft(s) => s.scroll.offset(),
            _ => usize::MAX,
        };
        for label in ["j", "↓", "PgDn"] {
            draw(&a);
            let before = offset(&a);
            press_label(&mut a, label);
            assert!(offset(&a) > before, "{place}: {label}");
        }
        press_label(&mut a, "G");
        draw(&a);
        // Drawing clamps the offset to the text: the first key up moves at once.
        let bottom = offset(&a);
        assert!(bottom < 10_000, "{place}: G is clamped when drawn");
        if bottom < 3 {
            // The whole text fits: nothing to scroll back through.
            continue;
        }
        scrolled += 1;
        press_label(&mut a, "k");
        assert_eq!(offset(&a), bottom - 1, "{place}: k after G");
        press_label(&mut a, "↑");
        press_label(&mut a, "PgUp");
        draw(&a);
        assert!(offset(&a) < bottom - 2, "{place}: up after G");
        press_label(&mut a, "g");
        assert_eq!(offset(&a), 0, "{place}: g");
    }
    assert!(
        scrolled >= 3,
        "card, comparison and escalation scroll at 60x16"
    );
}
