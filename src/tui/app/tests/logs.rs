//! Reading an access log from the triage: `l` asks for the path, the logs screen shows the
//! progress and can stop it, then the picture; the log's account lands in the triage.

use super::*;
use crate::evidence::logs::{Failing, Picture, Reader};

/// A combined log of 30 minutes from 02:30 UTC; checkout fails from 02:40 on.
fn picture() -> Picture {
    let mut reader = Reader::new(None, Failing::ServerErrors);
    for m in 0..30u32 {
        for i in 0..20u32 {
            let path = if i % 2 == 0 {
                "/v1/checkout?cart=9"
            } else {
                "/v1/orders/77"
            };
            let status = if m >= 10 && i % 4 == 0 { 502 } else { 200 };
            reader.line(
                format!(
                    "10.0.0.{} - - [23/Nov/2026:{:02}:{:02}:{:02} +0000] \"GET {path} HTTP/1.1\" {status} 1 \"-\" \"k6\" 0.0{} 0.0{} 10.1.0.1:8080\r\n",
                    i % 5,
                    2 + (30 + m) / 60,
                    (30 + m) % 60,
                    i,
                    i % 10,
                    i % 10
                )
                .as_bytes(),
            );
        }
    }
    reader.finish()
}

fn reading(a: &mut App) -> u64 {
    press_label(a, "l");
    assert_eq!(a.context(), Context::Prompt);
    typed(a, "/var/log/nginx/access.log.1.gz");
    let effects = press_label(a, "Enter");
    let Some(Effect::ReadLog { id, path }) = effects.first().cloned() else {
        panic!("no read: {effects:?}");
    };
    assert_eq!(path, "/var/log/nginx/access.log.1.gz");
    assert_eq!(a.context(), Context::LogReading);
    id
}

#[test]
fn l_asks_for_a_log_shows_progress_and_esc_stops_it() {
    let mut a = triage_at_checklist();
    let id = reading(&mut a);
    a.log_progress(id, 452_000, 45_200_000, 100_000_000, 0.5);
    let screen = drawn(&mut a, 80, 24).join("\n");
    assert!(
        screen.contains("Reading: 45.2 MB of 100.0 MB, 452000 lines"),
        "{screen}"
    );
    assert!(screen.contains("s left"), "{screen}");
    let effects = press_label(&mut a, "Esc");
    assert_eq!(effects, vec![Effect::StopLog { id }]);
    assert_eq!(a.context(), Context::Checklist);
}

#[test]
fn a_log_read_draws_its_picture_and_answers_the_triage() {
    let mut a = triage_at_checklist();
    let id = reading(&mut a);
    a.shared.now = at("2026-11-23T09:05:00Z");
    assert!(a.log_read(id, Ok(picture())));
    assert_eq!(a.context(), Context::Logs);
    let screen = drawn(&mut a, 100, 30).join("\n");
    assert!(
        screen.contains("First bad minute: 2026-11-23 02:40 UTC"),
        "{screen}"
    );
    assert!(screen.contains("/v1/checkout"), "{screen}");
    assert!(screen.contains("02:30Z"), "{screen}");
    let session = &a.triage.as_ref().unwrap().session;
    let note = session.notes.last().unwrap();
    assert!(
        note.text.starts_with("Access log: 600 lines"),
        "{}",
        note.text
    );
    assert!(
        note.text
            .contains("(read from /var/log/nginx/access.log.1.gz)")
    );
    assert!(
        session
            .incident
            .first_seen
            .starts_with("2026-11-23 02:40 UTC")
    );
    // ↓ picks the first route: its own curve.
    press_label(&mut a, "↓");
    let screen = drawn(&mut a, 100, 30).join("\n");
    assert!(screen.contains("requests/min · /v1/checkout"), "{screen}");
    press_label(&mut a, "z");
    let screen = drawn(&mut a, 60, 16).join("\n");
    assert!(!screen.contains('\u{1b}'));
    press_label(&mut a, "Esc");
    assert_eq!(a.context(), Context::Checklist);
}

#[test]
fn a_log_that_cannot_be_read_says_why_and_changes_nothing() {
    let mut a = triage_at_checklist();
    let id = reading(&mut a);
    let notes = a.triage.as_ref().unwrap().session.notes.len();
    assert!(!a.log_read(
        id,
        Err("cannot read /nope: No such file or directory".into())
    ));
    let screen = drawn(&mut a, 80, 24).join("\n");
    assert!(screen.contains("No such file or directory"), "{screen}");
    assert_eq!(a.triage.as_ref().unwrap().session.notes.len(), notes);
    let mut unknown = Reader::new(None, Failing::ServerErrors);
    unknown.line(b"hello world");
    assert!(!a.log_read(id, Ok(unknown.finish())));
    assert!(drawn(&mut a, 80, 24).join("\n").contains("not recognised"));
}
