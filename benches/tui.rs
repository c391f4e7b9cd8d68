//! The cost of one key press (update and render) at 200x60 with the 6,000-entry runbook set.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "a benchmark whose set-up fails should stop loudly; it never ships"
)]

mod common;

use api_triage::matrix::Matrix;
use api_triage::runbook::load_texts;
use api_triage::tui::app::App;
use api_triage::tui::app::draw;
use api_triage::tui::keymap::Action;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn main() {
    divan::main();
}

fn big_app() -> App {
    let report = load_texts(common::team_runbooks(200, 30), None);
    let mut app = App::new(Matrix::from_report(&report), report.findings, true);
    app.shared.viewport = (200, 60);
    // As the app does right after its first frame: no key press pays for the search index.
    app.shared.matrix.prepare_search();
    app
}

fn press(bencher: divan::Bencher, setup: &[Action], keys: &[Action]) {
    let mut app = big_app();
    for action in setup {
        app.update(action.clone());
    }
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).expect("test terminal");
    let mut i = 0;
    bencher.bench_local(|| {
        app.update(keys[i % keys.len()].clone());
        i += 1;
        terminal
            .draw(|frame| draw(frame.buffer_mut(), &app))
            .expect("draw");
    });
}

/// Moving the selection in the matrix.
#[divan::bench(sample_count = 200)]
fn matrix_move_down(bencher: divan::Bencher) {
    press(bencher, &[], &[Action::Down, Action::Down, Action::Up]);
}

/// Typing one more character of a search (a fuzzy search over all 6,000 entries).
#[divan::bench(sample_count = 100)]
fn search_type_a_character(bencher: divan::Bencher) {
    press(
        bencher,
        &[Action::Search],
        &[Action::Type('g'), Action::Backspace],
    );
}

/// Scrolling a code card.
#[divan::bench(sample_count = 200)]
fn card_scroll(bencher: divan::Bencher) {
    press(bencher, &[Action::Open], &[Action::Down, Action::Up]);
}

/// Typing whole words into the search, one character per press, then Esc: more words than the
/// search remembers, so most presses search afresh (the first letter of a word over all
/// 6,000 entries, the next ones among its hits).
#[divan::bench(sample_count = 300)]
fn search_type_words(bencher: divan::Bencher) {
    const WORDS: [&str; 40] = [
        "gatway", "timeout", "rate", "auth", "token", "upstream", "bad", "limit", "quota", "cache",
        "origin", "proxy", "tls", "cert", "dns", "reset", "refused", "payload", "header", "cookie",
        "cors", "method", "version", "conflict", "gone", "locked", "teapot", "early", "legal",
        "range", "expect", "length", "media", "loop", "storage", "network", "client", "server",
        "service", "unavail",
    ];
    let mut keys = Vec::new();
    for word in WORDS {
        keys.extend(word.chars().map(Action::Type));
        keys.push(Action::Back);
        keys.push(Action::Search);
    }
    press(bencher, &[Action::Search], &keys);
}
