//! The escalation summary and bundle: Markdown snapshots, every format free of planted secrets
//! with trace ids intact, and `api-triage export` from the command line.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::process::Command;

use api_triage::clipboard::{Environment, copy};
use api_triage::evidence::origin::{Confidence, Layer, Origin, Weights};
use api_triage::export::prepare;
use api_triage::export::summary::Format;
use api_triage::runbook::{TeamRunbook, load_texts};
use api_triage::session::{EvidenceReading, Journal, NoteEvidence, NoteTarget, Session};
use api_triage::triage::{Answer, Outcome};
use base64::Engine as _;
use jiff::Timestamp;
use jiff::tz::TimeZone;

fn at(text: &str) -> Timestamp {
    text.parse().unwrap()
}

fn default() -> TeamRunbook {
    load_texts(Vec::new(), None).runbooks.remove(0)
}

/// A 502 triage part-way through, as an engineer would leave it.
fn session(runbook: &TeamRunbook) -> Session {
    let mut s = Session::new(
        at("2026-11-23T09:00:00Z"),
        &runbook.name,
        &runbook.source,
        &runbook.interview,
        Some(502),
    );
    s.incident.title = "Checkout failing for EU users".into();
    s.incident.severity = "SEV2".into();
    s.incident.environment = "production".into();
    s.incident.first_seen = "08:52 UTC".into();
    s.interview.answers.insert(
        "service".into(),
        Answer::Text("orders-api POST /v1/orders".into()),
    );
    s.interview
        .answers
        .insert("layer".into(), Answer::Choice("gateway".into()));
    s.interview
        .answers
        .insert("spread".into(), Answer::Choice("intermittent".into()));
    s.interview.position = runbook.interview.len();
    s.stage = api_triage::session::Stage::Checklist;
    s.checklist = api_triage::triage::Checklist::from_card(&runbook.card(502).unwrap());
    s.checklist.set_outcome(0, Outcome::RuledOut);
    s.checklist
        .set_finding(0, "no upstream errors in the ingress log since 08:00");
    s.checklist.set_outcome(1, Outcome::FoundIt);
    s.checklist
        .set_finding(1, "orders pods OOMKilled 7 times since the 08:45 deploy");
    s.add_note(
        NoteTarget::Step(1),
        "$ kubectl -n orders get pods\norders-7d9f 0/1 CrashLoopBackOff 7 12m",
        at("2026-11-23T09:04:12Z"),
        &TimeZone::UTC,
    );
    s.add_note(
        NoteTarget::Incident,
        "> POST /v1/orders HTTP/1.1\n> Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJDQU5BUlkifQ.c2lnbmF0dXJlQ0FOQVJZ\n< HTTP/1.1 502 Bad Gateway\n< x-request-id: 9b1e4c7a-2f3d-4e5f-8a9b-0c1d2e3f4a5b",
        at("2026-11-23T09:06:40Z"),
        &TimeZone::UTC,
    );
    s
}

#[test]
fn markdown_summary_snapshot() {
    let runbook = default();
    let prepared = prepare(&session(&runbook), &runbook, true).unwrap();
    let md = prepared.render(&runbook, at("2026-11-23T09:10:00Z"), Format::Md);
    insta::assert_snapshot!("summary_md", md);
}

#[test]
fn plain_and_slack_summaries_snapshot() {
    let runbook = default();
    let prepared = prepare(&session(&runbook), &runbook, true).unwrap();
    let now = at("2026-11-23T09:10:00Z");
    insta::assert_snapshot!("summary_text", prepared.render(&runbook, now, Format::Text));
    insta::assert_snapshot!(
        "summary_slack",
        prepared.render(&runbook, now, Format::Slack)
    );
}

#[test]
fn the_summary_puts_the_most_important_lines_first() {
    let runbook = default();
    let prepared = prepare(&session(&runbook), &runbook, true).unwrap();
    let md = prepared.render(&runbook, at("2026-11-23T09:10:00Z"), Format::Md);
    let lines: Vec<&str> = md.lines().collect();
    assert!(
        lines[0].contains("[SEV2]") && lines[0].contains("502") && lines[0].contains("production")
    );
    let first_screen = lines[..8].join("\n");
    for key in ["Owner:", "Found:", "Ruled out:", "When:", "Ids:"] {
        assert!(
            first_screen.contains(key),
            "{key} not near the top:\n{first_screen}"
        );
    }
    assert!(
        md.contains("9b1e4c7a-2f3d-4e5f-8a9b-0c1d2e3f4a5b"),
        "request id kept"
    );
}

fn fixture(name: &str) -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/redaction")
            .join(name),
    )
    .unwrap()
}

fn non_empty_lines(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_owned)
        .collect()
}

#[test]
fn canary_secrets_never_leave_in_any_format_and_trace_ids_stay() {
    let runbook = default();
    let canary = fixture("canary.txt");
    let secrets = non_empty_lines(&fixture("secrets.txt"));
    let keeps = non_empty_lines(&fixture("keep.txt"));
    assert!(secrets.len() >= 15 && keeps.len() >= 5);
    let mut s = session(&runbook);
    // Planted everywhere the engineer can type: notes, a draft, a finding, incident fields.
    s.add_note(
        NoteTarget::Incident,
        &canary,
        at("2026-11-23T09:08:00Z"),
        &TimeZone::UTC,
    );
    s.add_note(
        NoteTarget::Step(2),
        &canary,
        at("2026-11-23T09:08:30Z"),
        &TimeZone::UTC,
    );
    s.draft = Some(api_triage::session::Draft {
        target: NoteTarget::Incident,
        text: canary.clone(),
        editing: None,
    });
    s.checklist.set_finding(3, secrets[0].as_str());
    // Found, so the runbook suggestion quotes the finding as a new cause.
    s.checklist.set_outcome(3, Outcome::FoundIt);
    s.incident.endpoint = format!(
        "POST /v1/orders?access_token={}",
        "CANARYqueryTOKEN1234567890"
    );
    let prepared = prepare(&s, &runbook, true).unwrap();
    assert!(
        prepared.redacted.unwrap() >= secrets.len(),
        "{}",
        prepared.redaction_note()
    );
    let now = at("2026-11-23T09:10:00Z");
    let mut outputs: Vec<(String, String)> =
        [Format::Md, Format::Text, Format::Slack, Format::Json]
            .into_iter()
            .map(|f| (f.label().to_owned(), prepared.render(&runbook, now, f)))
            .collect();
    let dir = tempfile::tempdir().unwrap();
    let folder = prepared.write_bundle(&runbook, now, dir.path()).unwrap();
    for file in ["summary.md", "bundle.json", "runbook-suggestion.toml"] {
        outputs.push((
            file.to_owned(),
            std::fs::read_to_string(folder.join(file)).unwrap(),
        ));
    }
    // The clipboard gets exactly what leaves as OSC 52.
    let mut terminal = Vec::new();
    let env = Environment {
        ssh: true,
        ..Environment::default()
    };
    copy(
        &prepared.render(&runbook, now, Format::Md),
        &env,
        &mut terminal,
        api_triage::clipboard::Fallback::NewIn(&dir.path().join("clip")),
    );
    let sequence = String::from_utf8(terminal).unwrap();
    let payload = sequence
        .trim_start_matches("\u{1b}]52;c;")
        .trim_end_matches('\u{7}');
    let clip = String::from_utf8(
        base64::engine::general_purpose::STANDARD
            .decode(payload)
            .unwrap(),
    )
    .unwrap();
    outputs.push(("clipboard".to_owned(), clip));
    let suggestion = &outputs
        .iter()
        .find(|(what, _)| what == "runbook-suggestion.toml")
        .unwrap()
        .1;
    assert!(
        suggestion.contains("# proposed (new-cause)") && suggestion.contains("[REDACTED"),
        "{suggestion}"
    );
    for (what, text) in &outputs {
        for secret in secrets
            .iter()
            .chain(std::iter::once(&"CANARYqueryTOKEN1234567890".to_owned()))
        {
            assert!(
                !text.contains(secret.as_str()),
                "secret {secret:?} leaked into {what}"
            );
        }
        // The runbook suggestion quotes findings, never the notes.
        if what != "bundle.json" && what != "JSON" && what != "runbook-suggestion.toml" {
            for keep in &keeps {
                assert!(
                    text.contains(keep.as_str()),
                    "trace value {keep:?} lost from {what}"
                );
            }
        }
    }
}

#[test]
fn a_pasted_pagerduty_event_leaves_its_routing_key_in_no_export() {
    let runbook = default();
    let payload = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/alerts/pagerduty-event.json"),
    )
    .unwrap();
    let real = "c4e1b2a79d0f43a8b6e5d1f20a9c7b38";
    // The key as PagerDuty makes them, and as its docs write one: a word, not random.
    for key in [real, "samplekeyhere"] {
        let mut s = session(&runbook);
        s.add_evidence_note(
            NoteTarget::Incident,
            &payload.replace(real, key).replace('\n', "\r"),
            at("2026-11-23T09:07:00Z"),
            &TimeZone::UTC,
            api_triage::evidence::token::Expected::default(),
        );
        assert!(s.notes.last().unwrap().alert.is_some());
        let prepared = prepare(&s, &runbook, true).unwrap();
        let now = at("2026-11-23T09:10:00Z");
        let mut outputs: Vec<(String, String)> =
            [Format::Md, Format::Text, Format::Slack, Format::Json]
                .into_iter()
                .map(|f| (f.label().to_owned(), prepared.render(&runbook, now, f)))
                .collect();
        let dir = tempfile::tempdir().unwrap();
        let folder = prepared.write_bundle(&runbook, now, dir.path()).unwrap();
        for file in std::fs::read_dir(&folder).unwrap() {
            let path = file.unwrap().path();
            outputs.push((
                path.display().to_string(),
                std::fs::read_to_string(&path).unwrap(),
            ));
        }
        for (what, text) in &outputs {
            assert!(!text.contains(key), "routing key {key} in {what}");
            // The files that carry notes whole (the timeline gives each its first line, the
            // hand-off and the runbook suggestion only what was made of them).
            let whole = !what.contains('/')
                || what.ends_with("summary.md")
                || what.ends_with("bundle.json");
            assert!(
                !whole || text.contains("routing_key"),
                "the note is kept in {what}"
            );
        }
        // The summary names the alert in its header lines, and the note's evidence line.
        let md = &outputs[0].1;
        assert!(
            md.contains(
                "- **Alert:** PagerDuty event firing since 2026-12-03 02:40 UTC: orders-api: HTTP 503 on \
                 POST /v1/orders above 4% for 5 minutes (note at T+07:00)"
            ),
            "{md}"
        );
        assert!(
            md.contains("**Evidence:** PagerDuty event firing: orders-api: HTTP 503"),
            "{md}"
        );
    }
}

#[test]
fn no_redact_keeps_text_as_typed_and_says_so() {
    let runbook = default();
    let prepared = prepare(&session(&runbook), &runbook, false).unwrap();
    assert!(prepared.redaction_note().contains("REDACTION OFF"));
    assert!(
        prepared
            .render(&runbook, at("2026-11-23T09:10:00Z"), Format::Md)
            .contains("eyJhbGciOiJIUzI1NiJ9")
    );
}

/// A request fixture captured from a real client (`tests/fixtures/requests/capture.sh`).
fn request_fixture(name: &str) -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/requests")
            .join(name),
    )
    .unwrap()
}

/// The Reproduce section of a summary, up to the next section.
fn reproduce_section(summary: &str, heading: &str) -> String {
    let start = summary
        .find(heading)
        .unwrap_or_else(|| panic!("no {heading:?} in:\n{summary}"));
    let rest = &summary[start..];
    let end = rest[heading.len()..]
        .find("\nOpen questions")
        .or_else(|| rest[heading.len()..].find("\n### "))
        .or_else(|| rest[heading.len()..].find("\n*Open"))
        .map_or(rest.len(), |e| e + heading.len());
    rest[..end].to_owned()
}

/// The bearer token in the captured `curl -v` fixtures.
const FIXTURE_TOKEN: &str = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJDQU5BUlkifQ.c2lnbmF0dXJlQ0FOQVJZ";

#[test]
fn reproduce_sends_the_captured_request_again_before_the_runbooks_example() {
    let runbook = default();
    let now = at("2026-11-23T09:10:00Z");
    // A real curl -v transcript, pasted as a terminal delivers it (lone CRs), and once as
    // curl wrote it (CRLF): both read the same.
    for fixture in ["curl-v-post-http1-cr.txt", "curl-v-post-http1.txt"] {
        let mut s = session(&runbook);
        s.add_note(
            NoteTarget::Incident,
            &request_fixture(fixture),
            at("2026-11-23T09:08:00Z"),
            &TimeZone::UTC,
        );
        for redact in [true, false] {
            let prepared = prepare(&s, &runbook, redact).unwrap();
            let md = prepared.render(&runbook, now, Format::Md);
            let section = reproduce_section(&md, "### Reproduce");
            // Never the secret, even with redaction off: a repeat brings its own token.
            assert!(!section.contains(FIXTURE_TOKEN), "{section}");
            assert!(!section.contains("REDACTED"), "{section}");
            if redact {
                assert!(!md.contains(FIXTURE_TOKEN), "{md}");
                insta::assert_snapshot!("summary_md_reproduce", section);
            }
            let command = section.find("curl -sS -D - -X POST").unwrap();
            let example = section
                .find("`curl -sS -D - https://api.example.com/v1/orders | head -20`")
                .unwrap();
            assert!(command < example, "the captured request first:\n{section}");
            for line in [
                "From the request in the note at T+08:00 (it got 502):",
                "-H 'Authorization: Bearer <token>'",
                "-H 'X-Tenant: urn:acme:tenant:eu-1'",
                "The request sent a 29-byte body that the note does not show",
                "The runbook's failing example, then its known good ones:",
            ] {
                assert!(section.contains(line), "{line:?} missing:\n{section}");
            }
            for left_out in ["User-Agent", "Host:", "X-Request-Id", "traceparent"] {
                assert!(!section.contains(left_out), "{left_out}:\n{section}");
            }
            for format in [Format::Text, Format::Slack] {
                let text = prepared.render(&runbook, now, format);
                assert!(
                    text.contains("-H 'Authorization: Bearer <token>'")
                        && (!redact || !text.contains(FIXTURE_TOKEN)),
                    "{text}"
                );
            }
        }
    }
}

#[test]
fn reproduce_sends_again_the_curl_command_a_note_shows_over_its_output() {
    // `curl -si` output under its command, behind a shell prompt, pasted through a terminal
    // (CR breaks): the command is the request, its key a placeholder in the repeat.
    let runbook = default();
    let mut s = session(&runbook);
    s.add_note(
        NoteTarget::Incident,
        "[ops@bastion ~]$ curl -si -H 'X-API-Key: k3y-CANARY-0042' -d '{\"sku\":\"A1\"}' \
         https://api.example.test/v1/orders\rHTTP/1.1 502 Bad Gateway\rServer: nginx\r\r",
        at("2026-11-23T09:08:00Z"),
        &TimeZone::UTC,
    );
    let prepared = prepare(&s, &runbook, true).unwrap();
    let md = prepared.render(&runbook, at("2026-11-23T09:10:00Z"), Format::Md);
    let section = reproduce_section(&md, "### Reproduce");
    for line in [
        "From the request in the note at T+08:00 (it got 502):",
        "https://api.example.test/v1/orders",
        "-H 'X-API-Key: <x-api-key>'",
        "-d '{\"sku\":\"A1\"}'",
    ] {
        assert!(section.contains(line), "{line:?} missing:\n{section}");
    }
    assert!(!md.contains("k3y-CANARY-0042"), "{md}");
}

#[test]
fn reproduce_skips_a_known_good_request_and_struck_notes_and_otherwise_stays_as_it_was() {
    let runbook = default();
    let now = at("2026-11-23T09:10:00Z");
    let plain =
        prepare(&session(&runbook), &runbook, true)
            .unwrap()
            .render(&runbook, now, Format::Md);
    let mut s = session(&runbook);
    s.add_note(
        NoteTarget::Incident,
        "> GET /healthz HTTP/1.1\r\n> Host: api.example.com\r\n>\r\n< HTTP/1.1 200 OK\r\n",
        at("2026-11-23T09:07:00Z"),
        &TimeZone::UTC,
    );
    s.add_note(
        NoteTarget::Incident,
        &request_fixture("curl-v-get-h2.txt"),
        at("2026-11-23T09:08:00Z"),
        &TimeZone::UTC,
    );
    assert!(s.toggle_struck(s.notes.len() - 1, at("2026-11-23T09:09:00Z")));
    let md = prepare(&s, &runbook, true)
        .unwrap()
        .render(&runbook, now, Format::Md);
    // A request that got 200 is no repro, and the struck one is left out with its note:
    // the section is today's.
    assert_eq!(
        reproduce_section(&md, "### Reproduce"),
        reproduce_section(&plain, "### Reproduce")
    );
    let with_struck = api_triage::export::prepare_with(&s, &runbook, true, true)
        .unwrap()
        .render(&runbook, now, Format::Md);
    assert!(
        !reproduce_section(&with_struck, "### Reproduce").contains("From the request"),
        "a struck note is never the one to repeat"
    );
}

fn run(dir: &Path, args: &[&str]) -> (String, String, i32) {
    let out = Command::new(env!("CARGO_BIN_EXE_api-triage"))
        .args(args)
        .current_dir(dir)
        .env("API_TRIAGE_STATE_DIR", dir.join("state"))
        .env("HOME", dir)
        .env_remove("API_TRIAGE_RUNBOOKS")
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .env("SSH_TTY", "/dev/pts/99")
        .output()
        .unwrap();
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
        out.status.code().unwrap_or(-1),
    )
}

fn saved_session(dir: &Path) -> String {
    let runbook = default();
    let s = session(&runbook);
    Journal::new(dir.join("state")).save(&s).unwrap();
    s.id
}

#[test]
fn export_from_the_command_line_writes_a_private_bundle_and_prints_the_summary() {
    let dir = tempfile::tempdir().unwrap();
    let id = saved_session(dir.path());
    let out = dir.path().join("bundles");
    let (stdout, stderr, code) = run(
        dir.path(),
        &["export", "--out", out.to_str().unwrap(), "--format", "json"],
    );
    assert_eq!(code, 0, "{stderr}");
    let json: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(json["schema_version"], 2);
    assert_eq!(json["session"]["id"], id.as_str());
    assert!(json["secrets_redacted"].as_u64().unwrap() >= 1);
    assert!(stderr.contains("bundle written to"), "{stderr}");
    let folders: Vec<PathBuf> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(folders.len(), 1);
    let name = folders[0]
        .file_name()
        .unwrap()
        .to_string_lossy()
        .to_string();
    assert!(
        name.ends_with("-502-checkout-failing-for-eu-users"),
        "{name}"
    );
    assert!(folders[0].join("summary.md").exists() && folders[0].join("bundle.json").exists());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&folders[0]), 0o700);
        assert_eq!(mode(&folders[0].join("summary.md")), 0o600);
    }
    // The same export again gets its own folder.
    run(dir.path(), &["export", "--out", out.to_str().unwrap()]);
    assert_eq!(std::fs::read_dir(&out).unwrap().count(), 2);
}

#[test]
fn export_formats_and_warnings() {
    let dir = tempfile::tempdir().unwrap();
    saved_session(dir.path());
    let out = dir.path().join("b").display().to_string();
    let (md, _, _) = run(dir.path(), &["export", "--out", &out]);
    assert!(
        md.starts_with("## Checkout failing for EU users: [SEV2] 502 Bad Gateway"),
        "{md}"
    );
    let (slack, _, _) = run(dir.path(), &["export", "--out", &out, "--format", "slack"]);
    assert!(slack.starts_with('*') && !slack.contains("**"));
    let (text, _, _) = run(dir.path(), &["export", "--out", &out, "--format", "text"]);
    assert!(!text.contains("**") && !text.contains("```"));
    let (raw, stderr, code) = run(dir.path(), &["export", "--out", &out, "--no-redact"]);
    assert_eq!(code, 0);
    assert!(stderr.contains("warning: --no-redact"), "{stderr}");
    assert!(raw.contains("eyJhbGciOiJIUzI1NiJ9"));
    assert!(
        stderr.contains("the team wants before escalating"),
        "{stderr}"
    );
}

fn run_env(dir: &Path, args: &[&str], env: &[(&str, &Path)]) -> (String, String, i32) {
    let mut command = Command::new(env!("CARGO_BIN_EXE_api-triage"));
    command
        .args(args)
        .current_dir(dir)
        .env("API_TRIAGE_STATE_DIR", dir.join("state"))
        .env("HOME", dir)
        .env_remove("API_TRIAGE_RUNBOOKS")
        .env_remove("API_TRIAGE_EXPORT_DIR")
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY");
    for (k, v) in env {
        command.env(k, v);
    }
    let out = command.output().unwrap();
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
        out.status.code().unwrap_or(-1),
    )
}

/// The folders a directory holds, by name.
fn folders_in(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .map(|e| e.unwrap())
                .filter(|e| e.path().is_dir())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn export_writes_into_the_export_dir_variable_and_marks_the_session_exported() {
    let dir = tempfile::tempdir().unwrap();
    let id = saved_session(dir.path());
    let bundles = dir.path().join("incident-bundles");
    std::fs::create_dir(&bundles).unwrap();
    let (stdout, stderr, code) = run_env(
        dir.path(),
        &["export"],
        &[("API_TRIAGE_EXPORT_DIR", &bundles)],
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.starts_with("## Checkout failing for EU users"),
        "{stdout}"
    );
    let written = folders_in(&bundles);
    assert_eq!(written.len(), 1, "{stderr}");
    assert!(bundles.join(&written[0]).join("summary.md").exists());
    assert!(
        stderr.contains(&bundles.display().to_string()),
        "says where: {stderr}"
    );
    // Not in the folder it was run from (which holds only the state folder and the bundles).
    let mut here = folders_in(dir.path());
    here.sort();
    assert_eq!(here, ["incident-bundles", "state"]);
    // `--out` wins over the variable.
    let out = dir.path().join("explicit");
    run_env(
        dir.path(),
        &["export", "--out", out.to_str().unwrap()],
        &[("API_TRIAGE_EXPORT_DIR", &bundles)],
    );
    assert_eq!(folders_in(&out).len(), 1);
    assert_eq!(folders_in(&bundles).len(), 1);
    // The session now counts as exported.
    let session = Journal::new(dir.path().join("state")).load(&id).unwrap();
    assert!(session.exported.is_some());
    let (list, _, _) = run_env(dir.path(), &["sessions"], &[]);
    assert!(list.contains(" exported "), "{list}");
}

#[test]
fn export_print_writes_the_summary_to_stdout_and_no_bundle() {
    let dir = tempfile::tempdir().unwrap();
    let id = saved_session(dir.path());
    let bundles = dir.path().join("bundles");
    std::fs::create_dir(&bundles).unwrap();
    let (stdout, stderr, code) = run_env(
        dir.path(),
        &["export", "--print"],
        &[("API_TRIAGE_EXPORT_DIR", &bundles)],
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.starts_with("## Checkout failing for EU users"),
        "{stdout}"
    );
    // Redacted like any export.
    assert!(!stdout.contains("eyJhbGciOiJIUzI1NiJ9"), "{stdout}");
    assert!(!stderr.contains("bundle written"), "{stderr}");
    assert_eq!(folders_in(&bundles), Vec::<String>::new());
    let mut here = folders_in(dir.path());
    here.sort();
    assert_eq!(here, ["bundles", "state"], "no bundle where it ran either");
    let (text, _, _) = run_env(dir.path(), &["export", "--print", "--format", "text"], &[]);
    assert!(!text.contains("**"), "{text}");
    // A preview: the triage stays open.
    let session = Journal::new(dir.path().join("state")).load(&id).unwrap();
    assert_eq!(session.exported, None);
    // And it cannot be asked to write somewhere.
    let (_, stderr, code) = run_env(dir.path(), &["export", "--print", "--out", "x"], &[]);
    assert_eq!(code, 2, "{stderr}");
}

#[test]
fn export_without_sessions_says_how_to_start_one() {
    let dir = tempfile::tempdir().unwrap();
    let (_, stderr, code) = run(dir.path(), &["export"]);
    assert_eq!(code, 1);
    assert!(stderr.contains("no sessions"), "{stderr}");
}

/// The evidence line read from a note is redacted like the note, by the built-in rules and by
/// the runbook's own `[[redact]]` patterns.
#[test]
fn the_evidence_line_is_redacted_with_the_runbooks_own_patterns_too() {
    let team = r#"
[runbook]
name = "Payments API"

[[redact]]
name = "payments-merchant-secret"
pattern = "msk_[a-z0-9]{12}"
"#;
    let report = load_texts(vec![("payments.toml".to_owned(), team.to_owned())], None);
    let runbook = report
        .runbooks
        .iter()
        .find(|r| r.name == "Payments API")
        .unwrap()
        .clone();
    let mut s = session(&runbook);
    s.add_note(
        NoteTarget::Incident,
        "merchant msk_a1b2c3d4e5f6 failing",
        at("2026-11-23T09:10:00Z"),
        &TimeZone::UTC,
    );
    let last = s.notes.len() - 1;
    // Every text of a reading, and a line kept from a version 1 file.
    s.notes[last].evidence = Some(NoteEvidence::Reading(EvidenceReading {
        status: 401,
        reason: Some("Unauthorized msk_a1b2c3d4e5f6".to_owned()),
        returned_by: Origin {
            layer: Some(Layer::Identity),
            product: None,
            confidence: Confidence::High,
            reasons: vec![
                "WWW-Authenticate: Bearer error=\"invalid_token\", \
                 token=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJvcHMifQ.c2lnbmF0dXJlLXZhbHVl"
                    .to_owned(),
                "merchant msk_a1b2c3d4e5f6".to_owned(),
            ],
            weights: Weights::default(),
            check: Some("look for request id msk_a1b2c3d4e5f6 in the app's log".to_owned()),
        },
        token_finding: Some("merchant msk_a1b2c3d4e5f6".to_owned()),
    }));
    s.add_note(
        NoteTarget::Incident,
        "again",
        at("2026-11-23T09:11:00Z"),
        &TimeZone::UTC,
    );
    let last = s.notes.len() - 1;
    s.notes[last].evidence = Some(NoteEvidence::Legacy(
        "401 from the identity layer: WWW-Authenticate: Bearer error=\"invalid_token\", \
         token=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJvcHMifQ.c2lnbmF0dXJlLXZhbHVl; merchant msk_a1b2c3d4e5f6"
            .to_owned(),
    ));
    let prepared = prepare(&s, &runbook, true).unwrap();
    for format in [Format::Md, Format::Text, Format::Slack, Format::Json] {
        let out = prepared.render(&runbook, at("2026-11-23T09:30:00Z"), format);
        assert!(!out.contains("msk_a1b2c3d4e5f6"), "{format:?}: {out}");
        assert!(!out.contains("c2lnbmF0dXJlLXZhbHVl"), "{format:?}: {out}");
        assert!(out.contains("invalid_token"), "{format:?}: {out}");
    }
    assert!(
        prepared
            .redaction_kinds()
            .contains("payments merchant secret"),
        "{}",
        prepared.redaction_kinds()
    );
}

/// Readiness is one computation: what the escalation screen and `export` say is missing is
/// exactly what the summary lists, and the code a triage changed to is the one both use.
#[test]
fn the_screen_and_the_summary_agree_on_what_is_missing_and_the_code() {
    let runbook = default();
    let mut s = session(&runbook);
    // The engineer corrects the code during the interview: 502 became 504.
    s.interview.answers.insert("code".into(), Answer::Code(504));
    let prepared = prepare(&s, &runbook, true).unwrap();
    let md = prepared.render(&runbook, at("2026-11-23T09:30:00Z"), Format::Md);
    assert!(
        md.starts_with("## 504") || md.contains("504 Gateway Timeout"),
        "{md}"
    );
    let line = md
        .lines()
        .find(|l| l.contains("Still missing"))
        .unwrap_or("");
    for need in &prepared.missing {
        assert!(line.contains(need.label()), "{need:?} not in: {line}");
    }
    if prepared.missing.is_empty() {
        assert!(line.is_empty(), "{line}");
    }
}

#[test]
fn export_from_the_command_line_is_kept_in_the_timeline_as_the_app_keeps_it() {
    let dir = tempfile::tempdir().unwrap();
    let id = saved_session(dir.path());
    let out = dir.path().join("bundles");
    let (_, stderr, code) = run(dir.path(), &["export", "--out", out.to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    let written = folders_in(&out);
    assert_eq!(written.len(), 1, "{stderr}");
    let session = Journal::new(dir.path().join("state")).load(&id).unwrap();
    let timeline = session.timeline(&jiff::tz::TimeZone::UTC);
    let last = timeline.last().unwrap();
    assert_eq!(last.kind, api_triage::session::EntryKind::Export);
    assert_eq!(
        last.line,
        format!("escalation bundle written: {}", written[0])
    );
}
