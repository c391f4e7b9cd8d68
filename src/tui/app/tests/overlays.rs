//! The help overlay, long notices, and prompts and titles that must say what the key table and columns say.

use super::*;

#[test]
fn help_scrolls_with_the_scrolling_keys_and_closes_on_esc_q_and_question_mark() {
    let mut a = triage_at_checklist();
    let rows = drawn(&mut a, 60, 16);
    assert!(!rows.join("\n").contains("Keys"));
    press_label(&mut a, "?");
    assert!(a.help_open);
    assert_eq!(a.context(), Context::Help);
    let rows = drawn(&mut a, 60, 16);
    let screen = rows.join("\n");
    assert!(screen.contains("↓ more below"), "{screen}");
    assert!(!screen.contains("Shift+drag"), "the end is below: {screen}");
    // The status line names the help's keys in the words of the overlay's foot.
    assert!(rows[15].contains("↑↓ scroll · Esc close"), "{}", rows[15]);
    assert!(
        screen.contains("↑↓ PgUp PgDn g G scroll · Esc q ? close"),
        "{screen}"
    );
    for label in ["j", "↓", "PgDn"] {
        let before = a.help_scroll.offset();
        press_label(&mut a, label);
        assert!(a.help_open, "{label} scrolls, it does not close");
        assert!(a.help_scroll.offset() > before, "{label}");
        drawn(&mut a, 60, 16);
    }
    press_label(&mut a, "G");
    let screen = drawn(&mut a, 60, 16).join("\n");
    assert!(
        screen.contains("Shift+drag selects text to copy."),
        "{screen}"
    );
    assert!(
        screen.contains("↑ more above") && !screen.contains("more below"),
        "{screen}"
    );
    // Clamped when drawn: the first key up moves at once.
    let bottom = a.help_scroll.offset();
    press_label(&mut a, "k");
    assert_eq!(a.help_scroll.offset(), bottom - 1);
    press_label(&mut a, "g");
    assert_eq!(a.help_scroll.offset(), 0);
    press_label(&mut a, "Esc");
    let steps = format!("{:?}", a.triage.as_ref().unwrap().session.checklist);
    for closing in ["Esc", "q", "?"] {
        press_label(&mut a, "?");
        press_label(&mut a, "G");
        assert!(a.help_open);
        let effects = press_label(&mut a, closing);
        assert!(!a.help_open, "{closing} closes the help");
        assert!(effects.is_empty(), "{closing} only closes: {effects:?}");
        assert_eq!(
            a.context(),
            Context::Checklist,
            "{closing}: still on the checklist"
        );
        press_label(&mut a, "?");
        assert_eq!(a.help_scroll.offset(), 0, "the help opens at its top again");
        press_label(&mut a, "Esc");
    }
    // Any other key closes it too, and does nothing else: `d` marks no step.
    press_label(&mut a, "?");
    press_label(&mut a, "d");
    assert!(!a.help_open);
    assert_eq!(
        format!("{:?}", a.triage.as_ref().unwrap().session.checklist),
        steps
    );
    // Ctrl-C still quits from the help.
    press_label(&mut a, "?");
    assert!(press_label(&mut a, "Ctrl-C").contains(&Effect::Quit));
}

#[test]
fn every_help_can_be_read_to_its_end_at_the_smallest_size() {
    for (place, start) in every_place() {
        let mut a = start.clone();
        if crate::tui::keymap::action_for(crate::tui::keymap::key_of("?"), a.context())
            != Some(Action::Help)
        {
            continue;
        }
        press_label(&mut a, "?");
        assert!(a.help_open, "{place}");
        let context = a.screen_context();
        let mut seen = String::new();
        for _ in 0..20 {
            seen.push_str(&drawn(&mut a, 60, 16).join("\n"));
            press_label(&mut a, "PgDn");
        }
        for (keys, what) in crate::tui::keymap::help_rows(context) {
            // Each row's keys and the first words of what they do, wrapped or not.
            let start: String = what.split(' ').take(2).collect::<Vec<_>>().join(" ");
            assert!(
                seen.contains(&format!(" {keys:<8}{start}")),
                "{place}: `{keys} {what}` never shown"
            );
        }
        assert!(seen.contains("Shift+drag selects text to copy."), "{place}");
    }
}

#[test]
fn a_notice_too_long_for_the_status_line_is_shown_whole_until_the_next_key() {
    // What a copy says in a tmux that drops OSC 52 (src/clipboard): where the summary went
    // and the fix, the two things cut off at 80 columns before.
    let copied = crate::clipboard::Copied {
        via: crate::clipboard::Via::File(
            "/home/oncall/.local/state/api-triage/copies/summary-3b760f8b9138b79a.md".into(),
        ),
        warning: Some(
            "tmux ignores OSC 52 from programs here (set-clipboard is external); \
             `tmux set -g set-clipboard on` makes the next copy work"
                .to_owned(),
        ),
    };
    for (width, height) in [(80, 24), (60, 16)] {
        let mut a = triage_at_checklist();
        a.saved(Ok(()));
        a.copied(
            &crate::tui::effect::Copying::Summary,
            &copied.describe(),
            true,
        );
        let rows = drawn(&mut a, width, height);
        // Every character of it, in order (a path longer than the line is broken, at 60).
        let squeezed = |text: &str| text.split_whitespace().collect::<String>();
        let said = squeezed(&format!("Summary {}", copied.describe()));
        assert!(
            squeezed(&rows.join(" ")).contains(&said),
            "{width}x{height}: not whole\n{}",
            rows.join("\n")
        );
        // The status line keeps its hints and the save state under it.
        let last = &rows[usize::from(height) - 1];
        assert!(last.contains("? help") && last.contains("saved"), "{last}");
        press_label(&mut a, "↓");
        let rows = drawn(&mut a, width, height);
        assert!(
            !rows.join("\n").contains("set-clipboard"),
            "the next key clears it"
        );
    }
    // A notice that fits stays on the status line, in place of the hints.
    let mut a = triage_at_checklist();
    a.notice = Some("Summary copied to the clipboard".to_owned());
    let rows = drawn(&mut a, 80, 24);
    assert!(
        rows[23].starts_with("Summary copied to the clipboard"),
        "{}",
        rows[23]
    );
    assert_eq!(
        rows.iter().filter(|r| r.contains("Summary copied")).count(),
        1
    );
}

#[test]
fn the_finding_prompt_names_its_keys_in_the_words_of_the_status_line() {
    use crate::tui::keymap::hint_for;
    let mut a = triage_at_checklist();
    press_label(&mut a, "f");
    assert_eq!(a.context(), Context::Prompt);
    for (width, height) in [(80, 24), (60, 16)] {
        let rows = drawn(&mut a, width, height);
        let status = &rows[usize::from(height) - 1];
        let box_rows = rows[..usize::from(height) - 1].join("\n");
        assert!(box_rows.contains("Finding for step 1"), "{box_rows}");
        for action in [Action::Open, Action::Back] {
            let (keys, words) = hint_for(Context::Prompt, &action).unwrap();
            assert_eq!(keys, crate::tui::keymap::key_for(Context::Prompt, &action));
            let said = format!("{keys} {words}");
            assert!(
                box_rows.contains(&said),
                "the prompt says `{said}`: {box_rows}"
            );
            assert!(
                status.contains(&said),
                "the status line says `{said}`: {status}"
            );
        }
        assert!(!box_rows.contains("skips"), "{box_rows}");
    }
}

#[test]
fn the_compare_title_and_heading_list_the_codes_in_the_columns_order() {
    // From the card: the code in hand first, then its look-alikes as the card lists them.
    let mut a = app();
    a.open_code(502);
    press_label(&mut a, "c");
    let Screen::Compare(compare) = a.screen() else {
        panic!("no comparison")
    };
    let codes = compare.codes.clone();
    assert_eq!(codes.first(), Some(&502));
    let listed = crate::runbook::versus(&codes);
    for (width, height) in [(80, 24), (60, 16)] {
        let rows = drawn(&mut a, width, height);
        assert!(
            rows[0].trim_end().ends_with(&format!("compare {listed}")),
            "{}",
            rows[0]
        );
        assert_eq!(rows[1].trim(), listed, "the heading, in the same order");
        let columns: Vec<u16> = rows[4]
            .split(|c: char| !c.is_ascii_digit())
            .filter_map(|n| n.parse().ok())
            .collect();
        assert_eq!(columns, codes, "the columns, in the same order");
    }
    // Marked in the matrix: the codes in the matrix's order, in the title and the heading.
    let mut a = app();
    for code in ["5", "0", "4"] {
        press_label(&mut a, code);
    }
    press_label(&mut a, "Space");
    for code in ["4", "9", "9"] {
        press_label(&mut a, code);
    }
    press_label(&mut a, "Space");
    press_label(&mut a, "c");
    let rows = drawn(&mut a, 80, 24);
    assert!(rows[0].contains("compare 499 vs 504"), "{}", rows[0]);
    assert_eq!(rows[1].trim(), "499 vs 504: who gave up first?");
}
