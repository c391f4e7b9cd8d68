use super::*;
use crate::runbook::load_texts;
use crate::session::{NoteTarget, Stage};
use crate::tui::effect::Copying;
use crate::tui::screens::MAX_COMPARE;
use crate::tui::screens::compare::CompareScreen;
use std::fmt::Write as _;

fn app() -> App {
    let report = load_texts(Vec::new(), None);
    App::new(Matrix::from_report(&report), report.findings, false)
}

fn table(app: &App) -> &MatrixScreen {
    app.matrix_screen().expect("the matrix is at the bottom")
}

/// The card on top as (runbook, code, scroll), if a card is on top.
fn card_of(app: &App) -> Option<(usize, u16, usize)> {
    match app.screen() {
        Screen::Card(card) => Some((card.runbook, card.code, card.scroll.offset())),
        _ => None,
    }
}

/// Carries out what only the event loop can, as it would with no saved triages: the search
/// for open ones finds none.
fn with_no_saved_triages(a: &mut App, effects: Vec<Effect>) -> Vec<Effect> {
    let mut out = Vec::new();
    for effect in effects {
        match effect {
            Effect::FindOpen { runbook, code } => {
                out.extend(a.offer_resume(runbook, code, Vec::new()));
            }
            other => out.push(other),
        }
    }
    out
}

/// `t`, in a journal with no saved triages.
fn press_t(a: &mut App) -> Vec<Effect> {
    let effects = a.update(Action::Triage);
    with_no_saved_triages(a, effects)
}

fn selected_code(app: &App) -> u16 {
    table(app).selected_row(&app.shared).unwrap().code
}

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

/// The app drawn at `width`x`height` on a test terminal, as text, one row a line.
fn drawn(a: &mut App, width: u16, height: u16) -> Vec<String> {
    a.shared.viewport = (width, height);
    let mut terminal =
        ratatui::Terminal::new(ratatui::backend::TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| super::draw(frame, a)).unwrap();
    let buffer = terminal.backend().buffer();
    (0..height)
        .map(|y| (0..width).map(|x| buffer[(x, y)].symbol()).collect())
        .collect()
}

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

fn at(text: &str) -> Timestamp {
    text.parse().unwrap()
}

fn key(c: char) -> Action {
    Action::Edit(ratatui::crossterm::event::KeyEvent::new(
        ratatui::crossterm::event::KeyCode::Char(c),
        ratatui::crossterm::event::KeyModifiers::NONE,
    ))
}

fn typed(a: &mut App, text: &str) {
    for c in text.chars() {
        a.update(key(c));
    }
}

/// A triage of 502 walked to its checklist: gateway (so the request's shape and the caller's
/// rights are not asked), what changed skipped, intermittent.
fn triage_at_checklist() -> App {
    let mut a = app();
    a.shared.now = at("2026-11-23T09:00:00Z");
    a.open_code(502);
    press_t(&mut a);
    typed(&mut a, "orders POST /v1/orders");
    a.update(Action::Open);
    a.update(Action::Type('2'));
    a.update(Action::Skip);
    a.update(Action::Type('4'));
    a
}

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
    let keymap_q = super::super::keymap::action_for(
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

#[test]
fn a_pasted_response_gets_an_evidence_line_and_pre_answers_what_is_unanswered() {
    let mut a = app();
    a.shared.now = at("2026-11-23T09:00:00Z");
    press_t(&mut a);
    a.update(Action::IncidentNote);
    let transcript = "$ curl -sv https://api.example.com/v1/orders\n> GET /v1/orders HTTP/1.1\n\
                      > Host: api.example.com\n< HTTP/1.1 502 Bad Gateway\n< Server: nginx/1.22.1\n<\n\
                      <html><head><title>502 Bad Gateway</title></head><body>\n\
                      <hr><center>nginx/1.22.1</center></body></html>";
    a.update(Action::Paste(transcript.to_owned()));
    a.update(Action::Save);
    let triage = a.triage.as_ref().unwrap();
    let note = triage.session.notes.last().unwrap();
    let card = note.evidence_line().unwrap();
    assert!(
        card.starts_with("502 from a reverse proxy or gateway (nginx)"),
        "{card}"
    );
    assert_eq!(triage.evidence.as_deref(), Some(card.as_str()));
    assert_eq!(
        triage.session.interview.answers.get("layer"),
        Some(&crate::triage::Answer::Choice("gateway".into()))
    );
    // An answer the engineer already gave is never overruled.
    let mut b = app();
    press_t(&mut b);
    b.triage
        .as_mut()
        .unwrap()
        .session
        .interview
        .answers
        .insert("layer".into(), crate::triage::Answer::Choice("app".into()));
    b.update(Action::IncidentNote);
    b.update(Action::Paste(transcript.to_owned()));
    b.update(Action::Save);
    assert_eq!(
        b.triage
            .as_ref()
            .unwrap()
            .session
            .interview
            .answers
            .get("layer"),
        Some(&crate::triage::Answer::Choice("app".into()))
    );
}

/// Presses `key` as the event loop does: through the key table, in the context of the moment.
fn press(a: &mut App, key: ratatui::crossterm::event::KeyEvent) -> Vec<Effect> {
    match crate::tui::keymap::action_for(key, a.context()) {
        Some(action) => {
            let effects = a.update(action);
            with_no_saved_triages(a, effects)
        }
        None => Vec::new(),
    }
}

fn press_label(a: &mut App, label: &str) -> Vec<Effect> {
    press(a, crate::tui::keymap::key_of(label))
}

/// Every screen and text field of the app, reached by key presses from the start.
fn every_place() -> Vec<(&'static str, App)> {
    let mut places = Vec::new();
    let mut a = app();
    places.push(("matrix", a.clone()));
    press_label(&mut a, "/");
    places.push(("searching", a.clone()));
    let mut a = app();
    for key in ["5", "0", "2"] {
        press_label(&mut a, key);
    }
    press_label(&mut a, "Enter");
    places.push(("card", a.clone()));
    press_label(&mut a, "c");
    places.push(("compare", a.clone()));
    let mut a = app();
    a.open_code(502);
    a.update(Action::Triage);
    let dir = tempfile::tempdir().unwrap();
    a.offer_resume(0, 502, open_502_triages(dir.path()));
    places.push(("resume offer", a.clone()));
    let mut a = app();
    press_label(&mut a, "s");
    places.push(("scenarios", a.clone()));
    let mut a = app();
    press_label(&mut a, "p");
    places.push(("problems", a.clone()));
    let mut a = app();
    press_label(&mut a, "t");
    places.push(("interview, typed answer", a.clone()));
    for key in ["5", "0", "2", "Enter", "x", "Enter"] {
        press_label(&mut a, key);
    }
    places.push(("interview, choice", a.clone()));
    let mut a = triage_at_checklist();
    places.push(("checklist", a.clone()));
    press_label(&mut a, "Enter");
    places.push(("note editor", a.clone()));
    let mut a = triage_at_checklist();
    press_label(&mut a, "d");
    places.push(("finding prompt", a.clone()));
    let mut a = triage_at_checklist();
    press_label(&mut a, "x");
    places.push(("escalation", a.clone()));
    places.push(("notes view", with_two_notes_in_the_notes_view()));
    places
}

/// The checklist of `triage_at_checklist` with a step note and an incident note, the notes
/// view open (on the oldest).
fn with_two_notes_in_the_notes_view() -> App {
    let mut a = triage_at_checklist();
    a.shared.now = at("2026-11-23T09:02:00Z");
    press_label(&mut a, "Enter");
    typed(&mut a, "ingress log: upstream reset");
    press_label(&mut a, "Esc");
    a.shared.now = at("2026-11-23T09:03:00Z");
    press_label(&mut a, "a");
    a.update(Action::Paste(
        "< HTTP/1.1 502 Bad Gateway\r\n< x-request-id: 9f1\r\n".into(),
    ));
    press_label(&mut a, "Esc");
    press_label(&mut a, "N");
    a
}

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
    let Some(Effect::WriteBundle { json, .. }) = press_label(&mut a, "Enter").pop() else {
        panic!("no bundle written");
    };
    assert!(json.contains("\"struck\": true"), "{json}");
    press_label(&mut a, "s");
    let Some(Effect::WriteBundle { json, summary, .. }) = press_label(&mut a, "Enter").pop() else {
        panic!("no bundle written");
    };
    assert!(
        !json.contains("9f1") && !summary.contains("9f1"),
        "{summary}"
    );
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
            Screen::Card(_) | Screen::Compare(_) | Screen::Problems(_) | Screen::Export(_)
        );
        if !scrolls {
            continue;
        }
        let mut a = start.clone();
        a.shared.viewport = (60, 16);
        let mut terminal =
            ratatui::Terminal::new(ratatui::backend::TestBackend::new(60, 16)).unwrap();
        let mut draw = |a: &App| {
            terminal.draw(|frame| super::draw(frame, a)).unwrap();
        };
        let offset = |a: &App| match a.screen() {
            Screen::Card(s) => s.scroll.offset(),
            Screen::Compare(s) => s.scroll.offset(),
            Screen::Problems(s) => s.scroll.offset(),
            Screen::Export(s) => s.scroll.offset(),
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

/// Two open triages about 502 in a journal, the newer titled and holding a 502 response,
/// and one exported: what the event loop would find for `t` on 502.
fn open_502_triages(dir: &std::path::Path) -> Vec<crate::session::Summary> {
    let journal = crate::session::Journal::new(dir);
    let zone = jiff::tz::TimeZone::UTC;
    let mut older = Session::new(at("2026-11-23T07:00:00Z"), "Default", "d", &[], Some(502));
    older.add_note(
        NoteTarget::Incident,
        "looked at the ingress",
        at("2026-11-23T07:05:00Z"),
        &zone,
    );
    journal.save(&older).unwrap();
    let mut newer = Session::new(at("2026-11-23T08:00:00Z"), "Default", "d", &[], Some(502));
    newer.incident.title = "Checkout failing".into();
    newer.add_evidence_note(
        NoteTarget::Incident,
        "< HTTP/1.1 502 Bad Gateway\r< Server: nginx\r<\r",
        at("2026-11-23T08:10:00Z"),
        &zone,
        crate::evidence::token::Expected::default(),
    );
    journal.save(&newer).unwrap();
    let mut exported = Session::new(at("2026-11-23T08:30:00Z"), "Default", "d", &[], Some(502));
    exported.exported = Some(at("2026-11-23T08:40:00Z"));
    journal.save(&exported).unwrap();
    journal.open_for(502)
}

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
    terminal.draw(|frame| super::draw(frame, &a)).unwrap();
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

/// The copies among `effects`: what each holds and how it is named.
fn copies(effects: &[Effect]) -> Vec<(String, Copying)> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::Copy { text, what } => Some((text.clone(), what.clone())),
            _ => None,
        })
        .collect()
}

fn command_of(of: &str) -> Copying {
    Copying::Command { of: of.into() }
}

fn screen_text(a: &App, width: u16, height: u16) -> String {
    let mut terminal =
        ratatui::Terminal::new(ratatui::backend::TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| super::draw(frame, a)).unwrap();
    format!("{}", terminal.backend())
}

/// A 502 triage at the "who returned it" question.
fn at_the_layer_question() -> App {
    let mut a = app();
    a.shared.now = at("2026-11-23T09:00:00Z");
    a.open_code(502);
    press_t(&mut a);
    typed(&mut a, "orders-api POST /v1/orders");
    a.update(Action::Open);
    a
}

/// An nginx 502 as a terminal pastes it: line breaks as CR.
const NGINX_502_PASTE: &str = "HTTP/1.1 502 Bad Gateway\rServer: nginx/1.25.3\r\
                               Date: Mon, 23 Nov 2026 09:01:00 GMT\rContent-Type: text/html\r\r\
                               <html><head><title>502 Bad Gateway</title></head>\r\
                               <body><center><h1>502 Bad Gateway</h1></center>\r\
                               <hr><center>nginx/1.25.3</center></body></html>\r";

#[test]
fn a_paste_at_a_choice_question_is_kept_and_its_answer_shown_on_the_option() {
    let mut a = at_the_layer_question();
    let triage = a.triage.as_ref().unwrap();
    assert_eq!(
        triage.question(a.shared.runbook(0).unwrap()).unwrap().id,
        "layer"
    );
    assert_eq!(triage.option, 0);
    a.shared.now = at("2026-11-23T09:01:30Z");
    let effects = a.update(Action::Paste(NGINX_502_PASTE.to_owned()));
    assert!(effects.contains(&Effect::Save), "{effects:?}");
    let triage = a.triage.as_ref().unwrap();
    assert_eq!(triage.session.notes.len(), 1, "the paste is kept as a note");
    assert!(
        triage.session.notes[0]
            .text
            .contains("\nServer: nginx/1.25.3\n")
    );
    // The cursor sits on the evidence's answer, and the question says where it came from.
    let layer = &a.shared.runbook(0).unwrap().interview[2];
    assert_eq!(layer.options[triage.option].id, "gateway");
    for (width, height) in [(80, 24), (60, 16)] {
        let screen = screen_text(&a, width, height);
        assert!(
            screen.contains("Answered from the response in the note at"),
            "{screen}"
        );
        assert!(
            screen.contains("› 2. Gateway, reverse proxy or load balancer"),
            "{screen}"
        );
    }
    // Enter confirms it: the engineer's answer now, and on to the next question.
    a.update(Action::Open);
    let triage = a.triage.as_ref().unwrap();
    assert_eq!(
        triage.session.interview.answers.get("layer"),
        Some(&crate::triage::Answer::Choice("gateway".into()))
    );
    assert_eq!(triage.session.interview.source("layer"), None);
    // A gateway 502: the request and caller questions are not asked.
    let next = triage.question(a.shared.runbook(0).unwrap()).unwrap();
    assert_eq!(next.id, "changed");
    let screen = screen_text(&a, 120, 40);
    assert!(
        screen.contains("valid: not asked, a proxy, load balancer or CDN"),
        "{screen}"
    );
    // The evidence's request line would fill the endpoint; here the service answer did first.
    assert_eq!(
        triage.session.incident.endpoint,
        "orders-api POST /v1/orders"
    );
}

#[test]
fn an_answer_being_typed_survives_going_back_and_coming_back() {
    let mut a = app();
    a.shared.now = at("2026-11-23T09:00:00Z");
    a.open_code(502);
    press_t(&mut a);
    typed(&mut a, "orders-api POS");
    a.update(Action::Back);
    let question = |a: &App| {
        a.triage
            .as_ref()
            .unwrap()
            .question(a.shared.runbook(0).unwrap())
            .map(|q| q.id.clone())
    };
    assert_eq!(question(&a).as_deref(), Some("code"));
    a.update(Action::Open);
    assert_eq!(question(&a).as_deref(), Some("service"));
    assert_eq!(
        a.triage.as_ref().unwrap().input.lines().join(""),
        "orders-api POS"
    );
}

#[test]
fn at_the_smallest_size_the_highlighted_option_is_always_on_screen() {
    let mut a = at_the_layer_question();
    let labels: Vec<String> = a.shared.runbook(0).unwrap().interview[2]
        .options
        .iter()
        .map(|o| o.label.clone())
        .collect();
    for (i, label) in labels.iter().enumerate() {
        let screen = screen_text(&a, 60, 16);
        assert!(
            screen.contains(&format!("› {}. {label}", i + 1)),
            "{screen}"
        );
        a.update(Action::Down);
    }
    // And the explanations stay in sight at 80x24 while answering.
    let screen = screen_text(&a, 80, 24);
    assert!(screen.contains("Likely explanations for 502"), "{screen}");
}
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
    assert!(screen_text(&a, 80, 24).contains("▸ y copies place 1 · 1-3 picks"));
    press_label(&mut a, "3");
    assert_eq!(
        copies(&press_label(&mut a, "y")),
        [(places[2].how.clone(), command_of("place 3"))]
    );
    // Picking a place brings it into view, marked, at a small size too.
    a.shared.viewport = (60, 16);
    let screen = screen_text(&a, 60, 16);
    assert!(screen.contains("▸3. Envoy response flags"), "{screen}");
    assert!(screen.contains("y copies place 3"), "{screen}");
    // A card has three places: 4 picks nothing and changes nothing.
    assert!(press_label(&mut a, "4").is_empty());
    assert_eq!(
        copies(&press_label(&mut a, "y")),
        [(places[2].how.clone(), command_of("place 3"))]
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
