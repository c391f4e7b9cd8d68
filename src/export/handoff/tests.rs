use super::*;
use crate::evidence::token::Expected;
use crate::runbook::load_texts;
use crate::session::run::{FinishedRun, RunEnd};
use crate::triage::{Answer, Checklist};
use jiff::tz::TimeZone;

fn at(text: &str) -> Timestamp {
    text.parse().unwrap()
}

fn default() -> TeamRunbook {
    load_texts(Vec::new(), None).runbooks.remove(0)
}

const NGINX_502: &str = "$ curl -sv https://api.example.com/v1/orders\n\
                         > GET /v1/orders HTTP/1.1\n> Host: api.example.com\n\
                         > Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJDQU5BUlkifQ.c2lnbmF0dXJlQ0FOQVJZ\n>\n\
                         < HTTP/1.1 502 Bad Gateway\n< Server: nginx/1.22.1\n<\n\
                         <html><hr><center>nginx/1.22.1</center></html>";

/// A 502 triage with one step ruled out, one found, one done, one begun, a run stopped.
fn session(runbook: &TeamRunbook) -> Session {
    let mut s = Session::new(
        at("2026-11-23T09:00:00Z"),
        &runbook.name,
        &runbook.source,
        &runbook.interview,
        Some(502),
    );
    s.incident.title = "Checkout failing".into();
    s.incident.environment = "production".into();
    s.incident.first_seen = "08:52 UTC".into();
    s.interview
        .answers
        .insert("spread".into(), Answer::Choice("intermittent".into()));
    s.interview
        .answers
        .insert("changed".into(), Answer::Choice("deploy".into()));
    s.checklist = Checklist::from_card(&runbook.card(502).unwrap());
    s.checklist.set_outcome(0, Outcome::RuledOut);
    s.checklist
        .set_finding(0, "no upstream errors in the ingress log since 08:00");
    s.checklist.set_outcome(2, Outcome::Done);
    s.checklist.set_finding(2, "no ALB logs for this hour yet");
    s.add_evidence_note(
        NoteTarget::Incident,
        NGINX_502,
        at("2026-11-23T09:06:40Z"),
        &TimeZone::UTC,
        Expected::default(),
    );
    s.add_note(
        NoteTarget::Step(4),
        "rollout at 08:45, 502s began 08:47",
        at("2026-11-23T09:08:00Z"),
        &TimeZone::UTC,
    );
    s.add_run_note(
        FinishedRun {
            target: NoteTarget::Step(1),
            command: "kubectl -n orders get pods -w".into(),
            what: "step 2: Upstream pods".into(),
            started: at("2026-11-23T09:07:00Z"),
            ended: at("2026-11-23T09:07:30Z"),
            ending: RunEnd::Stopped,
            output: "orders-7d9f 0/1 CrashLoopBackOff".into(),
            left_out_bytes: 0,
        },
        &TimeZone::UTC,
        Expected::default(),
    );
    s
}

fn hand_off(s: &Session, runbook: &TeamRunbook) -> String {
    let prepared = crate::export::prepare(s, runbook, true).unwrap();
    render(&prepared, runbook, at("2026-11-23T09:12:00Z"))
}

/// The lines of one `### ` section.
fn section<'t>(text: &'t str, title: &str) -> Vec<&'t str> {
    let heading = format!("### {title}");
    text.lines()
        .skip_while(|l| *l != heading)
        .skip(1)
        .take_while(|l| !l.starts_with("### ") && !l.is_empty())
        .collect()
}

#[test]
fn each_section_says_its_part_and_no_secret_leaves() {
    let runbook = default();
    let text = hand_off(&session(&runbook), &runbook);
    assert!(text.starts_with("## Hand-off: Checkout failing · 502 Bad Gateway (production)"));
    let known = section(&text, "Known").join("\n");
    assert!(known.contains("**Code:** 502 Bad Gateway"), "{text}");
    assert!(
        known.contains("**Returned by:** a reverse proxy or gateway (nginx)"),
        "{text}"
    );
    assert!(known.contains("**First seen:** 08:52 UTC"), "{known}");
    assert!(known.contains("**Scope:**"), "{known}");
    assert!(known.contains("**Most likely:**"), "{known}");
    assert_eq!(
        section(&text, "Ruled out"),
        [
            "- Ingress error log for upstream failures, from all controller pods — no upstream errors in the ingress log since 08:00"
        ]
    );
    let progress = section(&text, "In progress").join("\n");
    assert!(
        progress.contains(" — done: no ALB logs for this hour yet"),
        "{progress}"
    );
    assert!(
        progress.contains("1 note so far, no outcome yet"),
        "{progress}"
    );
    assert!(
        progress.contains("Run not finished: `kubectl -n orders get pods -w`"),
        "{progress}"
    );
    let next = section(&text, "Next checks");
    assert!(!next.is_empty(), "{text}");
    // The steps with notes are in progress, not among the next checks.
    assert!(
        next.iter().all(|l| !l.contains("Upstream pods")),
        "{next:?}"
    );
    let who = section(&text, "Who to call").join("\n");
    assert!(who.contains("**Owner:**"), "{who}");
    assert!(
        !text.contains("c2lnbmF0dXJlQ0FOQVJZ"),
        "the token leaked:\n{text}"
    );
    assert!(text.contains("1 secret redacted"), "{text}");
    assert!(text.lines().count() < 45, "short enough to paste:\n{text}");
}

#[test]
fn the_next_checks_follow_the_ranking_the_summary_reads() {
    let runbook = default();
    let s = session(&runbook);
    let card = runbook.card(502).unwrap();
    let ranked = rank_causes(&card, &s.interview, &runbook.interview, &s.checklist);
    let expected: Vec<&str> = next_steps(&ranked, &s.checklist)
        .iter()
        .filter(|n| s.notes_for(NoteTarget::Step(n.index)).count() == 0)
        .map(|n| s.checklist.steps[n.index].title.as_str())
        .take(MAX_NEXT)
        .collect();
    let text = hand_off(&s, &runbook);
    let next = section(&text, "Next checks");
    for (line, title) in next.iter().zip(&expected) {
        assert!(line.contains(title), "{line} vs {title}");
    }
    assert!(next[0].starts_with("1. "), "{next:?}");
}

#[test]
fn an_unknown_origin_is_an_open_question_with_its_settling_check() {
    let runbook = default();
    let mut s = session(&runbook);
    if let Some(NoteEvidence::Reading(reading)) = &mut s.notes[0].evidence {
        reading.returned_by.layer = None;
        reading.returned_by.check = Some("look for the request id in the app's log".into());
    }
    let text = hand_off(&s, &runbook);
    let open = section(&text, "Open questions").join("\n");
    assert!(
        open.contains("Who returned the 502 at T+06:40? Unknown; to settle it: look for the request id in the app's log"),
        "{text}"
    );
    assert!(open.contains("(not answered)"), "{open}");
    assert!(open.contains("Still missing:"), "{open}");
    // The reading claims nothing: only the interview's answer (from that reading) is left.
    let known = section(&text, "Known").join("\n");
    assert!(!known.contains("confidence"), "{known}");
}

#[test]
fn plain_and_slack_hand_offs_carry_no_markdown_headings() {
    let runbook = default();
    let prepared = crate::export::prepare(&session(&runbook), &runbook, true).unwrap();
    let now = at("2026-11-23T09:12:00Z");
    let text = render_as(&prepared, &runbook, now, Format::Text);
    assert!(text.starts_with("Hand-off: "), "{text}");
    assert!(text.contains("\nKnown:\n") && !text.contains("**") && !text.contains("###"));
    let slack = render_as(&prepared, &runbook, now, Format::Slack);
    assert!(
        slack.starts_with("*Hand-off: ") && slack.contains("\n*Known*\n"),
        "{slack}"
    );
}

#[test]
fn a_session_with_no_code_hands_off_honestly() {
    let runbook = default();
    let s = Session::new(
        at("2026-11-23T09:00:00Z"),
        "D",
        "d",
        &runbook.interview,
        None,
    );
    let text = hand_off(&s, &runbook);
    assert!(text.contains("HTTP failure (code not known)"), "{text}");
    assert!(text.contains("**Code:** not known yet"), "{text}");
    assert!(text.contains("Nobody yet: the code is not known"), "{text}");
}
