//! Screen snapshots of every screen on ratatui's `TestBackend`, at 80x24 and 120x40, and a
//! sweep of sizes from 1x1 to 250x80 that must never panic.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use api_triage::matrix::Matrix;
use api_triage::runbook::load_texts;
use api_triage::tui::app::{App, Screen};
use api_triage::tui::keymap::Action;
use api_triage::tui::views;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn app() -> App {
    let report = load_texts(Vec::new(), None);
    App::new(Matrix::from_report(&report), report.findings, false)
}

fn app_with_broken_team() -> App {
    let team =
        "[runbook]\nname = \"Broken team\"\n\n[codes.502]\nowner = \"nobody\"\ncompare = [599]\n";
    let report = load_texts(
        vec![("teams/broken.toml".to_owned(), team.to_owned())],
        None,
    );
    App::new(Matrix::from_report(&report), report.findings, false)
}

fn render(app: &mut App, width: u16, height: u16) -> Terminal<TestBackend> {
    app.viewport = (width, height);
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| views::draw(frame, app)).unwrap();
    terminal
}

fn act(app: &mut App, actions: impl IntoIterator<Item = Action>) {
    for action in actions {
        app.update(action);
    }
}

fn typed(text: &str) -> Vec<Action> {
    text.chars().map(Action::Type).collect()
}

/// Each screen, reached by keys as a user would.
fn screens() -> Vec<(&'static str, App)> {
    let mut list = Vec::new();
    list.push(("matrix", app()));

    let mut a = app();
    act(&mut a, [Action::Search]);
    act(&mut a, typed("gateway"));
    list.push(("search_gateway", a));

    let mut a = app();
    a.open_code(502);
    list.push(("card_502", a));

    let mut a = app();
    a.open_code(418);
    list.push(("card_418_fallback", a));

    let mut a = app();
    a.open_code(401);
    act(&mut a, [Action::Compare]);
    list.push(("compare_401", a));

    let mut a = app();
    act(&mut a, typed("500"));
    act(
        &mut a,
        [
            Action::ToggleSelect,
            Action::ToggleSelect,
            Action::ToggleSelect,
            Action::ToggleSelect,
            Action::Compare,
        ],
    );
    list.push(("compare_5xx_marked", a));

    let mut a = app();
    act(&mut a, [Action::Scenarios, Action::Down, Action::Down]);
    list.push(("scenarios", a));

    let mut a = app();
    act(&mut a, [Action::Help]);
    list.push(("help_matrix", a));

    let mut a = app();
    a.open_code(503);
    act(&mut a, [Action::Triage]);
    list.push(("triage_placeholder", a));

    list.push(("problems", app_with_broken_team()));
    list
}

#[test]
fn screens_at_80x24() {
    for (name, mut app) in screens() {
        let terminal = render(&mut app, 80, 24);
        insta::assert_snapshot!(format!("{name}_80x24"), terminal.backend());
    }
}

#[test]
fn screens_at_120x40() {
    for (name, mut app) in screens() {
        let terminal = render(&mut app, 120, 40);
        insta::assert_snapshot!(format!("{name}_120x40"), terminal.backend());
    }
}

#[test]
fn a_small_terminal_gets_a_clear_message() {
    let mut app = app();
    let terminal = render(&mut app, 59, 15);
    insta::assert_snapshot!("too_small_59x15", terminal.backend());
}

#[test]
fn every_screen_renders_at_every_size_without_panic() {
    let mut widths: Vec<u16> = (1..=250).step_by(13).collect();
    widths.extend([2, 59, 60, 61, 99, 100, 250]);
    let mut heights: Vec<u16> = (1..=80).step_by(7).collect();
    heights.extend([2, 15, 16, 17, 80]);
    for (_, mut app) in screens() {
        for &w in &widths {
            for &h in &heights {
                render(&mut app, w, h);
            }
        }
        // Scrolling far past the end and back must stay in range at a small size too.
        app.viewport = (60, 16);
        act(
            &mut app,
            [
                Action::Bottom,
                Action::PageDown,
                Action::Down,
                Action::Top,
                Action::Up,
            ],
        );
        render(&mut app, 60, 16);
    }
}

#[test]
fn escape_sequences_in_runbook_text_are_shown_not_sent() {
    let team = "[runbook]\nname = \"Evil \\u001b[2J team\"\n\n[codes.502]\ntitle = \"Bad \\u001b]52;c;aGk=\\u0007 Gateway\"\n";
    let report = load_texts(vec![("evil.toml".to_owned(), team.to_owned())], None);
    let mut app = App::new(Matrix::from_report(&report), report.findings, false);
    app.open_code(502);
    let terminal = render(&mut app, 100, 30);
    let text: String = terminal
        .backend()
        .buffer()
        .content()
        .iter()
        .map(ratatui::buffer::Cell::symbol)
        .collect();
    assert!(!text.contains('\u{1b}') && !text.contains('\u{7}'));
    assert!(text.contains("\\e]52;c;aGk="), "escaped text visible");
    assert!(matches!(app.screen(), Screen::Card { code: 502, .. }));
}
