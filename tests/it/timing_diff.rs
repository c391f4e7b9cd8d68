//! `api-triage diff GOOD FAILING` and the timing in `evidence`, as a script would use them:
//! exit codes, the JSON's field names, standard input for one side, secrets redacted, on real
//! captures (`tests/fixtures/timing/`).

use std::path::Path;
use std::process::Command;

fn api_triage(dir: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_api-triage"));
    command
        .args(args)
        .args(["--today", "2026-12-02"])
        .current_dir(dir)
        .env_remove("API_TRIAGE_RUNBOOKS")
        .env_remove("NO_COLOR")
        .env("HOME", dir)
        .env("XDG_CONFIG_HOME", dir.join("config"));
    command
}

/// stdout, stderr and the exit code of a run with `input` on standard input.
fn run(args: &[&str], input: &str) -> (String, String, i32) {
    let dir = tempfile::tempdir().unwrap();
    let out = super::util::feed(api_triage(dir.path(), args), input);
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
        out.status.code().unwrap_or(-1),
    )
}

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/timing")
        .join(name)
        .display()
        .to_string()
}

#[test]
fn diff_puts_the_differences_first_and_names_nginxs_timeout() {
    let (good, failing) = (
        fixture("nginx-200-runner.txt"),
        fixture("nginx-504-runner.txt"),
    );
    let (out, err, code) = run(&["diff", &good, &failing], "");
    assert_eq!(code, 0, "{err}");
    let differences = out.find("Differences (").unwrap();
    let same = out.find("The same in both (").unwrap();
    assert!(differences < same, "{out}");
    assert!(
        out.contains("  status: 200 OK → 504 Gateway Time-out\n"),
        "{out}"
    );
    assert!(out.contains("  X-Cache: only in good (MISS)\n"), "{out}");
    assert!(
        out.contains(
            "failing: 60.1 s in total: the same as\n      nginx's default proxy_read_timeout (60 s)"
        ),
        "{out}"
    );
    assert!(out.lines().all(|l| l.chars().count() <= 80), "{out}");
    assert!(!out.contains('\u{1b}'), "no colour when piped");
}

#[test]
fn diff_json_has_stable_field_names() {
    let good = fixture("runner-good.txt");
    let slow = std::fs::read_to_string(fixture("runner-slow.txt")).unwrap();
    // The failing side from standard input, as a pipe gives it.
    let (out, err, code) = run(&["diff", &good, "-", "--json"], &slow);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["good"]["status"], 200);
    assert_eq!(v["failing"]["status"], 504);
    assert_eq!(v["failing"]["file"], "standard input");
    assert_eq!(v["failing"]["total_micros"], 1_201_442);
    let first = &v["differences"][0];
    assert_eq!(
        (&first["part"], &first["name"], &first["change"]),
        (&"status".into(), &"status".into(), &"changed".into())
    );
    let code_field = v["differences"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["name"] == "$.error.code")
        .unwrap();
    assert_eq!(code_field["change"], "only_failing");
    assert_eq!(code_field["failing"], "\"upstream_timeout\"");
    assert!(code_field["good"].is_null());
    let via = v["differences"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["name"] == "Via")
        .unwrap();
    assert_eq!(via["hop"], "proxy");
    assert!(
        v["same"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["name"] == "Date" && r["note"] == "differs on every request")
    );
}

#[test]
fn diff_refuses_what_it_cannot_compare() {
    let good = fixture("runner-good.txt");
    let (_, err, code) = run(&["diff", "-", "-"], "");
    assert_eq!(code, 2);
    assert!(
        err.contains("only one of GOOD and FAILING can be `-`"),
        "{err}"
    );
    let (_, err, code) = run(&["diff", &good, "/no/such/file"], "");
    assert_eq!(code, 2, "{err}");
    let (_, err, code) = run(&["diff", &good, "-"], "\r\n");
    assert_eq!(code, 2);
    assert!(
        err.contains("standard input holds no HTTP response"),
        "{err}"
    );
}

#[test]
fn diff_redacts_secrets_unless_asked_and_shows_escapes_harmlessly() {
    let good = fixture("runner-good.txt");
    // A failing response pasted from a terminal: CR line breaks, a colour code, a session
    // cookie and an escape sequence in a header.
    let failing = "< HTTP/1.1 401 Unauthorized\r\n< Set-Cookie: session=s3cr3tV4lu3xyz; Path=/\r\n\
                   < X-Note: \u{1b}]0;pwned\u{7}hi\r\n< Content-Type: application/json\r\n<\r\n\
                   {\"error\":\"\u{1b}[31minvalid_token\u{1b}[0m\"}\r\n";
    let (out, err, code) = run(&["diff", &good, "-"], failing);
    assert_eq!(code, 0, "{err}");
    assert!(!out.contains("s3cr3tV4lu3xyz"), "{out}");
    assert!(
        out.contains("Set-Cookie: only in failing (session=[REDACTED]"),
        "{out}"
    );
    assert!(out.contains("secret redacted"), "{out}");
    assert!(!out.contains('\u{1b}') && !out.contains('\u{7}'), "{out:?}");
    assert!(
        out.contains("$.error: only in failing (\"invalid_token\")"),
        "{out}"
    );
    let (shown, _, _) = run(&["diff", &good, "-", "--show-secrets"], failing);
    assert!(shown.contains("s3cr3tV4lu3xyz"), "{shown}");
}

#[test]
fn evidence_prints_the_timing_and_its_known_timeouts() {
    let file = fixture("nginx-504-trace.txt");
    let (out, err, code) = run(&["evidence", &file], "");
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Status:      504 Gateway Time-out"), "{out}");
    assert!(
        out.contains("Timing (curl --trace-time): 60.1 s in total"),
        "{out}"
    );
    assert!(
        out.contains("  ! 60.1 s in total: the same as nginx's default proxy_read_timeout"),
        "{out}"
    );
    let (json, _, _) = run(&["evidence", &fixture("capture.har"), "--json"], "");
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let timing = &v["timing"];
    assert_eq!(timing["source"], "har");
    assert_eq!(timing["phases"][1]["phase"], "tls");
    assert_eq!(timing["phases"][1]["micros"], 28_216);
    assert_eq!(timing["total_micros"], 1_232_994);
    assert_eq!(timing["known_defaults"], serde_json::json!([]));
    let (json, _, _) = run(
        &["evidence", &fixture("nginx-504-runner.txt"), "--json"],
        "",
    );
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let flag = &v["timing"]["known_defaults"][0];
    assert_eq!(flag["product"], "nginx");
    assert_eq!(flag["setting"], "proxy_read_timeout");
    assert_eq!(flag["timeout_millis"], 60_000);
    assert_eq!(flag["measured"], "total");
    assert!(
        flag["source"]
            .as_str()
            .unwrap()
            .starts_with("nginx documentation")
    );
}

/// A 504 triage with the good and failing responses marked: the summary's "Known good vs
/// failing" section, the differences first, and each note's timing; struck notes and their
/// marks stay out.
#[test]
fn the_summary_compares_the_marked_notes_and_shows_each_notes_timing() {
    use api_triage::export::{prepare, prepare_with, summary::Format};
    use api_triage::session::{Mark, NoteTarget, Session};
    let runbook = api_triage::runbook::load_texts(Vec::new(), None)
        .runbooks
        .remove(0);
    let at = |text: &str| -> jiff::Timestamp { text.parse().unwrap() };
    let mut s = Session::new(
        at("2026-12-03T09:00:00Z"),
        &runbook.name,
        &runbook.source,
        &runbook.interview,
        Some(504),
    );
    let read = |name: &str| std::fs::read_to_string(fixture(name)).unwrap();
    for (i, text) in [
        "checked the dashboards: p99 at 60 s since 08:50".to_owned(),
        read("nginx-200-runner.txt"),
        // With curl's own CR line ends on the header lines, as it prints them.
        read("nginx-504-runner.txt"),
    ]
    .iter()
    .enumerate()
    {
        s.add_evidence_note(
            NoteTarget::Incident,
            text,
            at(&format!("2026-12-03T09:0{}:00Z", i + 1)),
            &jiff::tz::TimeZone::UTC,
            runbook.token_expectations(),
        );
    }
    s.toggle_mark(1, Mark::Good);
    s.toggle_mark(2, Mark::Failing);
    s.notes[0].struck = true;
    let now = at("2026-12-03T09:10:00Z");
    let summary = prepare(&s, &runbook, true)
        .unwrap()
        .render(&runbook, now, Format::Md);
    let section = summary
        .split("### Known good vs failing\n")
        .nth(1)
        .unwrap_or_else(|| panic!("{summary}"));
    let section = section.split("\n### ").next().unwrap();
    let lines: Vec<&str> = section.lines().collect();
    assert!(
        lines[0].starts_with("**Known good:** the note at T+02:00 (200 from"),
        "{section}"
    );
    assert!(
        lines[1].starts_with("**Failing:** the note at T+03:00 (504 from"),
        "{section}"
    );
    assert_eq!(
        lines[2], "- status: 200 OK → 504 Gateway Time-out",
        "{section}"
    );
    assert!(
        section.contains(
            "- total: 5.0 ms → 60.1 s · 60.0 s longer; failing: 60.1 s in total: \
                          the same as nginx's default proxy_read_timeout (60 s) (and 3 more)"
        ),
        "{section}"
    );
    let same = lines.last().unwrap();
    assert!(
        same.starts_with(
            "**The same in both:** Server, Connection, Date (differs on every request)"
        ),
        "{section}"
    );
    // The section comes before the notes, and each note with a timing says it.
    assert!(summary.find("### Known good vs failing") < summary.find("### Evidence notes"));
    assert!(
        summary.contains("**Timing:** 60.1 s in total: DNS 17 µs · connect 173 µs · first byte 60.1 s · download 123 µs"),
        "{summary}"
    );
    assert!(
        summary.contains(
            "**At a known timeout:** 60.1 s in total: the same as nginx's default \
             proxy_read_timeout (60 s), nginx's default proxy_connect_timeout (60 s), \
             ingress-nginx's default proxy-read-timeout (60 s) and AWS Application Load \
             Balancer's default connection idle timeout (60 s)\n"
        ),
        "{summary}"
    );
    // Striking the failing note out takes the section with it; putting struck notes back in
    // brings it back.
    s.notes[2].struck = true;
    let without = prepare(&s, &runbook, true)
        .unwrap()
        .render(&runbook, now, Format::Md);
    assert!(!without.contains("Known good vs failing"), "{without}");
    let with = prepare_with(&s, &runbook, true, true)
        .unwrap()
        .render(&runbook, now, Format::Text);
    assert!(with.contains("Known good vs failing:"), "{with}");
    assert!(
        with.contains("- status: 200 OK → 504 Gateway Time-out"),
        "{with}"
    );
}

mod screens {
    //! The notes view's timing bars and the good-against-failing screen on `TestBackend`,
    //! reached by keys as an engineer would: `N`, `o` on the good note, `f` on the failing
    //! one, `c`.

    use api_triage::matrix::Matrix;
    use api_triage::runbook::load_texts;
    use api_triage::session::{NoteTarget, Session, Stage};
    use api_triage::tui::app::{App, draw};
    use api_triage::tui::keymap::Action;
    use api_triage::tui::screens::Screen;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    fn render(app: &mut App, width: u16, height: u16) -> Terminal<TestBackend> {
        app.shared.viewport = (width, height);
        let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
        terminal
            .draw(|frame| draw(frame.buffer_mut(), app))
            .unwrap();
        terminal
    }

    /// A 504 triage at its checklist with a good and a failing capture as notes.
    fn triage() -> App {
        let report = load_texts(Vec::new(), None);
        let mut app = App::new(Matrix::from_report(&report), report.findings, false);
        let runbook = report.runbooks[0].clone();
        let at = |text: &str| -> jiff::Timestamp { text.parse().unwrap() };
        app.shared.now = at("2026-12-03T09:20:00Z");
        let mut session = Session::new(
            at("2026-12-03T09:10:00Z"),
            &runbook.name,
            &runbook.source,
            &runbook.interview,
            Some(504),
        );
        session.stage = Stage::Checklist;
        for (minute, name) in [(12, "nginx-200-runner.txt"), (13, "nginx-504-runner.txt")] {
            session.add_evidence_note(
                NoteTarget::Incident,
                &std::fs::read_to_string(super::fixture(name)).unwrap(),
                at(&format!("2026-12-03T09:{minute}:00Z")),
                &jiff::tz::TimeZone::UTC,
                runbook.token_expectations(),
            );
        }
        app.resume(session);
        app
    }

    #[test]
    fn the_notes_view_draws_a_bar_per_phase_and_names_the_timeout() {
        let mut a = triage();
        a.update(Action::Notes);
        a.update(Action::MarkGood);
        a.update(Action::Down);
        a.update(Action::MarkFailing);
        let notes = &a.triage.as_ref().unwrap().session;
        assert_eq!(
            (notes.good_vs_failing.good, notes.good_vs_failing.failing),
            (Some(0), Some(1))
        );
        let terminal = render(&mut a, 80, 24);
        insta::assert_snapshot!("notes_view_timing_80x24", terminal.backend());
        let screen = terminal.backend().to_string();
        assert!(screen.contains("FAILING · T+03:00"), "{screen}");
        assert!(screen.contains("first byte   60.1 s  ████"), "{screen}");
        assert!(
            screen.contains("! 60.1 s in total: the same as nginx's default"),
            "{screen}"
        );
        assert!(
            screen.contains("o good · f failing · c compare"),
            "{screen}"
        );
    }

    #[test]
    fn c_sets_the_marked_notes_side_by_side_and_esc_goes_back() {
        let mut a = triage();
        a.update(Action::Notes);
        a.update(Action::Compare);
        assert_eq!(
            a.notice.as_deref(),
            Some("Mark a known-good note with o and a failing one with f first")
        );
        a.update(Action::MarkGood);
        a.update(Action::Down);
        a.update(Action::MarkFailing);
        a.update(Action::Compare);
        assert!(matches!(a.screen(), Screen::Diff(_)));
        for (width, height) in [(80, 24), (120, 40)] {
            let terminal = render(&mut a, width, height);
            insta::assert_snapshot!(
                format!("good_vs_failing_{width}x{height}"),
                terminal.backend()
            );
        }
        // Scrolled with the usual keys, to the sameness at the end.
        a.update(Action::Bottom);
        let end = render(&mut a, 80, 24).backend().to_string();
        assert!(end.contains("The same in both (7)"), "{end}");
        assert!(end.contains("Date: differs on every request"), "{end}");
        a.update(Action::Back);
        assert!(matches!(a.screen(), Screen::Triage));
        assert!(
            a.triage.as_ref().unwrap().notes_view.is_some(),
            "back in the notes"
        );
        for (w, h) in [(1, 1), (20, 5), (59, 15), (250, 80)] {
            a.update(Action::Compare);
            render(&mut a, w, h);
            a.update(Action::Back);
        }
    }

    #[test]
    fn a_step_note_with_a_timing_says_it_on_one_line_in_the_checklist() {
        let mut a = triage();
        let runbook = a.shared.matrix.runbooks()[0].clone();
        let session = &mut a.triage.as_mut().unwrap().session;
        session.checklist = api_triage::triage::Checklist::from_card(&runbook.card(504).unwrap());
        session.add_evidence_note(
            NoteTarget::Step(0),
            &std::fs::read_to_string(super::fixture("nginx-504-trace.txt")).unwrap(),
            "2026-12-03T09:15:00Z".parse().unwrap(),
            &jiff::tz::TimeZone::UTC,
            runbook.token_expectations(),
        );
        let screen = render(&mut a, 120, 40).backend().to_string();
        let panel: String = screen
            .lines()
            .filter_map(|l| l.split("││").nth(1))
            .map(|l| l.trim_end_matches(['│', '"', ' ']).trim())
            .collect::<Vec<_>>()
            .join(" ");
        assert!(
            panel.contains(
                "timing: 60.1 s in total: connect 152 µs · first byte 60.1 s · download 210 µs; \
                 60.1 s in total: the same as nginx's default proxy_read_timeout (60 s) (and 3 \
                 more: N lists them)"
            ),
            "{panel}"
        );
    }
}
