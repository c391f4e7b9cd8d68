//! Running a runbook command from the app: what `r` opens, filling and asking, the exact
//! command handed to the event loop, output and endings as the runner reports them, and the
//! run kept as a note. The runner itself (real processes) is tested in `crate::run`.

use super::*;
use crate::run::Ending;

const TEAM: &str = r##"
[runbook]
name = "Orders API"
run_timeout_seconds = 20

[vars]
namespace = "orders"

[owners.orders]
name = "Orders team"
contact = "#orders-oncall"

[codes.502]
owner = "orders"
look_first = [
  { what = "Gateway answer", how = "curl -sv -H 'X-Request-ID: <request-id>' http://127.0.0.1:9/fail/<pod> -n <namespace>" },
  { what = "Upstream logs", how = "kubectl -n <namespace> logs deploy/orders --since=15m", timeout_seconds = 3 },
  { what = "Restart the upstream", how = "kubectl -n <namespace> rollout restart deploy/orders", allow_write = true, run = false },
]

[[codes.502.examples]]
name = "failing order"
kind = "failing"
request = "curl -sS -o /dev/null -w '%{http_code}' http://127.0.0.1:9/fail/orders"
expect = 502

[[codes.502.examples]]
name = "create an order"
kind = "failing"
request = "curl -sS -X POST -d '{}' http://127.0.0.1:9/orders"
expect = 502
"##;

fn team_app() -> App {
    let report = load_texts(vec![("team.toml".to_owned(), TEAM.to_owned())], None);
    // The one finding: the writing example says neither `run = false` nor `run = true`.
    assert_eq!(report.findings.len(), 1, "{:?}", report.findings);
    assert!(
        report.findings[0]
            .message
            .contains("will not offer to run it")
    );
    let mut a = App::new(Matrix::from_report(&report), report.findings, false);
    a.shared.now = at("2026-12-03T02:40:00Z");
    a
}

/// The team's 502 triaged to its checklist, a failing response pasted as a note.
fn at_checklist() -> App {
    let mut a = team_app();
    a.open_code(502);
    press_t(&mut a);
    for _ in 0..8 {
        if matches!(a.context(), Context::Checklist) {
            break;
        }
        a.update(Action::Skip);
    }
    assert_eq!(a.context(), Context::Checklist);
    press_label(&mut a, "a");
    a.update(Action::Paste(
        "< HTTP/1.1 502 Bad Gateway\r\n< Server: nginx\r\n< X-Request-ID: req-7f3a\r\n<\r\n".into(),
    ));
    press_label(&mut a, "Esc");
    a
}

fn run_screen(a: &App) -> &crate::tui::screens::run::RunScreen {
    match a.screen() {
        Screen::Run(run) => run,
        other => panic!("not on the run screen: {other:?}"),
    }
}

fn started(effects: &[Effect]) -> Option<(u64, String, u32)> {
    effects.iter().find_map(|e| match e {
        Effect::StartRun {
            id,
            command,
            timeout_seconds,
        } => Some((*id, command.clone(), *timeout_seconds)),
        _ => None,
    })
}

#[test]
fn r_fills_what_the_triage_knows_asks_for_the_rest_and_runs_only_on_enter() {
    let mut a = at_checklist();
    press_label(&mut a, "r");
    assert_eq!(a.context(), Context::RunEdit);
    let screen = drawn(&mut a, 80, 24).join("\n");
    assert!(screen.contains("<pod>"), "{screen}");
    assert!(
        screen.contains("req-7f3a"),
        "the request id comes from the pasted evidence"
    );
    assert!(
        screen.contains("orders"),
        "the namespace from the runbook's [vars]"
    );
    // Enter on an empty value runs nothing and says what is wanted.
    let effects = press_label(&mut a, "Enter");
    assert!(started(&effects).is_none());
    assert!(a.notice.as_deref().unwrap_or("").contains("<pod>"));
    typed(&mut a, "orders-7d9");
    let effects = press_label(&mut a, "Enter");
    assert!(
        started(&effects).is_none(),
        "values are asked first, the command shown after"
    );
    let expected =
        "curl -sv -H 'X-Request-ID: req-7f3a' http://127.0.0.1:9/fail/orders-7d9 -n orders";
    assert_eq!(run_screen(&a).command(), expected);
    let effects = press_label(&mut a, "Enter");
    let (_, command, timeout) = started(&effects).expect("Enter runs it");
    assert_eq!(command, expected);
    assert_eq!(timeout, 20, "the runbook's run_timeout_seconds");
    assert_eq!(a.context(), Context::Running);
    let triage = a.triage.as_ref().unwrap();
    assert_eq!(
        triage.session.vars["pod"], "orders-7d9",
        "kept for the next command"
    );
}

#[test]
fn a_run_becomes_a_note_read_as_evidence_and_its_output_is_shown_harmlessly() {
    let mut a = at_checklist();
    a.triage.as_mut().unwrap().session.selected_step = 1;
    press_label(&mut a, "r");
    let effects = press_label(&mut a, "Enter");
    let (id, command, timeout) = started(&effects).unwrap();
    assert_eq!(command, "kubectl -n orders logs deploy/orders --since=15m");
    assert_eq!(timeout, 3, "the place's own timeout_seconds");
    a.shared.now = at("2026-12-03T02:40:02Z");
    a.run_output(
        id,
        b"* Connected\r\n< HTTP/1.1 504 Gateway Time-out\r\n< Server: nginx\r\n<\r\n",
    );
    a.run_output(id, b"\x1b[31mred\x1b[0m \x1b]52;c;aGk=\x07 title\n");
    let screen = drawn(&mut a, 80, 24).join("\n");
    assert!(screen.contains("Running for 2.0 s"), "{screen}");
    assert!(!screen.contains('\u{1b}'));
    assert!(screen.contains("red"));
    assert!(
        screen.contains("\\e]52"),
        "a hostile sequence is shown as text: {screen}"
    );
    a.shared.now = at("2026-12-03T02:40:03Z");
    assert!(a.run_ended(id, Ending::Exited(0)));
    assert_eq!(a.context(), Context::RunDone);
    let screen = drawn(&mut a, 80, 24).join("\n");
    assert!(screen.contains("exit 0 after 3.0 s"), "{screen}");
    assert!(screen.contains("kept as a note"), "{screen}");
    let session = &a.triage.as_ref().unwrap().session;
    let note = session.notes.last().unwrap();
    assert_eq!(note.target, NoteTarget::Step(1));
    let run = note.run.as_ref().unwrap();
    assert_eq!(run.command, command);
    assert_eq!(run.duration_ms, 3000);
    assert!(note.evidence_line().is_some_and(|l| l.contains("504")));
    assert!(!note.text.contains('\r') && !note.text.contains('\u{1b}'));
}

#[test]
fn esc_and_ctrl_c_stop_a_running_command_and_never_quit_the_app() {
    let mut a = at_checklist();
    a.triage.as_mut().unwrap().session.selected_step = 1;
    press_label(&mut a, "r");
    let (id, ..) = started(&press_label(&mut a, "Enter")).unwrap();
    let effects = press_label(&mut a, "Ctrl-C");
    assert_eq!(effects, vec![Effect::StopRun { id }]);
    let effects = press_label(&mut a, "Esc");
    assert_eq!(effects, vec![Effect::StopRun { id }]);
    assert!(a.run_ended(id, Ending::Stopped));
    let note = a
        .triage
        .as_ref()
        .unwrap()
        .session
        .notes
        .last()
        .unwrap()
        .clone();
    assert_eq!(note.run.unwrap().ending.label(), "stopped by you");
    // Done: Esc goes back to the checklist.
    press_label(&mut a, "Esc");
    assert_eq!(a.context(), Context::Checklist);
}

#[test]
fn a_run_the_app_quit_on_is_kept_as_stopped() {
    let mut a = at_checklist();
    a.triage.as_mut().unwrap().session.selected_step = 1;
    press_label(&mut a, "r");
    let (id, ..) = started(&press_label(&mut a, "Enter")).unwrap();
    a.run_output(id, b"partial\n");
    assert!(a.run_ended(id, Ending::Quit));
    let note = a
        .triage
        .as_ref()
        .unwrap()
        .session
        .notes
        .last()
        .unwrap()
        .clone();
    assert_eq!(note.text, "partial\n");
    assert_eq!(note.run.unwrap().ending.label(), "stopped: the app quit");
}

#[test]
fn commands_the_runbook_keeps_from_running_are_refused_with_the_reason() {
    let mut a = at_checklist();
    a.triage.as_mut().unwrap().session.selected_step = 2;
    press_label(&mut a, "r");
    assert_eq!(a.context(), Context::Checklist);
    assert!(
        a.notice.as_deref().unwrap().contains("run = false"),
        "{:?}",
        a.notice
    );
    // A check has no command.
    a.triage.as_mut().unwrap().session.selected_step = 3;
    press_label(&mut a, "r");
    assert!(
        a.notice.as_deref().unwrap().contains("no command"),
        "{:?}",
        a.notice
    );
}

#[test]
fn examples_run_from_the_card_verbose_with_timings_but_not_one_that_writes() {
    let mut a = at_checklist();
    press_label(&mut a, "Esc");
    assert!(matches!(a.screen(), Screen::Card(_)));
    press_label(&mut a, "4");
    press_label(&mut a, "r");
    let command = run_screen(&a).command();
    assert!(
        command.starts_with("curl -sv http://127.0.0.1:9/fail/orders -w '"),
        "{command}"
    );
    assert!(command.contains("%{time_total}"));
    assert!(!command.contains("-o /dev/null"));
    press_label(&mut a, "Esc");
    press_label(&mut a, "5");
    press_label(&mut a, "r");
    assert!(matches!(a.screen(), Screen::Card(_)));
    assert!(
        a.notice
            .as_deref()
            .unwrap()
            .contains("looks like it writes"),
        "{:?}",
        a.notice
    );
}

#[test]
fn r_on_a_card_without_a_triage_says_to_start_one() {
    let mut a = team_app();
    a.open_code(502);
    press_label(&mut a, "r");
    assert!(matches!(a.screen(), Screen::Card(_)));
    assert!(
        a.notice
            .as_deref()
            .unwrap()
            .contains("Start a triage first")
    );
}

#[test]
fn a_secret_in_a_run_is_redacted_in_the_export() {
    let mut a = at_checklist();
    a.triage.as_mut().unwrap().session.selected_step = 1;
    press_label(&mut a, "r");
    let (id, ..) = started(&press_label(&mut a, "Enter")).unwrap();
    a.run_output(id, b"DATABASE_URL=postgres://app:s3cr3t-pw@db:5432/orders\nAuthorization: Bearer abcdef0123456789abcdef0123456789\n");
    a.run_ended(id, Ending::Exited(0));
    let triage = a.triage.as_ref().unwrap();
    let runbook = a.shared.runbook(triage.runbook).unwrap();
    let prepared = crate::export::prepare(&triage.session, runbook, true).unwrap();
    let text = format!(
        "{}{}",
        prepared.render(runbook, a.shared.now, crate::export::summary::Format::Md),
        prepared.bundle_json(runbook, a.shared.now)
    );
    assert!(!text.contains("s3cr3t-pw"), "{text}");
    assert!(!text.contains("abcdef0123456789abcdef0123456789"));
    assert!(text.contains("Ran:"), "the summary says what ran");
}
