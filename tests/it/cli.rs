//! The command line as a script would use it: exit codes, JSON shapes, 80 columns, no colour
//! when not on a terminal.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;
use std::process::Command;

const TODAY: &str = "2026-12-02";

struct Run {
    stdout: String,
    stderr: String,
    code: i32,
}

/// Runs the binary in an empty folder with no runbook search path set, so only what the test
/// names is loaded.
fn run_in(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Run {
    let mut command = Command::new(env!("CARGO_BIN_EXE_api-triage"));
    command
        .args(args)
        .args(["--today", TODAY])
        .current_dir(dir)
        .env_remove("API_TRIAGE_RUNBOOKS")
        .env_remove("NO_COLOR")
        .env("HOME", dir)
        .env("XDG_CONFIG_HOME", dir.join("config"));
    for (k, v) in env {
        command.env(k, v);
    }
    let out = command.output().expect("binary runs");
    Run {
        stdout: String::from_utf8(out.stdout).expect("utf-8 stdout"),
        stderr: String::from_utf8(out.stderr).expect("utf-8 stderr"),
        code: out.status.code().unwrap_or(-1),
    }
}

fn run(args: &[&str]) -> Run {
    let dir = tempfile::tempdir().unwrap();
    run_in(dir.path(), args, &[])
}

fn repo(path: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(path)
        .display()
        .to_string()
}

fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("invalid JSON ({e}):\n{text}"))
}

#[test]
fn the_embedded_default_passes_check_with_no_findings() {
    let r = run(&["check"]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert!(r.stdout.contains("no findings"), "{}", r.stdout);
}

#[test]
fn the_example_team_runbook_passes_check() {
    let r = run(&["check", &repo("runbooks/examples")]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
}

#[test]
fn check_exits_1_on_findings_and_2_on_unreadable_files() {
    let r = run(&["check", &repo("tests/fixtures/bad/unknown_owner.toml")]);
    assert_eq!(r.code, 1);
    assert!(
        r.stdout
            .contains("unknown_owner.toml:6:9: error: unknown owner `nobody`"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("6 | owner = \"nobody\""),
        "snippet shown: {}",
        r.stdout
    );

    let r = run(&["check", "/definitely/not/here.toml"]);
    assert_eq!(r.code, 2);
    assert!(r.stdout.contains("no such file"), "{}", r.stdout);
}

#[test]
fn check_json_lists_every_finding_with_position() {
    let r = run(&["check", "--json", &repo("tests/fixtures/bad")]);
    assert_eq!(r.code, 1);
    let v = json(&r.stdout);
    assert_eq!(v["ok"], false);
    let findings = v["findings"].as_array().unwrap();
    assert!(findings.len() >= 12);
    for f in findings {
        assert!(
            f["path"].is_string()
                && f["line"].is_u64()
                && f["col"].is_u64()
                && f["message"].is_string()
        );
        assert!(f["severity"] == "error" || f["severity"] == "warning");
    }
}

#[test]
fn an_overdue_review_is_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("team.toml");
    std::fs::write(
        &file,
        "[runbook]\nname = \"Team\"\nreviewed = 2026-01-01\nreview_every_days = 90\n",
    )
    .unwrap();
    let r = run(&["check", file.to_str().unwrap()]);
    assert_eq!(r.code, 1, "{}", r.stdout);
    assert!(
        r.stdout
            .contains("team.toml:3:12: warning: runbook review is overdue"),
        "{}",
        r.stdout
    );
}

#[test]
fn a_file_over_one_mebibyte_is_refused_before_parsing() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("huge.toml");
    std::fs::write(&file, "#".repeat(1024 * 1024 + 1)).unwrap();
    let r = run(&["check", file.to_str().unwrap()]);
    assert_eq!(r.code, 2);
    assert!(r.stdout.contains("refused"), "{}", r.stdout);
}

#[test]
fn explain_json_has_the_documented_fields() {
    let r = run(&["explain", "502", "--json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v = json(&r.stdout);
    assert_eq!(v["code"], 502);
    assert_eq!(v["title"], "Bad Gateway");
    assert!(v["owner"]["name"].is_string() && v["owner"]["contact"].is_string());
    assert!(v["meaning"].as_str().is_some_and(|m| !m.is_empty()));
    let look = v["look_first"].as_array().unwrap();
    assert_eq!(look.len(), 3);
    assert!(
        look.iter()
            .all(|l| l["what"].is_string() && l["how"].is_string())
    );
    assert!(v["causes"].as_array().unwrap().len() >= 3);
    assert!(!v["checks"].as_array().unwrap().is_empty());
    assert!(
        v["compare"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c == 503 || c == 504)
    );
    assert!(v["examples"].as_array().unwrap().len() >= 2);
}

#[test]
fn explain_of_an_unlisted_code_gives_its_class_advice() {
    let r = run(&["explain", "418"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.starts_with("418 I'm a teapot"), "{}", r.stdout);
    assert!(r.stdout.contains("advice for 4xx"), "{}", r.stdout);
    let r = run(&["explain", "527", "--json"]);
    assert_eq!(json(&r.stdout)["fallback_class"], "5xx");
    let r = run(&["explain", "700"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("not an HTTP status code"));
}

/// `text` with every run of whitespace made one space, so a sentence can be found whatever
/// the 80-column wrap did to it (the fixture's absolute path moves the breaks).
fn unwrapped(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn explain_of_a_team_entry_that_did_not_load_says_so_and_names_the_default() {
    let team = repo("tests/fixtures/team-mistakes");
    let r = run(&["explain", "502", "--runbook", &team]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let text = unwrapped(&r.stdout);
    assert!(r.stdout.starts_with("502 Bad Gateway\n! "), "{}", r.stdout);
    assert!(
        text.contains(
            "payments.toml:16:1: this team's entry for 502 did not load (unknown key \
             `look_frist`); showing the default advice."
        ),
        "{}",
        r.stdout
    );
    assert!(
        text.contains("Runbook: embedded default (Payments API's entry did not load)"),
        "{}",
        r.stdout
    );
    assert!(!text.contains("Runbook: Payments API"), "{}", r.stdout);
    assert!(
        r.stderr.contains("problem(s) in the runbooks"),
        "{}",
        r.stderr
    );

    let r = run(&["explain", "402", "--runbook", &team]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let text = unwrapped(&r.stdout);
    assert!(
        r.stdout.starts_with("402 Payment Required\n! "),
        "{}",
        r.stdout
    );
    assert!(
        text.contains(
            "payments.toml:24:1: this team's entry for 402 did not load (unknown owner \
             `paymnts`). None of the team's advice for 402 is shown"
        ),
        "{}",
        r.stdout
    );
    assert!(!text.contains("No entry for 402"), "{}", r.stdout);

    // Scripts get the same record.
    let r = run(&["explain", "402", "--runbook", &team, "--json"]);
    let v = json(&r.stdout);
    assert_eq!(v["broken"]["code"], "402");
    assert_eq!(v["broken"]["line"], 24);
    assert_eq!(v["broken"]["col"], 1);
    assert_eq!(v["broken"]["message"], "unknown owner `paymnts`");
    assert_eq!(v["fallback_class"], "4xx");
}

#[test]
fn check_reports_a_route_to_a_team_no_runbook_defines_with_the_other_errors() {
    let r = run(&["check", &repo("tests/fixtures/team-mistakes")]);
    assert_eq!(r.code, 1, "{}{}", r.stdout, r.stderr);
    assert!(
        r.stdout.contains(
            "payments.toml:39:8: error: route `/v1/payments/*` names team `payment`, which no \
             loaded runbook defines"
        ),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("39 | team = \"payment\""), "{}", r.stdout);
    // All at once: the two entries that did not load are reported in the same run.
    assert!(
        r.stdout.contains("unknown field `look_frist`"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("unknown owner `paymnts`"), "{}", r.stdout);
    assert!(
        r.stdout.contains("3 error(s), 0 warning(s)"),
        "{}",
        r.stdout
    );
}

#[test]
fn list_searches_by_code_and_fuzzy_keyword() {
    let first_codes = |args: &[&str]| -> Vec<u64> {
        let r = run(args);
        assert_eq!(r.code, 0, "{}", r.stderr);
        json(&r.stdout)
            .as_array()
            .unwrap()
            .iter()
            .take(3)
            .map(|row| row["code"].as_u64().unwrap())
            .collect()
    };
    assert!(first_codes(&["list", "--search", "rate", "--json"]).contains(&429));
    assert!(first_codes(&["list", "--search", "gatway", "--json"]).contains(&502));
    assert_eq!(
        first_codes(&["list", "--search", "504", "--json"]),
        vec![504]
    );
    let r = run(&["list", "--search", "qqqzzz"]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("nothing matches"));
}

#[test]
fn compare_shows_the_telling_question() {
    let r = run(&["compare", "401", "403"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("Ask: "), "{}", r.stdout);
    let v = json(&run(&["compare", "401", "403", "--json"]).stdout);
    assert!(
        v["comparison"]["question"]
            .as_str()
            .is_some_and(|q| q.ends_with('?'))
    );
    assert_eq!(v["cards"].as_array().unwrap().len(), 2);
}

#[test]
fn compare_lists_the_codes_in_the_order_given_in_the_title_and_the_columns() {
    for codes in [["502", "500", "503", "504"], ["504", "503", "500", "502"]] {
        let mut args = vec!["compare"];
        args.extend(codes);
        let r = run(&args);
        assert_eq!(r.code, 0, "{}", r.stderr);
        let title = r.stdout.lines().next().unwrap();
        assert_eq!(title, format!("Compare {}", codes.join(" vs ")));
        // Four codes are too many for columns at 80: one after the other, each under its
        // code and title, in the same order.
        let at: Vec<usize> = codes
            .iter()
            .map(|c| r.stdout.find(&format!("\n{c} ")).unwrap())
            .collect();
        assert!(at.is_sorted(), "{}", r.stdout);
    }
}

#[test]
fn plain_text_fits_80_columns_and_has_no_escape_codes_when_piped() {
    let mut outputs = vec![
        run(&["list"]).stdout,
        run(&["compare", "500", "502", "503", "504"]).stdout,
    ];
    for code in [
        "200", "204", "301", "400", "401", "403", "404", "409", "422", "429", "500", "502", "503",
        "504", "418",
    ] {
        outputs.push(run(&["explain", code]).stdout);
    }
    for out in outputs {
        assert!(!out.contains('\u{1b}'), "escape codes in piped output");
        for line in out.lines() {
            // A single token longer than a line (a long URL, a quoted jq or grep pattern)
            // cannot be wrapped without breaking a copied command; everything else must fit.
            let long_quoted = ['\'', '"'].iter().any(|q| {
                line.split(*q)
                    .skip(1)
                    .step_by(2)
                    .any(|inside| inside.chars().count() > 40)
            });
            if line.contains(' ') && !long_quoted {
                assert!(
                    line.chars().count() <= 80,
                    "too wide ({}): {line}",
                    line.chars().count()
                );
            }
        }
    }
}

#[test]
fn team_runbooks_layer_over_the_default() {
    let team = repo("runbooks/examples/payments.toml");
    let r = run(&["--runbook", &team, "explain", "502", "--json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v = json(&r.stdout);
    assert_eq!(v["team"], "Payments API");
    assert!(v["source"].as_str().unwrap().ends_with("payments.toml"));
    // A code the team does not list still comes from the default.
    let v = json(&run(&["--runbook", &team, "explain", "405", "--json"]).stdout);
    assert_eq!(v["source"], "embedded default");
}

#[test]
fn the_search_path_env_variable_is_used() {
    let dir = tempfile::tempdir().unwrap();
    let team = repo("runbooks/examples");
    let r = run_in(
        dir.path(),
        &["list", "--json"],
        &[("API_TRIAGE_RUNBOOKS", &team)],
    );
    let v = json(&r.stdout);
    assert!(
        v.as_array()
            .unwrap()
            .iter()
            .all(|row| row["team"] == "Payments API")
    );
}

#[test]
fn runbooks_folder_in_the_working_directory_is_found() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("runbooks")).unwrap();
    std::fs::copy(
        repo("runbooks/examples/payments.toml"),
        dir.path().join("runbooks/payments.toml"),
    )
    .unwrap();
    let r = run_in(dir.path(), &["check"], &[]);
    assert!(r.stdout.contains("1 team file"), "{}", r.stdout);
}

#[test]
fn sessions_lists_saved_triages_newest_first() {
    use api_triage::session::{Journal, Session};
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state");
    let journal = Journal::new(&state);
    let mut older = Session::new(
        "2026-11-23T08:00:00Z".parse().unwrap(),
        "Default",
        "embedded default",
        &[],
        Some(503),
    );
    older.incident.title = "Checkout down".into();
    journal.save(&older).unwrap();
    journal
        .save(&Session::new(
            "2026-11-23T09:00:00Z".parse().unwrap(),
            "Default",
            "embedded default",
            &[],
            Some(401),
        ))
        .unwrap();
    let state_arg = state.display().to_string();
    let r = run_in(
        dir.path(),
        &["--state-dir", &state_arg, "sessions", "--json"],
        &[],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v = json(&r.stdout);
    let ids: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["20261123-090000-401", "20261123-080000-503"]);
    let r = run_in(
        dir.path(),
        &["sessions"],
        &[("API_TRIAGE_STATE_DIR", &state_arg)],
    );
    assert!(r.stdout.contains("Checkout down"), "{}", r.stdout);
    let empty = run_in(
        dir.path(),
        &["--state-dir", "/nonexistent/x", "sessions"],
        &[],
    );
    assert!(empty.stdout.contains("No sessions yet"), "{}", empty.stdout);
}

#[test]
fn evidence_reads_a_curl_transcript_and_says_who_returned_it() {
    let file = repo("tests/fixtures/evidence/nginx-502-dead-upstream.txt");
    let r = run(&["evidence", &file, "--json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v = json(&r.stdout);
    assert_eq!(v["status"], 502);
    assert_eq!(v["returned_by"]["layer"], "gateway");
    assert_eq!(v["returned_by"]["product"], "nginx");
    assert_eq!(v["returned_by"]["confidence"], "high");
    // The weights per origin and the settling check are always there (null when sure).
    assert_eq!(v["returned_by"]["weights"]["gateway"], 11);
    assert_eq!(v["returned_by"]["weights"]["app"], 0);
    assert!(v["returned_by"]["check"].is_null());
    let unsure = json(
        &run(&[
            "evidence",
            &repo("tests/fixtures/evidence/caddy-403-respond-deny.txt"),
            "--json",
        ])
        .stdout,
    );
    // Caddy's `respond`: its Server and Go's header order, no page of its own to be sure by.
    assert_eq!(unsure["returned_by"]["confidence"], "medium");
    assert!(
        unsure["returned_by"]["check"]
            .as_str()
            .is_some_and(|c| c.starts_with("curl the upstream directly")),
        "{unsure}"
    );
    let text = run(&["evidence", &file]).stdout;
    assert!(
        text.contains("Returned by: a reverse proxy or gateway (nginx)"),
        "{text}"
    );
    assert_eq!(run(&["evidence", "/no/such/file"]).code, 2);
}

/// A 414's URL of 8 KB (Puma's, captured) is shown by its ends and its length on one line,
/// and kept whole in the JSON, where a script may want it.
#[test]
fn evidence_shows_a_huge_url_by_its_ends() {
    let file = repo("tests/fixtures/evidence-round19/puma-400-long-uri.txt");
    let text = run(&["evidence", &file]).stdout;
    let request = text
        .lines()
        .find(|l| l.starts_with("Request:"))
        .unwrap_or_else(|| panic!("no Request line:\n{text}"));
    assert!(
        request.contains("http://127.0.0.1:37018/api/accounts/1?q=bbb"),
        "{request}"
    );
    assert!(request.ends_with(" characters)"), "{request}");
    assert!(request.chars().count() < 260, "{request}");
    let v = json(&run(&["evidence", &file, "--json"]).stdout);
    assert!(
        v["url"].as_str().is_some_and(|u| u.len() > 4000),
        "{}",
        v["url"]
    );
}

/// The credential check on real captures (`tests/fixtures/evidence`): a request that sent no
/// token, Basic credentials (the user, never the password), an opaque token (its length
/// alone); the JSON names the headers sent, never their values.
#[test]
fn evidence_judges_the_credentials_with_the_response_on_real_captures() {
    let no_token = run(&[
        "evidence",
        &repo("tests/fixtures/evidence/nginx-401-auth-request-no-token.txt"),
    ])
    .stdout;
    assert!(
        no_token
            .contains("! not sent: the server asked for Bearer credentials and no token was sent;"),
        "{no_token}"
    );
    let basic_file = repo("tests/fixtures/evidence/apache-401-basic-auth-wrong-password.txt");
    let basic = run(&["evidence", &basic_file]).stdout;
    assert!(
        basic.contains("Token:       Basic auth, user admin (password not shown)")
            && basic.contains("! is Basic auth for user admin and was refused"),
        "{basic}"
    );
    // `-u admin:wrong`: neither the password nor its base64 reaches the screen.
    assert!(
        !basic.contains("YWRtaW46d3Jvbmc") && !basic.contains(":wrong"),
        "{basic}"
    );
    let v = json(&run(&["evidence", &basic_file, "--json"]).stdout);
    assert_eq!(v["credentials"]["request"], "sent");
    assert_eq!(v["credentials"]["sent"][0], "Authorization (Basic)");
    assert_eq!(v["credentials"]["presented"]["kind"], "basic");
    assert_eq!(v["credentials"]["presented"]["user"], "admin");
    assert_eq!(v["credentials"]["challenge"]["realm"], "Admin area");
    let opaque = run(&[
        "evidence",
        &repo("tests/fixtures/evidence/nginx-403-auth-request-bad-token.txt"),
        "--json",
    ]);
    let v = json(&opaque.stdout);
    assert_eq!(v["credentials"]["presented"]["length"], 3);
    assert!(
        v["credentials"]["findings"][0]
            .as_str()
            .is_some_and(|f| f.starts_with("is opaque (not a JWT, 3 characters)")),
        "{v}"
    );
    // Findings are wrapped to the card's width, continued under their text.
    for out in [&no_token, &basic] {
        let mut in_finding = false;
        for line in out.lines() {
            in_finding = line.starts_with("  ! ") || (in_finding && line.starts_with("    "));
            if in_finding {
                assert!(line.chars().count() <= 80, "too wide: {line}");
            }
        }
    }
}

#[test]
fn piped_evidence_starts_a_pre_answered_triage_session() {
    use std::io::Write as _;
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state");
    let mut child = Command::new(env!("CARGO_BIN_EXE_api-triage"))
        .arg("-")
        .current_dir(dir.path())
        .env("API_TRIAGE_STATE_DIR", &state)
        .env("HOME", dir.path())
        .env_remove("API_TRIAGE_RUNBOOKS")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let text = std::fs::read_to_string(repo(
        "tests/fixtures/evidence/haproxy-503-dead-upstream.txt",
    ))
    .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(text.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("Saved as triage session"));
    let journal = api_triage::session::Journal::new(&state);
    let session = journal.load(&journal.latest().unwrap()).unwrap();
    assert_eq!(session.code, Some(503));
    assert_eq!(
        session.interview.answers["layer"],
        api_triage::triage::Answer::Choice("gateway".into())
    );
    assert_eq!(
        session.notes[0].text,
        text.trim_end(),
        "the evidence is kept whole"
    );
}

#[test]
fn piped_evidence_follows_routes_and_checks_the_token_audience() {
    use base64::Engine as _;
    use std::io::Write as _;
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state");
    let enc = |s: &str| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(s);
    let token = format!(
        "{}.{}.{}",
        enc(r#"{"alg":"RS256"}"#),
        enc(r#"{"aud":"api://orders","exp":4102444800}"#),
        enc("sig")
    );
    let transcript = format!(
        "$ curl -sv https://api.example.com/v1/payments/42\n> GET /v1/payments/42 HTTP/1.1\n> Host: api.example.com\n\
         > Authorization: Bearer {token}\n< HTTP/1.1 401 Unauthorized\n< Date: Mon, 23 Nov 2026 09:00:00 GMT\n\
         < WWW-Authenticate: Bearer error=\"invalid_token\"\n<\n"
    );
    let mut child = Command::new(env!("CARGO_BIN_EXE_api-triage"))
        .arg("-")
        .current_dir(dir.path())
        .env("API_TRIAGE_STATE_DIR", &state)
        .env("API_TRIAGE_RUNBOOKS", repo("runbooks/examples"))
        .env("HOME", dir.path())
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(transcript.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("audience api://orders, but this API expects api://payments"),
        "{stdout}"
    );
    assert!(
        stdout.contains("Returned by: the identity layer"),
        "{stdout}"
    );
    let journal = api_triage::session::Journal::new(&state);
    let session = journal.load(&journal.latest().unwrap()).unwrap();
    assert_eq!(session.runbook, "Payments API", "the route picked the team");
    assert!(
        !stdout.contains(&token) || stdout.contains("decoded here"),
        "the token itself is not echoed in the analysis"
    );
}

/// Two `api-triage -` runs in the same second for the same code: two sessions, neither lost.
#[test]
fn piped_evidence_twice_at_once_makes_two_sessions() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state");
    let text = std::fs::read_to_string(repo(
        "tests/fixtures/evidence/haproxy-503-dead-upstream.txt",
    ))
    .unwrap();
    // Three processes started together, their stdin written from three threads.
    std::thread::scope(|scope| {
        let runs: Vec<_> = (0..3)
            .map(|_| {
                scope.spawn(|| {
                    let mut command = Command::new(env!("CARGO_BIN_EXE_api-triage"));
                    command
                        .arg("-")
                        .current_dir(dir.path())
                        .env("API_TRIAGE_STATE_DIR", &state)
                        .env("HOME", dir.path())
                        .env_remove("API_TRIAGE_RUNBOOKS");
                    crate::util::feed(command, &text)
                })
            })
            .collect();
        for run in runs {
            assert!(run.join().unwrap().status.success());
        }
    });
    let journal = api_triage::session::Journal::new(&state);
    let ids = journal.ids();
    assert_eq!(ids.len(), 3, "{ids:?}");
    for id in &ids {
        assert!(journal.load(id).is_ok(), "{id}");
    }
}

#[test]
fn sessions_rows_tell_triages_of_one_code_apart_and_say_which_are_exported() {
    use api_triage::session::{Journal, NoteTarget, Session};
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state");
    let journal = Journal::new(&state);
    let zone = jiff::tz::TimeZone::UTC;
    let new = |at: &str| {
        Session::new(
            at.parse().unwrap(),
            "Default",
            "embedded default",
            &[],
            Some(502),
        )
    };
    let mut titled = new("2026-11-23T09:00:00Z");
    titled.incident.title = "Checkout down".into();
    // As a terminal paste delivers it: CR line breaks.
    titled.add_evidence_note(
        NoteTarget::Incident,
        "< HTTP/1.1 502 Bad Gateway\r< Server: nginx/1.22.1\r<\r<html><center>nginx/1.22.1</center></html>\r",
        "2026-11-23T09:01:00Z".parse().unwrap(),
        &zone,
        api_triage::evidence::token::Expected::default(),
    );
    journal.save(&titled).unwrap();
    let mut untitled = new("2026-11-23T08:00:00Z");
    for text in ["restarted the ingress pods", "still failing"] {
        untitled.add_note(
            NoteTarget::Incident,
            text,
            "2026-11-23T08:05:00Z".parse().unwrap(),
            &zone,
        );
    }
    journal.save(&untitled).unwrap();
    let mut exported = new("2026-11-23T07:00:00Z");
    exported.incident.title = "Yesterday's outage".into();
    exported.exported = Some("2026-11-23T07:30:00Z".parse().unwrap());
    journal.save(&exported).unwrap();
    let state_arg = state.display().to_string();
    let r = run_in(dir.path(), &["--state-dir", &state_arg, "sessions"], &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let lines: Vec<&str> = r.stdout.lines().collect();
    let row = |id: &str| {
        let at = lines
            .iter()
            .position(|l| l.starts_with(id))
            .unwrap_or_else(|| panic!("no row for {id}:\n{}", r.stdout));
        (lines[at], lines[at + 1])
    };
    let (head, evidence) = row("20261123-090000-502");
    assert!(
        head.contains(" 502 ") && head.contains(" open ") && head.contains("1 note"),
        "{head}"
    );
    assert!(head.ends_with("Checkout down"), "{head}");
    assert!(
        evidence.contains("502 from a reverse proxy or gateway (nginx)"),
        "{evidence}"
    );
    let (head, evidence) = row("20261123-080000-502");
    assert!(
        head.contains("2 notes") && head.ends_with("(untitled)"),
        "{head}"
    );
    assert!(evidence.contains("no response read"), "{evidence}");
    let (head, _) = row("20261123-070000-502");
    assert!(head.contains(" exported "), "{head}");
    assert!(
        lines.iter().all(|l| l.chars().count() <= 80),
        "{}",
        r.stdout
    );
    // The state is in the JSON too.
    let v = json(
        &run_in(
            dir.path(),
            &["--state-dir", &state_arg, "sessions", "--json"],
            &[],
        )
        .stdout,
    );
    assert_eq!(v[0]["state"], "open");
    assert_eq!(v[2]["state"], "exported");
    assert_eq!(
        v[0]["first_evidence"],
        "502 from a reverse proxy or gateway (nginx): error page in the style of nginx"
    );
}

#[test]
fn sessions_says_a_newer_release_saved_a_file_and_says_it_whole() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state");
    std::fs::create_dir_all(&state).unwrap();
    std::fs::write(
        state.join("20261123-090000-502.json"),
        r#"{"schema_version": 99, "id": "20261123-090000-502", "something_new": true}"#,
    )
    .unwrap();
    let state_arg = state.display().to_string();
    let r = run_in(dir.path(), &["--state-dir", &state_arg, "sessions"], &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(!r.stdout.contains("DAMAGED"), "{}", r.stdout);
    // Wrapped at spaces, not cut: the end of the message, what to do, is there.
    let joined = r.stdout.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        joined.contains("was saved by a newer api-triage (session format 99; this one reads up to")
            && joined.contains("open it with that version"),
        "{}",
        r.stdout
    );
    for line in r.stdout.lines() {
        assert!(
            line.chars().count() <= 80 || !line.trim().contains(' '),
            "only a word longer than the line may pass 80 columns: {line}"
        );
    }
    let v = json(
        &run_in(
            dir.path(),
            &["--state-dir", &state_arg, "sessions", "--json"],
            &[],
        )
        .stdout,
    );
    assert_eq!(v[0]["state"], "newer");
}

#[test]
fn messages_wrap_at_spaces_and_keep_punctuation_with_its_word() {
    let refused = api_triage::session::JournalError::InUse {
        id: "20261123-090000-502".into(),
        pid: 28827,
    };
    let message = format!("api-triage: {refused}");
    // As a terminal 80 columns wide would cut it: ");" alone at the start of the next line.
    assert_eq!(message.chars().nth(80), Some(')'));
    for width in [40, 60, 80, 100] {
        let wrapped = api_triage::cli::wrap_message(&message, width, "  ");
        for line in wrapped.lines() {
            assert!(line.chars().count() <= width, "{width}: {line}");
            let start = line.trim_start().chars().next().unwrap();
            assert!(
                start.is_alphanumeric() || "(`".contains(start),
                "{width}: a line starts with punctuation: {line:?}"
            );
        }
        assert_eq!(
            wrapped.split_whitespace().collect::<Vec<_>>(),
            message.split_whitespace().collect::<Vec<_>>(),
            "every word kept, in order"
        );
    }
}

#[test]
fn evidence_on_an_alert_prints_what_it_read_and_json_adds_an_alert_object() {
    let dir = tempfile::tempdir().unwrap();
    // As a terminal or `jq -C` would leave it: CR line breaks, colour codes.
    let raw = std::fs::read_to_string(repo("tests/fixtures/alerts/pagerduty-event.json")).unwrap();
    let pasted = raw
        .replace('\n', "\r\n")
        .replace("\"payload\"", "\u{1b}[1;34m\"payload\"\u{1b}[0m");
    let file = dir.path().join("event.json");
    std::fs::write(&file, pasted).unwrap();
    let r = run_in(dir.path(), &["evidence", file.to_str().unwrap()], &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    for line in [
        "Alert:       PagerDuty event firing",
        "Title:       orders-api: HTTP 503 on POST /v1/orders above 4% for 5 minutes",
        "Severity:    error (SEV2 in the triage)",
        "Service:     orders-api",
        "Environment: prod",
        "First seen:  2026-12-03 02:40 UTC",
        "Code:        503 (from custom detail status_code=\"503\")",
    ] {
        assert!(r.stdout.contains(line), "{line} not in\n{}", r.stdout);
    }
    assert!(!r.stdout.contains("c4e1b2a79d0f43a8b6e5d1f20a9c7b38"));
    let r = run_in(
        dir.path(),
        &["evidence", "--json", file.to_str().unwrap()],
        &[],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(!r.stdout.contains("c4e1b2a79d0f43a8b6e5d1f20a9c7b38"));
    let value = json(&r.stdout);
    // The response fields stay, as for any evidence.
    assert!(value["status"].is_null() && value.get("returned_by").is_some());
    let alert = &value["alert"];
    assert_eq!(alert["source"], "pagerduty-event");
    assert_eq!(alert["state"], "firing");
    assert_eq!(alert["severity"], "error");
    assert_eq!(alert["incident_severity"], "SEV2");
    assert_eq!(alert["service"], "orders-api");
    assert_eq!(alert["environment"], "prod");
    assert_eq!(alert["started"], "2026-12-03T02:40:00.315Z");
    assert_eq!(alert["first_seen"], "2026-12-03 02:40 UTC");
    assert_eq!(alert["code"], 503);
    assert_eq!(alert["count"], 1);
    assert!(alert["summary"].is_null() && alert["other_names"] == serde_json::json!([]));
    assert!(
        alert["line"]
            .as_str()
            .unwrap()
            .starts_with("PagerDuty event firing: orders-api: HTTP 503"),
        "{alert}"
    );
    // A response is no alert: no `alert` key.
    let r = run_in(
        dir.path(),
        &[
            "evidence",
            "--json",
            &repo("tests/fixtures/evidence/haproxy-503-dead-upstream.txt"),
        ],
        &[],
    );
    assert!(json(&r.stdout).get("alert").is_none(), "{}", r.stdout);
}

#[test]
fn a_piped_alert_starts_a_triage_with_the_incident_filled_and_the_code_pre_answered() {
    use std::io::Write as _;
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state");
    let mut child = Command::new(env!("CARGO_BIN_EXE_api-triage"))
        .arg("-")
        .current_dir(dir.path())
        .env("API_TRIAGE_STATE_DIR", &state)
        .env("HOME", dir.path())
        .env_remove("API_TRIAGE_RUNBOOKS")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let text = std::fs::read_to_string(repo("tests/fixtures/alerts/alertmanager.json")).unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(text.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}");
    assert!(
        stdout.contains("Alert:       Alertmanager alert firing"),
        "{stdout}"
    );
    let journal = api_triage::session::Journal::new(&state);
    let session = journal.load(&journal.latest().unwrap()).unwrap();
    assert_eq!(session.code, Some(502));
    assert!(session.id.ends_with("-502"), "{}", session.id);
    assert_eq!(session.incident.severity, "SEV1");
    assert_eq!(session.incident.first_seen, "2026-12-03 02:40 UTC");
    assert_eq!(
        session.interview.answers["code"],
        api_triage::triage::Answer::Code(502)
    );
    assert_eq!(
        session.interview.source("code"),
        Some("the Alertmanager alert in the note at T+00:00")
    );
}

#[test]
fn timeline_prints_a_saved_session_in_time_order_redacted_in_every_format() {
    use api_triage::session::{EventKind, NoteTarget, Session};
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state");
    let journal = api_triage::session::Journal::new(&state);
    let utc = jiff::tz::TimeZone::UTC;
    let at = |t: &str| t.parse::<jiff::Timestamp>().unwrap();
    let mut s = Session::new(
        at("2026-11-23T09:00:00Z"),
        "Default HTTP API runbook",
        "embedded default",
        &[],
        Some(502),
    );
    s.add_note(
        NoteTarget::Incident,
        "curl -H 'Authorization: Bearer sk_live_51Habcdefghijklmnopqrstuv' https://api.example.com",
        at("2026-11-23T09:02:00Z"),
        &utc,
    );
    s.record(
        EventKind::Update {
            text: "=cmd|' /C calc'!A0 investigating, next update 09:45".into(),
            due: None,
        },
        at("2026-11-23T09:15:00Z"),
        &utc,
    );
    journal.create(&mut s).unwrap();
    let run = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_api-triage"))
            .args(args)
            .env("API_TRIAGE_STATE_DIR", &state)
            .env("HOME", dir.path())
            .env("TZ", "UTC")
            .env_remove("API_TRIAGE_RUNBOOKS")
            .output()
            .unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (code, md, _) = run(&["timeline"]);
    assert_eq!(code, Some(0));
    let rows: Vec<&str> = md.lines().collect();
    assert_eq!(rows.len(), 5, "{md}");
    assert!(rows[2].contains("| start | triage started (502) |"), "{md}");
    assert!(rows[3].contains("| note | incident: curl -H"), "{md}");
    assert!(
        rows[4].contains("| update | status update copied: "),
        "{md}"
    );
    let (_, csv, _) = run(&["timeline", "--format", "csv", "--kind", "update"]);
    assert_eq!(csv.lines().count(), 2, "{csv}");
    assert!(
        csv.contains(",update,\"status update copied: =cmd"),
        "{csv}"
    );
    let (_, json, _) = run(&["timeline", "--format", "json", "--kind", "note"]);
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(value["entries"].as_array().unwrap().len(), 1);
    assert_eq!(value["entries"][0]["note"], 1);
    for text in [&md, &csv, &json] {
        assert!(!text.contains("sk_live_51H"), "{text}");
    }
    let (code, _, err) = run(&["timeline", "--kind", "bogus"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("no kind of event is called `bogus`"), "{err}");
}
