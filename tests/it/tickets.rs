//! The tickets in the escalation bundle: every payload checked against what each service
//! documents (`tests/fixtures/tickets/`: required fields, types, enums, length limits) for
//! sessions long, short, non-ASCII and empty, with the runbook's `[tickets]` set or not; the
//! `curl` commands valid shell that keep every runbook value one word; no secret in any ticket.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::process::Command;

use api_triage::export::prepare;
use api_triage::runbook::{TeamRunbook, load_paths, load_texts};
use api_triage::session::{NoteTarget, Session};
use jiff::Timestamp;
use jiff::tz::TimeZone;
use serde_json::{Map, Value, json};

fn at(text: &str) -> Timestamp {
    text.parse().unwrap()
}

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tickets")
}

/// Each ticket file and the published description of its service.
const SPECS: [(&str, &str); 4] = [
    ("ticket-pagerduty.json", "pagerduty-events-v2.json"),
    ("ticket-jira.json", "jira-cloud-create-issue-v3.json"),
    ("ticket-opsgenie.json", "opsgenie-create-alert.json"),
    ("ticket-github.json", "github-create-issue.json"),
];

fn spec(name: &str) -> Value {
    serde_json::from_str(&std::fs::read_to_string(fixtures().join(name)).unwrap()).unwrap()
}

const TEAM: &str = r#"[runbook]
name = "Payments API"

[tickets]
pagerduty_routing_key = "c4e1b2a79d0f43a8b6e5d1f20a9c7b38"
jira_url = "https://acme.atlassian.net/"
jira_project = "PAY"
jira_issue_type = "Bug"
opsgenie_api_url = "https://api.eu.opsgenie.com"
github_repo = "acme/payments-api"
labels = ["payments", "escalation"]
"#;

fn default_runbook() -> TeamRunbook {
    load_texts(Vec::new(), None).runbooks.remove(0)
}

fn team_runbook() -> TeamRunbook {
    let report = load_texts(vec![("payments.toml".into(), TEAM.into())], None);
    assert!(
        report.findings.iter().all(|d| !d.is_error()),
        "{:?}",
        report.findings
    );
    report.runbooks.into_iter().nth(1).unwrap()
}

fn base(runbook: &TeamRunbook, code: Option<u16>) -> Session {
    Session::new(
        at("2026-11-23T09:00:00Z"),
        &runbook.name,
        &runbook.source,
        &runbook.interview,
        code,
    )
}

/// A 502 triage as an engineer leaves it, with a response pasted.
fn typical(runbook: &TeamRunbook) -> Session {
    let mut s = base(runbook, Some(502));
    s.incident.title = "Checkout failing for EU users".into();
    s.incident.severity = "SEV2".into();
    s.incident.environment = "production".into();
    s.incident.first_seen = "08:52 UTC".into();
    s.incident.endpoint = "orders-api POST /v1/orders".into();
    s.add_evidence_note(
        NoteTarget::Incident,
        "> POST /v1/orders HTTP/1.1\n> Host: api.example.com\n< HTTP/1.1 502 Bad Gateway\n\
         < Server: nginx\n< x-request-id: 9b1e4c7a-2f3d-4e5f-8a9b-0c1d2e3f4a5b\n\n\
         <html><center><h1>502 Bad Gateway</h1></center></html>",
        at("2026-11-23T09:06:40Z"),
        &TimeZone::UTC,
        api_triage::evidence::token::Expected::default(),
    );
    s
}

/// Everything too long: a title of thousands of characters in three scripts with emoji, a
/// severity and an endpoint of paragraphs, notes of hundreds of kilobytes.
fn oversized(runbook: &TeamRunbook) -> Session {
    let mut s = typical(runbook);
    s.incident.title = "Zahlungen in Zürich schlagen fehl 🇨🇭👩‍💻 — 決済が失敗 — ".repeat(120);
    s.incident.severity = "SEV1 — ".repeat(200);
    s.incident.environment = "prod eu-central-1 ".repeat(100);
    s.incident.endpoint = format!("POST /v1/{}", "orders/".repeat(400));
    s.incident.first_seen = "yesterday ".repeat(500);
    for i in 0..12 {
        s.add_evidence_note(
            NoteTarget::Incident,
            &format!(
                "< HTTP/1.1 503 Service Unavailable\n< Server: envoy\n\n{}",
                format!("upstream connect error {i} «ошибка» \"quoted\" \\ back\n").repeat(120)
            ),
            at("2026-11-23T09:07:00Z"),
            &TimeZone::UTC,
            api_triage::evidence::token::Expected::default(),
        );
    }
    s
}

/// Nothing typed: no code, no incident fields, no notes.
fn empty(runbook: &TeamRunbook) -> Session {
    base(runbook, None)
}

/// Line breaks, tabs and controls where one line is expected.
fn awkward(runbook: &TeamRunbook) -> Session {
    let mut s = typical(runbook);
    s.incident.title = "two\nlines\tand a \u{9b}C1 and \u{202e}bidi".into();
    s.incident.severity = "Sev 1".into();
    s.incident.environment = "   ".into();
    s
}

type Case = (&'static str, fn(&TeamRunbook) -> Session);

const CASES: [Case; 4] = [
    ("typical", typical),
    ("oversized", oversized),
    ("empty", empty),
    ("awkward", awkward),
];

fn is_json(name: &str) -> bool {
    Path::new(name)
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"))
}

/// The bundle's ticket files for `session`, as the bundle writer writes them.
fn ticket_texts(session: &Session, runbook: &TeamRunbook) -> Vec<(String, String)> {
    let prepared = prepare(session, runbook, true).unwrap();
    prepared
        .bundle_files(runbook, at("2026-11-23T09:10:00Z"))
        .into_iter()
        .filter(|f| f.name.starts_with("ticket") || f.name == "tickets.md")
        .map(|f| {
            let text = if is_json(&f.name) {
                api_triage::text::sanitize_json(&f.text).into_owned()
            } else {
                api_triage::text::sanitize(&f.text).into_owned()
            };
            (f.name, text)
        })
        .collect()
}

#[test]
fn every_payload_keeps_its_services_published_rules() {
    for (runbook_name, runbook) in [("default", default_runbook()), ("team", team_runbook())] {
        for (case, make) in CASES {
            let texts = ticket_texts(&make(&runbook), &runbook);
            for (file, spec_name) in SPECS {
                let text = &texts.iter().find(|(n, _)| n == file).unwrap().1;
                let spec = spec(spec_name);
                let payload: Value = serde_json::from_str(text).unwrap();
                let mut errors = check(&spec, &payload);
                if let Some(max) = spec["max_body_bytes"].as_u64() {
                    let bytes = u64::try_from(text.len()).unwrap();
                    if bytes > max {
                        errors.push(format!("{bytes} bytes, more than {max}"));
                    }
                }
                assert!(
                    errors.is_empty(),
                    "{file} for the {case} session with the {runbook_name} runbook:\n{}\n{}",
                    errors.join("\n"),
                    &text[..text.len().min(3000)]
                );
            }
            if case == "oversized" {
                // Every long field was cut, so the limits above were really met by cutting.
                let get = |name: &str| -> Value {
                    serde_json::from_str(&texts.iter().find(|(n, _)| n == name).unwrap().1).unwrap()
                };
                let body = get("ticket-github.json")["body"]
                    .as_str()
                    .unwrap()
                    .to_owned();
                assert!(body.chars().count() > 60_000 && body.contains("…\n"));
                assert!(body.ends_with("(session `20261123-090000-502`).\n"));
                let jira = get("ticket-jira.json").to_string();
                assert!(jira.contains("Cut to fit Jira"));
                let og = get("ticket-opsgenie.json");
                assert!(og["description"].as_str().unwrap().ends_with('…'));
                assert!(og["message"].as_str().unwrap().ends_with('…'));
            }
        }
    }
}

#[test]
fn the_checker_catches_what_each_service_would_refuse() {
    let pd = spec("pagerduty-events-v2.json");
    let errors = check(
        &pd,
        &json!({
            "routing_key": "short",
            "event_action": "fire",
            "dedupkey": "x",
            "payload": { "source": "", "severity": "high", "timestamp": "yesterday" }
        }),
    );
    for expected in [
        "routing_key: 5 characters, fewer than 32",
        "event_action: \"fire\" is not one of",
        "dedupkey: not a documented field",
        "payload.summary: required",
        "payload.source: 0 characters, fewer than 1",
        "payload.severity: \"high\" is not one of",
        "payload.timestamp: not an ISO 8601 date-time",
    ] {
        assert!(
            errors.iter().any(|e| e.contains(expected)),
            "{expected}: {errors:#?}"
        );
    }
    let jira = spec("jira-cloud-create-issue-v3.json");
    let errors = check(
        &jira,
        &json!({ "fields": {
            "project": { "key": "PAY" },
            "issuetype": { "name": "Bug" },
            "summary": "two\nlines",
            "labels": ["has space"],
            "description": { "type": "doc", "version": 1, "content": [
                { "type": "paragraph", "content": [{ "type": "text", "text": "" }] },
                { "type": "table" }
            ]}
        }}),
    );
    for expected in [
        "fields.summary: more than one line",
        "fields.labels[]: has a space",
        "fields.description: an empty text node",
        "fields.description: block `table`",
    ] {
        assert!(
            errors.iter().any(|e| e.contains(expected)),
            "{expected}: {errors:#?}"
        );
    }
    let og = spec("opsgenie-create-alert.json");
    let errors = check(
        &og,
        &json!({
            "message": "x".repeat(131),
            "tags": vec!["t"; 21],
            "details": { "n": 1, "long": "y".repeat(8000) },
            "priority": "P0"
        }),
    );
    for expected in [
        "message: 131 characters, more than 130",
        "tags: 21 items, more than 20",
        "details.n: a number, not a string",
        "details: 8005 characters in all, more than 8000",
        "priority: \"P0\" is not one of",
    ] {
        assert!(
            errors.iter().any(|e| e.contains(expected)),
            "{expected}: {errors:#?}"
        );
    }
    let gh = spec("github-create-issue.json");
    let errors = check(&gh, &json!({ "body": "😀".repeat(40_000) }));
    assert!(errors.iter().any(|e| e.contains("title: required")));
    // 40,000 characters, but 80,000 UTF-16 units: a Java-counting service would refuse it.
    assert!(errors.iter().any(|e| e.contains("body: 80000 characters")));
    // A placeholder stands where a runbook value is missing, and only there.
    assert!(
        check(&pd, &json!({"routing_key": "<x: set [tickets] y>"}))
            .iter()
            .all(|e| !e.starts_with("routing_key"))
    );
}

#[test]
fn the_runbooks_values_reach_the_payloads_and_the_commands() {
    let runbook = team_runbook();
    let texts = ticket_texts(&typical(&runbook), &runbook);
    let get = |name: &str| -> Value {
        serde_json::from_str(&texts.iter().find(|(n, _)| n == name).unwrap().1).unwrap()
    };
    assert_eq!(
        get("ticket-pagerduty.json")["routing_key"],
        "c4e1b2a79d0f43a8b6e5d1f20a9c7b38"
    );
    let jira = get("ticket-jira.json");
    assert_eq!(jira["fields"]["project"]["key"], "PAY");
    assert_eq!(jira["fields"]["issuetype"]["name"], "Bug");
    let labels = jira["fields"]["labels"].as_array().unwrap();
    assert!(labels.contains(&json!("payments")) && labels.contains(&json!("escalation")));
    assert_eq!(
        get("ticket-github.json")["labels"],
        json!(["payments", "escalation"])
    );
    let guide = &texts.iter().find(|(n, _)| n == "tickets.md").unwrap().1;
    assert!(
        guide.contains("https://acme.atlassian.net/rest/api/3/issue"),
        "{guide}"
    );
    assert!(guide.contains("https://api.eu.opsgenie.com/v2/alerts"));
    assert!(guide.contains("https://api.github.com/repos/acme/payments-api/issues"));
}

/// The `sh` code blocks of `tickets.md`.
fn commands(guide: &str) -> Vec<String> {
    guide
        .split("```sh\n")
        .skip(1)
        .map(|block| block.split("```").next().unwrap().to_owned())
        .collect()
}

#[test]
fn the_commands_are_valid_shell_and_keep_every_runbook_value_one_word() {
    let mut hostile = team_runbook();
    // `check` refuses these; a runbook that was loaded anyway must still not become shell.
    hostile.tickets.jira_url = Some("https://x/$(touch pwned)'\"`touch pwned2`".into());
    hostile.tickets.github_repo = Some("a/b; touch pwned3".into());
    for runbook in [default_runbook(), team_runbook(), hostile.clone()] {
        let texts = ticket_texts(&typical(&runbook), &runbook);
        let guide = &texts.iter().find(|(n, _)| n == "tickets.md").unwrap().1;
        let commands = commands(guide);
        assert_eq!(commands.len(), 4, "{guide}");
        for command in &commands {
            let checked = Command::new("bash")
                .args(["-n", "-c", command])
                .output()
                .unwrap();
            assert!(
                checked.status.success(),
                "{command}\n{}",
                String::from_utf8_lossy(&checked.stderr)
            );
            assert!(command.contains("--data @ticket-"), "{command}");
        }
        // Credentials come from the environment, by name, and nowhere else.
        let all = commands.join("\n");
        for variable in [
            "JIRA_USER",
            "JIRA_API_TOKEN",
            "OPSGENIE_API_KEY",
            "GITHUB_TOKEN",
        ] {
            assert!(
                all.contains(&format!("${{{variable}:?")),
                "{variable}\n{all}"
            );
        }
    }
    // With curl replaced by a function that prints its arguments, each URL arrives whole.
    let dir = tempfile::tempdir().unwrap();
    let texts = ticket_texts(&typical(&hostile), &hostile);
    let guide = &texts.iter().find(|(n, _)| n == "tickets.md").unwrap().1;
    for (command, url) in commands(guide).iter().zip([
        "https://events.pagerduty.com/v2/enqueue",
        "https://x/$(touch pwned)'\"`touch pwned2`/rest/api/3/issue",
        "https://api.eu.opsgenie.com/v2/alerts",
        "https://api.github.com/repos/a/b; touch pwned3/issues",
    ]) {
        let script = format!("curl() {{ printf '%s\\n' \"$@\"; }}\n{command}");
        let out = Command::new("bash")
            .args(["-c", &script])
            .current_dir(dir.path())
            .env("JIRA_USER", "me@example.com")
            .env("JIRA_API_TOKEN", "t0ken")
            .env("OPSGENIE_API_KEY", "k3y")
            .env("GITHUB_TOKEN", "gh-t0ken")
            .output()
            .unwrap();
        let args = String::from_utf8(out.stdout).unwrap();
        assert!(
            args.lines().any(|a| a == url),
            "{url} not one word in:\n{args}"
        );
    }
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        0,
        "nothing ran"
    );
    // An unset credential stops the command before curl runs.
    let jira = &commands(guide)[1];
    let out = Command::new("bash")
        .args(["-c", &format!("curl() {{ echo SENT; }}\n{jira}")])
        .env_remove("JIRA_USER")
        .env_remove("JIRA_API_TOKEN")
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(!String::from_utf8_lossy(&out.stdout).contains("SENT"));
    assert!(String::from_utf8_lossy(&out.stderr).contains("set JIRA_USER"));
}

#[test]
fn a_bearer_token_and_a_cookie_in_a_note_reach_no_ticket() {
    let bearer = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ0aWNrZXRzIn0.c2lnbmF0dXJlVElDS0VUUw";
    let cookie = "s3ss10n-TICKETS-9f8e7d6c5b4a";
    for runbook in [default_runbook(), team_runbook()] {
        let mut s = typical(&runbook);
        s.incident.title = format!("Orders 401 after login (Bearer {bearer})");
        s.add_evidence_note(
            NoteTarget::Incident,
            &format!(
                "> POST /v1/orders HTTP/1.1\n> Host: api.example.com\n\
                 > Authorization: Bearer {bearer}\n> Cookie: session={cookie}; theme=dark\n\
                 < HTTP/1.1 401 Unauthorized\n< WWW-Authenticate: Bearer error=\"invalid_token\""
            ),
            at("2026-11-23T09:08:00Z"),
            &TimeZone::UTC,
            api_triage::evidence::token::Expected::default(),
        );
        s.checklist
            .set_finding(0, &format!("replayed with Cookie: session={cookie}"));
        let prepared = prepare(&s, &runbook, true).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let folder = prepared
            .write_bundle(&runbook, at("2026-11-23T09:10:00Z"), dir.path())
            .unwrap();
        let mut seen = 0;
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            if !name.starts_with("ticket") {
                continue;
            }
            seen += 1;
            let text = std::fs::read_to_string(&path).unwrap();
            for secret in [bearer, cookie, "c2lnbmF0dXJlVElDS0VUUw"] {
                assert!(!text.contains(secret), "{secret} in {name}");
            }
            if name != "tickets.md" {
                assert!(text.contains("[REDACTED]"), "{name} shows where it was cut");
            }
        }
        assert_eq!(seen, 5);
    }
}

#[test]
fn planted_canary_secrets_reach_no_ticket() {
    let read = |name: &str| {
        std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/fixtures/redaction")
                .join(name),
        )
        .unwrap()
    };
    let canary = read("canary.txt");
    let secrets: Vec<String> = read("secrets.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_owned)
        .collect();
    let runbook = team_runbook();
    let mut s = typical(&runbook);
    s.add_note(
        NoteTarget::Incident,
        &canary,
        at("2026-11-23T09:08:00Z"),
        &TimeZone::UTC,
    );
    s.incident.endpoint = "POST /v1/orders?access_token=CANARYqueryTOKEN1234567890".into();
    for (name, text) in ticket_texts(&s, &runbook) {
        for secret in secrets
            .iter()
            .map(String::as_str)
            .chain(["CANARYqueryTOKEN1234567890"])
        {
            assert!(!text.contains(secret), "{secret:?} leaked into {name}");
        }
    }
}

#[test]
fn the_written_bundle_holds_the_tickets_and_the_guide() {
    let runbook = team_runbook();
    let prepared = prepare(&typical(&runbook), &runbook, true).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let folder = prepared
        .write_bundle(&runbook, at("2026-11-23T09:10:00Z"), dir.path())
        .unwrap();
    let mut names: Vec<String> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "bundle.json",
            "handoff.md",
            "runbook-suggestion.toml",
            "summary.md",
            "ticket-github.json",
            "ticket-jira.json",
            "ticket-opsgenie.json",
            "ticket-pagerduty.json",
            "tickets.md",
            "timeline.csv",
            "timeline.md",
        ]
    );
    for name in &names {
        let text = std::fs::read_to_string(folder.join(name)).unwrap();
        if is_json(name) {
            serde_json::from_str::<Value>(&text).unwrap();
        }
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(folder.join(name))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600, "{name}");
        }
    }
    let guide = std::fs::read_to_string(folder.join("tickets.md")).unwrap();
    assert_eq!(commands(&guide).len(), 4);
    for file in [
        "ticket-pagerduty.json",
        "ticket-jira.json",
        "ticket-opsgenie.json",
        "ticket-github.json",
    ] {
        assert!(guide.contains(&format!("--data @{file}")), "{file}");
        assert!(folder.join(file).exists());
    }
    assert!(guide.starts_with("# Tickets: Checkout failing for EU users: [SEV2] 502 Bad Gateway"));
}

#[test]
fn check_reports_bad_tickets_values_at_their_position() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("team.toml");
    std::fs::write(
        &path,
        "[runbook]\nname = \"Team\"\n\n[tickets]\npagerduty_routing_key = \"not-a-key\"\n\
         jira_url = \"acme.atlassian.net\"\njira_project = \"Payments API\"\n\
         opsgenie_api_url = \"https://api.opsgenie.com/?x\"\ngithub_repo = \"payments-api\"\n\
         labels = [\"ok\", \"two words\"]\nassignee = \"me\"\n",
    )
    .unwrap();
    let report = load_paths(std::slice::from_ref(&path), None);
    let found: Vec<(usize, usize, String)> = report
        .findings
        .iter()
        .filter(|d| d.is_error())
        .map(|d| (d.line, d.col, d.message.clone()))
        .collect();
    // An unknown key refuses the whole table, as for every other table: fix it first.
    assert!(
        found
            .iter()
            .any(|(l, _, m)| *l == 11 && m.contains("unknown field `assignee`")),
        "{found:#?}"
    );
    std::fs::write(
        &path,
        std::fs::read_to_string(&path)
            .unwrap()
            .replace("assignee = \"me\"\n", ""),
    )
    .unwrap();
    let report = load_paths(std::slice::from_ref(&path), None);
    let found: Vec<(usize, usize, String)> = report
        .findings
        .iter()
        .filter(|d| d.is_error())
        .map(|d| (d.line, d.col, d.message.clone()))
        .collect();
    for (line, col, part) in [
        (5, 25, "32-character integration key"),
        (6, 12, "`jira_url` is not an http(s) URL"),
        (7, 16, "is not a Jira project key"),
        (8, 20, "must be a base URL only"),
        (9, 15, "`github_repo` `payments-api` is not a repository"),
        (10, 17, "label `two words` has a space"),
    ] {
        assert!(
            found
                .iter()
                .any(|(l, c, m)| *l == line && *c == col && m.contains(part)),
            "{line}:{col} {part}: {found:#?}"
        );
    }
}

#[test]
fn the_commented_example_in_the_payments_runbook_passes_check_once_filled_in() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("runbooks/examples/payments.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    let start = text.find("# [tickets]").unwrap();
    let filled: String = text[start..]
        .lines()
        .map(|line| line.strip_prefix("# ").unwrap_or(line))
        .collect::<Vec<_>>()
        .join("\n")
        .replace(
            "<32-character Events API v2 integration key of PAYMENTS-PRIMARY>",
            "c4e1b2a79d0f43a8b6e5d1f20a9c7b38",
        );
    let text = format!("{}{filled}\n", &text[..start]);
    let report = load_texts(vec![("payments.toml".into(), text)], None);
    let errors: Vec<String> = report
        .findings
        .iter()
        .filter(|d| d.is_error())
        .map(ToString::to_string)
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let tickets = &report.runbooks[1].tickets;
    assert_eq!(tickets.github_repo.as_deref(), Some("acme/payments-api"));
    assert_eq!(tickets.jira_issue_type(), "Bug");
    // The default runbook sends tickets nowhere until a team says where.
    assert!(default_runbook().tickets.is_empty());
}

// ---------------------------------------------------------------------------------------------
// The checker: a payload against a service's description in tests/fixtures/tickets/.
// ---------------------------------------------------------------------------------------------

/// Every way `payload` breaks `spec`, as "path: problem".
fn check(spec: &Value, payload: &Value) -> Vec<String> {
    let fields = spec["fields"].as_object().unwrap();
    let mut errors = Vec::new();
    for (path, rule) in fields {
        if rule["required"] == true && lookup(payload, path).is_none() {
            errors.push(format!("{path}: required, missing"));
        }
    }
    walk(payload, "", fields, false, &mut errors);
    errors
}

fn lookup<'a>(value: &'a Value, path: &str) -> Option<&'a Value> {
    path.split('.').try_fold(value, |v, key| v.get(key))
}

fn walk(
    value: &Value,
    path: &str,
    fields: &Map<String, Value>,
    inside_open: bool,
    errors: &mut Vec<String>,
) {
    let mut open = inside_open;
    if !path.is_empty() && !inside_open {
        let wildcard = path
            .rsplit_once('.')
            .map(|(parent, _)| format!("{parent}.*"));
        let rule = fields
            .get(path)
            .or_else(|| wildcard.and_then(|w| fields.get(&w)));
        match rule {
            Some(rule) => {
                apply(rule, value, path, errors);
                open = rule["open"] == true || rule["format"] == "adf";
            }
            None => errors.push(format!("{path}: not a documented field")),
        }
    }
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                let child_path = if path.is_empty() {
                    key.clone()
                } else {
                    format!("{path}.{key}")
                };
                walk(child, &child_path, fields, open, errors);
            }
        }
        Value::Array(items) => {
            for item in items {
                walk(item, &format!("{path}[]"), fields, open, errors);
            }
        }
        _ => {}
    }
}

/// The length as a service may count it: characters, or UTF-16 units (never fewer).
fn length(text: &str) -> usize {
    text.encode_utf16().count().max(text.chars().count())
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(n) if n.is_i64() || n.is_u64() => "integer",
        Value::Number(_) => "a number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

fn apply(rule: &Value, value: &Value, path: &str, errors: &mut Vec<String>) {
    let mut fail = |problem: String| errors.push(format!("{path}: {problem}"));
    if let Some(wanted) = rule["type"].as_str() {
        let got = kind(value);
        if got != wanted {
            let got = if got == "integer" { "a number" } else { got };
            fail(format!("{got}, not a {wanted}"));
            return;
        }
    }
    let placeholder = value
        .as_str()
        .is_some_and(|s| s.starts_with('<') && s.ends_with('>') && s.contains(": set [tickets] "));
    if rule["from_runbook"] == true && placeholder {
        return;
    }
    if let Some(text) = value.as_str() {
        let n = length(text);
        if let Some(min) = rule["min_length"].as_u64()
            && (n as u64) < min
        {
            fail(format!("{n} characters, fewer than {min}"));
        }
        if let Some(max) = rule["max_length"].as_u64()
            && n as u64 > max
        {
            fail(format!("{n} characters, more than {max}"));
        }
        if let Some(allowed) = rule["enum"].as_array()
            && !allowed.contains(value)
        {
            fail(format!("{value} is not one of {allowed:?}"));
        }
        if rule["single_line"] == true && text.contains(['\n', '\r']) {
            fail("more than one line".to_owned());
        }
        if rule["no_spaces"] == true && text.chars().any(char::is_whitespace) {
            fail("has a space".to_owned());
        }
        if rule["format"] == "date-time" && text.parse::<Timestamp>().is_err() {
            fail(format!("not an ISO 8601 date-time: {text}"));
        }
    }
    if let Some(items) = value.as_array()
        && let Some(max) = rule["max_items"].as_u64()
        && items.len() as u64 > max
    {
        fail(format!("{} items, more than {max}", items.len()));
    }
    if let Some(map) = value.as_object()
        && let Some(max) = rule["max_total_length"].as_u64()
    {
        let total: usize = map
            .iter()
            .map(|(k, v)| length(k) + v.as_str().map_or(0, length))
            .sum();
        if total as u64 > max {
            fail(format!("{total} characters in all, more than {max}"));
        }
    }
    if let Some(max) = rule["max_json_length"].as_u64() {
        let n = length(&value.to_string());
        if n as u64 > max {
            fail(format!("{n} characters as JSON, more than {max}"));
        }
    }
    if rule["format"] == "adf" {
        for problem in adf_problems(value, &rule["adf"]) {
            fail(problem);
        }
    }
}

/// An Atlassian Document Format document: `doc` of the given version, its blocks and their
/// inline nodes of the allowed types, no empty text, no line break inside a paragraph's text.
fn adf_problems(doc: &Value, rules: &Value) -> Vec<String> {
    let mut problems = Vec::new();
    if doc["type"] != "doc" {
        problems.push("not a `doc` node".to_owned());
    }
    if doc["version"] != rules["version"] {
        problems.push(format!(
            "version {}, not {}",
            doc["version"], rules["version"]
        ));
    }
    let allowed =
        |list: &str, kind: &str| rules[list].as_array().unwrap().iter().any(|k| k == kind);
    let Some(blocks) = doc["content"].as_array() else {
        problems.push("no `content` list".to_owned());
        return problems;
    };
    for block in blocks {
        let kind = block["type"].as_str().unwrap_or_default();
        if !allowed("blocks", kind) {
            problems.push(format!(
                "block `{kind}` is not one the document may hold here"
            ));
            continue;
        }
        for node in block["content"].as_array().into_iter().flatten() {
            let inline = node["type"].as_str().unwrap_or_default();
            if !allowed("inline", inline) {
                problems.push(format!("inline `{inline}` in a `{kind}`"));
            }
            if inline == "text" {
                match node["text"].as_str() {
                    None | Some("") => problems.push("an empty text node".to_owned()),
                    Some(text) if kind != "codeBlock" && text.contains('\n') => {
                        problems.push("a line break inside a paragraph's text".to_owned());
                    }
                    Some(_) => {}
                }
            }
        }
    }
    problems
}
