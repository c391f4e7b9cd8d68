//! Key-driven tests of the app: shared set-ups here, one file a part of the app.

mod browse;
mod copy;
mod evidence;
mod keys;
mod logs;
mod notes;
mod overlays;
mod resume;
mod run;
mod timeline;
mod triage;

use super::*;
use crate::export::summary::Format;
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

/// The app drawn at `width`x`height` on a test terminal, as text, one row a line.
fn drawn(a: &mut App, width: u16, height: u16) -> Vec<String> {
    a.shared.viewport = (width, height);
    let mut terminal =
        ratatui::Terminal::new(ratatui::backend::TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|frame| super::draw(frame.buffer_mut(), a))
        .unwrap();
    let buffer = terminal.backend().buffer();
    (0..height)
        .map(|y| (0..width).map(|x| buffer[(x, y)].symbol()).collect())
        .collect()
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
    let mut a = triage_at_checklist();
    press_label(&mut a, "r");
    places.push(("run, the command shown", a.clone()));
    press_label(&mut a, "Enter");
    places.push(("run, running", a.clone()));
    let id = match a.screen() {
        Screen::Run(run) => run.id,
        _ => panic!("not running"),
    };
    a.run_output(id, b"line\n");
    a.run_ended(id, crate::run::Ending::Exited(0));
    places.push(("run, done", a.clone()));
    let mut a = triage_at_checklist();
    press_label(&mut a, "l");
    places.push(("log path prompt", a.clone()));
    typed(&mut a, "access.log");
    press_label(&mut a, "Enter");
    places.push(("log, reading", a.clone()));
    let id = match a.screen() {
        Screen::Logs(logs) => logs.id,
        _ => panic!("not reading a log"),
    };
    let mut reader =
        crate::evidence::logs::Reader::new(None, crate::evidence::logs::Failing::ServerErrors);
    reader.line(
        b"10.0.0.1 - - [23/Nov/2026:02:40:00 +0000] \"GET /v1/x HTTP/1.1\" 502 1 \"-\" \"k6\"",
    );
    a.log_read(id, Ok(reader.finish()));
    places.push(("log, picture", a.clone()));
    let mut a = triage_at_checklist();
    press_label(&mut a, "d");
    press_label(&mut a, "Enter");
    press_label(&mut a, "T");
    places.push(("timeline", a.clone()));
    let mut a = triage_at_checklist();
    press_label(&mut a, "u");
    places.push(("status update", a.clone()));
    press_label(&mut a, "e");
    places.push(("status update, editing", a.clone()));
    let mut a = triage_at_checklist();
    press_label(&mut a, "H");
    places.push(("hand-off", a.clone()));
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
    terminal
        .draw(|frame| super::draw(frame.buffer_mut(), a))
        .unwrap();
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
