//! Moving about the matrix, search, cards, comparisons and scenarios, and starting a triage from them.

use super::*;

#[test]
fn moving_stays_within_the_list() {
    let mut a = app();
    a.update(Action::Up);
    assert_eq!(table(&a).selected, 0);
    a.update(Action::Bottom);
    assert_eq!(table(&a).selected, table(&a).rows.len() - 1);
    a.update(Action::Down);
    assert_eq!(table(&a).selected, table(&a).rows.len() - 1);
    a.update(Action::Top);
    assert_eq!(table(&a).selected, 0);
    a.update(Action::PageDown);
    assert_eq!(
        table(&a).selected,
        a.shared.page().min(table(&a).rows.len() - 1)
    );
    a.update(Action::PageUp);
    assert_eq!(table(&a).selected, 0);
    a.update(Action::ScrollDown);
    assert_eq!(table(&a).selected, 1);
    a.update(Action::ScrollUp);
    assert_eq!(table(&a).selected, 0);
}

#[test]
fn search_filters_as_you_type_and_esc_clears() {
    let mut a = app();
    let all = table(&a).rows.len();
    a.update(Action::Search);
    assert_eq!(a.context(), Context::Searching);
    for c in "gatway".chars() {
        a.update(Action::Type(c));
    }
    assert_eq!(selected_code(&a), 502);
    assert!(table(&a).rows.len() < all);
    a.update(Action::Backspace);
    assert_eq!(table(&a).query, "gatwa");
    a.update(Action::Back);
    assert!(table(&a).query.is_empty() && !table(&a).searching);
    assert_eq!(table(&a).rows.len(), all);
}

#[test]
fn enter_opens_the_card_and_esc_goes_back() {
    let mut a = app();
    a.update(Action::Search);
    for c in "504".chars() {
        a.update(Action::Type(c));
    }
    a.update(Action::Open);
    assert_eq!(card_of(&a), Some((0, 504, 0)));
    a.update(Action::Down);
    assert_eq!(card_of(&a).map(|c| c.2), Some(1));
    a.update(Action::Back);
    assert!(matches!(a.screen(), Screen::Matrix(_)));
}

#[test]
fn digits_jump_to_a_code_and_an_unlisted_code_opens_its_class_card() {
    let mut a = app();
    for c in "42".chars() {
        a.update(Action::Type(c));
    }
    // The first listed code starting with the digits: 421 Misdirected Request.
    assert_eq!(selected_code(&a), 421);
    a.update(Action::Type('9'));
    assert_eq!(selected_code(&a), 429);
    for c in "418".chars() {
        a.update(Action::Type(c));
    }
    assert_eq!(card_of(&a), Some((0, 418, 0)));
}

#[test]
fn compare_from_a_card_uses_its_look_alikes() {
    let mut a = app();
    a.open_code(401);
    a.update(Action::Compare);
    let Screen::Compare(CompareScreen { codes, .. }) = a.screen() else {
        panic!("not on compare: {:?}", a.screen());
    };
    assert_eq!(codes[0], 401);
    assert!(codes.contains(&403));
    assert!(codes.len() <= MAX_COMPARE);
}

#[test]
fn compare_marked_codes_from_the_matrix() {
    let mut a = app();
    for c in "502".chars() {
        a.update(Action::Type(c));
    }
    a.update(Action::ToggleSelect);
    a.update(Action::ToggleSelect);
    assert_eq!(table(&a).marked.len(), 2);
    a.update(Action::Compare);
    assert!(
        matches!(a.screen(), Screen::Compare(CompareScreen { runbook: 0, codes, .. }) if *codes == vec![502, 503])
    );
    a.update(Action::Back);
    a.update(Action::Back);
    assert!(
        table(&a).marked.is_empty(),
        "Esc on the matrix clears marks"
    );
}

#[test]
fn compare_with_nothing_to_compare_explains_why() {
    let team = "[runbook]\nname = \"T\"\n[codes.202]\ncompare = []\n".to_owned();
    let report = load_texts(vec![("t.toml".to_owned(), team)], None);
    let mut a = App::new(Matrix::from_report(&report), report.findings, false);
    a.open_code(202);
    let before = a.stack.len();
    a.update(Action::Compare);
    assert_eq!(a.stack.len(), before);
    assert!(
        a.notice
            .as_deref()
            .is_some_and(|n| n.contains("Nothing to compare"))
    );
}

#[test]
fn scenarios_lead_to_their_codes() {
    let mut a = app();
    a.update(Action::Scenarios);
    let scenarios = a.shared.scenarios(0).to_vec();
    let index = scenarios
        .iter()
        .position(|s| s.codes.len() == 1)
        .expect("a one-code scenario");
    for _ in 0..index {
        a.update(Action::Down);
    }
    a.update(Action::Open);
    assert_eq!(card_of(&a).map(|c| c.1), Some(scenarios[index].codes[0]));
}

#[test]
fn triage_from_an_untouched_matrix_asks_for_the_code() {
    let mut a = app();
    press_t(&mut a);
    let triage = a.triage.as_ref().unwrap();
    assert_eq!(triage.session.code, None, "the first row is not a choice");
    assert_eq!(
        triage.question(a.shared.runbook(0).unwrap()).unwrap().id,
        "code"
    );
}

#[test]
fn triage_from_a_row_the_engineer_moved_to_takes_its_code() {
    let mut a = app();
    a.update(Action::Down);
    let code = selected_code(&a);
    press_t(&mut a);
    assert_eq!(a.triage.as_ref().unwrap().session.code, Some(code));
    let mut b = app();
    for digit in ['5', '0', '2'] {
        b.update(Action::Type(digit));
    }
    press_t(&mut b);
    assert_eq!(b.triage.as_ref().unwrap().session.code, Some(502));
    // The row read on its card and left with Esc was chosen too.
    let mut c = app();
    c.update(Action::Open);
    c.update(Action::Back);
    let first = selected_code(&c);
    press_t(&mut c);
    assert_eq!(c.triage.as_ref().unwrap().session.code, Some(first));
}

#[test]
fn a_cleared_search_keeps_the_row_it_found() {
    let mut a = app();
    a.update(Action::Search);
    for c in "gatway".chars() {
        a.update(Action::Type(c));
    }
    assert_eq!(selected_code(&a), 502);
    a.update(Action::Back);
    assert!(table(&a).query.is_empty());
    assert_eq!(selected_code(&a), 502, "still on the row the search found");
    press_t(&mut a);
    assert_eq!(a.triage.as_ref().unwrap().session.code, Some(502));
}

#[test]
fn triage_starts_prefilled_with_the_code_in_hand() {
    let mut a = app();
    a.open_code(503);
    let effects = press_t(&mut a);
    assert_eq!(effects, vec![Effect::Save], "a new triage is saved at once");
    assert!(matches!(a.screen(), Screen::Triage));
    let triage = a.triage.as_ref().unwrap();
    assert_eq!(triage.session.code, Some(503));
    assert_eq!(
        triage.question(a.shared.runbook(0).unwrap()).unwrap().id,
        "service"
    );
}

#[test]
fn quit_and_suspend_are_effects() {
    let mut a = app();
    assert_eq!(a.update(Action::Quit), vec![Effect::Quit]);
    assert_eq!(a.update(Action::Suspend), vec![Effect::Suspend]);
    a.update(Action::Help);
    assert_eq!(a.update(Action::Quit), vec![Effect::Quit]);
}

#[test]
fn paste_goes_into_the_search_only_and_loses_control_characters() {
    let mut a = app();
    a.update(Action::Paste("q".to_owned()));
    assert!(a.notice.is_some());
    assert!(matches!(a.screen(), Screen::Matrix(_)));
    a.update(Action::Search);
    a.update(Action::Paste("gate\u{1b}[2Jway\nsecond line".to_owned()));
    // Spelled out, never obeyed: the search shows what was pasted.
    assert_eq!(table(&a).query, "gate\\e[2Jway");
}

#[test]
fn problems_screen_comes_first_when_a_runbook_is_broken() {
    let team = "[runbook]\nname = \"T\"\n[codes.502]\nowner = \"ghost\"\n".to_owned();
    let report = load_texts(vec![("t.toml".to_owned(), team)], None);
    let mut a = App::new(Matrix::from_report(&report), report.findings, false);
    assert!(matches!(a.screen(), Screen::Problems(_)));
    a.update(Action::Open);
    assert!(matches!(a.screen(), Screen::Matrix(_)));
    a.update(Action::Problems);
    assert!(matches!(a.screen(), Screen::Problems(_)));
}
