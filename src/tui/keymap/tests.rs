//! Tests of the key table: the keys each screen answers to, and the table's own consistency
//! (hints, keys named in sentences, no key bound twice, the usual scrolling keys).

use super::*;

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

#[test]
fn typing_in_the_search_never_triggers_commands() {
    for c in ['q', 't', 'c', 's', '?', 'j', 'k', 'g', 'G', '/'] {
        assert_eq!(
            action_for(key(KeyCode::Char(c)), Context::Searching),
            Some(Action::Type(c))
        );
    }
}

#[test]
fn ctrl_c_quits_everywhere_even_while_typing() {
    let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
    for context in [
        Context::Matrix,
        Context::Searching,
        Context::Card,
        Context::Triage,
    ] {
        assert_eq!(action_for(ctrl_c, context), Some(Action::Quit));
    }
}

#[test]
fn q_and_help_work_on_every_screen_without_a_text_field() {
    for context in [
        Context::Matrix,
        Context::Card,
        Context::Compare,
        Context::Scenarios,
        Context::Triage,
        Context::Problems,
        Context::Checklist,
        Context::InterviewChoice,
        Context::Export,
        Context::Notes,
        Context::Diff,
    ] {
        let q = action_for(key(KeyCode::Char('q')), context);
        assert_eq!(q, Some(Action::Quit), "{context:?}");
        let help = action_for(key(KeyCode::Char('?')), context);
        assert_eq!(help, Some(Action::Help), "{context:?}");
    }
}

#[test]
fn every_binding_appears_in_the_help_of_its_screens() {
    for binding in bindings() {
        for context in binding.contexts {
            assert!(help_rows(*context).contains(&(binding.label, binding.help)));
        }
    }
}

#[test]
fn typing_in_text_fields_is_never_a_command() {
    for context in [Context::InterviewInput, Context::Editor, Context::Prompt] {
        for c in ['q', '?', 'd', 'r', 'a', 't', 'j'] {
            let k = key(KeyCode::Char(c));
            assert_eq!(
                action_for(k, context),
                Some(Action::Edit(k)),
                "{c} in {context:?}"
            );
        }
    }
}

#[test]
fn esc_finishes_every_text_field_and_goes_back_in_the_interview() {
    let esc = key(KeyCode::Esc);
    for context in [
        Context::Editor,
        Context::Prompt,
        Context::InterviewInput,
        Context::InterviewChoice,
        Context::Checklist,
    ] {
        assert_eq!(action_for(esc, context), Some(Action::Back), "{context:?}");
    }
    let ctrl_s = KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert_eq!(action_for(ctrl_s, Context::Editor), Some(Action::Save));
}

#[test]
fn in_the_help_q_and_question_mark_close_it_and_ctrl_c_still_quits() {
    for c in ['q', '?', 't', 'd', 'x'] {
        assert_eq!(
            action_for(key(KeyCode::Char(c)), Context::Help),
            Some(Action::Back),
            "{c}"
        );
    }
    assert_eq!(
        action_for(key(KeyCode::Esc), Context::Help),
        Some(Action::Back)
    );
    assert_eq!(
        action_for(key(KeyCode::Char('j')), Context::Help),
        Some(Action::Down)
    );
    let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert_eq!(action_for(ctrl_c, Context::Help), Some(Action::Quit));
    assert_eq!(hint_for(Context::Help, &Action::Up), Some(("↑↓", "scroll")));
    assert_eq!(label_for(Context::Help, &Action::Back), Some("Esc q ?"));
}

#[test]
fn digits_jump_on_the_matrix_and_pick_a_place_on_the_card() {
    assert_eq!(
        action_for(key(KeyCode::Char('5')), Context::Matrix),
        Some(Action::Type('5'))
    );
    assert_eq!(
        action_for(key(KeyCode::Char('2')), Context::Card),
        Some(Action::Type('2'))
    );
    // A card numbers its places and then its examples, 1 to 9: 0 picks nothing.
    assert_eq!(
        action_for(key(KeyCode::Char('5')), Context::Card),
        Some(Action::Type('5'))
    );
    assert_eq!(action_for(key(KeyCode::Char('0')), Context::Card), None);
}

#[test]
fn y_copies_a_command_where_there_is_one_and_the_summary_stays_a_key_away() {
    let y = key(KeyCode::Char('y'));
    let shift_y = key(KeyCode::Char('Y'));
    assert_eq!(action_for(y, Context::Card), Some(Action::CopyCommand));
    assert_eq!(action_for(y, Context::Checklist), Some(Action::CopyCommand));
    assert_eq!(action_for(shift_y, Context::Checklist), Some(Action::Copy));
    assert_eq!(action_for(y, Context::Export), Some(Action::Copy));
    // Typed into a note or a finding, it is text.
    assert_eq!(action_for(y, Context::Editor), Some(Action::Edit(y)));
}

#[test]
fn in_the_notes_o_and_f_mark_good_and_failing_and_c_sets_them_side_by_side() {
    let notes = |c| action_for(key(KeyCode::Char(c)), Context::Notes);
    assert_eq!(notes('o'), Some(Action::MarkGood));
    assert_eq!(notes('f'), Some(Action::MarkFailing));
    assert_eq!(notes('c'), Some(Action::Compare));
    // On the checklist the same letters keep their meaning there.
    let checklist = |c| action_for(key(KeyCode::Char(c)), Context::Checklist);
    assert_eq!(checklist('f'), Some(Action::Mark(Outcome::FoundIt)));
    assert_eq!(checklist('o'), Some(Action::Mark(Outcome::RuledOut)));
    assert_eq!(
        action_for(key(KeyCode::Esc), Context::Diff),
        Some(Action::Back)
    );
}

mod table_tests {
    use crate::tui::keymap::*;

    const ALL: [Context; 20] = [
        Context::Matrix,
        Context::Card,
        Context::Compare,
        Context::Scenarios,
        Context::Triage,
        Context::Problems,
        Context::Searching,
        Context::InterviewChoice,
        Context::InterviewInput,
        Context::Checklist,
        Context::Editor,
        Context::Prompt,
        Context::Export,
        Context::Notes,
        Context::Resume,
        Context::Diff,
        Context::Help,
        Context::RunEdit,
        Context::Running,
        Context::RunDone,
    ];

    #[test]
    fn every_hint_shown_is_a_key_that_works_there() {
        for context in ALL {
            for (keys, words) in hints(context) {
                let action = action_for(key_of(keys), context);
                let bound = bindings()
                    .find(|b| b.contexts.contains(&context) && b.hint == Some((keys, words)));
                assert!(
                    action.is_some() && bound.is_some_and(|b| Some(&b.action) == action.as_ref()),
                    "{context:?}: hint `{keys} {words}` gives {action:?}"
                );
            }
        }
    }

    #[test]
    fn keys_named_in_sentences_come_from_the_table() {
        assert_eq!(key_for(Context::Matrix, &Action::Problems), "p");
        assert_eq!(key_for(Context::Editor, &Action::Back), "Esc");
        assert_eq!(key_for(Context::Editor, &Action::Save), "Ctrl-S");
        assert_eq!(key_for(Context::Export, &Action::CycleFormat), "f");
        assert_eq!(key_for(Context::Prompt, &Action::Open), "Enter");
        // Named, a key must do the thing where it is named.
        for context in ALL {
            for binding in bindings().filter(|b| b.contexts.contains(&context)) {
                let key = key_for(context, &binding.action);
                assert_eq!(
                    action_for(key_of(key), context).as_ref(),
                    Some(&binding.action),
                    "{context:?}: {key}"
                );
            }
        }
        assert_eq!(key_for(Context::Card, &Action::Mark(Outcome::Done)), "?");
    }

    #[test]
    fn no_key_is_bound_twice_in_one_context() {
        for context in ALL {
            let mut seen = Vec::new();
            for binding in bindings().filter(|b| b.contexts.contains(&context)) {
                for key in binding.keys {
                    let entry = (binding.ctrl, *key);
                    assert!(
                        !seen.contains(&entry),
                        "{context:?}: {key:?} (ctrl {}) bound twice",
                        binding.ctrl
                    );
                    seen.push(entry);
                }
            }
        }
    }

    #[test]
    fn every_scrollable_screen_scrolls_with_the_usual_keys() {
        let plain = |code| KeyEvent::new(code, KeyModifiers::NONE);
        for context in [
            Context::Matrix,
            Context::Card,
            Context::Compare,
            Context::Scenarios,
            Context::Problems,
            Context::Checklist,
            Context::Export,
            Context::Notes,
            Context::Diff,
            Context::Help,
        ] {
            for (code, action) in [
                (KeyCode::Up, Action::Up),
                (KeyCode::Char('k'), Action::Up),
                (KeyCode::Down, Action::Down),
                (KeyCode::Char('j'), Action::Down),
                (KeyCode::PageUp, Action::PageUp),
                (KeyCode::PageDown, Action::PageDown),
                (KeyCode::Char('g'), Action::Top),
                (KeyCode::Char('G'), Action::Bottom),
            ] {
                assert_eq!(
                    action_for(plain(code), context),
                    Some(action),
                    "{context:?} {code:?}"
                );
            }
        }
    }
}
