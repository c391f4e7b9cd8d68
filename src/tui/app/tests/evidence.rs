//! Evidence pasted into a triage: kept as a note, read, and its answers shown on the question.

use super::*;

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
fn a_pasted_alert_fills_the_incident_and_pre_answers_the_code_keeping_the_engineers_title() {
    let mut a = app();
    a.shared.now = at("2026-12-03T02:52:00Z");
    press_t(&mut a);
    assert_eq!(a.triage.as_ref().unwrap().session.code, None);
    // The engineer has written a title already.
    a.update(Action::Details);
    typed(&mut a, "Checkout down for EU");
    a.update(Action::Open);
    a.update(Action::Back);
    a.shared.now = at("2026-12-03T02:52:12Z");
    // Pasted as a terminal sends it: CR line breaks, a colour code from `jq -C`.
    let payload = include_str!("../../../../tests/fixtures/alerts/alertmanager.json")
        .replace('\n', "\r")
        .replace(
            "\"OrdersHigh5xx\"",
            "\u{1b}[0;32m\"OrdersHigh5xx\"\u{1b}[0m",
        );
    a.update(Action::Paste(payload));
    let triage = a.triage.as_ref().unwrap();
    let session = &triage.session;
    let note = session.notes.last().unwrap();
    assert!(!note.text.contains('\r') && !note.text.contains('\u{1b}'));
    let line = note.evidence_line().unwrap();
    assert_eq!(
        line,
        "Alertmanager alert firing: OrdersHigh5xx (2 alerts), critical, prod, since 02:40 UTC, \
         service orders-api, code 502"
    );
    assert_eq!(triage.evidence.as_deref(), Some(line.as_str()));
    let incident = &session.incident;
    assert_eq!(
        incident.title, "Checkout down for EU",
        "the engineer's title stays"
    );
    assert_eq!(incident.severity, "SEV1");
    assert_eq!(incident.environment, "prod");
    assert_eq!(incident.first_seen, "2026-12-03 02:40 UTC");
    assert_eq!(incident.endpoint, "orders-api");
    assert_eq!(
        session.interview.answers.get("code"),
        Some(&crate::triage::Answer::Code(502))
    );
    assert_eq!(
        session.interview.answers.get("service"),
        Some(&crate::triage::Answer::Text("orders-api".into()))
    );
    let screen = screen_text(&a, 120, 40);
    assert!(
        screen.contains("Answered from the Alertmanager alert in the note at T+00:12"),
        "{screen}"
    );
    // Enter confirms the code and the service; at the next question (a choice), the notes
    // view shows what was read.
    a.update(Action::Open);
    a.update(Action::Open);
    assert_eq!(a.context(), Context::InterviewChoice);
    a.update(Action::Notes);
    let screen = screen_text(&a, 120, 40);
    assert!(
        screen.contains("evidence: Alertmanager alert firing: OrdersHigh5xx (2 alerts)"),
        "{screen}"
    );
}

#[test]
fn a_piped_alert_opens_with_its_code_in_the_field_so_enter_confirms_it() {
    let mut a = app();
    a.shared.now = at("2026-12-03T02:52:00Z");
    let book = a.shared.runbook(0).unwrap();
    // As `cat alert.json | api-triage -` saves it (cli::evidence).
    let mut session = crate::session::Session::new(
        a.shared.now,
        &book.name,
        &book.source,
        &book.interview,
        Some(502),
    );
    session.interview = crate::triage::Interview::new(&book.interview, None);
    session.add_evidence_note(
        NoteTarget::Incident,
        include_str!("../../../../tests/fixtures/alerts/email.txt"),
        a.shared.now,
        &jiff::tz::TimeZone::UTC,
        crate::evidence::token::Expected::default(),
    );
    a.resume(session);
    let screen = screen_text(&a, 100, 30);
    assert!(screen.contains("Code:   502"), "{screen}");
    a.update(Action::Open);
    let interview = &a.triage.as_ref().unwrap().session.interview;
    assert_eq!(
        interview.answers.get("code"),
        Some(&crate::triage::Answer::Code(502))
    );
    assert_eq!(interview.source("code"), None, "confirmed by the engineer");
}
